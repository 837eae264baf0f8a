/**
 * Driver analysis: where the score is won and lost, per theme or journey stage. For each driver:
 * how often it comes up, the score of those who mention it, its sentiment mix, its leave-one-out
 * impact on the overall score, its relative importance in explaining the score (Johnson's
 * weights) and the revenue of detractors who mention it.
 *
 * Sign of impact: impact = overall score - score of the responses that do NOT mention the driver.
 * A negative impact means the driver drags the score down (without it the score would be higher);
 * drivers are sorted most negative first, so the biggest problems lead.
 */
import type { SentimentLabel } from '../contract.js';
import type { FeedbackFact, ScoreType, ThemeFact } from './types.js';
import { band, computeMetric, isValidScore, metricFromScores } from './score-metrics.js';
import { relativeWeights } from './relative-weights.js';

export const DRIVER_LEVELS = ['theme', 'stage'] as const;
export type DriverLevel = (typeof DRIVER_LEVELS)[number];

/**
 * Scored responses needed per predictor before relative importance is estimated for it: the
 * "10 events per variable" rule of thumb for regression (Peduzzi et al. 1996, J Clin Epidemiol
 * 49(12); Harrell, Regression Modeling Strategies). Drivers beyond the budget (the least
 * mentioned) get `relativeImportance: null`.
 */
export const MIN_RESPONSES_PER_PREDICTOR = 10;

/**
 * A theme sentiment score within ±NEUTRAL_BAND is neutral when the fact carries no label: the
 * default of config `sentiment.neutralBand`, so derived labels agree with the engine's.
 */
export const NEUTRAL_BAND = 0.1;

export interface DriverOptions {
  metric: ScoreType;
  level: DriverLevel;
  /** Also give each driver a sentiment column (its theme sentiment, 0 when absent) in the regression. */
  includeSentiment?: boolean;
  minResponsesPerPredictor?: number;
}

export interface SentimentMix {
  positive: number;
  negative: number;
  neutral: number;
  mixed: number;
}

export interface Driver {
  id: string;
  label?: string;
  stage?: string;
  /** Responses mentioning the driver (scored or not). */
  volume: number;
  /** volume / all responses, in 0..1. */
  share: number;
  /** The metric among mentioners with a valid score; null when none has one. */
  score: number | null;
  /** Mentioners with a valid score. */
  n: number;
  /** overall - score without the driver, in the metric's unit (NPS points); negative hurts. */
  impact: number | null;
  /** Johnson's relative weight (share of the score's variance; all drivers sum to rSquared). */
  relativeImportance: number | null;
  /** Revenue of distinct detractor accounts mentioning it; null when no response carries revenue. */
  revenueAtRisk: number | null;
  sentiment: SentimentMix;
}

export interface DriverAnalysis {
  metric: ScoreType;
  level: DriverLevel;
  overall: { value: number | null; n: number };
  /** R² of the relative-importance regression; null when it could not be estimated. */
  rSquared: number | null;
  drivers: Driver[];
}

/** The sentiment label of a theme mention, derived from its score when absent. */
export function themeSentimentLabel(theme: ThemeFact): SentimentLabel {
  if (theme.sentimentLabel !== undefined) return theme.sentimentLabel;
  const score = theme.sentimentScore;
  if (!(Math.abs(score) >= NEUTRAL_BAND)) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/**
 * One response's mentions of each driver at `level`: for stages, the stage's mentions merged
 * (positive and negative themes in one stage make it mixed; the sentiment score is their mean).
 */
function mentionsOf(fact: FeedbackFact, level: DriverLevel): Map<string, { theme: ThemeFact; label: SentimentLabel; score: number }> {
  const mentions = new Map<string, { theme: ThemeFact; label: SentimentLabel; score: number; count: number }>();
  for (const theme of fact.themes ?? []) {
    const key = level === 'theme' ? theme.id : theme.stage;
    const label = themeSentimentLabel(theme);
    const score = Number.isFinite(theme.sentimentScore) ? theme.sentimentScore : 0;
    const existing = mentions.get(key);
    if (existing === undefined) {
      mentions.set(key, { theme, label, score, count: 1 });
      continue;
    }
    existing.score = (existing.score * existing.count + score) / (existing.count + 1);
    existing.count += 1;
    existing.label = mergeSentimentLabels(existing.label, label);
  }
  return mentions;
}

/**
 * The label of two mentions merged into one (a response's themes in one stage): neutral gives
 * way to the other; two different non-neutral labels make it mixed.
 */
export function mergeSentimentLabels(left: SentimentLabel, right: SentimentLabel): SentimentLabel {
  if (left === right) return left;
  return left === 'neutral' ? right : right === 'neutral' ? left : 'mixed';
}

function isScored(fact: FeedbackFact, metric: ScoreType): boolean {
  if (fact.scoreType !== undefined && fact.scoreType !== metric) return false;
  return typeof fact.score === 'number' && isValidScore(fact.score, metric);
}

interface DriverBucket {
  id: string;
  label?: string;
  stage?: string;
  facts: FeedbackFact[];
  sentiment: SentimentMix;
}

/**
 * Drivers of `metric` at `level`, most harmful (most negative impact) first.
 * @example analyzeDrivers(facts, { metric: 'nps', level: 'theme' })
 * // { metric: 'nps', level: 'theme', overall: { value: 20, n: 10 }, rSquared: 0.41, drivers: [{ id: 'delivery.late', impact: -12.5, ... }] }
 */
export function analyzeDrivers(facts: readonly FeedbackFact[], options: DriverOptions): DriverAnalysis {
  const { metric, level } = options;
  const overall = computeMetric(facts, metric);
  const perFactMentions = facts.map((fact) => mentionsOf(fact, level));
  const buckets = new Map<string, DriverBucket>();
  facts.forEach((fact, index) => {
    for (const [id, mention] of perFactMentions[index]) {
      let bucket = buckets.get(id);
      if (bucket === undefined) {
        bucket = {
          id,
          stage: level === 'theme' ? mention.theme.stage : id,
          facts: [],
          sentiment: { positive: 0, negative: 0, neutral: 0, mixed: 0 },
        };
        buckets.set(id, bucket);
      }
      if (level === 'theme' && bucket.label === undefined && mention.theme.label !== undefined) bucket.label = mention.theme.label;
      bucket.facts.push(fact);
      bucket.sentiment[mention.label] += 1;
    }
  });

  const hasRevenue = facts.some((fact) => typeof fact.revenue === 'number' && Number.isFinite(fact.revenue));
  const importance = estimateImportance(facts, perFactMentions, buckets, options);
  const factScores = facts.map((fact) => (isScored(fact, metric) ? (fact.score as number) : null));
  const mentionedBy = new Map<string, Uint8Array>();
  for (const id of buckets.keys()) mentionedBy.set(id, new Uint8Array(facts.length));
  perFactMentions.forEach((mentions, index) => {
    for (const id of mentions.keys()) mentionedBy.get(id)![index] = 1;
  });
  const drivers: Driver[] = [...buckets.values()].map((bucket) => {
    const among = computeMetric(bucket.facts, metric);
    const mentioned = mentionedBy.get(bucket.id)!;
    const scoresWithout: number[] = [];
    for (let index = 0; index < factScores.length; index += 1) {
      const score = factScores[index];
      if (score !== null && mentioned[index] === 0) scoresWithout.push(score);
    }
    const without = metricFromScores(scoresWithout, metric);
    const impact = overall.value !== null && without.value !== null ? overall.value - without.value : null;
    return {
      id: bucket.id,
      ...(bucket.label !== undefined ? { label: bucket.label } : {}),
      ...(bucket.stage !== undefined ? { stage: bucket.stage } : {}),
      volume: bucket.facts.length,
      share: facts.length === 0 ? 0 : bucket.facts.length / facts.length,
      score: among.value,
      n: among.n,
      impact,
      relativeImportance: importance.weights.get(bucket.id) ?? null,
      revenueAtRisk: hasRevenue ? revenueAtRisk(bucket.facts, metric) : null,
      sentiment: bucket.sentiment,
    };
  });
  drivers.sort(compareDrivers);
  return { metric, level, overall: { value: overall.value, n: overall.n }, rSquared: importance.rSquared, drivers };
}

/** Most negative impact first (null impact last), then volume descending, then id. */
export function compareDrivers(left: Driver, right: Driver): number {
  if (left.impact !== right.impact) {
    if (left.impact === null) return 1;
    if (right.impact === null) return -1;
    if (left.impact !== right.impact) return left.impact - right.impact;
  }
  return right.volume - left.volume || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}

/**
 * Johnson's relative weights of the drivers' mention indicators (and optionally their sentiment)
 * explaining the raw score of scored responses (NPS: the 0-10 answer, not the promoter/detractor
 * bands, so that the regression sees the full ordinal signal). Only the most mentioned drivers
 * that the sample can support (MIN_RESPONSES_PER_PREDICTOR) enter; a driver's importance is the
 * sum of its columns' weights.
 */
function estimateImportance(
  facts: readonly FeedbackFact[],
  perFactMentions: readonly Map<string, { score: number }>[],
  buckets: ReadonlyMap<string, DriverBucket>,
  options: DriverOptions,
): { weights: Map<string, number>; rSquared: number | null } {
  const scoredIndexes = facts.map((_, index) => index).filter((index) => isScored(facts[index], options.metric));
  const columnsPerDriver = options.includeSentiment ? 2 : 1;
  const perPredictor = Math.max(1, options.minResponsesPerPredictor ?? MIN_RESPONSES_PER_PREDICTOR);
  const budget = Math.floor((scoredIndexes.length - 1) / perPredictor / columnsPerDriver);
  const weights = new Map<string, number>();
  if (budget < 1) return { weights, rSquared: null };

  const chosen = [...buckets.values()]
    .map((bucket) => ({ id: bucket.id, scoredVolume: bucket.facts.filter((fact) => isScored(fact, options.metric)).length }))
    .sort((left, right) => right.scoredVolume - left.scoredVolume || (left.id < right.id ? -1 : 1))
    .slice(0, budget)
    .map((entry) => entry.id);
  const columns: number[][] = [];
  for (const id of chosen) {
    columns.push(scoredIndexes.map((index) => (perFactMentions[index].has(id) ? 1 : 0)));
    if (options.includeSentiment) columns.push(scoredIndexes.map((index) => perFactMentions[index].get(id)?.score ?? 0));
  }
  const outcome = scoredIndexes.map((index) => facts[index].score as number);
  const result = relativeWeights(columns, outcome);
  chosen.forEach((id, position) => {
    let weight = 0;
    for (let offset = 0; offset < columnsPerDriver; offset += 1) weight += result.weights[position * columnsPerDriver + offset];
    weights.set(id, weight);
  });
  return { weights, rSquared: result.rSquared };
}

/**
 * Revenue of the detractors mentioning a driver, counting each account once (its largest revenue
 * across those responses, since revenue is usually the account's repeated on every response) and
 * each response without an account on its own.
 */
export function revenueAtRisk(facts: readonly FeedbackFact[], metric: ScoreType): number {
  const byAccount = new Map<string, number>();
  let unattributed = 0;
  for (const fact of facts) {
    if (!isScored(fact, metric) || band(fact.score as number, metric) !== 'detractor') continue;
    const revenue = typeof fact.revenue === 'number' && Number.isFinite(fact.revenue) ? fact.revenue : 0;
    if (typeof fact.accountId === 'string' && fact.accountId.length > 0) {
      byAccount.set(fact.accountId, Math.max(byAccount.get(fact.accountId) ?? 0, revenue));
    } else {
      unattributed += revenue;
    }
  }
  let total = unattributed;
  for (const revenue of byAccount.values()) total += revenue;
  return total;
}
