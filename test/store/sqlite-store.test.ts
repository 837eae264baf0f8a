import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isPostgresUrl, openSqliteStore, openStore, type FeedbackStore } from '../../src/store/index.js';
import { record, temporaryDatabase } from './fixtures.js';

const cleanups: (() => void)[] = [];
const stores: FeedbackStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function freshStore(): Promise<{ store: FeedbackStore; file: string }> {
  const database = temporaryDatabase();
  cleanups.push(database.cleanup);
  const store = await openSqliteStore(database.file);
  stores.push(store);
  return { store, file: database.file };
}

function rowCounts(file: string): Record<string, number> {
  const db = new Database(file);
  const count = (table: string): number => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  // Throws when the full-text index disagrees with the feedback text it was built from.
  db.exec("INSERT INTO feedback_search (feedback_search, rank) VALUES ('integrity-check', 1)");
  const counts = { feedback: count('feedback'), themes: count('feedback_themes'), stages: count('feedback_stages') };
  db.close();
  return counts;
}

describe('sqlite store', () => {
  it('creates the file and its folder, in WAL mode', async () => {
    const { file } = await freshStore();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps data across close and reopen', async () => {
    const database = temporaryDatabase();
    cleanups.push(database.cleanup);
    const first = await openSqliteStore(database.file);
    await first.upsertFeedback([
      record('a', { text: 'The courier was late', sentiment: -0.6, themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.6, evidence: [{ start: 4, end: 11 }] }] }),
    ]);
    await first.close();
    const second = await openSqliteStore(database.file);
    stores.push(second);
    const item = await second.getFeedback('a');
    expect(item?.text).toBe('The courier was late');
    expect(item?.date).toBe('2026-03-01T00:00:00.000Z');
    expect(item?.result.themes[0]?.evidence).toEqual([{ start: 4, end: 11 }]);
    expect(await second.countFeedback()).toBe(1);
  });

  it('upserting the same ids twice yields the same counts', async () => {
    const { store, file } = await freshStore();
    const batch = [
      record('a', { themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.5 }] }),
      record('b', { themes: [{ id: 'app-crash', stage: 'product', score: -0.7 }, { id: 'refund', stage: 'billing', score: -0.2 }] }),
      record('c'),
    ];
    expect(await store.upsertFeedback(batch)).toEqual({ inserted: 3, updated: 0 });
    const before = rowCounts(file);
    expect(await store.upsertFeedback(batch)).toEqual({ inserted: 0, updated: 3 });
    expect(rowCounts(file)).toEqual(before);
    expect(before).toEqual({ feedback: 3, themes: 3, stages: 3 });
  });

  it('counts a repeated id within one batch once (last write wins)', async () => {
    const { store } = await freshStore();
    const summary = await store.upsertFeedback([record('a', { text: 'first' }), record('a', { text: 'second' })]);
    expect(summary).toEqual({ inserted: 1, updated: 1 });
    expect((await store.getFeedback('a'))?.text).toBe('second');
    expect(await store.countFeedback()).toBe(1);
  });

  it('an update replaces the theme and stage rows and keeps createdAt', async () => {
    const { store, file } = await freshStore();
    await store.upsertFeedback([record('a', { themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.5 }, { id: 'refund', stage: 'billing', score: -0.3 }] })]);
    const created = (await store.getFeedback('a'))!.createdAt;
    await store.upsertFeedback([record('a', { themes: [{ id: 'app-crash', stage: 'product', score: -0.8 }] })]);
    expect(await store.countByTheme()).toEqual([{ themeId: 'app-crash', label: 'app crash', stage: 'product', count: 1, meanSentiment: -0.8 }]);
    expect(await store.countFeedback({ theme: 'delivery-speed' })).toBe(0);
    expect(await store.countFeedback({ stage: 'billing' })).toBe(0);
    expect(await store.countFeedback({ stage: 'product' })).toBe(1);
    expect((await store.getFeedback('a'))!.createdAt).toBe(created);
    expect(rowCounts(file)).toEqual({ feedback: 1, themes: 1, stages: 1 });
  });

  it('an update re-indexes the text for search', async () => {
    const { store } = await freshStore();
    await store.upsertFeedback([record('a', { text: 'parcel arrived broken' })]);
    await store.upsertFeedback([record('a', { text: 'refund never came' })]);
    expect(await store.countFeedback({ query: 'parcel' })).toBe(0);
    expect(await store.countFeedback({ query: 'refund' })).toBe(1);
  });

  it('rejects a whole batch when one record is invalid, writing nothing', async () => {
    const { store } = await freshStore();
    await expect(store.upsertFeedback([record('a'), record('b', { date: '2026-02-30' })])).rejects.toMatchObject({
      code: 'VERBATIM_E_INVALID_FEEDBACK',
      status: 400,
    });
    expect(await store.countFeedback()).toBe(0);
  });

  it('returns facts for the metric functions, oldest first, with themes', async () => {
    const { store } = await freshStore();
    await store.upsertFeedback([
      record('late', { date: '2026-05-02', score: 3, scoreType: 'nps', segment: 'smb', accountId: 'acc-1', revenue: 1200, sentiment: -0.6, churnRisk: 0.7, themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.6 }], language: 'fr' }),
      record('early', { date: '2026-05-01T09:30:00+02:00', score: 10, scoreType: 'nps', sentiment: 0.8 }),
    ]);
    expect(await store.facts()).toEqual([
      { id: 'early', date: '2026-05-01T07:30:00.000Z', score: 10, scoreType: 'nps', revenue: null, churnRisk: 0, language: 'en', sentiment: { label: 'positive', score: 0.8 }, themes: [] },
      {
        id: 'late', date: '2026-05-02T00:00:00.000Z', score: 3, scoreType: 'nps', segment: 'smb', accountId: 'acc-1', revenue: 1200, churnRisk: 0.7, language: 'fr',
        sentiment: { label: 'negative', score: -0.6 },
        themes: [{ id: 'delivery-speed', label: 'delivery speed', stage: 'delivery', sentimentScore: -0.6, sentimentLabel: 'negative' }],
      },
    ]);
    expect((await store.facts({ segment: 'smb' })).map((fact) => fact.id)).toEqual(['late']);
  });

  it('aggregates theme counts and mean sentiment in SQL, most mentioned first', async () => {
    const { store } = await freshStore();
    await store.upsertFeedback([
      record('a', { segment: 'smb', themes: [{ id: 'refund', stage: 'billing', score: -0.4 }, { id: 'app-crash', stage: 'product', score: -0.9 }] }),
      record('b', { segment: 'smb', themes: [{ id: 'refund', stage: 'billing', score: 0.2 }] }),
      record('c', { segment: 'enterprise', themes: [{ id: 'app-crash', stage: 'product', score: -0.5 }] }),
    ]);
    const counts = await store.countByTheme({ segment: 'smb' });
    expect(counts.map(({ themeId, count }) => [themeId, count])).toEqual([['refund', 2], ['app-crash', 1]]);
    expect(counts[0]!.meanSentiment).toBeCloseTo(-0.1, 10);
  });

  it('returns null for an unknown id', async () => {
    const { store } = await freshStore();
    expect(await store.getFeedback('missing')).toBeNull();
  });

  it('reports use after close as VERBATIM_E_STORE', async () => {
    const database = temporaryDatabase();
    cleanups.push(database.cleanup);
    const store = await openSqliteStore(database.file);
    await store.close();
    await expect(store.countFeedback()).rejects.toMatchObject({ code: 'VERBATIM_E_STORE' });
  });

  it('openStore opens SQLite for paths (postgres:// URLs go to PostgreSQL, see postgres-store.test.ts)', async () => {
    const store = await openStore(':memory:');
    stores.push(store);
    expect(await store.countFeedback()).toBe(0);
    expect(isPostgresUrl('postgresql://db/verbatim')).toBe(true);
    expect(isPostgresUrl('data/postgres.db')).toBe(false);
  });
});
