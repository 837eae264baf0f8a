/**
 * Driver analysis from database aggregates: the same DriverAnalysis as analyzeDrivers
 * (drivers.ts) without reading every response. Two steps, because which drivers enter the
 * relative-importance regression depends on the first:
 *   1. DriverAggregates: per driver its volume, score histogram, sentiment mix and revenue at risk;
 *   2. regressionDriverIds() picks the drivers, the store sums their DriverPairMoments, and
 *      analyzeDriverAggregates() combines both.
 */
import type { Driver, DriverAnalysis, DriverOptions, SentimentMix } from './drivers.js';
import { compareDrivers, MIN_RESPONSES_PER_PREDICTOR } from './drivers.js';
import { band } from './score-metrics.js';
import { histogramTotals, metricFromHistogram, subtractHistogram, type ScoreHistogram } from './aggregates.js';
import { relativeWeightsFromMoments } from './relative-weights.js';
import type { ScoreType } from './types.js';

/** One driver (theme or stage) over the filtered responses. */
export interface DriverAggregate {
  id: string;
  label?: string;
  stage?: string;
  /** Responses mentioning it. */
  volume: number;
  /** Scores of the mentioning responses that count for the metric. */
  scores: ScoreHistogram;
  /** Mentions by sentiment label (per stage: the merged label of its themes in one response). */
  sentiment: SentimentMix;
  /** Revenue of distinct detractor accounts mentioning it (see drivers.revenueAtRisk). */
  revenueAtRisk: number;
}

export interface DriverAggregates {
  /** All filtered responses. */
  volume: number;
  scores: ScoreHistogram;
  /** Whether any filtered response carries revenue. */
  hasRevenue: boolean;
  drivers: DriverAggregate[];
}

/**
 * Sums over the scored responses (valid score counting for the metric) for the chosen drivers:
 * `sentimentSum` etc. are over each driver's mention sentiment (0 when not mentioned).
 */
export interface DriverPairMoments {
  /** Scored responses, Σ score and Σ score². */
  n: number;
  outcomeSum: number;
  outcomeSumOfSquares: number;
  /** Per driver id: scored mentioners, Σ score over them, Σ s, Σ s², Σ s·score. */
  single: Map<string, DriverSingleMoments>;
  /** Per `left\u0000right` pair (both orders, left != right): co-mentions, Σ s_left, Σ s_left·s_right. */
  pairs: Map<string, { count: number; leftSentimentSum: number; sentimentProduct: number }>;
}

/** One driver's sums over the scored responses mentioning it. */
export interface DriverSingleMoments {
  count: number;
  outcomeSum: number;
  sentimentSum: number;
  sentimentSquares: number;
  sentimentOutcome: number;
}

/** The key of a driver pair in DriverPairMoments.pairs. */
export function pairKey(left: string, right: string): string {
  return `${left}\u0000${right}`;
}

/**
 * The drivers that enter the regression: the most scored-mentioned ones the sample supports
 * (MIN_RESPONSES_PER_PREDICTOR per column), as estimateImportance in drivers.ts picks them.
 * Empty when the sample supports none.
 */
export function regressionDriverIds(aggregates: DriverAggregates, options: DriverOptions): string[] {
  const scored = histogramTotals(aggregates.scores, options.metric).n;
  const columnsPerDriver = options.includeSentiment ? 2 : 1;
  const perPredictor = Math.max(1, options.minResponsesPerPredictor ?? MIN_RESPONSES_PER_PREDICTOR);
  const budget = Math.floor((scored - 1) / perPredictor / columnsPerDriver);
  if (budget < 1) return [];
  return aggregates.drivers
    .map((driver) => ({ id: driver.id, scoredVolume: histogramTotals(driver.scores, options.metric).n }))
    .sort((left, right) => right.scoredVolume - left.scoredVolume || (left.id < right.id ? -1 : 1))
    .slice(0, budget)
    .map((entry) => entry.id);
}

/** Johnson's weights of the chosen drivers from their moments (columns as in drivers.ts). */
function importanceFromMoments(
  chosen: readonly string[],
  moments: DriverPairMoments,
  includeSentiment: boolean,
): { weights: Map<string, number>; rSquared: number | null } {
  const weights = new Map<string, number>();
  if (chosen.length === 0) return { weights, rSquared: null };
  const columns: { id: string; sentiment: boolean }[] = [];
  for (const id of chosen) {
    columns.push({ id, sentiment: false });
    if (includeSentiment) columns.push({ id, sentiment: true });
  }
  const single = (id: string) => moments.single.get(id) ?? { count: 0, outcomeSum: 0, sentimentSum: 0, sentimentSquares: 0, sentimentOutcome: 0 };
  const pair = (left: string, right: string) => moments.pairs.get(pairKey(left, right)) ?? { count: 0, leftSentimentSum: 0, sentimentProduct: 0 };
  const sums = columns.map((column) => (column.sentiment ? single(column.id).sentimentSum : single(column.id).count));
  const withOutcome = columns.map((column) => (column.sentiment ? single(column.id).sentimentOutcome : single(column.id).outcomeSum));
  const products = columns.map((row) =>
    columns.map((column) => {
      if (row.id === column.id) {
        const own = single(row.id);
        if (row.sentiment && column.sentiment) return own.sentimentSquares;
        return row.sentiment || column.sentiment ? own.sentimentSum : own.count;
      }
      if (!row.sentiment && !column.sentiment) return pair(row.id, column.id).count;
      if (row.sentiment && column.sentiment) return pair(row.id, column.id).sentimentProduct;
      // Σ s_a · 1[b mentioned]: the sentiment column's driver goes on the left.
      return row.sentiment ? pair(row.id, column.id).leftSentimentSum : pair(column.id, row.id).leftSentimentSum;
    }),
  );
  const result = relativeWeightsFromMoments({
    n: moments.n,
    sums,
    products,
    withOutcome,
    outcomeSum: moments.outcomeSum,
    outcomeSumOfSquares: moments.outcomeSumOfSquares,
  });
  const perDriver = includeSentiment ? 2 : 1;
  chosen.forEach((id, position) => {
    let weight = 0;
    for (let offset = 0; offset < perDriver; offset += 1) weight += result.weights[position * perDriver + offset];
    weights.set(id, weight);
  });
  return { weights, rSquared: result.rSquared };
}

/**
 * The DriverAnalysis of analyzeDrivers from aggregates. `moments` are those of
 * regressionDriverIds(aggregates, options) (null when that list is empty).
 * @example
 * const aggregates = await store.driverAggregates(filter, { metric: 'nps', level: 'theme' });
 * const chosen = regressionDriverIds(aggregates, options);
 * const moments = chosen.length > 0 ? await store.driverMoments(filter, { ...options, drivers: chosen }) : null;
 * analyzeDriverAggregates(aggregates, chosen, moments, options);
 */
export function analyzeDriverAggregates(
  aggregates: DriverAggregates,
  chosen: readonly string[],
  moments: DriverPairMoments | null,
  options: DriverOptions,
): DriverAnalysis {
  const { metric, level } = options;
  const overall = metricFromHistogram(aggregates.scores, metric);
  const importance =
    moments === null ? { weights: new Map<string, number>(), rSquared: null } : importanceFromMoments(chosen, moments, options.includeSentiment === true);
  const drivers: Driver[] = aggregates.drivers.map((driver) => {
    const among = metricFromHistogram(driver.scores, metric);
    const without = metricFromHistogram(validOnly(subtractHistogram(aggregates.scores, driver.scores), metric), metric);
    const impact = overall.value !== null && without.value !== null ? overall.value - without.value : null;
    return {
      id: driver.id,
      ...(level === 'theme' && driver.label !== undefined ? { label: driver.label } : {}),
      ...(level === 'theme' ? (driver.stage !== undefined ? { stage: driver.stage } : {}) : { stage: driver.id }),
      volume: driver.volume,
      share: aggregates.volume === 0 ? 0 : driver.volume / aggregates.volume,
      score: among.value,
      n: among.n,
      impact,
      relativeImportance: importance.weights.get(driver.id) ?? null,
      revenueAtRisk: aggregates.hasRevenue ? driver.revenueAtRisk : null,
      sentiment: driver.sentiment,
    } satisfies Driver;
  });
  drivers.sort(compareDrivers);
  return { metric, level, overall: { value: overall.value, n: overall.n }, rSquared: importance.rSquared, drivers };
}

/** Only the scores valid for the metric (leave-one-out reads valid scores only, as drivers.ts does). */
function validOnly(histogram: ScoreHistogram, metric: ScoreType): Map<number, number> {
  const valid = new Map<number, number>();
  for (const [score, count] of histogram) if (band(score, metric) !== null) valid.set(score, count);
  return valid;
}
