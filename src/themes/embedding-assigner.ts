/**
 * Word-vector matching: a content word that is no seed ("parcel", "reimbursement") is assigned
 * to the theme whose single-word seeds it is most similar to, when that similarity reaches the
 * threshold. Seed vectors are computed once; each word's answer is cached, so after warm-up a
 * token costs one Map lookup.
 */
import { centroidOf, dot, type WordVectors } from './embeddings.js';

/** How a theme's seeds are compared with a word (chosen on test/themes/fixtures/theme-cases.jsonl). */
export type SimilarityMode = 'max-seed' | 'centroid';

/** The best theme for one word. */
export interface EmbeddingMatch {
  theme: number;
  similarity: number;
  /** The theme's seed nearest to the word (reported as the matched term). */
  nearestSeed: string;
}

/**
 * Words more frequent than this rank (in the vocabulary's corpus-frequency order) are never
 * matched by similarity: "open", "show", "stop", "answer" sit near many seeds yet name no topic.
 * 1,500 removed most false matches on test/themes/fixtures/theme-cases.jsonl while keeping
 * topical paraphrases ("reimbursement", "grievance", "booklet"), which are rarer.
 */
export const MIN_WORD_RANK = 1_500;

/**
 * How far the best theme must lead the runner-up. A word about equally near two themes ("clearly":
 * communication-clarity and support-knowledge) says nothing certain about either.
 */
export const MIN_MARGIN = 0.05;

/**
 * Entries kept in the per-word cache before it is cleared: customer vocabulary is Zipfian, so
 * 50k distinct words hold nearly every repeat while bounding memory to a few MB.
 */
const CACHE_LIMIT = 50_000;

export interface EmbeddingAssigner {
  /** The theme a word belongs to by similarity, or null. `word` is a lower-case normal form. */
  assign(word: string): EmbeddingMatch | null;
}

/**
 * Precomputes the seed vectors of every theme.
 *
 * @example createEmbeddingAssigner(vectors, [['refund']], 0.55).assign('reimbursement')
 */
export function createEmbeddingAssigner(
  vectors: WordVectors,
  singleWordSeeds: readonly (readonly string[])[],
  threshold: number,
  mode: SimilarityMode = 'centroid',
): EmbeddingAssigner {
  // Per theme, its anchor seeds and their vectors; themes without any known seed are left out.
  const themes: { theme: number; seeds: string[]; vectors: Float32Array[]; centroid: Float32Array }[] = [];
  singleWordSeeds.forEach((seeds, theme) => {
    const entry = { theme, seeds: [] as string[], vectors: [] as Float32Array[] };
    for (const seed of seeds) {
      // Frequent seeds ("clear", "book") have broad neighbourhoods: they anchor nothing specific.
      if (vectors.rankOf(seed) < MIN_WORD_RANK) continue;
      const vector = vectors.vectorOf(seed);
      if (!vector) continue;
      entry.seeds.push(seed);
      entry.vectors.push(vector);
    }
    const centroid = centroidOf(entry.vectors);
    if (centroid) themes.push({ ...entry, centroid });
  });
  const cache = new Map<string, EmbeddingMatch | null>();

  /** The theme's nearest seed to the vector, and its similarity. */
  const nearestSeed = (index: number, vector: Float32Array): { seed: string; similarity: number } => {
    const entry = themes[index]!;
    let seed = entry.seeds[0]!;
    let similarity = -Infinity;
    entry.vectors.forEach((seedVector, position) => {
      const value = dot(vector, seedVector);
      if (value > similarity) [similarity, seed] = [value, entry.seeds[position]!];
    });
    return { seed, similarity };
  };

  const compute = (word: string): EmbeddingMatch | null => {
    if (vectors.rankOf(word) < MIN_WORD_RANK) return null;
    const vector = vectors.vectorOf(word);
    if (!vector) return null;
    let bestIndex = -1;
    let best = -Infinity;
    let runnerUp = -Infinity;
    for (let index = 0; index < themes.length; index += 1) {
      const similarity = mode === 'centroid' ? dot(vector, themes[index]!.centroid) : nearestSeed(index, vector).similarity;
      if (similarity > best) {
        runnerUp = best;
        best = similarity;
        bestIndex = index;
      } else if (similarity > runnerUp) {
        runnerUp = similarity;
      }
    }
    if (bestIndex < 0 || best < threshold || best - runnerUp < MIN_MARGIN) return null;
    return { theme: themes[bestIndex]!.theme, similarity: best, nearestSeed: nearestSeed(bestIndex, vector).seed };
  };

  return {
    assign(word: string): EmbeddingMatch | null {
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      const match = compute(word);
      cache.set(word, match);
      return match;
    },
  };
}
