/**
 * Runs an exported sequence network in onnxruntime-node: one session, one intra-op thread, inputs
 * sorted by length and batched so padding stays small; windows that reach into padding are masked.
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { VerbatimError } from '../../errors.js';
import { lengthBatches } from '../onnx-runner.js';
import {
  MASKED,
  SEQUENCE_INPUT_POSITIONS,
  SEQUENCE_INPUT_ROWS,
  SEQUENCE_INPUT_TARGET_MASK,
  SEQUENCE_OUTPUT,
  windowMaskName,
} from './sequence-onnx.js';
import { PAD_ROW, type SequenceInput } from './sequence-tokens.js';

export interface SequenceRunner {
  /** n x 3 probabilities for tokenized inputs (each at least max(widths) long). */
  run(inputs: readonly SequenceInput[]): Promise<Float32Array>;
}

/** The ORT feeds of one batch (exported for the parity test). */
export function sequenceFeeds(inputs: readonly SequenceInput[], widths: readonly number[], aspect: boolean): Record<string, ort.Tensor> {
  const n = inputs.length;
  let length = Math.max(...widths);
  for (const input of inputs) length = Math.max(length, input.rows.length);
  const rows = new Int32Array(n * length).fill(PAD_ROW);
  inputs.forEach((input, index) => rows.set(input.rows, index * length));
  const feeds: Record<string, ort.Tensor> = { [SEQUENCE_INPUT_ROWS]: new ort.Tensor('int32', rows, [n, length]) };
  if (aspect) {
    const positions = new Int32Array(n * length);
    const targetMask = new Float32Array(n * length);
    inputs.forEach((input, index) => {
      if (input.positions) positions.set(input.positions, index * length);
      const start = input.targetStart ?? 0;
      const end = input.targetEnd ?? 0;
      for (let t = start; t < end; t++) targetMask[index * length + t] = 1 / (end - start);
    });
    feeds[SEQUENCE_INPUT_POSITIONS] = new ort.Tensor('int32', positions, [n, length]);
    feeds[SEQUENCE_INPUT_TARGET_MASK] = new ort.Tensor('float32', targetMask, [n, length, 1]);
  }
  for (const k of widths) {
    const windows = length - k + 1;
    const mask = new Float32Array(n * windows);
    inputs.forEach((input, index) => mask.fill(MASKED, index * windows + Math.max(0, input.rows.length - k + 1), (index + 1) * windows));
    feeds[windowMaskName(k)] = new ort.Tensor('float32', mask, [n, 1, windows]);
  }
  return feeds;
}

/** Opens a session on `file` for a network with these conv widths. */
export async function openSequenceRunner(name: string, file: string, widths: readonly number[], aspect: boolean): Promise<SequenceRunner> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(await readFile(file), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  return {
    async run(inputs) {
      const result = new Float32Array(inputs.length * 3);
      const order = inputs.map((_, index) => index).sort((left, right) => inputs[left].rows.length - inputs[right].rows.length);
      for (const indexes of lengthBatches(order, (row) => inputs[row].rows.length)) {
        let output: Float32Array;
        try {
          output = (await session.run(sequenceFeeds(indexes.map((index) => inputs[index]), widths, aspect)))[SEQUENCE_OUTPUT].data as Float32Array;
        } catch (error) {
          throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
        }
        indexes.forEach((row, position) => result.set(output.subarray(position * 3, position * 3 + 3), row * 3));
      }
      return result;
    },
  };
}
