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
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusRecord } from './corpus.js';
import { startBenchServer } from './bench-server.js';
import { BENCH_DIR, formatNumber, machine, machineLine, writeResults } from './lib.js';
import { MIB, processMemory } from './process-memory.js';

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
const tmp = path.join(BENCH_DIR, 'tmp');
mkdirSync(tmp, { recursive: true });

const startMachine = machine();
const server = startBenchServer({
  db: path.join(tmp, `server-jobs-${process.pid}.db`),
  logFile: path.join(tmp, `server-jobs-${process.pid}-server.log`),
  extraFlags: values['node-flags'].split(/\s+/).filter(Boolean),
  sampleIntervalMs: 100,
});
const rssMiB = () => (processMemory(server.pid)?.rss ?? 0) / MIB;

async function post(route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(server.url() + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

let jobStatus = 'not started';
let ingestSeconds = 0;
let discoverySeconds = 0;
let rssAfterIngest = 0;
try {
  await server.waitForReady(120);
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
    if (server.exited()) throw new Error('the server exited during the job');
    const state = (await (await fetch(`${server.url()}/v1/jobs/${String(job.id)}`)).json()) as { status: string };
    jobStatus = state.status;
    if (jobStatus !== 'queued' && jobStatus !== 'running') break;
  }
  discoverySeconds = (performance.now() - started) / 1000;
} catch (error) {
  jobStatus = `error: ${error instanceof Error ? error.message : String(error)}`;
}
const alive = !server.exited();
await server.stop();
const memory = server.sampler.stop();

const peakMiB = memory.peakBytes / MIB;
const command = `npx tsx bench/server-jobs.ts --comments ${comments} --batch ${batchSize} --sample ${sampleSize}${values['node-flags'] ? ` --node-flags "${values['node-flags']}"` : ''}`;
const markdown = [
  '# Server memory under ingest and discovery',
  '',
  machineLine(startMachine),
  '',
  `Command: \`${command}\` (server: \`${server.command}\`)`,
  '',
  '| comments ingested | per request | ingest s | RSS after ingest MiB | discovery sample | discovery s | job | server alive | peak RSS MiB |',
  '|---:|---:|---:|---:|---:|---:|---|---|---:|',
  `| ${formatNumber(comments)} | ${batchSize} | ${ingestSeconds.toFixed(1)} | ${formatNumber(rssAfterIngest)} | ${formatNumber(sampleSize)} | ${discoverySeconds.toFixed(1)} | ${jobStatus} | ${alive ? 'yes' : 'NO'} | ${formatNumber(peakMiB)} |`,
  '',
].join('\n');
writeResults(values.out, { machine: startMachine, command, server: server.command, comments, batchSize, sampleSize, ingestSeconds, rssAfterIngestMiB: rssAfterIngest, discoverySeconds, jobStatus, alive, peakRssMiB: peakMiB }, markdown);
console.log(markdown);
if (jobStatus !== 'succeeded' || !alive) process.exitCode = 1;
