import { describe, expect, it } from 'vitest';
import { BatchLimit } from '../../src/io/batch-limit.js';

/** The sizes of the batches `lengths` are cut into. */
function cut(limit: BatchLimit, lengths: number[]): number[] {
  const sizes: number[] = [];
  let open = 0;
  for (const length of lengths) {
    open += 1;
    if (limit.add(length)) {
      sizes.push(open);
      open = 0;
    }
  }
  if (open > 0) sizes.push(open);
  return sizes;
}

describe('BatchLimit', () => {
  it('closes a batch at the record count when texts are short', () => {
    expect(cut(new BatchLimit(3, 1000), [10, 10, 10, 10, 10, 10, 10])).toEqual([3, 3, 1]);
  });

  it('closes a batch once its text reaches the character budget, a long text alone', () => {
    expect(cut(new BatchLimit(100, 50), [20, 20, 20, 5, 80, 10, 0, 0])).toEqual([3, 2, 3]);
    expect(cut(new BatchLimit(100, 50), [500, 500, 1])).toEqual([1, 1, 1]);
  });

  it('counts failed rows (length 0) toward the record count only', () => {
    expect(cut(new BatchLimit(2, 50), [0, 0, 0, 49, 1])).toEqual([2, 2, 1]);
  });
});
