import { describe, expect, it } from 'vitest';
import { createLemmatizer } from '../../src/text/lemma.js';
import { createTokenizer } from '../../src/text/tokenize.js';

describe('lemma', () => {
  const lemmatizer = createLemmatizer();
  it.each([
    ['delivered', 'deliver'],
    ['boxes', 'box'],
    ['was', 'be'],
    ['is', 'be'],
    ['were', 'be'],
    ['crashes', 'crash'],
    ['children', 'child'],
    ['better', 'good'],
    ['worst', 'bad'],
    ['happier', 'happy'],
    ['charged', 'charge'],
    ['staff', 'staff'],
    ["'ll", 'will'],
    ["don't", "don't"],
    ['12', '12'],
  ])('lemmatizes %j to %j', (normal, lemma) => {
    expect(lemmatizer.lemmaOf(normal)).toBe(lemma);
    expect(lemmatizer.lemmaOf(normal)).toBe(lemma);
  });

  it('lemmatizes tokens from their normal form', () => {
    const tokens = createTokenizer().tokenize('The Boxes WERE delivered');
    expect(tokens.map((token) => token.lemma)).toEqual(['the', 'box', 'be', 'deliver']);
  });
});
