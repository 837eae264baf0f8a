import { describe, expect, it } from 'vitest';
import { sortSmall } from '../src/small-sort.js';

describe('sortSmall', () => {
  it('orders as the built-in stable sort does, short lists and long ones', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 500; trial += 1) {
      const length = trial % 40;
      // Few distinct keys, so ties are common and stability shows.
      const items = Array.from({ length }, (_, index) => ({ key: Math.floor(random() * 4), index }));
      const compare = (left: { key: number }, right: { key: number }) => left.key - right.key;
      const expected = [...items].sort(compare);
      const actual = sortSmall(items, compare);
      expect(actual).toBe(items);
      expect(actual).toEqual(expected);
    }
  });

  it('keeps equal items in their order and handles empty and single lists', () => {
    expect(sortSmall([], (a: number, b: number) => a - b)).toEqual([]);
    expect(sortSmall(['b'], () => 0)).toEqual(['b']);
    expect(sortSmall(['b1', 'a', 'b2'], (l, r) => l[0]!.localeCompare(r[0]!))).toEqual(['a', 'b1', 'b2']);
  });
});
