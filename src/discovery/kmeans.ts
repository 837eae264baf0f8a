/**
 * Spherical k-means over unit rows (cosine similarity), with k-means++ seeding from a seeded
 * generator so the same rows and seed give the same centroids on every machine. Rows are one
 * flat Float32Array (row r at r * dimensions), which keeps 50k x 100 at 20 MB and the loops tight.
 */
import { mulberry32 } from '../datasets/random.js';

/** Lloyd iterations at most: after 20 fewer than 1% of rows still move (measured on clothing reviews). */
export const MAX_KMEANS_ITERATIONS = 20;
/** Stop when fewer than this share of rows change cluster in an iteration. */
export const KMEANS_TOLERANCE = 0.002;

export interface KMeansResult {
  /** k x dimensions unit centroids, flat. */
  centroids: Float32Array;
  k: number;
  /** Cluster of each row. */
  assignment: Int32Array;
}

/** Dot product of row `row` of `matrix` with row `other` of `centroids`. */
export function rowDot(matrix: Float32Array, row: number, centroids: Float32Array, other: number, dimensions: number): number {
  let sum = 0;
  const a = row * dimensions;
  const b = other * dimensions;
  for (let dimension = 0; dimension < dimensions; dimension += 1) sum += matrix[a + dimension]! * centroids[b + dimension]!;
  return sum;
}

/**
 * The nearest centroid of one vector and its cosine; centroids skipped where `alive[c]` is 0.
 * Ties go to the lower index, so the result never depends on iteration order.
 */
export function nearestCentroid(
  vector: Float32Array,
  centroids: Float32Array,
  k: number,
  dimensions: number,
  alive?: Uint8Array,
): { cluster: number; similarity: number } {
  let best = -1;
  let bestSimilarity = -Infinity;
  for (let cluster = 0; cluster < k; cluster += 1) {
    if (alive && !alive[cluster]) continue;
    const similarity = rowDot(vector, 0, centroids, cluster, dimensions);
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      best = cluster;
    }
  }
  return { cluster: best, similarity: bestSimilarity };
}

/**
 * Clusters `count` unit rows into at most `k` clusters. Fewer come back when the rows hold fewer
 * distinct points than k (duplicates are never chosen twice as seeds).
 *
 * @example const { assignment } = sphericalKMeans(rows, 1000, 100, 20, 7);
 */
export function sphericalKMeans(rows: Float32Array, count: number, dimensions: number, k: number, seed: number): KMeansResult {
  const random = mulberry32(seed);
  let centroids = seedCentroids(rows, count, dimensions, Math.min(k, count), random);
  let clusters = centroids.length / dimensions;
  const assignment = new Int32Array(count).fill(-1);
  for (let iteration = 0; iteration < MAX_KMEANS_ITERATIONS && clusters > 0; iteration += 1) {
    let changed = 0;
    for (let row = 0; row < count; row += 1) {
      let best = 0;
      let bestSimilarity = -Infinity;
      for (let cluster = 0; cluster < clusters; cluster += 1) {
        const similarity = rowDot(rows, row, centroids, cluster, dimensions);
        if (similarity > bestSimilarity) {
          bestSimilarity = similarity;
          best = cluster;
        }
      }
      if (assignment[row] !== best) {
        assignment[row] = best;
        changed += 1;
      }
    }
    const next = new Float32Array(clusters * dimensions);
    const sizes = new Int32Array(clusters);
    for (let row = 0; row < count; row += 1) {
      const cluster = assignment[row]!;
      sizes[cluster]! += 1;
      const a = row * dimensions;
      const b = cluster * dimensions;
      for (let dimension = 0; dimension < dimensions; dimension += 1) next[b + dimension]! += rows[a + dimension]!;
    }
    for (let cluster = 0; cluster < clusters; cluster += 1) {
      // An emptied cluster keeps its old centroid; it can win rows back next round.
      if (sizes[cluster] === 0) next.set(centroids.subarray(cluster * dimensions, (cluster + 1) * dimensions), cluster * dimensions);
      else normalizeRow(next, cluster, dimensions);
    }
    centroids = next;
    if (iteration > 0 && changed < KMEANS_TOLERANCE * count) break;
  }
  return { centroids, k: clusters, assignment };
}

/** k-means++ (Arthur & Vassilvitskii 2007): each new seed drawn with probability ~ squared distance. */
function seedCentroids(rows: Float32Array, count: number, dimensions: number, k: number, random: () => number): Float32Array {
  if (count === 0 || k <= 0) return new Float32Array(0);
  const chosen: number[] = [Math.floor(random() * count)];
  const distance = new Float64Array(count);
  const first = chosen[0]!;
  for (let row = 0; row < count; row += 1) distance[row] = squaredDistance(rows, row, rows, first, dimensions);
  while (chosen.length < k) {
    let total = 0;
    for (let row = 0; row < count; row += 1) total += distance[row]!;
    if (total <= 1e-9) break;
    let target = random() * total;
    let pick = count - 1;
    for (let row = 0; row < count; row += 1) {
      target -= distance[row]!;
      if (target <= 0 && distance[row]! > 0) {
        pick = row;
        break;
      }
    }
    if (distance[pick]! <= 0) break;
    chosen.push(pick);
    for (let row = 0; row < count; row += 1) {
      const candidate = squaredDistance(rows, row, rows, pick, dimensions);
      if (candidate < distance[row]!) distance[row] = candidate;
    }
  }
  const centroids = new Float32Array(chosen.length * dimensions);
  chosen.forEach((row, cluster) => centroids.set(rows.subarray(row * dimensions, (row + 1) * dimensions), cluster * dimensions));
  return centroids;
}

function squaredDistance(a: Float32Array, rowA: number, b: Float32Array, rowB: number, dimensions: number): number {
  // For unit rows |x - y|^2 = 2 - 2 cos; clamp rounding noise so duplicates are exactly 0.
  const distance = 2 - 2 * rowDot(a, rowA, b, rowB, dimensions);
  return distance > 1e-7 ? distance : 0;
}

/** Scales row `row` of a flat matrix to unit length (a zero row stays zero). */
export function normalizeRow(matrix: Float32Array, row: number, dimensions: number): void {
  const offset = row * dimensions;
  let length = 0;
  for (let dimension = 0; dimension < dimensions; dimension += 1) length += matrix[offset + dimension]! ** 2;
  if (length <= 0) return;
  const scale = 1 / Math.sqrt(length);
  for (let dimension = 0; dimension < dimensions; dimension += 1) matrix[offset + dimension]! *= scale;
}
