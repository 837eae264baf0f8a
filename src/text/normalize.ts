/**
 * Character- and word-level normalization. Two different jobs live here because both must keep
 * offsets honest: `prepareForTokenizer` rewrites the text for wink-nlp WITHOUT changing its length
 * (one UTF-16 unit in, one out), so every offset wink reports is also an offset into the original;
 * `normalizeWord` builds `Token.normal` from a surface form.
 */
import { NEGATIVE_CONTRACTIONS } from './negation-forms.js';

/**
 * Units wink-nlp mishandles or rewrites: controls, odd spaces, invisible format marks, curly
 * apostrophes, and the Latin letters past Latin-1 (Latin Extended-A and -B, Latin Extended
 * Additional) and combining diacritics, which wink's English tokenizer splits words at: "miła"
 * came out "mi", "ł", "a.".
 */
const NEEDS_PREPARATION =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u00a0\u00ad\u0100-\u024f\u0300-\u036f\u1680\u1e00-\u1eff\u2000-\u200c\u200e\u200f\u2018\u2019\u02bc\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff\ufffd]/;
const PREPARATION_PATTERN = new RegExp(NEEDS_PREPARATION.source, 'g');

function replacementFor(unit: string): string {
  switch (unit) {
    case '\u2018':
    case '\u2019':
    case '\u02bc':
      return "'";
    case '\u0085':
    case '\u2028':
    case '\u2029':
      return '\n';
    default:
      return isExtendedLatin(unit.charCodeAt(0)) ? latinStandIn(unit) : ' ';
  }
}

/** Latin Extended-A/B, the combining diacritics (a decomposed "é" is "e" + U+0301) and Latin Extended Additional. */
function isExtendedLatin(unit: number): boolean {
  return (unit >= 0x100 && unit <= 0x24f) || (unit >= 0x300 && unit <= 0x36f) || (unit >= 0x1e00 && unit <= 0x1eff);
}

/**
 * A Latin-1 letter wink keeps inside a word, in the letter's case: thorn, which no English
 * contraction or abbreviation wink knows contains. Tokens are cut from the original text, so the
 * stand-in never reaches a token.
 */
function latinStandIn(letter: string): string {
  return letter === letter.toLowerCase() ? '\u00fe' : '\u00de';
}

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * Returns a string of exactly the same length in which control characters, exotic spaces,
 * invisible marks (zero-width space, bidi marks, BOM) and lone surrogates are spaces, line and
 * paragraph separators are '\n', curly apostrophes are "'", and letters such as ł, ő, ș and ğ a
 * Latin-1 stand-in of their case. The zero-width joiner is kept: it glues emoji sequences (👨‍👩‍👧)
 * together.
 *
 * Example: prepareForTokenizer('don’t\u200b go') === "don't  go".
 */
export function prepareForTokenizer(text: string): string {
  let prepared = text;
  const wellFormed = prepared as unknown as WellFormedString;
  // toWellFormed swaps each lone surrogate for U+FFFD (one unit), which the pattern then blanks.
  if (!wellFormed.isWellFormed()) prepared = wellFormed.toWellFormed();
  if (!NEEDS_PREPARATION.test(prepared)) return prepared;
  return prepared.replace(PREPARATION_PATTERN, replacementFor);
}

/** Apostrophe-less negative contractions mapped to their apostrophe form ("dont" -> "don't"). */
export const MISSING_APOSTROPHE_FORMS: ReadonlyMap<string, string> = new Map(
  [...NEGATIVE_CONTRACTIONS].map((form) => [form.replace("'", ''), form]),
);

const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc]/g;
/** A combining diacritic: the word was typed decomposed ("e" + U+0301 for "é"). */
const COMBINING_MARK = /[\u0300-\u036f]/;
/** A letter repeated three or more times in a row ("sooo", "loooove"). */
const ELONGATION = /(\p{L})\1{2,}/gu;
const HAS_TRIPLE = /(.)\1\1/;

/**
 * The `normal` form of a word: lower-cased, composed (NFC, so a decomposed "é" looks up as "é";
 * offsets stay the surface's), curly apostrophes straightened, letter runs of three
 * or more collapsed to two (keeping "soo" distinct from the real word "so" while merging all
 * the "sooo"/"soooo" spellings), and a missing apostrophe restored on negative contractions.
 *
 * Example: normalizeWord('Sooo') === 'soo'; normalizeWord('DONT') === "don't".
 */
export function normalizeWord(surface: string): string {
  let normal = surface.toLowerCase();
  if (COMBINING_MARK.test(normal)) normal = normal.normalize('NFC');
  if (normal.length >= 3 && HAS_TRIPLE.test(normal)) normal = normal.replace(ELONGATION, '$1$1');
  if (normal.includes('\u2019') || normal.includes('\u2018') || normal.includes('\u02bc')) {
    normal = normal.replace(CURLY_APOSTROPHES, "'");
  }
  if (normal.length >= 4) {
    const restored = MISSING_APOSTROPHE_FORMS.get(normal);
    if (restored !== undefined) normal = restored;
  }
  return normal;
}
