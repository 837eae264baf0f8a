import { describe, expect, it } from 'vitest';
import { normalizeWord, prepareForTokenizer } from '../../src/text/normalize.js';
import { createTokenizer } from '../../src/text/tokenize.js';

describe('normalizeWord', () => {
  it.each([
    ['Great', 'great'],
    ['sooo', 'soo'],
    ['soooooo', 'soo'],
    ['loooove', 'loove'],
    ['so', 'so'],
    ['good', 'good'],
    ['BAAAAD', 'baad'],
    ['I’m', "i'm"],
    ['dont', "don't"],
    ['DONT', "don't"],
    ['wont', "won't"],
    ['cant', "can't"],
    ['aint', "ain't"],
    ['shouldnt', "shouldn't"],
    ['want', 'want'],
    ['its', 'its'],
  ])('normalizes %j to %j', (surface, normal) => {
    expect(normalizeWord(surface)).toBe(normal);
  });
});

describe('prepareForTokenizer', () => {
  it.each([
    ['plain text', 'plain text'],
    ['don’t', "don't"],
    ['a\u0000b', 'a b'],
    ['a\u200bb', 'a b'],
    ['a\u00a0b', 'a b'],
    ['a\u2028b', 'a\nb'],
    ['a\ud800b', 'a b'],
    ['👨‍👩‍👧', '👨‍👩‍👧'],
    ['miła', 'mi\u00fea'],
    ['Łódź', '\u00deód\u00fe'],
    ['Phở', 'Ph\u00fe'],
    ['cafe\u0301', 'cafe\u00fe'],
  ])('maps %j to %j without changing the length', (text, prepared) => {
    const result = prepareForTokenizer(text);
    expect(result).toBe(prepared);
    expect(result.length).toBe(text.length);
  });
});

describe('token normal forms', () => {
  const tokenizer = createTokenizer();
  it.each([
    ['I dont like it', ['i', "don't", 'like', 'it']],
    ["I don't like it", ['i', "don't", 'like', 'it']],
    ['I don’t like it', ['i', "don't", 'like', 'it']],
    ['it wasnt good.', ['it', "wasn't", 'good', '.']],
    ['Sooo SLOW', ['soo', 'slow']],
    ['I cannot', ['i', 'cannot']],
    ['wont work', ["won't", 'work']],
    ['hasnt arrived', ["hasn't", 'arrived']],
    [':D', [':D']],
    ['#FAIL', ['#fail']],
    // Letters past Latin-1 keep their words whole (wink alone split "miła." into "mi", "ł", "a.").
    ['Obsługa była miła.', ['obsługa', 'była', 'miła', '.']],
    ["Dvořák's Łódź ılık", ['dvořák', "'s", 'łódź', 'ılık']],
    ['mulțumesc, çok güzel', ['mulțumesc', ',', 'çok', 'güzel']],
    // Typed decomposed ("o" + U+0301): one token, whose normal form is composed.
    ['Atencio\u0301n rápida', ['atención', 'rápida']],
  ])('normal forms of %j', (text, expected) => {
    expect(tokenizer.tokenize(text).map((token) => token.normal)).toEqual(expected);
  });
});
