/**
 * Sufficient statistics that a database computes with GROUP BY instead of handing over every
 * row, and the metrics computed from them. Every function here gives the same result as its
 * per-record counterpart (score-metrics, group-by) on the records the aggregates summarize;
 * test/metrics/aggregates.test.ts checks that on the same data.
 */
import { band, cesFromSummary, csatFromCounts, npsFromCounts } from './score-metrics.js';
import type { GroupDimension, GroupedMetrics, MetricGroup } from './group-by.js';
import { DEFAULT_INTERVAL, groupedMetrics } from './group-by.js';
import { periodKeyOf, type Interval } from './periods.js';
import type { ScoreCounts, ScoreMetric, ScoreType } from './types.js';

/**
 * How many responses gave each score value, among those that count for the metric (scoreType
 * equal to the metric, or absent) and have a score.
 */
export type ScoreHistogram = ReadonlyMap<number, number>;

/** Responses in one group (a theme, a segment, a day...) with the histogram of their scores. */
export interface GroupAggregate {
  key: string;
  label?: string;
  stage?: string;
  /** All responses in the group, scored or not. */
  volume: number;
  scores: ScoreHistogram;
}

/** Groups of one dimension plus the responses that fell in none of them. */
export interface GroupAggregates {
  groups: GroupAggregate[];
  ungrouped: number;
}

/** The dimensions a store aggregates by: the metric groups, with periods as UTC days ('all' = one group). */
export const AGGREGATE_DIMENSIONS = ['all', 'theme', 'stage', 'segment', 'channel', 'language', 'day'] as const;
export type AggregateDimension = (typeof AGGREGATE_DIMENSIONS)[number];

/** Adds `count` responses with score `score` to a mutable histogram. */
export function addToHistogram(histogram: Map<number, number>, score: number, count: number): void {
  histogram.set(score, (histogram.get(score) ?? 0) + count);
}

/** The sum of several histograms. */
export function mergeHistograms(histograms: Iterable<ScoreHistogram>): Map<number, number> {
  const merged = new Map<number, number>();
  for (const histogram of histograms) for (const [score, count] of histogram) addToHistogram(merged, score, count);
  return merged;
}

/** `total` minus `part` (counts never below zero): the scores of the responses outside `part`. */
export function subtractHistogram(total: ScoreHistogram, part: ScoreHistogram): Map<number, number> {
  const result = new Map<number, number>();
  for (const [score, count] of total) {
    const rest = count - (part.get(score) ?? 0);
    if (rest > 0) result.set(score, rest);
  }
  return result;
}

/** Σ score over the valid scores of a histogram, and how many there are. */
export function histogramTotals(histogram: ScoreHistogram, type: ScoreType): { n: number; sum: number; sumOfSquares: number } {
  let n = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (const [score, count] of histogram) {
    if (band(score, type) === null) continue;
    n += count;
    sum += score * count;
    sumOfSquares += score * score * count;
  }
  return { n, sum, sumOfSquares };
}

/**
 * The metric of `type` from a score histogram: the same value, interval and counts as
 * metricFromScores on the scores it counts (CES variance up to floating-point rounding).
 * @example metricFromHistogram(new Map([[10, 4], [8, 1], [3, 5]]), 'nps').value // -10
 */
export function metricFromHistogram(histogram: ScoreHistogram, type: ScoreType): ScoreMetric {
  const counts: ScoreCounts = { promoter: 0, passive: 0, detractor: 0, invalid: 0 };
  for (const [score, count] of histogram) {
    const scoreBand = band(score, type);
    if (scoreBand === null) counts.invalid += count;
    else counts[scoreBand] += count;
  }
  if (type === 'nps') return npsFromCounts(counts);
  if (type === 'csat') return csatFromCounts(counts);
  const { n, sum } = histogramTotals(histogram, type);
  const value = n === 0 ? Number.NaN : sum / n;
  let squares = 0;
  for (const [score, count] of histogram) if (band(score, type) !== null) squares += count * (score - value) ** 2;
  return cesFromSummary(counts, value, n < 2 ? 0 : squares / (n - 1));
}

/**
 * Rolls day groups (key 'YYYY-MM-DD') up into periods of `interval`: period groups of
 * groupMetric are unions of days, so their histograms add up.
 */
export function rollUpDays(days: GroupAggregates, interval: Interval): GroupAggregates {
  const periods = new Map<string, { volume: number; histograms: ScoreHistogram[] }>();
  let ungrouped = days.ungrouped;
  for (const day of days.groups) {
    const key = periodKeyOf(day.key, interval);
    if (key === null) {
      ungrouped += day.volume;
      continue;
    }
    const period = periods.get(key) ?? { volume: 0, histograms: [] };
    period.volume += day.volume;
    period.histograms.push(day.scores);
    periods.set(key, period);
  }
  const groups = [...periods.entries()].map(([key, period]) => ({ key, volume: period.volume, scores: mergeHistograms(period.histograms) }));
  return { groups, ungrouped };
}

/**
 * groupMetric over aggregates: the same groups, order and numbers (see group-by.ts). For
 * `by: 'period'` the aggregates are per day and are rolled up here.
 * @example groupMetricFromAggregates(await store.scoreAggregates(filter, { metric: 'nps', by: 'day' }), { metric: 'nps', by: 'period', interval: 'month' })
 */
export function groupMetricFromAggregates(
  aggregates: GroupAggregates,
  options: { metric: ScoreType; by: GroupDimension; interval?: Interval },
): GroupedMetrics {
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const source = options.by === 'period' ? rollUpDays(aggregates, interval) : aggregates;
  const groups: MetricGroup[] = source.groups.map((group) => ({
    key: group.key,
    ...(group.label !== undefined ? { label: group.label } : {}),
    ...(group.stage !== undefined ? { stage: group.stage } : {}),
    volume: group.volume,
    ...metricFromHistogram(group.scores, options.metric),
  }));
  return groupedMetrics(groups, source.ungrouped, { ...options, interval });
}
