/**
 * Runs an exported bag model in onnxruntime-node: one session per model, one intra-op thread
 * (DEPENDENCIES.md: two threads per core were 4x slower inside workers), rows batched and padded.
 * Serving uses it only for a graph that cannot be folded (folded-bag.ts runs the shipped ones in
 * JS); its length batching (lengthBatches) also cuts the aspect network's calls (the sentence
 * network runs its texts end to end, nn/segment-runner.ts).
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { VerbatimError } from '../errors.js';
import { INPUT_IDS, INPUT_SCALE, OUTPUT_PROBABILITIES } from './onnx-export.js';

/** Rows per ORT call: large enough to amortize the call, small enough to keep padding cheap. */
export const BATCH_SIZE = 256;
/**
 * Padded cells (rows x longest row) per ORT call. Rows are sorted by length, and one long comment
 * used to pad its whole batch of 256 to its length: the emotion model (ids of every character
 * 3-gram) gathered ~10x the ids it needed and spent half its time in onnxruntime.
 */
export const MAX_CELLS = 16_384;

/**
 * What one ORT call costs beside its padded cells, in padded cells (measured on the sentence CNN:
 * ~80 µs a call against ~0.44 µs a padded cell). It sets how much padding is worth a call saved.
 */
export const CALL_COST_CELLS = 180;

/**
 * Splits rows, sorted by ascending length, into runs for one ORT call each: at most BATCH_SIZE
 * rows and at most MAX_CELLS padded cells (a row longer than that goes alone), cut where the
 * padded cells plus CALL_COST_CELLS per call are fewest (an exact partition over the sorted rows).
 * Cutting only at the budgets padded the sentence cascade's clauses (12.4 tokens on average) to 24.7
 * when it still ran in padded batches.
 */
export function lengthBatches(order: readonly number[], lengthOf: (row: number) => number): number[][] {
  const count = order.length;
  const widths = order.map((row) => Math.max(1, lengthOf(row)));
  // cost[j]: least cost of the first j rows; start[j]: where the last run of that best split starts.
  const cost = new Float64Array(count + 1);
  const start = new Int32Array(count + 1);
  for (let end = 1; end <= count; end++) {
    const width = widths[end - 1];
    cost[end] = Infinity;
    for (let first = end - 1; first >= 0 && end - first <= BATCH_SIZE; first--) {
      const size = end - first;
      // A row wider than the budget goes alone; a run padded to `width` only grows as it reaches left.
      if (size > 1 && size * width > MAX_CELLS) break;
      const total = cost[first] + CALL_COST_CELLS + size * width;
      if (total < cost[end]) {
        cost[end] = total;
        start[end] = first;
      }
    }
  }
  const batches: number[][] = [];
  for (let end = count; end > 0; end = start[end]) batches.push(order.slice(start[end], end));
  return batches.reverse();
}

export interface BagRunner {
  readonly classes: number;
  /** n x classes probabilities for featurized rows. */
  run(rows: readonly (readonly number[])[]): Promise<Float32Array>;
}

/** Opens a session on a model file, or on its bytes already read; `padding` is the id of the zero row (the bucket count). */
export async function openBagRunner(name: string, source: string | Uint8Array, padding: number, classes: number): Promise<BagRunner> {
  let session: ort.InferenceSession;
  try {
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    // No CPU memory arena and no memory pattern: an arena keeps the largest [rows, ids, width]
    // intermediate ever seen for the process's life. With the int8-embedding bag models that was
    // ~100 MB per batch of long reviews (engine RSS after 10k comments 1.76 GB with the arena,
    // 0.55 GB without); the folded models need far less (bench/results/memory.md).
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      enableCpuMemArena: false,
      enableMemPattern: false,
    });
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  const runBatch = async (rows: readonly (readonly number[])[]): Promise<Float32Array> => {
    let width = 1;
    for (const row of rows) width = Math.max(width, row.length);
    const ids = new Int32Array(rows.length * width).fill(padding);
    const scale = new Float32Array(rows.length);
    rows.forEach((row, index) => {
      ids.set(row, index * width);
      scale[index] = row.length > 0 ? 1 / row.length : 0;
    });
    const feeds = {
      [INPUT_IDS]: new ort.Tensor('int32', ids, [rows.length, width]),
      [INPUT_SCALE]: new ort.Tensor('float32', scale, [rows.length, 1]),
    };
    try {
      const output = await session.run(feeds);
      return output[OUTPUT_PROBABILITIES].data as Float32Array;
    } catch (error) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
    }
  };
  return {
    classes,
    async run(rows) {
      const result = new Float32Array(rows.length * classes);
      const order = rows.map((_, index) => index).sort((left, right) => rows[left].length - rows[right].length);
      for (const indexes of lengthBatches(order, (row) => rows[row].length)) {
        const probabilities = await runBatch(indexes.map((index) => rows[index]));
        indexes.forEach((rowIndex, batchIndex) => {
          result.set(probabilities.subarray(batchIndex * classes, (batchIndex + 1) * classes), rowIndex * classes);
        });
      }
      return result;
    },
  };
}
