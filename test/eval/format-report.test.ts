import { describe, expect, it } from 'vitest';
import { formatReport, renderTable } from '../../src/eval/format-report.js';
import type { EvalReport, SystemScore } from '../../src/eval/types.js';

function score(system: string, accuracy: number, aspectAccuracy: number | null): SystemScore {
  return {
    system,
    rows: 10,
    accuracy,
    macroF1: accuracy - 0.1,
    perClass: [],
    confusion: { labels: [], matrix: [] },
    aspectAccuracy,
    aspectMode: aspectAccuracy === null ? null : 'sentence',
    ece: null,
    seconds: 0.5,
    textsPerSecond: 20,
  };
}

describe('formatReport', () => {
  it('aligns names left and numbers right', () => {
    expect(renderTable([['name', 'n']], [['a', '5'], ['longer', '123']], 1)).toBe(
      ['name      n', '------  ---', 'a         5', 'longer  123'].join('\n'),
    );
  });

  it('prints one row per dev set with each system side by side, then aspects and throughput', () => {
    const report: EvalReport = {
      createdAt: '2025-01-01T00:00:00.000Z',
      node: 'v20',
      limit: null,
      datasets: [
        { dataset: 'sst2', split: 'dev', binary: true, rows: 10, aspectRows: 0, scores: [score('A', 0.9, null), score('B', 0.6, null)] },
        { dataset: 'mams', split: 'dev', binary: false, rows: 10, aspectRows: 10, scores: [score('A', 0.8, 0.8), score('B', 0.4, 0.4)] },
      ],
      emotions: null,
      throughput: [{ system: 'A', texts: 20, seconds: 1, textsPerSecond: 20 }],
    };
    const lines = formatReport(report).split('\n');
    expect(lines).toContain('dataset (dev)  rows  A                   B');
    expect(lines).toContain('sst2 (binary)    10     0.900     0.800     0.600     0.500');
    expect(lines).toContain('mams                    10  0.800 (sentence)  0.400 (sentence)');
    expect(lines).toContain('A          20     1.00       20');
  });
});
