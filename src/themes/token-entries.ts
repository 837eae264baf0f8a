/**
 * What the theme matcher knows of each token of a document: the term-index entries of its normal
 * form and lemma, and whether word vectors may match it, memoized per shared word form. Seed,
 * window and exclusion matching (matcher.ts) then compare entry ids instead of strings.
 */
import type { Token } from '../text/document.js';
import type { EmbeddingMatch } from './embedding-assigner.js';
import type { CompiledTaxonomy, CompiledTerm, FormEntry } from './term-index.js';

/** Words shorter than this are never matched by word vectors ("ux", "tv" must be seeds). */
const MIN_EMBEDDING_WORD_LENGTH = 3;

/**
 * Per-token lists reused across documents (matching is synchronous and never re-entrant), so a
 * document allocates none. Only indexes below the current token count count.
 */
const buffers = {
  byNormal: [] as (FormEntry | undefined)[],
  byLemma: [] as (FormEntry | undefined)[],
  forms: [] as FormFacts[],
};

/**
 * What matching needs of one word form (normal + lemma) under one matcher: its index entries, whether
 * word vectors may match it, and (computed on first need) the word-vector answer. Memoized on the
 * token's shared TokenForm (document.ts), owned by the matcher's `owner` object.
 */
export interface FormFacts {
  byNormal: FormEntry | undefined;
  byLemma: FormEntry | undefined;
  /** False for stopwords, evaluative words, seed forms and short words (see isEmbeddingCandidate). */
  embeddingCandidate: boolean;
  /** The word-vector match of the normal form, else of the lemma; undefined until asked. */
  embedding: EmbeddingMatch | null | undefined;
}

/**
 * Words whose lemma names something else for themes: "later" and "latest" lemmatize to "late", so
 * "a week later" read as "a week late" (delivery speed) and "the latest delivery" as a late one.
 */
const NO_LEMMA_MATCH: ReadonlySet<string> = new Set(['later', 'latest']);

function formFactsOf(compiled: CompiledTaxonomy, owner: object, token: Token): FormFacts {
  const form = token.form;
  if (form !== undefined && form.themesOwner === owner) return form.themesValue as FormFacts;
  const index = compiled.entriesByForm;
  const facts: FormFacts = {
    byNormal: index.get(token.normal),
    byLemma: token.lemma !== token.normal && !NO_LEMMA_MATCH.has(token.normal) ? index.get(token.lemma) : undefined,
    embeddingCandidate: isEmbeddingCandidate(compiled, token),
    embedding: undefined,
  };
  if (form !== undefined) {
    form.themesOwner = owner;
    form.themesValue = facts;
  }
  return facts;
}

/** Per token, the index entries of its normal form and (when different) its lemma. */
export interface TokenEntries {
  byNormal: (FormEntry | undefined)[];
  byLemma: (FormEntry | undefined)[];
  /** Per token, its form facts. */
  forms: FormFacts[];
  /** False when no token form is in the index: no seed, exclusion or window term can match. */
  any: boolean;
}

/** The entries of every token of a document, in the shared buffers (valid until the next call). */
export function entriesOf(compiled: CompiledTaxonomy, owner: object, tokens: readonly Token[]): TokenEntries {
  const { byNormal, byLemma, forms } = buffers;
  let any = false;
  for (let at = 0; at < tokens.length; at += 1) {
    const facts = formFactsOf(compiled, owner, tokens[at]!);
    forms[at] = facts;
    byNormal[at] = facts.byNormal;
    byLemma[at] = facts.byLemma;
    if (facts.byNormal !== undefined || facts.byLemma !== undefined) any = true;
  }
  return { byNormal, byLemma, forms, any };
}

/**
 * True when the token at `at` matches one word of a term: literally (same normal form), or by
 * normal form or lemma in the word's forms. Compared by FormEntry id: every form of a term word
 * has an entry, so a token form without one matches no term word.
 */
export function wordMatch(entries: TokenEntries, term: CompiledTerm, position: number, at: number): 'literal' | 'lemma' | null {
  const byNormal = entries.byNormal[at];
  const byLemma = entries.byLemma[at];
  if (byNormal !== undefined && byNormal.id === term.wordIds[position]) return 'literal';
  const ids = term.formIds[position]!;
  return (byNormal !== undefined && ids.includes(byNormal.id)) || (byLemma !== undefined && ids.includes(byLemma.id))
    ? 'lemma'
    : null;
}

/** False when neither form of the token is a form of any seed word (so no term word matches it). */
export function isSeedFormAt(entries: TokenEntries, at: number): boolean {
  return entries.byNormal[at] !== undefined || entries.byLemma[at] !== undefined;
}

/** False for stopwords, evaluative words, seed forms and words too short to match by word vectors. */
function isEmbeddingCandidate(compiled: CompiledTaxonomy, token: Token): boolean {
  const { normal, lemma } = token;
  if (normal.length < MIN_EMBEDDING_WORD_LENGTH) return false;
  // Stopwords, evaluative words and seed forms, merged into two sets at compile time.
  return !compiled.embeddingBlockedNormals.has(normal) && !compiled.embeddingBlockedLemmas.has(lemma);
}
