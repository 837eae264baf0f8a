/**
 * The server's memory under its heaviest work: ingest N comments through POST /v1/feedback, then
 * run the largest discovery job the API accepts. Checks that the old-space cap `npm start` sets
 * (bench/lib.ts SERVER_RUNTIME_FLAGS) leaves room for it: the job must succeed, the server live.
 *
 *   npx tsx bench/server-jobs.ts [--comments 20000] [--batch 500] [--sample 20000] [--node-flags FLAGS]
 *   (npm run build first)
 *
 * Starts `node SERVER_RUNTIME_FLAGS dist/server/server.js` on a free port with a fresh SQLite file
 * in bench/tmp/ and the demo off; records the RSS after ingest, the peak over the whole run, the
 * ingest and discovery seconds and the job's final status.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusRecord } from './corpus.js';
import { BENCH_DIR, ROOT, formatNumber, machine, machineLine, writeResults, SERVER_RUNTIME_FLAGS } from './lib.js';
import { MIB, processMemory, sampleMemory } from './process-memory.js';

const { values } = parseArgs({
  options: {
    comments: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    sample: { type: 'string', default: '20000' },
    'node-flags': { type: 'string', default: '' },
    out: { type: 'string', default: 'server-jobs' },
  },
});
const comments = Number(values.comments);
const batchSize = Number(values.batch);
const sampleSize = Number(values.sample);
const flags = [...SERVER_RUNTIME_FLAGS, ...values['node-flags'].split(/\s+/).filter(Boolean)];
const tmp = path.join(BENCH_DIR, 'tmp');
mkdirSync(tmp, { recursive: true });
const db = path.join(tmp, `server-jobs-${process.pid}.db`);
const removeDb = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
};
removeDb();

const startMachine = machine();
const server = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'server', 'server.js')], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VERBATIM_DB: db, VERBATIM_DEMO: '0', VERBATIM_RATE_LIMIT: '1000000' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let url = '';
let pending = '';
server.stdout!.on('data', (chunk: Buffer) => {
  if (url) return;
  pending += chunk.toString();
  url = /"url":"(http:\/\/[^"]+)"/.exec(pending)?.[1] ?? '';
});
const sampler = sampleMemory(server.pid!, 100);
const rssMiB = () => (processMemory(server.pid!)?.rss ?? 0) / MIB;

async function post(route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

let jobStatus = 'not started';
let ingestSeconds = 0;
let discoverySeconds = 0;
let rssAfterIngest = 0;
try {
  for (let waited = 0; !url || !(await fetch(`${url}/readyz`).then((r) => r.ok, () => false)); waited += 1) {
    if (server.exitCode !== null || waited > 600) throw new Error('the server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let started = performance.now();
  for (let first = 0; first < comments; first += batchSize) {
    const records = Array.from({ length: Math.min(batchSize, comments - first) }, (_, offset) => {
      const { id, text, date, score, scoreType } = corpusRecord(first + offset);
      return { id, text, date, score, scoreType };
    });
    await post('/v1/feedback', records);
    process.stderr.write(`\ringested ${first + records.length}/${comments}`);
  }
  ingestSeconds = (performance.now() - started) / 1000;
  rssAfterIngest = rssMiB();
  process.stderr.write(`\ningest ${ingestSeconds.toFixed(1)} s, RSS ${rssAfterIngest.toFixed(0)} MiB; discovery on ${sampleSize}\n`);
  started = performance.now();
  const job = await post('/v1/discovery', { sampleSize });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) during the job`);
    const state = (await (await fetch(`${url}/v1/jobs/${String(job.id)}`)).json()) as { status: string };
    jobStatus = state.status;
    if (jobStatus !== 'queued' && jobStatus !== 'running') break;
  }
  discoverySeconds = (performance.now() - started) / 1000;
} catch (error) {
  jobStatus = `error: ${error instanceof Error ? error.message : String(error)}`;
}
const alive = server.exitCode === null;
const memory = sampler.stop();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
removeDb();

const peakMiB = memory.peakBytes / MIB;
const command = `npx tsx bench/server-jobs.ts --comments ${comments} --batch ${batchSize} --sample ${sampleSize}${values['node-flags'] ? ` --node-flags "${values['node-flags']}"` : ''}`;
const markdown = [
  '# Server memory under ingest and discovery',
  '',
  machineLine(startMachine),
  '',
  `Command: \`${command}\` (server: \`node ${flags.join(' ')} dist/server/server.js\`)`,
  '',
  '| comments ingested | per request | ingest s | RSS after ingest MiB | discovery sample | discovery s | job | server alive | peak RSS MiB |',
  '|---:|---:|---:|---:|---:|---:|---|---|---:|',
  `| ${formatNumber(comments)} | ${batchSize} | ${ingestSeconds.toFixed(1)} | ${formatNumber(rssAfterIngest)} | ${formatNumber(sampleSize)} | ${discoverySeconds.toFixed(1)} | ${jobStatus} | ${alive ? 'yes' : 'NO'} | ${formatNumber(peakMiB)} |`,
  '',
].join('\n');
writeResults(values.out, { machine: startMachine, command, flags, comments, batchSize, sampleSize, ingestSeconds, rssAfterIngestMiB: rssAfterIngest, discoverySeconds, jobStatus, alive, peakRssMiB: peakMiB }, markdown);
console.log(markdown);
if (jobStatus !== 'succeeded' || !alive) process.exitCode = 1;
