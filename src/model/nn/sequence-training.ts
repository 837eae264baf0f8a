/**
 * Glue between the training mixture (training-data.ts) and the sequence networks: rows -> examples,
 * one network per task with its shape, dev scoring per epoch. Used by scripts/train-*.ts.
 */
import { seededRandom } from '../bag-model.js';
import { scoreDevSet, type DevScore } from '../training-run.js';
import type { DevSet, WeightedRow } from '../training-data.js';
import { createConvNetwork, type ConvNetwork, type NetworkShape } from './conv-network.js';
import { trainNetwork, type NetworkTrainingOptions, type TrainingExample } from './network-trainer.js';
import { aspectInput, POSITION_BUCKETS, sentenceInput, type SequenceInput, type TokenVocabulary } from './sequence-tokens.js';
import { networkLogits, probabilitiesFromLogits } from './served-network.js';
import { OOV_BUCKETS } from './word-table.js';

export type SequenceTask = 'sentence' | 'aspect';

export interface SequenceHyper {
  projection: number;
  widths: number[];
  filters: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
}

/** The input of a row for a task (aspect rows without a target are scored as the whole text). */
export function inputOfRow(task: SequenceTask, row: WeightedRow, vocabulary: TokenVocabulary, minimum: number): SequenceInput {
  if (task === 'sentence') return sentenceInput(row.text, vocabulary, minimum);
  const target = row.target ?? { start: 0, end: row.text.length };
  return aspectInput({ text: row.text, start: target.start, end: target.end }, vocabulary, minimum);
}

/** The network shape of a task. */
export function shapeOf(task: SequenceTask, hyper: SequenceHyper, inputDim: number): NetworkShape {
  return {
    inputDim,
    projection: hyper.projection,
    widths: hyper.widths,
    filters: hyper.filters,
    gated: task === 'aspect',
    positions: task === 'aspect' ? POSITION_BUCKETS : 0,
    classes: 3,
    extraRows: OOV_BUCKETS,
  };
}

/** Creates and trains a network for a task, logging each epoch with the dev accuracies. */
export function trainSequenceModel(
  task: SequenceTask,
  rows: readonly WeightedRow[],
  dev: readonly DevSet[],
  words: Float32Array,
  inputDim: number,
  vocabulary: TokenVocabulary,
  hyper: SequenceHyper,
  seed: number,
  log: (line: string) => void = console.log,
): { network: ConvNetwork; seconds: number } {
  const started = Date.now();
  const minimum = Math.max(...hyper.widths);
  const examples: TrainingExample[] = rows.map((row) => ({ input: inputOfRow(task, row, vocabulary, minimum), label: row.label, weight: row.weight }));
  const devInputs = dev.map((set) => set.rows.map((row) => inputOfRow(task, row, vocabulary, minimum)));
  const network = createConvNetwork(shapeOf(task, hyper, inputDim), words, seededRandom(seed));
  const options: NetworkTrainingOptions = {
    epochs: hyper.epochs,
    batchSize: hyper.batchSize,
    learningRate: hyper.learningRate,
    dropout: hyper.dropout,
    seed,
    onEpoch: (epoch, loss) => {
      const scores = dev.map((set, index) => `${set.name} ${scoreDevSet(set, probabilitiesFromLogits(networkLogits(network, devInputs[index]), 3, 1)).accuracy.toFixed(4)}`);
      log(`[${task} v2] epoch ${epoch}/${hyper.epochs} loss ${loss.toFixed(4)} ${scores.join(', ')} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
    },
  };
  trainNetwork(network, examples, options);
  return { network, seconds: (Date.now() - started) / 1000 };
}

/** Dev scores of a network's logits with a temperature. */
export function scoreNetwork(task: SequenceTask, network: ConvNetwork, dev: readonly DevSet[], vocabulary: TokenVocabulary, temperature: number): DevScore[] {
  const minimum = Math.max(...network.shape.widths);
  return dev.map((set) => scoreDevSet(set, probabilitiesFromLogits(networkLogits(network, set.rows.map((row) => inputOfRow(task, row, vocabulary, minimum))), 3, temperature)));
}

/**
 * Turns fractional source weights into a seeded subsample of whole rows (a source with weight w < 1
 * keeps round(w x rows) rows at weight 1): the same pull on the model as v1's weights, in fewer steps.
 */
export function capToBudget(rows: readonly WeightedRow[], seed: number): WeightedRow[] {
  const bySource = new Map<string, WeightedRow[]>();
  for (const row of rows) {
    const group = bySource.get(row.source) ?? [];
    group.push(row);
    bySource.set(row.source, group);
  }
  const random = seededRandom(seed ^ 0x2545f491);
  const result: WeightedRow[] = [];
  for (const group of bySource.values()) {
    const weight = group[0].weight;
    if (weight >= 1) {
      result.push(...group);
      continue;
    }
    const keep = Math.round(weight * group.length);
    const order = group.map((_, index) => index);
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other], order[index]];
    }
    for (const index of order.slice(0, keep)) result.push({ ...group[index], weight: 1 });
  }
  return result;
}
