/**
 * Evidence spans as results list them: sorted by start, then end, with identical spans collapsed
 * (overlapping ones are kept apart). Themes and signals both collect spans match by match and list
 * them this way.
 */
import type { Span } from './contract.js';
import { sortSmall } from './small-sort.js';

/**
 * The spans sorted, identical ones collapsed, in a new list (`spans` is not changed).
 * @example sortSpans([{ start: 4, end: 9 }, { start: 0, end: 3 }, { start: 4, end: 9 }]) // [0-3, 4-9]
 */
export function sortSpans(spans: readonly Span[]): Span[] {
  if (spans.length <= 1) return spans.slice();
  const sorted = sortSmall(spans.slice(), (left, right) => left.start - right.start || left.end - right.end);
  // Sorted by start then end, identical spans are neighbours: keep the first of each run.
  const unique: Span[] = [sorted[0]!];
  for (let index = 1; index < sorted.length; index += 1) {
    const span = sorted[index]!;
    const kept = unique[unique.length - 1]!;
    if (span.start !== kept.start || span.end !== kept.end) unique.push(span);
  }
  return unique;
}
