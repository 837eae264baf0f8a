/**
 * Accuracy of the combined scorer at several model weights (config sentiment.modelWeight) on every
 * dev set and on a labelled JSONL file (default: the CX development set), in one run on the same
 * texts, so the blend's trade between public reviews and CX text can be read off one table.
 *
 *   npx tsx scripts/model-weight-grid.ts [--weights 0.2,0.4,0.6,0.8] [--file data/dev/cx-dev.jsonl]
 *
 * Never point --file at data/eval/cx-feedback.jsonl: that set is a held-out check, not for tuning.
 */
import { parseArgs } from 'node:util';
import { createEngine } from '../src/engine.js';
import { engineSystem } from '../src/eval/engine-systems.js';
import { evaluateFile, runEvaluation } from '../src/eval/index.js';
import type { EvalSystem } from '../src/eval/types.js';

const { values } = parseArgs({
  options: {
    weights: { type: 'string', default: '0.2,0.4,0.6,0.8' },
    file: { type: 'string', default: 'data/dev/cx-dev.jsonl' },
  },
});
const weights = values.weights.split(',').map(Number);
if (weights.some((weight) => !(weight >= 0 && weight <= 1))) throw new Error(`--weights: numbers in [0, 1], found "${values.weights}"`);
if (values.file.includes('data/eval/')) throw new Error('data/eval/ holds the held-out check set: tune on data/dev/ instead');

const systems: EvalSystem[] = [];
const engines = [];
for (const weight of weights) {
  const engine = await createEngine({ sentiment: { scorer: 'combined', modelWeight: weight }, emotions: { enabled: false } });
  engines.push(engine);
  systems.push(engineSystem(`modelWeight ${weight}`, engine));
}
const report = await runEvaluation({ systems, emotionSystem: undefined });
const file = await evaluateFile(values.file, systems);

const header = ['system', ...report.datasets.map((dataset) => dataset.dataset), values.file];
const rows = systems.map((system) => [
  system.name,
  ...report.datasets.map((dataset) => {
    const score = dataset.scores.find((entry) => entry.system === system.name)!;
    return score.aspectAccuracy === null ? score.accuracy.toFixed(3) : `${score.accuracy.toFixed(3)} (aspect ${score.aspectAccuracy.toFixed(3)})`;
  }),
  file.scores.find((entry) => entry.system === system.name)!.accuracy.toFixed(3),
]);
process.stdout.write(`Accuracy by model weight\n\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
for (const engine of engines) await engine.close();
