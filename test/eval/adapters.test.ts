import { describe, expect, it } from 'vitest';
import { predictionFromProbabilities, systemFromProbabilities } from '../../src/eval/adapters.js';
import { mapGoldLabels } from '../../src/eval/run-eval.js';
import { scoreSystem } from '../../src/eval/score-rows.js';

describe('adapters', () => {
  it.each([
    [[0.1, 0.2, 0.7], 'positive', 0.6, 0.7],
    [[0.6, 0.3, 0.1], 'negative', -0.5, 0.6],
    [[0.2, 0.5, 0.3], 'neutral', 0.1, 0.5],
  ] as const)('probabilities %j give %s', (row, label, score, confidence) => {
    const prediction = predictionFromProbabilities(row);
    expect(prediction.label).toBe(label);
    expect(prediction.score).toBeCloseTo(score, 12);
    expect(prediction.confidence).toBe(confidence);
    expect(prediction.probabilities?.neutral).toBe(row[1]);
  });

  it('systemFromProbabilities reads flat row-major output and routes aspects', async () => {
    const system = systemFromProbabilities(
      'fake-model',
      async (texts) => Float32Array.from(texts.flatMap((text) => (text.includes('bad') ? [0.8, 0.1, 0.1] : [0.1, 0.1, 0.8]))),
      async (items) => Float32Array.from(items.flatMap(() => [0.1, 0.8, 0.1])),
    );
    const predictions = await system.predict(['bad', 'fine']);
    expect(predictions.map((prediction) => prediction.label)).toEqual(['negative', 'positive']);
    const score = await scoreSystem(
      system,
      [
        { text: 'the menu', label: 'neutral', target: { text: 'menu', start: 4, end: 8 }, source: 'hand' },
        { text: 'bad', label: 'negative', source: 'hand' },
      ],
      { binary: false },
    );
    expect(score.accuracy).toBe(1);
    expect(score.aspectMode).toBe('aspect');
    expect(score.ece).not.toBeNull();
  });

  it('a model that returns too few rows is reported, not padded', async () => {
    const system = systemFromProbabilities('short', async () => new Float32Array(3));
    await expect(scoreSystem(system, [{ text: 'a', label: 'neutral', source: 'h' }, { text: 'b', label: 'neutral', source: 'h' }], { binary: false }))
      .rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });

  it.each([
    [['disgust', 'joy', 'sadness'], { disgust: 'anger', joy: 'joy' }, ['anger', 'joy']],
    [['anger', 'disgust'], { anger: 'anger', disgust: 'anger' }, ['anger']],
    [['sadness'], undefined, ['sadness']],
  ] as const)('mapGoldLabels(%j)', (labels, map, expected) => {
    expect(mapGoldLabels(labels, map)).toEqual(expected);
  });
});
