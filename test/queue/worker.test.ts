/**
 * `verbatim worker` processes against the real NATS JetStream server and a real store: a worker
 * killed with SIGKILL mid-batch loses and duplicates nothing, two workers share a job without
 * processing a message twice, and a poison message lands in the dead-letter queue with its error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type FeedbackStore } from '../../src/store/index.js';
import type { QueueConnection } from '../../src/queue/connection.js';
import { listDeadLetters } from '../../src/queue/dead-letter.js';
import { messageId } from '../../src/queue/messages.js';
import { enqueueIngest } from '../../src/queue/producer.js';
import {
  connectTestQueue,
  createTestStore,
  makeRecords,
  removeQueue,
  spawnWorker,
  uniqueNamespace,
  waitFor,
  type TestStore,
  type WorkerProcess,
} from './support.js';

/** Short ack wait so a killed worker's batch comes back within the test's time. */
const ACK_WAIT_SECONDS = 2;
/**
 * Per-test limit: each test takes ~6-12 s (worker start-up included), but the whole suite runs
 * in parallel on 2 cores; the margin keeps a loaded CI machine from failing a correct run.
 */
const TEST_TIMEOUT_MS = 60_000;
/** How long a job may take to finish before the test gives up. */
const JOB_TIMEOUT_MS = 45_000;

/** Every stored id, page by page (the listing has no duplicates unless the table does). */
async function storedIds(store: FeedbackStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listFeedback({}, { limit: 500, cursor });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

async function stopGracefully(worker: WorkerProcess): Promise<Record<string, number>> {
  worker.child.kill('SIGTERM');
  const { code } = await worker.exited;
  expect(code).toBe(0);
  const totals = worker.totals();
  expect(totals).not.toBeNull();
  return totals!;
}

describe('verbatim worker', () => {
  let testStore: TestStore;
  let store: FeedbackStore;
  let queue: QueueConnection;
  const namespace = uniqueNamespace();
  const workers: WorkerProcess[] = [];
  const start = (flags: string[] = []): WorkerProcess => {
    const worker = spawnWorker(namespace, testStore.location, ['--ack-wait', String(ACK_WAIT_SECONDS), ...flags]);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    queue = await connectTestQueue(namespace, { ackWaitMs: ACK_WAIT_SECONDS * 1000 });
    testStore = await createTestStore();
    store = await openStore(testStore.location);
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await store?.close();
    await testStore?.cleanup();
    if (queue) await removeQueue(queue);
  });

  it('loses and duplicates nothing when a worker is killed mid-batch and another takes over', async () => {
    const records = makeRecords(300, 'kill-');
    const job = await enqueueIngest(queue, store, records);
    const first = start(['--batch-size', '20']);
    // Kill while the worker holds delivered-but-unacknowledged messages: a batch in flight.
    await waitFor('a batch in flight after the first write', async () => {
      const [stored, consumer] = await Promise.all([store.countFeedback(), queue.jsm.consumers.info(queue.names.workStream, queue.names.consumer)]);
      return stored > 0 && stored < records.length && consumer.num_ack_pending > 0 ? true : undefined;
    }, JOB_TIMEOUT_MS);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const storedAtKill = await store.countFeedback();
    expect(storedAtKill).toBeLessThan(records.length);

    const second = start(['--batch-size', '20']);
    const finished = await waitFor('the job to succeed', async () => {
      const row = await store.getJob(job.id);
      return row?.status === 'succeeded' ? row : undefined;
    }, JOB_TIMEOUT_MS);
    const totals = await stopGracefully(second);

    expect(finished).toMatchObject({ progress: records.length, total: records.length, error: null });
    const ids = await storedIds(store);
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids)).toEqual(new Set(records.map((record) => record.id)));
    // The killed worker's unacknowledged batch came back to the second worker.
    expect(totals.redelivered).toBeGreaterThan(0);
    expect(totals.stored).toBeGreaterThanOrEqual(records.length - storedAtKill);
    expect(await queue.remaining(job.id)).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('shares a job between two workers without processing any message twice', async () => {
    const records = makeRecords(400, 'pair-');
    const job = await enqueueIngest(queue, store, records);
    // The default ack wait: this test is about sharing, not about how fast a dead worker's
    // messages come back.
    const flags = ['--batch-size', '16', '--ack-wait', '30'];
    const pair = [start([...flags, '--concurrency', '1']), start([...flags, '--concurrency', '2'])];
    await waitFor('the job to succeed', async () => ((await store.getJob(job.id))?.status === 'succeeded' ? true : undefined), JOB_TIMEOUT_MS);
    const totals = await Promise.all(pair.map(stopGracefully));

    // Each message was acknowledged by exactly one worker: the writes add up to the records.
    expect(totals[0]!.stored + totals[1]!.stored).toBe(records.length);
    // No message went to a second worker behind a live one's back: every redelivery was a retry
    // the workers asked for (none on PostgreSQL; SQLite answers "database is locked" to
    // concurrent writers now and then, and those batches are retried).
    const sum = (key: string) => totals[0]![key]! + totals[1]![key]!;
    expect(sum('redelivered')).toBe(sum('retried'));
    const ids = (await storedIds(store)).filter((id) => id.startsWith('pair-'));
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids).size).toBe(records.length);
  }, TEST_TIMEOUT_MS);

  it('dead-letters a poison message with its error after --max-deliver deliveries, and stores the rest', async () => {
    const records = makeRecords(10, 'poison-');
    records[3] = { ...records[3]!, date: 'yesterday' }; // a rejected record, not a poison message
    const job = await enqueueIngest(queue, store, records);
    // Two messages no worker can process, on the job's subject: bytes that are not JSON, and JSON
    // that is not a job message.
    const subject = queue.names.workSubject(job.id);
    await queue.js.publish(subject, new TextEncoder().encode('{"v":1,"kind":"ingest",'), { msgID: messageId(job.id, 10) });
    await queue.js.publish(subject, new TextEncoder().encode('{"hello":"world"}'), { msgID: messageId(job.id, 11) });
    await store.updateJob(job.id, { total: records.length + 2 });

    const worker = start(['--max-deliver', '3', '--retry-delay', '50']);
    const finished = await waitFor('the job to succeed', async () => {
      const row = await store.getJob(job.id);
      return row?.status === 'succeeded' ? row : undefined;
    }, JOB_TIMEOUT_MS);
    const totals = await stopGracefully(worker);

    const letters = await listDeadLetters(queue, job.id);
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter.deliveries).toBe(3);
      expect(letter.error.code).toBe('VERBATIM_E_QUEUE_MESSAGE');
      expect(letter.jobId).toBe(job.id);
    }
    expect(letters.map((letter) => letter.data).sort()).toEqual(['{"hello":"world"}', '{"v":1,"kind":"ingest",'].sort());
    expect(letters.find((letter) => letter.data.startsWith('{"v"'))!.error.message).toMatch(/not JSON/);
    expect(totals).toMatchObject({ deadLettered: 2, rejected: 1, stored: 9, retried: 4 });
    expect(finished.progress).toBe(12);
    expect(finished.error?.code).toBe('VERBATIM_E_JOB_RECORDS_FAILED');
    expect(finished.error?.message).toMatch(/^3 of 12 records failed \(1 rejected, 2 dead-lettered\); last: record #3 \(id "poison-4"\): VERBATIM_E_INVALID_FEEDBACK/);
    expect(await store.getFeedback('poison-4')).toBeNull();
    expect(await store.getFeedback('poison-5')).not.toBeNull();
  }, TEST_TIMEOUT_MS);
});
