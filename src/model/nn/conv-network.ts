/**
 * The v2 sequence network with its hand-written backward pass (checked by finite differences in
 * test/model/nn/conv-network.test.ts):
 *
 *   u_t = Wp e_t + bp                 frozen pretrained word vector e_t (OOV: trainable hashed row)
 *   x_t = u_t [+ P[position_t]]       position embedding, aspect model only
 *   per width k: c_t,f = relu(conv_k(x)_t,f)                         (sentence: Kim CNN)
 *            or  c_t,f = tanh(convS_k(x)_t,f) * relu(convA_k(x)_t,f + (V mean_target(u))_f)   (aspect: GCAE)
 *   h = concat_k max_t c_t,:  -> dropout -> logits = Wo h + bo -> softmax
 *
 * Max-pooling routes each filter's gradient to one window, so the backward pass of the convolution
 * costs O(filters x width x dims) per example, not O(length x ...).
 */
import type { SequenceInput } from './sequence-tokens.js';

export interface NetworkShape {
  /** Pretrained vector size (100). */
  inputDim: number;
  /** Projected token size fed to the convolutions. */
  projection: number;
  widths: number[];
  filters: number;
  gated: boolean;
  /** Position buckets (0 = no position embedding). */
  positions: number;
  classes: number;
  /** Trainable OOV rows. */
  extraRows: number;
  /** Train a per-row offset of the projected table (fine-tuning in the projected space; sparse Adam). */
  tuneRows?: boolean;
}

/** One trainable tensor with its gradient and Adam moments. */
export interface Parameter {
  name: string;
  value: Float32Array;
  gradient: Float32Array;
  first: Float32Array;
  second: Float32Array;
}

export interface ConvNetwork {
  shape: NetworkShape;
  /** Frozen word rows (row 0 = padding, zero), wordRows x inputDim. */
  words: Float32Array;
  wordRows: number;
  projection: Parameter;
  projectionBias: Parameter;
  extra: Parameter;
  position: Parameter | null;
  /** Per width: [filters][k][projection] weights and [filters] bias. */
  conv: Parameter[];
  convBias: Parameter[];
  gate: Parameter[];
  gateBias: Parameter[];
  /** filters x projection: the target's mean projected vector shifts the gate. */
  targetWeight: Parameter | null;
  output: Parameter;
  outputBias: Parameter;
  /** Dense parameters (Adam updates every entry). */
  parameters: Parameter[];
  /** rows x projection offsets added to u (tuneRows), updated sparsely: only `touched` rows. */
  rowOffset: Parameter | null;
  touched: Set<number>;
}

function parameter(name: string, size: number, scale: number, random: () => number): Parameter {
  const value = new Float32Array(size);
  if (scale > 0) for (let index = 0; index < size; index++) value[index] = (random() * 2 - 1) * scale;
  return { name, value, gradient: new Float32Array(size), first: new Float32Array(size), second: new Float32Array(size) };
}

/** Creates a network over frozen `words` (row 0 zero) with seeded uniform (Glorot-range) weights. */
export function createConvNetwork(shape: NetworkShape, words: Float32Array, random: () => number): ConvNetwork {
  const { inputDim: D, projection: P, filters: F, classes: C } = shape;
  const projection = parameter('projection', P * D, Math.sqrt(6 / (P + D)), random);
  const projectionBias = parameter('projection_bias', P, 0, random);
  const extra = parameter('extra', shape.extraRows * D, 0.1, random);
  const position = shape.positions > 0 ? parameter('position', shape.positions * P, 0.1, random) : null;
  const conv = shape.widths.map((k) => parameter(`conv_${k}`, F * k * P, Math.sqrt(6 / (k * P + F)), random));
  const convBias = shape.widths.map((k) => parameter(`conv_${k}_bias`, F, 0, random));
  const gate = shape.gated ? shape.widths.map((k) => parameter(`gate_${k}`, F * k * P, Math.sqrt(6 / (k * P + F)), random)) : [];
  const gateBias = shape.gated ? shape.widths.map((k) => parameter(`gate_${k}_bias`, F, 0, random)) : [];
  const targetWeight = shape.gated ? parameter('target_weight', F * P, Math.sqrt(6 / (F + P)), random) : null;
  const features = F * shape.widths.length;
  const output = parameter('output', C * features, Math.sqrt(6 / (C + features)), random);
  const outputBias = parameter('output_bias', C, 0, random);
  const parameters = [projection, projectionBias, extra, ...(position ? [position] : []), ...conv, ...convBias, ...gate, ...gateBias, ...(targetWeight ? [targetWeight] : []), output, outputBias];
  const rowOffset = shape.tuneRows ? parameter('row_offset', (words.length / D + shape.extraRows) * P, 0, random) : null;
  return { rowOffset, touched: new Set<number>(), shape, words, wordRows: words.length / D, projection, projectionBias, extra, position, conv, convBias, gate, gateBias, targetWeight, output, outputBias, parameters };
}

/** Scratch buffers sized for the longest sequence, reused across examples (no allocation per step). */
export class Workspace {
  readonly u: Float32Array;
  readonly x: Float32Array;
  readonly dx: Float32Array;
  readonly target: Float32Array;
  readonly dTarget: Float32Array;
  readonly gateShift: Float32Array;
  readonly dGateShift: Float32Array;
  readonly pooled: Float32Array;
  readonly dPooled: Float32Array;
  readonly dropMask: Float32Array;
  readonly argmax: Int32Array;
  readonly sValue: Float32Array;
  readonly aValue: Float32Array;
  readonly logits: Float32Array;

  constructor(shape: NetworkShape, maxLength: number) {
    const features = shape.filters * shape.widths.length;
    this.u = new Float32Array(maxLength * shape.projection);
    this.x = new Float32Array(maxLength * shape.projection);
    this.dx = new Float32Array(maxLength * shape.projection);
    this.target = new Float32Array(shape.projection);
    this.dTarget = new Float32Array(shape.projection);
    this.gateShift = new Float32Array(shape.filters);
    this.dGateShift = new Float32Array(shape.filters);
    this.pooled = new Float32Array(features);
    this.dPooled = new Float32Array(features);
    this.dropMask = new Float32Array(features).fill(1);
    this.argmax = new Int32Array(features);
    this.sValue = new Float32Array(features);
    this.aValue = new Float32Array(features);
    this.logits = new Float32Array(shape.classes);
  }
}

/** Start of token `row`'s input vector: frozen words or a trainable extra row. */
function vectorOf(network: ConvNetwork, row: number): { data: Float32Array; offset: number } {
  const D = network.shape.inputDim;
  if (row < network.wordRows) return { data: network.words, offset: row * D };
  return { data: network.extra.value, offset: (row - network.wordRows) * D };
}

/** The gate convolution of width index `w` (aspect model), or null. */
function gateOf(network: ConvNetwork, w: number): { weight: Float32Array; bias: Float32Array; gradient: Float32Array; biasGradient: Float32Array } | null {
  if (!network.shape.gated) return null;
  return { weight: network.gate[w].value, bias: network.gateBias[w].value, gradient: network.gate[w].gradient, biasGradient: network.gateBias[w].gradient };
}

/** Forward pass into the workspace; leaves pooled features and logits (dropout mask applied to pooled). */
export function forward(network: ConvNetwork, input: SequenceInput, work: Workspace): void {
  const { inputDim: D, projection: P, filters: F } = network.shape;
  const L = input.rows.length;
  const wp = network.projection.value;
  const bp = network.projectionBias.value;
  for (let t = 0; t < L; t++) {
    const { data, offset } = vectorOf(network, input.rows[t]);
    for (let p = 0; p < P; p++) {
      let sum = bp[p];
      const base = p * D;
      for (let d = 0; d < D; d++) sum += wp[base + d] * data[offset + d];
      work.u[t * P + p] = sum;
      work.x[t * P + p] = sum;
    }
    if (network.rowOffset) {
      const offsets = network.rowOffset.value;
      const base = input.rows[t] * P;
      for (let p = 0; p < P; p++) {
        work.u[t * P + p] += offsets[base + p];
        work.x[t * P + p] += offsets[base + p];
      }
    }
    if (network.position && input.positions) {
      const pos = network.position.value;
      const base = input.positions[t] * P;
      for (let p = 0; p < P; p++) work.x[t * P + p] += pos[base + p];
    }
  }
  if (network.targetWeight) {
    work.target.fill(0);
    const start = input.targetStart ?? 0;
    const end = input.targetEnd ?? 0;
    if (end > start) {
      for (let t = start; t < end; t++) for (let p = 0; p < P; p++) work.target[p] += work.u[t * P + p];
      for (let p = 0; p < P; p++) work.target[p] /= end - start;
    }
    const v = network.targetWeight.value;
    for (let f = 0; f < F; f++) {
      let sum = 0;
      for (let p = 0; p < P; p++) sum += v[f * P + p] * work.target[p];
      work.gateShift[f] = sum;
    }
  }
  network.shape.widths.forEach((k, w) => {
    const span = k * P;
    const conv = network.conv[w].value;
    const bias = network.convBias[w].value;
    const gate = gateOf(network, w);
    const x = work.x;
    for (let f = 0; f < F; f++) {
      let best = -Infinity;
      let bestT = 0;
      let bestS = 0;
      let bestA = 0;
      const wBase = f * span;
      for (let t = 0; t + k <= L; t++) {
        const xBase = t * P;
        let sum = bias[f];
        let value: number;
        let s = 0;
        let a = 0;
        if (gate) {
          const gateWeight = gate.weight;
          let gateSum = gate.bias[f] + work.gateShift[f];
          for (let j = 0; j < span; j++) {
            const input = x[xBase + j];
            sum += conv[wBase + j] * input;
            gateSum += gateWeight[wBase + j] * input;
          }
          s = Math.tanh(sum);
          a = gateSum > 0 ? gateSum : 0;
          value = s * a;
        } else {
          for (let j = 0; j < span; j++) sum += conv[wBase + j] * x[xBase + j];
          value = sum > 0 ? sum : 0;
          a = sum;
        }
        if (value > best) {
          best = value;
          bestT = t;
          bestS = s;
          bestA = a;
        }
      }
      const feature = w * F + f;
      work.pooled[feature] = best * work.dropMask[feature];
      work.argmax[feature] = bestT;
      work.sValue[feature] = bestS;
      work.aValue[feature] = bestA;
    }
  });
  const out = network.output.value;
  const features = work.pooled.length;
  for (let c = 0; c < network.shape.classes; c++) {
    let sum = network.outputBias.value[c];
    for (let i = 0; i < features; i++) sum += out[c * features + i] * work.pooled[i];
    work.logits[c] = sum;
  }
}

/** In-place softmax of `values`; returns log of the normalizer's pieces via the caller's use. */
export function softmaxInPlace(values: Float32Array): void {
  let maximum = -Infinity;
  for (const value of values) maximum = Math.max(maximum, value);
  let total = 0;
  for (let index = 0; index < values.length; index++) {
    values[index] = Math.exp(values[index] - maximum);
    total += values[index];
  }
  for (let index = 0; index < values.length; index++) values[index] /= total;
}

/**
 * Forward + backward for one example: adds weight x d(cross-entropy)/d(parameter) to every
 * gradient and returns the weighted loss. The dropout mask in `work` must be set by the caller.
 */
export function accumulateGradients(network: ConvNetwork, input: SequenceInput, label: number, weight: number, work: Workspace): number {
  forward(network, input, work);
  const { inputDim: D, projection: P, filters: F, classes: C } = network.shape;
  const L = input.rows.length;
  const probabilities = work.logits;
  softmaxInPlace(probabilities);
  const loss = -weight * Math.log(Math.max(probabilities[label], 1e-12));
  const features = work.pooled.length;
  const out = network.output.value;
  const dOut = network.output.gradient;
  work.dPooled.fill(0);
  for (let c = 0; c < C; c++) {
    const dLogit = weight * (probabilities[c] - (c === label ? 1 : 0));
    network.outputBias.gradient[c] += dLogit;
    for (let i = 0; i < features; i++) {
      dOut[c * features + i] += dLogit * work.pooled[i];
      work.dPooled[i] += dLogit * out[c * features + i];
    }
  }
  work.dx.fill(0, 0, L * P);
  if (network.targetWeight) work.dGateShift.fill(0);
  network.shape.widths.forEach((k, w) => {
    const span = k * P;
    const conv = network.conv[w];
    const gate = gateOf(network, w);
    for (let f = 0; f < F; f++) {
      const feature = w * F + f;
      const dValue = work.dPooled[feature] * work.dropMask[feature];
      if (dValue === 0) continue;
      const xBase = work.argmax[feature] * P;
      const wBase = f * span;
      let dSum: number;
      if (gate) {
        const s = work.sValue[feature];
        const a = work.aValue[feature];
        dSum = dValue * a * (1 - s * s);
        const dGate = a > 0 ? dValue * s : 0;
        if (dGate !== 0) {
          gate.biasGradient[f] += dGate;
          work.dGateShift[f] += dGate;
          for (let j = 0; j < span; j++) {
            gate.gradient[wBase + j] += dGate * work.x[xBase + j];
            work.dx[xBase + j] += dGate * gate.weight[wBase + j];
          }
        }
      } else {
        dSum = work.aValue[feature] > 0 ? dValue : 0;
      }
      if (dSum === 0) continue;
      network.convBias[w].gradient[f] += dSum;
      for (let j = 0; j < span; j++) {
        conv.gradient[wBase + j] += dSum * work.x[xBase + j];
        work.dx[xBase + j] += dSum * conv.value[wBase + j];
      }
    }
  });
  if (network.position && input.positions) {
    const dPos = network.position.gradient;
    for (let t = 0; t < L; t++) {
      const base = input.positions[t] * P;
      for (let p = 0; p < P; p++) dPos[base + p] += work.dx[t * P + p];
    }
  }
  if (network.targetWeight) {
    const v = network.targetWeight;
    work.dTarget.fill(0);
    for (let f = 0; f < F; f++) {
      const dShift = work.dGateShift[f];
      if (dShift === 0) continue;
      for (let p = 0; p < P; p++) {
        v.gradient[f * P + p] += dShift * work.target[p];
        work.dTarget[p] += dShift * v.value[f * P + p];
      }
    }
    const start = input.targetStart ?? 0;
    const end = input.targetEnd ?? 0;
    for (let t = start; t < end; t++) for (let p = 0; p < P; p++) work.dx[t * P + p] += work.dTarget[p] / (end - start);
  }
  const wp = network.projection.value;
  const dWp = network.projection.gradient;
  const dBp = network.projectionBias.gradient;
  for (let t = 0; t < L; t++) {
    const row = input.rows[t];
    const { data, offset } = vectorOf(network, row);
    const extra = row >= network.wordRows;
    const extraBase = (row - network.wordRows) * D;
    if (network.rowOffset) {
      const dOffset = network.rowOffset.gradient;
      for (let p = 0; p < P; p++) dOffset[row * P + p] += work.dx[t * P + p];
      network.touched.add(row);
    }
    for (let p = 0; p < P; p++) {
      const g = work.dx[t * P + p];
      if (g === 0) continue;
      dBp[p] += g;
      const base = p * D;
      for (let d = 0; d < D; d++) dWp[base + d] += g * data[offset + d];
      if (extra) for (let d = 0; d < D; d++) network.extra.gradient[extraBase + d] += g * wp[base + d];
    }
  }
  return loss;
}
