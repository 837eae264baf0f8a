/**
 * Theme assignment: finds which taxonomy themes a comment mentions, with the evidence for each.
 *
 * Three passes over each clause's tokens, all against tables built once at construction:
 *  1. Seed terms, contiguous, longest first: at each token the longest seed term that matches wins
 *     (so "delivery charge" beats "delivery") and its tokens are consumed. A word matches literally
 *     (same normal form) or by lemma (see term-index.ts).
 *  2. Two-word seeds without stopwords also match with their words in either order at most
 *     WINDOW_SPAN tokens apart within one clause ("late delivery" matches "the delivery was late");
 *     such a match is reported with method 'lemma'.
 *  3. Word vectors: a content word that no seed matched, is no stopword, no evaluative word and no
 *     seed form, is given the theme whose seeds it is most similar to, when that reaches the
 *     threshold (embedding-assigner.ts).
 * Exclusion phrases veto any match of their theme (or its descendants) whose tokens they overlap.
 * A parent theme is reported only for mentions in clauses where none of its descendants matched:
 * "the delivery was late" and "the app logs me out" report delivery-speed and login-access alone,
 * "delivery was fine but the box was crushed" reports delivery and damaged-items.
 */
import type { TextDocument, Token } from '../text/document.js';
import type { Taxonomy } from './taxonomy.js';
import type { ThemeHit } from './types.js';
import type { WordVectors } from './embeddings.js';
import { compileTaxonomy, type CompiledTaxonomy, type CompiledTerm, type FormEntry } from './term-index.js';
import { createEmbeddingAssigner, type EmbeddingAssigner, type SimilarityMode } from './embedding-assigner.js';
import { isFragmentAnswer } from './word-lists.js';
import { aggregateMentions, type Mention } from './hit-aggregation.js';

/** Largest distance in tokens between the two words of an either-order two-word seed match. */
export const WINDOW_SPAN = 3;

/** Words shorter than this are never matched by word vectors ("ux", "tv" must be seeds). */
const MIN_EMBEDDING_WORD_LENGTH = 3;

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

interface Veto {
  theme: number;
  first: number;
  last: number;
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
  return {
    match(doc: TextDocument): ThemeHit[] {
      if (doc.tokens.length === 0 || isFragmentAnswer(doc.text)) return [];
      const mentions = findMentions(compiled, assigner, doc);
      if (mentions.length === 0) return [];
      return aggregateMentions(compiled, doc.tokens, mentions).slice(0, options.maxThemesPerComment);
    },
  };
}

/** Clause ranges to scan; a document without clauses is scanned as one range outside any clause. */
function rangesOf(doc: TextDocument): { clause: number; first: number; end: number }[] {
  if (doc.clauses.length === 0) return [{ clause: -1, first: 0, end: doc.tokens.length }];
  return doc.clauses.map((clause, index) => ({ clause: index, first: clause.firstToken, end: clause.endToken }));
}

/** Per token, the index entries of its normal form and (when different) its lemma. */
interface TokenEntries {
  byNormal: (FormEntry | undefined)[];
  byLemma: (FormEntry | undefined)[];
  /** False when no token form is in the index: no seed, exclusion or window term can match. */
  any: boolean;
}

function entriesOf(compiled: CompiledTaxonomy, tokens: readonly Token[]): TokenEntries {
  const index = compiled.entriesByForm;
  const byNormal = new Array<FormEntry | undefined>(tokens.length);
  const byLemma = new Array<FormEntry | undefined>(tokens.length);
  let any = false;
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at]!;
    const normal = index.get(token.normal);
    const lemma = token.lemma !== token.normal ? index.get(token.lemma) : undefined;
    byNormal[at] = normal;
    byLemma[at] = lemma;
    if (normal !== undefined || lemma !== undefined) any = true;
  }
  return { byNormal, byLemma, any };
}

function findMentions(compiled: CompiledTaxonomy, assigner: EmbeddingAssigner | null, doc: TextDocument): Mention[] {
  const tokens = doc.tokens;
  const consumed = new Uint8Array(tokens.length);
  const mentions: Mention[] = [];
  const ranges = rangesOf(doc);
  const entries = entriesOf(compiled, tokens);
  const vetoes: Veto[] = [];
  if (entries.any) for (const range of ranges) findVetoes(entries, tokens, range.first, range.end, vetoes);
  // An exclusion names something outside the taxonomy ("delivery room"): no word of it gets a theme by similarity.
  for (const veto of vetoes) consumed.fill(1, veto.first, veto.last + 1);
  const vetoed = (theme: number, first: number, last: number): boolean =>
    vetoes.length > 0 &&
    vetoes.some(
      (veto) =>
        (veto.theme === theme || compiled.ancestors[theme]!.includes(veto.theme)) &&
        veto.first <= last &&
        first <= veto.last,
    );

  for (const range of ranges) {
    if (entries.any) {
      let index = range.first;
      while (index < range.end) {
        const found = longestTermsAt(entries, entries.byNormal[index]?.terms, entries.byLemma[index]?.terms, tokens, index, range.end);
        let length = 1;
        if (found.length > 0) {
          length = found[0]!.term.words.length;
          const last = index + length - 1;
          for (const { term, literal } of found) {
            if (vetoed(term.theme, index, last)) continue;
            const tokenIndexes: number[] = [];
            for (let offset = 0; offset < length; offset += 1) tokenIndexes.push(index + offset);
            mentions.push({ theme: term.theme, tokens: tokenIndexes, clause: range.clause, term: term.text,
              method: literal ? 'term' : 'lemma', multiWord: length > 1, similarity: 1 });
            consumed.fill(1, index, last + 1);
          }
        }
        index += length;
      }
      findWindowMentions(entries, tokens, range, consumed, mentions, vetoed);
    }
    if (assigner) findEmbeddingMentions(compiled, assigner, tokens, range, consumed, mentions, vetoed);
  }
  return mentions;
}

/** True when a token matches one word of a term: literally, or by normal form or lemma in its forms. */
function wordMatch(term: CompiledTerm, position: number, token: Token): 'literal' | 'lemma' | null {
  if (token.normal === term.words[position]) return 'literal';
  const forms = term.forms[position]!;
  return forms.has(token.normal) || forms.has(token.lemma) ? 'lemma' : null;
}

const NO_MATCHES: readonly TermMatch[] = [];

/** False when neither form of the token is a form of any seed word (so no term word matches it). */
function isSeedFormAt(entries: TokenEntries, at: number): boolean {
  return entries.byNormal[at] !== undefined || entries.byLemma[at] !== undefined;
}

/**
 * All terms of the greatest length that match at `at` (one per theme, literal preferred), from
 * the terms keyed by the token's normal form and by its lemma.
 */
function longestTermsAt(
  entries: TokenEntries,
  byNormal: readonly CompiledTerm[] | null | undefined,
  byLemma: readonly CompiledTerm[] | null | undefined,
  tokens: readonly Token[],
  at: number,
  end: number,
): readonly TermMatch[] {
  if (!byNormal && !byLemma) return NO_MATCHES;
  let best: TermMatch[] | null = null;
  let bestLength = 0;
  for (let pass = 0; pass < 2; pass += 1) {
    const list = pass === 0 ? byNormal : byLemma;
    if (!list) continue;
    for (const term of list) {
      const length = term.words.length;
      if (length < bestLength) break;
      if (at + length > end) continue;
      // The list was found under a form of the term's first word that this token has, so the
      // first word matches: only whether it does so literally is left to decide.
      let literal = tokens[at]!.normal === term.words[0];
      let matched = true;
      for (let position = 1; position < length; position += 1) {
        const kind = isSeedFormAt(entries, at + position) ? wordMatch(term, position, tokens[at + position]!) : null;
        if (kind === null) {
          matched = false;
          break;
        }
        if (kind === 'lemma') literal = false;
      }
      if (!matched) continue;
      if (best === null || length > bestLength) {
        best = [];
        bestLength = length;
      }
      let sameTheme = -1;
      for (let candidate = 0; candidate < best.length; candidate += 1) {
        if (best[candidate]!.term.theme === term.theme) {
          sameTheme = candidate;
          break;
        }
      }
      if (sameTheme < 0) best.push({ term, literal });
      else if (literal && !best[sameTheme]!.literal) best[sameTheme] = { term, literal };
    }
  }
  return best ?? NO_MATCHES;
}

function findVetoes(entries: TokenEntries, tokens: readonly Token[], first: number, end: number, out: Veto[]): void {
  for (let index = first; index < end; index += 1) {
    const byNormal = entries.byNormal[index]?.exclusions;
    const byLemma = entries.byLemma[index]?.exclusions;
    if (!byNormal && !byLemma) continue;
    for (const { term } of longestTermsAt(entries, byNormal, byLemma, tokens, index, end)) {
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
  entries: TokenEntries,
  tokens: readonly Token[],
  range: { clause: number; first: number; end: number },
  consumed: Uint8Array,
  mentions: Mention[],
  vetoed: (theme: number, first: number, last: number) => boolean,
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
          if (wordMatch(term, other, tokens[partner]!) === null) continue;
          if (vetoed(term.theme, at, partner)) break;
          // Another term of the same theme may already hold both words ("charged me twice").
          const duplicate = mentions.some(
            (mention) => mention.theme === term.theme && mention.tokens.includes(at) && mention.tokens.includes(partner),
          );
          if (!duplicate) {
            mentions.push({ theme: term.theme, tokens: [at, partner], clause: range.clause, term: term.text,
              method: 'lemma', multiWord: true, similarity: 1 });
            consumed[at] = 1;
            consumed[partner] = 1;
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
  tokens: readonly Token[],
  range: { clause: number; first: number; end: number },
  consumed: Uint8Array,
  mentions: Mention[],
  vetoed: (theme: number, first: number, last: number) => boolean,
): void {
  for (let at = range.first; at < range.end; at += 1) {
    if (consumed[at]) continue;
    const token = tokens[at]!;
    if (token.kind !== 'word' || !isEmbeddingCandidate(compiled, token)) continue;
    const match = assigner.assign(token.normal) ?? (token.lemma !== token.normal ? assigner.assign(token.lemma) : null);
    if (!match || vetoed(match.theme, at, at)) continue;
    mentions.push({ theme: match.theme, tokens: [at], clause: range.clause, term: match.nearestSeed,
      method: 'embedding', multiWord: false, similarity: match.similarity });
  }
}

function isEmbeddingCandidate(compiled: CompiledTaxonomy, token: Token): boolean {
  const { normal, lemma } = token;
  if (normal.length < MIN_EMBEDDING_WORD_LENGTH) return false;
  // Stopwords, evaluative words and seed forms, merged into two sets at compile time.
  return !compiled.embeddingBlockedNormals.has(normal) && !compiled.embeddingBlockedLemmas.has(lemma);
}
