/**
 * Trains a BagModel with plain SGD and a linearly decaying learning rate, one example at a time
 * (fastText's recipe). Deterministic: the only randomness is a seeded PRNG for initialization and
 * shuffling, and the arithmetic is sequential, so same seed + same data => same weights.
 */
import { addHiddenLayer, createBagModel, embedMean, hiddenOf, logitsOf, activate, type BagModel, type OutputKind } from './bag-model.js';
import { mulberry32 } from '../datasets/random.js';

/** Featurized rows in flat arrays: row r has ids[offsets[r] .. offsets[r+1]). */
export interface TrainingSet {
  ids: Int32Array;
  offsets: Int32Array;
  /** rows x classes targets: one-hot for softmax, multi-hot for sigmoid. */
  targets: Float32Array;
  /** Per-row loss weight (data-set balancing). */
  weights: Float32Array;
}

export interface TrainOptions {
  buckets: number;
  dim: number;
  classes: number;
  output: OutputKind;
  epochs: number;
  /** Starting learning rate; decays linearly to zero over all epochs (fastText default 0.1-1.0). */
  learningRate: number;
  seed: number;
  /** Units of an optional ReLU hidden layer (0: none, the plain fastText model). */
  hiddenSize?: number;
  /** Called once on the fresh model before training (e.g. to copy pretrained word vectors in). */
  initialize?: (model: BagModel) => void;
  /** Called after each epoch with the mean weighted training loss. */
  onEpoch?: (epoch: number, loss: number, model: BagModel) => void;
}

/** Builds a TrainingSet from featurized rows. */
export function packTrainingSet(rows: readonly { ids: readonly number[]; target: readonly number[]; weight: number }[], classes: number): TrainingSet {
  let total = 0;
  for (const row of rows) total += row.ids.length;
  const ids = new Int32Array(total);
  const offsets = new Int32Array(rows.length + 1);
  const targets = new Float32Array(rows.length * classes);
  const weights = new Float32Array(rows.length);
  let cursor = 0;
  rows.forEach((row, index) => {
    ids.set(row.ids, cursor);
    cursor += row.ids.length;
    offsets[index + 1] = cursor;
    targets.set(row.target, index * classes);
    weights[index] = row.weight;
  });
  return { ids, offsets, targets, weights };
}

/** Fisher-Yates with the seeded PRNG. */
function shuffledOrder(count: number, random: () => number): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const swap = order[index];
    order[index] = order[other];
    order[other] = swap;
  }
  return order;
}

/** Trains and returns the model; see the file comment for the recipe. */
export function trainBagModel(set: TrainingSet, options: TrainOptions): BagModel {
  const random = mulberry32(options.seed);
  let model = createBagModel(options.buckets, options.dim, options.classes, options.output, random);
  if (options.hiddenSize) model = addHiddenLayer(model, options.hiddenSize, random);
  options.initialize?.(model);
  const { dim, classes, embedding, weight, bias, hidden: layer } = model;
  const width = layer ? layer.size : dim;
  const rowCount = set.offsets.length - 1;
  const totalSteps = rowCount * options.epochs;
  const mean = new Float32Array(dim);
  const activations = new Float32Array(width);
  const logits = new Float32Array(classes);
  const outputInputGradient = new Float32Array(width);
  const meanGradient = new Float32Array(dim);
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffledOrder(rowCount, random);
    let lossSum = 0;
    let weightSum = 0;
    for (const row of order) {
      const start = set.offsets[row];
      const end = set.offsets[row + 1];
      const rowWeight = set.weights[row];
      const rate = options.learningRate * (1 - step / totalSteps) * rowWeight;
      step++;
      if (end <= start || rowWeight <= 0) continue;
      embedMean(model, set.ids, start, end, mean);
      const input = layer ? activations : mean;
      if (layer) hiddenOf(model, mean, activations);
      logitsOf(model, input, logits);
      activate(options.output, logits);
      outputInputGradient.fill(0);
      for (let label = 0; label < classes; label++) {
        const target = set.targets[row * classes + label];
        const probability = logits[label];
        if (options.output === 'softmax') {
          if (target > 0) lossSum -= rowWeight * target * Math.log(Math.max(probability, 1e-12));
        } else {
          lossSum -= rowWeight * (target * Math.log(Math.max(probability, 1e-12)) + (1 - target) * Math.log(Math.max(1 - probability, 1e-12)));
        }
        const delta = rate * (target - probability);
        if (delta === 0) continue;
        const offset = label * width;
        for (let column = 0; column < width; column++) {
          outputInputGradient[column] += delta * weight[offset + column];
          weight[offset + column] += delta * input[column];
        }
        bias[label] += delta;
      }
      weightSum += rowWeight;
      if (layer) {
        meanGradient.fill(0);
        for (let unit = 0; unit < layer.size; unit++) {
          if (activations[unit] <= 0) continue;
          const gradient = outputInputGradient[unit];
          const offset = unit * dim;
          for (let column = 0; column < dim; column++) {
            meanGradient[column] += gradient * layer.weight[offset + column];
            layer.weight[offset + column] += gradient * mean[column];
          }
          layer.bias[unit] += gradient;
        }
      } else {
        meanGradient.set(outputInputGradient);
      }
      const share = 1 / (end - start);
      for (let column = 0; column < dim; column++) meanGradient[column] *= share;
      for (let position = start; position < end; position++) {
        const base = set.ids[position] * dim;
        for (let column = 0; column < dim; column++) embedding[base + column] += meanGradient[column];
      }
    }
    options.onEpoch?.(epoch, lossSum / Math.max(weightSum, 1e-9), model);
  }
  return model;
}
