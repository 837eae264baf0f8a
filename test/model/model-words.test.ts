import { afterEach, describe, expect, it } from 'vitest';
import { bigramPrefix, isWord, negationRole } from '../../src/model/featurizer.js';
import { MODEL_WORD_LIMIT, currentWord, modelWord, modelWordEpoch, modelWordsOf, setModelWordLimitForTests, tokensOf } from '../../src/model/model-words.js';

describe('model words', () => {
  afterEach(() => setModelWordLimitForTests(MODEL_WORD_LIMIT));

  it('gives one record per token, carrying the facts the models derive from it', () => {
    const [first, second, again] = modelWordsOf(['not', 'late', 'not']);
    expect(again).toBe(first);
    expect(second).not.toBe(first);
    expect(second.id).not.toBe(first.id);
    for (const word of [first, second, modelWord('!!')]) {
      expect(word.role).toBe(negationRole(word.token));
      expect(word.bigramPrefix).toBe(bigramPrefix(word.token) | 0);
      expect(word.isWord).toBe(isWord(word.token));
    }
    expect(tokensOf([first, second])).toEqual(['not', 'late']);
  });

  it('starts over under a new epoch past its limit, with ids in range, and renews old records', () => {
    setModelWordLimitForTests(3);
    const start = modelWordEpoch();
    const old = modelWord('delivery');
    const ids = ['a', 'b', 'c', 'd', 'e'].map((token) => modelWord(token)).map((word) => word.id);
    expect(ids.every((id) => id >= 0 && id < 3)).toBe(true);
    expect(modelWordEpoch()).toBeGreaterThan(start);
    const renewed = currentWord(old);
    expect(renewed).not.toBe(old);
    expect(renewed.token).toBe('delivery');
    expect(renewed.epoch).toBe(modelWordEpoch());
    expect(currentWord(renewed)).toBe(renewed);
  });
});
