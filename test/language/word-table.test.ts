import { describe, expect, it } from 'vitest';
import { WordTable } from '../../src/language/word-table.js';

const linesOf = (entries: readonly (readonly [string, number])[]) => entries.map(([word, value]) => `${word}\t${value}\n`).join('');

describe('WordTable', () => {
  it('finds every word it was given, and no other', () => {
    const words = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}é`);
    const table = new WordTable(linesOf(words.map((word, index) => [word, index + 1] as const)));
    expect(table.size).toBe(5000);
    words.forEach((word, index) => expect(table.get(word)).toBe(index + 1));
    expect(table.get('w0')).toBe(0);
    expect(table.get('')).toBe(0);
    expect(table.get('nope', -1)).toBe(-1);
  });

  it('keeps the first value of a repeated word, and works empty', () => {
    expect(new WordTable(linesOf([['a', 1], ['a', 2]])).get('a')).toBe(1);
    expect(new WordTable('').get('a')).toBe(0);
  });

  it.each(['a\n', 'a\tx\n', '\t1\n', 'a\t1'])('rejects the malformed table %j', (lines) => {
    expect(() => new WordTable(lines)).toThrow(TypeError);
  });
});
