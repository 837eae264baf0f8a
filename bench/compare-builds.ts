/**
 * Two builds of the pipeline in one process, taking turns batch by batch over the same comments:
 * the way to see a change of a few per cent on a machine whose speed drifts by more than that
 * between runs (separate runs of the same code moved 2.2-3.3x vader within an hour; this harness,
 * old build against itself, moves 2-3 %).
 *
 *   npx tsx bench/compare-builds.ts --a ../old-checkout --b . [--rounds 16] [--size 4000] [--batch-size 512]
 *   (each directory holds a built dist/: a git worktree after `npm run build`, or a copy of dist/)
 *
 * Each round runs every batch of the corpus on both engines, alternating which goes first, and
 * prints both builds' µs per comment and B/A; the summary is the median over rounds. Run it with
 * node --max-semi-space-size=64 --import tsx, as `npm run bench:compare` does, so both engines see
 * the young generation the CLI gives them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';
import { corpusTexts } from './corpus.js';
import { machineLine, summarize } from './lib.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '16' },
    size: { type: 'string', default: '4000' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
  },
});
if (!values.a) {
  process.stderr.write('usage: npx tsx bench/compare-builds.ts --a DIR --b DIR [--rounds 16] [--size 4000] [--batch-size 512]\n');
  process.exit(2);
}

interface Analyzer {
  analyzeBatch(records: readonly { id: string; text: string }[]): Promise<unknown[]>;
}

/** The engine of the build in `dir` (its dist/engine.js), default configuration. */
async function engineOf(dir: string): Promise<Analyzer> {
  const dist = path.resolve(dir, 'dist');
  const { createEngine } = (await import(pathToFileURL(path.join(dist, 'engine.js')).href)) as { createEngine: (config: unknown) => Promise<Analyzer> };
  const { resolveConfig } = (await import(pathToFileURL(path.join(dist, 'config.js')).href)) as { resolveConfig: (input: unknown) => unknown };
  return createEngine(resolveConfig({}));
}

const size = Number(values.size);
const batchSize = Number(values['batch-size']);
const texts = corpusTexts(size);
const batches: { id: string; text: string }[][] = [];
for (let start = 0; start < texts.length; start += batchSize) {
  batches.push(texts.slice(start, start + batchSize).map((text, index) => ({ id: String(start + index), text })));
}
const engines = [await engineOf(values.a), await engineOf(values.b)];
for (const engine of engines) for (const batch of batches) await engine.analyzeBatch(batch);

process.stdout.write(`${machineLine()}\nA = ${path.resolve(values.a)}, B = ${path.resolve(values.b)}; ${size} corpus comments in batches of ${batchSize}\n`);
const perComment: [number[], number[]] = [[], []];
const ratios: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const micros = [0, 0];
  for (let index = 0; index < batches.length; index++) {
    for (const which of (index + round) % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      await engines[which]!.analyzeBatch(batches[index]!);
      micros[which]! += (performance.now() - started) * 1000;
    }
  }
  const [a, b] = [micros[0]! / size, micros[1]! / size];
  perComment[0].push(a);
  perComment[1].push(b);
  ratios.push(b / a);
  process.stdout.write(`round ${round}: A ${a.toFixed(1)} µs/comment, B ${b.toFixed(1)}, B/A ${(b / a).toFixed(3)}\n`);
}
const median = (values: readonly number[]): string => summarize(values).median.toFixed(1);
process.stdout.write(`median: A ${median(perComment[0])} µs/comment, B ${median(perComment[1])}, B/A ${summarize(ratios).median.toFixed(3)}\n`);
