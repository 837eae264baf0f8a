/**
 * The store's analytics half: aggregates computed in the database (GROUP BY) for the metric,
 * driver and trend routes, so that they read sums instead of every record. Separate from the
 * record methods (store.ts); FeedbackStore extends it. Both stores implement it with the same
 * SQL (analytics-sql.ts); src/metrics/*-aggregates.ts turn the results into route responses
 * identical to the per-record functions.
 */
import type {
  AggregateDimension,
  DriverAggregates,
  DriverLevel,
  DriverPairMoments,
  GroupAggregates,
  ScoreType,
  ThemeWindowCount,
  TrendDay,
} from '../metrics/index.js';
import type { FeedbackFilter } from './store.js';

export interface AnalyticsStore {
  /**
   * Volume and score histogram per group ('all' gives one group keyed ''): themes and stages
   * overlap; 'day' groups are UTC days for rolling up into periods.
   */
  scoreAggregates(filter: FeedbackFilter, options: { metric: ScoreType; by: AggregateDimension }): Promise<GroupAggregates>;
  /** Per theme or stage: volume, score histogram, sentiment mix, revenue at risk; plus the totals. */
  driverAggregates(filter: FeedbackFilter, options: { metric: ScoreType; level: DriverLevel }): Promise<DriverAggregates>;
  /**
   * Sums and co-mention cross-products of the given drivers over scored records (the regression's
   * input); the sentiment sums only with `includeSentiment` (a slower self-join).
   */
  driverMoments(
    filter: FeedbackFilter,
    options: { metric: ScoreType; level: DriverLevel; drivers: readonly string[]; includeSentiment?: boolean },
  ): Promise<DriverPairMoments>;
  /**
   * Per UTC day: all records, and those mentioning `theme` / a theme in `stage` (all records
   * when neither is given) with their score histogram and sentiment sum.
   */
  trendDays(filter: FeedbackFilter, options: { metric: ScoreType; theme?: string; stage?: string }): Promise<TrendDay[]>;
  /** Per theme, the records mentioning it in [from, to) and before `from` (ISO instants). */
  themeWindowCounts(filter: FeedbackFilter, window: { from: string; to: string }): Promise<ThemeWindowCount[]>;
}
