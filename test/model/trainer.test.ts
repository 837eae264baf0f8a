import { describe, expect, it } from 'vitest';
import { forwardBatch } from '../../src/model/bag-model.js';
import { featurize, type FeaturizerParams } from '../../src/model/featurizer.js';
import { argmax } from '../../src/model/metrics.js';
import { packTrainingSet, trainBagModel } from '../../src/model/trainer.js';

const PARAMS: FeaturizerParams = { buckets: 4096, charMin: 0, charMax: 0, bigrams: true, negationScope: 3, maxIds: 256 };
const POSITIVE = ['great service', 'love it', 'excellent support', 'fast delivery, great', 'very helpful staff', 'amazing quality', 'happy with it', 'works great', 'love the app', 'excellent, thanks'];
const NEGATIVE = ['terrible service', 'hate it', 'awful support', 'slow delivery, terrible', 'very rude staff', 'awful quality', 'angry about it', 'broken again', 'hate the app', 'terrible, refund'];
const NEUTRAL = ['how do i log in', 'where is the form', 'what time do you open', 'is there a manual', 'can i change the address'];
const ROWS = [
  ...POSITIVE.map((text) => ({ text, label: 2 })),
  ...NEGATIVE.map((text) => ({ text, label: 0 })),
  ...NEUTRAL.map((text) => ({ text, label: 1 })),
];

function train(seed: number) {
  const set = packTrainingSet(
    ROWS.map((row) => ({ ids: featurize(row.text, PARAMS), target: [0, 1, 2].map((label) => (label === row.label ? 1 : 0)), weight: 1 })),
    3,
  );
  return trainBagModel(set, { buckets: PARAMS.buckets, dim: 8, classes: 3, output: 'softmax', epochs: 40, learningRate: 0.5, seed });
}

describe('trainBagModel', () => {
  it('learns a tiny hand-written set', () => {
    const model = train(3);
    const probabilities = forwardBatch(model, ['great quality, love it', 'terrible and rude', 'where do i log in'].map((text) => featurize(text, PARAMS)));
    expect([0, 1, 2].map((row) => argmax(probabilities, row * 3, 3))).toEqual([2, 0, 1]);
  });

  it('is reproducible: same seed and data give the same weights', () => {
    const first = train(11);
    const second = train(11);
    expect(Buffer.from(first.embedding.buffer).equals(Buffer.from(second.embedding.buffer))).toBe(true);
    expect(Array.from(first.weight)).toEqual(Array.from(second.weight));
    expect(Array.from(train(12).weight)).not.toEqual(Array.from(first.weight));
  });
});
