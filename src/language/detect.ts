/**
 * Tells English comments from those in the eighteen languages of models/language/grammar.json
 * (Spanish, French, German, Portuguese, Italian, Dutch, the Nordic ones, Polish, Czech, Hungarian,
 * Romanian, Turkish, Indonesian, Catalan, Vietnamese), by their words. Character-trigram
 * detectors (franc, tinyld) were measured on short feedback and rejected: they called 17 % of CX
 * dev's English comments ("Quick and painless checkout.") another language and cost 50-190 µs a
 * comment. Here every word votes once, from tables built from word lists (models/language,
 * scripts/build-language-data.ts), and the vote is memoized per word form:
 *
 * - a common English word that marks no other language votes English;
 * - a word marking a language (its stopwords, lexicon and grammar words) is strong evidence for it
 *   unless it is also common or informal English ("de", "no", "haha"), then weak (half a vote);
 * - an unknown word with letters such as é, ñ or ü is strong evidence for the languages using all
 *   of them ("előfizetésemet": ő, so Hungarian alone).
 *
 * A comment is another language when that language has at least MINIMUM_STRONG strong or letter
 * votes, one of its own words among them, and its votes (weak ones count half) outnumber the English
 * votes; a comment of three words or more with no English word in it needs one such vote, if that
 * word's letters belong to that language alone. Short comments ("Correcto.") stay English: a
 * one-word comment is too little evidence. A comment mostly in another script, or mostly of words
 * no table knows (not even as a rarer English word, its lemma or its stem), is UNDETERMINED:
 * Verbatim cannot read it. Measured on dev (README.md Languages).
 */
import type { Token } from '../text/document.js';
import { MARKER_SHIFT, WORD_ENGLISH, WORD_INFORMAL, WORD_KNOWN, type CompiledLanguage, type LanguageData } from './data.js';

/** ISO 639-1 code of a comment's language as Verbatim reads it. */
export type LanguageCode = string;
export const ENGLISH: LanguageCode = 'en';

/** Strong votes a language needs: one stray word ("muy loco" in an English review) is not enough. */
const MINIMUM_STRONG = 2;
/** Words a comment with no English word needs before one strong vote decides its language. */
const MINIMUM_WORDS_WITHOUT_ENGLISH = 3;

/**
 * Memo value of a word's vote: a vote kind in the bits from KIND_SHIFT up and, for the three
 * foreign kinds, the mask of the languages it votes for below: languages it marks (strong), languages
 * it marks while also being common or informal English (weak), languages whose letters an otherwise
 * unknown word uses (é, ñ, ü: a letter vote). A word votes one kind only, so one integer holds it.
 */
const KIND_SHIFT = 24;
const LANGUAGE_BITS = (1 << KIND_SHIFT) - 1;
/** Languages the tables can hold: wordInfo() keeps their mask from bit MARKER_SHIFT of a signed 32-bit integer. */
const MAXIMUM_LANGUAGES = 31 - MARKER_SHIFT;
const STRONG_VOTE = 1 << KIND_SHIFT;
const WEAK_VOTE = 2 << KIND_SHIFT;
const LETTER_VOTE = 3 << KIND_SHIFT;
const ENGLISH_VOTE = 4 << KIND_SHIFT;
/** A Latin-script word no table knows: not English, not informal, no marker, no telling letter. */
const UNKNOWN_VOTE = 5 << KIND_SHIFT;
/** A word in another script (Greek, Cyrillic, Arabic, Hebrew, CJK, ...). */
const OTHER_SCRIPT_VOTE = 6 << KIND_SHIFT;
/** A rarer word English uses ("dreamscape", "stultifyingly"): no language vote, but it is read. */
const KNOWN_VOTE = 7 << KIND_SHIFT;
/** The vote kinds' bits; above them, the pinned language. */
const KIND_BITS = 7 << KIND_SHIFT;
/**
 * From this bit up, 1 + the index of the one language a strong or letter vote's letters belong to
 * alone ("ő": Hungarian), else 0. Five bits (the sign bit among them) hold indexes up to 30.
 */
const PIN_SHIFT = 27;
/** wordInfo() flags of a word English text uses, common, informal or rarer. */
const ANY_ENGLISH = WORD_ENGLISH | WORD_INFORMAL | WORD_KNOWN;
/** First code point past the Latin blocks (Latin Extended-B ends at U+024F; IPA and combining marks follow). */
const FIRST_NON_LATIN = 0x370;

/** Unknown words a comment needs before it can be called unreadable, and their least share of its words. */
const MINIMUM_UNKNOWN = 3;
const UNKNOWN_SHARE = 0.6;

/** Language code of a comment Verbatim cannot read (ISO 639-2 "undetermined"). */
export const UNDETERMINED: LanguageCode = 'und';

export interface LanguageDetector {
  /** The language of a comment's tokens: ENGLISH, one of the data's languages, or UNDETERMINED. */
  detect(tokens: readonly Token[]): LanguageCode;
  /** The compiled language for a code other than English, or null. */
  language(code: LanguageCode): CompiledLanguage | null;
}

/** The part of a normal form a lexicon knows: after an elision ("l'écoute" -> "écoute"). */
export function lexicalPart(normal: string): string {
  const apostrophe = normal.lastIndexOf("'");
  return apostrophe < 0 ? normal : normal.slice(apostrophe + 1);
}

/** English derivational endings, longest first: "dumbfoundingly" is "dumbfound" + "ingly". */
const ENGLISH_SUFFIXES = ['ingly', 'edly', 'ness', 'ly', 'ing', 'ed', 'es', 's', 'y'];

/** `word` without the English ending `suffix`, or '' when it does not end so (or too little is left). */
function withoutSuffix(word: string, suffix: string): string {
  return word.length > suffix.length + 3 && word.endsWith(suffix) ? word.slice(0, -suffix.length) : '';
}

/** The pin bits (PIN_SHIFT) of a language mask: its language when it holds exactly one, else 0. */
function pinOf(mask: number): number {
  return mask !== 0 && (mask & (mask - 1)) === 0 ? (32 - Math.clz32(mask)) << PIN_SHIFT : 0;
}

/** Builds a detector over compiled language data. */
export function createLanguageDetector(data: LanguageData): LanguageDetector {
  if (data.languages.length > MAXIMUM_LANGUAGES) throw new Error(`at most ${MAXIMUM_LANGUAGES} languages are supported`);
  const strong = new Float64Array(data.languages.length);
  const weak = new Float64Array(data.languages.length);
  const letters = new Float64Array(data.languages.length);
  const pinnedVotes = new Float64Array(data.languages.length);

  /** The vote of one normal form (see the file comment), as memo bits. */
  function voteOf(normal: string, lemma: string): number {
    const word = lexicalPart(normal);
    if (word.length === 0) return 0;
    if (word.codePointAt(0)! >= FIRST_NON_LATIN) return OTHER_SCRIPT_VOTE;
    if (word.length < 2) return 0;
    const info = data.wordInfo(word);
    const english = (info & WORD_ENGLISH) !== 0;
    const mask = info >> MARKER_SHIFT;
    if (english && mask === 0) return ENGLISH_VOTE;
    if (english || (info & WORD_INFORMAL) !== 0) return WEAK_VOTE | mask;
    // The languages that use every telling letter of the word ("előfizetésemet": é is French,
    // Czech, Hungarian and more, ő Hungarian only); all that use any of them when none uses all.
    let any = 0;
    let every = LANGUAGE_BITS;
    for (const letter of word) {
      if (letter <= 'z') continue;
      const letterMask = data.letters.get(letter) ?? 0;
      if (letterMask === 0) continue;
      any |= letterMask;
      every &= letterMask;
    }
    const letterLanguages = any === 0 ? 0 : every !== 0 ? every : any;
    if (mask !== 0) return STRONG_VOTE | mask | pinOf(letterLanguages & mask);
    if (letterLanguages !== 0) return LETTER_VOTE | letterLanguages | pinOf(letterLanguages);
    // `word` itself is neither common nor informal English here, so only its KNOWN flag is left to test.
    return (info & WORD_KNOWN) !== 0 || isKnown(lemma) || ENGLISH_SUFFIXES.some((suffix) => isKnown(withoutSuffix(word, suffix))) ? KNOWN_VOTE : UNKNOWN_VOTE;
  }

  /** A word English text uses, however rare ("stultifying"). */
  function isKnown(word: string): boolean {
    return word !== '' && (data.wordInfo(word) & ANY_ENGLISH) !== 0;
  }

  function memoVote(token: Token): number {
    const form = token.form;
    if (form === undefined) return voteOf(token.normal, token.lemma);
    if (form.languageOwner !== data) {
      form.languageValue = voteOf(form.normal, form.lemma);
      form.languageOwner = data;
    }
    return form.languageValue as number;
  }

  return {
    detect(tokens) {
      strong.fill(0);
      weak.fill(0);
      letters.fill(0);
      pinnedVotes.fill(0);
      let englishVotes = 0;
      let foreign = 0;
      let unknown = 0;
      let known = 0;
      let otherScript = 0;
      let words = 0;
      for (let index = 0; index < tokens.length; index += 1) {
        const token = tokens[index]!;
        if (token.kind !== 'word') continue;
        const vote = memoVote(token);
        if (vote === 0) continue;
        words += 1;
        if (vote === ENGLISH_VOTE) englishVotes += 1;
        else if (vote === KNOWN_VOTE) known += 1;
        else if (vote === UNKNOWN_VOTE) unknown += 1;
        else if (vote === OTHER_SCRIPT_VOTE) otherScript += 1;
        else {
          foreign += 1;
          const kind = vote & KIND_BITS;
          const counts = kind === STRONG_VOTE ? strong : kind === WEAK_VOTE ? weak : letters;
          for (let bit = 0; bit < counts.length; bit += 1) if (vote & (1 << bit)) counts[bit] += 1;
          const pinned = vote >>> PIN_SHIFT;
          if (pinned !== 0) pinnedVotes[pinned - 1] += 1;
        }
      }
      // Mostly another script: Verbatim cannot read it.
      if (otherScript > 0 && otherScript * 2 > words) return UNDETERMINED;
      if (foreign >= MINIMUM_STRONG) {
        let best = 0;
        const weight = (bit: number) => strong[bit]! + letters[bit]! + weak[bit]! / 2;
        for (let bit = 1; bit < strong.length; bit += 1) if (weight(bit) > weight(best)) best = bit;
        // Letters alone ("çok geç": Turkish) do not make a language: one of its words must be there too.
        const evidence = strong[best]! + letters[best]!;
        // With no English in it (no English vote, no rarer English word) a comment of three words or
        // more needs one strong vote only when its word's letters belong to that language alone:
        // "Lemondom az előfizetésemet." has "előfizetésemet" (ő: Hungarian) and "az", a Hungarian
        // word English also writes.
        const needed = englishVotes === 0 && known === 0 && words >= MINIMUM_WORDS_WITHOUT_ENGLISH && pinnedVotes[best]! > 0 ? 1 : MINIMUM_STRONG;
        if (evidence >= needed && strong[best]! + weak[best]! > 0 && weight(best) > englishVotes) return data.languages[best]!.code;
      }
      // Mostly words no table knows, English or other: a language Verbatim cannot read.
      if (unknown >= MINIMUM_UNKNOWN && unknown >= UNKNOWN_SHARE * words && englishVotes + known + foreign < unknown) return UNDETERMINED;
      return ENGLISH;
    },
    language(code) {
      return data.lexicon(code);
    },
  };
}
