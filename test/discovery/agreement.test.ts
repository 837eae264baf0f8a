import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInformation } from '../../src/discovery/agreement.js';

describe('discovery/agreement', () => {
  // Expected values computed by hand from the contingency tables (and equal to scikit-learn's).
  const cases: { name: string; predicted: string[]; truth: string[]; nmi: number; ari: number }[] = [
    { name: 'identical partitions', predicted: ['a', 'a', 'b', 'b'], truth: ['x', 'x', 'y', 'y'], nmi: 1, ari: 1 },
    { name: 'renamed labels', predicted: ['b', 'b', 'a', 'a', 'c'], truth: ['x', 'x', 'y', 'y', 'z'], nmi: 1, ari: 1 },
    {
      // MI = (2/3) ln 2; H = ln 2 and ln 3; NMI = MI / mean(H) = 0.5158.
      // Pairs: sum C(nij,2) = 2, rows 6, columns 3, total 15; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.2424.
      name: 'two clusters against three classes',
      predicted: ['0', '0', '0', '1', '1', '1'],
      truth: ['0', '0', '1', '1', '2', '2'],
      nmi: 0.515803,
      ari: 0.242424,
    },
    { name: 'one cluster against a real split', predicted: ['a', 'a', 'a', 'a'], truth: ['x', 'x', 'y', 'y'], nmi: 0, ari: 0 },
    {
      // Crossed halves: every cluster holds one of each class. MI = 0; ARI = (0 - 2/3) / (2 - 2/3) = -0.5.
      name: 'independent partitions',
      predicted: ['a', 'a', 'b', 'b'],
      truth: ['x', 'y', 'x', 'y'],
      nmi: 0,
      ari: -0.5,
    },
  ];

  it.each(cases)('$name', ({ predicted, truth, nmi, ari }) => {
    expect(normalizedMutualInformation(predicted, truth)).toBeCloseTo(nmi, 5);
    expect(adjustedRandIndex(predicted, truth)).toBeCloseTo(ari, 5);
  });

  it('is symmetric in its arguments', () => {
    const predicted = ['0', '0', '0', '1', '1', '1'];
    const truth = ['0', '0', '1', '1', '2', '2'];
    expect(normalizedMutualInformation(truth, predicted)).toBeCloseTo(normalizedMutualInformation(predicted, truth), 10);
    expect(adjustedRandIndex(truth, predicted)).toBeCloseTo(adjustedRandIndex(predicted, truth), 10);
  });

  it('rejects labellings of different lengths with a coded error', () => {
    expect(() => normalizedMutualInformation(['a'], ['a', 'b'])).toThrowError(expect.objectContaining({ code: 'VERBATIM_E_INVALID_CONFIG' }));
  });
});
