/**
 * The HTTP side of queued ingest, used by POST /v1/feedback?async=true: the query and response
 * schemas, a lazily opened queue connection per app, and the handler branch that enqueues the
 * request as one job and answers 202 with the job's id, or 503 with Retry-After when the queue
 * is over VERBATIM_QUEUE_MAX_DEPTH.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { VerbatimError } from '../errors.js';
import type { FeedbackStore } from '../store/index.js';
import { connectQueue, type QueueConnection } from './connection.js';
import { enqueueIngest, QUEUE_FULL_RETRY_AFTER_SECONDS } from './producer.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** POST /v1/feedback query: `async=true` queues the records instead of analyzing them in the request. */
export const IngestQuerySchema = z.strictObject({
  async: flag.optional().describe('true: enqueue for `verbatim worker` processes, answer 202 with a job id to poll at /v1/jobs/{id}'),
});

/**
 * Validates the query for the ingest route, whose own validator compiler (lenient per record on
 * the body) would otherwise see the query too. Errors are VERBATIM_E_VALIDATION like any route's.
 */
export function validateIngestQuery(data: unknown): { value: z.infer<typeof IngestQuerySchema> } | { error: VerbatimError } {
  const parsed = IngestQuerySchema.safeParse(data);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    error: new VerbatimError('VERBATIM_E_VALIDATION', { location: 'querystring', path: issue.path.join('.') || '(root)', detail: issue.message }),
  };
}

export const QueuedIngestResponseSchema = z
  .object({
    jobId: z.string().describe('Poll GET /v1/jobs/{jobId} for progress'),
    status: z.string().describe('queued, running or succeeded (workers may already be done)'),
    total: z.number().int().describe('Records queued (one queue message each)'),
  })
  .describe('QueuedIngest');

/** A queue connection opened on first use and kept for the app's lifetime. */
export interface QueueHandle {
  get(): Promise<QueueConnection>;
  close(): Promise<void>;
}

/**
 * Creates the handle; `url` null means async ingest is not configured (503 when asked for).
 * A failed connection attempt is not cached: the next request tries again.
 */
export function createQueueHandle(url: string | null, namespace?: string): QueueHandle {
  let connection: Promise<QueueConnection> | null = null;
  return {
    get() {
      if (url === null) {
        return Promise.reject(new VerbatimError('VERBATIM_E_QUEUE_UNAVAILABLE', { url: '(none)', detail: 'set VERBATIM_QUEUE_URL to enable async=true ingest' }));
      }
      if (connection === null) {
        const opening = connectQueue(url, { name: 'verbatim-api', namespace });
        connection = opening;
        opening.catch(() => {
          if (connection === opening) connection = null;
        });
      }
      return connection;
    },
    async close() {
      const open = connection;
      connection = null;
      if (open !== null) await (await open.catch(() => null))?.close();
    },
  };
}

/**
 * Enqueues the request body as one job and answers 202 with a Location header; a full queue is
 * VERBATIM_E_QUEUE_FULL (503) with Retry-After, no queue VERBATIM_E_QUEUE_UNAVAILABLE (503).
 */
export async function enqueueFeedbackRequest(
  queue: QueueHandle,
  store: FeedbackStore,
  records: readonly unknown[],
  reply: FastifyReply,
  maxDepth: number,
): Promise<z.infer<typeof QueuedIngestResponseSchema>> {
  try {
    const job = await enqueueIngest(await queue.get(), store, records, { maxDepth });
    reply.code(202).header('location', `/v1/jobs/${job.id}`);
    return { jobId: job.id, status: job.status, total: job.total ?? records.length };
  } catch (error) {
    if (error instanceof VerbatimError && error.status === 503) {
      const seconds = error.code === 'VERBATIM_E_QUEUE_FULL' ? QUEUE_FULL_RETRY_AFTER_SECONDS : QUEUE_UNAVAILABLE_RETRY_AFTER_SECONDS;
      reply.header('retry-after', String(seconds));
    }
    throw error;
  }
}

/** Retry-After when the queue server cannot be reached: a restart of nats-server takes seconds. */
export const QUEUE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
