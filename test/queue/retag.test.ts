/**
 * Re-tagging through the queue against the real NATS JetStream server and the test store: every
 * stored record is re-analyzed by a worker with the newly active taxonomy, and a newer re-tag
 * cancels an older one and purges its messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFeedback } from '../../src/server/ingest.js';
import { createTaxonomyEngines } from '../../src/server/jobs/taxonomy-engines.js';
import { openStore, type FeedbackStore } from '../../src/store/index.js';
import type { QueueConnection } from '../../src/queue/connection.js';
import { enqueueRetag, QUEUED_RETAG_JOB_KIND } from '../../src/queue/retag.js';
import { startWorker } from '../../src/queue/worker.js';
import { parcelTaxonomy, testEngine } from '../server/helpers.js';
import { connectTestQueue, createTestStore, makeRecords, removeQueue, uniqueNamespace, waitFor, type TestStore } from './support.js';

const PARCELS = parcelTaxonomy('parcels-test');

describe('queued re-tag', () => {
  const namespace = uniqueNamespace();
  let testStore: TestStore;
  let store: FeedbackStore;
  let queue: QueueConnection;

  beforeAll(async () => {
    queue = await connectTestQueue(namespace);
    testStore = await createTestStore();
    store = await openStore(testStore.location);
  });

  afterAll(async () => {
    await store?.close();
    await testStore?.cleanup();
    if (queue) await removeQueue(queue);
  });

  it('re-analyzes every stored record with the active taxonomy, superseding an older re-tag', async () => {
    const engine = await testEngine();
    const records = makeRecords(40, 'retag-');
    expect((await ingestFeedback(engine, store, records)).inserted).toBe(40);
    const courier = records.find((record) => record.text.includes('courier'))!;
    expect((await store.getFeedback(courier.id))!.result.themes.map((theme) => theme.id)).not.toContain('parcel-delay');

    await store.putTaxonomy(PARCELS.id, PARCELS);
    await store.setActiveTaxonomy(PARCELS.id);
    const older = await enqueueRetag(queue, store, { taxonomyId: PARCELS.id });
    expect(await queue.remaining(older.id)).toBe(40);
    const newer = await enqueueRetag(queue, store, { taxonomyId: PARCELS.id });
    expect(newer).toMatchObject({ kind: QUEUED_RETAG_JOB_KIND, status: 'queued', total: 40 });
    expect((await store.getJob(older.id))!.status).toBe('cancelled');
    expect(await queue.remaining(older.id)).toBe(0);
    expect(await queue.depth()).toBe(40);

    const engines = createTaxonomyEngines(store, engine);
    const worker = startWorker({ queue, store, engine: () => engines.resolve(), maxDeliver: 3, ackWaitMs: 5_000, batchSize: 16, log: () => undefined });
    try {
      const done = await waitFor('the re-tag to succeed', async () => {
        const job = await store.getJob(newer.id);
        return job?.status === 'succeeded' ? job : undefined;
      });
      expect(done).toMatchObject({ progress: 40, total: 40, error: null });
    } finally {
      expect((await worker.stop()).stored).toBe(40);
      await engines.close();
    }
    expect((await store.getFeedback(courier.id))!.result.themes.map((theme) => theme.id)).toContain('parcel-delay');
    expect(await store.countFeedback()).toBe(40);
  });
});
