/**
 * The one featurizer the learned models use, in training and in serving: text -> hashed feature ids
 * (word unigrams with negation marking, word bigrams, character n-grams with word boundaries).
 * Training and inference import this same module, so the ids a model was trained on are exactly
 * the ids it sees at run time (test/model/featurizer.test.ts checks the parity).
 */

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
const BARE_NEGATIVE_CONTRACTIONS: Record<string, string> = {
  dont: 'do', doesnt: 'does', didnt: 'did', isnt: 'is', wasnt: 'was', arent: 'are', werent: 'were',
  cant: 'ca', wont: 'wo', couldnt: 'could', wouldnt: 'would', shouldnt: 'should', havent: 'have',
  hasnt: 'has', hadnt: 'had', aint: 'is', mustnt: 'must',
};

const TOKEN_PATTERN = /[\p{L}\p{N}]+|'[\p{L}]+|[!?]+|[.,;:]|\p{Extended_Pictographic}/gu;
const PUNCTUATION = /^[!?.,;:]+$/;

/**
 * Splits text into the normalized tokens the model sees. Raw text ("doesn't") and pre-tokenized
 * treebank text ("does n't") give the same tokens ("does", "not"), so SST trains what CX serves.
 */
export function modelTokens(text: string): string[] {
  const normalized = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
  const tokens: string[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    if (token === "'t" && tokens.length > 0 && tokens[tokens.length - 1].endsWith('n')) {
      const stem = tokens[tokens.length - 1].slice(0, -1);
      if (stem.length > 0) tokens[tokens.length - 1] = stem;
      else tokens.pop();
      tokens.push('not');
    } else if (token in BARE_NEGATIVE_CONTRACTIONS) {
      tokens.push(BARE_NEGATIVE_CONTRACTIONS[token], 'not');
    } else if (token === "''" || token === "'") {
      continue;
    } else {
      tokens.push(token[0] === '!' || token[0] === '?' ? token.slice(0, 2) : token);
    }
  }
  return tokens;
}

/** Marks words inside a negation scope with "NOT_" ("not good" -> "not", "NOT_good"). */
export function markNegation(tokens: readonly string[], maxScope: number): string[] {
  const marked: string[] = new Array(tokens.length);
  let remaining = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (PUNCTUATION.test(token) || SCOPE_BREAKERS.has(token)) {
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, continued from `hash` (so namespaces and pieces chain cheaply). */
export function hashString(text: string, hash: number = FNV_OFFSET): number {
  let value = hash;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, FNV_PRIME);
  }
  return value >>> 0;
}

const WORD_NAMESPACE = hashString('w\u0001');
const BIGRAM_NAMESPACE = hashString('b\u0001');
const CHAR_NAMESPACE = hashString('c\u0001');
const SEPARATOR = 0x20;

/** Appends one hashed feature to a growable id list. */
export class FeatureSink {
  ids: number[] = [];
  constructor(readonly buckets: number, readonly maxIds: number) {}

  add(hash: number): void {
    if (this.ids.length < this.maxIds) this.ids.push(hash % this.buckets);
  }

  /** Adds a feature named by namespace + text. */
  addText(namespace: number, text: string): void {
    this.add(hashString(text, namespace));
  }
}

/** Character n-grams of "<word>" for n in [charMin, charMax], hashed incrementally. */
export function addCharacterNgrams(sink: FeatureSink, word: string, params: FeaturizerParams, namespace = CHAR_NAMESPACE): void {
  if (params.charMin <= 0) return;
  const bounded = '<' + word + '>';
  const length = bounded.length;
  for (let start = 0; start + params.charMin <= length; start++) {
    let hash = namespace;
    for (let offset = 0; offset < params.charMax && start + offset < length; offset++) {
      hash ^= bounded.charCodeAt(start + offset);
      hash = Math.imul(hash, FNV_PRIME);
      if (offset + 1 >= params.charMin) sink.add(hash >>> 0);
    }
  }
}

/** Word bigram "a b" hashed without building the string. */
export function bigramHash(first: string, second: string, namespace = BIGRAM_NAMESPACE): number {
  let hash = hashString(first, namespace);
  hash ^= SEPARATOR;
  hash = Math.imul(hash, FNV_PRIME) >>> 0;
  return hashString(second, hash);
}

function isWord(token: string): boolean {
  const code = token.charCodeAt(0);
  return !PUNCTUATION.test(token) && code !== 0x27 && token.length < 30;
}

/** Feature ids of one text for the sentence and emotion models. Deterministic, pure. */
export function featurize(text: string, params: FeaturizerParams): number[] {
  const tokens = modelTokens(text);
  const marked = markNegation(tokens, params.negationScope);
  const sink = new FeatureSink(params.buckets, params.maxIds);
  for (let index = 0; index < tokens.length; index++) {
    sink.addText(WORD_NAMESPACE, marked[index]);
    if (params.bigrams && index + 1 < tokens.length) sink.add(bigramHash(tokens[index], tokens[index + 1]));
  }
  for (const token of tokens) if (isWord(token)) addCharacterNgrams(sink, token, params);
  if (sink.ids.length === 0) sink.addText(WORD_NAMESPACE, '<empty>');
  return sink.ids;
}
