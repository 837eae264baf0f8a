/**
 * Churn risk: how likely the comment's author is to leave, from explicit churn phrases
 * ("cancel my subscription", "switching to X", "never again") weighted by phrase class,
 * raised by negative sentiment, ignored when negated ("I won't cancel"), reduced when
 * hypothetical ("if this happens again I might cancel").
 */
import { matchPhrases } from './phrase-matcher.js';
import {
  clauseNegativity,
  isHypothetical,
  isNegated,
  matchNegativity,
  noisyOr,
  spanOf,
  type SignalContext,
  type SignalScore,
} from './signal-context.js';
import { sortSpans } from '../spans.js';

/**
 * Share of a phrase's class strength kept when the comment is not negative; negative sentiment
 * restores the rest. Hand-set: "moving to X" in a neutral note is weaker than in a rant.
 */
export const CHURN_NEUTRAL_FACTOR = 0.7;
/** Strength kept for hypothetical mentions ("if ... I might cancel"). Hand-set. */
export const CHURN_HYPOTHETICAL_FACTOR = 0.6;
/**
 * Churn risk of a fully negative comment with no churn phrase at all: unhappy customers leave
 * more often, but an explicit phrase is far stronger evidence. Hand-set.
 */
export const CHURN_FROM_NEGATIVITY_ALONE = 0.2;

/** Scores churn risk in [0, 1] with the phrase spans (or the most negative clause) as evidence. */
export function scoreChurnRisk(context: SignalContext): SignalScore {
  const strengths: number[] = [];
  const evidence = [];
  for (const match of matchPhrases(context.words, context.patterns.churnRisk)) {
    if (isNegated(context, match)) continue;
    const negativity = matchNegativity(context, match);
    let strength = match.rule.settings.weight * (CHURN_NEUTRAL_FACTOR + (1 - CHURN_NEUTRAL_FACTOR) * negativity);
    if (isHypothetical(context, match)) strength *= CHURN_HYPOTHETICAL_FACTOR;
    strengths.push(strength);
    evidence.push(spanOf(match));
  }
  if (context.documentNegativity > 0) {
    strengths.push(CHURN_FROM_NEGATIVITY_ALONE * context.documentNegativity);
    if (evidence.length === 0) {
      const worst = mostNegativeClause(context);
      if (worst !== null) evidence.push(worst);
    }
  }
  return { score: noisyOr(strengths), evidence: sortSpans(evidence) };
}

function mostNegativeClause(context: SignalContext): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  let bestNegativity = 0;
  context.doc.clauses.forEach((clause, index) => {
    const negativity = clauseNegativity(context, index);
    if (negativity > bestNegativity) {
      bestNegativity = negativity;
      best = { start: clause.start, end: clause.end };
    }
  });
  return best;
}
