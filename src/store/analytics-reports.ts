/**
 * What the analyst routes compute, from any store: SQL aggregates (analytics-store.ts) turned
 * into the results of the per-record metric functions. Kept out of the route files so the store
 * tests can check them against groupMetric / analyzeDrivers / trend / detectEmerging on the
 * same data, for SQLite and PostgreSQL alike.
 */
import {
  analyzeDriverAggregates,
  emergingFromCounts,
  emergingWindowOfDays,
  groupMetricFromAggregates,
  metricFromHistogram,
  regressionDriverIds,
  trendFromDays,
  type DriverAnalysis,
  type DriverOptions,
  type EmergingReport,
  type GroupDimension,
  type GroupedMetrics,
  type Interval,
  type ScoreMetric,
  type ScoreType,
  type TrendSeries,
} from '../metrics/index.js';
import type { AnalyticsStore } from './analytics-store.js';
import type { FeedbackFilter } from './store.js';

/** The metric over every filtered record, with how many records were read. */
export async function overallMetric(store: AnalyticsStore, filter: FeedbackFilter, metric: ScoreType): Promise<ScoreMetric & { volume: number }> {
  const [all] = (await store.scoreAggregates(filter, { metric, by: 'all' })).groups;
  return { ...metricFromHistogram(all?.scores ?? new Map(), metric), volume: all?.volume ?? 0 };
}

/** groupMetric(facts, options) from SQL aggregates; periods roll up from UTC days. */
export async function groupedMetric(
  store: AnalyticsStore,
  filter: FeedbackFilter,
  options: { metric: ScoreType; by: GroupDimension; interval?: Interval },
): Promise<GroupedMetrics> {
  const aggregates = await store.scoreAggregates(filter, { metric: options.metric, by: options.by === 'period' ? 'day' : options.by });
  return groupMetricFromAggregates(aggregates, options);
}

/**
 * analyzeDrivers(facts, options) in two rounds of aggregates: per-driver sums, then the
 * cross-products of the drivers the sample supports in the relative-importance regression.
 */
export async function driverAnalysis(store: AnalyticsStore, filter: FeedbackFilter, options: DriverOptions): Promise<DriverAnalysis> {
  const aggregates = await store.driverAggregates(filter, { metric: options.metric, level: options.level });
  const chosen = regressionDriverIds(aggregates, options);
  const moments =
    chosen.length > 0
      ? await store.driverMoments(filter, { metric: options.metric, level: options.level, drivers: chosen, includeSentiment: options.includeSentiment === true })
      : null;
  return analyzeDriverAggregates(aggregates, chosen, moments, options);
}

/**
 * trend(facts, options) and detectEmerging(facts, { interval, windowPeriods }) over the filtered
 * records; theme and stage scope the series, not the records.
 */
export async function trendReport(
  store: AnalyticsStore,
  filter: FeedbackFilter,
  options: { metric: ScoreType; interval: Interval; theme?: string; stage?: string; windowPeriods?: number },
): Promise<{ series: TrendSeries; emerging: EmergingReport }> {
  const { metric, interval, theme, stage, windowPeriods } = options;
  const days = await store.trendDays(filter, { metric, ...(theme !== undefined ? { theme } : {}), ...(stage !== undefined ? { stage } : {}) });
  const series = trendFromDays(days, { metric, interval, theme, stage });
  const window = emergingWindowOfDays(days, { interval, windowPeriods });
  const themes = window === null ? [] : await store.themeWindowCounts(filter, window);
  return { series, emerging: emergingFromCounts(days, window, themes, { interval, windowPeriods }) };
}
