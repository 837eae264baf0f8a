/**
 * What the whole pipeline allocates per comment, by function: V8's sampling heap profiler over
 * engine.analyzeBatch, keeping the samples of objects the collector has already freed (by default
 * the profile holds only what is still alive when it stops, which for a pipeline is almost nothing).
 * Unlike a timing, the bytes per comment barely move between runs on a noisy machine, so they show
 * whether a change allocates less even when its speed-up hides in the noise.
 *
 *   npm run bench:alloc -- [--size 10000] [--runs 2] [--interval 4096] [--top 25]
 *   (npm run bench:alloc builds dist/ first)
 *
 * An allocation inlined into its caller is counted under the caller; `sort`, `slice` and other
 * built-ins are listed with the function that called them.
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { createEngine } from '../dist/engine.js';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';
import { corpusTexts } from './corpus.js';
import { ROOT, formatNumber, machine, machineLine, writeResults } from './lib.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '2' },
    interval: { type: 'string', default: '4096' },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: 'allocations' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const texts = corpusTexts(size);
const engine = await createEngine({});
const analyzeAll = async (): Promise<void> => {
  for (let start = 0; start < texts.length; start += DEFAULT_BATCH_SIZE) {
    await engine.analyzeBatch(texts.slice(start, start + DEFAULT_BATCH_SIZE).map((text, index) => ({ id: start + index, text })));
  }
};
// Warm-up: caches filled and code optimized, as in a long job.
await analyzeAll();
await analyzeAll();

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: Number(values.interval),
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let run = 0; run < runs; run++) await analyzeAll();
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
session.disconnect();

/** "name file:line" of a frame, with dist/ paths shown as the src/ files they come from. */
function frameName(node: SamplingNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith(`file://${ROOT}/dist/`) ? `src/${url.slice(`file://${ROOT}/dist/`.length).replace(/\.js$/, '.ts')}` : url.replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : '(built-in)'}`;
}

const bySite = new Map<string, number>();
let total = 0;
const walk = (node: SamplingNode, caller: string): void => {
  const name = frameName(node);
  // A built-in (sort, slice, push) says little on its own: name its caller too.
  const site = node.callFrame.url === '' && caller !== '' ? `${name} <- ${caller}` : name;
  if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child, node.callFrame.url === '' ? caller : name);
};
walk(profile.head, '');

const comments = size * runs;
const rows = [...bySite].sort((left, right) => right[1] - left[1]).slice(0, Number(values.top));
const command = `npm run bench:alloc -- --size ${size} --runs ${runs} --interval ${values.interval}`;
const markdown = [
  '# Allocations per comment, whole pipeline (default config)',
  '',
  `${new Date().toISOString()} · ${machineLine()}.`,
  `Command: \`${command}\` — sampled every ${formatNumber(Number(values.interval))} bytes over ${formatNumber(comments)} comments after two warm-up passes, freed objects included.`,
  '',
  `**${formatNumber(total / comments)} bytes allocated per comment** (sampled).`,
  '',
  '| function (a built-in: with its caller) | bytes per comment | share |',
  '|---|---:|---:|',
  ...rows.map(([site, bytes]) => `| ${site} | ${formatNumber(bytes / comments)} | ${((100 * bytes) / total).toFixed(1)} % |`),
  '',
].join('\n');
writeResults(values.out, {
  benchmark: 'allocations',
  date: new Date().toISOString(),
  command,
  machine: machine(),
  comments,
  bytesPerComment: total / comments,
  sites: rows.map(([site, bytes]) => ({ site, bytesPerComment: bytes / comments })),
}, markdown);
process.exit(0);
