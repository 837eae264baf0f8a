/**
 * The NATS JetStream objects the queue uses, named once per namespace (default `verbatim`), and
 * the idempotent set-up that creates them: three streams and one durable pull consumer shared by
 * every worker.
 *
 * - VERBATIM_WORK (work-queue retention, file storage): one message per record to analyze, on
 *   `verbatim.jobs.<jobId>`. A message leaves the stream when a worker acknowledges it, so the
 *   stream's message count is the queue depth and a job's subject count is its remaining work.
 * - VERBATIM_FAILED: one message per record a job rejected (bad date, text too long), on
 *   `verbatim.failed.<jobId>`, de-duplicated on `<jobId>.<index>` so a redelivered batch never
 *   counts a failure twice.
 * - VERBATIM_DLQ: the dead-letter queue: messages that could not be processed after
 *   `maxDeliver` deliveries, with the error, on `verbatim.dlq.<jobId>`.
 */
import { VerbatimError } from '../errors.js';
import { AckPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_DELIVER } from './defaults.js';

/** Namespace of the default queue objects; others let several deployments (or tests) share a server. */
export const DEFAULT_QUEUE_NAMESPACE = 'verbatim';

/** The stream, consumer and subject names of one namespace. */
export interface QueueNames {
  namespace: string;
  workStream: string;
  failedStream: string;
  deadLetterStream: string;
  /** The durable consumer every worker pulls from (JetStream spreads messages across them). */
  consumer: string;
  /** Subject of a job's work messages. Job ids are UUIDs: no dots or wildcards. */
  workSubject(jobId: string): string;
  failedSubject(jobId: string): string;
  deadLetterSubject(jobId: string): string;
  /** The job id a work subject names, or null for a subject outside the queue. */
  jobIdOfSubject(subject: string): string | null;
}

/**
 * The names of a namespace: `verbatim` gives streams VERBATIM_WORK, VERBATIM_FAILED,
 * VERBATIM_DLQ, consumer `verbatim-workers` and subjects `verbatim.jobs.<jobId>`, ...
 * Throws VERBATIM_E_INVALID_CONFIG for a namespace that is not a plain name.
 */
export function queueNames(namespace: string = DEFAULT_QUEUE_NAMESPACE): QueueNames {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(namespace)) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: 'queue namespace', detail: `expected lower-case letters, digits and dashes, found "${namespace}"` });
  }
  const stream = namespace.toUpperCase().replace(/-/g, '_');
  const work = new RegExp(`^${namespace}\\.jobs\\.([^.]+)$`);
  return {
    namespace,
    workStream: `${stream}_WORK`,
    failedStream: `${stream}_FAILED`,
    deadLetterStream: `${stream}_DLQ`,
    consumer: `${namespace}-workers`,
    workSubject: (jobId) => `${namespace}.jobs.${jobId}`,
    failedSubject: (jobId) => `${namespace}.failed.${jobId}`,
    deadLetterSubject: (jobId) => `${namespace}.dlq.${jobId}`,
    jobIdOfSubject: (subject) => work.exec(subject)?.[1] ?? null,
  };
}

/** Nanoseconds, the unit of JetStream durations. */
export const nanos = (milliseconds: number): number => milliseconds * 1_000_000;

/**
 * Window in which JetStream drops a re-published message id: a producer retrying a publish, or
 * a failure recorded again after a redelivery, is stored once. It must outlast ack-wait times the
 * deliveries a message can get; 30 minutes covers the defaults (5 x 30 s) many times over.
 */
export const DUPLICATE_WINDOW_MS = 30 * 60_000;

/** How long rejected records and dead letters are kept for inspection and replay. */
export const FAILURE_RETENTION_MS = 14 * 24 * 3_600_000;

/** Most unacknowledged messages per worker process at once, so one worker cannot hoard the queue. */
export const MAX_ACK_PENDING = 10_000;

export interface TopologyOptions {
  /** Default 'verbatim'. */
  namespace?: string;
  ackWaitMs?: number;
  maxDeliver?: number;
}

/**
 * Creates the streams and the worker consumer when missing, and brings the consumer's ack wait
 * and delivery limit to `options` when they are given and differ. Safe to call from every process at start.
 * The consumer delivers one more time than `maxDeliver`: a message whose earlier deliveries all
 * died with their worker (kill -9, out of memory) still reaches a worker once more, which then
 * dead-letters it instead of leaving it stuck in the work stream.
 */
export async function ensureTopology(jsm: JetStreamManager, names: QueueNames, options: TopologyOptions = {}): Promise<void> {
  const ackWait = nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS);
  const maxDeliver = (options.maxDeliver ?? DEFAULT_MAX_DELIVER) + 1;
  // Only a process that states the settings (a worker) changes them; the API's defaults do not.
  const explicit = options.ackWaitMs !== undefined || options.maxDeliver !== undefined;
  await ensureStream(jsm, {
    name: names.workStream,
    subjects: [names.workSubject('*')],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  });
  for (const [name, subject] of [[names.failedStream, names.failedSubject('*')], [names.deadLetterStream, names.deadLetterSubject('*')]]) {
    await ensureStream(jsm, {
      name: name!,
      subjects: [subject!],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(FAILURE_RETENTION_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  }
  const existing = await jsm.consumers.info(names.workStream, names.consumer).catch(() => null);
  if (existing === null) {
    await jsm.consumers.add(names.workStream, {
      durable_name: names.consumer,
      ack_policy: AckPolicy.Explicit,
      ack_wait: ackWait,
      max_deliver: maxDeliver,
      max_ack_pending: MAX_ACK_PENDING,
    });
  } else if (explicit && (existing.config.ack_wait !== ackWait || existing.config.max_deliver !== maxDeliver)) {
    await jsm.consumers.update(names.workStream, names.consumer, { ack_wait: ackWait, max_deliver: maxDeliver });
  }
}

async function ensureStream(jsm: JetStreamManager, config: Parameters<JetStreamManager['streams']['add']>[0]): Promise<void> {
  const existing = await jsm.streams.info(config.name).catch(() => null);
  if (existing === null) await jsm.streams.add(config);
}
