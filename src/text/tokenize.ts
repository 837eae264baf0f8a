/**
 * Tokenization on top of wink-nlp's tokenizer (no POS pipe: see lemma.ts for why), with offsets
 * into the ORIGINAL text. wink is fed a length-preserving prepared copy (normalize.ts), so a
 * position in the prepared text is the same position in the original; each token's offset is
 * found by walking wink's values and preceding spaces, checked against the text, and re-found
 * with indexOf if wink ever rewrote a character.
 *
 * After wink, three repairs: emoji sequences wink splits (skin tones, ZWJ families, flags,
 * keycaps) are joined into one token; negative contractions are joined into one token ("do" +
 * "nt" -> "dont", normal "don't"; "can" + "not" -> "cannot"); whitespace and invisible tokens
 * are dropped; emoticons wink does not know ("=)", "^_^", "XD") are joined (emoticons.ts).
 *
 * All of that runs per whitespace-free chunk, so `tokenize` answers most chunks from a cache and
 * sends only unseen ones through wink (chunk-cache.ts).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Token, TokenKind } from './document.js';
import { createChunkedTokenizer, type ChunkedTokens, type WholeTokenization } from './chunk-cache.js';
import { joinEmoticons } from './emoticons.js';
import { createLemmatizer } from './lemma.js';
import { NEGATIVE_CONTRACTIONS } from './negation-forms.js';
import { normalizeWord, prepareForTokenizer } from './normalize.js';

/** A tokenizer holding one loaded wink-nlp model. */
export interface Tokenizer {
  /** Tokens of `text` in order, offsets into `text`; whitespace is not a token. */
  tokenize(text: string): Token[];
  /** tokenize(), with the text's chunks when they came from the chunk cache (for later stages' memos). */
  tokenizeChunked(text: string): ChunkedTokens;
}

interface PendingToken {
  start: number;
  end: number;
  winkType: string;
}

/**
 * Longest run without whitespace handed to wink. wink's URL matching is quadratic in the length of
 * such a run (measured: 'www.' + 20k letters took 2.5 s, 'a.a.a...' of 20k took 0.7 s), so longer
 * runs become one token ('url' or 'other') without going through wink. 500 keeps any realistic
 * word, e-mail or URL on wink's path (~2 ms worst case).
 */
const MAXIMUM_WINK_RUN = 500;
const LONG_RUN = new RegExp(`\\S{${MAXIMUM_WINK_RUN},}`, 'g');
const SPACE = 0x20;
const URL_START = /^(?:https?:\/\/|www\.)/i;

/** Distinct word surfaces remembered per tokenizer; cleared, not evicted, past this. */
const MAXIMUM_CACHED_WORDS = 200_000;

const WINK_KINDS: Readonly<Record<string, TokenKind>> = {
  word: 'word',
  number: 'number',
  ordinal: 'number',
  time: 'number',
  punctuation: 'punctuation',
  emoji: 'emoji',
  emoticon: 'emoticon',
  url: 'url',
  email: 'email',
  mention: 'mention',
  hashtag: 'hashtag',
  currency: 'symbol',
  symbol: 'symbol',
};

/** Units that only modify the emoji before them: ZWJ, variation selectors, keycap, skin tones, tags. */
const EMOJI_MODIFIERS_ONLY = /^(?:\u200d|[\ufe0e\ufe0f]|\u20e3|\ud83c[\udffb-\udfff]|\udb40[\udc20-\udc7f])+$/;
const REGIONAL_INDICATOR = /^\ud83c[\udde6-\uddff]$/;
const ZERO_WIDTH_JOINER = '\u200d';
/** A token made only of these carries no text worth keeping. */
const INVISIBLE_ONLY = /^[\s\u200d\ufe0e\ufe0f\u20e3]+$/;
const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc]/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const PUNCTUATION = /\p{P}/u;
const SYMBOL = /\p{S}/u;

/** Cheap first test: can the unit at this position start an emoji modifier or joiner? */
function mayModifyEmoji(unit: number): boolean {
  return unit === 0x200d || unit === 0xfe0e || unit === 0xfe0f || unit === 0x20e3 || unit === 0xd83c || unit === 0xdb40;
}

/** Words wink leaves before a split-off "nt"/"n't", and "can" before "not" ("cannot"). */
function joinsAsNegation(first: string, second: string): string | null {
  const lowerSecond = second.toLowerCase().replace(CURLY_APOSTROPHE, "'");
  if (lowerSecond === 'nt' || lowerSecond === "n't") {
    const joined = normalizeWord(first + second);
    return NEGATIVE_CONTRACTIONS.has(joined) ? joined : null;
  }
  if (lowerSecond === 'not' && first.toLowerCase() === 'can') return 'cannot';
  return null;
}

/**
 * Loads the wink-nlp model (the slow part, ~100-200 ms) once.
 *
 * Example: createTokenizer().tokenize("I dont ❤️ it").map((t) => t.normal)
 *   -> ['i', "don't", '❤️', 'it']
 */
export function createTokenizer(): Tokenizer {
  const nlp = winkNLP(model, []);
  const its = nlp.its;
  const lemmatizer = createLemmatizer();
  /** Word surface -> [normal, lemma]; the same few thousand words recur across comments. */
  const wordForms = new Map<string, [string, string]>();
  /** Cleared before each whole-text tokenization; set when an offset had to be searched for. */
  let searched = false;

  /** Blanks over-long runs out of the text for wink and returns them as ready-made tokens. */
  function isolateLongRuns(prepared: string): { forWink: string; runs: PendingToken[] } {
    const runs: PendingToken[] = [];
    if (prepared.length < MAXIMUM_WINK_RUN) return { forWink: prepared, runs };
    const forWink = prepared.replace(LONG_RUN, (run, start: number) => {
      runs.push({ start, end: start + run.length, winkType: URL_START.test(run) ? 'url' : 'unk' });
      return ' '.repeat(run.length);
    });
    return { forWink, runs };
  }

  function locate(original: string): PendingToken[] {
    const { forWink: prepared, runs } = isolateLongRuns(original);
    const pending = locateWithWink(prepared);
    if (runs.length === 0) return pending;
    return [...pending, ...runs].sort((a, b) => a.start - b.start);
  }

  function locateWithWink(prepared: string): PendingToken[] {
    const tokens = nlp.readDoc(prepared).tokens();
    const values = tokens.out() as string[];
    const types = tokens.out(its.type) as string[];
    const pending: PendingToken[] = [];
    let position = 0;
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index];
      // wink's preceding spaces are plain spaces (prepareForTokenizer made every other space one);
      // skipping them here is cheaper than asking wink for them.
      while (prepared.charCodeAt(position) === SPACE) position += 1;
      if (value.length === 0) continue;
      if (!prepared.startsWith(value, position)) {
        // wink rewrote a character somewhere before: find the value again from the last known end.
        searched = true;
        const found = prepared.indexOf(value, pending.length > 0 ? pending[pending.length - 1].end : 0);
        if (found < 0) continue;
        position = found;
      }
      pending.push({ start: position, end: position + value.length, winkType: types[index] });
      position += value.length;
    }
    return pending;
  }

  function kindOf(surface: string, winkType: string): TokenKind {
    const mapped = WINK_KINDS[winkType];
    if (mapped !== undefined) return mapped;
    if (PICTOGRAPH.test(surface)) return 'emoji';
    if (LETTER.test(surface)) return 'word';
    if (DIGIT.test(surface)) return 'number';
    if (PUNCTUATION.test(surface)) return 'punctuation';
    if (SYMBOL.test(surface)) return 'symbol';
    return 'other';
  }

  function makeToken(surface: string, start: number, end: number, kind: TokenKind, joinedNormal: string | null): Token {
    let normal: string;
    let lemma: string;
    if (joinedNormal !== null) {
      normal = joinedNormal;
      lemma = joinedNormal;
    } else if (kind === 'word') {
      let forms = wordForms.get(surface);
      if (forms === undefined) {
        const normalForm = normalizeWord(surface);
        forms = [normalForm, lemmatizer.lemmaOf(normalForm)];
        if (wordForms.size >= MAXIMUM_CACHED_WORDS) wordForms.clear();
        wordForms.set(surface, forms);
      }
      normal = forms[0];
      lemma = forms[1];
    } else if (kind === 'emoji' || kind === 'emoticon') {
      normal = surface;
      lemma = surface;
    } else {
      normal = surface.toLowerCase();
      lemma = normal;
    }
    return { start, end, text: surface, normal, lemma, kind, pos: '', shouting: false };
  }

  function tokenizeWhole(text: string): WholeTokenization {
    searched = false;
    const pending = locate(prepareForTokenizer(text));
    const result: Token[] = [];
    let index = 0;
    while (index < pending.length) {
      const current = pending[index];
      index += 1;
      if (current.winkType === 'tabCRLF') continue;
      const surface = text.slice(current.start, current.end);
      if (WINK_KINDS[current.winkType] === undefined && INVISIBLE_ONLY.test(surface)) continue;
      let end = current.end;
      let kind = kindOf(surface, current.winkType);
      let joinedNormal: string | null = null;
      // Emoji sequences and stray modifiers glued to the token before them.
      while (
        kind !== 'word' &&
        index < pending.length &&
        pending[index].start === end &&
        (kind === 'emoji' || mayModifyEmoji(text.charCodeAt(end)))
      ) {
        const next = text.slice(pending[index].start, pending[index].end);
        const endsWithJoiner = text.endsWith(ZERO_WIDTH_JOINER, end) && kind === 'emoji';
        const flagPair =
          REGIONAL_INDICATOR.test(text.slice(current.start, end)) && REGIONAL_INDICATOR.test(next);
        if (!EMOJI_MODIFIERS_ONLY.test(next) && !endsWithJoiner && !flagPair) break;
        if (next.includes('\u20e3') || flagPair) kind = 'emoji';
        end = pending[index].end;
        index += 1;
      }
      if (kind === 'word' && index < pending.length && pending[index].start === end) {
        const following = pending[index];
        joinedNormal = joinsAsNegation(text.slice(current.start, end), text.slice(following.start, following.end));
        if (joinedNormal !== null) {
          end = following.end;
          index += 1;
        }
      }
      const finalSurface = end === current.end ? surface : text.slice(current.start, end);
      result.push(makeToken(finalSurface, current.start, end, kind, joinedNormal));
    }
    return { tokens: joinEmoticons(text, result), exact: !searched };
  }

  const chunked = createChunkedTokenizer(tokenizeWhole, prepareForTokenizer, MAXIMUM_WINK_RUN);
  return { tokenize: (text) => chunked(text).tokens, tokenizeChunked: chunked };
}
