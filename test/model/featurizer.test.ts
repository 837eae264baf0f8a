import { describe, expect, it } from 'vitest';
import { featurizeAspect } from '../../src/model/aspect-featurizer.js';
import { DEFAULT_FEATURIZER, bucketMask, bucketOf, featurize, hashInt32, hashString, markNegation } from '../../src/model/featurizer.js';
import { modelTokens } from '../../src/model/model-tokens.js';
import { readFileSync } from 'node:fs';
import { referenceFeaturize } from './featurize-reference.js';

describe('markNegation', () => {
  it('marks words after a cue until punctuation or a contrast word', () => {
    const tokens = modelTokens('not good at all, but the staff was nice');
    expect(markNegation(tokens, 6)).toEqual(['not', 'NOT_good', 'NOT_at', 'NOT_all', ',', 'but', 'the', 'staff', 'was', 'nice']);
  });
  it('stops after the scope length', () => {
    expect(markNegation(['no', 'a', 'b', 'c'], 2)).toEqual(['no', 'NOT_a', 'NOT_b', 'c']);
  });
});

describe('featurize', () => {
  const texts = ['the courier was two days late', 'absolutely love it, five stars', '', '   ', '\u{1F621} refund?'];

  it.each(texts)('is deterministic and in range for %j', (text) => {
    const first = featurize(text, DEFAULT_FEATURIZER);
    expect(featurize(text, DEFAULT_FEATURIZER)).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    for (const id of first) expect(id >= 0 && id < DEFAULT_FEATURIZER.buckets && Number.isInteger(id)).toBe(true);
  });

  it('gives raw and treebank spellings the same features (train/serve parity)', () => {
    expect(featurize("it doesn't work", DEFAULT_FEATURIZER)).toEqual(featurize("it does n't work", DEFAULT_FEATURIZER));
  });

  it('distinguishes negated from plain words', () => {
    expect(featurize('not good', DEFAULT_FEATURIZER)).not.toEqual(featurize('good', DEFAULT_FEATURIZER));
  });

  it('respects maxIds', () => {
    expect(featurize('word '.repeat(500), { ...DEFAULT_FEATURIZER, maxIds: 64 })).toHaveLength(64);
  });

  it('gives the same ids as the plain-string reference on the sample data and edge cases (the models were trained on those)', () => {
    const sample = readFileSync(new URL('../../data/sample.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String(JSON.parse(line).text));
    const edge = ["not bad, but not great either", "it isn't not good!!!", 'no no no never', 'x'.repeat(40), "'s 't", '\u{1F621}\u{1F621} 😀', ''];
    const variants = [DEFAULT_FEATURIZER, { ...DEFAULT_FEATURIZER, charMin: 0, charMax: 0 }, { ...DEFAULT_FEATURIZER, charMin: 3, charMax: 3, bigrams: false }];
    for (const params of variants) for (const text of [...sample, ...edge]) expect(featurize(text, params)).toEqual(referenceFeaturize(text, params));
  });

  it('pins the hash function (changing it silently would invalidate every trained model)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('featurizeAspect', () => {
  const text = 'The food was great but the service was slow';
  it('gives different features to different targets in one sentence', () => {
    const food = featurizeAspect({ text, start: 4, end: 8 }, DEFAULT_FEATURIZER);
    const service = featurizeAspect({ text, start: 27, end: 34 }, DEFAULT_FEATURIZER);
    expect(food).not.toEqual(service);
    expect(featurizeAspect({ text, start: 4, end: 8 }, DEFAULT_FEATURIZER)).toEqual(food);
  });
  it('clamps out-of-range offsets instead of throwing', () => {
    expect(featurizeAspect({ text: 'short', start: 50, end: 2 }, DEFAULT_FEATURIZER).length).toBeGreaterThan(0);
  });
});

describe('hashInt32 and bucketOf', () => {
  const words = ['delivery', 'late', 'NOT_good', 'refund', '😡', 'ok', 'courier', 'a', ''];

  it('has hashString\'s bits, and either form lands in the same bucket, by mask or by modulo', () => {
    for (const word of words) {
      expect(hashInt32(word) >>> 0).toBe(hashString(word));
      for (const buckets of [1 << 18, 1 << 17, 1000, 262_139]) {
        const mask = bucketMask(buckets);
        const expected = hashString(word) % buckets;
        expect(bucketOf(hashString(word), mask, buckets)).toBe(expected);
        expect(bucketOf(hashInt32(word), mask, buckets)).toBe(expected);
      }
    }
    // A hash above 2^31 is negative as an int32: the modulo must not see the sign.
    expect(words.some((word) => hashInt32(word) < 0)).toBe(true);
  });
});
