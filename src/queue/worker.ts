/**
 * The worker loop behind `verbatim worker`: `concurrency` lanes, each pulling a batch from the
 * shared durable consumer, processing it (process-batch.ts) and updating the jobs it touched.
 * Any number of worker processes on any host pull from the same consumer; JetStream hands each
 * message to one of them and redelivers it when its worker dies before the ack.
 *
 * While a batch is processed its messages get a `working()` heartbeat every third of the ack
 * wait, so a slow batch is not redelivered to another worker while this one is still alive.
 */
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueConnection } from './connection.js';
import { reconcileJob } from './job-progress.js';
import { processBatch, type BatchContext } from './process-batch.js';
import { DEFAULT_WORKER_BATCH_SIZE, DEFAULT_WORKER_CONCURRENCY } from './defaults.js';

/**
 * How long a pull waits for a batch to fill before returning what it has (JetStream's minimum is
 * 1 s): the longest a lone message waits for company on an idle queue.
 */
export const FETCH_EXPIRES_MS = 1_000;
/** Pause after a failed pull (queue server restarting) before pulling again. */
export const PULL_RETRY_DELAY_MS = 1_000;
/** Interval of the progress log line. */
export const PROGRESS_INTERVAL_MS = 10_000;

/**
 * The messages of one pull. A pull can end in an error after some messages arrived: nats.js stops
 * a fetch with "heartbeats missed" when the client misses two idle heartbeats, which a starved
 * event loop does. Those messages are this worker's; dropping them would bring each back after the
 * ack wait with one more delivery, and enough such pulls would dead-letter a healthy message. So
 * they are kept (`onEndedEarly` is told) and only a pull that brought nothing rethrows.
 */
export async function collectPull(
  messages: AsyncIterable<JsMsg>,
  onEndedEarly: (error: unknown, kept: number) => void,
): Promise<JsMsg[]> {
  const batch: JsMsg[] = [];
  try {
    for await (const message of messages) batch.push(message);
  } catch (error) {
    if (batch.length === 0) throw error;
    onEndedEarly(error, batch.length);
  }
  return batch;
}

export interface WorkerOptions extends BatchContext {
  batchSize?: number;
  /** Batches in flight at once in this process (analysis of one overlaps I/O of another). */
  concurrency?: number;
  /** The consumer's ack wait; heartbeats go out every third of it. */
  ackWaitMs: number;
  progressIntervalMs?: number;
}

/** Running totals of one worker process. */
export interface WorkerTotals {
  batches: number;
  stored: number;
  rejected: number;
  deadLettered: number;
  retried: number;
  redelivered: number;
  /** Seconds spent in engine.analyzeBatch, in the store's upsert, and on whole batches (both, plus queue and job updates). */
  analyzeSeconds: number;
  writeSeconds: number;
  batchSeconds: number;
}

const seconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/** The context with analysis and upsert timed into `totals`, to show where a batch's time goes. */
function timed(options: WorkerOptions, totals: WorkerTotals): WorkerOptions {
  const store = new Proxy(options.store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== 'upsertFeedback' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        try {
          return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          totals.writeSeconds += seconds(started);
        }
      };
    },
  });
  const engine = async () => {
    const resolved = await options.engine();
    return new Proxy(resolved, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property !== 'analyzeBatch' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            totals.analyzeSeconds += seconds(started);
          }
        };
      },
    });
  };
  return { ...options, store, engine };
}

export interface RunningWorker {
  totals(): WorkerTotals;
  /** Stops pulling, hands back fetched-but-unstarted messages, finishes the batches in flight. */
  stop(): Promise<WorkerTotals>;
  /** Resolves when every lane has ended (after stop()). */
  done: Promise<WorkerTotals>;
}

/**
 * Starts the lanes and returns at once.
 * @example
 * const worker = startWorker({ queue, store, engine: () => engines.resolve(), maxDeliver: 5, ackWaitMs: 30_000, log });
 * process.on('SIGTERM', () => void worker.stop());
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const batchSize = options.batchSize ?? DEFAULT_WORKER_BATCH_SIZE;
  const concurrency = options.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  const totals: WorkerTotals = { batches: 0, stored: 0, rejected: 0, deadLettered: 0, retried: 0, redelivered: 0, analyzeSeconds: 0, writeSeconds: 0, batchSeconds: 0 };
  const context = timed(options, totals);
  const pulls = new Set<ConsumerMessages>();
  let stopping = false;
  const consumer: Promise<Consumer> = options.queue.js.consumers.get(options.queue.names.workStream, options.queue.names.consumer);
  // A rejected lookup is reported through the lanes; keep it from surfacing as unhandled.
  consumer.catch(() => undefined);

  const pullBatch = async (): Promise<JsMsg[]> => {
    const messages = await (await consumer).fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
    pulls.add(messages);
    try {
      return await collectPull(messages, (error, kept) => options.log('warn', 'pull ended early; processing what arrived', { error: String(error), messages: kept }));
    } finally {
      pulls.delete(messages);
    }
  };

  // Job rows are updated off the lane (the next batch need not wait for them), one update per
  // job at a time; a request arriving meanwhile makes that update run once more afterwards, so
  // the last acknowledged batch is always followed by an update.
  const reconciling = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  const requestReconcile = (jobId: string): void => {
    if (reconciling.has(jobId)) {
      dirty.add(jobId);
      return;
    }
    const run = async (): Promise<void> => {
      for (;;) {
        dirty.delete(jobId);
        await reconcileJob(options.store, options.queue, jobId).catch((error: unknown) =>
          options.log('error', 'job progress update failed', { jobId, error: String(error) }),
        );
        // Checked and cleared in one synchronous step: a request can never slip in between.
        if (!dirty.has(jobId)) {
          reconciling.delete(jobId);
          return;
        }
      }
    };
    reconciling.set(jobId, run());
  };

  const runBatch = async (batch: JsMsg[]): Promise<void> => {
    const heartbeat = setInterval(() => {
      for (const message of batch) message.working();
    }, Math.max(100, Math.floor(options.ackWaitMs / 3)));
    const started = process.hrtime.bigint();
    try {
      const outcome = await processBatch(context, batch);
      totals.batches++;
      totals.stored += outcome.stored;
      totals.rejected += outcome.rejected;
      totals.deadLettered += outcome.deadLettered;
      totals.retried += outcome.retried;
      totals.redelivered += outcome.redelivered;
      for (const jobId of outcome.jobIds) requestReconcile(jobId);
    } catch (error) {
      // The queue failed mid-batch: unsettled messages come back after the ack wait.
      options.log('error', 'batch failed', { messages: batch.length, error: String(error) });
    } finally {
      clearInterval(heartbeat);
      totals.batchSeconds += seconds(started);
    }
  };

  const lane = async (): Promise<void> => {
    while (!stopping) {
      let batch: JsMsg[];
      try {
        batch = await pullBatch();
      } catch (error) {
        if (stopping) break;
        options.log('warn', 'pull failed; retrying', { error: String(error) });
        await sleep(PULL_RETRY_DELAY_MS);
        continue;
      }
      if (stopping) {
        // Not started: hand them straight back to the other workers.
        for (const message of batch) message.nak();
        break;
      }
      if (batch.length > 0) await runBatch(batch);
    }
  };

  let lastRows = 0;
  let lastTime = Date.now();
  const progress = setInterval(() => {
    const rows = totals.stored + totals.rejected + totals.deadLettered;
    const now = Date.now();
    const rate = ((rows - lastRows) * 1000) / Math.max(1, now - lastTime);
    if (rows !== lastRows) options.log('info', 'progress', { ...totals, rowsPerSecond: Math.round(rate) });
    lastRows = rows;
    lastTime = now;
  }, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
  progress.unref();

  const done = Promise.all(Array.from({ length: concurrency }, lane)).then(async () => {
    clearInterval(progress);
    while (reconciling.size > 0) await Promise.all(reconciling.values());
    return { ...totals };
  });
  return {
    totals: () => ({ ...totals }),
    done,
    async stop() {
      stopping = true;
      for (const pull of pulls) pull.stop();
      return done;
    },
  };
}
