/**
 * What the young generation's size costs the whole pipeline: for each semi-space size, a child
 * process analyzes the corpus in batches (as the server's 100-comment requests do) and reports
 * its time, the collector's pauses by kind (from `gc` performance entries) and its resident memory.
 * V8's --max-semi-space-size is per process (it also sizes every worker thread, whatever a
 * Worker's resourceLimits ask), so each size needs its own process.
 *
 *   npx tsx bench/gc.ts [--sizes 16,32,64] [--batch-size 100] [--comments 20000] [--passes 3]
 *   (builds nothing: run `npm run build` first)
 *
 * Prints one line per size; a smaller nursery collects more often, and when a scavenge catches
 * a batch still in flight its survivors are promoted, which grows the old space as well.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { machine, machineLine } from './lib.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '16,32,64' },
    'batch-size': { type: 'string', default: '100' },
    comments: { type: 'string', default: '20000' },
    passes: { type: 'string', default: '3' },
    child: { type: 'boolean', default: false },
  },
});
const batchSize = Number(values['batch-size']);
const comments = Number(values.comments);
const passes = Number(values.passes);

/** One size, in this process: a warm-up pass, then `passes` timed passes with the collector watched. */
async function measure(): Promise<void> {
  const { createEngine } = await import('../dist/engine.js');
  const { corpusTexts } = await import('./corpus.js');
  const engine = await createEngine({});
  const inputs = corpusTexts(comments).map((text, index) => ({ id: index, text }));
  const pass = async (): Promise<void> => {
    for (let start = 0; start < inputs.length; start += batchSize) await engine.analyzeBatch(inputs.slice(start, start + batchSize));
  };
  await pass();
  const pauses = { scavenge: [0, 0], major: [0, 0], other: [0, 0] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = ((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind;
      const key = kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'scavenge' : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : 'other';
      pauses[key][0] += 1;
      pauses[key][1] += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let run = 0; run < passes; run++) await pass();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const analyzed = passes * inputs.length;
  const perComment = (ms: number): string => ((ms * 1000) / analyzed).toFixed(1);
  console.log(
    JSON.stringify({
      wallMicroseconds: Number(perComment(wall)),
      cpuMicroseconds: Number(((used.user + used.system) / analyzed).toFixed(1)),
      scavenges: pauses.scavenge[0],
      scavengeMicroseconds: Number(perComment(pauses.scavenge[1])),
      majorGcs: pauses.major[0],
      majorMicroseconds: Number(perComment(pauses.major[1])),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    }),
  );
  await engine.close();
}

if (values.child) {
  await measure();
} else {
  console.log(machineLine(machine()));
  console.log(`batches of ${batchSize}, ${comments} corpus comments, ${passes} passes after one warm-up`);
  for (const size of values.sizes.split(',').map(Number)) {
    const script = fileURLToPath(import.meta.url);
    const args = [`--max-semi-space-size=${size}`, '--import', 'tsx', script, '--child', '--batch-size', String(batchSize), '--comments', String(comments), '--passes', String(passes)];
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the ${size} MB run failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
    console.log(
      `semi-space ${String(size).padStart(3)} MB: ${result.wallMicroseconds} µs a comment (CPU ${result.cpuMicroseconds}), ` +
        `${result.scavenges} scavenges (${result.scavengeMicroseconds} µs a comment), ${result.majorGcs} mark-compacts (${result.majorMicroseconds}), RSS ${result.rssMiB} MiB`,
    );
  }
}
