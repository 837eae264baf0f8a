/**
 * Helpers that turn a probability model into an EvalSystem, so the learned model (src/model) plugs
 * into the harness in a few lines without this folder importing it.
 */
import type { SentimentLabel3 } from '../datasets/types.js';
import type { AspectItem, EvalSystem, Prediction } from './types.js';

/** Class order of the probability rows the adapters read (the model's meta.labels order). */
export const PROBABILITY_ORDER: readonly SentimentLabel3[] = ['negative', 'neutral', 'positive'];

/**
 * The prediction for one row of [negative, neutral, positive] probabilities: label = argmax,
 * score = positive - negative, confidence = the winning probability.
 *
 * @example
 * predictionFromProbabilities([0.1, 0.2, 0.7]); // { label: 'positive', score: 0.6, confidence: 0.7, ... }
 */
export function predictionFromProbabilities(row: ArrayLike<number>): Prediction {
  const negative = row[0] ?? 0;
  const neutral = row[1] ?? 0;
  const positive = row[2] ?? 0;
  let best = 0;
  for (let index = 1; index < 3; index += 1) if ((row[index] ?? 0) > (row[best] ?? 0)) best = index;
  return {
    label: PROBABILITY_ORDER[best] as SentimentLabel3,
    score: Math.max(-1, Math.min(1, positive - negative)),
    confidence: row[best] ?? 0,
    probabilities: { negative, neutral, positive },
  };
}

/**
 * Wraps functions that return n x 3 probabilities (flat, row-major, [negative, neutral, positive])
 * as an EvalSystem.
 *
 * @example
 * const model = await loadSentimentModel();
 * const verbatim = systemFromProbabilities('verbatim', (texts) => model.predict(texts),
 *   (items) => model.predictAspects(items.map(({ text, target }) => ({ text, start: target.start, end: target.end }))));
 */
export function systemFromProbabilities(
  name: string,
  predict: (texts: readonly string[]) => Promise<ArrayLike<number>>,
  predictAspects?: (items: readonly AspectItem[]) => Promise<ArrayLike<number>>,
): EvalSystem {
  const system: EvalSystem = {
    name,
    predict: async (texts) => rowsOf(await predict(texts), texts.length),
  };
  if (!predictAspects) return system;
  return { ...system, predictAspects: async (items) => rowsOf(await predictAspects(items), items.length) };
}

function rowsOf(flat: ArrayLike<number>, count: number): Prediction[] {
  const rows: Prediction[] = [];
  const width = PROBABILITY_ORDER.length;
  // A short answer yields fewer rows; callSystem then reports the count mismatch.
  for (let row = 0; row < count && (row + 1) * width <= flat.length; row += 1) {
    rows.push(predictionFromProbabilities(Array.prototype.slice.call(flat, row * width, (row + 1) * width) as number[]));
  }
  return rows;
}
