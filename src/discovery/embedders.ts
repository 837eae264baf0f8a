/**
 * The comment embedder discovery uses, chosen on measurement (see README): SIF word vectors carry
 * meaning across wordings ("late" ~ "delayed") and win on short texts; TF-IDF + SVD keeps strong
 * keywords ("dress", "jeans") and wins on long reviews. The hybrid concatenates both unit vectors
 * with equal weight, so a cosine in it is the mean of the two cosines.
 */
import type { WordVectors } from '../themes/embeddings.js';
import type { Corpus } from './corpus.js';
import { createEmbedder, type Embedder } from './embed.js';
import { createLsaEmbedder } from './lsa.js';

export const EMBEDDING_METHODS = ['sif', 'lsa', 'hybrid'] as const;
export type EmbeddingMethod = (typeof EMBEDDING_METHODS)[number];
/** The default, measured best over the clothing and SemEval corpora together. */
export const DEFAULT_EMBEDDING_METHOD: EmbeddingMethod = 'hybrid';
/**
 * Weight of the word-vector part in a hybrid cosine (the TF-IDF/SVD part gets the rest). 0.25
 * measured best of 0.25/0.5 (clothing Class NMI 0.208 vs 0.141; SemEval category 0.180 vs 0.212).
 */
export const WORD_VECTOR_SHARE = 0.25;

/**
 * Builds the embedder for `method`, fitted on the sample `fitIndexes`.
 *
 * @example createCommentEmbedder('hybrid', corpus, vectors, sampleIndexes, 7).dimensions // 200
 */
export function createCommentEmbedder(
  method: EmbeddingMethod,
  corpus: Corpus,
  vectors: WordVectors,
  fitIndexes: readonly number[],
  seed: number,
): Embedder {
  if (method === 'sif') return createEmbedder(corpus, vectors, fitIndexes, seed);
  if (method === 'lsa') return createLsaEmbedder(corpus, fitIndexes, seed);
  return concatenate(createEmbedder(corpus, vectors, fitIndexes, seed), createLsaEmbedder(corpus, fitIndexes, seed));
}

function concatenate(first: Embedder, second: Embedder): Embedder {
  const dimensions = first.dimensions + second.dimensions;
  const left = new Float32Array(first.dimensions);
  const right = new Float32Array(second.dimensions);
  return {
    dimensions,
    embed(index, target) {
      const hasLeft = first.embed(index, left);
      const hasRight = second.embed(index, right);
      if (!hasLeft && !hasRight) return false;
      // Each part is unit length (or zero); scale so the whole is unit length.
      const leftScale = hasLeft ? (hasRight ? Math.sqrt(WORD_VECTOR_SHARE) : 1) : 0;
      const rightScale = hasRight ? (hasLeft ? Math.sqrt(1 - WORD_VECTOR_SHARE) : 1) : 0;
      for (let dimension = 0; dimension < first.dimensions; dimension += 1) target[dimension] = left[dimension]! * leftScale;
      for (let dimension = 0; dimension < second.dimensions; dimension += 1) target[first.dimensions + dimension] = right[dimension]! * rightScale;
      return true;
    },
  };
}
