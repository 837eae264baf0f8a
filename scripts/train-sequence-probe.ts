/**
 * Experiment harness for the v2 sequence models: trains one task on a (sub)sample with given
 * hyper-parameters and prints dev accuracy per epoch. Not part of the release training.
 *
 *   npx tsx scripts/train-sequence-probe.ts --task aspect --limit 20000 --epochs 3
 */
import { parseArgs } from 'node:util';
import { seededShuffle } from '../src/datasets/index.js';
import { capToBudget, trainSequenceModel, type SequenceTask } from '../src/model/nn/sequence-training.js';
import { loadWordTable } from '../src/model/nn/word-table.js';
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
  },
});
const task = values.task as SequenceTask;
const seed = Number(values.seed);
const { vocabulary, words, dimensions } = loadWordTable();
let rows = task === 'aspect' ? await aspectTrainingRows() : await sentenceTrainingRows();
rows = capToBudget(rows, seed);
const limit = Number(values.limit);
if (limit > 0) rows = seededShuffle(rows, seed).slice(0, limit);
const dev = (await sentimentDevSets()).filter((set) => (task === 'aspect') === (set.kind === 'aspect'));
console.log(`${task}: ${rows.length} rows`);
trainSequenceModel(task, rows, dev, words, dimensions, vocabulary, {
  projection: Number(values.projection),
  widths: String(values.widths).split(',').map(Number),
  filters: Number(values.filters),
  epochs: Number(values.epochs),
  batchSize: Number(values.batch),
  learningRate: Number(values.lr),
  dropout: Number(values.dropout),
}, seed);
