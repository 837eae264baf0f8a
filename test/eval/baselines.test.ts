import { describe, expect, it } from 'vitest';
import { afinnLabel, binaryLabel, createAfinnSystem, createVaderSystem, vaderLabel } from '../../src/eval/baselines.js';

const SENTENCES = [
  ['I love this, the staff were wonderful and the food was amazing!', 'positive'],
  ['This is terrible, awful service and I hate it.', 'negative'],
  ['The package arrived on Tuesday.', 'neutral'],
] as const;

describe('baselines', () => {
  it.each([
    [0.05, 'positive'],
    [0.0499, 'neutral'],
    [0, 'neutral'],
    [-0.0499, 'neutral'],
    [-0.05, 'negative'],
  ] as const)('vaderLabel(%d) is %s (standard thresholds)', (compound, label) => {
    expect(vaderLabel(compound)).toBe(label);
  });

  it.each([
    [0.01, 'positive'],
    [0, 'neutral'],
    [-0.01, 'negative'],
  ] as const)('afinnLabel(%d) is %s', (comparative, label) => {
    expect(afinnLabel(comparative)).toBe(label);
  });

  it.each([createVaderSystem(), createAfinnSystem()].map((system) => [system.name, system] as const))(
    '%s labels obvious sentences',
    async (_name, system) => {
      const predictions = await system.predict(SENTENCES.map(([text]) => text));
      expect(predictions.map((prediction) => prediction.label)).toEqual(SENTENCES.map(([, label]) => label));
      for (const prediction of predictions) {
        expect(prediction.score).toBeGreaterThanOrEqual(-1);
        expect(prediction.score).toBeLessThanOrEqual(1);
      }
      expect(predictions[0]!.score).toBeGreaterThan(0);
      expect(predictions[1]!.score).toBeLessThan(0);
    },
  );

  it.each([
    [{ label: 'neutral', score: 0 }, 'positive'],
    [{ label: 'neutral', score: -0.01 }, 'negative'],
    [{ label: 'neutral', score: 0.9, probabilities: { negative: 0.3, neutral: 0.6, positive: 0.1 } }, 'negative'],
    [{ label: 'positive', score: -0.2, probabilities: { negative: 0.2, neutral: 0.4, positive: 0.4 } }, 'positive'],
  ] as const)('binaryLabel(%j) is %s', (prediction, label) => {
    expect(binaryLabel(prediction)).toBe(label);
  });
});
