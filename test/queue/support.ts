/**
 * Real servers for the queue tests: NATS JetStream (VERBATIM_TEST_NATS, default the local
 * nats-server that .ci/run starts) under a namespace of their own, a store of their own, and
 * worker child processes started from source (test/queue/run-cli.ts, no build needed).
 *
 * The store is PostgreSQL (VERBATIM_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database per test file) unless VERBATIM_TEST_STORE=sqlite, which uses a SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import pg from 'pg';
import { connectQueue, type QueueConnection } from '../../src/queue/connection.js';

export const TEST_NATS_URL = process.env.VERBATIM_TEST_NATS ?? 'nats://127.0.0.1:4222';
export const TEST_PG_URL = process.env.VERBATIM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_STORE_KIND: 'postgres' | 'sqlite' = process.env.VERBATIM_TEST_STORE === 'sqlite' ? 'sqlite' : 'postgres';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A namespace no other test file or running worker uses. */
export function uniqueNamespace(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

/** Connects to the test NATS server; a clear message when it is not running. */
export async function connectTestQueue(namespace: string, options: { ackWaitMs?: number; maxDeliver?: number } = {}): Promise<QueueConnection> {
  try {
    return await connectQueue(TEST_NATS_URL, { namespace, ...options });
  } catch (error) {
    throw new Error(`NATS with JetStream is not reachable at ${TEST_NATS_URL} (start it as .ci/run does): ${(error as Error).message}`);
  }
}

/** Deletes the namespace's streams (and with them its consumer) and closes the connection. */
export async function removeQueue(queue: QueueConnection): Promise<void> {
  for (const stream of [queue.names.workStream, queue.names.failedStream, queue.names.deadLetterStream]) {
    await queue.jsm.streams.delete(stream).catch(() => undefined);
  }
  await queue.close();
}

export interface TestStore {
  /** What openStore and `verbatim worker --db` take. */
  location: string;
  cleanup(): Promise<void>;
}

/** A fresh store: a new PostgreSQL database, or a SQLite file in a temp folder. */
export async function createTestStore(): Promise<TestStore> {
  if (TEST_STORE_KIND === 'sqlite') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-queue-'));
    return { location: path.join(folder, 'verbatim.db'), cleanup: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const database = `verbatim_queue_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${database}`;
  return {
    location: url.toString(),
    async cleanup() {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A `verbatim worker` child process and what it logged. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The totals of its "worker stopped" line, once it exited gracefully. */
  totals(): Record<string, number> | null;
}

/** Spawns `verbatim worker` with the namespace, store and extra flags. */
export function spawnWorker(namespace: string, store: string, flags: string[] = []): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/queue/run-cli.ts'), 'worker', '--queue', TEST_NATS_URL, '--namespace', namespace, '--db', store, ...flags],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const logs: Record<string, unknown>[] = [];
  let buffered = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ level: 'raw', msg: line });
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    logs,
    exited,
    totals: () => {
      const stopped = logs.find((line) => line.msg === 'worker stopped');
      return stopped ? (stopped as Record<string, number>) : null;
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * One pull of a message, or undefined when none came. A pull also ends with "heartbeats missed"
 * when the client misses two of the server's idle heartbeats before the pull expires, which a
 * loaded CI machine does (the event loop is late, not the server): that too counts as no message.
 */
export async function pullOne(consumer: Consumer, expiresMs: number): Promise<JsMsg | undefined> {
  try {
    return (await consumer.next({ expires: expiresMs })) ?? undefined;
  } catch (error) {
    if (error instanceof Error && error.message.includes('heartbeats missed')) return undefined;
    throw error;
  }
}

/** Records with unique ids and valid dates, `prefix1..prefixN`. */
export function makeRecords(count: number, prefix = 'q'): { id: string; text: string; date: string }[] {
  const texts = [
    'The courier was two days late and nobody answered the phone',
    'Refund took three weeks, third time asking where my money is',
    'Lovely fabric, fits perfectly, will buy again',
    'App keeps crashing at checkout, so frustrating',
    'ok',
  ];
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index + 1}`,
    text: `${texts[index % texts.length]!} (${index + 1})`,
    date: `2026-02-${String((index % 28) + 1).padStart(2, '0')}`,
  }));
}
