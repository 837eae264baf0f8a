/**
 * Locates requested targets ("courier", "app") in a comment: case-insensitive, on word boundaries,
 * tolerating a plural suffix, so "couriers" answers a request for "courier".
 */
import type { Span } from './contract.js';

/** Letters and digits of any script: a target must not start or end inside a word. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Plural suffixes accepted after a target ("courier" -> "couriers", "box" -> "boxes"). */
const PLURAL_SUFFIXES = ['s', 'es'];

/** All occurrences of `target` in `text`, in order; empty when it does not occur. */
export function findTarget(text: string, target: string): Span[] {
  const needle = target.trim().toLowerCase();
  if (needle === '') return [];
  const haystack = text.toLowerCase();
  // toLowerCase can change length for a few scripts; offsets would then drift, so fall back to exact case.
  const sameLength = haystack.length === text.length;
  const source = sameLength ? haystack : text;
  const wanted = sameLength ? needle : target.trim();
  const spans: Span[] = [];
  let from = 0;
  while (from <= source.length - wanted.length) {
    const start = source.indexOf(wanted, from);
    if (start < 0) break;
    let end = start + wanted.length;
    for (const suffix of PLURAL_SUFFIXES) {
      if (source.startsWith(suffix, end) && !isWordAt(source, end + suffix.length)) {
        end += suffix.length;
        break;
      }
    }
    if (!isWordAt(source, start - 1) && !isWordAt(source, end)) spans.push({ start, end });
    from = start + Math.max(wanted.length, 1);
  }
  return spans;
}

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return WORD_CHARACTER.test(text[index]!);
}
