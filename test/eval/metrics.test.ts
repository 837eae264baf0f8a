import { describe, expect, it } from 'vitest';
import {
  accuracy,
  confusionMatrix,
  expectedCalibrationError,
  macroF1,
  multiLabelMacroF1,
  multiLabelMetrics,
  perClassMetrics,
} from '../../src/eval/metrics.js';
import { VerbatimError } from '../../src/errors.js';

const THREE = ['negative', 'neutral', 'positive'];

// Ten hand-labelled rows; the matrix below was counted by hand (rows gold, columns predicted).
const GOLD = ['positive', 'positive', 'positive', 'negative', 'negative', 'neutral', 'neutral', 'neutral', 'neutral', 'positive'];
const PREDICTED = ['positive', 'negative', 'positive', 'negative', 'neutral', 'neutral', 'positive', 'neutral', 'negative', 'positive'];

describe('metrics', () => {
  it('confusion matrix of the ten-row example', () => {
    expect(confusionMatrix(GOLD, PREDICTED, THREE).matrix).toEqual([
      [1, 1, 0],
      [1, 2, 1],
      [1, 0, 3],
    ]);
  });

  it('accuracy, per-class metrics and macro-F1 of the ten-row example', () => {
    expect(accuracy(GOLD, PREDICTED)).toBeCloseTo(0.6, 12);
    const perClass = perClassMetrics(confusionMatrix(GOLD, PREDICTED, THREE));
    expect(perClass.map((metric) => [metric.label, metric.support])).toEqual([
      ['negative', 2],
      ['neutral', 4],
      ['positive', 4],
    ]);
    const expected = [
      // precision, recall, F1 worked out by hand
      [1 / 3, 1 / 2, 2 / 5],
      [2 / 3, 1 / 2, 4 / 7],
      [3 / 4, 3 / 4, 3 / 4],
    ];
    perClass.forEach((metric, index) => {
      const [precision, recall, f1] = expected[index] as number[];
      expect(metric.precision).toBeCloseTo(precision as number, 12);
      expect(metric.recall).toBeCloseTo(recall as number, 12);
      expect(metric.f1).toBeCloseTo(f1 as number, 12);
    });
    expect(macroF1(GOLD, PREDICTED, THREE)).toBeCloseTo((2 / 5 + 4 / 7 + 3 / 4) / 3, 12);
  });

  it('binary macro-F1 averages over negative and positive only', () => {
    const gold = ['positive', 'positive', 'negative', 'negative', 'negative'];
    const predicted = ['positive', 'negative', 'negative', 'negative', 'positive'];
    expect(confusionMatrix(gold, predicted, ['negative', 'positive']).matrix).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(macroF1(gold, predicted, ['negative', 'positive'])).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
  });

  it('a class never predicted or never present scores F1 0 (zero division counts as 0)', () => {
    const metrics = perClassMetrics(confusionMatrix(['negative', 'neutral'], ['negative', 'negative'], THREE));
    expect(metrics.map((metric) => metric.f1)).toEqual([2 / 3, 0, 0]);
    expect(macroF1(['negative', 'neutral'], ['negative', 'negative'], THREE)).toBeCloseTo(2 / 9, 12);
  });

  it('labels outside the list are ignored by the confusion matrix', () => {
    expect(confusionMatrix(['mixed', 'positive'], ['positive', 'positive'], THREE).matrix).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('empty input gives 0, mismatched lengths a VerbatimError', () => {
    expect(accuracy([], [])).toBe(0);
    expect(macroF1([], [], THREE)).toBe(0);
    expect(() => accuracy(['positive'], [])).toThrow(VerbatimError);
  });

  it('multi-label macro-F1 of a hand-worked example', () => {
    const gold = [['joy'], ['anger', 'joy'], ['sadness'], []];
    const predicted = [['joy'], ['joy'], ['anger'], ['joy']];
    const labels = ['joy', 'anger', 'sadness'];
    const metrics = multiLabelMetrics(gold, predicted, labels);
    // joy: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8; anger: tp 0; sadness: tp 0.
    expect(metrics.map((metric) => metric.f1)).toEqual([0.8, 0, 0]);
    expect(metrics.map((metric) => metric.support)).toEqual([2, 1, 1]);
    expect(multiLabelMacroF1(gold, predicted, labels)).toBeCloseTo(0.8 / 3, 12);
    expect(multiLabelMacroF1(gold, predicted, ['joy'])).toBeCloseTo(0.8, 12);
  });

  it.each([
    // bins: 0.95 (right) |0.05|; 0.85 (wrong) 0.85; 0.65 + 0.62 (both right) |1 - 0.635|; 0.3 (wrong) 0.3
    [[0.95, 0.85, 0.65, 0.62, 0.3], [true, false, true, true, false], (0.05 + 0.85 + 0.3) / 5 + (0.365 * 2) / 5],
    [[1, 1], [true, true], 0],
    [[0.9, 0.9], [true, false], 0.4],
    [[], [], 0],
  ])('ECE of %j / %j is %d', (confidences, correct, expected) => {
    expect(expectedCalibrationError(confidences, correct)).toBeCloseTo(expected, 12);
  });
});
