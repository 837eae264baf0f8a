import { describe, expect, it } from 'vitest';
import { internString } from '../../src/text/intern.js';

describe('internString', () => {
  it('returns a string equal to its input, whatever the input looks like', () => {
    const comment = `the courier was extraordinarily late ${'again '.repeat(3)}`;
    const inputs = [
      comment.slice(16, 31), // a slice of a longer string
      comment.slice(0, 3).toUpperCase(),
      comment + '!', // a concatenation
      '', '0', '123', '4294967295', '-1', '1.5', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
      'café', '日本語', '😀', 'a b', '\u0000',
    ];
    for (const input of inputs) expect(internString(input)).toBe(input);
  });

  it('leaves nothing behind between calls', () => {
    expect(internString('first')).toBe('first');
    expect(internString('second')).toBe('second');
    expect(internString('123')).toBe('123');
    expect(internString('first')).toBe('first');
  });
});
