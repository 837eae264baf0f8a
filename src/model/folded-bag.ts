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
import { VerbatimError, unreadableModelFile } from '../errors.js';
import { readFoldedTable, type FoldedTable } from './onnx-export.js';
import { openBagRunner } from './onnx-runner.js';
import {
  EMPTY_HASH,
  addCharacterNgrams,
  bucketMask,
  bucketOf,
  hashInt32,
  featurizeTokens,
  walkFeatures,
  wordHash,
  type FeatureVisitor,
  type FeaturizerParams,
  type HashSink,
  type NegationRole,
} from './featurizer.js';
import { MODEL_WORD_LIMIT, currentWord, modelWordEpoch, modelWordsOf, tokensOf, type ModelWord } from './model-words.js';

/**
 * Scores rows of ids or of model words with a folded table. Synchronous (its running sum is
 * instance state, so concurrent async callers can share one instance) and allocation-light.
 *
 * Per model word (model-words.ts) it keeps, at the word's id, its parts of the features in one
 * slab: its word row, its negated-word row and (with character n-grams) the sum of its character
 * n-gram rows, classes values each. A token's own features then read one small hot block instead of
 * scattered rows of a table of several megabytes, and finding that block is an array read by id.
 */
export class FoldedBag implements FeatureVisitor, HashSink {
  readonly classes: number;
  private readonly sum: Float64Array;
  private count = 0;
  private readonly mask: number;
  /** Values of word id i at [i * stride, (i + 1) * stride); allocated on first use (the aspect bag only scores id rows). */
  private slab = new Float32Array(0);
  /** Character n-grams of word id i, or -1 while its slab block is not filled (this epoch). */
  private characterCounts = new Int32Array(0);
  private readonly stride: number;
  /** The model-word epoch the slab belongs to. */
  private epoch = -1;
  /** The features of the row being walked, in order: slab offsets, and table offsets bitwise-negated (see sumQueued). */
  private ops = new Int32Array(256);
  private opCount = 0;
  /** The row being walked (its first words; later entries are stale), current and prepared. */
  private readonly words: ModelWord[] = [];

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
    return this.runWords(rows.map(modelWordsOf));
  }

  /** runTokens() for rows of model words (the document scan's, model-words.ts). */
  runWords(rows: readonly (readonly ModelWord[])[]): Float32Array {
    const result = new Float32Array(rows.length * this.classes);
    // Written by index, never emptied: `length = 0` drops an array's store, and regrowing it
    // allocated ~0.9 KB per row.
    const current = this.words;
    for (let row = 0; row < rows.length; row++) {
      const words = rows[row];
      this.begin();
      // Every word current and filled before the walk. Looking a stale word up again may start a
      // new epoch, which empties the slab: then the row is prepared again.
      let epoch: number;
      do {
        epoch = modelWordEpoch();
        for (let index = 0; index < words.length; index++) current[index] = this.prepare(currentWord(words[index]));
      } while (epoch !== modelWordEpoch());
      if (!walkFeatures(words.length, this.params, this)) this.add(EMPTY_HASH);
      this.finish(result, row);
    }
    return result;
  }

  /** FeatureVisitor: the word's negation role. */
  roleOf(index: number): NegationRole {
    return this.words[index].role;
  }

  /** FeatureVisitor: the word gets character n-grams. */
  isWord(index: number): boolean {
    return this.words[index].isWord;
  }

  /** FeatureVisitor: a word feature. */
  word(index: number, negated: boolean): void {
    this.addSlab(this.words[index].id * this.stride + (negated ? this.classes : 0), 1);
  }

  /** FeatureVisitor: the bigram of tokens[index] and the next token. */
  bigram(index: number): void {
    this.addRow(this.bucketOf(hashInt32(this.words[index + 1].token, this.words[index].bigramPrefix)) * this.classes);
  }

  /** FeatureVisitor: a word's character n-grams, from the slab unless they would cross maxIds. */
  characters(index: number): void {
    const word = this.words[index];
    const characterCount = this.characterCounts[word.id];
    if (characterCount === 0) return;
    if (this.count + characterCount <= this.params.maxIds) this.addSlab(word.id * this.stride + 2 * this.classes, characterCount);
    else addCharacterNgrams(this, word.token, this.params);
  }

  /** HashSink: one hashed feature. */
  add(hash: number): void {
    this.addRow(this.bucketOf(hash) * this.classes);
  }

  /** Queues `count` features whose summed row is slab[offset, offset + classes) (1, or a word's n-grams: the caller checked they fit under maxIds). */
  private addSlab(offset: number, count: number): void {
    if (this.count >= this.params.maxIds) return;
    this.queue(offset);
    this.count += count;
  }

  /** Queues one feature: table[offset, offset + classes), stored bitwise-negated to tell it from a slab block. */
  private addRow(offset: number): void {
    if (this.count >= this.params.maxIds) return;
    this.queue(~offset);
    this.count++;
  }

  private queue(op: number): void {
    if (this.opCount === this.ops.length) {
      const larger = new Int32Array(this.ops.length * 2);
      larger.set(this.ops);
      this.ops = larger;
    }
    this.ops[this.opCount++] = op;
  }

  private begin(): void {
    this.opCount = 0;
    this.count = 0;
  }

  /**
   * Sums the queued rows in walk order (so the floats add up exactly as before). The walk only
   * queues offsets: here the table reads (a bigram's row is a random read in a table of several
   * megabytes, a cache miss on most) follow one another with nothing between them, so the processor
   * has several in flight at once instead of waiting on each in turn inside the walk.
   */
  private sumQueued(): void {
    const sum = this.sum;
    const { table } = this.folded;
    const slab = this.slab;
    const ops = this.ops;
    const classes = this.classes;
    sum.fill(0);
    for (let index = 0; index < this.opCount; index++) {
      const op = ops[index]!;
      if (op >= 0) for (let label = 0; label < classes; label++) sum[label] += slab[op + label]!;
      else for (let label = 0, row = ~op; label < classes; label++) sum[label] += table[row + label]!;
    }
  }

  /** Writes row `row` of the result: mean of the rows, plus bias, over the temperature, activated. */
  private finish(result: Float32Array, row: number): void {
    this.sumQueued();
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

  /** `word` (current), with its slab block filled for this epoch. */
  private prepare(word: ModelWord): ModelWord {
    if (this.epoch !== word.epoch) {
      if (this.slab.length === 0) {
        this.slab = new Float32Array(MODEL_WORD_LIMIT * this.stride);
        this.characterCounts = new Int32Array(MODEL_WORD_LIMIT);
      }
      this.characterCounts.fill(-1);
      this.epoch = word.epoch;
    }
    if (this.characterCounts[word.id] >= 0) return word;
    const classes = this.classes;
    const slot = word.id * this.stride;
    const { table } = this.folded;
    const plain = this.bucketOf(wordHash(word.token, false)) * classes;
    const negated = this.bucketOf(wordHash(word.token, true)) * classes;
    for (let label = 0; label < classes; label++) {
      this.slab[slot + label] = table[plain + label];
      this.slab[slot + classes + label] = table[negated + label];
    }
    this.characterCounts[word.id] = this.params.charMin > 0 && word.isWord ? this.addCharacterParts(word.token, slot + 2 * classes) : 0;
    return word;
  }

  /** Sums a word's character n-gram rows into the slab at `offset` (float64 while summing, as onnxruntime's float32 sum would round no better); returns their count. */
  private addCharacterParts(token: string, offset: number): number {
    const { table } = this.folded;
    const classes = this.classes;
    const sum = new Float64Array(classes);
    let count = 0;
    addCharacterNgrams({ add: (hash) => {
      const row = this.bucketOf(hash) * classes;
      for (let label = 0; label < classes; label++) sum[label] += table[row + label];
      count++;
    } }, token, this.params);
    this.slab.set(sum, offset);
    return count;
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
  /** runTokens() for rows of model words. */
  runWords(rows: readonly (readonly ModelWord[])[]): Promise<Float32Array>;
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
    throw unreadableModelFile(name, file, error);
  }
  if (folded !== null) {
    if (folded.classes !== classes || folded.table.length !== (params.buckets + 1) * classes) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `${file} has ${folded.table.length / folded.classes} rows of ${folded.classes} classes, expected ${params.buckets + 1} of ${classes}` });
    }
    const bag = new FoldedBag(folded, params);
    return { classes, runIds: async (rows) => bag.runIds(rows), runTokens: async (rows) => bag.runTokens(rows), runWords: async (rows) => bag.runWords(rows) };
  }
  const runner = await openBagRunner(name, bytes, params.buckets, classes);
  const runTokens = (rows: readonly (readonly string[])[]) => runner.run(rows.map((tokens) => featurizeTokens(tokens, params)));
  return { classes, runIds: (rows) => runner.run(rows), runTokens, runWords: (rows) => runTokens(rows.map(tokensOf)) };
}
