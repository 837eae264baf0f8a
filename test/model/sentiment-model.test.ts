import { describe, expect, it, beforeAll } from 'vitest';
import { argmax } from '../../src/model/metrics.js';
import { loadSentimentModel, type SentimentModel } from '../../src/model/sentiment-model.js';

/** Hand-written CX comments whose polarity is not in doubt. */
const CASES: [string, 'negative' | 'neutral' | 'positive'][] = [
  ['the courier was two days late and support never called back', 'negative'],
  ['absolutely love it, five stars', 'positive'],
  ['how do I change my booking?', 'neutral'],
  ['terrible service, I want a refund', 'negative'],
  ['the staff were friendly and really helpful', 'positive'],
  ['it broke after one week', 'negative'],
  ['what time does the store open on sunday?', 'neutral'],
];

describe('loadSentimentModel (models/sentiment)', () => {
  let model: SentimentModel;
  beforeAll(async () => {
    model = await loadSentimentModel();
  });

  it.each(CASES)('labels %j as %s', async (text, expected) => {
    const probabilities = await model.predict([text]);
    expect(model.meta.labels[argmax(probabilities, 0, 3)]).toBe(expected);
  });

  it('predicts a batch in one call, rows summing to 1, same as one at a time', async () => {
    const texts = [...CASES.map(([text]) => text), '', '!!!'];
    const batch = await model.predict(texts);
    expect(batch).toHaveLength(texts.length * 3);
    for (let row = 0; row < texts.length; row++) {
      expect(batch[row * 3] + batch[row * 3 + 1] + batch[row * 3 + 2]).toBeCloseTo(1, 4);
      const single = await model.predict([texts[row]]);
      for (let label = 0; label < 3; label++) expect(Math.abs(single[label] - batch[row * 3 + label])).toBeLessThan(1e-5);
    }
  });

  it('gives two aspects of one sentence opposite polarities', async () => {
    const text = 'The food was delicious but the service was painfully slow.';
    const probabilities = await model.predictAspects([
      { text, start: 4, end: 8 },
      { text, start: 31, end: 38 },
    ]);
    expect(argmax(probabilities, 0, 3)).toBe(2);
    expect(argmax(probabilities, 3, 3)).toBe(0);
  });

  it('reports a missing model folder as VERBATIM_E_MODEL', async () => {
    await expect(loadSentimentModel('/nonexistent/folder')).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });
});
