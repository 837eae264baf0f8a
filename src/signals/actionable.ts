/**
 * Actionable: the comment gives someone something to do. Either a concrete request ("please fix",
 * "can you", "would be nice if", a question about their order or account) or a fixable problem
 * (an error, bug, broken or missing item, or a negative clause that names a theme). Fragments
 * ("ok", "n/a", "-") never are.
 */
import type { Span } from '../contract.js';
import { matchPhrases } from './phrase-matcher.js';
import { isNegated, spanOf, type SignalContext } from './signal-context.js';
import { sortSpans } from '../spans.js';

/**
 * A problem word in a clause scored above this is reported as solved or praised ("the bug was
 * fixed in a day, great"), not as a fixable problem. Hand-set.
 */
export const PROBLEM_MAX_CLAUSE_SCORE = 0.3;
/** A clause at or below this score that names a theme is a fixable problem. Hand-set. */
export const NEGATIVE_THEME_CLAUSE_SCORE = -0.25;

export interface ActionableResult {
  actionable: boolean;
  evidence: Span[];
}

/** Decides whether a comment is actionable and which spans make it so. */
export function detectActionable(context: SignalContext): ActionableResult {
  if (isFragment(context)) return { actionable: false, evidence: [] };
  const evidence: Span[] = [];
  for (const match of matchPhrases(context.words, context.patterns.requests)) {
    if (!isNegated(context, match)) evidence.push(spanOf(match));
  }
  for (const match of matchPhrases(context.words, context.patterns.problems)) {
    const clause = context.words[match.firstWord]!.clause;
    const score = context.clauseScores[clause]?.score ?? 0;
    if (score <= PROBLEM_MAX_CLAUSE_SCORE && !isNegated(context, match)) evidence.push(spanOf(match));
  }
  evidence.push(...accountQuestions(context), ...negativeThemeMentions(context));
  return { actionable: evidence.length > 0, evidence: sortSpans(evidence) };
}

function isFragment(context: SignalContext): boolean {
  return context.words.every((word) => context.patterns.fragments.has(word.normal));
}

/** A question sentence that mentions their account, order, refund...: the topic word is the evidence. */
function accountQuestions(context: SignalContext): Span[] {
  const spans: Span[] = [];
  context.doc.sentences.forEach((sentence, index) => {
    const tokens = context.doc.tokens;
    let isQuestion = false;
    for (let token = sentence.firstToken; token < sentence.endToken && !isQuestion; token += 1) {
      isQuestion = tokens[token]!.kind === 'punctuation' && tokens[token]!.text.includes('?');
    }
    if (!isQuestion) return;
    for (const word of context.words) {
      if (word.sentence !== index) continue;
      if (context.patterns.questionTopics.has(word.normal) || context.patterns.questionTopics.has(word.lemma)) {
        spans.push({ start: word.start, end: word.end });
      }
    }
  });
  return spans;
}

/** Theme evidence lying in a clearly negative clause: "the courier left it in the rain". */
function negativeThemeMentions(context: SignalContext): Span[] {
  const spans: Span[] = [];
  for (const hit of context.themes) {
    for (const clauseIndex of hit.clauses) {
      const score = context.clauseScores[clauseIndex]?.score;
      const clause = context.doc.clauses[clauseIndex];
      if (typeof score !== 'number' || !clause || score > NEGATIVE_THEME_CLAUSE_SCORE) continue;
      const inside = hit.evidence.filter((span) => span.start >= clause.start && span.end <= clause.end);
      spans.push(...(inside.length > 0 ? inside : [{ start: clause.start, end: clause.end }]));
    }
  }
  return spans;
}
