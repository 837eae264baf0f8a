import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/text/tokenize.js';

const tokenizer = createTokenizer();
const surfaces = (text: string) => tokenizer.tokenize(text).map((token) => token.text);

describe('tokenize', () => {
  it.each([
    ['fast delivery, crushed box!', ['fast', 'delivery', ',', 'crushed', 'box', '!']],
    ['I dont like it', ['I', 'dont', 'like', 'it']],
    ["can't won't cannot", ["can't", "won't", 'cannot']],
    ['Don’t go', ['Don’t', 'go']],
    ['email me a@b.com or see https://x.com/a?b=1', ['email', 'me', 'a@b.com', 'or', 'see', 'https://x.com/a?b=1']],
    ['@support #fail', ['@support', '#fail']],
    ['👍🏽 👨‍👩‍👧 🇬🇧 ❤️', ['👍🏽', '👨‍👩‍👧', '🇬🇧', '❤️']],
    ['😡😡😡', ['😡', '😡', '😡']],
    ['great :-) bad :(', ['great', ':-)', 'bad', ':(']],
    ['a\u0000b\u200bc \u202e d', ['a', 'b', 'c', 'd']],
    ['line one\n\nline two', ['line', 'one', 'line', 'two']],
    ['Dr. Smith paid £12.99', ['Dr.', 'Smith', 'paid', '£', '12.99']],
    ['ok =) ^_^ -_- XD T_T', ['ok', '=)', '^_^', '-_-', 'XD', 'T_T']],
    ['a=)b', ['a', '=', ')', 'b']],
    ['Plan D: refund', ['Plan', 'D', ':', 'refund']],
  ])('splits %j into surfaces', (text, expected) => {
    expect(surfaces(text)).toEqual(expected);
  });

  it.each([
    ['I dont like it', [[0, 1], [2, 6], [7, 11], [12, 14]]],
    ['😡 ok', [[0, 2], [3, 5]]],
    ['x\u00a0\u00a0y', [[0, 1], [3, 4]]],
    ['a \u2028 b', [[0, 1], [4, 5]]],
    ['👍🏽!', [[0, 4], [4, 5]]],
  ])('gives offsets into the original text for %j', (text, expected) => {
    const tokens = tokenizer.tokenize(text);
    expect(tokens.map((token) => [token.start, token.end])).toEqual(expected);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it.each([
    ['fast', 'word'],
    ['42', 'number'],
    ['1st', 'number'],
    ['!', 'punctuation'],
    ['😡', 'emoji'],
    ['👍🏽', 'emoji'],
    [':-)', 'emoticon'],
    ['=)', 'emoticon'],
    ['XD', 'emoticon'],
    ['https://example.com', 'url'],
    ['jo@example.com', 'email'],
    ['@support', 'mention'],
    ['#fail', 'hashtag'],
    ['$', 'symbol'],
    ['太慢了', 'word'],
  ])('classifies %j as %s', (text, kind) => {
    expect(tokenizer.tokenize(text).map((token) => token.kind)).toEqual([kind]);
  });

  it('reports no part of speech (the POS pipe is not run)', () => {
    expect(tokenizer.tokenize('the box was crushed').map((token) => token.pos)).toEqual(['', '', '', '']);
  });
});
