/**
 * The dead-letter queue and the record-failure log, both JetStream streams (see topology.ts).
 * A dead letter keeps the original bytes, where they came from, how often they were delivered
 * and the last error, so an operator can read, fix and re-publish it.
 */
import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import type { QueueConnection } from './connection.js';
import type { RecordFailure } from './job-progress.js';
import { messageId } from './messages.js';
import { nanos } from './topology.js';

/** Job id used for dead letters whose subject names no job. */
export const UNKNOWN_JOB = 'unknown';

/** A dead-lettered message as VERBATIM_DLQ stores it. */
export interface DeadLetter {
  /** Subject and stream sequence of the original message in VERBATIM_WORK. */
  subject: string;
  seq: number;
  jobId: string;
  deliveries: number;
  error: { code: string; message: string };
  /** The original body: UTF-8 text when it decodes, else base64. */
  data: string;
  encoding: 'utf8' | 'base64';
  deadLetteredAt: string;
}

function bodyOf(data: Uint8Array): { data: string; encoding: DeadLetter['encoding'] } {
  try {
    return { data: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf8' };
  } catch {
    return { data: Buffer.from(data).toString('base64'), encoding: 'base64' };
  }
}

/**
 * Stores `message` in the dead-letter stream with its error, then acknowledges it so it leaves
 * the work stream. The dead letter is published (and stored) before the ack: a crash between the
 * two redelivers the message, and the de-duplication id keeps the dead letter single.
 */
export async function deadLetter(queue: QueueConnection, message: JsMsg, error: { code: string; message: string }): Promise<void> {
  const jobId = queue.names.jobIdOfSubject(message.subject) ?? UNKNOWN_JOB;
  const letter: DeadLetter = {
    subject: message.subject,
    seq: message.seq,
    jobId,
    deliveries: message.info.deliveryCount,
    error,
    ...bodyOf(message.data),
    deadLetteredAt: new Date().toISOString(),
  };
  await queue.js.publish(queue.names.deadLetterSubject(jobId), JSON.stringify(letter), { msgID: `dlq.${message.seq}` });
  await message.ackAck();
}

/** Records a rejected record of a job (idempotent on job and index). */
export async function recordFailure(queue: QueueConnection, failure: RecordFailure): Promise<void> {
  await queue.js.publish(queue.names.failedSubject(failure.jobId), JSON.stringify(failure), { msgID: messageId(failure.jobId, failure.index) });
}

/**
 * The dead letters of one job (or of every job with `'*'`), oldest first, at most `limit`.
 * @example (await listDeadLetters(queue, jobId))[0].error.code // 'VERBATIM_E_QUEUE_MESSAGE'
 */
export async function listDeadLetters(queue: QueueConnection, jobId: string, limit = 100): Promise<DeadLetter[]> {
  const subject = queue.names.deadLetterSubject(jobId);
  const wanted = Math.min(limit, await queue.countSubject(queue.names.deadLetterStream, subject));
  if (wanted === 0) return [];
  // An ephemeral consumer reading from the start (a single filter subject: nats-server 2.9 has
  // no filter_subjects); the server removes it once idle, and we delete it when done.
  const info = await queue.jsm.consumers.add(queue.names.deadLetterStream, {
    filter_subject: subject,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    inactive_threshold: nanos(60_000),
  });
  const letters: DeadLetter[] = [];
  try {
    const consumer = await queue.js.consumers.get(queue.names.deadLetterStream, info.name);
    for await (const message of await consumer.fetch({ max_messages: wanted, expires: 5_000 })) {
      letters.push(message.json<DeadLetter>());
      if (letters.length >= wanted) break;
    }
  } finally {
    await queue.jsm.consumers.delete(queue.names.deadLetterStream, info.name).catch(() => undefined);
  }
  return letters;
}
