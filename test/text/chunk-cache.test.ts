import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/text/tokenize.js';
import type { Token } from '../../src/text/document.js';

const plain = (tokens: Token[]) => tokens.map(({ start, end, text, normal, lemma, kind }) => ({ start, end, text, normal, lemma, kind }));

const TEXTS = [
  'fast delivery, crushed box!',
  "I dont like it. Can't won't cannot",
  'Don’t go =) ^_^ XD 😡😡 👍🏽 👨‍👩‍👧 🇬🇧',
  'email me a@b.com or see https://x.com/a?b=1 @support #fail',
  'Dr. Smith paid £12.99 on the 3rd, sooo late!!!',
  'a\u0000b\u200bc \u202e d\nline two\r\n\tthree',
  'x'.repeat(600) + ' after a long run',
];

describe('chunk cache', () => {
  it.each(TEXTS)('gives the same tokens from the cache as on first sight: %j', (text) => {
    const tokenizer = createTokenizer();
    const first = plain(tokenizer.tokenize(text));
    expect(plain(tokenizer.tokenize(text))).toEqual(first);
    // A fresh tokenizer that has seen every chunk in another order agrees too.
    const other = createTokenizer();
    other.tokenize(text.split(/\s+/).reverse().join(' '));
    expect(plain(other.tokenize(text))).toEqual(first);
  });

  it.each([
    ['late again', 'The parcel was late again.'],
    ['sooo', 'sooo bad, sooo slow'],
  ])('tokenizes a chunk the same wherever it appears (%j in %j)', (seen, text) => {
    const warm = createTokenizer();
    warm.tokenize(seen);
    expect(plain(warm.tokenize(text))).toEqual(plain(createTokenizer().tokenize(text)));
  });

  it('shares one form record between tokens of the same word', () => {
    const tokens = createTokenizer().tokenize('late, late and LATE');
    const forms = tokens.filter((token) => token.normal === 'late').map((token) => token.form);
    expect(forms).toHaveLength(3);
    expect(forms[0]).toBeDefined();
    expect(new Set(forms).size).toBe(1);
  });
});
