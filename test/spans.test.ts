import { describe, expect, it } from 'vitest';
import { sortSpans } from '../src/spans.js';

describe('sortSpans', () => {
  it('sorts by start then end and collapses identical spans, keeping overlapping ones apart', () => {
    const spans = [{ start: 4, end: 9 }, { start: 0, end: 3 }, { start: 4, end: 9 }, { start: 4, end: 6 }, { start: 2, end: 5 }];
    expect(sortSpans(spans)).toEqual([{ start: 0, end: 3 }, { start: 2, end: 5 }, { start: 4, end: 6 }, { start: 4, end: 9 }]);
  });

  it('leaves its input as it was and answers with a list of its own', () => {
    const spans = [{ start: 7, end: 8 }, { start: 1, end: 2 }];
    const sorted = sortSpans(spans);
    expect(spans).toEqual([{ start: 7, end: 8 }, { start: 1, end: 2 }]);
    expect(sorted).not.toBe(spans);
    const single = [{ start: 0, end: 1 }];
    expect(sortSpans(single)).not.toBe(single);
    expect(sortSpans([])).toEqual([]);
  });
});
