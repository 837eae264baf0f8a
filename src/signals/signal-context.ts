/**
 * What every signal rule reads: the word stream, clause sentiment, theme hits and the compiled
 * phrase lists, plus the small shared judgements (is this mention negated? hypothetical? how
 * negative is its clause?).
 */
import type { Span } from '../contract.js';
import type { ClauseScore } from '../sentiment/types.js';
import type { TextDocument } from '../text/document.js';
import type { ThemeHit } from '../themes/types.js';
import type { CompiledSignalPatterns } from './patterns.js';
import type { PhraseMatch } from './phrase-matcher.js';
import type { Word } from './word-stream.js';

/**
 * Words looked back over for a negator ("I won't cancel", "no plans to switch"). Three covers
 * "no plans to" / "have no intention of" and stays inside the phrase's own verb group.
 */
export const NEGATION_WINDOW = 3;
/** Words looked back over (within the sentence) for "if", "might", "considering" ... */
export const HYPOTHETICAL_WINDOW = 8;

export interface SignalContext {
  doc: TextDocument;
  words: readonly Word[];
  clauseScores: readonly ClauseScore[];
  themes: readonly ThemeHit[];
  patterns: CompiledSignalPatterns;
  /** Document negativity in [0, 1]: minus the length-weighted mean clause score, floored at 0. */
  documentNegativity: number;
}

/** One numeric signal's value and the spans that produced it. */
export interface SignalScore {
  score: number;
  evidence: Span[];
}

/** Combines independent pieces of evidence: 1 - product of (1 - strength). */
export function noisyOr(strengths: readonly number[]): number {
  let miss = 1;
  for (const strength of strengths) miss *= 1 - clamp01(strength);
  return clamp01(1 - miss);
}

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** How negative a clause is, in [0, 1] (0 for neutral, positive or unscored clauses). */
export function clauseNegativity(context: SignalContext, clause: number): number {
  const score = context.clauseScores[clause]?.score;
  return typeof score === 'number' ? clamp01(-score) : 0;
}

/** Negativity of the clause a match sits in, or of the whole comment if that is stronger. */
export function matchNegativity(context: SignalContext, match: PhraseMatch): number {
  return Math.max(clauseNegativity(context, context.words[match.firstWord]!.clause), context.documentNegativity);
}

export function computeDocumentNegativity(doc: TextDocument, clauseScores: readonly ClauseScore[]): number {
  let weighted = 0;
  let total = 0;
  for (let index = 0; index < doc.clauses.length; index += 1) {
    const clause = doc.clauses[index]!;
    const score = clauseScores[index]?.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) continue;
    const length = Math.max(1, clause.endToken - clause.firstToken);
    weighted += score * length;
    total += length;
  }
  return total === 0 ? 0 : clamp01(-weighted / total);
}

/** True when a negator sits just before the match, in the same clause and punctuation run. */
export function isNegated(context: SignalContext, match: PhraseMatch): boolean {
  const { words, patterns } = context;
  const first = words[match.firstWord]!;
  for (let index = match.firstWord - 1; index >= 0 && index >= match.firstWord - NEGATION_WINDOW; index -= 1) {
    const after = words[index + 1]!;
    const word = words[index]!;
    if (after.boundaryBefore || word.clause !== first.clause) return false;
    if (patterns.negators.has(word.normal)) return true;
  }
  return false;
}

/** True when an "if", "might", "considering"... precedes the match in its sentence. */
export function isHypothetical(context: SignalContext, match: PhraseMatch): boolean {
  const { words, patterns } = context;
  const sentence = words[match.firstWord]!.sentence;
  for (let index = match.firstWord - 1; index >= 0 && index >= match.firstWord - HYPOTHETICAL_WINDOW; index -= 1) {
    const word = words[index]!;
    if (word.sentence !== sentence) return false;
    if (patterns.hypotheticalMarkers.has(word.normal)) return true;
  }
  return false;
}

/** True when the match's clause (or sentence, for clause-less tokens) holds one of the words. */
export function clauseHasWord(context: SignalContext, match: PhraseMatch, vocabulary: ReadonlySet<string>): boolean {
  const first = context.words[match.firstWord]!;
  return context.words.some(
    (word) =>
      (first.clause >= 0 ? word.clause === first.clause : word.sentence === first.sentence) &&
      (vocabulary.has(word.normal) || vocabulary.has(word.lemma)),
  );
}

export function spanOf(match: PhraseMatch): Span {
  return { start: match.start, end: match.end };
}
