/**
 * NPS, CSAT and CES over a list of scores, each with a 95% confidence interval so that a group of
 * 12 responses is not read like a group of 12,000. Out-of-range scores are ignored and counted.
 */
import type { FeedbackFact, ScoreBand, ScoreCounts, ScoreMetric, ScoreType } from './types.js';
import { clamp, mean, sampleVariance, tCritical95, wilsonInterval, Z_95 } from './statistics.js';

/** The scale of each survey question: whole numbers from `min` to `max`. */
export const SCALES: Readonly<Record<ScoreType, { min: number; max: number }>> = {
  nps: { min: 0, max: 10 }, // Reichheld 2003, "The One Number You Need to Grow" (HBR)
  csat: { min: 1, max: 5 }, // the common 5-point satisfaction question (ACSI-style top-2-box)
  ces: { min: 1, max: 7 }, // CES 2.0, 7-point agreement with "the company made it easy" (CEB/Gartner 2013)
};

/**
 * Band thresholds per scale: a score >= `promoterFrom` is a promoter, <= `detractorTo` a
 * detractor, anything between passive.
 * - NPS: 9-10 promoters, 0-6 detractors (Reichheld 2003).
 * - CSAT: 4-5 satisfied (the top-2-box that CSAT counts) = promoter, 3 = passive, 1-2 = detractor.
 * - CES: 5-7 (agree: easy) = promoter, 4 (neutral) = passive, 1-3 (disagree: hard) = detractor.
 */
export const BAND_THRESHOLDS: Readonly<Record<ScoreType, { promoterFrom: number; detractorTo: number }>> = {
  nps: { promoterFrom: 9, detractorTo: 6 },
  csat: { promoterFrom: 4, detractorTo: 2 },
  ces: { promoterFrom: 5, detractorTo: 3 },
};

/** True when `score` is a whole number on the scale of `type`. */
export function isValidScore(score: number, type: ScoreType): boolean {
  const scale = SCALES[type];
  return Number.isInteger(score) && score >= scale.min && score <= scale.max;
}

/**
 * The band of one score, so that the explore route, alerts and revenue at risk all agree on who
 * is a detractor. Null for a score off the scale.
 * @example band(9, 'nps') // 'promoter'; band(3, 'csat') // 'passive'; band(2, 'ces') // 'detractor'
 */
export function band(score: number, type: ScoreType): ScoreBand | null {
  if (!isValidScore(score, type)) return null;
  const thresholds = BAND_THRESHOLDS[type];
  if (score >= thresholds.promoterFrom) return 'promoter';
  if (score <= thresholds.detractorTo) return 'detractor';
  return 'passive';
}

/**
 * The scores of facts that count for `type`: a fact counts when its scoreType is `type` or absent
 * (the caller already chose the scale); facts without a score are skipped, not counted invalid.
 */
export function scoresFor(facts: readonly FeedbackFact[], type: ScoreType): number[] {
  const scores: number[] = [];
  for (const fact of facts) {
    if (fact.scoreType !== undefined && fact.scoreType !== type) continue;
    if (fact.score === null || fact.score === undefined) continue;
    scores.push(fact.score);
  }
  return scores;
}

function tally(scores: readonly number[], type: ScoreType): { valid: number[]; counts: ScoreCounts } {
  const counts: ScoreCounts = { promoter: 0, passive: 0, detractor: 0, invalid: 0 };
  const valid: number[] = [];
  for (const score of scores) {
    const scoreBand = typeof score === 'number' ? band(score, type) : null;
    if (scoreBand === null) {
      counts.invalid += 1;
      continue;
    }
    counts[scoreBand] += 1;
    valid.push(score);
  }
  return { valid, counts };
}

/**
 * Net Promoter Score in points (-100..100): %promoters (9-10) - %detractors (0-6). The interval
 * is the Wald interval of a difference of two multinomial proportions: with p and d the promoter
 * and detractor shares, Var(p - d) = (p + d - (p - d)^2) / n, and NPS ± 1.96 * sqrt(Var) * 100
 * (Rocks 2016, "Interval Estimation for the Net Promoter Score", The American Statistician 70(4)),
 * clamped to [-100, 100].
 * @example npsFromScores([10, 10, 10, 10, 9, 8, 7, 6, 3, 0]).value // 30
 */
export function npsFromScores(scores: readonly number[]): ScoreMetric {
  return npsFromCounts(tally(scores, 'nps').counts);
}

/** NPS from band counts alone (see npsFromScores): what SQL aggregates hand over. */
export function npsFromCounts(counts: ScoreCounts): ScoreMetric {
  const n = counts.promoter + counts.passive + counts.detractor;
  if (n === 0) return { metric: 'nps', value: null, n, ci: null, counts };
  const promoters = counts.promoter / n;
  const detractors = counts.detractor / n;
  const difference = promoters - detractors;
  const variance = (promoters + detractors - difference ** 2) / n;
  const halfWidth = Z_95 * Math.sqrt(Math.max(0, variance)) * 100;
  const value = difference * 100;
  return {
    metric: 'nps',
    value,
    n,
    ci: { low: clamp(value - halfWidth, -100, 100), high: clamp(value + halfWidth, -100, 100) },
    counts,
  };
}

/**
 * Customer satisfaction in percent: the share of 4-5 answers on a 1-5 scale, with the Wilson
 * score interval (see statistics.wilsonInterval) in percent.
 * @example csatFromScores([5, 5, 4, 3, 1]).value // 60
 */
export function csatFromScores(scores: readonly number[]): ScoreMetric {
  return csatFromCounts(tally(scores, 'csat').counts);
}

/** CSAT from band counts alone (see csatFromScores). */
export function csatFromCounts(counts: ScoreCounts): ScoreMetric {
  const n = counts.promoter + counts.passive + counts.detractor;
  if (n === 0) return { metric: 'csat', value: null, n, ci: null, counts };
  const interval = wilsonInterval(counts.promoter, n);
  return {
    metric: 'csat',
    value: (counts.promoter / n) * 100,
    n,
    ci: { low: interval.low * 100, high: interval.high * 100 },
    counts,
  };
}

/**
 * Customer effort score: the mean on a 1-7 scale (higher = easier), with a Student t interval
 * mean ± t(0.975, n-1) * s / sqrt(n). One response gives no spread: its interval is the whole scale.
 * @example cesFromScores([7, 6, 5, 2]).value // 5
 */
export function cesFromScores(scores: readonly number[]): ScoreMetric {
  const { valid, counts } = tally(scores, 'ces');
  return cesFromSummary(counts, valid.length === 0 ? Number.NaN : mean(valid), sampleVariance(valid));
}

/** CES from band counts, the mean and the sample variance of the valid scores (see cesFromScores). */
export function cesFromSummary(counts: ScoreCounts, value: number, variance: number): ScoreMetric {
  const n = counts.promoter + counts.passive + counts.detractor;
  if (n === 0) return { metric: 'ces', value: null, n, ci: null, counts };
  const { min, max } = SCALES.ces;
  if (n === 1) return { metric: 'ces', value, n, ci: { low: min, high: max }, counts };
  const halfWidth = tCritical95(n - 1) * Math.sqrt(variance / n);
  return { metric: 'ces', value, n, ci: { low: clamp(value - halfWidth, min, max), high: clamp(value + halfWidth, min, max) }, counts };
}

/** The metric of `type` over raw scores. */
export function metricFromScores(scores: readonly number[], type: ScoreType): ScoreMetric {
  if (type === 'nps') return npsFromScores(scores);
  if (type === 'csat') return csatFromScores(scores);
  return cesFromScores(scores);
}

/**
 * The metric of `type` over facts (see `scoresFor` for which facts count).
 * @example computeMetric(facts, 'nps') // { metric: 'nps', value: 30, n: 10, ci: {...}, counts: {...} }
 */
export function computeMetric(facts: readonly FeedbackFact[], type: ScoreType): ScoreMetric {
  return metricFromScores(scoresFor(facts, type), type);
}
