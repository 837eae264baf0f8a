/**
 * The compact internal document every stage reads. Tokens are stored once; sentences and clauses
 * are index ranges over them. All offsets are UTF-16 code units into the ORIGINAL text, so a span
 * highlights exactly in any JavaScript UI even after normalization or PII redaction.
 */
import type { Span } from '../contract.js';

export type TokenKind =
  | 'word'
  | 'number'
  | 'punctuation'
  | 'emoji'
  | 'emoticon'
  | 'symbol'
  | 'url'
  | 'email'
  | 'mention'
  | 'hashtag'
  | 'other';

export interface Token extends Span {
  /** The surface form exactly as in the original text. */
  text: string;
  /** Lower-cased, de-elongated ("sooo" -> "soo"), apostrophes normalized ("dont" -> "don't"). */
  normal: string;
  /** Dictionary form ("delivered" -> "deliver", "boxes" -> "box"). */
  lemma: string;
  kind: TokenKind;
  /** Part of speech as the tokenizer reports it (universal tags: NOUN, VERB, ADJ, ...). */
  pos: string;
  /** True when the surface form is ALL CAPS and at least two letters long. */
  shouting: boolean;
  /**
   * The shared record of this token's word form (same `normal` and `lemma`), when the tokenizer
   * has one (tokens from its chunk cache do; hand-built tokens need not). Later stages memoize
   * what they derive from the form there instead of looking the strings up again per token.
   */
  form?: TokenForm;
}

/**
 * One record per distinct word form, shared by all tokens with that `normal` and `lemma`. Each
 * later stage owns one memo slot: `value` is what the stage derived from the form using the table
 * (lexicon, taxonomy, phrase lists) in `owner`, and is only valid for that same owner; a stage
 * finding another owner recomputes and overwrites. Single-threaded use only.
 */
export interface TokenForm {
  readonly normal: string;
  readonly lemma: string;
  rulesOwner: unknown;
  rulesValue: unknown;
  themesOwner: unknown;
  themesValue: unknown;
  signalsOwner: unknown;
  signalsValue: unknown;
  languageOwner: unknown;
  languageValue: unknown;
}

/** A fresh form record with empty memo slots. */
export function createTokenForm(normal: string, lemma: string): TokenForm {
  return {
    normal,
    lemma,
    rulesOwner: null,
    rulesValue: null,
    themesOwner: null,
    themesValue: null,
    signalsOwner: null,
    signalsValue: null,
    languageOwner: null,
    languageValue: 0,
  };
}

/**
 * A whitespace-free chunk of text as the tokenizer's chunk cache keeps it, one record shared by
 * every occurrence of the same chunk. Like TokenForm it has a memo slot for a later stage (the
 * learned models keep the chunk's model words there, src/model/doc-tokens.ts): `value` is valid
 * only for the `owner` that set it. Single-threaded use only.
 */
export interface TextChunk {
  /** The chunk's length in UTF-16 units (every occurrence has the same). */
  readonly length: number;
  memoOwner: unknown;
  memoValue: unknown;
}

/** A document's chunks in order: chunks[i] is text[starts[i], starts[i] + chunks[i].length). */
export interface DocumentChunks {
  starts: number[];
  chunks: TextChunk[];
}

/**
 * The document's chunks, when its tokens came from the chunk cache, under a symbol: JSON and key
 * lists never see it.
 */
export const DOCUMENT_CHUNKS = Symbol('documentChunks');

/** The document's chunks (see DOCUMENT_CHUNKS), or null: from the tokenizer's uncached path, or built any other way. */
export function documentChunks(doc: TextDocument): DocumentChunks | null {
  return (doc as TextDocument & { [DOCUMENT_CHUNKS]?: DocumentChunks | null })[DOCUMENT_CHUNKS] ?? null;
}

export interface Clause extends Span {
  sentence: number;
  /** Index of the first token of the clause. */
  firstToken: number;
  /** Index one past the last token of the clause. */
  endToken: number;
  /**
   * The discourse connective that opens this clause ("but", "although", ...), lower-cased,
   * or null. Contrast connectives shift weight between the clauses around them.
   */
  connective: string | null;
  /** 'before-contrast' for a clause followed by "but"-like contrast, 'after-contrast' for one opened by it. */
  role: 'plain' | 'before-contrast' | 'after-contrast';
}

export interface Sentence extends Span {
  firstToken: number;
  endToken: number;
  /** Indexes into TextDocument.clauses. */
  clauses: number[];
}

export interface TextDocument {
  /** The original text, untouched. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  clauses: Clause[];
}

/** The text a span covers. */
export function spanText(doc: TextDocument, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/** Tokens of a clause or sentence (a view, no copy of the token objects). */
export function tokensOf(doc: TextDocument, range: { firstToken: number; endToken: number }): Token[] {
  return doc.tokens.slice(range.firstToken, range.endToken);
}
