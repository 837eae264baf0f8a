/**
 * Mini-batch Adam training of a ConvNetwork: seeded shuffles and dropout masks, weighted
 * cross-entropy, learning rate decaying linearly to a tenth. Same seed, same data => same weights.
 */
import { mulberry32 } from '../../datasets/random.js';
import { accumulateGradients, Workspace, type ConvNetwork } from './conv-network.js';
import { MAX_SEQUENCE_TOKENS, type SequenceInput } from './sequence-tokens.js';

/** Adam's defaults (Kingma and Ba 2015). */
const BETA_FIRST = 0.9;
const BETA_SECOND = 0.999;
const EPSILON = 1e-8;
/** Row offsets (fine-tuned word vectors) learn at a fraction of the rate: they see few examples each. */
const ROW_OFFSET_RATE = 0.5;

export interface TrainingExample {
  input: SequenceInput;
  label: number;
  weight: number;
}

export interface NetworkTrainingOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Dropout on the pooled features (Kim 2014 uses 0.5). */
  dropout: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** One Adam step over every parameter with the accumulated gradients, which it then clears. */
export function adamStep(network: ConvNetwork, learningRate: number, step: number): void {
  const correctionFirst = 1 - Math.pow(BETA_FIRST, step);
  const correctionSecond = 1 - Math.pow(BETA_SECOND, step);
  const rate = (learningRate * Math.sqrt(correctionSecond)) / correctionFirst;
  for (const parameter of network.parameters) {
    const { value, gradient, first, second } = parameter;
    for (let index = 0; index < value.length; index++) {
      const g = gradient[index];
      if (g === 0 && first[index] === 0) continue;
      first[index] = BETA_FIRST * first[index] + (1 - BETA_FIRST) * g;
      second[index] = BETA_SECOND * second[index] + (1 - BETA_SECOND) * g * g;
      value[index] -= (rate * first[index]) / (Math.sqrt(second[index]) + EPSILON);
      gradient[index] = 0;
    }
  }
  const offset = network.rowOffset;
  if (offset) {
    // Lazy (sparse) Adam: only rows seen in this batch move; their moments decay only when seen.
    const P = network.shape.projection;
    for (const row of network.touched) {
      for (let index = row * P; index < (row + 1) * P; index++) {
        const g = offset.gradient[index];
        offset.first[index] = BETA_FIRST * offset.first[index] + (1 - BETA_FIRST) * g;
        offset.second[index] = BETA_SECOND * offset.second[index] + (1 - BETA_SECOND) * g * g;
        offset.value[index] -= (rate * ROW_OFFSET_RATE * offset.first[index]) / (Math.sqrt(offset.second[index]) + EPSILON);
        offset.gradient[index] = 0;
      }
    }
    network.touched.clear();
  }
}

/** Trains in place; returns the network. */
export function trainNetwork(network: ConvNetwork, examples: readonly TrainingExample[], options: NetworkTrainingOptions): ConvNetwork {
  const random = mulberry32(options.seed ^ 0x5bd1e995);
  let maxLength = 1;
  for (const example of examples) maxLength = Math.max(maxLength, example.input.rows.length);
  const work = new Workspace(network.shape, Math.max(maxLength, MAX_SEQUENCE_TOKENS + 8));
  const order = examples.map((_, index) => index);
  const totalSteps = options.epochs * Math.ceil(examples.length / options.batchSize);
  const keep = 1 - options.dropout;
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other], order[index]];
    }
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(order.length, start + options.batchSize);
      let batchWeight = 0;
      for (let position = start; position < end; position++) batchWeight += examples[order[position]].weight;
      for (let position = start; position < end; position++) {
        const example = examples[order[position]];
        for (let feature = 0; feature < work.dropMask.length; feature++) work.dropMask[feature] = random() < keep ? 1 / keep : 0;
        lossSum += accumulateGradients(network, example.input, example.label, example.weight / batchWeight, work) * batchWeight;
        weightSum += example.weight;
      }
      step++;
      const progress = step / totalSteps;
      adamStep(network, options.learningRate * (1 - 0.9 * progress), step);
    }
    options.onEpoch?.(epoch, lossSum / Math.max(weightSum, 1e-12));
  }
  return network;
}
