/**
 * Job progress for queued ingest, written to the store's `jobs` row (the one GET /v1/jobs/:id
 * returns) and derived from JetStream, never counted in memory: done = total - the job's
 * messages still in the work stream. A redelivered message therefore never counts twice, and
 * any number of workers can report the same job.
 *
 * Races: two workers may write progress out of order. Every writer re-reads the remaining count
 * after its own write and finishes the job when it is zero, so whichever write lands last, the
 * job ends `succeeded` with progress = total once its last message is acknowledged.
 */
import { VerbatimError } from '../errors.js';
import type { FeedbackStore, StoredJob } from '../store/index.js';
import type { QueueConnection } from './connection.js';

/** The `kind` of a queued ingest job in the jobs table. */
export const INGEST_JOB_KIND = 'ingest';

const FINISHED: readonly StoredJob['status'][] = ['succeeded', 'failed', 'cancelled'];

/**
 * Brings a job's row up to date with the queue: progress while messages remain, `succeeded`
 * (with a failure summary in `error` when records failed) once none do. Does nothing for
 * unknown or finished jobs, or before the producer has recorded the total.
 * @example await reconcileJob(store, queue, job.id) // { status: 'running', progress: 640, ... }
 */
export async function reconcileJob(store: FeedbackStore, queue: QueueConnection, jobId: string): Promise<StoredJob | null> {
  const job = await store.getJob(jobId);
  if (job === null || job.total === null || FINISHED.includes(job.status)) return job;
  const remaining = await queue.remaining(jobId);
  // Nothing acknowledged yet: the job stays `queued` until a worker finishes a first batch.
  if (remaining > 0 && remaining >= job.total && job.status === 'queued') return job;
  if (remaining > 0) {
    const updated = await store.updateJob(jobId, { status: 'running', progress: Math.max(0, job.total - remaining) });
    // Another worker may have acknowledged the last message since we counted: re-check.
    if ((await queue.remaining(jobId)) > 0) return updated;
  }
  return finishJob(store, queue, job);
}

async function finishJob(store: FeedbackStore, queue: QueueConnection, job: StoredJob): Promise<StoredJob | null> {
  const total = job.total ?? 0;
  const { rejected, deadLettered } = await queue.failures(job.id);
  const failed = rejected + deadLettered;
  const error = failed === 0 ? null : new VerbatimError('VERBATIM_E_JOB_RECORDS_FAILED', {
    failed,
    total,
    rejected,
    deadLettered,
    example: rejected > 0 ? await lastRejection(queue, job.id) : '',
  }).toJSON();
  return store.updateJob(job.id, { status: 'succeeded', progress: total, error });
}

/** A record failure as the VERBATIM_FAILED stream keeps it. */
export interface RecordFailure {
  jobId: string;
  index: number;
  id: string | null;
  error: { code: string; message: string };
}

/** The latest rejected record of a job, as `; last: record #3 (id "x"): CODE: message`. */
async function lastRejection(queue: QueueConnection, jobId: string): Promise<string> {
  const stored = await queue.jsm.streams.getMessage(queue.names.failedStream, { last_by_subj: queue.names.failedSubject(jobId) }).catch(() => null);
  if (stored === null) return '';
  const failure = stored.json<RecordFailure>();
  const id = failure.id === null ? '' : ` (id ${JSON.stringify(failure.id)})`;
  return `; last: record #${failure.index}${id}: ${failure.error.code}: ${failure.error.message}`;
}
