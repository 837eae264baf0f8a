/**
 * The model tokens: the one tokenization every learned model reads, in training and serving (the
 * bag featurizer, featurizer.ts; the sequence networks, nn/sequence-tokens.ts; the document scan,
 * doc-tokens.ts). Lower-cased, contractions split so raw text ("doesn't", "dont") and treebank text
 * ("does n't") give the same tokens ("does", "not"), letters repeated three or more times cut to two.
 */

/** Contractions written without the apostrophe, as in survey answers ("dont", "wont"). */
const BARE_NEGATIVE_CONTRACTIONS = new Map<string, string>(Object.entries({
  dont: 'do', doesnt: 'does', didnt: 'did', isnt: 'is', wasnt: 'was', arent: 'are', werent: 'were',
  cant: 'ca', wont: 'wo', couldnt: 'could', wouldnt: 'would', shouldnt: 'should', havent: 'have',
  hasnt: 'has', hadnt: 'had', aint: 'is', mustnt: 'must',
}));

/** True for a punctuation token of modelTokens ("!!", "?", ".", ","...): the scanner never mixes marks with other characters. */
export function isPunctuationToken(token: string): boolean {
  const code = token.charCodeAt(0);
  return code === 0x21 || code === 0x3f || code === 0x2e || code === 0x2c || code === 0x3b || code === 0x3a;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const ELONGATION = /(\p{L})\1{2,}/gu;

/** Character classes of the scanner (bit flags), cached per non-ASCII code point. */
const IS_LETTER = 1;
const IS_NUMBER_OR_LETTER = 2;
const IS_PICTOGRAPHIC = 4;
const classCache = new Map<number, number>();

function classOf(codePoint: number): number {
  if (codePoint < 0x80) {
    if ((codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint >= 0x41 && codePoint <= 0x5a)) return IS_LETTER | IS_NUMBER_OR_LETTER;
    return codePoint >= 0x30 && codePoint <= 0x39 ? IS_NUMBER_OR_LETTER : 0;
  }
  let flags = classCache.get(codePoint);
  if (flags === undefined) {
    const character = String.fromCodePoint(codePoint);
    flags = (LETTER.test(character) ? IS_LETTER : 0) | (LETTER_OR_NUMBER.test(character) ? IS_NUMBER_OR_LETTER : 0) | (PICTOGRAPHIC.test(character) ? IS_PICTOGRAPHIC : 0);
    if (classCache.size < 65536) classCache.set(codePoint, flags);
  }
  return flags;
}

/** Straight and curly apostrophes, the modifier letter and the backtick/acute used as one. */
function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2018 || code === 0x2019 || code === 0x02bc || code === 0x60 || code === 0xb4;
}

/** True when a token may hold a letter repeated three times in a row (the only case elongation applies). */
function mayBeElongated(token: string): boolean {
  if (token.length < 3) return false;
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    // Astral letters are two code units: leave them to the regular expression.
    if (code >= 0xd800 && code < 0xe000) return true;
    if (index >= 2 && code === token.charCodeAt(index - 1) && code === token.charCodeAt(index - 2)) return true;
  }
  return false;
}

/**
 * The raw tokens of lower-cased text: runs of letters/digits, an apostrophe followed by letters,
 * runs of ! and ?, single . , ; : and single pictographs (emoji); everything else separates.
 * A hand-written scanner (no per-token regular expressions): it was 12% of the pipeline's time.
 */
function scanTokens(text: string, tokens: string[], spans: number[] | null = null): void {
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    const codePoint = code >= 0xd800 && code < 0xdc00 && index + 1 < length ? (text.codePointAt(index) as number) : code;
    const width = codePoint > 0xffff ? 2 : 1;
    const flags = classOf(codePoint);
    if (flags & IS_NUMBER_OR_LETTER) {
      const end = runEnd(text, index, IS_NUMBER_OR_LETTER);
      pushToken(tokens, text.slice(index, end), spans, index, end);
      index = end;
    } else if (isApostrophe(code) && index + 1 < length && classOf(text.codePointAt(index + 1) as number) & IS_LETTER) {
      const end = runEnd(text, index + 1, IS_LETTER);
      pushToken(tokens, "'" + text.slice(index + 1, end), spans, index, end);
      index = end;
    } else if (code === 0x21 || code === 0x3f) {
      let end = index + 1;
      while (end < length && (text.charCodeAt(end) === 0x21 || text.charCodeAt(end) === 0x3f)) end++;
      pushToken(tokens, text.slice(index, end), spans, index, end);
      index = end;
    } else if (code === 0x2e || code === 0x2c || code === 0x3b || code === 0x3a) {
      pushToken(tokens, text[index], spans, index, index + 1);
      index++;
    } else if (flags & IS_PICTOGRAPHIC) {
      pushToken(tokens, text.slice(index, index + width), spans, index, index + width);
      index += width;
    } else {
      index += width;
    }
  }
}

/** End of the run of code points starting at `start` that all have `flag`. */
function runEnd(text: string, start: number, flag: number): number {
  let end = start;
  while (end < text.length) {
    const codePoint = text.codePointAt(end) as number;
    if (!(classOf(codePoint) & flag)) break;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return end;
}

/**
 * Splits text into the normalized tokens the model sees. Raw text ("doesn't") and pre-tokenized
 * treebank text ("does n't") give the same tokens ("does", "not"), so SST trains what CX serves.
 * Letters repeated three or more times are cut to two ("sooo" -> "soo").
 */
export function modelTokens(text: string): string[] {
  const tokens: string[] = [];
  scanTokens(text.toLowerCase(), tokens);
  return tokens;
}

/**
 * Appends one raw token, normalized: elongation cut, "n't" and bare "dont" split, "!!!" cut to "!!".
 * With `spans`, also appends each token's [start, end) in the text; a "not" joined from the word
 * before ("doesn" + "'t") spans from that word's start, so no range can hold it without its stem.
 */
function pushToken(tokens: string[], raw: string, spans: number[] | null, start: number, end: number): void {
  const token = mayBeElongated(raw) ? raw.replace(ELONGATION, '$1$1') : raw;
  const first = token.charCodeAt(0);
  if (token === "'t" && tokens.length > 0 && tokens[tokens.length - 1].endsWith('n')) {
    const stem = tokens[tokens.length - 1].slice(0, -1);
    const stemStart = spans === null ? 0 : spans[spans.length - 2];
    if (stem.length > 0) tokens[tokens.length - 1] = stem;
    else {
      tokens.pop();
      spans?.splice(spans.length - 2, 2);
    }
    tokens.push('not');
    spans?.push(stemStart, end);
  } else if (first === 0x21 || first === 0x3f) {
    tokens.push(token.length > 2 ? token.slice(0, 2) : token);
    spans?.push(start, end);
  } else {
    // Every bare contraction ends in "nt": test that before hashing the token for the map.
    const length = token.length;
    const stem =
      length >= 4 && token.charCodeAt(length - 1) === 0x74 && token.charCodeAt(length - 2) === 0x6e ? BARE_NEGATIVE_CONTRACTIONS.get(token) : undefined;
    if (stem === undefined) {
      tokens.push(token);
      spans?.push(start, end);
    } else {
      tokens.push(stem, 'not');
      spans?.push(start, end, start, end);
    }
  }
}

/** Model tokens of a text with their [start, end) offsets (spans[2i], spans[2i + 1]). */
export interface SpannedTokens<T = string> {
  tokens: T[];
  spans: number[];
}

/**
 * modelTokens of `text` with offsets, so the tokens of any part of it can be picked out without
 * scanning again (tokensInRange); null when lower-casing changed the text's length (offsets would
 * not map back: "İ" lower-cases to two code units).
 */
export function spannedModelTokens(text: string): SpannedTokens | null {
  const lower = text.toLowerCase();
  return lower.length === text.length ? spannedLowerTokens(lower) : null;
}

/** spannedModelTokens of text that is already lower case (a piece of a lower-cased text). */
export function spannedLowerTokens(lower: string): SpannedTokens {
  const tokens: string[] = [];
  const spans: number[] = [];
  scanTokens(lower, tokens, spans);
  return { tokens, spans };
}

/**
 * The tokens modelTokens(text.slice(start, end)) would give, taken from the whole text's scan: the
 * tokens inside [start, end). The scanner joins nothing across a separator, so they are the same
 * unless a token crosses an edge of the range; then it returns null and the caller scans the slice.
 * The tokens may be strings or any record standing for them (model-words.ts).
 */
export function tokensInRange<T>(scanned: SpannedTokens<T>, start: number, end: number): T[] | null {
  const { tokens, spans } = scanned;
  // Token ends never decrease (a joined "not" ends after its stem), so the first token ending after
  // `start` is found by bisection. Walking from the first token made a long comment quadratic: the
  // 373 clauses of a 19k-character comment took 0.7-0.9 ms, now ~40 µs.
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (spans[2 * middle + 1] <= start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  for (; last < tokens.length; last++) {
    const tokenStart = spans[2 * last];
    if (tokenStart >= end) break;
    if (tokenStart < start || spans[2 * last + 1] > end) return null;
  }
  // One array of the exact size: grown by push, a clause's list cost ~1.5x its size in garbage.
  return tokens.slice(low, last);
}
