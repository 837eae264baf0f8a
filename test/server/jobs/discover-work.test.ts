import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type FeedbackStore } from '../../../src/store/index.js';
import { DiscoveryResults, discoverWork, type DiscoveryJobParams } from '../../../src/server/jobs/discover.js';
import type { StoredJob } from '../../../src/store/index.js';
import { record, temporaryDatabase } from '../../store/fixtures.js';
import { testEngine } from '../helpers.js';

const TEXTS = ['the parcel locker code never arrived', 'the app crashes when I open my basket', 'the staff member was rude to me'];

/** Runs a discovery job's work directly; returns its progress reports and stored result. */
async function runDiscovery(store: FeedbackStore, maxChars: number) {
  const results = new DiscoveryResults();
  const reports: [number, number | null | undefined][] = [];
  const params: DiscoveryJobParams = { sampleSize: 500, maxThemes: 3, seed: 1, filter: {} };
  const work = discoverWork(store, testEngine, results, async () => 'default', maxChars);
  await work({ job: { id: 'job-1', params } as unknown as StoredJob, report: async (progress, total) => void reports.push([progress, total]), cancelled: () => false });
  return { reports, result: results.get('job-1') };
}

describe('discovery job work', () => {
  let store: FeedbackStore;
  let cleanup: () => void;
  beforeAll(async () => {
    const database = temporaryDatabase();
    cleanup = database.cleanup;
    store = await openStore(database.file);
    await store.upsertFeedback(Array.from({ length: 60 }, (_, index) => record(`r${index}`, { text: `${TEXTS[index % 3]} (${index})` })));
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it('reads every stored comment when they fit the character budget', async () => {
    const { result, reports } = await runDiscovery(store, 4_000_000);
    expect(result?.records).toBe(60);
    expect(reports.at(-1)).toEqual([60, undefined]);
  });

  it('stops reading at the character budget, and reports the shorter sample as the total', async () => {
    // ~40 characters a comment: a 1,000-character budget is reached at the 25th or 26th.
    const { result, reports } = await runDiscovery(store, 1_000);
    expect(result!.records).toBeGreaterThanOrEqual(24);
    expect(result!.records).toBeLessThanOrEqual(27);
    expect(reports.at(-1)).toEqual([result!.records, result!.records]);
  });
});
