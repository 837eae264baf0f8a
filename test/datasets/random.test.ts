import { describe, expect, it } from 'vitest';
import { groupKeyOf, hashString, isDevGroup, mulberry32, seededShuffle } from '../../src/datasets/random.js';

describe('random', () => {
  it('mulberry32 gives the same sequence for the same seed on every run', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const a = [first(), first(), first()];
    expect(a).toEqual([second(), second(), second()]);
    expect(a[0]).toBe(0.6011037519201636);
    expect(mulberry32(43)()).not.toBe(a[0]);
  });

  it('mulberry32 stays in [0, 1)', () => {
    const next = mulberry32(7);
    for (let index = 0; index < 10_000; index += 1) {
      const value = next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('seededShuffle is a permutation that depends only on the seed', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const shuffled = seededShuffle(items, 5);
    expect(shuffled).toEqual(seededShuffle(items, 5));
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(shuffled).not.toEqual(seededShuffle(items, 6));
  });

  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashString(%j) matches the published FNV-1a 32-bit value', (input, expected) => {
    expect(hashString(input)).toBe(expected);
  });

  it.each([
    ['The  Food\nwas GREAT. ', 'the food was great.'],
    ['  x ', 'x'],
  ])('groupKeyOf(%j) folds case and whitespace', (input, expected) => {
    expect(groupKeyOf(input)).toBe(expected);
  });

  it('isDevGroup is stable per key and close to the requested fraction', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `sentence number ${index}`);
    const devShare = keys.filter((key) => isDevGroup(key, 0.15)).length / keys.length;
    expect(devShare).toBeGreaterThan(0.14);
    expect(devShare).toBeLessThan(0.16);
    expect(keys.map((key) => isDevGroup(key, 0.15))).toEqual(keys.map((key) => isDevGroup(key, 0.15)));
    expect(isDevGroup('anything', 0)).toBe(false);
    expect(isDevGroup('anything', 1)).toBe(true);
  });

});
