/**
 * Experiment harness for the v2 sequence models: trains one task with given hyper-parameters,
 * prints dev accuracy per epoch, and writes the ONNX file, its meta part and the dev
 * probabilities to --out (for ensembles and speed checks). Not part of the release training.
 *
 *   npx tsx scripts/train-sequence-probe.ts --task aspect --epochs 3 --out /tmp/probe-aspect
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededShuffle } from '../src/datasets/index.js';
import { trainForRelease, type SequenceTask } from '../src/model/nn/sequence-training.js';
import { devTable } from '../src/model/training-run.js';
import { aspectTrainingRows, sentenceTrainingRows, sentimentDevSets } from '../src/model/training-data.js';

const { values } = parseArgs({
  options: {
    task: { type: 'string', default: 'aspect' },
    limit: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '3' },
    filters: { type: 'string', default: '100' },
    projection: { type: 'string', default: '64' },
    widths: { type: 'string', default: '3' },
    lr: { type: 'string', default: '0.002' },
    dropout: { type: 'string', default: '0.5' },
    batch: { type: 'string', default: '32' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: '/tmp/sequence-probe' },
    phrases: { type: 'string', default: '' },
    tune: { type: 'boolean', default: false },
  },
});
const task = values.task as SequenceTask;
const seed = Number(values.seed);
let rows = task === 'aspect' ? await aspectTrainingRows() : await sentenceTrainingRows();
const limit = Number(values.limit);
if (limit > 0) rows = seededShuffle(rows, seed).slice(0, limit);
if (values.phrases) {
  // Experiment: re-weight the SST-2 phrase rows of the aspect mixture to this many effective rows.
  const phraseRows = rows.filter((row) => row.source === 'sst2-phrases').length;
  const weight = Math.min(1, Number(values.phrases) / Math.max(phraseRows, 1));
  rows = rows.map((row) => (row.source === 'sst2-phrases' ? { ...row, weight } : row));
}
const dev = (await sentimentDevSets()).filter((set) => (task === 'aspect') === (set.kind === 'aspect'));
console.log(`${task}: ${rows.length} rows before budget caps`);
const out = values.out ?? '/tmp/sequence-probe';
const released = trainForRelease(
  task,
  rows,
  dev,
  {
    projection: Number(values.projection),
    widths: String(values.widths).split(',').map(Number),
    filters: Number(values.filters),
    epochs: Number(values.epochs),
    batchSize: Number(values.batch),
    learningRate: Number(values.lr),
    dropout: Number(values.dropout),
    tuneRows: values.tune,
  },
  seed,
  `${task}.onnx`,
  (set) => set.kind !== 'binary',
);
await mkdir(out, { recursive: true });
await writeFile(join(out, `${task}.onnx`), released.bytes);
await writeFile(join(out, `${task}.json`), JSON.stringify({ part: released.part, scores: released.scores, devProbabilities: released.devProbabilities.map((values) => Array.from(values)) }));
console.log(`served int8 (T=${released.part.temperature}), ${released.seconds.toFixed(0)} s:\n${devTable(released.scores)}`);
