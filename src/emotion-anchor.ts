/**
 * Emotions anchored in the comment's own sentiment. The emotion model is a bag of words over the
 * whole comment, and a bag reads an unfamiliar word by the buckets it hashes into: "The courier was
 * late" came out joy 0.62 ("courier" alone: joy 1.00), "Very satisfied." anger 0.41, "Absolute
 * joke." joy 0.98. The clause sentiment (model and rules together) is the stronger reader of
 * polarity, so an emotion with a valence is reported only when at least one clause carries that
 * valence (positive or mixed for joy and gratitude; negative or mixed for anger, annoyance,
 * disappointment and fear). A mixed comment keeps both sides' emotions; confusion and surprise
 * are kept as the model scores them. A comment whose every clause is a content-free fragment
 * ("test", "n/a", "no comment") reports no emotion at all ("test" came out confusion).
 */
import type { Emotion } from './contract.js';
import type { CxEmotion } from './model/emotion-model.js';
import { toSentiment, type SentimentOptions } from './sentiment/aggregate.js';
import type { ClauseScore } from './sentiment/types.js';
import { isFragmentScore } from './sentiment/fragments.js';

/** The sentiment an emotion needs somewhere in its comment to be reported, or null for none. */
export const EMOTION_VALENCE: Readonly<Record<CxEmotion, 'positive' | 'negative' | null>> = {
  anger: 'negative',
  annoyance: 'negative',
  disappointment: 'negative',
  confusion: null,
  joy: 'positive',
  gratitude: 'positive',
  surprise: null,
  fear: 'negative',
};

/** An emotion label's valence; null for one without (or a label of another emotion model). */
function valenceOf(label: string): 'positive' | 'negative' | null {
  // Own keys only: a label named like an Object member ("constructor") has no valence.
  return Object.hasOwn(EMOTION_VALENCE, label) ? EMOTION_VALENCE[label as CxEmotion] : null;
}

/**
 * The emotions whose valence some clause carries (each clause read as the result's sentences are,
 * by toSentiment), in their order; the list itself when nothing is dropped.
 * @example anchorEmotions([{ label: 'joy', score: 0.62 }], [negativeClause], options) // []
 */
export function anchorEmotions(emotions: Emotion[], clauseScores: readonly ClauseScore[], options: SentimentOptions): Emotion[] {
  if (emotions.length > 0 && clauseScores.length > 0 && clauseScores.every(isFragmentScore)) return [];
  if (!emotions.some((emotion) => valenceOf(emotion.label) !== null)) return emotions;
  let positive = false;
  let negative = false;
  for (const score of clauseScores) {
    const label = toSentiment(score, options).label;
    if (label === 'positive' || label === 'mixed') positive = true;
    if (label === 'negative' || label === 'mixed') negative = true;
  }
  const kept = emotions.filter((emotion) => {
    const valence = valenceOf(emotion.label);
    return valence === null || (valence === 'positive' ? positive : negative);
  });
  return kept.length === emotions.length ? emotions : kept;
}
