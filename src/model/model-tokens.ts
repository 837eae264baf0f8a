/**
 * The tokenizer every learned model reads, in training and in serving: lower-cased text ->
 * normalized tokens ("doesn't" -> "does", "not"; "sooo" -> "soo"; "!!!" -> "!!"). Raw text and
 * pre-tokenized treebank text ("does n't") give the same tokens, so SST trains what CX serves.
 *
 * `modelTokenSpans` also records where each token starts, so one pass over a comment yields the
 * tokens of every clause (the sentence model) and of the whole comment (the emotion model).
 */

/** Contractions written without the apostrophe, as in survey answers ("dont", "wont"). */
const BARE_NEGATIVE_CONTRACTIONS = new Map<string, string>(Object.entries({
  dont: 'do', doesnt: 'does', didnt: 'did', isnt: 'is', wasnt: 'was', arent: 'are', werent: 'were',
  cant: 'ca', wont: 'wo', couldnt: 'could', wouldnt: 'would', shouldnt: 'should', havent: 'have',
  hasnt: 'has', hadnt: 'had', aint: 'is', mustnt: 'must',
}));

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const ELONGATION = /(\p{L})\1{2,}/gu;

/** Character classes of the scanner (bit flags). */
const IS_LETTER = 1;
const IS_NUMBER_OR_LETTER = 2;
const IS_PICTOGRAPHIC = 4;
/** ASCII classes in a table: most feedback is ASCII, and a table read beats the range tests. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  ASCII_CLASS[code] = letter ? IS_LETTER | IS_NUMBER_OR_LETTER : code >= 0x30 && code <= 0x39 ? IS_NUMBER_OR_LETTER : 0;
}
const classCache = new Map<number, number>();

function classOf(codePoint: number): number {
  if (codePoint < 0x80) return ASCII_CLASS[codePoint];
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

/** End of the run of code points starting at `start` that all have `flag`. */
function runEnd(text: string, start: number, flag: number): number {
  const length = text.length;
  let end = start;
  while (end < length) {
    const code = text.charCodeAt(end);
    if (code < 0x80) {
      if (!(ASCII_CLASS[code] & flag)) break;
      end++;
      continue;
    }
    const codePoint = text.codePointAt(end) as number;
    if (!(classOf(codePoint) & flag)) break;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return end;
}

/** Growable token list with the start offset of each token (starts may be null when not wanted). */
interface TokenSink {
  tokens: string[];
  starts: number[] | null;
}

/** Appends one raw token, normalized: elongation cut, "n't" and bare "dont" split, "!!!" cut to "!!". */
function pushToken(sink: TokenSink, raw: string, start: number): void {
  const { tokens, starts } = sink;
  const token = mayBeElongated(raw) ? raw.replace(ELONGATION, '$1$1') : raw;
  const first = token.charCodeAt(0);
  if (first === 0x27 && token === "'t" && tokens.length > 0 && tokens[tokens.length - 1].endsWith('n')) {
    const stem = tokens[tokens.length - 1].slice(0, -1);
    if (stem.length > 0) tokens[tokens.length - 1] = stem;
    else {
      tokens.pop();
      starts?.pop();
    }
    tokens.push('not');
    starts?.push(start);
  } else if (first === 0x21 || first === 0x3f) {
    tokens.push(token.length > 2 ? token.slice(0, 2) : token);
    starts?.push(start);
  } else {
    // Every bare contraction ends in "nt": test that before hashing the token for the map.
    const length = token.length;
    const stem =
      length >= 4 && token.charCodeAt(length - 1) === 0x74 && token.charCodeAt(length - 2) === 0x6e ? BARE_NEGATIVE_CONTRACTIONS.get(token) : undefined;
    if (stem === undefined) {
      tokens.push(token);
      starts?.push(start);
    } else {
      tokens.push(stem, 'not');
      starts?.push(start, start);
    }
  }
}

/**
 * The raw tokens of lower-cased text: runs of letters/digits, an apostrophe followed by letters,
 * runs of ! and ?, single . , ; : and single pictographs (emoji); everything else separates.
 * A hand-written scanner (no per-token regular expressions): it was 12% of the pipeline's time.
 */
function scanTokens(text: string, sink: TokenSink): void {
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code < 0x80 && ASCII_CLASS[code] !== 0) {
      const end = runEnd(text, index + 1, IS_NUMBER_OR_LETTER);
      pushToken(sink, text.slice(index, end), index);
      index = end;
      continue;
    }
    const codePoint = code >= 0xd800 && code < 0xdc00 && index + 1 < length ? (text.codePointAt(index) as number) : code;
    const width = codePoint > 0xffff ? 2 : 1;
    const flags = classOf(codePoint);
    if (flags & IS_NUMBER_OR_LETTER) {
      const end = runEnd(text, index, IS_NUMBER_OR_LETTER);
      pushToken(sink, text.slice(index, end), index);
      index = end;
    } else if (isApostrophe(code) && index + 1 < length && classOf(text.codePointAt(index + 1) as number) & IS_LETTER) {
      const end = runEnd(text, index + 1, IS_LETTER);
      pushToken(sink, "'" + text.slice(index + 1, end), index);
      index = end;
    } else if (code === 0x21 || code === 0x3f) {
      let end = index + 1;
      while (end < length && (text.charCodeAt(end) === 0x21 || text.charCodeAt(end) === 0x3f)) end++;
      pushToken(sink, text.slice(index, end), index);
      index = end;
    } else if (code === 0x2e || code === 0x2c || code === 0x3b || code === 0x3a) {
      pushToken(sink, text[index], index);
      index++;
    } else if (flags & IS_PICTOGRAPHIC) {
      pushToken(sink, text.slice(index, index + width), index);
      index += width;
    } else {
      index += width;
    }
  }
}

/**
 * Splits text into the normalized tokens the model sees. Raw text ("doesn't") and pre-tokenized
 * treebank text ("does n't") give the same tokens ("does", "not"), so SST trains what CX serves.
 * Letters repeated three or more times are cut to two ("sooo" -> "soo").
 */
export function modelTokens(text: string): string[] {
  const sink: TokenSink = { tokens: [], starts: null };
  scanTokens(text.toLowerCase(), sink);
  return sink.tokens;
}

/** modelTokens with the offset in `text` where each token's raw form starts. */
export interface TokenSpans {
  tokens: string[];
  starts: number[];
}

/**
 * modelTokens(text) plus token start offsets, or null when lower-casing changes the text's length
 * (a few letters, such as dotted capital I, lower-case to two code units; offsets would shift).
 */
export function modelTokenSpans(text: string): TokenSpans | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  const sink: TokenSink = { tokens: [], starts: [] };
  scanTokens(lower, sink);
  return sink as TokenSpans;
}

/** True when the code unit may continue a token across a boundary (anything but white space). */
function joins(code: number): boolean {
  return !(code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029);
}

/** True when the first non-space at or after `index` is an apostrophe: a "'t" there joins the token before it. */
function apostropheFrom(text: string, from: number): boolean {
  let index = from;
  while (index < text.length && !joins(text.charCodeAt(index))) index++;
  return index < text.length && isApostrophe(text.charCodeAt(index));
}

/**
 * The model tokens of text[start, end), taken from the whole text's spans when that is exactly
 * modelTokens(text.slice(start, end)): both edges fall on white space (or the text's ends), so no
 * token, "!!" run or "n't" straddles them. Otherwise the slice is tokenized on its own.
 */
export function tokensInRange(text: string, spans: TokenSpans | null, start: number, end: number): string[] {
  const straddles =
    (start > 0 && start < text.length && joins(text.charCodeAt(start - 1)) && joins(text.charCodeAt(start))) ||
    (end > 0 && end < text.length && joins(text.charCodeAt(end - 1)) && joins(text.charCodeAt(end)));
  if (spans === null || straddles || apostropheFrom(text, start) || apostropheFrom(text, end)) return modelTokens(text.slice(start, end));
  const { tokens, starts } = spans;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] < start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < starts.length && starts[last] < end) last++;
  return tokens.slice(low, last);
}
