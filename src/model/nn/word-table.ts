/**
 * The pretrained word vectors (models/embeddings, shared with themes) as the frozen input table of
 * the sequence models: row 0 padding, row rank + 1 the word's unit vector.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelPath } from '../../config.js';
import { VerbatimError } from '../../errors.js';
import { loadWordVectors, VOCABULARY_FILE_NAME, type WordVectors } from '../../themes/embeddings.js';
import type { TokenVocabulary } from './sequence-tokens.js';

/** Hashed trainable rows for tokens without a vector (punctuation, numbers, rare words, emoji). */
export const OOV_BUCKETS = 2048;

let cachedVectors: WordVectors | null = null;

/** The vocabulary view used to tokenize (cheap after the first call: the vectors load once). */
export function defaultTokenVocabulary(folder: string = modelPath('embeddings')): TokenVocabulary {
  cachedVectors ??= loadWordVectors(folder);
  const vectors = cachedVectors;
  return { wordRows: vectors.size, oovBuckets: OOV_BUCKETS, rankOf: (word) => vectors.rankOf(word) };
}

/** The frozen table ((size + 1) x dimensions, row 0 zero) for training. */
export function loadWordTable(folder: string = modelPath('embeddings')): { vocabulary: TokenVocabulary; words: Float32Array; dimensions: number } {
  const vocabulary = defaultTokenVocabulary(folder);
  const vectors = cachedVectors!;
  let words: string[];
  try {
    words = readFileSync(path.join(folder, VOCABULARY_FILE_NAME), 'utf8').split('\n').filter((word) => word.length > 0);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name: 'word vectors', detail: `cannot read ${VOCABULARY_FILE_NAME} in ${folder}` }, { cause: error });
  }
  const D = vectors.dimensions;
  const table = new Float32Array((vectors.size + 1) * D);
  words.forEach((word, rank) => {
    const vector = vectors.vectorOf(word);
    if (vector) table.set(vector, (rank + 1) * D);
  });
  return { vocabulary, words: table, dimensions: D };
}
