/**
 * The rule-based baselines Verbatim is compared with, behind the one EvalSystem interface:
 * vader-sentiment (the JS port of VADER) and the AFINN-165 `sentiment` package.
 */
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import type { EvalSystem, Prediction } from './types.js';
import type { SentimentLabel3 } from '../datasets/types.js';

/**
 * VADER's standard decision thresholds on the compound score (Hutto & Gilbert 2014; the
 * vaderSentiment README: "positive sentiment: compound score >= 0.05, neutral: > -0.05 and < 0.05,
 * negative: compound score <= -0.05").
 */
export const VADER_POSITIVE_THRESHOLD = 0.05;
export const VADER_NEGATIVE_THRESHOLD = -0.05;

/** AFINN word scores run from -5 to 5, so the per-token `comparative` score is divided by 5 to land in [-1, 1]. */
export const AFINN_SCORE_RANGE = 5;

/**
 * Maps a VADER compound score to three classes with the standard thresholds.
 *
 * @example
 * vaderLabel(0.6588); // 'positive'
 * vaderLabel(0.01); // 'neutral'
 */
export function vaderLabel(compound: number): SentimentLabel3 {
  if (compound >= VADER_POSITIVE_THRESHOLD) return 'positive';
  if (compound <= VADER_NEGATIVE_THRESHOLD) return 'negative';
  return 'neutral';
}

/**
 * Maps an AFINN comparative score (sum of word scores / token count): above 0 positive, below 0
 * negative, exactly 0 (no scored words, or a tie) neutral.
 */
export function afinnLabel(comparative: number): SentimentLabel3 {
  if (comparative > 0) return 'positive';
  if (comparative < 0) return 'negative';
  return 'neutral';
}

/** vader-sentiment (JS port) as an EvalSystem; score is the compound score. */
export function createVaderSystem(): EvalSystem {
  return {
    name: 'vader-sentiment',
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      return texts.map((text) => {
        const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
        return { label: vaderLabel(compound), score: compound };
      });
    },
  };
}

/** AFINN-165 via the `sentiment` package as an EvalSystem; score is comparative / 5, clamped. */
export function createAfinnSystem(): EvalSystem {
  const analyzer = new Sentiment();
  return {
    name: 'afinn (sentiment)',
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      return texts.map((text) => {
        const comparative = analyzer.analyze(text).comparative;
        const score = Math.max(-1, Math.min(1, comparative / AFINN_SCORE_RANGE));
        return { label: afinnLabel(comparative), score };
      });
    },
  };
}

/** Both baselines, in the order reports list them. */
export function createBaselineSystems(): EvalSystem[] {
  return [createVaderSystem(), createAfinnSystem()];
}

/**
 * The label a prediction gets on a binary set (SST-2, no neutral gold): positive vs negative
 * ignoring neutral. With class probabilities that is positive >= negative; without them it is the
 * score's sign, with 0 counted as positive. Every system is folded the same way.
 *
 * @example
 * binaryLabel({ label: 'neutral', score: 0 }); // 'positive'
 */
export function binaryLabel(prediction: Prediction): 'positive' | 'negative' {
  if (prediction.probabilities) {
    return prediction.probabilities.positive >= prediction.probabilities.negative ? 'positive' : 'negative';
  }
  return prediction.score >= 0 ? 'positive' : 'negative';
}
