import { describe, expect, it } from 'vitest';
import { highlightRuns, type Mark } from '../../src/web/lib/highlight.js';

const theme = (start: number, end: number, id = 'delivery'): Mark => ({ start, end, kind: 'theme', id, label: id, sentiment: 'negative' });

describe('highlightRuns', () => {
  it('cuts the text at clause and mark boundaries and rebuilds it exactly', () => {
    const text = 'Late again. Nice staff though.';
    const runs = highlightRuns(text, [{ start: 0, end: 11, sentiment: 'negative' }, { start: 12, end: 30, sentiment: 'positive' }], [theme(0, 4), theme(17, 22, 'staff')]);
    expect(runs.map((run) => run.text).join('')).toBe(text);
    expect(runs.map((run) => [run.text, run.clause, run.marks.map((mark) => mark.id).join('+')])).toEqual([
      ['Late', 'negative', 'delivery'],
      [' again.', 'negative', ''],
      [' ', null, ''],
      ['Nice ', 'positive', ''],
      ['staff', 'positive', 'staff'],
      [' though.', 'positive', ''],
    ]);
  });

  it('lands on UTF-16 offsets, so text after an emoji is highlighted where the engine pointed', () => {
    const text = '😡 refund still missing';
    const start = text.indexOf('refund');
    const runs = highlightRuns(text, [], [theme(start, start + 6, 'refunds')]);
    expect(runs.find((run) => run.marks.length > 0)?.text).toBe('refund');
  });

  it('keeps overlapping marks on the shared run', () => {
    const runs = highlightRuns('wrong size sent', [], [theme(0, 10, 'sizing'), { start: 6, end: 15, kind: 'target', id: 'size sent', label: 'size sent', sentiment: null }]);
    expect(runs.map((run) => [run.text, run.marks.length])).toEqual([
      ['wrong ', 1],
      ['size', 2],
      [' sent', 1],
    ]);
  });

  it('clips spans past the end and drops empty or reversed ones instead of throwing', () => {
    const runs = highlightRuns('short', [{ start: 0, end: 99, sentiment: 'neutral' }], [theme(3, 3), theme(4, 2), theme(2, 50)]);
    expect(runs.map((run) => [run.text, run.marks.length, run.clause])).toEqual([
      ['sh', 0, 'neutral'],
      ['ort', 1, 'neutral'],
    ]);
  });

  it('returns no runs for an empty text', () => {
    expect(highlightRuns('', [], [])).toEqual([]);
  });
});
