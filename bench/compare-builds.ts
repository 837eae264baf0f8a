/**
 * Two builds of the pipeline in one process, taking turns batch by batch over the same comments:
 * the way to see a change of a few per cent on a machine whose speed drifts by more than that
 * between runs (separate runs of the same code moved 2.2-3.3x vader within an hour; this harness,
 * old build against itself, moves 2-3 %).
 *
 *   npm run bench:compare -- --a ../old-checkout --b . [--rounds 16] [--size 4000] [--batch-size 512] [--threads]
 *   (each directory holds a built dist/: a git worktree after `npm run build`, or a copy of dist/)
 *
 * By default both engines share the process's heap, so a change in what a build allocates is paid
 * by both builds' collections alike. With --threads each build runs in a worker thread of its own
 * (compare-thread.ts), with its own heap, and the summary also gives each thread's own CPU time.
 * Neither mode counts V8's helper threads (concurrent marking, parallel scavenges), which run on
 * the idle core here but compete with the workers in `tag`.
 *
 * Each round runs every batch of the corpus on both engines, alternating which goes first, and
 * prints both builds' µs per comment and B/A; the summary is the median over rounds.
 * `npm run bench:compare` compiles it into bench-build/ and runs it under plain node with
 * --max-semi-space-size=64, as the CLI runs the engine: under tsx's loader the same compiled
 * pipeline ran slower, with 2-3x the GC time (lib.ts compiledBenchScript). `npx tsx` still works.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';
import { corpusTexts } from './corpus.js';
import { engineOfBuild, machineLine, summarize } from './lib.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '16' },
    size: { type: 'string', default: '4000' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    threads: { type: 'boolean', default: false },
  },
});
if (!values.a) {
  process.stderr.write('usage: npx tsx bench/compare-builds.ts --a DIR --b DIR [--rounds 16] [--size 4000] [--batch-size 512] [--threads]\n');
  process.exit(2);
}

const size = Number(values.size);
const batchSize = Number(values['batch-size']);
const texts = corpusTexts(size);
const batches: { id: string; text: string }[][] = [];
for (let start = 0; start < texts.length; start += batchSize) {
  batches.push(texts.slice(start, start + batchSize).map((text, index) => ({ id: String(start + index), text })));
}
/** Runs batch `index` on one build; its wall time and (threads only) its thread's CPU time, in µs. */
type Runner = (index: number) => Promise<{ wallMicros: number; cpuMicros: number }>;

/** The build in `dir` analyzing in this thread (the engines share one heap). */
async function inProcess(dir: string): Promise<Runner> {
  const engine = await engineOfBuild(dir);
  for (const batch of batches) await engine.analyzeBatch(batch);
  return async (index) => {
    const started = performance.now();
    await engine.analyzeBatch(batches[index]!);
    return { wallMicros: (performance.now() - started) * 1000, cpuMicros: Number.NaN };
  };
}

/**
 * A worker entry that loads compare-thread.ts through tsx's API: Node 20 starts a worker's entry
 * before a --import loader is in place.
 */
function tsxEntry(): string {
  return `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; await tsImport(${JSON.stringify(new URL('./compare-thread.ts', import.meta.url).href)}, import.meta.url);`;
}

/** The build in `dir` analyzing in a worker thread of its own (compare-thread.ts). */
async function inThread(dir: string): Promise<Runner> {
  const worker = import.meta.url.endsWith('.js')
    ? // Compiled (bench-build/, as `npm run bench:compare` runs it): plain node, as the product runs.
      new Worker(new URL('./compare-thread.js', import.meta.url), { workerData: { dir, batches } })
    : new Worker(new URL(`data:text/javascript,${encodeURIComponent(tsxEntry())}`), { workerData: { dir, batches } });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.unref();
  return (index) =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(index);
    });
}

const runners = values.threads
  ? await Promise.all([inThread(values.a), inThread(values.b)])
  : [await inProcess(values.a), await inProcess(values.b)];

process.stdout.write(`${machineLine()}\nA = ${path.resolve(values.a)}, B = ${path.resolve(values.b)}; ${size} corpus comments in batches of ${batchSize}${values.threads ? ', each build in a thread of its own' : ', both builds in one heap'}\n`);
const perComment: [number[], number[]] = [[], []];
const ratios: number[] = [];
const cpuRatios: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const micros = [0, 0];
  const cpu = [0, 0];
  for (let index = 0; index < batches.length; index++) {
    for (const which of (index + round) % 2 === 0 ? [0, 1] : [1, 0]) {
      const { wallMicros, cpuMicros } = await runners[which]!(index);
      micros[which]! += wallMicros;
      cpu[which]! += cpuMicros;
    }
  }
  const [a, b] = [micros[0]! / size, micros[1]! / size];
  perComment[0].push(a);
  perComment[1].push(b);
  ratios.push(b / a);
  cpuRatios.push(cpu[1]! / cpu[0]!);
  const cpuPart = values.threads ? `; thread CPU A ${(cpu[0]! / size).toFixed(1)}, B ${(cpu[1]! / size).toFixed(1)}, B/A ${(cpu[1]! / cpu[0]!).toFixed(3)}` : '';
  process.stdout.write(`round ${round}: A ${a.toFixed(1)} µs/comment, B ${b.toFixed(1)}, B/A ${(b / a).toFixed(3)}${cpuPart}\n`);
}
const median = (values: readonly number[]): string => summarize(values).median.toFixed(1);
const cpuSummary = values.threads ? `; thread CPU B/A ${summarize(cpuRatios).median.toFixed(3)}` : '';
process.stdout.write(`median: A ${median(perComment[0])} µs/comment, B ${median(perComment[1])}, B/A ${summarize(ratios).median.toFixed(3)}${cpuSummary}\n`);
process.exit(0);
