/**
 * The work message: one record of one job, as JSON. `ingest` carries a posted record to analyze
 * and store; `retag` the id of a stored record to analyze again with the active taxonomy. The
 * job id travels in the subject (`verbatim.jobs.<jobId>`) and again in the body so a message
 * read out of context (a dead letter) still says where it belongs; `index` is the record's
 * 0-based position in the job (for ingest, in the request), which failures report.
 *
 * Ids: the job id is a UUID (the `jobs` row GET /v1/jobs/:id reads); the message id
 * (`Nats-Msg-Id`, JetStream's de-duplication key) is `<jobId>.<index>`; the stream sequence is
 * JetStream's own number for the stored message, used only in logs and dead letters.
 */
import { z } from 'zod';
import { VerbatimError } from '../errors.js';

/** Version of the message body; a worker refuses (dead-letters) versions it does not know. */
export const MESSAGE_VERSION = 1;

const IngestMessageSchema = z.strictObject({
  v: z.literal(MESSAGE_VERSION),
  kind: z.literal('ingest'),
  jobId: z.string().min(1),
  index: z.number().int().nonnegative(),
  /** The record as posted; checked by the worker like a synchronous POST /v1/feedback record. */
  record: z.unknown(),
});

const RetagMessageSchema = z.strictObject({
  v: z.literal(MESSAGE_VERSION),
  kind: z.literal('retag'),
  jobId: z.string().min(1),
  index: z.number().int().nonnegative(),
  /** The stored record to analyze again. */
  id: z.string().min(1),
});

const JobMessageSchema = z.discriminatedUnion('kind', [IngestMessageSchema, RetagMessageSchema]);

export type IngestMessage = z.infer<typeof IngestMessageSchema>;
export type RetagMessage = z.infer<typeof RetagMessageSchema>;
export type JobMessage = z.infer<typeof JobMessageSchema>;

/** The de-duplication id of a job's record message. */
export const messageId = (jobId: string, index: number): string => `${jobId}.${index}`;

/** Serializes a record of a job into a message body. */
export function encodeIngestMessage(jobId: string, index: number, record: unknown): Uint8Array {
  const body: IngestMessage = { v: MESSAGE_VERSION, kind: 'ingest', jobId, index, record };
  return new TextEncoder().encode(JSON.stringify(body));
}

/** Serializes a stored record's id of a re-tag job into a message body. */
export function encodeRetagMessage(jobId: string, index: number, id: string): Uint8Array {
  const body: RetagMessage = { v: MESSAGE_VERSION, kind: 'retag', jobId, index, id };
  return new TextEncoder().encode(JSON.stringify(body));
}

/**
 * Parses a message body; throws VERBATIM_E_QUEUE_MESSAGE (the poison-message error that ends in
 * the dead-letter queue) for bytes that are not JSON or not a known message.
 * @example decodeJobMessage(encodeIngestMessage('job-1', 0, { id: 'a' }), { seq: 1, subject: 's' }).index // 0
 */
export function decodeJobMessage(data: Uint8Array, where: { seq: number; subject: string }): JobMessage {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_QUEUE_MESSAGE', { ...where, detail: `not JSON (${(error as Error).message})` });
  }
  const parsed = JobMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new VerbatimError('VERBATIM_E_QUEUE_MESSAGE', { ...where, detail: `field "${path}" ${issue.message}` });
  }
  return parsed.data;
}
