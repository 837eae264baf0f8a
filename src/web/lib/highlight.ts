/**
 * Splits a comment into runs for highlighting: every boundary of a clause (with its sentiment),
 * a theme's evidence span or a target becomes a cut, so each run knows its clause sentiment and
 * the marks covering it. Offsets are UTF-16 code units, what the engine emits and what
 * JavaScript strings index, so the highlight lands exactly on the evidence. Pure (unit-tested).
 */
import type { SentimentLabel } from './palette.js';

export interface Clause {
  start: number;
  end: number;
  sentiment: SentimentLabel;
}

export interface Mark {
  start: number;
  end: number;
  kind: 'theme' | 'target';
  /** Theme id or target text. */
  id: string;
  label: string;
  sentiment: SentimentLabel | null;
}

export interface Run {
  start: number;
  end: number;
  text: string;
  /** Sentiment of the clause the run lies in; null between clauses. */
  clause: SentimentLabel | null;
  /** Index of that clause, to group runs of one clause. */
  clauseIndex: number | null;
  marks: Mark[];
}

function clampSpan<T extends { start: number; end: number }>(span: T, length: number): T | null {
  const start = Math.max(0, Math.min(length, Math.floor(span.start)));
  const end = Math.max(0, Math.min(length, Math.floor(span.end)));
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { ...span, start, end } : null;
}

/**
 * The runs of `text`; spans out of range are clipped, empty ones dropped.
 * @example
 * highlightRuns('Late again. Nice staff.', [{ start: 0, end: 11, sentiment: 'negative' }], [{ start: 0, end: 4, kind: 'theme', id: 'delivery', label: 'Delivery', sentiment: 'negative' }])
 * // [{ text: 'Late', clause: 'negative', marks: [delivery] }, { text: ' again.', ... }, { text: ' Nice staff.', clause: null, marks: [] }]
 */
export function highlightRuns(text: string, clauses: readonly Clause[], marks: readonly Mark[]): Run[] {
  const length = text.length;
  const keptClauses = clauses.map((clause) => clampSpan(clause, length)).filter((clause): clause is Clause => clause !== null);
  const keptMarks = marks.map((mark) => clampSpan(mark, length)).filter((mark): mark is Mark => mark !== null);
  const cuts = new Set<number>([0, length]);
  for (const span of [...keptClauses, ...keptMarks]) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let index = 0; index + 1 < points.length; index += 1) {
    const start = points[index]!;
    const end = points[index + 1]!;
    const clauseIndex = keptClauses.findIndex((clause) => clause.start <= start && clause.end >= end);
    runs.push({
      start,
      end,
      text: text.slice(start, end),
      clause: clauseIndex >= 0 ? keptClauses[clauseIndex]!.sentiment : null,
      clauseIndex: clauseIndex >= 0 ? clauseIndex : null,
      marks: keptMarks.filter((mark) => mark.start <= start && mark.end >= end),
    });
  }
  return runs;
}
