import { describe, expect, it } from 'vitest';
import {
  band,
  cesFromScores,
  computeMetric,
  csatFromScores,
  metricFromScores,
  npsFromScores,
  tCritical95,
  wilsonInterval,
  type ScoreType,
} from '../../src/metrics/index.js';
import { makeFact } from './make-fact.js';

describe('npsFromScores', () => {
  it('computes NPS and its Wald interval for 10 responses, 5 promoters and 2 detractors', () => {
    // promoters 10,10,10,9,9 (p = 0.5); passives 8,7,8; detractors 5,0 (d = 0.2)
    // NPS = (0.5 - 0.2) * 100 = 30
    // Var = (p + d - (p - d)^2) / n = (0.7 - 0.09) / 10 = 0.061; sqrt = 0.246982
    // half width = 1.96 * 0.246982 * 100 = 48.4084 -> CI [-18.4084, 78.4084]
    const result = npsFromScores([10, 10, 10, 9, 9, 8, 7, 8, 5, 0]);
    expect(result.metric).toBe('nps');
    expect(result.value).toBeCloseTo(30, 10);
    expect(result.n).toBe(10);
    expect(result.counts).toEqual({ promoter: 5, passive: 3, detractor: 2, invalid: 0 });
    expect(result.ci!.low).toBeCloseTo(-18.4084, 3);
    expect(result.ci!.high).toBeCloseTo(78.4084, 3);
  });

  it('gives a zero-width interval when every response is a promoter (Var = (1 - 1) / n)', () => {
    const result = npsFromScores([9, 10, 10, 9]);
    expect(result.value).toBe(100);
    expect(result.ci).toEqual({ low: 100, high: 100 });
  });

  it('clamps the interval to [-100, 100]', () => {
    // 1 promoter, 1 detractor: NPS 0, Var = (1 - 0)/2 = 0.5, half width 1.96 * 0.7071 * 100 = 138.6
    const result = npsFromScores([10, 0]);
    expect(result.value).toBe(0);
    expect(result.ci).toEqual({ low: -100, high: 100 });
  });

  it('ignores and counts out-of-range and fractional scores', () => {
    const result = npsFromScores([11, -1, 9.5, Number.NaN, 10, 6]);
    expect(result.counts).toEqual({ promoter: 1, passive: 0, detractor: 1, invalid: 4 });
    expect(result.n).toBe(2);
    expect(result.value).toBe(0);
  });

  it('returns null value and interval when there is no valid score', () => {
    expect(npsFromScores([])).toEqual({
      metric: 'nps',
      value: null,
      n: 0,
      ci: null,
      counts: { promoter: 0, passive: 0, detractor: 0, invalid: 0 },
    });
    expect(npsFromScores([12]).value).toBeNull();
  });
});

describe('csatFromScores', () => {
  it('computes the share of 4-5 with a Wilson interval', () => {
    // 3 of 5 satisfied: 60%. Wilson, z = 1.96, n = 5: denominator 1 + 3.8416/5 = 1.76832;
    // centre (0.6 + 0.38416)/1.76832 = 0.556550; half = 1.96/1.76832 * sqrt(0.048 + 0.038416) = 0.325831
    // -> [0.230720, 0.882382] -> percent [23.072, 88.238]
    const result = csatFromScores([5, 5, 4, 3, 1]);
    expect(result.value).toBeCloseTo(60, 10);
    expect(result.counts).toEqual({ promoter: 3, passive: 1, detractor: 1, invalid: 0 });
    expect(result.ci!.low).toBeCloseTo(23.072, 2);
    expect(result.ci!.high).toBeCloseTo(88.238, 2);
  });

  it('keeps a non-degenerate interval at 100%', () => {
    // Wilson at 2/2: low = 2 / (2 + 3.8416) = 0.3424, high 1
    const result = csatFromScores([5, 4]);
    expect(result.value).toBe(100);
    expect(result.ci!.low).toBeCloseTo(34.24, 1);
    expect(result.ci!.high).toBe(100);
  });

  it('treats 0 and 6 as off the 1-5 scale', () => {
    expect(csatFromScores([0, 6, 5]).counts.invalid).toBe(2);
  });
});

describe('cesFromScores', () => {
  it('computes the mean with a Student t interval', () => {
    // mean 5; deviations 0,1,0,-1,1,-1 -> SS 4, s^2 = 0.8, se = sqrt(0.8/6) = 0.365148
    // t(0.975, 5) = 2.570582 -> half 0.938642 -> [4.061358, 5.938642]
    const result = cesFromScores([5, 6, 5, 4, 6, 4]);
    expect(result.value).toBe(5);
    expect(result.ci!.low).toBeCloseTo(4.061358, 5);
    expect(result.ci!.high).toBeCloseTo(5.938642, 5);
    expect(result.counts).toEqual({ promoter: 4, passive: 2, detractor: 0, invalid: 0 });
  });

  it('gives the whole scale as the interval of a single response', () => {
    expect(cesFromScores([6]).ci).toEqual({ low: 1, high: 7 });
  });

  it('gives a zero-width interval for constant scores', () => {
    expect(cesFromScores([3, 3, 3]).ci).toEqual({ low: 3, high: 3 });
  });
});

describe('band', () => {
  it.each<[number, ScoreType, string | null]>([
    [10, 'nps', 'promoter'],
    [9, 'nps', 'promoter'],
    [8, 'nps', 'passive'],
    [7, 'nps', 'passive'],
    [6, 'nps', 'detractor'],
    [0, 'nps', 'detractor'],
    [11, 'nps', null],
    [5, 'csat', 'promoter'],
    [4, 'csat', 'promoter'],
    [3, 'csat', 'passive'],
    [2, 'csat', 'detractor'],
    [0, 'csat', null],
    [7, 'ces', 'promoter'],
    [5, 'ces', 'promoter'],
    [4, 'ces', 'passive'],
    [3, 'ces', 'detractor'],
    [1, 'ces', 'detractor'],
    [8, 'ces', null],
    [4.5, 'ces', null],
  ])('band(%d, %s) is %s', (score, type, expected) => {
    expect(band(score, type)).toBe(expected);
  });
});

describe('computeMetric', () => {
  it('reads facts of the asked scale or without a scale, skipping missing scores', () => {
    const facts = [
      makeFact({ score: 10, scoreType: 'nps' }),
      makeFact({ score: 0 }),
      makeFact({ score: 5, scoreType: 'csat' }),
      makeFact({ score: null, scoreType: 'nps' }),
      makeFact({}),
    ];
    const result = computeMetric(facts, 'nps');
    expect(result.n).toBe(2);
    expect(result.value).toBe(0);
    expect(result.counts.invalid).toBe(0);
    // for CSAT: the csat 5 counts; the unscaled 0 is read too but is off the 1-5 scale
    expect(computeMetric(facts, 'csat').n).toBe(1);
    expect(computeMetric(facts, 'csat').counts.invalid).toBe(1);
  });

  it('dispatches by type', () => {
    expect(metricFromScores([1, 7], 'ces').value).toBe(4);
  });
});

describe('statistics', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [30, 2.0423],
    [100, 1.984],
    [5000, 1.9604],
  ])('t critical value at %i degrees of freedom is %f', (degrees, expected) => {
    expect(tCritical95(degrees)).toBeCloseTo(expected, 3);
  });

  it('has no t interval below one degree of freedom', () => {
    expect(tCritical95(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('computes the Wilson interval for 8 of 10', () => {
    const interval = wilsonInterval(8, 10);
    expect(interval.low).toBeCloseTo(0.4902, 4);
    expect(interval.high).toBeCloseTo(0.9433, 4);
  });
});
