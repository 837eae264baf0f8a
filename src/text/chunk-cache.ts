/**
 * A cache in front of the tokenizer, keyed by whitespace-free chunks of text. wink-nlp splits its
 * input at whitespace and tokenizes every piece on its own (only the count of preceding spaces
 * crosses pieces), and every repair in tokenize.ts joins touching tokens only, so a chunk always
 * yields the same tokens wherever it appears. Feedback reuses a few thousand chunks ("delivery",
 * "late.", "don't") over and over: a hit costs one Map lookup instead of wink's readDoc, its
 * lexicon lookups and the per-token objects built on the way (measured: the text stage went from
 * ~28 to ~9 µs per comment on data/sample.jsonl).
 *
 * Chunks not in the cache are tokenized together in one call (joined by single spaces). When that
 * call reports anything unusual (wink rewrote a character and the offset had to be searched for),
 * the comment falls back to tokenizing the whole text, uncached, exactly as before.
 */
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';
import { createTokenForm, type DocumentChunks, type TextChunk, type Token, type TokenForm, type TokenKind } from './document.js';
import { internString } from './intern.js';

/**
 * Values per token in a cached chunk's `tokens`: start and end (relative to the chunk's start),
 * text, normal, lemma, kind, form. One flat array per chunk instead of an object per token: the
 * tokenizer is memory-latency bound (each dependent load on the way to a token's fields a likely
 * cache miss on a 20,000-comment working set), and a token's fields then sit in the chunk's one array.
 */
const TOKEN_VALUES = 7;

/** What the chunk table keys an entry by: the chunk's text and its FNV-1a hash (src/fnv.ts). */
export interface ChunkKey {
  readonly key: string;
  readonly hash: number;
}

/** A cached chunk: its text, its tokens (TOKEN_VALUES values each), and the memo slot later stages may use (TextChunk). */
interface CachedChunk extends TextChunk, ChunkKey {
  readonly tokens: readonly (number | string | TokenForm)[];
  /** tokens.length / TOKEN_VALUES, kept on the chunk so sizing a comment's token list reads no token array. */
  readonly tokenCount: number;
}

/** A text's tokens and, when they came from the cache, its chunks (null on the uncached path). */
export interface ChunkedTokens {
  tokens: Token[];
  chunks: DocumentChunks | null;
}

/** What the wrapped tokenizer returns: tokens and whether their offsets came out exact. */
export interface WholeTokenization {
  tokens: Token[];
  /** False when an offset had to be searched for; such results are never cached. */
  exact: boolean;
}

/** Distinct chunks remembered; the cache is cleared, not evicted, past this. */
const MAXIMUM_CACHED_CHUNKS = 200_000;

/** Slots of the chunk table: a power of two, so the table is at most ~40 % full. */
const TABLE_SLOTS = 1 << 19;

/**
 * The cached chunks by text, in an open-addressing table keyed by a hash the tokenizer takes while
 * it scans for chunk edges. A Map needed each chunk cut out as a new string and hashed again: ~86
 * ns a chunk, against ~25 for a probe that compares the chunk's code units where they lie in the
 * comment (measured on the bench corpus, ~36 chunks per comment). A slot holds an index into the
 * entries, each carrying its key: a hit reads the slot, the entry and its key. (Slots holding the
 * entries themselves, a 2^19-element JS array, made the whole pipeline ~15 % slower in A/B runs
 * both ways, where this typed array costs the collector nothing.) Exported for its tests.
 */
export class ChunkTable<Value extends ChunkKey> {
  /** Entry index of each slot, or -1. */
  private readonly slots = new Int32Array(TABLE_SLOTS).fill(-1);
  private entries: Value[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** The entry whose key is text[start, end) (`hash`: its FNV-1a hash, src/fnv.ts), or null. */
  find(text: string, start: number, end: number, hash: number): Value | null {
    const length = end - start;
    for (let slot = hash & (TABLE_SLOTS - 1); ; slot = (slot + 1) & (TABLE_SLOTS - 1)) {
      const index = this.slots[slot]!;
      if (index < 0) return null;
      const entry = this.entries[index]!;
      const key = entry.key;
      if (key.length !== length) continue;
      let at = 0;
      while (at < length && key.charCodeAt(at) === text.charCodeAt(start + at)) at += 1;
      if (at === length) return entry;
    }
  }

  /** Adds `entry` unless an entry with its key is there already. */
  insert(entry: Value): void {
    if (this.find(entry.key, 0, entry.key.length, entry.hash) !== null) return;
    let slot = entry.hash & (TABLE_SLOTS - 1);
    while (this.slots[slot]! >= 0) slot = (slot + 1) & (TABLE_SLOTS - 1);
    this.slots[slot] = this.entries.length;
    this.entries.push(entry);
  }

  clear(): void {
    this.slots.fill(-1);
    this.entries = [];
  }
}

const SPACE = 0x20;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const TAB = 0x09;

/** The separators wink splits at, once prepareForTokenizer has turned every other space into ' '. */
function isSeparator(unit: number): boolean {
  return unit === SPACE || unit === LINE_FEED || unit === CARRIAGE_RETURN || unit === TAB;
}

/**
 * Wraps `tokenizeWhole` (tokenize.ts without the cache) with the chunk cache. `prepared` is the
 * length-preserving prepared copy of `text`; chunks are found in it and keyed by the ORIGINAL
 * text's slice, from which the prepared slice follows. `maximumChunk` is the longest chunk the
 * cache handles; a longer one sends the comment down the uncached path (tokenize.ts treats long
 * runs specially).
 *
 * Example: const tokenize = createChunkedTokenizer(whole, prepare, 500); tokenize('late again.').tokens
 */
export function createChunkedTokenizer(
  tokenizeWhole: (text: string) => WholeTokenization,
  prepare: (text: string) => string,
  maximumChunk: number,
): (text: string) => ChunkedTokens {
  const cache = new ChunkTable<CachedChunk>();
  /** One TokenForm per normal form (with its usual lemma), shared across chunks. */
  const forms = new Map<string, TokenForm>();

  function formOf(normal: string, lemma: string): TokenForm {
    const known = forms.get(normal);
    if (known !== undefined && known.lemma === lemma) return known;
    const form = createTokenForm(normal, lemma);
    // A normal form seen with another lemma (a rare kind clash) keeps the first record shared.
    if (known === undefined) forms.set(normal, form);
    return form;
  }
  // Reused between calls: chunk starts, ends and hashes, and the cached tokens of each chunk (or null).
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const entries: (CachedChunk | null)[] = [];

  /** Tokenizes the missing chunks in one call and caches them; false if the result was not exact. */
  function fillMissing(text: string, count: number): boolean {
    let joined = '';
    const joinedStarts: number[] = [];
    const missing: number[] = [];
    const keys: string[] = [];
    for (let chunk = 0; chunk < count; chunk += 1) {
      if (entries[chunk] !== null) continue;
      if (joined.length > 0) joined += ' ';
      joinedStarts.push(joined.length);
      missing.push(chunk);
      const key = internString(text.slice(starts[chunk]!, ends[chunk]!));
      keys.push(key);
      joined += key;
    }
    const { tokens, exact } = tokenizeWhole(joined);
    if (!exact) return false;
    const values: (number | string | TokenForm)[][] = missing.map(() => []);
    let target = 0;
    for (const token of tokens) {
      while (target + 1 < missing.length && token.start >= joinedStarts[target + 1]!) target += 1;
      const base = joinedStarts[target]!;
      const normal = internString(token.normal);
      const lemma = internString(token.lemma);
      values[target]!.push(token.start - base, token.end - base, internString(token.text), normal, lemma, token.kind, formOf(normal, lemma));
    }
    if (cache.size + missing.length > MAXIMUM_CACHED_CHUNKS) {
      cache.clear();
      forms.clear();
    }
    for (let position = 0; position < missing.length; position += 1) {
      const chunk = missing[position]!;
      const tokenValues = values[position]!;
      const key = keys[position]!;
      const cached: CachedChunk = {
        key,
        hash: hashes[chunk]!,
        tokens: tokenValues,
        tokenCount: tokenValues.length / TOKEN_VALUES,
        length: key.length,
        memoOwner: null,
        memoValue: null,
      };
      entries[chunk] = cached;
      cache.insert(cached);
    }
    return true;
  }

  /** The uncached path: the whole text at once, no chunks. */
  const whole = (text: string): ChunkedTokens => ({ tokens: tokenizeWhole(text).tokens, chunks: null });

  return (text: string): ChunkedTokens => {
    const prepared = prepare(text);
    const length = prepared.length;
    let count = 0;
    let misses = 0;
    let position = 0;
    while (position < length) {
      while (position < length && isSeparator(prepared.charCodeAt(position))) position += 1;
      if (position >= length) break;
      const start = position;
      // Edges are found in the prepared copy; the key (and so the hash) is the original text's.
      let hash = FNV_OFFSET | 0;
      while (position < length && !isSeparator(prepared.charCodeAt(position))) {
        hash = Math.imul(hash ^ text.charCodeAt(position), FNV_PRIME);
        position += 1;
      }
      if (position - start >= maximumChunk) return whole(text);
      const entry = cache.find(text, start, position, hash);
      if (entry === null) misses += 1;
      starts[count] = start;
      ends[count] = position;
      hashes[count] = hash;
      entries[count] = entry;
      count += 1;
    }
    if (misses > 0 && !fillMissing(text, count)) return whole(text);
    const chunks: DocumentChunks = { starts: starts.slice(0, count), chunks: entries.slice(0, count) as CachedChunk[] };
    // Counted first, so the array is made at its size (grown by push it left ~1 KB of garbage a comment).
    let total = 0;
    for (let chunk = 0; chunk < count; chunk += 1) total += entries[chunk]!.tokenCount;
    const tokens = new Array<Token>(total);
    let next = 0;
    for (let chunk = 0; chunk < count; chunk += 1) {
      const base = starts[chunk]!;
      const values = entries[chunk]!.tokens;
      for (let at = 0; at < values.length; at += TOKEN_VALUES) {
        tokens[next++] = {
          start: base + (values[at] as number),
          end: base + (values[at + 1] as number),
          text: values[at + 2] as string,
          normal: values[at + 3] as string,
          lemma: values[at + 4] as string,
          kind: values[at + 5] as TokenKind,
          pos: '',
          shouting: false,
          form: values[at + 6] as TokenForm,
        };
      }
    }
    return { tokens, chunks };
  };
}
