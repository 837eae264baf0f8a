import { describe, expect, it } from 'vitest';
import type { LabelledText } from '../../src/datasets/types.js';
import { VerbatimError } from '../../src/errors.js';
import { scoreSystem } from '../../src/eval/score-rows.js';
import type { AspectItem, EvalSystem, Prediction } from '../../src/eval/types.js';

/** Says "positive" when the text (or the aspect's clause) has "good", "negative" for "bad". */
function keywordPrediction(text: string): Prediction {
  if (/\bgood\b/.test(text)) return { label: 'positive', score: 0.8, confidence: 0.9 };
  if (/\bbad\b/.test(text)) return { label: 'negative', score: -0.8, confidence: 0.9 };
  return { label: 'neutral', score: 0, confidence: 0.5 };
}

const sentenceSystem: EvalSystem = {
  name: 'keywords',
  predict: async (texts) => texts.map(keywordPrediction),
};

const seenAspects: AspectItem[] = [];
const aspectSystem: EvalSystem = {
  name: 'keywords+aspects',
  predict: async (texts) => texts.map(keywordPrediction),
  predictAspects: async (items) => {
    seenAspects.push(...items);
    // Looks only at the clause (split on "but") that holds the target.
    return items.map(({ text, target }) => {
      const clause = text.split(/\bbut\b/).find((part, index, parts) => {
        const start = parts.slice(0, index).reduce((sum, previous) => sum + previous.length + 3, 0);
        return target.start >= start && target.start < start + part.length;
      });
      return keywordPrediction(clause ?? text);
    });
  },
};

const TEXT = 'the food was good but the service was bad';
const ROWS: LabelledText[] = [
  { text: TEXT, label: 'positive', target: { text: 'food', start: 4, end: 8 }, source: 'hand' },
  { text: TEXT, label: 'negative', target: { text: 'service', start: 26, end: 33 }, source: 'hand' },
  { text: 'a good day', label: 'positive', source: 'hand' },
  { text: 'nothing to say', label: 'neutral', source: 'hand' },
];

describe('scoreSystem', () => {
  it('scores aspect rows on the whole text when the system has no predictAspects', async () => {
    const score = await scoreSystem(sentenceSystem, ROWS, { binary: false });
    // Whole text has "good" first -> positive for both aspects: one right, one wrong.
    expect(score.aspectMode).toBe('sentence');
    expect(score.aspectAccuracy).toBeCloseTo(0.5, 12);
    expect(score.accuracy).toBeCloseTo(0.75, 12);
    expect(score.rows).toBe(4);
    expect(score.ece).not.toBeNull();
  });

  it('uses predictAspects for aspect rows and passes the targets through', async () => {
    seenAspects.length = 0;
    const score = await scoreSystem(aspectSystem, ROWS, { binary: false });
    expect(score.aspectMode).toBe('aspect');
    expect(score.aspectAccuracy).toBe(1);
    expect(score.accuracy).toBe(1);
    expect(seenAspects.map((item) => item.target.text)).toEqual(['food', 'service']);
  });

  it('binary sets fold neutral predictions by score sign (0 counts as positive)', async () => {
    const rows: LabelledText[] = [
      { text: 'nothing to say', label: 'positive', source: 'hand' },
      { text: 'bad', label: 'negative', source: 'hand' },
    ];
    const score = await scoreSystem(sentenceSystem, rows, { binary: true });
    expect(score.accuracy).toBe(1);
    expect(score.confusion.labels).toEqual(['negative', 'positive']);
    expect(score.aspectAccuracy).toBeNull();
    expect(score.aspectMode).toBeNull();
  });

  it('no ECE when a prediction lacks confidence', async () => {
    const system: EvalSystem = { name: 'plain', predict: async (texts) => texts.map(() => ({ label: 'neutral', score: 0 })) };
    expect((await scoreSystem(system, ROWS, { binary: false })).ece).toBeNull();
  });

  it.each([
    ['returns too few predictions', async () => [] as Prediction[]],
    ['throws', async (): Promise<Prediction[]> => { throw new Error('model file missing'); }],
  ])('a system that %s is reported as VERBATIM_E_MODEL', async (_name, predict) => {
    const broken: EvalSystem = { name: 'broken', predict };
    await expect(scoreSystem(broken, ROWS, { binary: false })).rejects.toMatchObject({
      code: 'VERBATIM_E_MODEL',
      constructor: VerbatimError,
    });
  });
});
