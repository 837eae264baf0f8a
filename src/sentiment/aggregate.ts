/**
 * Pure aggregation of clause scores into the Sentiment of a sentence, document, theme, stage or
 * target. Decisions:
 *
 * - Contrast: a clause opened by "but"-like contrast weighs AFTER_CONTRAST_WEIGHT, the clause before
 *   it BEFORE_CONTRAST_WEIGHT (VADER's "but" rule: 1.5 / 0.5). A mid-sentence concessive clause
 *   ("..., although the staff were nice") is the subordinate one, so the weights swap for it.
 * - Salience: a clause counts with weight (SALIENCE_FLOOR + |score|), so an opinion-free clause
 *   ("I ordered on Monday") does not dilute an opinionated one.
 * - Mixed: label `mixed` when some part scores >= mixedThreshold, another <= -mixedThreshold,
 *   and neither side DOMINATES. Parts are the clauses, or, for a clause whose evidence pulls both
 *   ways ("love the product, hate the support"), its positive and negative evidence separately.
 *   A side dominates when its weighted mass is at least DOMINANCE_RATIO times the other's. With
 *   the contrast weights (ratio 3) an equally strong "X but Y" is therefore labelled by Y:
 *   "fast delivery but the box was crushed" is negative, not mixed.
 * - Confidence: weighted mean clause confidence times agreement (|sum w*s| / sum w*|s|); for
 *   mixed, the mean confidence times how balanced the two sides are.
 */
import { resolveConfig, type Config } from '../config.js';
import type { Sentiment, SentimentLabel } from '../contract.js';
import type { Clause } from '../text/document.js';
import { CONCESSIVE_CONNECTIVES } from '../text/clauses.js';
import { normalizeValence } from './valence-scale.js';
import type { ClauseScore } from './types.js';

/** Weight of a clause opened by contrast ("..., but THIS"). Source: VADER's but-rule (x1.5). */
export const AFTER_CONTRAST_WEIGHT = 1.5;
/** Weight of the clause before contrast ("THIS, but ..."). Source: VADER's but-rule (x0.5). */
export const BEFORE_CONTRAST_WEIGHT = 0.5;
/** Base weight of a clause without opinion; opinion adds |score|. Verbatim's choice. */
export const SALIENCE_FLOOR = 0.1;
/** One side "dominates" a mixed text when its mass is at least this multiple of the other. Verbatim's choice. */
export const DOMINANCE_RATIO = 2;

export type SentimentOptions = Pick<Config['sentiment'], 'neutralBand' | 'mixedThreshold'>;

const DEFAULTS: SentimentOptions = resolveConfig().sentiment;

/** One unit to aggregate: a clause score plus where it sits. */
export interface WeightedScore {
  score: ClauseScore;
  /** Extra weight from the caller (e.g. share of a theme's mention); default 1. */
  weight?: number;
  role?: Clause['role'];
  connective?: string | null;
}

/** The label for a score: neutral inside the band, else by sign. */
export function labelFor(score: number, options: Pick<SentimentOptions, 'neutralBand'> = DEFAULTS): 'positive' | 'negative' | 'neutral' {
  return labelForBand(score, options.neutralBand);
}

/** labelFor with the band as a number (a caller on every clause then builds no options object). */
export function labelForBand(score: number, neutralBand: number): 'positive' | 'negative' | 'neutral' {
  if (!(Math.abs(score) >= neutralBand)) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/** One clause score as a user-facing Sentiment (a single clause is mixed when its evidence is). */
export function toSentiment(score: ClauseScore, options: SentimentOptions = DEFAULTS): Sentiment {
  return aggregateSpans([{ score }], options);
}

/** The contrast weight of a clause, swapped for mid-sentence concessives (see the module doc). */
export function contrastWeight(role: Clause['role'] | undefined, connective: string | null | undefined): number {
  if (role === 'after-contrast') {
    return connective && CONCESSIVE_CONNECTIVES.has(connective) ? BEFORE_CONTRAST_WEIGHT : AFTER_CONTRAST_WEIGHT;
  }
  if (role === 'before-contrast') {
    return connective && CONCESSIVE_CONNECTIVES.has(connective) ? AFTER_CONTRAST_WEIGHT : BEFORE_CONTRAST_WEIGHT;
  }
  return 1;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * The running sums of one aggregation. One instance is reused (aggregation is synchronous and never
 * re-entrant), so aggregating allocates nothing but the resulting Sentiment.
 */
const sums = {
  count: 0,
  weightSum: 0,
  weightedScore: 0,
  weightedAbsolute: 0,
  weightedConfidence: 0,
  positiveMass: 0,
  negativeMass: 0,
  strongestPositive: 0,
  strongestNegative: 0,
  allProbabilities: true,
  negativeProbability: 0,
  neutralProbability: 0,
  positiveProbability: 0,
};

function resetSums(): void {
  sums.count = 0;
  sums.weightSum = 0;
  sums.weightedScore = 0;
  sums.weightedAbsolute = 0;
  sums.weightedConfidence = 0;
  sums.positiveMass = 0;
  sums.negativeMass = 0;
  sums.strongestPositive = 0;
  sums.strongestNegative = 0;
  sums.allProbabilities = true;
  sums.negativeProbability = 0;
  sums.neutralProbability = 0;
  sums.positiveProbability = 0;
}

/**
 * Adds one unit. Its positive and negative part scores come from its evidence when it has any,
 * else from its score.
 */
function addUnit(score: ClauseScore, extraWeight: number, role: Clause['role'] | undefined, connective: string | null | undefined): void {
  const s = Number.isFinite(score.score) ? clamp(score.score, -1, 1) : 0;
  const base = Math.max(0, extraWeight) * contrastWeight(role, connective);
  const weight = base * (SALIENCE_FLOOR + Math.abs(s));
  sums.count += 1;
  sums.weightSum += weight;
  sums.weightedScore += weight * s;
  sums.weightedAbsolute += weight * Math.abs(s);
  sums.weightedConfidence += weight * clamp(score.confidence, 0, 1);
  let positive = 0;
  let negative = 0;
  let any = false;
  const evidence = score.evidence;
  for (let index = 0; index < evidence.length; index += 1) {
    const item = evidence[index]!;
    if (item.source === 'rule' || item.source === 'model') continue;
    any = true;
    if (item.weight > 0) positive += item.weight;
    else negative += item.weight;
  }
  if (!any) {
    if (score.score > 0) {
      positive = score.score;
      negative = 0;
    } else {
      positive = 0;
      negative = score.score;
    }
  } else {
    positive = normalizeValence(positive);
    negative = normalizeValence(negative);
  }
  sums.positiveMass += base * positive;
  sums.negativeMass += base * -negative;
  sums.strongestPositive = Math.max(sums.strongestPositive, positive);
  sums.strongestNegative = Math.min(sums.strongestNegative, negative);
  const probabilities = score.probabilities;
  if (!probabilities) sums.allProbabilities = false;
  else {
    sums.negativeProbability += weight * probabilities.negative;
    sums.neutralProbability += weight * probabilities.neutral;
    sums.positiveProbability += weight * probabilities.positive;
  }
}

/** The Sentiment of the units added since the last reset. */
function finishSums(options: SentimentOptions): Sentiment {
  const { weightSum, weightedScore, weightedAbsolute, positiveMass, negativeMass } = sums;
  if (weightSum === 0) return { label: 'neutral', score: 0, confidence: 0 };
  const score = clamp(weightedScore / weightSum, -1, 1);
  const meanConfidence = sums.weightedConfidence / weightSum;
  const bothSides = sums.strongestPositive >= options.mixedThreshold && -sums.strongestNegative >= options.mixedThreshold;
  const dominated =
    positiveMass >= DOMINANCE_RATIO * negativeMass || negativeMass >= DOMINANCE_RATIO * positiveMass;
  if (bothSides && !dominated) {
    const balance = Math.min(positiveMass, negativeMass) / Math.max(positiveMass, negativeMass);
    return { label: 'mixed', score, confidence: clamp(meanConfidence * balance, 0, 1) };
  }
  const agreement = weightedAbsolute === 0 ? 1 : Math.abs(weightedScore) / weightedAbsolute;
  if (sums.allProbabilities && sums.count > 0) {
    // The most probable class of the weighted sums (ties: neutral, then positive), read off the
    // shared sums rather than through a pair of small objects per call.
    let label: SentimentLabel = 'neutral';
    let best = sums.neutralProbability;
    if (sums.positiveProbability > best) {
      label = 'positive';
      best = sums.positiveProbability;
    }
    if (sums.negativeProbability > best) {
      label = 'negative';
      best = sums.negativeProbability;
    }
    const confidence = clamp((best / weightSum) * (sums.count === 1 ? 1 : agreement), 0, 1);
    // The label is the blended classes' argmax and the score the blended scores' mean; the two
    // disagree in sign when the rules pull the score one way and the model's probabilities the
    // other ("Absolute joke.": negative, score +0.12). The label is the better reading (it is what
    // the evaluation measures), so such a score is restated as the classes' own difference,
    // P(positive) - P(negative), which has the label's sign by construction.
    if ((label === 'positive' && !(score > 0)) || (label === 'negative' && !(score < 0))) {
      const restated = clamp((sums.positiveProbability - sums.negativeProbability) / weightSum, -1, 1);
      return { label, score: restated, confidence };
    }
    return { label, score, confidence };
  }
  const label: SentimentLabel = labelFor(score, options);
  return { label, score, confidence: clamp(meanConfidence * agreement, 0, 1) };
}

/**
 * Combines clause scores into one Sentiment (sentence, document, theme, stage or target level).
 * Empty input is neutral with confidence 0.
 */
export function aggregateSpans(units: readonly WeightedScore[], options: SentimentOptions = DEFAULTS): Sentiment {
  resetSums();
  for (let index = 0; index < units.length; index += 1) {
    const unit = units[index]!;
    addUnit(unit.score, unit.weight ?? 1, unit.role, unit.connective);
  }
  return finishSums(options);
}

/** The unit aggregateSentiments adds for each sentiment: one record, refilled (aggregation never re-enters). */
const SENTIMENT_UNIT: ClauseScore = { score: 0, confidence: 0, evidence: [] };

/**
 * Aggregates already-aggregated sentiments (a comment's themes into a journey stage), each with a
 * weight, as aggregateSpans would aggregate them as evidence-free scores, without building one.
 *
 * @example aggregateSentiments([{ sentiment: themeSentiment, weight: 0.8 }], options)
 */
export function aggregateSentiments(
  weighted: readonly { sentiment: Pick<Sentiment, 'score' | 'confidence'>; weight: number }[],
  options: SentimentOptions = DEFAULTS,
): Sentiment {
  resetSums();
  for (let index = 0; index < weighted.length; index += 1) {
    const { sentiment, weight } = weighted[index]!;
    SENTIMENT_UNIT.score = sentiment.score;
    SENTIMENT_UNIT.confidence = sentiment.confidence;
    addUnit(SENTIMENT_UNIT, weight, undefined, undefined);
  }
  return finishSums(options);
}

/**
 * aggregateSpans over clauses of one document, by index (all of them when `indexes` is null),
 * without building a WeightedScore per clause: the per-comment hot path of result assembly.
 * `scores[c]` belongs to `clauses[c]`.
 *
 * @example aggregateClauses(doc.clauses, clauseScores, sentence.clauses, options)
 */
export function aggregateClauses(
  clauses: readonly Clause[],
  scores: readonly ClauseScore[],
  indexes: readonly number[] | null,
  options: SentimentOptions = DEFAULTS,
): Sentiment {
  resetSums();
  const count = indexes === null ? clauses.length : indexes.length;
  for (let position = 0; position < count; position += 1) {
    const index = indexes === null ? position : indexes[position]!;
    const clause = clauses[index]!;
    addUnit(scores[index]!, 1, clause.role, clause.connective);
  }
  return finishSums(options);
}
