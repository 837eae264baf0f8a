/**
 * The bag-of-features classifier (fastText-style): mean of hashed feature embeddings, then one
 * linear layer, then softmax (one label) or sigmoid (several labels). This file holds the weights
 * and the plain JavaScript forward pass; the same arithmetic is exported to ONNX (onnx-export.ts)
 * and checked against it in test/model/onnx-parity.test.ts.
 */

export type OutputKind = 'softmax' | 'sigmoid';

export interface BagModel {
  /** Hash buckets; the embedding table has buckets + 1 rows, the last (padding) row is zero. */
  buckets: number;
  dim: number;
  classes: number;
  output: OutputKind;
  /** (buckets + 1) x dim, row-major. */
  embedding: Float32Array;
  /** classes x dim, row-major. */
  weight: Float32Array;
  bias: Float32Array;
  /** Optional ReLU hidden layer between the mean and the output: hiddenSize x dim weights. */
  hidden?: { size: number; weight: Float32Array; bias: Float32Array };
}

/** A model with zero output weights and small random embeddings (fastText's initialization). */
export function createBagModel(buckets: number, dim: number, classes: number, output: OutputKind, random: () => number): BagModel {
  const embedding = new Float32Array((buckets + 1) * dim);
  const range = 1 / dim;
  for (let index = 0; index < buckets * dim; index++) embedding[index] = (random() * 2 - 1) * range;
  return { buckets, dim, classes, output, embedding, weight: new Float32Array(classes * dim), bias: new Float32Array(classes) };
}

/** Adds a ReLU hidden layer (Glorot-uniform weights) and resizes the output layer to small random weights. */
export function addHiddenLayer(model: BagModel, size: number, random: () => number): BagModel {
  const limit = Math.sqrt(6 / (model.dim + size));
  const weight = new Float32Array(size * model.dim);
  for (let index = 0; index < weight.length; index++) weight[index] = (random() * 2 - 1) * limit;
  const outputLimit = Math.sqrt(6 / (size + model.classes));
  const output = new Float32Array(model.classes * size);
  for (let index = 0; index < output.length; index++) output[index] = (random() * 2 - 1) * outputLimit;
  return { ...model, weight: output, hidden: { size, weight, bias: new Float32Array(size) } };
}

/** ReLU hidden activations of a mean vector (when the model has a hidden layer). */
export function hiddenOf(model: BagModel, mean: Float32Array, out: Float32Array): void {
  const layer = model.hidden!;
  const { dim } = model;
  for (let unit = 0; unit < layer.size; unit++) {
    let sum = layer.bias[unit];
    const offset = unit * dim;
    for (let column = 0; column < dim; column++) sum += layer.weight[offset + column] * mean[column];
    out[unit] = sum > 0 ? sum : 0;
  }
}

/** Mean of the embedding rows of `ids` into `hidden` (length dim). */
export function embedMean(model: BagModel, ids: ArrayLike<number>, start: number, end: number, hidden: Float32Array): void {
  const { dim, embedding } = model;
  hidden.fill(0);
  const count = end - start;
  if (count <= 0) return;
  for (let position = start; position < end; position++) {
    const row = ids[position] * dim;
    for (let column = 0; column < dim; column++) hidden[column] += embedding[row + column];
  }
  const scale = 1 / count;
  for (let column = 0; column < dim; column++) hidden[column] *= scale;
}

/** Output-layer logits for the output layer's input vector, divided by the temperature. */
export function logitsOf(model: BagModel, hidden: Float32Array, logits: Float32Array, temperature = 1): void {
  const { classes, weight, bias } = model;
  const dim = model.hidden ? model.hidden.size : model.dim;
  for (let label = 0; label < classes; label++) {
    let sum = bias[label];
    const offset = label * dim;
    for (let column = 0; column < dim; column++) sum += weight[offset + column] * hidden[column];
    logits[label] = sum / temperature;
  }
}

/** Turns logits into probabilities in place (softmax or per-label sigmoid). */
export function activate(output: OutputKind, logits: Float32Array): void {
  if (output === 'sigmoid') {
    for (let label = 0; label < logits.length; label++) logits[label] = 1 / (1 + Math.exp(-logits[label]));
    return;
  }
  let maximum = -Infinity;
  for (const value of logits) if (value > maximum) maximum = value;
  let total = 0;
  for (let label = 0; label < logits.length; label++) {
    logits[label] = Math.exp(logits[label] - maximum);
    total += logits[label];
  }
  for (let label = 0; label < logits.length; label++) logits[label] /= total;
}

/** JS forward pass for many rows of ids: n x classes probabilities. */
export function forwardBatch(model: BagModel, rows: readonly ArrayLike<number>[], temperature = 1): Float32Array {
  return runRows(model, rows, temperature, true);
}

/** Raw logits (no temperature, no activation) for many rows: for calibration. */
export function logitsBatch(model: BagModel, rows: readonly ArrayLike<number>[]): Float32Array {
  return runRows(model, rows, 1, false);
}

function runRows(model: BagModel, rows: readonly ArrayLike<number>[], temperature: number, activated: boolean): Float32Array {
  const result = new Float32Array(rows.length * model.classes);
  const hidden = new Float32Array(model.dim);
  const logits = new Float32Array(model.classes);
  const activations = new Float32Array(model.hidden?.size ?? 0);
  rows.forEach((ids, rowIndex) => {
    embedMean(model, ids, 0, ids.length, hidden);
    if (model.hidden) hiddenOf(model, hidden, activations);
    logitsOf(model, model.hidden ? activations : hidden, logits, temperature);
    if (activated) activate(model.output, logits);
    result.set(logits, rowIndex * model.classes);
  });
  return result;
}
