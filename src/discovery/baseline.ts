/**
 * The plain baseline discovery is measured against: TF-IDF vectors (lower-cased words minus
 * stopwords, words in 2+ comments) clustered by spherical k-means with k-means++ seeding, every
 * comment assigned (no unassigned bucket, no labels). Sparse rows, dense centroids.
 */
import { mulberry32 } from '../datasets/random.js';
import { STOPWORDS } from '../themes/word-lists.js';

const WORD = /[a-z][a-z'-]*[a-z]/g;
/** Same iteration cap as the main k-means, so both get the same budget. */
const MAX_ITERATIONS = 40;

interface SparseRow {
  indexes: Int32Array;
  values: Float32Array;
}

/**
 * Clusters texts into k groups; returns the cluster of each text ("b0".."bK", "empty" for a text
 * with no counted word).
 *
 * @example tfidfKMeansBaseline(['late delivery', 'rude staff'], 2, 7) // ['b0', 'b1'] or ['b1', 'b0']
 */
export function tfidfKMeansBaseline(texts: readonly string[], k: number, seed: number): string[] {
  const tokenized = texts.map((text) => (text.toLowerCase().match(WORD) ?? []).filter((word) => !STOPWORDS.has(word)));
  const documentFrequency = new Map<string, number>();
  for (const words of tokenized) for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const [word, count] of [...documentFrequency].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (count >= 2) vocabulary.set(word, vocabulary.size);
  }
  const frequencyByIndex = new Float64Array(vocabulary.size);
  for (const [word, index] of vocabulary) frequencyByIndex[index] = documentFrequency.get(word)!;
  const rows: (SparseRow | null)[] = tokenized.map((words) => {
    const counts = new Map<number, number>();
    for (const word of words) {
      const index = vocabulary.get(word);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    if (counts.size === 0) return null;
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    const values = new Float32Array(entries.length);
    let length = 0;
    entries.forEach(([index, count], position) => {
      values[position] = count * Math.log(texts.length / frequencyByIndex[index]!);
      length += values[position]! ** 2;
    });
    const scale = length > 0 ? 1 / Math.sqrt(length) : 0;
    for (let position = 0; position < values.length; position += 1) values[position]! *= scale;
    return { indexes: Int32Array.from(entries.map(([index]) => index)), values };
  });

  const present = rows.map((row, index) => (row ? index : -1)).filter((index) => index >= 0);
  const clusters = Math.max(1, Math.min(k, present.length));
  const dimensions = vocabulary.size;
  const random = mulberry32(seed);
  const centroids = new Float32Array(clusters * dimensions);
  const dotWith = (row: SparseRow, cluster: number): number => {
    let sum = 0;
    const offset = cluster * dimensions;
    for (let position = 0; position < row.indexes.length; position += 1) sum += row.values[position]! * centroids[offset + row.indexes[position]!]!;
    return sum;
  };
  const place = (row: SparseRow, cluster: number) => {
    const offset = cluster * dimensions;
    for (let position = 0; position < row.indexes.length; position += 1) centroids[offset + row.indexes[position]!] = row.values[position]!;
  };
  // k-means++ seeding over the present rows.
  let used = 0;
  if (present.length > 0) {
    place(rows[present[Math.floor(random() * present.length)]!]!, 0);
    used = 1;
    const distance = new Float64Array(present.length);
    present.forEach((rowIndex, position) => (distance[position] = Math.max(0, 2 - 2 * dotWith(rows[rowIndex]!, 0))));
    while (used < clusters) {
      let total = 0;
      for (const value of distance) total += value;
      if (total <= 1e-9) break;
      let target = random() * total;
      let pick = present.length - 1;
      for (let position = 0; position < present.length; position += 1) {
        target -= distance[position]!;
        if (target <= 0) {
          pick = position;
          break;
        }
      }
      place(rows[present[pick]!]!, used);
      present.forEach((rowIndex, position) => {
        const candidate = Math.max(0, 2 - 2 * dotWith(rows[rowIndex]!, used));
        if (candidate < distance[position]!) distance[position] = candidate;
      });
      used += 1;
    }
  }
  const assignment = new Int32Array(texts.length).fill(-1);
  for (let iteration = 0; iteration < MAX_ITERATIONS && present.length > 0; iteration += 1) {
    let changed = 0;
    for (const rowIndex of present) {
      let best = 0;
      let bestSimilarity = -Infinity;
      for (let cluster = 0; cluster < used; cluster += 1) {
        const similarity = dotWith(rows[rowIndex]!, cluster);
        if (similarity > bestSimilarity) {
          bestSimilarity = similarity;
          best = cluster;
        }
      }
      if (assignment[rowIndex] !== best) changed += 1;
      assignment[rowIndex] = best;
    }
    const next = new Float32Array(clusters * dimensions);
    for (const rowIndex of present) {
      const row = rows[rowIndex]!;
      const offset = assignment[rowIndex]! * dimensions;
      for (let position = 0; position < row.indexes.length; position += 1) next[offset + row.indexes[position]!]! += row.values[position]!;
    }
    for (let cluster = 0; cluster < used; cluster += 1) {
      const offset = cluster * dimensions;
      let length = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) length += next[offset + dimension]! ** 2;
      if (length === 0) continue;
      const scale = 1 / Math.sqrt(length);
      for (let dimension = 0; dimension < dimensions; dimension += 1) centroids[offset + dimension] = next[offset + dimension]! * scale;
    }
    if (iteration > 0 && changed < 0.001 * present.length) break;
  }
  return [...assignment].map((cluster) => (cluster < 0 ? 'empty' : `b${cluster}`));
}
