/**
 * A message whose every delivery dies with its worker (no ack, no nak) must not stay in the
 * queue forever: the delivery after the last allowed one dead-letters it with
 * VERBATIM_E_DELIVERY_LIMIT. Real NATS JetStream; the dying workers are pulls that never settle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsMsg } from '@nats-io/jetstream';
import { openStore, type FeedbackStore } from '../../src/store/index.js';
import type { QueueConnection } from '../../src/queue/connection.js';
import { listDeadLetters } from '../../src/queue/dead-letter.js';
import { enqueueIngest } from '../../src/queue/producer.js';
import { startWorker } from '../../src/queue/worker.js';
import { testEngine } from '../server/helpers.js';
import { connectTestQueue, createTestStore, makeRecords, pullOne, removeQueue, uniqueNamespace, waitFor, type TestStore } from './support.js';

const MAX_DELIVER = 2;
const ACK_WAIT_MS = 1_000;

describe('delivery limit', () => {
  const namespace = uniqueNamespace();
  let testStore: TestStore;
  let store: FeedbackStore;
  let queue: QueueConnection;

  beforeAll(async () => {
    queue = await connectTestQueue(namespace, { ackWaitMs: ACK_WAIT_MS, maxDeliver: MAX_DELIVER });
    testStore = await createTestStore();
    store = await openStore(testStore.location);
  });

  afterAll(async () => {
    await store?.close();
    await testStore?.cleanup();
    if (queue) await removeQueue(queue);
  });

  it('dead-letters a message that was delivered --max-deliver times without ever being settled', async () => {
    const job = await enqueueIngest(queue, store, makeRecords(1, 'crash-'));
    const consumer = await queue.js.consumers.get(queue.names.workStream, queue.names.consumer);
    // Two "workers" that take the message and die: no ack, no nak, so it comes back after the ack wait.
    for (let delivery = 1; delivery <= MAX_DELIVER; delivery++) {
      const message = await waitFor<JsMsg>(`delivery ${delivery}`, () => pullOne(consumer, 2_000));
      expect(message.info.deliveryCount).toBe(delivery);
    }

    const engine = await testEngine();
    const worker = startWorker({ queue, store, engine: async () => engine, maxDeliver: MAX_DELIVER, ackWaitMs: ACK_WAIT_MS, log: () => undefined });
    try {
      await waitFor('the job to finish', async () => ((await store.getJob(job.id))?.status === 'succeeded' ? true : undefined));
    } finally {
      expect((await worker.stop()).deadLettered).toBe(1);
    }
    const [letter, ...others] = await listDeadLetters(queue, job.id);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ deliveries: MAX_DELIVER + 1, jobId: job.id, error: { code: 'VERBATIM_E_DELIVERY_LIMIT' } });
    expect(letter!.error.message).toContain(`delivered ${MAX_DELIVER} times without being acknowledged`);
    expect(JSON.parse(letter!.data)).toMatchObject({ kind: 'ingest', index: 0, record: { id: 'crash-1' } });
    expect(await store.getFeedback('crash-1')).toBeNull();
    expect((await store.getJob(job.id))!.error!.message).toMatch(/^1 of 1 records failed \(0 rejected, 1 dead-lettered\)$/);
  });
});
