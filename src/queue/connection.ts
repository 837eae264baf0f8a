/**
 * One connection to the NATS server and the counts the rest of the queue reads from JetStream:
 * queue depth (backpressure), a job's remaining messages (progress), its rejected and
 * dead-lettered records (the job's failure summary). Every count comes from the server, so any
 * number of API processes and workers agree on it without sharing memory.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { VerbatimError } from '../errors.js';
import { DEFAULT_QUEUE_URL } from './defaults.js';
import { ensureTopology, queueNames, type QueueNames, type TopologyOptions } from './topology.js';

/** How long a JetStream API call (publish ack, stream info) may take before it fails. */
export const QUEUE_REQUEST_TIMEOUT_MS = 10_000;

export interface QueueConnection {
  url: string;
  /** Stream, consumer and subject names of the connection's namespace. */
  names: QueueNames;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Messages in the work stream: waiting plus delivered but not yet acknowledged. */
  depth(): Promise<number>;
  /** A job's messages still in the work stream (not yet acknowledged or dead-lettered). */
  remaining(jobId: string): Promise<number>;
  /** A job's records rejected by validation or analysis, and its dead-lettered messages. */
  failures(jobId: string): Promise<{ rejected: number; deadLettered: number }>;
  /** Messages of `stream` whose subject matches `subject` (wildcards allowed). */
  countSubject(stream: string, subject: string): Promise<number>;
  /** Drains pending publishes and acks, then closes. */
  close(): Promise<void>;
}

/**
 * Connects and makes sure the streams and the worker consumer exist.
 * Throws VERBATIM_E_QUEUE_UNAVAILABLE when the server cannot be reached or has no JetStream.
 * @example
 * const queue = await connectQueue('nats://127.0.0.1:4222');
 * await queue.depth(); // 0
 */
export async function connectQueue(url: string = DEFAULT_QUEUE_URL, options: TopologyOptions & { name?: string } = {}): Promise<QueueConnection> {
  const names = queueNames(options.namespace);
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name: options.name ?? 'verbatim', maxReconnectAttempts: -1, reconnectTimeWait: 1_000 });
  } catch (error) {
    throw unavailable(url, error);
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: QUEUE_REQUEST_TIMEOUT_MS });
    await ensureTopology(jsm, names, options);
    const js = jetstream(nc, { timeout: QUEUE_REQUEST_TIMEOUT_MS });
    const countSubject = async (stream: string, subject: string): Promise<number> => {
      const info = await jsm.streams.info(stream, { subjects_filter: subject });
      return Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
    };
    return {
      url,
      names,
      nc,
      js,
      jsm,
      countSubject,
      depth: async () => (await jsm.streams.info(names.workStream)).state.messages,
      remaining: (jobId) => countSubject(names.workStream, names.workSubject(jobId)),
      failures: async (jobId) => ({
        rejected: await countSubject(names.failedStream, names.failedSubject(jobId)),
        deadLettered: await countSubject(names.deadLetterStream, names.deadLetterSubject(jobId)),
      }),
      close: async () => {
        if (!nc.isClosed()) await nc.drain();
      },
    };
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw unavailable(url, error);
  }
}

/** Wraps a connection or JetStream API failure in the queue's error code. */
export function unavailable(url: string, error: unknown): VerbatimError {
  if (error instanceof VerbatimError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new VerbatimError('VERBATIM_E_QUEUE_UNAVAILABLE', { url, detail }, { cause: error });
}
