import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/text/tokenize.js';
import type { Token } from '../../src/text/document.js';
import { ChunkTable, createChunkedTokenizer } from '../../src/text/chunk-cache.js';
import { hashInt32 } from '../../src/model/featurizer.js';

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

describe('chunk table', () => {
  it('tells apart chunks whose hashes collide, by their text', () => {
    const table = new ChunkTable<{ key: string; hash: number; value: string }>();
    // The same hash for every key: each lookup must probe past the others and compare text.
    for (const key of ['late', 'later', 'slate', 'lat']) table.insert({ key, hash: 42, value: `value of ${key}` });
    expect(table.size).toBe(4);
    const text = 'so late and later, slate, lat';
    expect(table.find(text, 3, 7, 42)?.value).toBe('value of late');
    expect(table.find(text, 12, 17, 42)?.value).toBe('value of later');
    expect(table.find(text, 19, 24, 42)?.value).toBe('value of slate');
    expect(table.find(text, 26, 29, 42)?.value).toBe('value of lat');
    expect(table.find(text, 0, 2, 42)).toBeNull();
    expect(table.find(text, 3, 7, 43)).toBeNull();
  });

  it('keeps the first value of a key inserted twice, and forgets everything on clear', () => {
    const table = new ChunkTable<{ key: string; hash: number; value: number }>();
    table.insert({ key: 'box', hash: hashInt32('box'), value: 1 });
    table.insert({ key: 'box', hash: hashInt32('box'), value: 2 });
    expect(table.size).toBe(1);
    expect(table.find('a box', 2, 5, hashInt32('box'))?.value).toBe(1);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.find('box', 0, 3, hashInt32('box'))).toBeNull();
  });

  it('finds chunks it has seen without tokenizing them again (the scan hashes as it inserts)', () => {
    let calls = 0;
    const tokenize = createChunkedTokenizer(
      (text) => {
        calls += 1;
        return { tokens: [...text.matchAll(/\S+/g)].map((match) => ({ start: match.index!, end: match.index! + match[0].length, text: match[0], normal: match[0], lemma: match[0], kind: 'word' as const, pos: '', shouting: false })), exact: true };
      },
      (text) => text,
      500,
    );
    tokenize('the courier was late');
    expect(calls).toBe(1);
    const { tokens } = tokenize('late was the courier\u00e9 courier');
    // Only the unseen chunk "courieré" went to the tokenizer.
    expect(calls).toBe(2);
    expect(tokens.map((token) => [token.text, token.start])).toEqual([['late', 0], ['was', 5], ['the', 9], ['courier\u00e9', 13], ['courier', 22]]);
  });
});
