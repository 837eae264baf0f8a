/**
 * The served form of a trained ConvNetwork: the projection is folded into one table
 * (row r = Wp e_r + bp, words and OOV rows alike), stored as int8 with one scale per row. The JS
 * twin below runs that exact table through the training forward pass (identity projection), so
 * dev metrics are those of the ONNX graph (test/model/nn/sequence-onnx.test.ts checks parity).
 */
import { createConvNetwork, forward, Workspace, type ConvNetwork, type NetworkShape } from './conv-network.js';
import { MAX_SEQUENCE_TOKENS, type SequenceInput } from './sequence-tokens.js';

const INT8_MAXIMUM = 127;

export interface ServedNetwork {
  shape: NetworkShape;
  /** rows x projection, int8, and one float scale per row. */
  table: Int8Array;
  rowScale: Float32Array;
  rows: number;
  position: Float32Array | null;
  conv: Float32Array[];
  convBias: Float32Array[];
  gate: Float32Array[];
  gateBias: Float32Array[];
  targetWeight: Float32Array | null;
  output: Float32Array;
  outputBias: Float32Array;
}

/** Folds the projection into an int8 table; the other tensors are shared with `network`. */
export function toServed(network: ConvNetwork): ServedNetwork {
  const { inputDim: D, projection: P } = network.shape;
  const rows = network.wordRows + network.shape.extraRows;
  const table = new Int8Array(rows * P);
  const rowScale = new Float32Array(rows);
  const projected = new Float32Array(P);
  const wp = network.projection.value;
  for (let row = 0; row < rows; row++) {
    const data = row < network.wordRows ? network.words : network.extra.value;
    const offset = (row < network.wordRows ? row : row - network.wordRows) * D;
    let maximum = 0;
    for (let p = 0; p < P; p++) {
      let sum = network.projectionBias.value[p] + (network.rowOffset ? network.rowOffset.value[row * P + p] : 0);
      for (let d = 0; d < D; d++) sum += wp[p * D + d] * data[offset + d];
      projected[p] = sum;
      maximum = Math.max(maximum, Math.abs(sum));
    }
    const scale = maximum / INT8_MAXIMUM;
    rowScale[row] = scale;
    if (scale > 0) for (let p = 0; p < P; p++) table[row * P + p] = Math.round(projected[p] / scale);
  }
  return {
    shape: network.shape,
    table,
    rowScale,
    rows,
    position: network.position?.value ?? null,
    conv: network.conv.map((entry) => entry.value),
    convBias: network.convBias.map((entry) => entry.value),
    gate: network.gate.map((entry) => entry.value),
    gateBias: network.gateBias.map((entry) => entry.value),
    targetWeight: network.targetWeight?.value ?? null,
    output: network.output.value,
    outputBias: network.outputBias.value,
  };
}

/** The served network as a ConvNetwork whose "words" are the dequantized table and projection is the identity. */
export function servedAsNetwork(served: ServedNetwork): ConvNetwork {
  const P = served.shape.projection;
  const words = new Float32Array(served.rows * P);
  for (let index = 0; index < words.length; index++) words[index] = Math.fround(served.table[index] * served.rowScale[Math.floor(index / P)]);
  const shape: NetworkShape = { ...served.shape, inputDim: P, extraRows: 0, tuneRows: false };
  const network = createConvNetwork(shape, words, () => 0.5);
  network.projection.value.fill(0);
  for (let p = 0; p < P; p++) network.projection.value[p * P + p] = 1;
  if (network.position && served.position) network.position.value.set(served.position);
  served.conv.forEach((value, w) => network.conv[w].value.set(value));
  served.convBias.forEach((value, w) => network.convBias[w].value.set(value));
  served.gate.forEach((value, w) => network.gate[w].value.set(value));
  served.gateBias.forEach((value, w) => network.gateBias[w].value.set(value));
  if (network.targetWeight && served.targetWeight) network.targetWeight.value.set(served.targetWeight);
  network.output.value.set(served.output);
  network.outputBias.value.set(served.outputBias);
  return network;
}

/** Raw logits (n x classes) of a network on inputs, without dropout. */
export function networkLogits(network: ConvNetwork, inputs: readonly SequenceInput[]): Float32Array {
  const classes = network.shape.classes;
  let maxLength = MAX_SEQUENCE_TOKENS + 8;
  for (const input of inputs) maxLength = Math.max(maxLength, input.rows.length);
  const work = new Workspace(network.shape, maxLength);
  const result = new Float32Array(inputs.length * classes);
  inputs.forEach((input, row) => {
    forward(network, input, work);
    result.set(work.logits, row * classes);
  });
  return result;
}

/** Softmax of logits / temperature, row by row. */
export function probabilitiesFromLogits(logits: Float32Array, classes: number, temperature: number): Float32Array {
  const result = new Float32Array(logits.length);
  for (let row = 0; row < logits.length / classes; row++) {
    let maximum = -Infinity;
    for (let c = 0; c < classes; c++) maximum = Math.max(maximum, logits[row * classes + c] / temperature);
    let total = 0;
    for (let c = 0; c < classes; c++) total += result[row * classes + c] = Math.exp(logits[row * classes + c] / temperature - maximum);
    for (let c = 0; c < classes; c++) result[row * classes + c] /= total;
  }
  return result;
}
