/**
 * With VERBATIM_QUEUE_URL set, activating a taxonomy re-tags stored feedback through the queue
 * (one message per record, consumed by workers) instead of in the API process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueConnection } from '../../src/queue/connection.js';
import { startWorker } from '../../src/queue/worker.js';
import { buildTestApp, parcelTaxonomy, testEngine, type TestApp } from '../server/helpers.js';
import { connectTestQueue, makeRecords, removeQueue, TEST_NATS_URL, uniqueNamespace, waitFor } from './support.js';

const TAXONOMY = parcelTaxonomy('queued-retail');

describe('taxonomy activation with a queue configured', () => {
  const namespace = uniqueNamespace();
  let test: TestApp;
  let queue: QueueConnection;

  beforeAll(async () => {
    queue = await connectTestQueue(namespace);
    test = await buildTestApp({ VERBATIM_QUEUE_URL: TEST_NATS_URL, VERBATIM_QUEUE_NAMESPACE: namespace });
    const stored = await test.app.inject({ method: 'POST', url: '/v1/feedback', payload: makeRecords(12, 'retag-') });
    expect(stored.json()).toMatchObject({ inserted: 12, failed: [] });
  });

  afterAll(async () => {
    await test?.close();
    if (queue) await removeQueue(queue);
  });

  it('queues one message per stored record as a queued-retag job that workers complete', async () => {
    const response = await test.app.inject({ method: 'PUT', url: '/v1/taxonomies/queued-retail?activate=true', payload: TAXONOMY });
    expect(response.statusCode).toBeLessThan(300);
    const job = response.json<{ job: { id: string; kind: string } }>().job;
    expect(job.kind).toBe('queued-retag');
    expect(await queue.depth()).toBe(12);

    const engine = await testEngine();
    const worker = startWorker({ queue, store: test.store, engine: async () => engine, maxDeliver: 3, ackWaitMs: 5_000, batchSize: 8, log: () => undefined });
    try {
      const done = await waitFor('the re-tag job to succeed', async () => {
        const current = (await test.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}` })).json<{ status: string; progress: number; total: number }>();
        return current.status === 'succeeded' ? current : undefined;
      });
      expect(done).toMatchObject({ progress: 12, total: 12 });
    } finally {
      await worker.stop();
    }
    expect(await queue.depth()).toBe(0);
  });
});
