/**
 * Glue between the training mixture (training-data.ts) and the sequence networks: rows -> examples,
 * one network per task with its shape, dev scoring per epoch. Used by scripts/train-*.ts.
 */
import { mulberry32 } from '../../datasets/random.js';
import { scoreDevSet, type DevScore } from '../training-run.js';
import type { DevSet, WeightedRow } from '../training-data.js';
import { createConvNetwork, type ConvNetwork, type NetworkShape } from './conv-network.js';
import { trainNetwork, type NetworkTrainingOptions, type TrainingExample } from './network-trainer.js';
import { aspectInput, POSITION_BUCKETS, sentenceInput, type SequenceInput, type TokenVocabulary } from './sequence-tokens.js';
import { fitTemperature } from '../metrics.js';
import type { SequencePart } from '../sentiment-model.js';
import { exportSequenceNetwork } from './sequence-onnx.js';
import { networkLogits, probabilitiesFromLogits, servedAsNetwork, toServed } from './served-network.js';
import { loadWordTable, OOV_BUCKETS } from './word-table.js';

export type SequenceTask = 'sentence' | 'aspect';

export interface SequenceHyper {
  projection: number;
  widths: number[];
  filters: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  /** Fine-tune the table rows (sparse offsets in the projected space). */
  tuneRows?: boolean;
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
    tuneRows: hyper.tuneRows ?? false,
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
  const network = createConvNetwork(shapeOf(task, hyper, inputDim), words, mulberry32(seed));
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
  const random = mulberry32(seed ^ 0x2545f491);
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

export interface ReleasedSequenceModel {
  part: SequencePart;
  bytes: Uint8Array;
  scores: DevScore[];
  /** Probabilities of the served (int8) network on each dev set, for ensembles and reports. */
  devProbabilities: Float32Array[];
  seconds: number;
}

/**
 * Trains a task's network, folds it into its served int8 form, fits the temperature on the dev
 * rows `calibrationSets` selects, scores every dev set with the served twin and exports the ONNX bytes.
 */
export function trainForRelease(
  task: SequenceTask,
  rows: readonly WeightedRow[],
  dev: readonly DevSet[],
  hyper: SequenceHyper,
  seed: number,
  file: string,
  calibrationSets: (set: DevSet) => boolean,
  log: (line: string) => void = console.log,
): ReleasedSequenceModel {
  const { vocabulary, words, dimensions } = loadWordTable();
  const trained = trainSequenceModel(task, capToBudget(rows, seed), dev, words, dimensions, vocabulary, hyper, seed, log);
  const served = toServed(trained.network);
  const twin = servedAsNetwork(served);
  const minimum = Math.max(...hyper.widths);
  const devLogits = dev.map((set) => networkLogits(twin, set.rows.map((row) => inputOfRow(task, row, vocabulary, minimum))));
  const calibration = dev.map((set, index) => ({ set, logits: devLogits[index] })).filter((entry) => calibrationSets(entry.set));
  const joined = new Float32Array(calibration.reduce((total, entry) => total + entry.logits.length, 0));
  let offset = 0;
  for (const entry of calibration) {
    joined.set(entry.logits, offset);
    offset += entry.logits.length;
  }
  const temperature = fitTemperature(joined, calibration.flatMap((entry) => entry.set.rows.map((row) => row.label)), 3);
  const devProbabilities = devLogits.map((logits) => probabilitiesFromLogits(logits, 3, temperature));
  const scores = dev.map((set, index) => scoreDevSet(set, devProbabilities[index]));
  const bytes = exportSequenceNetwork(served, temperature, `verbatim ${task} sentiment sequence network`);
  const part: SequencePart = { file, kind: 'sequence', shape: trained.network.shape, temperature, vocabularySize: vocabulary.wordRows };
  return { part, bytes, scores, devProbabilities, seconds: trained.seconds };
}
