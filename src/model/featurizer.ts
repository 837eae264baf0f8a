/**
 * The one featurizer the learned models use, in training and in serving: text -> hashed feature ids
 * (word unigrams with negation marking, word bigrams, character n-grams with word boundaries).
 * Training and inference import this same module, so the ids a model was trained on are exactly
 * the ids it sees at run time (test/model/featurizer.test.ts checks the parity).
 */
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';

/** Parameters stored in meta.json: a model is only valid with the featurizer it was trained with. */
export interface FeaturizerParams {
  /** Number of hash buckets; ids are in [0, buckets). Row `buckets` of the table is padding. */
  buckets: number;
  /** Smallest and largest character n-gram (on "<word>", with boundary marks). 0 disables. */
  charMin: number;
  charMax: number;
  /** Emit word bigrams. */
  bigrams: boolean;
  /** Longest negation scope in tokens (a scope also ends at punctuation or a contrast word). */
  negationScope: number;
  /** Cap on feature ids per text; longer texts are truncated (keeps batches bounded). */
  maxIds: number;
}

/** Base parameters; each model overrides some and records its own in meta.json (see the model cards). */
export const DEFAULT_FEATURIZER: FeaturizerParams = {
  buckets: 1 << 18,
  charMin: 3,
  charMax: 5,
  bigrams: true,
  negationScope: 6,
  maxIds: 4096,
};

/** Words that open a negation scope (Das and Chen 2001; Pang et al. 2002 mark words after them). */
const NEGATION_CUES = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'nor', 'neither', 'nowhere', 'cannot',
  'without', 'hardly', 'barely', 'lack', 'lacks', 'lacking',
]);

/** Words that end a negation scope: what follows a contrast has its own polarity. */
const SCOPE_BREAKERS = new Set(['but', 'however', 'yet', 'although', 'though', 'except', 'while']);

/** Contractions written without the apostrophe, as in survey answers ("dont", "wont"). */
const BARE_NEGATIVE_CONTRACTIONS = new Map<string, string>(Object.entries({
  dont: 'do', doesnt: 'does', didnt: 'did', isnt: 'is', wasnt: 'was', arent: 'are', werent: 'were',
  cant: 'ca', wont: 'wo', couldnt: 'could', wouldnt: 'would', shouldnt: 'should', havent: 'have',
  hasnt: 'has', hadnt: 'had', aint: 'is', mustnt: 'must',
}));

/** True for a punctuation token of modelTokens ("!!", "?", ".", ","...): the scanner never mixes marks with other characters. */
function isPunctuationToken(token: string): boolean {
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

/** Marks words inside a negation scope with "NOT_" ("not good" -> "not", "NOT_good"). */
export function markNegation(tokens: readonly string[], maxScope: number): string[] {
  const marked: string[] = new Array(tokens.length);
  let remaining = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (isPunctuationToken(token) || SCOPE_BREAKERS.has(token)) {
      remaining = 0;
      marked[index] = token;
    } else if (NEGATION_CUES.has(token)) {
      remaining = maxScope;
      marked[index] = token;
    } else if (remaining > 0) {
      remaining--;
      marked[index] = 'NOT_' + token;
    } else {
      marked[index] = token;
    }
  }
  return marked;
}

/** FNV-1a over UTF-16 code units, continued from `hash` (so namespaces and pieces chain cheaply). */
export function hashString(text: string, hash: number = FNV_OFFSET): number {
  return hashInt32(text, hash) >>> 0;
}

/**
 * hashString's bits as a signed 32-bit integer (`hash` may be either form): a small integer to V8,
 * where a hash above 2^31 passed between functions is a heap-allocated number (the folded bags'
 * bigrams allocated ~100 of them per comment). bucketOf takes either form.
 */
export function hashInt32(text: string, hash: number = FNV_OFFSET): number {
  let value = hash | 0;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, FNV_PRIME);
  }
  return value;
}

const WORD_NAMESPACE = hashString('w\u0001');
const BIGRAM_NAMESPACE = hashString('b\u0001');
const CHAR_NAMESPACE = hashString('c\u0001');
const SEPARATOR = 0x20;

/** Anything that takes hashed features one at a time (an id list, a folded model's running sum). */
export interface HashSink {
  add(hash: number): void;
}

/** buckets - 1 when buckets is a power of two (every shipped model), so a bucket is `hash & mask`; else -1 (see bucketOf). */
export function bucketMask(buckets: number): number {
  return buckets > 0 && (buckets & (buckets - 1)) === 0 && buckets <= 2 ** 30 ? buckets - 1 : -1;
}

/** The bucket of a feature hash (hashString's or hashInt32's form): the mask when there is one (no float modulo on the hot path), else the modulo. */
export function bucketOf(hash: number, mask: number, buckets: number): number {
  return mask >= 0 ? hash & mask : (hash >>> 0) % buckets;
}

/** Appends one hashed feature to a growable id list. */
export class FeatureSink implements HashSink {
  ids: number[] = [];
  private readonly mask: number;
  constructor(readonly buckets: number, readonly maxIds: number) {
    this.mask = bucketMask(buckets);
  }

  add(hash: number): void {
    if (this.ids.length < this.maxIds) this.ids.push(bucketOf(hash, this.mask, this.buckets));
  }

  /** Adds a feature named by namespace + text. */
  addText(namespace: number, text: string): void {
    this.add(hashString(text, namespace));
  }
}

/** The code unit at `index` of "<word>" without building that string. */
function boundedUnit(word: string, index: number): number {
  return index === 0 ? 0x3c : index > word.length ? 0x3e : word.charCodeAt(index - 1);
}

/** Character n-grams of "<word>" for n in [charMin, charMax], hashed incrementally. */
export function addCharacterNgrams(sink: HashSink, word: string, params: FeaturizerParams, namespace = CHAR_NAMESPACE): void {
  if (params.charMin <= 0) return;
  const length = word.length + 2;
  for (let start = 0; start + params.charMin <= length; start++) {
    let hash = namespace;
    for (let offset = 0; offset < params.charMax && start + offset < length; offset++) {
      hash ^= boundedUnit(word, start + offset);
      hash = Math.imul(hash, FNV_PRIME);
      if (offset + 1 >= params.charMin) sink.add(hash >>> 0);
    }
  }
}

/** Word bigram "a b" hashed without building the string. */
export function bigramHash(first: string, second: string, namespace = BIGRAM_NAMESPACE): number {
  return hashString(second, bigramPrefix(first, namespace));
}

/** The hash state of "a " in the bigram namespace: bigramHash(a, b) = hashString(b, bigramPrefix(a)), so a cache can keep it per word. */
export function bigramPrefix(first: string, namespace = BIGRAM_NAMESPACE): number {
  let hash = hashString(first, namespace);
  hash ^= SEPARATOR;
  return Math.imul(hash, FNV_PRIME) >>> 0;
}

/** True for a token that gets character n-grams: not punctuation, not a clitic ("'s"), under 30 units. */
export function isWord(token: string): boolean {
  const code = token.charCodeAt(0);
  return !isPunctuationToken(token) && code !== 0x27 && token.length < 30;
}

/** Hash of "NOT_" + token, continued from the word namespace (markNegation's marked form). */
const NEGATED_WORD_NAMESPACE = hashString('NOT_', WORD_NAMESPACE);

/** Hash of the word feature of `token`, plain or inside a negation scope ("NOT_" + token). */
export function wordHash(token: string, negated: boolean): number {
  return hashString(token, negated ? NEGATED_WORD_NAMESPACE : WORD_NAMESPACE);
}

/** The feature a text with no token gets, so every row has at least one id. */
export const EMPTY_HASH = hashString('<empty>', WORD_NAMESPACE);

/**
 * The features of a token list, in id order, as calls on a visitor: for each token its word feature
 * (negated inside a scope) and its bigram with the next token, then every word's character
 * n-grams. featurizeTokens turns the calls into ids; a folded bag model (folded-bag.ts) into a
 * running sum of logits with per-word parts cached. One walk, so both see the same features.
 */
export interface FeatureVisitor {
  /** negationRole(tokens[index]) (a visitor may have it cached per word). */
  roleOf(index: number): NegationRole;
  word(index: number, negated: boolean): void;
  /** The bigram of tokens[index] and tokens[index + 1]. */
  bigram(index: number): void;
  /** Character n-grams of tokens[index] (only called for isWord tokens). */
  characters(index: number): void;
  /** isWord(tokens[index]) (a visitor may have it cached per word). */
  isWord(index: number): boolean;
}

/** A token's part in negation scoping: none, a scope's end (punctuation, contrast word), or a cue. */
export const NegationRole = { None: 0, Breaker: 1, Cue: 2 } as const;
export type NegationRole = (typeof NegationRole)[keyof typeof NegationRole];

/** The negation role of a token (what markNegation does with it). */
export function negationRole(token: string): NegationRole {
  if (isPunctuationToken(token) || SCOPE_BREAKERS.has(token)) return NegationRole.Breaker;
  return NEGATION_CUES.has(token) ? NegationRole.Cue : NegationRole.None;
}

/** Walks the features of a text's `count` tokens (see FeatureVisitor); returns false when there are none. */
export function walkFeatures(count: number, params: FeaturizerParams, visitor: FeatureVisitor): boolean {
  let remaining = 0;
  for (let index = 0; index < count; index++) {
    // Negation scope as markNegation: punctuation and contrast words end it, cues open it.
    const role = visitor.roleOf(index);
    let negated = false;
    if (role === NegationRole.Breaker) remaining = 0;
    else if (role === NegationRole.Cue) remaining = params.negationScope;
    else if (remaining > 0) {
      remaining--;
      negated = true;
    }
    visitor.word(index, negated);
    if (params.bigrams && index + 1 < count) visitor.bigram(index);
  }
  if (params.charMin > 0) for (let index = 0; index < count; index++) if (visitor.isWord(index)) visitor.characters(index);
  return count > 0;
}

/**
 * Feature ids of one text for the sentence and emotion models. Deterministic, pure.
 * The same ids as hashing markNegation's marked tokens, their bigrams and character n-grams, but
 * without building the marked strings, the bigram strings or "<word>" (featurize runs on every
 * clause and every comment: these strings were a third of its time).
 */
export function featurize(text: string, params: FeaturizerParams): number[] {
  return featurizeTokens(modelTokens(text), params);
}

/** Turns the walk into ids. */
class IdVisitor implements FeatureVisitor {
  constructor(readonly tokens: readonly string[], readonly params: FeaturizerParams, readonly sink: FeatureSink) {}
  roleOf(index: number): NegationRole {
    return negationRole(this.tokens[index]);
  }
  word(index: number, negated: boolean): void {
    this.sink.add(wordHash(this.tokens[index], negated));
  }
  bigram(index: number): void {
    this.sink.add(bigramHash(this.tokens[index], this.tokens[index + 1]));
  }
  characters(index: number): void {
    addCharacterNgrams(this.sink, this.tokens[index], this.params);
  }
  isWord(index: number): boolean {
    return isWord(this.tokens[index]);
  }
}

/** featurize() over tokens already made by modelTokens (a cascade tokenizes a clause once for both of its models). */
export function featurizeTokens(tokens: readonly string[], params: FeaturizerParams): number[] {
  const sink = new FeatureSink(params.buckets, params.maxIds);
  if (!walkFeatures(tokens.length, params, new IdVisitor(tokens, params, sink))) sink.add(EMPTY_HASH);
  return sink.ids;
}
