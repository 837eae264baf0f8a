/**
 * Tells English comments from Spanish, French, German, Portuguese, Italian and Dutch ones, by
 * their words. Character-trigram detectors (franc, tinyld) were measured on short feedback and
 * rejected: they called 17 % of CX dev's English comments ("Quick and painless checkout.") another
 * language and cost 50-190 µs a comment. Here every word votes once, from tables built from word
 * lists (models/language, scripts/build-language-data.ts), and the vote is memoized per word form:
 *
 * - a common English word that marks no other language votes English;
 * - a word marking a language (its stopwords, lexicon and grammar words) is strong evidence for it
 *   unless it is also common or informal English ("de", "no", "haha"), then weak (half a vote);
 * - an unknown word with letters such as é, ñ or ü is strong evidence for the languages using them.
 *
 * A comment is another language when that language has at least MINIMUM_STRONG strong votes and
 * its strong plus half its weak votes outnumber the English votes. Short comments ("Correcto.")
 * stay English: a one-word comment is too little evidence. Measured on dev (README.md Languages).
 */
import type { Token } from '../text/document.js';
import type { CompiledLanguage, LanguageData } from './data.js';

/** ISO 639-1 code of a comment's language as Verbatim reads it. */
export type LanguageCode = string;
export const ENGLISH: LanguageCode = 'en';

/** Strong votes a language needs: one stray word ("muy loco" in an English review) is not enough. */
const MINIMUM_STRONG = 2;

/** Memo value bits: strong mask in bits 0-7, weak mask in bits 8-15, English vote in bit 16. */
const WEAK_SHIFT = 8;
const ENGLISH_VOTE = 1 << 16;
const LANGUAGE_BITS = 0xff;

export interface LanguageDetector {
  /** The language of a comment's tokens: ENGLISH or one of the data's languages. */
  detect(tokens: readonly Token[]): LanguageCode;
  /** The compiled language for a code other than English, or null. */
  language(code: LanguageCode): CompiledLanguage | null;
}

/** The part of a normal form a lexicon knows: after an elision ("l'écoute" -> "écoute"). */
export function lexicalPart(normal: string): string {
  const apostrophe = normal.lastIndexOf("'");
  return apostrophe < 0 ? normal : normal.slice(apostrophe + 1);
}

/** Builds a detector over compiled language data. */
export function createLanguageDetector(data: LanguageData): LanguageDetector {
  if (data.languages.length > WEAK_SHIFT) throw new Error(`at most ${WEAK_SHIFT} languages are supported`);
  const byCode = new Map(data.languages.map((language) => [language.code, language]));
  const strong = new Float64Array(data.languages.length);
  const weak = new Float64Array(data.languages.length);

  /** The vote of one normal form (see the file comment), as memo bits. */
  function voteOf(normal: string): number {
    const word = lexicalPart(normal);
    if (word.length < 2) return 0;
    const english = data.english.has(word);
    let mask = data.markers.get(word) ?? 0;
    if (english && mask === 0) return ENGLISH_VOTE;
    const informal = data.informal.has(word);
    if (mask === 0 && !english && !informal) {
      for (const letter of word) if (letter > 'z') mask |= data.letters.get(letter) ?? 0;
    }
    return english || informal ? mask << WEAK_SHIFT : mask;
  }

  function memoVote(token: Token): number {
    const form = token.form;
    if (form === undefined) return voteOf(token.normal);
    if (form.languageOwner !== data) {
      form.languageValue = voteOf(form.normal);
      form.languageOwner = data;
    }
    return form.languageValue as number;
  }

  return {
    detect(tokens) {
      strong.fill(0);
      weak.fill(0);
      let englishVotes = 0;
      let foreign = 0;
      for (let index = 0; index < tokens.length; index += 1) {
        const token = tokens[index]!;
        if (token.kind !== 'word') continue;
        const vote = memoVote(token);
        if (vote === 0) continue;
        if (vote === ENGLISH_VOTE) {
          englishVotes += 1;
          continue;
        }
        foreign += 1;
        for (let bit = 0; bit < strong.length; bit += 1) {
          if (vote & (1 << bit)) strong[bit] += 1;
          else if ((vote >> WEAK_SHIFT) & LANGUAGE_BITS & (1 << bit)) weak[bit] += 1;
        }
      }
      if (foreign < MINIMUM_STRONG) return ENGLISH;
      let best = 0;
      for (let bit = 1; bit < strong.length; bit += 1) if (strong[bit]! + weak[bit]! / 2 > strong[best]! + weak[best]! / 2) best = bit;
      if (strong[best]! >= MINIMUM_STRONG && strong[best]! + weak[best]! / 2 > englishVotes) return data.languages[best]!.code;
      return ENGLISH;
    },
    language(code) {
      return byCode.get(code) ?? null;
    },
  };
}
