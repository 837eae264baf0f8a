/**
 * The document as a stream of words for phrase matching: punctuation, emoji and URLs dropped,
 * split contractions re-joined ("wo" + "n't" -> "wont"), apostrophes removed so "won't", "wont"
 * and "won’t" all read the same, numbers and ordinals parsed, capitalized names flagged.
 */
import type { TextDocument, TokenKind } from '../text/document.js';

export interface Word {
  /** Canonical normal form: lower case, no apostrophes. */
  normal: string;
  /** Canonical lemma (equal to `normal` for re-joined contractions). */
  lemma: string;
  start: number;
  end: number;
  /** Index of the first token of this word in TextDocument.tokens. */
  token: number;
  /** Index into TextDocument.clauses, or -1 when the token belongs to no clause. */
  clause: number;
  /** Index into TextDocument.sentences, or -1. */
  sentence: number;
  /** A stop punctuation mark (. , ! ? ; : brackets) lies between this word and the previous one. */
  boundaryBefore: boolean;
  /** The value when the word is a cardinal number ("45", "three"). */
  number: number | null;
  /** The value when the word is an ordinal ("third", "3rd"). */
  ordinal: number | null;
  /** A capitalized word or @handle that does not open its sentence (a brand, a competitor). */
  name: boolean;
  shouting: boolean;
}

const APOSTROPHES = /['’ʼ`]/g;
const SKIPPED_KINDS: ReadonlySet<TokenKind> = new Set(['punctuation', 'emoji', 'emoticon', 'symbol', 'url', 'email']);
/** Punctuation that ends a phrase: a match may not run across these. */
const STOP_PUNCTUATION = new Set(['.', ',', '!', '?', ';', ':', '(', ')', '[', ']', '"', '…', '...']);
/** Contraction tails a tokenizer may split off ("do" + "n't"), apostrophes already made straight. */
const CONTRACTION_TAILS = new Set(["n't", "'s", "'ll", "'re", "'ve", "'d", "'m", "'t"]);

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  ninety: 90, hundred: 100, a: 1, an: 1,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, umpteenth: 12, nth: 12, hundredth: 100,
};
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

/** Lower-cases and removes apostrophes: the form both phrase lists and documents are compared in. */
export function canonicalWord(word: string): string {
  return word.toLowerCase().replace(APOSTROPHES, '');
}

function leadingDigits(text: string): { value: number; rest: string } | null {
  let index = 0;
  while (index < text.length && text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) index += 1;
  if (index === 0) return null;
  return { value: Number(text.slice(0, index)), rest: text.slice(index) };
}

function parseNumber(normal: string): number | null {
  const digits = leadingDigits(normal);
  if (digits && (digits.rest === '' || digits.rest === '+')) return digits.value;
  return NUMBER_WORDS[normal] ?? null;
}

function parseOrdinal(normal: string): number | null {
  const digits = leadingDigits(normal);
  if (digits && ORDINAL_SUFFIXES.has(digits.rest)) return digits.value;
  return ORDINAL_WORDS[normal] ?? null;
}

function isCapitalized(text: string): boolean {
  const first = text.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/** Builds the word stream of a document (one pass over its tokens). */
export function wordsOf(doc: TextDocument): Word[] {
  const clauseOfToken = new Int32Array(doc.tokens.length).fill(-1);
  doc.clauses.forEach((clause, index) => clauseOfToken.fill(index, clause.firstToken, clause.endToken));
  const sentenceOfToken = new Int32Array(doc.tokens.length).fill(-1);
  doc.sentences.forEach((sentence, index) => sentenceOfToken.fill(index, sentence.firstToken, sentence.endToken));

  const words: Word[] = [];
  let boundary = false;
  let lastSentence = -1;
  doc.tokens.forEach((token, index) => {
    if (SKIPPED_KINDS.has(token.kind)) {
      if (token.kind !== 'punctuation' || STOP_PUNCTUATION.has(token.text) || token.text.length > 1) boundary = true;
      return;
    }
    const previous = words[words.length - 1];
    const tail = token.normal.toLowerCase().replace(APOSTROPHES, "'");
    if (previous && previous.end === token.start && CONTRACTION_TAILS.has(tail)) {
      previous.normal = canonicalWord(previous.normal + tail);
      previous.lemma = previous.normal;
      previous.end = token.end;
      return;
    }
    const normal = canonicalWord(token.normal);
    const sentence = sentenceOfToken[index]!;
    const opensSentence = sentence !== lastSentence;
    lastSentence = sentence;
    words.push({
      normal,
      lemma: canonicalWord(token.lemma || token.normal),
      start: token.start,
      end: token.end,
      token: index,
      clause: clauseOfToken[index]!,
      sentence,
      boundaryBefore: boundary || opensSentence,
      number: token.kind === 'number' || token.kind === 'word' ? parseNumber(normal) : null,
      ordinal: parseOrdinal(normal),
      name: token.kind === 'mention' || (!opensSentence && normal !== 'i' && isCapitalized(token.text)),
      shouting: token.shouting,
    });
    boundary = false;
  });
  return words;
}
