/**
 * The producer side of queued ingest (POST /v1/feedback?async=true): refuse when the queue is
 * over its depth limit, create the job row, publish one message per record, then record the
 * total. JetStream acknowledges a publish once the message is written to its file store, so a
 * record the API accepted survives a restart of the queue server.
 */
import { randomUUID } from 'node:crypto';
import { VerbatimError } from '../errors.js';
import { DEFAULT_QUEUE_MAX_DEPTH } from '../server/config.js';
import type { FeedbackStore, StoredJob } from '../store/index.js';
import { unavailable, type QueueConnection } from './connection.js';
import { INGEST_JOB_KIND, reconcileJob } from './job-progress.js';
import { encodeIngestMessage, messageId } from './messages.js';

/**
 * Retry-After when the queue is full: about the time one 2-core machine's workers need to drain
 * 10,000 records (~1,000 rows/s, bench/queue-workers.ts), so a retrying client finds room.
 */
export const QUEUE_FULL_RETRY_AFTER_SECONDS = 10;

/** Publishes in flight at once: enough to pipeline, bounded so a 1,000-record request stays gentle. */
export const PUBLISH_WINDOW = 256;

export interface EnqueueOptions {
  /** Most messages the work stream may hold after this request. */
  maxDepth?: number;
  /** Extra parameters kept on the job row. */
  params?: Record<string, unknown>;
}

/**
 * Enqueues the records of one request as one job and returns its row (status `queued`, total
 * set). Throws VERBATIM_E_QUEUE_FULL (with `details.retryAfter`) when the queue is over its
 * limit, VERBATIM_E_QUEUE_UNAVAILABLE when publishing fails (the job is then marked failed).
 * @example
 * const job = await enqueueIngest(queue, store, [{ id: 'a', text: 'late again', date: '2026-03-01' }]);
 * // poll GET /v1/jobs/${job.id}
 */
export async function enqueueIngest(queue: QueueConnection, store: FeedbackStore, records: readonly unknown[], options: EnqueueOptions = {}): Promise<StoredJob> {
  const limit = options.maxDepth ?? DEFAULT_QUEUE_MAX_DEPTH;
  let depth: number;
  try {
    depth = await queue.depth();
  } catch (error) {
    throw unavailable(queue.url, error);
  }
  if (depth + records.length > limit) {
    throw new VerbatimError('VERBATIM_E_QUEUE_FULL', { depth, incoming: records.length, limit, retryAfter: QUEUE_FULL_RETRY_AFTER_SECONDS });
  }
  const job = await store.createJob({ id: randomUUID(), kind: INGEST_JOB_KIND, params: { records: records.length, ...options.params } });
  try {
    await publishAll(queue, job.id, records);
  } catch (error) {
    const failure = unavailable(queue.url, error);
    await store.updateJob(job.id, { status: 'failed', error: failure.toJSON() });
    throw failure;
  }
  // Workers may already have finished every message: reconcile records that too.
  await store.updateJob(job.id, { total: records.length });
  return (await reconcileJob(store, queue, job.id)) ?? job;
}

async function publishAll(queue: QueueConnection, jobId: string, records: readonly unknown[]): Promise<void> {
  const subject = queue.names.workSubject(jobId);
  for (let start = 0; start < records.length; start += PUBLISH_WINDOW) {
    const window: Promise<unknown>[] = [];
    for (let index = start; index < Math.min(records.length, start + PUBLISH_WINDOW); index++) {
      window.push(queue.js.publish(subject, encodeIngestMessage(jobId, index, records[index]), { msgID: messageId(jobId, index) }));
    }
    await Promise.all(window);
  }
}
