/**
 * The HTTP API under load: POST /v1/analyze with single comments (500 req/s for latency, and flat
 * out for req/s) and 100-comment batches (comments/s), with the server's resident memory.
 *
 *   npx tsx bench/http.ts [--duration 20] [--warmup 5] [--port 3917] [--demo] [--workers 0] [--scenarios NAMES] [--node-flags FLAGS]
 *   (npm run bench:http builds dist/ first)
 *
 * Starts the server exactly as `npm start` does (`node dist/server/server.js`, spawned directly so
 * its pid is the server's) on a free port the system picks (--port to choose one) with a fresh SQLite file in bench/tmp/, the demo load
 * off (VERBATIM_DEMO=0; --demo keeps it on and reports the time to ready), and the rate limit at
 * its maximum (VERBATIM_RATE_LIMIT=1000000 per minute) so the limiter does not answer 429s. Waits
 * for /readyz, then drives it from this process: the client and the server share the machine's
 * cores, which lowers every figure on a 2-core machine. Request bodies rotate through the corpus
 * (bench/corpus.ts). Server memory is sampled from /proc.
 *
 * Two load generators. The `*-paced` scenarios send requests at evenly spaced arrival times
 * (loadtest, open loop; see paced-load.ts): the latency bar's "at 500 req/s" is measured there,
 * beside GET /healthz at the same rate as the floor that the machine and the client set. The
 * others use autocannon: closed loop on a fixed number of connections, flat out or with its
 * per-second request budget, whose bursts are kept for comparison with earlier results.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { corpusTexts } from './corpus.js';
import { pacedLoad } from './paced-load.js';
import { startBenchServer } from './bench-server.js';
import { BENCH_DIR, formatNumber, machine, machineLine, writeResults } from './lib.js';
import { MIB, processMemory, sampleMemory } from './process-memory.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    // The server's VERBATIM_ANALYZE_WORKERS: threads for requests of 64+ comments (0: in-process, as npm start).
    workers: { type: 'string', default: '0' },
    scenarios: { type: 'string', default: 'healthz-500-paced,single-500-paced,single-500,single-500-c8,single-max,batch-100' },
    // Extra Node flags for the server, after the ones npm start uses (e.g. "--max-old-space-size=192").
    'node-flags': { type: 'string', default: '' },
    out: { type: 'string', default: 'http' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const port = Number(values.port);
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new Error(`--workers must be a whole number from 0 to 64, not ${values.workers}`);
const tmp = path.join(BENCH_DIR, 'tmp');
mkdirSync(tmp, { recursive: true });
const db = path.join(tmp, `http-${process.pid}.db`);
const logFile = path.join(tmp, `http-${process.pid}-server.log`);

const texts = corpusTexts(20_000);
const singleBodies = texts.map((text, index) => JSON.stringify({ comments: [{ id: index, text }] }));
const batchBodies = Array.from({ length: 200 }, (_, batch) =>
  JSON.stringify({ comments: texts.slice(batch * 100, batch * 100 + 100).map((text, index) => ({ id: index, text })) }),
);

const startMachine = machine();
const server = startBenchServer({ db, logFile, port, demo: values.demo, analyzeWorkers: workers, extraFlags: values['node-flags'].split(/\s+/).filter(Boolean) });
const serverPid = server.pid;

/** The server's own view of its memory (its /metrics, prom-client's default Node metrics), in MiB. */
async function serverHeap(): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url()}/metrics`)).text();
  const metric = (name: string): number => Number(new RegExp(`^verbatim_${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN) / MIB;
  return {
    rss: metric('process_resident_memory_bytes'),
    heapTotal: metric('nodejs_heap_size_total_bytes'),
    heapUsed: metric('nodejs_heap_size_used_bytes'),
    external: metric('nodejs_external_memory_bytes'),
  };
}

/** Runs autocannon with bodies rotating through `bodies`. */
async function cannon(bodies: readonly string[], options: { seconds: number; connections: number; rate?: number }): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: server.url(),
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/v1/analyze',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
}

/** A load: loadtest, open loop at `rate` (opening the connections it needs), or autocannon, closed loop on `connections`. */
type Scenario = {
  key: string;
  name: string;
  commentsPerRequest: number;
  bodies: readonly string[];
} & (
  | { generator: 'loadtest'; connections: null; rate: number; /** GET this path instead of POST /v1/analyze. */ getPath?: string }
  | { generator: 'autocannon'; connections: number; /** autocannon's per-second budget (bursts). */ rate?: number }
);

const allScenarios: Scenario[] = [
  { key: 'healthz-500-paced', name: 'GET /healthz, 500 req/s evenly spaced (the floor)', commentsPerRequest: 0, generator: 'loadtest', connections: null, rate: 500, bodies: [], getPath: '/healthz' },
  { key: 'single-500-paced', name: 'single comment, 500 req/s evenly spaced', commentsPerRequest: 1, generator: 'loadtest', connections: null, rate: 500, bodies: singleBodies },
  { key: 'single-500', name: 'single comment, autocannon 500 req/s budget, 32 connections', commentsPerRequest: 1, generator: 'autocannon', connections: 32, rate: 500, bodies: singleBodies },
  { key: 'single-500-c8', name: 'single comment, autocannon 500 req/s budget, 8 connections', commentsPerRequest: 1, generator: 'autocannon', connections: 8, rate: 500, bodies: singleBodies },
  { key: 'single-max', name: 'single comment, flat out', commentsPerRequest: 1, generator: 'autocannon', connections: 16, bodies: singleBodies },
  { key: 'batch-100', name: '100-comment batches, flat out', commentsPerRequest: 100, generator: 'autocannon', connections: 4, bodies: batchBodies },
];
const scenarios = allScenarios.filter((scenario) => values.scenarios.split(',').includes(scenario.key));

/** One load run, in the same shape whichever generator ran it. */
interface Measured {
  duration: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
}

async function measure(scenario: Scenario, seconds: number): Promise<Measured> {
  if (scenario.generator === 'loadtest') {
    const run = await pacedLoad({
      url: `${server.url()}${scenario.getPath ?? '/v1/analyze'}`,
      rate: scenario.rate,
      seconds,
      method: scenario.getPath ? 'GET' : 'POST',
      bodies: scenario.bodies,
    });
    const connectionErrors = run.errorCodes['-1'] ?? 0;
    return { duration: run.seconds, ok: run.requests - run.errors, non2xx: run.errors - connectionErrors, errors: connectionErrors, timeouts: 0, latency: run.latencyMs };
  }
  const run = await cannon(scenario.bodies, { seconds, connections: scenario.connections, rate: scenario.rate });
  const { p50, p90, p99, max, average } = run.latency;
  return { duration: run.duration, ok: run['2xx'], non2xx: run.non2xx, errors: run.errors, timeouts: run.timeouts, latency: { p50, p90, p99, max, mean: average } };
}

const results: Record<string, unknown>[] = [];
let readySeconds = 0;
let readyRssMiB = 0;
try {
  readySeconds = await server.waitForReady(values.demo ? 900 : 120);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  readyRssMiB = (processMemory(serverPid)?.rss ?? 0) / MIB;
  process.stderr.write(`server ready after ${readySeconds.toFixed(1)} s, RSS ${readyRssMiB.toFixed(0)} MiB\n`);
  for (const scenario of scenarios) {
    if (warmup > 0) await measure(scenario, warmup);
    const load = machine().loadAverage;
    const during = sampleMemory(serverPid, 200);
    const run = await measure(scenario, duration);
    const memory = during.stop();
    const heap = await serverHeap();
    const ok = run.ok;
    const row = {
      key: scenario.key,
      name: scenario.name,
      connections: scenario.connections,
      targetRate: scenario.rate ?? null,
      loadAverageBefore: load,
      generator: scenario.generator,
      seconds: run.duration,
      requestsOk: ok,
      non2xx: run.non2xx,
      errors: run.errors,
      timeouts: run.timeouts,
      requestsPerSecond: ok / run.duration,
      commentsPerSecond: (ok * scenario.commentsPerRequest) / run.duration,
      latencyMs: run.latency,
      serverPeakRssMiB: memory.peakBytes / MIB,
      serverMemoryAfterMiB: heap,
    };
    results.push(row);
    process.stderr.write(`${scenario.name}: ${formatNumber(row.requestsPerSecond)} req/s, p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms\n`);
  }
} finally {
  await server.stop();
}
const memory = server.sampler.stop();
const endMachine = machine();

type Row = {
  key: string;
  name: string;
  connections: number | null;
  targetRate: number | null;
  requestsPerSecond: number;
  commentsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  serverPeakRssMiB: number;
  serverMemoryAfterMiB: Record<string, number>;
};
const rows = results as Row[];
// The bar is latency at an arrival rate of 500 req/s: the paced scenario when it ran.
const single = rows.find((row) => row.key === 'single-500-paced') ?? rows.find((row) => row.key === 'single-500');
const floor = rows.find((row) => row.key === 'healthz-500-paced');
const batch = rows.find((row) => row.key === 'batch-100');
const peakRssMiB = memory.peakBytes / MIB;
const result = {
  benchmark: 'http',
  date: new Date().toISOString(),
  command: `npx tsx bench/http.ts --duration ${duration} --warmup ${warmup}${values.demo ? ' --demo' : ''}${workers > 0 ? ` --workers ${workers}` : ''} --scenarios ${values.scenarios}`,
  machine: startMachine,
  loadAverageAtEnd: endMachine.loadAverage,
  server: { command: server.command, demo: values.demo, analyzeWorkers: workers, readySeconds, readyRssMiB, peakRssMiB },
  note: 'the load generators run in the benchmark process on the same 2 cores as the server',
  scenarios: results,
  bars: {
    batchCommentsPerSecond: batch ? { target: 20_000, value: batch.commentsPerSecond, met: batch.commentsPerSecond >= 20_000 } : null,
    singleP99At500: single ? { scenario: single.key, targetMs: 10, value: single.latencyMs.p99, met: single.latencyMs.p99 <= 10 && single.non2xx === 0 } : null,
    serverRss: { targetMiB: 400, value: peakRssMiB, met: peakRssMiB <= 400 },
  },
};
const markdown = [
  '# HTTP API (POST /v1/analyze)',
  '',
  `${result.date} · ${machineLine(startMachine)}; load at end ${(endMachine.loadAverage as number[]).join(' / ')}.`,
  `Server: \`${server.command}\` (= npm start), demo load ${values.demo ? 'on' : 'off'}, ${workers > 0 ? `VERBATIM_ANALYZE_WORKERS=${workers}` : 'analysis in-process'}, ready after ${readySeconds.toFixed(1)} s with RSS ${formatNumber(readyRssMiB)} MiB; peak RSS over the whole run ${formatNumber(peakRssMiB)} MiB.`,
  'The load generators run in the benchmark process on the same 2 cores as the server: every figure is lower than a separate client machine would show.',
  'Paced rows (connections "open"): loadtest sends requests at evenly spaced times whatever the answers (open loop) and times each from its send; latency in whole ms. Other rows: autocannon on a fixed number of connections; its 500 req/s is a per-second budget each connection spends back to back, so those rows measure bursts (see bench/paced-load.ts).',
  '',
  `Command: \`${result.command}\``,
  '',
  '| scenario | connections | req/s | comments/s | p50 ms | p99 ms | non-2xx / errors | server peak RSS MiB | after: RSS / heap total / heap used / external MiB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.name} | ${row.connections ?? 'open'} | ${formatNumber(row.requestsPerSecond)} | ${formatNumber(row.commentsPerSecond)} | ${row.latencyMs.p50} | ${row.latencyMs.p99} | ${row.non2xx} / ${row.errors} | ${formatNumber(row.serverPeakRssMiB)} | ${[row.serverMemoryAfterMiB.rss, row.serverMemoryAfterMiB.heapTotal, row.serverMemoryAfterMiB.heapUsed, row.serverMemoryAfterMiB.external].map((value) => formatNumber(value ?? NaN)).join(' / ')} |`,
  ),
  '',
  'Bars:',
  batch ? `- >= 20k comments/s on 100-comment batches: ${formatNumber(batch.commentsPerSecond)} — ${result.bars.batchCommentsPerSecond!.met ? 'MET' : 'NOT MET'}` : '',
  single ? `- single-comment p99 <= 10 ms at 500 req/s (${single.name}): ${single.latencyMs.p99} ms — ${result.bars.singleP99At500!.met ? 'MET' : 'NOT MET'}${floor ? `; the floor (${floor.name}) had p99 ${floor.latencyMs.p99} ms` : ''}` : '',
  `- server RSS <= 400 MB with models loaded: peak ${formatNumber(peakRssMiB)} MiB — ${result.bars.serverRss.met ? 'MET' : 'NOT MET'}`,
  '',
].join('\n');
writeResults(values.out, result, markdown);
