/**
 * Groups themes under parents so a long list reads as a short one: average-linkage agglomerative
 * merging of theme centroids by cosine, until about sqrt(k) groups remain (200 themes -> ~14) or
 * no two groups are similar enough. The largest theme of each group becomes the others' parent.
 */
import { rowDot } from './kmeans.js';

/** Groups are merged only while their mean pairwise centroid cosine is at least this (read off clothing and SemEval runs). */
export const PARENT_MIN_SIMILARITY = 0.35;

/**
 * The parent index of each theme, or -1 for a top-level theme. `sizes` picks each group's head.
 *
 * @example parentsOf(centroids, 3, 100, [50, 30, 20]) // [-1, 0, -1]
 */
export function parentsOf(centroids: Float32Array, count: number, dimensions: number, sizes: readonly number[]): number[] {
  const target = Math.max(1, Math.round(Math.sqrt(count)));
  const groups: number[][] = Array.from({ length: count }, (_, index) => [index]);
  const similarity: number[][] = [];
  for (let a = 0; a < count; a += 1) {
    similarity.push([]);
    for (let b = 0; b < count; b += 1) similarity[a]!.push(rowDot(centroids, a, centroids, b, dimensions));
  }
  const linkage = (first: number[], second: number[]): number => {
    let sum = 0;
    for (const a of first) for (const b of second) sum += similarity[a]![b]!;
    return sum / (first.length * second.length);
  };
  while (groups.length > target) {
    let best = -Infinity;
    let pair: [number, number] = [0, 0];
    for (let a = 0; a < groups.length; a += 1) {
      for (let b = a + 1; b < groups.length; b += 1) {
        const value = linkage(groups[a]!, groups[b]!);
        if (value > best) {
          best = value;
          pair = [a, b];
        }
      }
    }
    if (best < PARENT_MIN_SIMILARITY) break;
    groups[pair[0]] = [...groups[pair[0]]!, ...groups[pair[1]]!];
    groups.splice(pair[1], 1);
  }
  const parents = new Array<number>(count).fill(-1);
  for (const group of groups) {
    if (group.length < 2) continue;
    const head = group.reduce((largest, member) =>
      sizes[member]! > sizes[largest]! || (sizes[member] === sizes[largest] && member < largest) ? member : largest,
    );
    for (const member of group) if (member !== head) parents[member] = head;
  }
  return parents;
}
