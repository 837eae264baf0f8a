/**
 * A folded bag model (onnx-export.ts: each hash bucket holds its logit contributions) evaluated in
 * plain JavaScript, with featurization fused into the sum: no id arrays, no padded tensors, no
 * onnxruntime call, and the per-word parts of the features (the word's own rows, its bigram
 * prefix and negation role, the sum of its character n-gram rows) cached across texts. The emotion
 * model's featurize + ORT run was ~15 % of the whole pipeline; the sum is a few additions per id.
 * The arithmetic is the graph's: logits = (sum of rows / ids + bias) / T, then softmax or sigmoid;
 * test/model/folded-bag.test.ts checks it against onnxruntime and against featurizeTokens' ids.
 */
import { readFile } from 'node:fs/promises';
import { VerbatimError } from '../errors.js';
import { readFoldedTable, type FoldedTable } from './onnx-export.js';
import { openBagRunner } from './onnx-runner.js';
import {
  EMPTY_HASH,
  addCharacterNgrams,
  bigramPrefix,
  bucketMask,
  bucketOf,
  hashString,
  featurizeTokens,
  isWord,
  negationRole,
  walkFeatures,
  wordHash,
  type FeatureVisitor,
  type FeaturizerParams,
  type HashSink,
  type NegationRole,
} from './featurizer.js';

/**
 * Words whose parts are kept. Past it the cache starts over: a long job meets new words (names,
 * order numbers) forever, and ~200 bytes a word must stay well inside the server's memory budget.
 */
export const WORD_CACHE_LIMIT = 40_000;

/**
 * A word's cached parts: the hash state its bigrams continue from, its negation role, and where its
 * values sit in the slab: its word row, its negated-word row and (with character n-grams) the sum
 * of its character n-gram rows, classes values each. A token's own features then read one small
 * hot block instead of scattered rows of a table of several megabytes.
 */
interface WordParts {
  bigramPrefix: number;
  slot: number;
  /** Character n-grams of the word (0 when it gets none, or they are off). */
  characterCount: number;
  role: NegationRole;
}

/**
 * Scores rows of ids or of model tokens with a folded table. Synchronous (its running sum is
 * instance state, so concurrent async callers can share one instance) and allocation-light.
 */
export class FoldedBag implements FeatureVisitor, HashSink {
  readonly classes: number;
  private readonly sum: Float64Array;
  private count = 0;
  private readonly mask: number;
  private readonly cache = new Map<string, WordParts>();
  /**
   * The cached words' values (see WordParts), `stride` values each, in one array: a typed array per
   * word cost ~5x its payload in headers (server RSS is budgeted).
   */
  private slab = new Float32Array(0);
  private readonly stride: number;
  private slabUsed = 0;
  private tokens: readonly string[] = [];
  private parts: WordParts[] = [];

  constructor(
    private readonly folded: FoldedTable,
    private readonly params: FeaturizerParams,
  ) {
    this.classes = folded.classes;
    this.sum = new Float64Array(folded.classes);
    this.mask = bucketMask(params.buckets);
    this.stride = (params.charMin > 0 ? 3 : 2) * folded.classes;
  }

  /** n x classes probabilities for rows of bucket ids (any featurizer's output). */
  runIds(rows: readonly (readonly number[])[]): Float32Array {
    const result = new Float32Array(rows.length * this.classes);
    rows.forEach((ids, row) => {
      this.begin();
      for (const id of ids) this.addRow(id * this.classes);
      this.finish(result, row);
    });
    return result;
  }

  /** n x classes probabilities for rows of modelTokens output, featurized as featurizeTokens does. */
  runTokens(rows: readonly (readonly string[])[]): Float32Array {
    const result = new Float32Array(rows.length * this.classes);
    for (let row = 0; row < rows.length; row++) {
      const tokens = rows[row];
      this.begin();
      this.tokens = tokens;
      this.parts.length = 0;
      for (let index = 0; index < tokens.length; index++) this.parts.push(this.partsOf(tokens[index]));
      if (!walkFeatures(tokens, this.params, this)) this.add(EMPTY_HASH);
      this.finish(result, row);
    }
    this.tokens = [];
    return result;
  }

  /** FeatureVisitor: the token's cached negation role. */
  roleOf(index: number): NegationRole {
    return this.parts[index].role;
  }

  /** FeatureVisitor: a word feature. */
  word(index: number, negated: boolean): void {
    this.addSlab(this.parts[index].slot + (negated ? this.classes : 0), 1);
  }

  /** FeatureVisitor: the bigram of tokens[index] and the next token. */
  bigram(index: number): void {
    this.add(hashString(this.tokens[index + 1], this.parts[index].bigramPrefix));
  }

  /** FeatureVisitor: a word's character n-grams, from the cache unless they would cross maxIds. */
  characters(index: number): void {
    const parts = this.parts[index];
    if (parts.characterCount === 0) return;
    if (this.count + parts.characterCount <= this.params.maxIds) this.addSlab(parts.slot + 2 * this.classes, parts.characterCount);
    else addCharacterNgrams(this, this.tokens[index], this.params);
  }

  /** HashSink: one hashed feature. */
  add(hash: number): void {
    this.addRow(this.bucketOf(hash) * this.classes);
  }

  /** Adds `count` features whose summed row is slab[offset, offset + classes) (1, or a word's n-grams: the caller checked they fit under maxIds). */
  private addSlab(offset: number, count: number): void {
    if (this.count >= this.params.maxIds) return;
    const slab = this.slab;
    const sum = this.sum;
    for (let label = 0; label < this.classes; label++) sum[label] += slab[offset + label];
    this.count += count;
  }

  private addRow(offset: number): void {
    if (this.count >= this.params.maxIds) return;
    const { table } = this.folded;
    const sum = this.sum;
    for (let label = 0; label < this.classes; label++) sum[label] += table[offset + label];
    this.count++;
  }

  private begin(): void {
    this.sum.fill(0);
    this.count = 0;
  }

  /** Writes row `row` of the result: mean of the rows, plus bias, over the temperature, activated. */
  private finish(result: Float32Array, row: number): void {
    const { bias, inverseTemperature, output } = this.folded;
    const scale = this.count > 0 ? 1 / this.count : 0;
    const base = row * this.classes;
    let maximum = -Infinity;
    for (let label = 0; label < this.classes; label++) {
      const logit = (this.sum[label] * scale + bias[label]) * inverseTemperature;
      this.sum[label] = logit;
      if (logit > maximum) maximum = logit;
    }
    if (output === 'sigmoid') {
      for (let label = 0; label < this.classes; label++) result[base + label] = 1 / (1 + Math.exp(-this.sum[label]));
      return;
    }
    let total = 0;
    for (let label = 0; label < this.classes; label++) total += this.sum[label] = Math.exp(this.sum[label] - maximum);
    for (let label = 0; label < this.classes; label++) result[base + label] = this.sum[label] / total;
  }

  private partsOf(token: string): WordParts {
    let parts = this.cache.get(token);
    if (parts !== undefined) return parts;
    const classes = this.classes;
    if (this.cache.size >= WORD_CACHE_LIMIT) {
      this.cache.clear();
      this.slabUsed = 0;
    }
    // Allocated on first use: the aspect bag only ever scores id rows.
    if (this.slab.length === 0) this.slab = new Float32Array(WORD_CACHE_LIMIT * this.stride);
    parts = { bigramPrefix: bigramPrefix(token), slot: this.slabUsed, characterCount: 0, role: negationRole(token) };
    this.slabUsed += this.stride;
    const { table } = this.folded;
    const word = this.bucketOf(wordHash(token, false)) * classes;
    const negated = this.bucketOf(wordHash(token, true)) * classes;
    for (let label = 0; label < classes; label++) {
      this.slab[parts.slot + label] = table[word + label];
      this.slab[parts.slot + classes + label] = table[negated + label];
    }
    if (this.params.charMin > 0 && isWord(token)) this.addCharacterParts(token, parts);
    this.cache.set(token, parts);
    return parts;
  }

  /** Sums a word's character n-gram rows into its slab block (float64 while summing, as onnxruntime's float32 sum would round no better). */
  private addCharacterParts(token: string, parts: WordParts): void {
    const { table } = this.folded;
    const classes = this.classes;
    const sum = new Float64Array(classes);
    let count = 0;
    addCharacterNgrams({ add: (hash) => {
      const offset = this.bucketOf(hash) * classes;
      for (let label = 0; label < classes; label++) sum[label] += table[offset + label];
      count++;
    } }, token, this.params);
    parts.characterCount = count;
    this.slab.set(sum, parts.slot + 2 * classes);
  }

  private bucketOf(hash: number): number {
    return bucketOf(hash, this.mask, this.params.buckets);
  }
}

/** A bag model behind one interface, whether it runs folded in JS or as a graph in onnxruntime. */
export interface BagScorer {
  readonly classes: number;
  /** n x classes probabilities for rows of bucket ids. */
  runIds(rows: readonly (readonly number[])[]): Promise<Float32Array>;
  /** n x classes probabilities for rows of modelTokens output (the featurizer is the model's own). */
  runTokens(rows: readonly (readonly string[])[]): Promise<Float32Array>;
}

/**
 * Opens an exported bag model: folded graphs (every shipped model) run in JS with fused
 * featurization; graphs with a hidden layer run in onnxruntime-node. Errors are VERBATIM_E_MODEL.
 */
export async function openBagScorer(name: string, file: string, params: FeaturizerParams, classes: number): Promise<BagScorer> {
  let bytes: Uint8Array;
  let folded: FoldedTable | null;
  try {
    bytes = await readFile(file);
    folded = readFoldedTable(bytes);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` }, { cause: error });
  }
  if (folded !== null) {
    if (folded.classes !== classes || folded.table.length !== (params.buckets + 1) * classes) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `${file} has ${folded.table.length / folded.classes} rows of ${folded.classes} classes, expected ${params.buckets + 1} of ${classes}` });
    }
    const bag = new FoldedBag(folded, params);
    return { classes, runIds: async (rows) => bag.runIds(rows), runTokens: async (rows) => bag.runTokens(rows) };
  }
  const runner = await openBagRunner(name, bytes, params.buckets, classes);
  return { classes, runIds: (rows) => runner.run(rows), runTokens: (rows) => runner.run(rows.map((tokens) => featurizeTokens(tokens, params))) };
}
