import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  metricFromHistogram,
  metricFromScores,
  relativeWeights,
  relativeWeightsFromMoments,
  rollUpDays,
  subtractHistogram,
  type ScoreType,
} from '../../src/metrics/index.js';
import { mulberry32 } from '../../src/datasets/random.js';

function histogramOf(scores: readonly number[]): Map<number, number> {
  const histogram = new Map<number, number>();
  for (const score of scores) addToHistogram(histogram, score, 1);
  return histogram;
}

describe('metricFromHistogram', () => {
  it.each<[ScoreType, number[]]>([
    ['nps', [10, 10, 10, 10, 9, 8, 7, 6, 3, 0]],
    ['nps', [11, -1, 9.5, 10]],
    ['csat', [5, 5, 4, 3, 1]],
    ['ces', [7, 6, 5, 2]],
    ['ces', [4]],
    ['ces', [0, 8]],
    ['nps', []],
  ])('%s of %j equals metricFromScores', (type, scores) => {
    const expected = metricFromScores(scores, type);
    const actual = metricFromHistogram(histogramOf(scores), type);
    expect(actual.counts).toEqual(expected.counts);
    expect(actual.n).toBe(expected.n);
    if (expected.value === null) expect(actual.value).toBeNull();
    else expect(actual.value).toBeCloseTo(expected.value, 12);
    if (expected.ci === null) expect(actual.ci).toBeNull();
    else {
      expect(actual.ci!.low).toBeCloseTo(expected.ci.low, 12);
      expect(actual.ci!.high).toBeCloseTo(expected.ci.high, 12);
    }
  });

  it('subtracting a part leaves the scores outside it', () => {
    expect([...subtractHistogram(histogramOf([1, 1, 2, 3]), histogramOf([1, 3]))]).toEqual([[1, 1], [2, 1]]);
  });
});

describe('rollUpDays', () => {
  it('merges UTC days into ISO weeks, volumes and histograms added', () => {
    const days = {
      groups: [
        { key: '2026-03-01', volume: 2, scores: histogramOf([10]) }, // Sunday: week 9
        { key: '2026-03-02', volume: 3, scores: histogramOf([10, 0]) }, // Monday: week 10
        { key: '2026-03-08', volume: 1, scores: histogramOf([5]) }, // Sunday: week 10
      ],
      ungrouped: 0,
    };
    const weeks = rollUpDays(days, 'week');
    expect(weeks.groups.map((group) => [group.key, group.volume, [...group.scores].sort()])).toEqual([
      ['2026-W09', 2, [[10, 1]]],
      ['2026-W10', 4, [[0, 1], [10, 1], [5, 1]]],
    ]);
  });
});

describe('relativeWeightsFromMoments', () => {
  it('gives the weights of relativeWeights on the raw columns', () => {
    const random = mulberry32(5);
    const n = 400;
    const columns: number[][] = [0, 1, 2].map(() => Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0)));
    columns.push(Array.from({ length: n }, (_, index) => columns[0]![index]! * (random() * 2 - 1)));
    const outcome = Array.from({ length: n }, (_, index) => Math.round(5 + 3 * columns[0]![index]! - 2 * columns[1]![index]! + random() * 4));
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    const dot = (left: readonly number[], right: readonly number[]) => sum(left.map((value, index) => value * right[index]!));
    const fromMoments = relativeWeightsFromMoments({
      n,
      sums: columns.map(sum),
      products: columns.map((left) => columns.map((right) => dot(left, right))),
      withOutcome: columns.map((column) => dot(column, outcome)),
      outcomeSum: sum(outcome),
      outcomeSumOfSquares: dot(outcome, outcome),
    });
    const direct = relativeWeights(columns, outcome);
    expect(fromMoments.rSquared).toBeGreaterThan(0.3);
    expect(fromMoments.rSquared).toBeCloseTo(direct.rSquared, 10);
    fromMoments.weights.forEach((weight, index) => expect(weight).toBeCloseTo(direct.weights[index]!, 10));
  });

  it('drops constant columns and gives zeros for a constant outcome, as relativeWeights does', () => {
    const moments = { n: 4, sums: [4, 2], products: [[4, 2], [2, 2]], withOutcome: [10, 4], outcomeSum: 10, outcomeSumOfSquares: 30 };
    const direct = relativeWeights([[1, 1, 1, 1], [1, 0, 1, 0]], [1, 2, 3, 4]);
    const fromMoments = relativeWeightsFromMoments(moments);
    expect(fromMoments.dropped).toEqual(direct.dropped);
    expect(fromMoments.weights[1]).toBeCloseTo(direct.weights[1]!, 12);
    expect(relativeWeightsFromMoments({ ...moments, outcomeSum: 8, outcomeSumOfSquares: 16 }).rSquared).toBe(0);
  });
});
