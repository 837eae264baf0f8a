/**
 * A stable in-place sort for the short lists the pipeline sorts per comment (theme hits, their
 * spans and clauses, journey stages, signal evidence). Array.prototype.sort allocates a work copy
 * on every call: ~1.6 KB per comment on the bench corpus, in a pipeline whose cost follows its
 * allocations (bench/README.md). Insertion sort allocates nothing and, being stable, gives the
 * order the built-in sort gives for the same comparator.
 */

/** Lists longer than this go to the built-in sort (insertion sort is quadratic). */
const INSERTION_SORT_MAX = 16;

/**
 * Sorts `items` in place by `compare` (negative: left first), stably; returns `items`.
 *
 * @example sortSmall([3, 1, 2], (a, b) => a - b) // [1, 2, 3]
 */
export function sortSmall<T>(items: T[], compare: (left: T, right: T) => number): T[] {
  if (items.length > INSERTION_SORT_MAX) return items.sort(compare);
  for (let index = 1; index < items.length; index += 1) {
    const item = items[index]!;
    let at = index - 1;
    // Strictly greater: equal items keep their order (stability).
    while (at >= 0 && compare(items[at]!, item) > 0) {
      items[at + 1] = items[at]!;
      at -= 1;
    }
    items[at + 1] = item;
  }
  return items;
}
