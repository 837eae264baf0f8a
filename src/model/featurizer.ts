/**
 * The one featurizer the learned models use, in training and in serving: text -> hashed feature ids
 * (word unigrams with negation marking, word bigrams, character n-grams with word boundaries).
 * Training and inference import this same module, so the ids a model was trained on are exactly
 * the ids it sees at run time (test/model/featurizer.test.ts checks the parity).
 */
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';
import { isPunctuationToken, modelTokens } from './model-tokens.js';

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
