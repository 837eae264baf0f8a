import { describe, expect, it } from 'vitest';
import { aspectInput, POSITION_BUCKETS, rowOfToken, sentenceInput, sentenceInputFromWords, WordRows, type TokenVocabulary } from '../../../src/model/nn/sequence-tokens.js';
import { modelTokens } from '../../../src/model/model-tokens.js';
import { MODEL_WORD_LIMIT, modelWord, modelWordsOf, setModelWordLimitForTests } from '../../../src/model/model-words.js';

const WORDS = ['the', 'food', 'was', 'great', 'but', 'service', 'slow', 'not'];
const VOCABULARY: TokenVocabulary = { wordRows: WORDS.length, oovBuckets: 16, rankOf: (word) => WORDS.indexOf(word) };

describe('sequence tokens', () => {
  it.each([
    ['the', 1],
    ['slow', 7],
    ['not', 8],
  ])('maps the known word %s to row rank + 1 (%i)', (word, row) => {
    expect(rowOfToken(word, VOCABULARY)).toBe(row);
  });

  it.each(['zzzq', ',', '!!', '42'])('hashes the unknown token %j into the trainable rows after the words', (token) => {
    const row = rowOfToken(token, VOCABULARY);
    expect(row).toBeGreaterThan(WORDS.length);
    expect(row).toBeLessThan(1 + WORDS.length + 16);
    expect(rowOfToken(token, VOCABULARY)).toBe(row);
  });

  it('pads a short sentence with row 0 up to the widest window and splits contractions', () => {
    expect(Array.from(sentenceInput("wasn't", VOCABULARY, 4).rows)).toEqual([3, 8, 0, 0]);
  });

  it('marks the target tokens, their distance bands on each side, and padding', () => {
    const text = 'the food was great but the service was slow';
    const input = aspectInput({ text, start: 27, end: 34 }, VOCABULARY, 3);
    expect(input.targetStart).toBe(6);
    expect(input.targetEnd).toBe(7);
    expect(input.rows[6]).toBe(rowOfToken('service', VOCABULARY));
    const positions = Array.from(input.positions!);
    expect(positions[6]).toBe(1);
    // "the" right before the target is band 0 on the left; "was" right after is band 0 on the right.
    expect(positions[5]).toBe(2);
    expect(positions[7]).toBe(2 + 8);
    expect(positions[0]).toBeGreaterThan(positions[5]);
    for (const position of positions) expect(position).toBeLessThan(POSITION_BUCKETS);
  });

  it('clamps out-of-range spans instead of throwing', () => {
    const input = aspectInput({ text: 'great food', start: -5, end: 99 }, VOCABULARY, 3);
    expect(input.targetStart).toBe(0);
    expect(input.targetEnd).toBe(2);
  });

  it('keeps a window around a target deep inside a long text', () => {
    const text = `${'the '.repeat(200)}food ${'was '.repeat(200)}`;
    const start = text.indexOf('food');
    const input = aspectInput({ text, start, end: start + 4 }, VOCABULARY, 3);
    expect(input.rows.length).toBeLessThanOrEqual(96);
    expect(input.rows[input.targetStart!]).toBe(2);
  });

  it('gives model words the rows of their tokens, by id, across a new model-word epoch', () => {
    const rows = new WordRows(VOCABULARY);
    const text = 'The food was not great, service slow!! zzzq';
    const expected = sentenceInput(text, VOCABULARY, 3).rows;
    const words = modelWordsOf(modelTokens(text));
    expect(sentenceInputFromWords(words, rows, 3).rows).toEqual(expected);
    try {
      setModelWordLimitForTests(4);
      for (const token of ['x1', 'x2', 'x3', 'x4', 'x5']) rows.rowOf(modelWord(token));
      expect(sentenceInputFromWords(words, rows, 3).rows).toEqual(expected);
      expect(sentenceInputFromWords(modelWordsOf(['no']), rows, 3).rows).toEqual(sentenceInput('no', VOCABULARY, 3).rows);
    } finally {
      setModelWordLimitForTests(MODEL_WORD_LIMIT);
    }
  });
});
