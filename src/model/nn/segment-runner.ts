/**
 * Runs a sentence (not gated) sequence network with its texts laid end to end in one row: one
 * onnxruntime call convolves the whole run once, then pools each text's own windows, listed here
 * (the segments graph, exportSequenceSegments). The padded batch graph convolved every text padded
 * to the longest in its call and paid ~5 µs a row in onnxruntime besides (one row of 1,800 tokens:
 * 868 µs; 150 rows of 12: 1,493 µs). The arithmetic is the graph's: the same windows, the same
 * max, output layer and softmax (test/model/nn/segment-runner.test.ts holds them within 1e-5).
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { VerbatimError } from '../../errors.js';
import type { NetworkShape } from './conv-network.js';
import { exportSequenceSegments, readSequenceNetwork, SEQUENCE_INPUT_ROWS, SEQUENCE_OUTPUT, windowIndexName } from './sequence-onnx.js';
import type { SequenceRunner } from './sequence-runner.js';
import type { SequenceInput } from './sequence-tokens.js';

/**
 * Tokens per onnxruntime call. The call's largest intermediates are filters x tokens floats per
 * width, which onnxruntime's arena keeps for the session's life: 4k tokens is ~1 MB each (a
 * 256-comment batch sends ~1,900 tokens of unsure clauses).
 */
export const SEGMENT_CALL_TOKENS = 4096;

/**
 * Texts go to a call in order of length, and a call's window lists are padded to its longest
 * text: a text is added while that padding stays within this factor of the windows listed (a
 * padded window costs a copy of its filters; a call ~80 µs, some 180 tokens of convolution).
 */
const WINDOW_PADDING_FACTOR = 2;

/** The calls of a run: runs of `order` (text indexes sorted by length) within the budgets above. */
export function segmentCalls(order: readonly number[], lengthOf: (text: number) => number): number[][] {
  const calls: number[][] = [];
  let current: number[] = [];
  let tokens = 0;
  for (const text of order) {
    const length = lengthOf(text);
    const padded = (current.length + 1) * length;
    if (current.length > 0 && (tokens + length > SEGMENT_CALL_TOKENS || padded > WINDOW_PADDING_FACTOR * (tokens + length))) {
      calls.push(current);
      current = [];
      tokens = 0;
    }
    current.push(text);
    tokens += length;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/** The feeds of one call: the texts' rows end to end, and per width each text's windows (its first repeated as padding). */
export function segmentFeeds(inputs: readonly SequenceInput[], widths: readonly number[]): Record<string, ort.Tensor> {
  let tokens = 0;
  let longest = 0;
  for (const input of inputs) {
    tokens += input.rows.length;
    longest = Math.max(longest, input.rows.length);
  }
  const rows = new Int32Array(tokens);
  const starts = new Int32Array(inputs.length);
  let offset = 0;
  inputs.forEach((input, index) => {
    rows.set(input.rows, offset);
    starts[index] = offset;
    offset += input.rows.length;
  });
  const feeds: Record<string, ort.Tensor> = { [SEQUENCE_INPUT_ROWS]: new ort.Tensor('int32', rows, [1, tokens]) };
  for (const k of widths) {
    // Every text is at least max(widths) long (sentenceInput pads it), so it has a window of each width.
    const windows = longest - k + 1;
    const index = new Int32Array(inputs.length * windows);
    inputs.forEach((input, text) => {
      const own = input.rows.length - k + 1;
      const base = text * windows;
      for (let window = 0; window < windows; window++) index[base + window] = starts[text] + (window < own ? window : 0);
    });
    feeds[windowIndexName(k)] = new ort.Tensor('int32', index, [inputs.length, windows]);
  }
  return feeds;
}

/**
 * Opens the sentence network in `file` (an exportSequenceNetwork graph of this shape) as a runner
 * over texts laid end to end. Errors are VERBATIM_E_MODEL.
 */
export async function openSegmentRunner(name: string, file: string, shape: NetworkShape): Promise<SequenceRunner> {
  let session: ort.InferenceSession;
  try {
    const { served, temperature } = readSequenceNetwork(await readFile(file), shape);
    const graph = exportSequenceSegments(served, temperature, `${name} (texts end to end)`);
    session = await ort.InferenceSession.create(graph, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  const classes = shape.classes;
  return {
    async run(inputs) {
      const result = new Float32Array(inputs.length * classes);
      const order = inputs.map((_, index) => index).sort((left, right) => inputs[left].rows.length - inputs[right].rows.length);
      for (const call of segmentCalls(order, (text) => inputs[text].rows.length)) {
        let output: Float32Array;
        try {
          output = (await session.run(segmentFeeds(call.map((text) => inputs[text]), shape.widths)))[SEQUENCE_OUTPUT].data as Float32Array;
        } catch (error) {
          throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
        }
        call.forEach((text, position) => result.set(output.subarray(position * classes, (position + 1) * classes), text * classes));
      }
      return result;
    },
  };
}
