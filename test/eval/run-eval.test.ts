import { describe, expect, it } from 'vitest';
import { datasetsAvailable } from '../../src/datasets/index.js';
import { createBaselineSystems } from '../../src/eval/baselines.js';
import { formatReport } from '../../src/eval/format-report.js';
import { runEvaluation, type EvalProgress } from '../../src/eval/run-eval.js';
import type { EmotionSystem } from '../../src/eval/types.js';

const runDataTests = datasetsAvailable() || process.env.CI === 'true';

/** Predicts "gratitude" for any text with "thank", else nothing. */
const thanksDetector: EmotionSystem = {
  name: 'thanks-detector',
  labels: ['gratitude'],
  predict: async (texts) => texts.map((text) => (/thank/i.test(text) ? ['gratitude'] : [])),
};

describe.skipIf(!runDataTests)('runEvaluation (shared data)', () => {
  it('runs the baselines end to end on a small sample of three dev sets', async () => {
    const progress: EvalProgress[] = [];
    const report = await runEvaluation({
      systems: createBaselineSystems(),
      datasets: ['sst2', 'sst5', 'semeval2014-restaurants'],
      emotionSystem: thanksDetector,
      limit: 40,
      onProgress: (event) => progress.push(event),
    });
    expect(report.limit).toBe(40);
    expect(report.datasets.map((dataset) => [dataset.dataset, dataset.rows, dataset.binary])).toEqual([
      ['sst2', 40, true],
      ['sst5', 40, false],
      ['semeval2014-restaurants', 40, false],
    ]);
    for (const dataset of report.datasets) {
      expect(dataset.scores.map((score) => score.system)).toEqual(['vader-sentiment', 'afinn (sentiment)']);
      for (const score of dataset.scores) {
        expect(score.accuracy).toBeGreaterThan(0);
        expect(score.accuracy).toBeLessThanOrEqual(1);
        expect(score.confusion.matrix.flat().reduce((sum, count) => sum + count, 0)).toBe(40);
      }
    }
    const restaurants = report.datasets[2]!;
    expect(restaurants.aspectRows).toBe(40);
    expect(restaurants.scores[0]?.aspectMode).toBe('sentence');
    expect(report.emotions?.rows).toBe(40);
    expect(report.emotions?.labels).toEqual(['gratitude']);
    expect(report.throughput.map((entry) => [entry.system, entry.texts])).toEqual([
      ['vader-sentiment', 120],
      ['afinn (sentiment)', 120],
      ['thanks-detector', 40],
    ]);
    expect(progress.some((event) => event.phase === 'sentiment' && event.done === 40)).toBe(true);

    const text = formatReport(report);
    expect(text).toContain('sst2 (binary)');
    expect(text).toContain('vader-sentiment');
    expect(text).toContain('Aspect polarity accuracy');
    expect(text).toContain('thanks-detector macro-F1');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('the same limit draws the same rows (the sample is seeded)', async () => {
    const run = () => runEvaluation({ systems: createBaselineSystems().slice(0, 1), datasets: ['sst5'], limit: 25 });
    const [first, second] = [await run(), await run()];
    expect(second.datasets[0]?.scores[0]?.confusion).toEqual(first.datasets[0]?.scores[0]?.confusion);
  });
});
