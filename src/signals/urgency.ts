/**
 * Urgency: how soon someone should act. Safety words and legal threats are near 1; "asap",
 * "urgent", chargebacks and deadlines are high; time words ("today") count mostly when the
 * comment is negative; shouting (ALL CAPS) and "!!!" boost an already urgent or negative comment.
 */
import type { Span } from '../contract.js';
import { matchPhrases } from './phrase-matcher.js';
import { isNegated, matchNegativity, noisyOr, spanOf, type SignalContext, type SignalScore } from './signal-context.js';
import { sortSpans } from '../spans.js';

/** Share of a time word's strength kept in a non-negative comment ("delivered today!"). Hand-set. */
export const TIME_NEUTRAL_FACTOR = 0.3;
/** Shouting needs at least this many ALL CAPS words, or half the words when there are two. */
export const SHOUTING_MIN_WORDS = 3;
export const SHOUTING_BOOST = 0.3;
/** A run of this many exclamation or question marks ("!!", "???", "?!") counts as emphasis. */
export const EXCLAMATION_RUN = 2;
export const EXCLAMATION_BOOST = 0.2;
/** ALL CAPS words that are ordinary acronyms, not shouting. */
const ACRONYMS = new Set(['asap', 'uk', 'us', 'usa', 'eu', 'tv', 'ok', 'id', 'pin', 'sms', 'nps', 'faq', 'pdf', 'pc', 'ceo', 'dm', 'pm', 'am', 'i']);

/** Scores urgency in [0, 1] with the urgent phrases and the shouted runs as evidence. */
export function scoreUrgency(context: SignalContext): SignalScore {
  const strengths: number[] = [];
  const evidence: Span[] = [];
  for (const match of matchPhrases(context.words, context.patterns.urgency)) {
    if (match.rule.settings.negatable !== false && isNegated(context, match)) continue;
    const { weight, sentimentModulated } = match.rule.settings;
    const negativity = matchNegativity(context, match);
    strengths.push(sentimentModulated ? weight * (TIME_NEUTRAL_FACTOR + (1 - TIME_NEUTRAL_FACTOR) * negativity) : weight);
    evidence.push(spanOf(match));
  }
  const boostScale = strengths.length > 0 ? 1 : context.documentNegativity;
  if (boostScale > 0) {
    const shouted = shoutedWords(context);
    if (shouted.length > 0) {
      strengths.push(SHOUTING_BOOST * boostScale);
      evidence.push(...shouted);
    }
    const exclamations = exclamationRuns(context);
    if (exclamations.length > 0) {
      strengths.push(EXCLAMATION_BOOST * boostScale);
      evidence.push(...exclamations);
    }
  }
  return { score: noisyOr(strengths), evidence: sortSpans(evidence) };
}

function shoutedWords(context: SignalContext): Span[] {
  const shouted = context.words.filter((word) => word.shouting && !ACRONYMS.has(word.normal));
  const enough =
    shouted.length >= SHOUTING_MIN_WORDS || (shouted.length >= 2 && shouted.length * 2 >= context.words.length);
  if (!enough) return [];
  const runs: Span[] = [];
  let previousIndex = -2;
  context.words.forEach((word, index) => {
    if (!word.shouting) return;
    const last = runs[runs.length - 1];
    if (last && previousIndex === index - 1 && !word.boundaryBefore) last.end = word.end;
    else runs.push({ start: word.start, end: word.end });
    previousIndex = index;
  });
  return runs;
}

function exclamationRuns(context: SignalContext): Span[] {
  const runs: Span[] = [];
  let run: Span | null = null;
  let count = 0;
  for (const token of context.doc.tokens) {
    const marks = token.kind === 'punctuation' && isMarkRun(token.text) ? token.text.length : 0;
    if (marks > 0 && run && run.end === token.start) {
      run.end = token.end;
      count += marks;
    } else if (marks > 0) {
      if (run && count >= EXCLAMATION_RUN) runs.push(run);
      run = { start: token.start, end: token.end };
      count = marks;
    } else {
      if (run && count >= EXCLAMATION_RUN) runs.push(run);
      run = null;
      count = 0;
    }
  }
  if (run && count >= EXCLAMATION_RUN) runs.push(run);
  return runs;
}

/** True for a non-empty run of "!" and "?" only. */
function isMarkRun(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 33 && code !== 63) return false;
  }
  return true;
}
