import { describe, expect, it } from 'vitest';
import { inflections, lookupInflected } from '../../src/language/inflections.js';

describe('lookupInflected', () => {
  const map = new Map([
    ['bueno', 2],
    ['hyvä', 2],
    ['memnun', 2],
    ['hyv', 9],
  ]);

  it('finds a word, or a gender and number variant of it', () => {
    expect(lookupInflected(map, 'bueno')).toBe(2);
    expect(lookupInflected(map, 'buena')).toBe(2);
    expect(inflections('buenas')).toContain('buenos');
  });

  it('finds a suffixed word by its stem only for a suffixing language', () => {
    expect(lookupInflected(map, 'hyvää')).toBeUndefined();
    expect(lookupInflected(map, 'hyvää', true)).toBe(2);
    expect(lookupInflected(map, 'memnunum', true)).toBe(2);
  });

  it('never takes a stem shorter than four letters or than 60 % of the word', () => {
    // "hyv" is a prefix of "hyvällä" but too short; "hyvä" (4 of 7 letters) is too small a share.
    expect(lookupInflected(map, 'hyvällä', true)).toBeUndefined();
    expect(lookupInflected(new Map([['memn', 1]]), 'memnunumuz', true)).toBeUndefined();
  });
});
