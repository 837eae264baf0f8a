import { describe, expect, it } from 'vitest';
import { detectEmerging, trend, twoProportionZ, type FeedbackFact, type ThemeFact } from '../../src/metrics/index.js';
import { makeFact, theme } from './make-fact.js';

/** `total` responses on `date`; the first `counts[id]` of them mention theme `id`. */
function week(date: string, total: number, counts: Record<string, number>): FeedbackFact[] {
  return Array.from({ length: total }, (_, index) => {
    const themes: ThemeFact[] = Object.entries(counts)
      .filter(([, count]) => index < count)
      .map(([id]) => theme(id, 'product', -0.5));
    return makeFact({ date, score: 5, themes });
  });
}

describe('twoProportionZ', () => {
  it('computes the pooled z statistic', () => {
    // 20% of 50 vs 10% of 200: pooled 30/250 = 0.12, se = sqrt(0.12 * 0.88 * (1/50 + 1/200)) = 0.051381
    expect(twoProportionZ(10, 50, 20, 200)).toBeCloseTo(0.1 / Math.sqrt(0.12 * 0.88 * 0.025), 10);
    expect(twoProportionZ(10, 50, 20, 200)).toBeCloseTo(1.9462, 4);
  });

  it('is undefined with an empty side or no variance', () => {
    expect(twoProportionZ(1, 0, 2, 10)).toBeNull();
    expect(twoProportionZ(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZ(10, 10, 20, 20)).toBeNull();
  });
});

describe('detectEmerging', () => {
  // Four weeks of history (2023-W49..W52, 50 responses each) and the latest week 2024-W01 (50),
  // so the window crosses the year boundary.
  const facts = [
    ...week('2023-12-04', 50, { crash: 2, billing: 5 }),
    ...week('2023-12-11', 50, { crash: 2, billing: 5 }),
    ...week('2023-12-18', 50, { crash: 2, billing: 5 }),
    ...week('2023-12-25', 50, { crash: 2, billing: 5, fading: 10 }),
    ...week('2024-01-03', 50, { crash: 12, billing: 5, feature: 3, rare: 2 }),
  ];

  it('flags a theme whose share jumps beyond the expected variance', () => {
    const report = detectEmerging(facts, { interval: 'week' });
    expect(report.window).toEqual({ first: '2024-W01', last: '2024-W01' });
    expect(report.windowTotal).toBe(50);
    expect(report.historyTotal).toBe(200);
    const crash = report.themes.find((entry) => entry.id === 'crash')!;
    // window 12/50 = 24%, history 8/200 = 4%, pooled 20/250 = 0.08
    // z = 0.20 / sqrt(0.08 * 0.92 * (1/50 + 1/200)) = 0.20 / 0.042895 = 4.6625 >= 2.58, 12 >= 5 mentions
    expect(crash.z).toBeCloseTo(4.6625, 4);
    expect(crash).toMatchObject({ windowCount: 12, windowShare: 0.24, historyCount: 8, historyShare: 0.04, emerging: true, isNew: false });
    expect(report.themes[0].id).toBe('crash');
  });

  it('does not flag a steady theme or a falling one', () => {
    const report = detectEmerging(facts, { interval: 'week' });
    const billing = report.themes.find((entry) => entry.id === 'billing')!;
    expect(billing.z).toBeCloseTo(0, 12);
    expect(billing.emerging).toBe(false);
    const fading = report.themes.find((entry) => entry.id === 'fading')!;
    expect(fading.z!).toBeLessThan(0);
    expect(fading.emerging).toBe(false);
  });

  it('reports a first-seen theme as new, but not as emerging below the minimum mentions', () => {
    const report = detectEmerging(facts, { interval: 'week' });
    const feature = report.themes.find((entry) => entry.id === 'feature')!;
    // z = 0.06 / sqrt(0.012 * 0.988 * 0.025) = 3.485, but only 3 mentions (< 5)
    expect(feature.z).toBeCloseTo(3.485, 3);
    expect(feature).toMatchObject({ isNew: true, emerging: false, historyCount: 0 });
    expect(report.themes.find((entry) => entry.id === 'rare')!.isNew).toBe(false); // 2 < 3 mentions
  });

  it('honours the thresholds given as options', () => {
    const report = detectEmerging(facts, { interval: 'week', minMentions: 3 });
    expect(report.themes.find((entry) => entry.id === 'feature')!.emerging).toBe(true);
    const strict = detectEmerging(facts, { interval: 'week', zThreshold: 5 });
    expect(strict.themes.find((entry) => entry.id === 'crash')!.emerging).toBe(false);
  });

  it('widens the window and moves it with asOf', () => {
    const wide = detectEmerging(facts, { interval: 'week', windowPeriods: 2 });
    expect(wide.window).toEqual({ first: '2023-W52', last: '2024-W01' });
    expect(wide.windowTotal).toBe(100);
    const earlier = detectEmerging(facts, { interval: 'week', asOf: '2023-12-27' });
    expect(earlier.window).toEqual({ first: '2023-W52', last: '2023-W52' });
    expect(earlier.windowTotal).toBe(50); // the 2024 week is after asOf and ignored
    expect(earlier.historyTotal).toBe(150);
    expect(earlier.themes.find((entry) => entry.id === 'fading')).toMatchObject({ isNew: true, emerging: true });
  });

  it('flags nothing without history or without dated responses', () => {
    const onlyLatest = detectEmerging(week('2024-01-03', 20, { crash: 20 }), { interval: 'week' });
    expect(onlyLatest.themes.every((entry) => !entry.emerging && !entry.isNew)).toBe(true);
    expect(detectEmerging([], {})).toEqual({ interval: 'week', window: null, windowTotal: 0, historyTotal: 0, themes: [] });
    expect(detectEmerging([makeFact({ date: 'soon' })], {}).window).toBeNull();
  });
});

describe('trend', () => {
  const facts = [
    makeFact({ date: '2024-01-05', score: 10, sentiment: { label: 'positive', score: 0.8 }, themes: [theme('app', 'product', 0.6)] }),
    makeFact({ date: '2024-01-20', score: 0, sentiment: { label: 'negative', score: -0.6 }, themes: [theme('app', 'product', -0.8), theme('app', 'product', -0.4)] }),
    makeFact({ date: '2024-01-21', score: 8, sentiment: { label: 'neutral', score: 0 } }),
    makeFact({ date: '2024-03-02', score: 3, sentiment: { label: 'negative', score: -0.4 }, themes: [theme('fees', 'billing', -0.7)] }),
    makeFact({ date: 'bad', score: 3 }),
  ];

  it('gives volume, sentiment and score per month for all feedback, gaps filled', () => {
    const series = trend(facts, { metric: 'nps', interval: 'month' });
    expect(series.invalidDates).toBe(1);
    expect(series.points.map((point) => [point.period, point.volume, point.total, point.score.value])).toEqual([
      ['2024-01', 3, 3, 0], // 10, 0, 8: 1 promoter, 1 detractor
      ['2024-02', 0, 0, null],
      ['2024-03', 1, 1, -100],
    ]);
    expect(series.points[0].sentiment).toBeCloseTo((0.8 - 0.6 + 0) / 3, 12);
    expect(series.points[1].sentiment).toBeNull();
  });

  it('restricts to one theme and averages its mentions per response', () => {
    const series = trend(facts, { metric: 'nps', interval: 'month', theme: 'app' });
    expect(series.theme).toBe('app');
    expect(series.points[0]).toMatchObject({ period: '2024-01', volume: 2, total: 3 });
    expect(series.points[0].share).toBeCloseTo(2 / 3, 12);
    // response means: 0.6 and (-0.8 - 0.4)/2 = -0.6 -> 0
    expect(series.points[0].sentiment).toBeCloseTo(0, 12);
    expect(series.points[0].score.value).toBe(0);
    expect(series.points[2]).toMatchObject({ volume: 0, share: 0, sentiment: null });
  });

  it('restricts to one stage', () => {
    const series = trend(facts, { metric: 'nps', interval: 'month', stage: 'billing' });
    expect(series.points.map((point) => point.volume)).toEqual([0, 0, 1]);
    expect(series.points[2].sentiment).toBeCloseTo(-0.7, 12);
  });

  it('buckets by ISO week by default', () => {
    const series = trend(facts.slice(0, 3), { metric: 'nps' });
    expect(series.interval).toBe('week');
    expect(series.points.map((point) => point.period)).toEqual(['2024-W01', '2024-W02', '2024-W03']);
    expect(series.points.map((point) => point.volume)).toEqual([1, 0, 2]);
  });

  it('returns no points for no facts', () => {
    expect(trend([], { metric: 'ces' }).points).toEqual([]);
  });
});
