/**
 * Checks aspect offsets against the text. Some public ABSA files carry offsets shifted by a
 * character or two (or computed on a differently escaped text); a row whose slice does not equal
 * its term would teach a model the wrong span, so it is repaired or dropped, never kept as is.
 */
import type { TextTarget } from './types.js';

export type TargetCheck =
  | { status: 'ok'; target: TextTarget }
  | { status: 'repaired'; target: TextTarget }
  | { status: 'missing' };

/**
 * Returns a target whose slice equals its term. Wrong offsets are repaired by taking the occurrence
 * of the term nearest to the claimed start (exact case first, then case-insensitive).
 *
 * @example
 * checkTarget('the food was cold', 'food', 3, 7); // { status: 'repaired', target: { text: 'food', start: 4, end: 8 } }
 */
export function checkTarget(text: string, term: string, start: number, end: number): TargetCheck {
  if (term.length === 0) return { status: 'missing' };
  if (Number.isInteger(start) && Number.isInteger(end) && text.slice(start, end) === term) {
    return { status: 'ok', target: { text: term, start, end } };
  }
  const claimed = Number.isFinite(start) ? start : 0;
  const exact = nearestOccurrence(text, term, claimed);
  if (exact !== -1) return { status: 'repaired', target: { text: term, start: exact, end: exact + term.length } };
  const folded = nearestOccurrence(text.toLowerCase(), term.toLowerCase(), claimed);
  // Lower-casing keeps UTF-16 lengths for the scripts in these files, so the slice is the original case.
  if (folded !== -1 && text.toLowerCase().length === text.length) {
    const found = text.slice(folded, folded + term.length);
    return { status: 'repaired', target: { text: found, start: folded, end: folded + term.length } };
  }
  return { status: 'missing' };
}

/**
 * Finds the first occurrence of `term` in `text` (a user names a target by its words, not offsets).
 * Tries exact case, then case-insensitive; null when absent.
 */
export function locateTarget(text: string, term: string): TextTarget | null {
  if (term.length === 0) return null;
  const exact = text.indexOf(term);
  if (exact !== -1) return { text: term, start: exact, end: exact + term.length };
  const lowered = text.toLowerCase();
  if (lowered.length !== text.length) return null;
  const folded = lowered.indexOf(term.toLowerCase());
  if (folded === -1) return null;
  return { text: text.slice(folded, folded + term.length), start: folded, end: folded + term.length };
}

function nearestOccurrence(haystack: string, needle: string, claimed: number): number {
  let best = -1;
  let from = haystack.indexOf(needle);
  while (from !== -1) {
    if (best === -1 || Math.abs(from - claimed) < Math.abs(best - claimed)) best = from;
    from = haystack.indexOf(needle, from + 1);
  }
  return best;
}
