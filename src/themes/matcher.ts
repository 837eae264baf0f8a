/**
 * Theme assignment: finds which taxonomy themes a comment mentions, with the evidence for each.
 *
 * Passes over each clause's tokens, all against tables built once at construction:
 *  1. Seed terms, contiguous, longest first: at each token the longest seed term that matches wins
 *     (so "delivery charge" beats "delivery") and its tokens are consumed. A word matches literally
 *     (same normal form) or by lemma (see term-index.ts).
 *  2. Two-word seeds without stopwords also match with their words in either order at most
 *     WINDOW_SPAN tokens apart within one clause ("late delivery" matches "the delivery was late");
 *     such a match is reported with method 'lemma'.
 *  3. Pair cues: a word of one list of a theme's pair with a word of the other at most PAIR_SPAN
 *     tokens apart within one clause ("parcel ... fortnight": delivery-speed), unless a mention of
 *     the theme already holds one of the two words.
 *  4. Word vectors: a content word that no seed matched, is no stopword, no evaluative word and no
 *     seed form, is given the theme whose seeds it is most similar to, when that reaches the
 *     threshold (embedding-assigner.ts).
 * Exclusion phrases veto any match of their theme (or its descendants) whose tokens they overlap.
 * Context terms match as seeds do, but their mentions are kept only beside a mention of the same
 * theme family that is not one, or a second context mention of that family ("phone case" is no
 * support channel; mention-cues.ts).
 * A parent theme is reported only for mentions in clauses where none of its descendants matched:
 * "the delivery was late" and "the app logs me out" report delivery-speed and login-access alone,
 * "delivery was fine but the box was crushed" reports delivery and damaged-items.
 */
import type { TextDocument, Token } from '../text/document.js';
import type { Taxonomy } from './taxonomy.js';
import type { ThemeHit } from './types.js';
import type { WordVectors } from './embeddings.js';
import { compileTaxonomy, type CompiledTaxonomy, type CompiledTerm, type FormEntry } from './term-index.js';
import { entriesOf, isSeedFormAt, wordMatch, type TokenEntries } from './token-entries.js';
import { createEmbeddingAssigner, type EmbeddingAssigner, type SimilarityMode } from './embedding-assigner.js';
import { isFragmentAnswer } from './word-lists.js';
import { aggregateMentions, type Mention } from './hit-aggregation.js';
import { findPairMentions, holdsBoth, isVetoed, pushTwoWordMention, withContextKept, type Range, type Veto } from './mention-cues.js';

/** Largest distance in tokens between the two words of an either-order two-word seed match. */
export const WINDOW_SPAN = 3;

export interface ThemeMatcherOptions {
  /** Word vectors for similarity matching; null or absent turns that pass off. */
  embeddings?: WordVectors | null;
  /** Cosine a word needs to a theme's nearest single-word seed (config themes.embeddingThreshold). */
  embeddingThreshold: number;
  /** At most this many hits are returned, strongest first. */
  maxThemesPerComment: number;
  /** How a word is compared with a theme's seeds (default 'centroid': fewer false matches on the check sets). */
  similarityMode?: SimilarityMode;
}

export interface ThemeMatcher {
  /** Themes the document mentions, strongest first; [] for fragments such as "n/a". */
  match(doc: TextDocument): ThemeHit[];
}

interface TermMatch {
  term: CompiledTerm;
  literal: boolean;
}

/**
 * Compiles the taxonomy (and the seed vectors, when embeddings are given) once.
 *
 * @example
 * const matcher = createThemeMatcher(defaultTaxonomy(), { embeddingThreshold: 0.62, maxThemesPerComment: 8 });
 * matcher.match(doc).map((hit) => hit.themeId) // ['delivery-speed']
 */
export function createThemeMatcher(taxonomy: Taxonomy, options: ThemeMatcherOptions): ThemeMatcher {
  const compiled = compileTaxonomy(taxonomy);
  const assigner = options.embeddings
    ? createEmbeddingAssigner(options.embeddings, compiled.singleWordSeeds, options.embeddingThreshold, options.similarityMode)
    : null;
  /** Marks this matcher's memos on shared token forms (document.ts TokenForm). */
  const owner = {};
  return {
    match(doc: TextDocument): ThemeHit[] {
      if (doc.tokens.length === 0 || isFragmentAnswer(doc.text)) return [];
      const mentions = findMentions(compiled, assigner, owner, doc);
      if (mentions.length === 0) return [];
      return aggregateMentions(compiled, doc.tokens, mentions).slice(0, options.maxThemesPerComment);
    },
  };
}

/**
 * Buffers reused across documents (matching is synchronous and never re-entrant), so a document
 * allocates no typed array or per-token lists. Only indexes below the current token count count.
 */
const scratch = {
  consumed: new Uint8Array(256),
  range: { clause: -1, first: 0, end: 0 } as Range,
};

/** The range of clause `index`, or of the whole document when it has no clauses (in the shared scratch range). */
function rangeAt(doc: TextDocument, index: number): Range {
  const range = scratch.range;
  if (doc.clauses.length === 0) {
    range.clause = -1;
    range.first = 0;
    range.end = doc.tokens.length;
  } else {
    const clause = doc.clauses[index]!;
    range.clause = index;
    range.first = clause.firstToken;
    range.end = clause.endToken;
  }
  return range;
}

function consumedFor(length: number): Uint8Array {
  if (scratch.consumed.length < length) scratch.consumed = new Uint8Array(Math.max(length, scratch.consumed.length * 2));
  else scratch.consumed.fill(0, 0, length);
  return scratch.consumed;
}

function findMentions(compiled: CompiledTaxonomy, assigner: EmbeddingAssigner | null, owner: object, doc: TextDocument): Mention[] {
  const tokens = doc.tokens;
  const consumed = consumedFor(tokens.length);
  const mentions: Mention[] = [];
  const rangeCount = doc.clauses.length === 0 ? 1 : doc.clauses.length;
  const entries = entriesOf(compiled, owner, tokens);
  const vetoes: Veto[] = [];
  if (entries.any) {
    for (let rangeIndex = 0; rangeIndex < rangeCount; rangeIndex += 1) {
      const range = rangeAt(doc, rangeIndex);
      findVetoes(entries, range.first, range.end, vetoes);
    }
  }
  // An exclusion names something outside the taxonomy ("delivery room"): no word of it gets a theme by similarity.
  for (const veto of vetoes) consumed.fill(1, veto.first, veto.last + 1);

  for (let rangeIndex = 0; rangeIndex < rangeCount; rangeIndex += 1) {
    const range = rangeAt(doc, rangeIndex);
    if (entries.any) {
      let index = range.first;
      while (index < range.end) {
        const found = longestTermsAt(entries, entries.byNormal[index], entries.byLemma[index], index, range.end);
        let length = 1;
        if (found.length > 0) {
          length = found[0]!.term.words.length;
          const last = index + length - 1;
          for (const { term, literal } of found) {
            if (isVetoed(compiled, vetoes, term.theme, index, last)) continue;
            const tokenIndexes: number[] = [];
            for (let offset = 0; offset < length; offset += 1) tokenIndexes.push(index + offset);
            mentions.push({ theme: term.theme, tokens: tokenIndexes, clause: range.clause, term: term.text,
              method: literal ? 'term' : 'lemma', multiWord: length > 1, similarity: 1, context: term.context });
            consumed.fill(1, index, last + 1);
          }
        }
        index += length;
      }
      findWindowMentions(compiled, entries, range, consumed, mentions, vetoes);
      findPairMentions(compiled, entries, range, consumed, mentions, vetoes);
    }
    if (assigner) findEmbeddingMentions(compiled, assigner, entries, tokens, range, consumed, mentions, vetoes);
  }
  return withContextKept(compiled, mentions);
}

const NO_MATCHES: readonly TermMatch[] = [];

/** The running result of one longest-match search (module scratch: matching is synchronous and never re-entrant). */
const best = { matches: null as TermMatch[] | null, length: 0 };

/**
 * All terms of the greatest length that match at `at` (one per theme, literal preferred). A token
 * looks up only the multi-word terms whose second word the next token has (FormEntry.termsBySecond),
 * not every term that starts with its form: "the", "my" or "still" start dozens.
 */
function longestTermsAt(entries: TokenEntries, byNormal: FormEntry | undefined, byLemma: FormEntry | undefined, at: number, end: number): readonly TermMatch[] {
  best.matches = null;
  best.length = 0;
  const nextNormal = at + 1 < end ? entries.byNormal[at + 1]?.id : undefined;
  const nextLemma = at + 1 < end ? entries.byLemma[at + 1]?.id : undefined;
  for (let pass = 0; pass < 2; pass += 1) {
    const entry = pass === 0 ? byNormal : byLemma;
    if (entry === undefined) continue;
    const bySecond = entry.termsBySecond;
    if (bySecond !== null) {
      const forNormal = nextNormal !== undefined ? bySecond.get(nextNormal) : undefined;
      if (forNormal) considerTerms(entries, forNormal, at, end);
      const forLemma = nextLemma !== undefined && nextLemma !== nextNormal ? bySecond.get(nextLemma) : undefined;
      if (forLemma) considerTerms(entries, forLemma, at, end);
    }
    if (entry.singleTerms !== null) considerTerms(entries, entry.singleTerms, at, end);
  }
  return takeBest();
}

/** longestTermsAt for exclusion phrases, from the phrases keyed by the token's normal form and lemma (few: no second-word index). */
function longestExclusionsAt(
  entries: TokenEntries,
  byNormal: readonly CompiledTerm[] | null | undefined,
  byLemma: readonly CompiledTerm[] | null | undefined,
  at: number,
  end: number,
): readonly TermMatch[] {
  best.matches = null;
  best.length = 0;
  if (byNormal) considerTerms(entries, byNormal, at, end);
  if (byLemma) considerTerms(entries, byLemma, at, end);
  return takeBest();
}

/** The matches `best` gathered, leaving it empty for the next search. */
function takeBest(): readonly TermMatch[] {
  const found = best.matches;
  best.matches = null;
  return found ?? NO_MATCHES;
}

/** Adds the terms of `list` (longest first, found under a form the token at `at` has) that match there to `best`. */
function considerTerms(entries: TokenEntries, list: readonly CompiledTerm[], at: number, end: number): void {
  for (const term of list) {
    const length = term.words.length;
    if (length < best.length) break;
    if (at + length > end) continue;
    // The list was found under a form of the term's first word that this token has, so the
    // first word matches: only whether it does so literally is left to decide.
    let literal = entries.byNormal[at]?.id === term.wordIds[0];
    let matched = true;
    for (let position = 1; position < length; position += 1) {
      const kind = isSeedFormAt(entries, at + position) ? wordMatch(entries, term, position, at + position) : null;
      if (kind === null) {
        matched = false;
        break;
      }
      if (kind === 'lemma') literal = false;
    }
    if (!matched) continue;
    if (best.matches === null || length > best.length) {
      best.matches = [];
      best.length = length;
    }
    const matches = best.matches;
    let sameTheme = -1;
    for (let candidate = 0; candidate < matches.length; candidate += 1) {
      if (matches[candidate]!.term.theme === term.theme) {
        sameTheme = candidate;
        break;
      }
    }
    if (sameTheme < 0) matches.push({ term, literal });
    else if (literal && !matches[sameTheme]!.literal) matches[sameTheme] = { term, literal };
  }
}

function findVetoes(entries: TokenEntries, first: number, end: number, out: Veto[]): void {
  for (let index = first; index < end; index += 1) {
    const byNormal = entries.byNormal[index]?.exclusions;
    const byLemma = entries.byLemma[index]?.exclusions;
    if (!byNormal && !byLemma) continue;
    for (const { term } of longestExclusionsAt(entries, byNormal, byLemma, index, end)) {
      out.push({ theme: term.theme, first: index, last: index + term.words.length - 1 });
    }
  }
}

/** True when a token in [first, last] has window entries (could be the other word of a window term). */
function hasWindowPartner(entries: TokenEntries, first: number, last: number): boolean {
  for (let partner = first; partner <= last; partner += 1) {
    if (entries.byNormal[partner]?.windowTerms != null || entries.byLemma[partner]?.windowTerms != null) return true;
  }
  return false;
}

function findWindowMentions(
  compiled: CompiledTaxonomy,
  entries: TokenEntries,
  range: Range,
  consumed: Uint8Array,
  mentions: Mention[],
  vetoes: readonly Veto[],
): void {
  for (let at = range.first; at < range.end; at += 1) {
    const byNormal = entries.byNormal[at]?.windowTerms;
    const byLemma = entries.byLemma[at]?.windowTerms;
    if (!byNormal && !byLemma) continue;
    const limit = Math.min(range.end - 1, at + WINDOW_SPAN);
    if (!hasWindowPartner(entries, at + 1, limit)) continue;
    for (let pass = 0; pass < 2; pass += 1) {
      const list = pass === 0 ? byNormal : byLemma;
      if (!list) continue;
      // The list was found under one of this token's forms, a form of the entry's word: it matches.
      for (const { term, position } of list) {
        const other = 1 - position;
        for (let partner = at + 1; partner <= limit; partner += 1) {
          // Adjacent in the term's own order is a contiguous match, already settled by pass 1.
          if (position === 0 && partner === at + 1) continue;
          // A partner matching the term's other word has that word's window entries.
          if (entries.byNormal[partner]?.windowTerms == null && entries.byLemma[partner]?.windowTerms == null) continue;
          if (wordMatch(entries, term, other, partner) === null) continue;
          if (isVetoed(compiled, vetoes, term.theme, at, partner)) break;
          // Another term of the same theme may already hold both words ("charged me twice").
          if (!holdsBoth(mentions, term.theme, at, partner)) {
            pushTwoWordMention(mentions, consumed, term.theme, at, partner, range.clause, term.text, term.context);
          }
          break;
        }
      }
    }
  }
}

function findEmbeddingMentions(
  compiled: CompiledTaxonomy,
  assigner: EmbeddingAssigner,
  entries: TokenEntries,
  tokens: readonly Token[],
  range: Range,
  consumed: Uint8Array,
  mentions: Mention[],
  vetoes: readonly Veto[],
): void {
  for (let at = range.first; at < range.end; at += 1) {
    if (consumed[at]) continue;
    const token = tokens[at]!;
    const facts = entries.forms[at]!;
    if (token.kind !== 'word' || !facts.embeddingCandidate) continue;
    let match = facts.embedding;
    if (match === undefined) {
      match = assigner.assign(token.normal) ?? (token.lemma !== token.normal ? assigner.assign(token.lemma) : null);
      facts.embedding = match;
    }
    if (!match || isVetoed(compiled, vetoes, match.theme, at, at)) continue;
    mentions.push({ theme: match.theme, tokens: [at], clause: range.clause, term: match.nearestSeed,
      method: 'embedding', multiWord: false, similarity: match.similarity, context: false });
  }
}
