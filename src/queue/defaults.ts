/**
 * The queue's defaults, in a module of their own so the command line can show them in --help
 * without loading the NATS client; the queue modules import them from here.
 */

/** The queue server when none is configured: a local nats-server with JetStream (`-js`). */
export const DEFAULT_QUEUE_URL = 'nats://127.0.0.1:4222';

/**
 * How long a delivered message may go without an ack (or a `working()` heartbeat) before
 * JetStream redelivers it: how soon a killed worker's batch is picked up again. Workers send a
 * heartbeat every third of it, so it only has to cover a stalled process, not a long batch.
 */
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** Deliveries of one message before it goes to the dead-letter queue. */
export const DEFAULT_MAX_DELIVER = 5;

/** First retry delay of a failed message; doubled per delivery (1 s, 2 s, 4 s, ...). */
export const RETRY_BASE_DELAY_MS = 1_000;

/** Messages per batch: analysis amortizes model calls over the batch, one upsert per batch. */
export const DEFAULT_WORKER_BATCH_SIZE = 64;

/**
 * Batches in flight per process: two, so one batch's database write and acks overlap the next
 * batch's analysis (bench/queue-workers.ts: a single lane spends ~40 % of its time waiting on
 * the write). More lanes add nothing: analysis uses one core per process.
 */
export const DEFAULT_WORKER_CONCURRENCY = 2;
