/**
 * Turns a token into the keys the lexicon is looked up by. Tokenizers disagree on contractions
 * ("didn't" may arrive as one token, as "didnt", or as "did" + "n't" with normal "not"), so both
 * the token side (clitics mapped to full words) and the phrase side (every contraction expanded
 * to its variants, see phrases.ts) are canonicalized. All lookups are hash lookups; the only
 * per-character work (elongation collapse, emoji base) runs on lexicon misses.
 */
import type { Token } from '../text/document.js';

/** Clitic and short forms mapped to the word they stand for (wink-nlp's normal forms agree). */
const CLITIC_KEYS = new Map<string, string>([
  ["n't", 'not'],
  ['n’t', 'not'],
  ['nt', 'not'],
  ["'ve", 'have'],
  ["'re", 'are'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ['ca', 'can'],
  ['wo', 'will'],
  ['sha', 'shall'],
]);

/** The key a token is matched by in phrases, negators and modifiers. */
export function tokenKey(token: Token): string {
  const normal = token.normal;
  const clitic = CLITIC_KEYS.get(normal);
  if (clitic !== undefined) return clitic;
  if (normal.includes('’')) return normal.replaceAll('’', "'");
  return normal;
}

/**
 * Expansions of a contraction written in a phrase into the token sequences a tokenizer may
 * produce: "didn't" -> [didn't], [didnt], [did, not]. A word without an apostrophe has one variant.
 */
export function contractionVariants(word: string): string[][] {
  const variants: string[][] = [[word]];
  if (word.endsWith("n't")) {
    const stem = word.slice(0, -3);
    variants.push([stem + 'nt']);
    const base = IRREGULAR_NEGATED_STEMS.get(stem) ?? stem;
    variants.push([base, 'not']);
    if (word === "can't") variants.push(['cannot']);
  } else if (word.startsWith("'")) {
    const full = CLITIC_KEYS.get(word);
    if (full) variants.push([full]);
  } else if (word.includes("'")) {
    const at = word.indexOf("'");
    const head = word.slice(0, at);
    const tail = CLITIC_KEYS.get(word.slice(at)) ?? word.slice(at);
    variants.push([head, tail], [word.replace("'", '')]);
  }
  return variants;
}

/** Negated auxiliaries whose stem changes when split ("won't" -> "will not", "can't" -> "can not"). */
const IRREGULAR_NEGATED_STEMS = new Map<string, string>([
  ['wo', 'will'],
  ['ca', 'can'],
  ['sha', 'shall'],
]);

/** Number words that fill a <n> slot in phrases ("two days late"). */
export const NUMBER_WORDS = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'few', 'several', 'multiple', 'many', 'countless', 'numerous',
]);

/** Ordinals that fill an <ord> slot ("third time asking"). */
export const ORDINAL_WORDS = new Set([
  'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'umpteenth', 'nth',
  '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th',
]);

/**
 * "sooo" arrives as normal "soo" (elongation cut to two letters); when the surface form had a
 * run of three or more equal letters, also try the form with every double letter collapsed.
 * Returns null when the token was not elongated, so ordinary words ("loose") never collapse.
 */
export function collapsedElongation(token: Token): string | null {
  const surface = token.text;
  let run = 1;
  let elongated = false;
  for (let i = 1; i < surface.length; i++) {
    run = surface.charCodeAt(i) === surface.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 3) {
      elongated = true;
      break;
    }
  }
  if (!elongated) return null;
  let out = '';
  const normal = token.normal;
  for (let i = 0; i < normal.length; i++) {
    if (i > 0 && normal[i] === normal[i - 1]) continue;
    out += normal[i];
  }
  return out;
}

/** Emoji without variation selectors (U+FE0F) and skin-tone modifiers (U+1F3FB..U+1F3FF). */
export function emojiBase(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0xfe0f || (code >= 0x1f3fb && code <= 0x1f3ff)) continue;
    out += char;
  }
  return out;
}
