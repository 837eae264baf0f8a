/**
 * Comment embeddings: SIF (smooth inverse frequency, Arora, Liang & Ma 2017). Each comment is the
 * weighted mean of its words' unit vectors with weight a / (a + p(w)), p(w) the word's share of
 * the corpus, so frequent words ("dress", "love" in clothing reviews) count less than telling ones;
 * then the corpus's first principal component (the direction every comment shares: syntax and
 * register, not topic) is removed and the result scaled to unit length.
 */
import type { WordVectors } from '../themes/embeddings.js';
import { GENERIC_WORDS } from '../themes/word-lists.js';
import type { Corpus } from './corpus.js';
import { mulberry32 } from '../datasets/random.js';

/**
 * SIF smoothing a. Arora et al. use 1e-4..1e-3 on general text; on feedback the frequent nouns
 * ("dress", "food") name the topic, and a = 0.3 measured best (clothing Class NMI 0.03 at 1e-3,
 * 0.06 at 0.1, 0.08 at 0.3 with SIF alone; see README).
 */
export const SIF_SMOOTHING = 0.3;
/**
 * Extra factor on evaluative words ("great", "love", "disappointed") so comments cluster by topic
 * more than by tone. Measured 0.1, 0.3 and 1: differences within noise on agreement; 0.3 gave
 * fewer tone-only clusters ("super cute") when reading the labels.
 */
export const GENERIC_WORD_FACTOR = 0.3;
/** Power iterations for the first principal component; the top component converges within ~20. */
export const POWER_ITERATIONS = 30;
/**
 * Below this many comments the first component is mostly the comments themselves (with one
 * comment it is exactly its direction, and removing it leaves nothing), so it is kept.
 */
export const MIN_COMMENTS_FOR_COMPONENT_REMOVAL = 50;

/** Embeds comments of a corpus; built once the corpus word counts are final. */
export interface Embedder {
  readonly dimensions: number;
  /**
   * Writes the unit embedding of comment `index` into `target` and returns true, or returns false
   * when the comment has no word with a vector (empty, noise, another language).
   */
  embed(index: number, target: Float32Array): boolean;
}

/**
 * Builds a SIF embedder: weighted word vectors for every corpus word with a vector, and the first
 * principal component fitted on `fitIndexes` (the sample).
 *
 * @example const embedder = createEmbedder(corpus, vectors, sampleIndexes, 7); embedder.embed(0, row);
 */
export function createEmbedder(
  corpus: Corpus,
  vectors: WordVectors,
  fitIndexes: readonly number[],
  seed: number,
): Embedder {
  const dimensions = vectors.dimensions;
  const wordCount = corpus.words.length;
  const weighted = new Float32Array(wordCount * dimensions);
  const known = new Uint8Array(wordCount);
  const total = Math.max(corpus.totalWords, 1);
  for (let word = 0; word < wordCount; word += 1) {
    const lemma = corpus.words[word]!;
    const vector = vectors.vectorOf(lemma);
    if (!vector) continue;
    known[word] = 1;
    const frequency = corpus.countOf(word) / total;
    let weight = SIF_SMOOTHING / (SIF_SMOOTHING + frequency);
    if (GENERIC_WORDS.has(lemma)) weight *= GENERIC_WORD_FACTOR;
    const offset = word * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension += 1) weighted[offset + dimension] = vector[dimension]! * weight;
  }

  const average = (index: number, target: Float32Array): boolean => {
    target.fill(0);
    let used = 0;
    for (const word of corpus.wordsOf(index)) {
      if (!known[word]) continue;
      used += 1;
      const offset = word * dimensions;
      for (let dimension = 0; dimension < dimensions; dimension += 1) target[dimension]! += weighted[offset + dimension]!;
    }
    if (used === 0) return false;
    for (let dimension = 0; dimension < dimensions; dimension += 1) target[dimension]! /= used;
    return true;
  };

  const component =
    fitIndexes.length >= MIN_COMMENTS_FOR_COMPONENT_REMOVAL
      ? firstPrincipalComponent(fitIndexes, average, dimensions, seed)
      : new Float64Array(dimensions);
  return {
    dimensions,
    embed(index, target) {
      if (!average(index, target)) return false;
      let projection = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) projection += target[dimension]! * component[dimension]!;
      let length = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) {
        target[dimension]! -= projection * component[dimension]!;
        length += target[dimension]! * target[dimension]!;
      }
      if (length <= 1e-12) return false;
      const scale = 1 / Math.sqrt(length);
      for (let dimension = 0; dimension < dimensions; dimension += 1) target[dimension]! *= scale;
      return true;
    },
  };
}

/**
 * The top right-singular vector of the (uncentred) matrix of averages, by power iteration on
 * X^T X: each step multiplies by X then X^T without forming the matrix. The start vector comes
 * from the seeded generator, so the sign and value are reproducible.
 */
export function firstPrincipalComponent(
  indexes: readonly number[],
  average: (index: number, target: Float32Array) => boolean,
  dimensions: number,
  seed: number,
): Float64Array {
  const rows: Float32Array[] = [];
  for (const index of indexes) {
    const row = new Float32Array(dimensions);
    if (average(index, row)) rows.push(row);
  }
  const random = mulberry32(seed ^ 0x5f3759df);
  let component = new Float64Array(dimensions);
  for (let dimension = 0; dimension < dimensions; dimension += 1) component[dimension] = random() - 0.5;
  normalizeInPlace(component);
  if (rows.length === 0) return component.fill(0);
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration += 1) {
    const next = new Float64Array(dimensions);
    for (const row of rows) {
      let projection = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) projection += row[dimension]! * component[dimension]!;
      for (let dimension = 0; dimension < dimensions; dimension += 1) next[dimension]! += projection * row[dimension]!;
    }
    if (!normalizeInPlace(next)) return component.fill(0);
    component = next;
  }
  return component;
}

function normalizeInPlace(vector: Float64Array): boolean {
  let length = 0;
  for (const value of vector) length += value * value;
  if (length <= 0) return false;
  const scale = 1 / Math.sqrt(length);
  for (let index = 0; index < vector.length; index += 1) vector[index]! *= scale;
  return true;
}
