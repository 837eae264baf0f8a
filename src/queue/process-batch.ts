/**
 * One batch of work messages: decode, check, analyze and upsert the records together (the same
 * ingestFeedback as POST /v1/feedback), record the rejected ones, and only then acknowledge.
 * Writes are idempotent on the record id, so a batch redelivered after a crash between the write
 * and the ack rewrites the same rows and duplicates nothing.
 *
 * A message that cannot be processed (not a job message, or its processing throws) is retried
 * with a growing delay and dead-lettered on its `maxDeliver`-th delivery. When the whole batch
 * throws, its messages are retried one by one so one poison record cannot hold back the others.
 */
import type { JsMsg } from '@nats-io/jetstream';
import type { Engine } from '../engine.js';
import { VerbatimError } from '../errors.js';
import { evaluateAlertsForIds, storedIds } from '../server/alerts/evaluate.js';
import { ingestFeedback } from '../server/ingest.js';
import type { FeedbackStore } from '../store/index.js';
import type { QueueConnection } from './connection.js';
import { deadLetter, recordFailure } from './dead-letter.js';
import { decodeJobMessage, type IngestMessage, type JobMessage } from './messages.js';
import { retagHandler } from './retag.js';
import { RETRY_BASE_DELAY_MS } from './defaults.js';

/** Longest retry delay, so a message is retried at least once a minute. */
export const RETRY_MAX_DELAY_MS = 60_000;

export interface BatchContext {
  queue: QueueConnection;
  store: FeedbackStore;
  /** The engine of the active taxonomy (looked up per batch, as the ingest route does). */
  engine(): Promise<Engine>;
  maxDeliver: number;
  /** First retry delay (tests shorten it). */
  retryDelayMs?: number;
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** What one batch did, for progress logs and job updates. */
export interface BatchOutcome {
  /** Records analyzed and written. */
  stored: number;
  /** Records rejected by validation or analysis (recorded in VERBATIM_FAILED). */
  rejected: number;
  deadLettered: number;
  /** Messages handed back for a later retry. */
  retried: number;
  /** Messages that had been delivered before (a previous worker died or failed on them). */
  redelivered: number;
  /** Jobs whose messages this batch acknowledged. */
  jobIds: Set<string>;
}

interface Decoded {
  message: JsMsg;
  body: JobMessage;
}

/** What a handler did with a group of messages of one kind. */
export interface GroupResult {
  /** Records written. */
  stored: number;
  /** Records rejected, by position in the group. */
  failed: { position: number; id: string | null; error: { code: string; message: string } }[];
}

type Handler<Body extends JobMessage> = (context: BatchContext, bodies: readonly Body[]) => Promise<GroupResult>;

const emptyOutcome = (): BatchOutcome => ({ stored: 0, rejected: 0, deadLettered: 0, retried: 0, redelivered: 0, jobIds: new Set() });

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof VerbatimError) return error.toJSON();
  return { code: 'VERBATIM_E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Ingest: check, analyze and upsert the posted records (as POST /v1/feedback does), then alerts. */
const ingestHandler: Handler<IngestMessage> = async (context, bodies) => {
  const records = bodies.map((body) => body.record);
  const result = await ingestFeedback(await context.engine(), context.store, records);
  // Alerts fire on what was stored; as in the ingest route, a failure here is logged, not retried.
  try {
    if ((await context.store.listAlerts()).some((alert) => alert.enabled)) {
      await evaluateAlertsForIds(context.store, storedIds(records, result.failed));
    }
  } catch (error) {
    context.log('error', 'alert evaluation failed', { error: errorOf(error) });
  }
  return { stored: result.inserted + result.updated, failed: result.failed.map(({ index, id, error }) => ({ position: index, id, error })) };
};

/**
 * Processes a fetched batch and settles every message in it (ack, retry or dead letter).
 * Throws only when the queue itself fails; the unsettled messages are then redelivered.
 */
export async function processBatch(context: BatchContext, messages: readonly JsMsg[]): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const ingest: Decoded[] = [];
  const retag: Decoded[] = [];
  for (const message of messages) {
    if (message.redelivered) outcome.redelivered++;
    const deliveries = message.info.deliveryCount;
    if (deliveries > context.maxDeliver) {
      // Every earlier delivery ended without an ack or a nak: the worker died on it each time.
      const error = new VerbatimError('VERBATIM_E_DELIVERY_LIMIT', { seq: message.seq, deliveries: deliveries - 1 });
      await settleFailure(context, message, error, outcome);
      continue;
    }
    try {
      const body = decodeJobMessage(message.data, { seq: message.seq, subject: message.subject });
      (body.kind === 'ingest' ? ingest : retag).push({ message, body });
    } catch (error) {
      await settleFailure(context, message, error, outcome);
    }
  }
  if (ingest.length > 0) await runGroup(context, ingest, ingestHandler as Handler<JobMessage>, outcome);
  if (retag.length > 0) await runGroup(context, retag, retagHandler as Handler<JobMessage>, outcome);
  return outcome;
}

async function runGroup(context: BatchContext, group: readonly Decoded[], handler: Handler<JobMessage>, outcome: BatchOutcome): Promise<void> {
  let result: GroupResult;
  try {
    result = await handler(context, group.map((item) => item.body));
    await Promise.all(
      result.failed.map(({ position, id, error }) => {
        const { jobId, index } = group[position]!.body;
        return recordFailure(context.queue, { jobId, index, id, error });
      }),
    );
  } catch (error) {
    if (group.length === 1) {
      await settleFailure(context, group[0]!.message, error, outcome);
      return;
    }
    context.log('warn', 'batch failed; retrying its messages one by one', { messages: group.length, error: errorOf(error) });
    for (const item of group) await runGroup(context, [item], handler, outcome);
    return;
  }
  // Acknowledged only now, after the rows and the failure records are stored.
  await Promise.all(group.map((item) => item.message.ackAck()));
  outcome.stored += result.stored;
  outcome.rejected += result.failed.length;
  for (const item of group) outcome.jobIds.add(item.body.jobId);
}

/** Retries a failed message later, or dead-letters it on its last allowed delivery. */
async function settleFailure(context: BatchContext, message: JsMsg, error: unknown, outcome: BatchOutcome): Promise<void> {
  const deliveries = message.info.deliveryCount;
  const described = errorOf(error);
  if (deliveries >= context.maxDeliver) {
    await deadLetter(context.queue, message, described);
    outcome.deadLettered++;
    const jobId = context.queue.names.jobIdOfSubject(message.subject);
    if (jobId !== null) outcome.jobIds.add(jobId);
    context.log('warn', 'message dead-lettered', { seq: message.seq, subject: message.subject, deliveries, error: described });
    return;
  }
  const base = context.retryDelayMs ?? RETRY_BASE_DELAY_MS;
  message.nak(Math.min(RETRY_MAX_DELAY_MS, base * 2 ** (deliveries - 1)));
  outcome.retried++;
  context.log('warn', 'message failed; will retry', { seq: message.seq, subject: message.subject, deliveries, error: described });
}
