/**
 * Queued ingest throughput: rows/s with 1, 2 and 4 `verbatim worker` processes pulling from NATS
 * JetStream and writing to the store, and where the CPU went (workers, nats-server, PostgreSQL),
 * beside an in-process baseline (one engine, ingestFeedback straight into the store, no queue).
 *
 *   npm run build && npx tsx bench/queue-workers.ts [--rows 6000] [--runs 3] [--workers 1,2,4]
 *     [--batch-size 64] [--concurrency 2] [--store postgres|sqlite] [--queue nats://127.0.0.1:4222]
 *
 * Each run: fresh namespace and store, workers started and warmed up (a few batches each), then the rows
 * are posted as 1,000-record jobs the way POST /v1/feedback?async=true does; the clock runs from
 * the first publish to the last job succeeding. Writes bench/results/queue-workers.json and .md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
// The shipped code, compiled by tsc (npm run build).
import { createEngine } from '../dist/engine.js';
import { ingestFeedback } from '../dist/server/ingest.js';
import { openStore } from '../dist/store/index.js';
import { connectQueue } from '../dist/queue/connection.js';
import { enqueueIngest } from '../dist/queue/producer.js';
import { corpusTexts, CORPUS_SEED } from './corpus.js';
import { formatNumber, machine, machineLine, ROOT, summarize, writeResults, NODE_RUNTIME_FLAGS } from './lib.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '6000' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1,2,4' },
    'batch-size': { type: 'string', default: '64' },
    concurrency: { type: 'string', default: '2' },
    store: { type: 'string', default: 'postgres' },
    queue: { type: 'string', default: 'nats://127.0.0.1:4222' },
    pg: { type: 'string', default: process.env.VERBATIM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const workerCounts = values.workers.split(',').map(Number);
const batchSize = Number(values['batch-size']);
const concurrency = Number(values.concurrency);
const storeKind = values.store === 'sqlite' ? 'sqlite' : 'postgres';
/** Records per job: the API's per-request limit. */
const JOB_SIZE = 1000;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

const texts = corpusTexts(rows);
const records = texts.map((text, index) => ({ id: `b${index + 1}`, text, date: `2026-01-${String((index % 28) + 1).padStart(2, '0')}` }));

/** A fresh store: a new PostgreSQL database or a SQLite file; `bytes` is its size on disk; `drop` removes it. */
async function freshStore(): Promise<{ location: string; database: string; bytes(): Promise<number>; drop(): Promise<void> }> {
  if (storeKind === 'sqlite') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-'));
    const file = path.join(folder, 'bench.db');
    const bytes = async () => readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
    return { location: file, database: file, bytes, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const database = `verbatim_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: values.pg });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(values.pg!);
  url.pathname = `/${database}`;
  const bytes = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query('CHECKPOINT');
      return Number((await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]!.size);
    } finally {
      await client.end();
    }
  };
  return { location: url.toString(), database, bytes, drop: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

/** CPU seconds (user + system) of a process so far, from /proc; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process in MiB (VmHWM), from /proc; 0 once it is gone. */
function peakMemoryMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of every process whose command name is `name` and, when given, whose command line
 * contains `tag` (a PostgreSQL backend's title names its database: other sessions' backends on
 * the shared server are left out).
 */
function cpuOfCommand(name: string, tag?: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
      if (tag === undefined || readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(tag)) total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

function startWorker(namespace: string, location: string): { child: ChildProcess; ready: Promise<void>; totals: Promise<Record<string, number>> } {
  const child = spawn(process.execPath, [...NODE_RUNTIME_FLAGS, path.join(ROOT, 'bin/verbatim.js'), 'worker', '--queue', values.queue!, '--namespace', namespace, '--db', location, '--batch-size', String(batchSize), '--concurrency', String(concurrency)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('"worker started"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)));
  });
  // The totals line a worker logs when it stops (analysis, write and batch seconds among them).
  const totals = new Promise<Record<string, number>>((resolve) => {
    child.on('exit', () => {
      const line = log.split('\n').find((entry) => entry.includes('"worker stopped"'));
      resolve(line ? (JSON.parse(line) as Record<string, number>) : {});
    });
  });
  return { child, ready, totals };
}

interface Run {
  workers: number;
  run: number;
  seconds: number;
  rowsPerSecond: number;
  cpuSeconds: { workers: number; natsServer: number; postgres: number };
  /** Busy share of the machine's cores over the run (all three kinds of process). */
  coreUtilization: number;
  /** Largest peak RSS among the workers. */
  workerPeakMiB: number;
  /** Growth of the store on disk per row written (rows, analyses, theme rows, indexes). */
  storeBytesPerRow: number;
  /** Shares of the workers' batch time: analysis, the store's upsert, the rest (queue, job rows, validation). */
  batchTime: { analyze: number; write: number; other: number };
}

async function runOnce(workers: number, run: number): Promise<Run> {
  const namespace = `bench-${randomBytes(4).toString('hex')}`;
  const store = await freshStore();
  const queue = await connectQueue(values.queue, { namespace });
  const db = await openStore(store.location);
  const processes = Array.from({ length: workers }, () => startWorker(namespace, store.location));
  try {
    await Promise.all(processes.map((process) => process.ready));
    // Warm-up: every worker's engine analyzes a few batches (JIT, lazy model sessions) off the clock.
    const warmUp = records.slice(0, workers * batchSize * 2).map((record) => ({ ...record, id: `warm-${record.id}` }));
    const warmJob = await enqueueIngest(queue, db, warmUp, { maxDepth: Number.MAX_SAFE_INTEGER });
    while ((await db.getJob(warmJob.id))?.status !== 'succeeded') await sleep(50);
    const bytesBefore = await store.bytes();
    const before = { workers: processes.map((p) => cpuSeconds(p.child.pid!)), nats: cpuOfCommand('nats-server'), postgres: cpuOfCommand('postgres', store.database) };
    const started = process.hrtime.bigint();
    const jobs: string[] = [];
    for (let start = 0; start < records.length; start += JOB_SIZE) {
      jobs.push((await enqueueIngest(queue, db, records.slice(start, start + JOB_SIZE), { maxDepth: Number.MAX_SAFE_INTEGER })).id);
    }
    // A stuck job fails the run instead of hanging it (at 20 rows/s the run would be pointless anyway).
    const deadline = Date.now() + (records.length / 20) * 1000;
    for (;;) {
      const statuses = await Promise.all(jobs.map(async (id) => (await db.getJob(id))?.status));
      if (statuses.every((status) => status === 'succeeded')) break;
      if (Date.now() > deadline) throw new Error(`jobs not finished in time: ${JSON.stringify(statuses)}, queue depth ${await queue.depth()}`);
      await sleep(50);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = {
      workers: processes.reduce((sum, p, index) => sum + cpuSeconds(p.child.pid!) - before.workers[index]!, 0),
      natsServer: cpuOfCommand('nats-server') - before.nats,
      postgres: storeKind === 'postgres' ? cpuOfCommand('postgres', store.database) - before.postgres : 0,
    };
    const workerPeakMiB = Math.max(...processes.map((p) => peakMemoryMiB(p.child.pid!)));
    const stored = (await db.countFeedback()) - warmUp.length;
    if (stored !== records.length) throw new Error(`stored ${stored} rows, expected ${records.length}`);
    const storeBytesPerRow = ((await store.bytes()) - bytesBefore) / records.length;
    for (const p of processes) p.child.kill('SIGTERM');
    const totals = await Promise.all(processes.map((p) => p.totals));
    const sum = (key: string) => totals.reduce((total, line) => total + (line[key] ?? 0), 0);
    const batchSeconds = sum('batchSeconds');
    return {
      workers,
      run,
      seconds,
      rowsPerSecond: records.length / seconds,
      cpuSeconds: cpu,
      coreUtilization: (cpu.workers + cpu.natsServer + cpu.postgres) / seconds / os.cpus().length,
      workerPeakMiB,
      storeBytesPerRow,
      batchTime: {
        analyze: sum('analyzeSeconds') / batchSeconds,
        write: sum('writeSeconds') / batchSeconds,
        other: 1 - (sum('analyzeSeconds') + sum('writeSeconds')) / batchSeconds,
      },
    };
  } finally {
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.totals));
    for (const stream of [queue.names.workStream, queue.names.failedStream, queue.names.deadLetterStream]) await queue.jsm.streams.delete(stream).catch(() => undefined);
    await queue.close();
    await db.close();
    await store.drop();
  }
}

/** One engine in this process, ingestFeedback in batches, no queue: the single-worker ceiling. */
async function baseline(): Promise<{ seconds: number; rowsPerSecond: number }> {
  const store = await freshStore();
  const db = await openStore(store.location);
  const engine = await createEngine({});
  try {
    await ingestFeedback(engine, db, records.slice(0, batchSize)); // warm-up
    const started = process.hrtime.bigint();
    for (let start = 0; start < records.length; start += batchSize) await ingestFeedback(engine, db, records.slice(start, start + batchSize));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, rowsPerSecond: records.length / seconds };
  } finally {
    await engine.close();
    await db.close();
    await store.drop();
  }
}

const description = machine();
const base = await baseline();
process.stderr.write(`baseline (in process, no queue): ${formatNumber(base.rowsPerSecond)} rows/s\n`);
const results: Run[] = [];
for (let run = 1; run <= runs; run++) {
  for (const workers of workerCounts) {
    const result = await runOnce(workers, run);
    process.stderr.write(`${workers} worker(s), run ${run}: ${formatNumber(result.rowsPerSecond)} rows/s, ${result.seconds.toFixed(2)} s\n`);
    results.push(result);
  }
}

const summary = workerCounts.map((workers) => {
  const mine = results.filter((result) => result.workers === workers);
  const rate = summarize(mine.map((result) => result.rowsPerSecond));
  const perRow = (pick: (run: Run) => number) => (1000 * summarize(mine.map((run) => pick(run) / rows)).median);
  return {
    workers,
    rowsPerSecond: rate,
    speedup: rate.median / summarize(results.filter((result) => result.workers === workerCounts[0]).map((result) => result.rowsPerSecond)).median,
    cpuMsPerRow: { workers: perRow((run) => run.cpuSeconds.workers), natsServer: perRow((run) => run.cpuSeconds.natsServer), postgres: perRow((run) => run.cpuSeconds.postgres) },
    coreUtilization: summarize(mine.map((run) => run.coreUtilization)).median,
    workerPeakMiB: Math.max(...mine.map((run) => run.workerPeakMiB)),
    storeBytesPerRow: summarize(mine.map((run) => run.storeBytesPerRow)).median,
    batchTime: {
      analyze: summarize(mine.map((run) => run.batchTime.analyze)).median,
      write: summarize(mine.map((run) => run.batchTime.write)).median,
      other: summarize(mine.map((run) => run.batchTime.other)).median,
    },
  };
});

const corpus = { rows, seed: CORPUS_SEED, meanCharacters: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / rows), jobSize: JOB_SIZE };
const markdown = [
  '# queue-workers',
  '',
  `${new Date().toISOString()} · ${machineLine(description)}`,
  `${rows} rows (bench/corpus.ts, mean ${corpus.meanCharacters} characters), ${JOB_SIZE}-record jobs, batch size ${batchSize}, ${concurrency} batches in flight per worker, store ${storeKind}, ${runs} runs each`,
  '',
  `Baseline, one engine in process with no queue: ${formatNumber(base.rowsPerSecond)} rows/s. Store growth: ${formatNumber(summarize(results.map((run) => run.storeBytesPerRow)).median)} bytes per row.`,
  '',
  '| workers | rows/s (median) | min-max | speed-up | worker CPU ms/row | nats-server CPU ms/row | PostgreSQL CPU ms/row | cores busy | worker peak RSS | batch time: analyze / write / other |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...summary.map((s) =>
    `| ${s.workers} | ${formatNumber(s.rowsPerSecond.median)} | ${formatNumber(s.rowsPerSecond.min)}-${formatNumber(s.rowsPerSecond.max)} | ${s.speedup.toFixed(2)}x | ${s.cpuMsPerRow.workers.toFixed(2)} | ${s.cpuMsPerRow.natsServer.toFixed(3)} | ${s.cpuMsPerRow.postgres.toFixed(3)} | ${(100 * s.coreUtilization).toFixed(0)} % | ${s.workerPeakMiB.toFixed(0)} MiB | ${(100 * s.batchTime.analyze).toFixed(0)} / ${(100 * s.batchTime.write).toFixed(0)} / ${(100 * s.batchTime.other).toFixed(0)} % |`,
  ),
  '',
].join('\n');
writeResults('queue-workers', { benchmark: 'queue-workers', date: new Date().toISOString(), machine: description, corpus, batchSize, concurrency, store: storeKind, baseline: base, summary, runs: results }, markdown);
