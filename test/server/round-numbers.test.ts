import { describe, expect, it } from 'vitest';
import { roundNumbers } from '../../src/server/round-numbers.js';

describe('server/round-numbers', () => {
  it('rounds floats deep inside objects and arrays, leaving integers, strings and null alone', () => {
    expect(roundNumbers({ value: 77.60000000000001, n: 3000, ci: { low: 76.07330262872848 }, groups: [{ key: 'a', share: 1 / 3 }], label: null })).toEqual({
      value: 77.6,
      n: 3000,
      ci: { low: 76.0733 },
      groups: [{ key: 'a', share: 0.3333 }],
      label: null,
    });
  });
});
