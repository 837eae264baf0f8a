/**
 * Customer effort: how hard the customer had to work (repeat contacts, transfers, waits, hoops),
 * 0 = no effort expressed, ~0.5 = clear friction, ~0.9 = repeated contacts and long waits.
 * Counts and durations ("3 times", "45 minutes on hold") scale the strength when the clause is
 * about contacting or waiting; ease phrasing ("quick and simple") lowers the score, and negation
 * flips sides ("not easy" is effort, "no hassle" is ease).
 */
import type { Span } from '../contract.js';
import type { Scale } from './patterns.js';
import { matchPhrases, type PhraseMatch } from './phrase-matcher.js';
import { clauseHasWord, clamp01, isNegated, noisyOr, spanOf, type SignalContext, type SignalScore } from './signal-context.js';
import { sortSpans } from '../spans.js';

/** Strength of a negated ease phrase ("wasn't easy") as effort. Hand-set. */
export const NEGATED_EASE_AS_EFFORT = 0.45;
/** Strength of a negated effort phrase ("no hassle", "didn't have to call") as ease. Hand-set. */
export const NEGATED_EFFORT_AS_EASE = 0.4;
/** How much full ease evidence subtracts from effort evidence. Hand-set. */
export const EASE_REDUCTION = 0.6;

/**
 * Strength from a captured number, per scale. Hand-set anchors: two contacts ~0.55, three ~0.7;
 * under 10 minutes is nothing, 45 minutes ~0.65, an hour ~0.8; a single day is nothing
 * ("within a day" is praise), two days ~0.46, a week ~0.85.
 */
export const SCALE_STRENGTH: Record<Scale, (value: number) => number> = {
  count: (n) => (n < 2 ? 0 : Math.min(0.95, 0.25 + 0.15 * n)),
  ordinal: (n) => (n < 2 ? 0 : n === 2 ? 0.45 : Math.min(0.95, 0.4 + 0.1 * n)),
  minutes: (m) => (m < 10 ? 0 : Math.min(0.9, 0.2 + (0.6 * m) / 60)),
  hours: (h) => Math.min(0.95, 0.6 + 0.1 * h),
  days: (d) => (d < 2 ? 0 : Math.min(0.85, 0.3 + 0.08 * d)),
  weeks: (w) => Math.min(0.9, 0.55 + 0.1 * w),
  months: (m) => Math.min(0.95, 0.7 + 0.1 * m),
};

function strengthOf(match: PhraseMatch): number {
  const { scale, weight } = match.rule.settings;
  if (scale && match.captured !== null) return SCALE_STRENGTH[scale](match.captured);
  return weight;
}

/** Scores customer effort in [0, 1]; evidence is the effort phrases (not the ease ones). */
export function scoreEffort(context: SignalContext): SignalScore {
  const effort: number[] = [];
  const ease: number[] = [];
  const evidence: Span[] = [];
  for (const match of matchPhrases(context.words, context.patterns.effort)) {
    if (match.rule.settings.needsContext && !clauseHasWord(context, match, context.patterns.effortContext)) continue;
    const strength = strengthOf(match);
    if (strength <= 0) continue;
    if (isNegated(context, match)) {
      ease.push(NEGATED_EFFORT_AS_EASE);
      continue;
    }
    effort.push(strength);
    evidence.push(spanOf(match));
  }
  for (const match of matchPhrases(context.words, context.patterns.ease)) {
    if (isNegated(context, match)) {
      effort.push(NEGATED_EASE_AS_EFFORT);
      evidence.push(extendToNegator(context, match));
    } else {
      ease.push(match.rule.settings.weight);
    }
  }
  const score = clamp01(noisyOr(effort) - EASE_REDUCTION * noisyOr(ease));
  return { score, evidence: score > 0 ? sortSpans(evidence) : [] };
}

/** The span from the negator to the end of the phrase ("wasn't easy"), for a readable highlight. */
function extendToNegator(context: SignalContext, match: PhraseMatch): Span {
  for (let index = match.firstWord - 1; index >= 0 && index >= match.firstWord - 3; index -= 1) {
    const word = context.words[index]!;
    if (context.patterns.negators.has(word.normal)) return { start: word.start, end: match.end };
  }
  return spanOf(match);
}
