/**
 * POST /v1/feedback?async=true against the real NATS JetStream server: 202 with a job id whose
 * progress GET /v1/jobs/:id reports as a worker processes it, 503 with Retry-After over the
 * configured queue depth or without a queue, and the synchronous path unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueConnection } from '../../src/queue/connection.js';
import { startWorker } from '../../src/queue/worker.js';
import { buildTestApp, testEngine, type TestApp } from '../server/helpers.js';
import { connectTestQueue, makeRecords, removeQueue, TEST_NATS_URL, uniqueNamespace, waitFor } from './support.js';

const MAX_DEPTH = 50;

describe('POST /v1/feedback?async=true', () => {
  const namespace = uniqueNamespace();
  let test: TestApp;
  let queue: QueueConnection;

  beforeAll(async () => {
    queue = await connectTestQueue(namespace);
    test = await buildTestApp({ VERBATIM_QUEUE_URL: TEST_NATS_URL, VERBATIM_QUEUE_NAMESPACE: namespace, VERBATIM_QUEUE_MAX_DEPTH: String(MAX_DEPTH) });
  });

  afterAll(async () => {
    await test?.close();
    if (queue) await removeQueue(queue);
  });

  it('answers 202 with a job id, then reports the job through GET /v1/jobs/:id as a worker runs it', async () => {
    const records = makeRecords(30, 'async-');
    const response = await test.app.inject({ method: 'POST', url: '/v1/feedback?async=true', payload: records });
    expect(response.statusCode).toBe(202);
    const body = response.json<{ jobId: string; status: string; total: number }>();
    expect(body).toEqual({ jobId: expect.any(String), status: 'queued', total: 30 });
    expect(response.headers.location).toBe(`/v1/jobs/${body.jobId}`);

    const queued = await test.app.inject({ method: 'GET', url: `/v1/jobs/${body.jobId}` });
    expect(queued.json()).toMatchObject({ id: body.jobId, kind: 'ingest', status: 'queued', progress: 0, total: 30 });
    expect(await queue.depth()).toBe(30);

    // Over the limit: 30 queued + 30 more > 50.
    const full = await test.app.inject({ method: 'POST', url: '/v1/feedback?async=true', payload: makeRecords(30, 'late-') });
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toBe('10');
    expect(full.json().error.code).toBe('VERBATIM_E_QUEUE_FULL');
    expect(full.json().error.message).toContain('holds 30 messages and 30 more would pass its limit of 50');

    const engine = await testEngine();
    const worker = startWorker({ queue, store: test.store, engine: async () => engine, maxDeliver: 3, ackWaitMs: 5_000, batchSize: 8, log: () => undefined });
    try {
      await waitFor('the job to succeed', async () => {
        const job = (await test.app.inject({ method: 'GET', url: `/v1/jobs/${body.jobId}` })).json<{ status: string }>();
        return job.status === 'succeeded' ? job : undefined;
      });
    } finally {
      await worker.stop();
    }
    const done = (await test.app.inject({ method: 'GET', url: `/v1/jobs/${body.jobId}` })).json();
    expect(done).toMatchObject({ status: 'succeeded', progress: 30, total: 30, error: null, finishedAt: expect.any(String) });
    const stored = await test.app.inject({ method: 'GET', url: '/v1/feedback/async-7' });
    expect(stored.statusCode).toBe(200);
    expect(stored.json().result.sentiment).toBeDefined();
    expect(await queue.depth()).toBe(0);
  });

  it('still ingests synchronously without async (or with async=false)', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/v1/feedback?async=false', payload: makeRecords(2, 'sync-') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ inserted: 2, updated: 0, failed: [] });
  });

  it('rejects an async value that is not a boolean', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/v1/feedback?async=maybe', payload: makeRecords(1) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_VALIDATION');
    expect(response.json().error.message).toContain('querystring');
  });

  it('answers 503 with Retry-After when no queue is configured', async () => {
    const plain = await buildTestApp();
    try {
      const response = await plain.app.inject({ method: 'POST', url: '/v1/feedback?async=true', payload: makeRecords(1) });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().error.code).toBe('VERBATIM_E_QUEUE_UNAVAILABLE');
      expect(response.json().error.message).toContain('VERBATIM_QUEUE_URL');
    } finally {
      await plain.close();
    }
  });
});
