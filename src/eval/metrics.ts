/**
 * Pure classification metrics. Conventions (as in scikit-learn with zero_division=0): a class with
 * no predictions has precision 0, a class with no gold rows has recall 0, and F1 is 0 when
 * precision + recall is 0. Macro averages run over the label list the caller passes.
 */
import { VerbatimError } from '../errors.js';
import type { ClassMetrics, ConfusionMatrix } from './types.js';

/**
 * Equal-width confidence bins for ECE. Naeini et al. 2015 (who defined ECE) and most later reports
 * use 10; Guo et al. 2017 used 15. Ten keeps bins populated on the ~500-row dev sets here.
 */
export const ECE_BINS = 10;

/**
 * Share of positions where prediction equals gold; 0 for empty input.
 *
 * @example
 * accuracy(['positive', 'negative'], ['positive', 'positive']); // 0.5
 */
export function accuracy<T>(gold: readonly T[], predicted: readonly T[]): number {
  assertSameLength(gold, predicted);
  if (gold.length === 0) return 0;
  let correct = 0;
  for (let index = 0; index < gold.length; index += 1) if (gold[index] === predicted[index]) correct += 1;
  return correct / gold.length;
}

/**
 * Counts matrix[gold][predicted] over `labels`; pairs with a label outside the list are ignored.
 *
 * @example
 * confusionMatrix(['a', 'b'], ['a', 'a'], ['a', 'b']).matrix; // [[1, 0], [1, 0]]
 */
export function confusionMatrix(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ConfusionMatrix {
  assertSameLength(gold, predicted);
  const position = new Map(labels.map((label, index) => [label, index]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let index = 0; index < gold.length; index += 1) {
    const row = position.get(gold[index] as string);
    const column = position.get(predicted[index] as string);
    if (row !== undefined && column !== undefined) (matrix[row] as number[])[column] += 1;
  }
  return { labels: [...labels], matrix };
}

/** Precision, recall, F1 and support per label, read off a confusion matrix. */
export function perClassMetrics(confusion: ConfusionMatrix): ClassMetrics[] {
  const { labels, matrix } = confusion;
  return labels.map((label, index) => {
    const truePositives = matrix[index]?.[index] ?? 0;
    const support = sum(matrix[index] ?? []);
    const predictedCount = sum(matrix.map((row) => row[index] ?? 0));
    return metricsFromCounts(label, truePositives, predictedCount - truePositives, support - truePositives);
  });
}

/**
 * Unweighted mean of per-label F1 over `labels` (3-class: all three; binary: negative, positive).
 *
 * @example
 * macroF1(['pos', 'neg', 'neg'], ['pos', 'pos', 'neg'], ['pos', 'neg']); // (2/3 + 2/3) / 2
 */
export function macroF1(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): number {
  const metrics = perClassMetrics(confusionMatrix(gold, predicted, labels));
  return metrics.length === 0 ? 0 : sum(metrics.map((metric) => metric.f1)) / metrics.length;
}

/**
 * Multi-label per-label metrics: each label is a separate yes/no decision on every row.
 * Labels outside `labels` are ignored on both sides.
 */
export function multiLabelMetrics(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): ClassMetrics[] {
  assertSameLength(gold, predicted);
  return labels.map((label) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (let index = 0; index < gold.length; index += 1) {
      const inGold = (gold[index] ?? []).includes(label);
      const inPredicted = (predicted[index] ?? []).includes(label);
      if (inGold && inPredicted) truePositives += 1;
      else if (inPredicted) falsePositives += 1;
      else if (inGold) falseNegatives += 1;
    }
    return metricsFromCounts(label, truePositives, falsePositives, falseNegatives);
  });
}

/**
 * Multi-label macro-F1 (the GoEmotions paper's headline metric): mean per-label F1 over `labels`.
 *
 * @example
 * multiLabelMacroF1([['joy'], ['anger', 'joy']], [['joy'], ['joy']], ['joy', 'anger']); // (1 + 0) / 2
 */
export function multiLabelMacroF1(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): number {
  const metrics = multiLabelMetrics(gold, predicted, labels);
  return metrics.length === 0 ? 0 : sum(metrics.map((metric) => metric.f1)) / metrics.length;
}

/**
 * Expected calibration error: rows binned by confidence into equal-width bins; the weighted mean
 * of |accuracy - mean confidence| per bin. 0 for empty input. Confidence 1 goes in the last bin.
 *
 * @example
 * expectedCalibrationError([0.9, 0.9], [true, false]); // 0.4
 */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins: number = ECE_BINS): number {
  assertSameLength(confidences, correct);
  if (confidences.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const confidenceSum = new Array<number>(bins).fill(0);
  const correctSum = new Array<number>(bins).fill(0);
  for (let index = 0; index < confidences.length; index += 1) {
    const confidence = Math.min(1, Math.max(0, confidences[index] ?? 0));
    const bin = Math.min(bins - 1, Math.floor(confidence * bins));
    count[bin] = (count[bin] ?? 0) + 1;
    confidenceSum[bin] = (confidenceSum[bin] ?? 0) + confidence;
    correctSum[bin] = (correctSum[bin] ?? 0) + (correct[index] ? 1 : 0);
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin += 1) {
    const size = count[bin] ?? 0;
    if (size === 0) continue;
    error += (size / confidences.length) * Math.abs((correctSum[bin] ?? 0) / size - (confidenceSum[bin] ?? 0) / size);
  }
  return error;
}

function metricsFromCounts(label: string, truePositives: number, falsePositives: number, falseNegatives: number): ClassMetrics {
  const predictedCount = truePositives + falsePositives;
  const support = truePositives + falseNegatives;
  const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
  const recall = support === 0 ? 0 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { label, precision, recall, f1, support };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function assertSameLength(first: readonly unknown[], second: readonly unknown[]): void {
  if (first.length !== second.length) {
    throw new VerbatimError('VERBATIM_E_INTERNAL', { gold: first.length, predicted: second.length });
  }
}
