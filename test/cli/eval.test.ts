import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsAvailable } from '../../src/datasets/index.js';

// The real CLI over the compiled dist/ (npm test builds it first), on ../shared/datasets; in CI the
// data must be there, so these never skip silently (as test/eval/run-eval.test.ts).
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'verbatim.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const runDataTests = datasetsAvailable() || process.env.CI === 'true';

describe.skipIf(!runDataTests)('cli eval', () => {
  it('scores Verbatim beside the baselines on a dev set, with the engine\'s emotions, and writes the report', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'verbatim-eval-')), 'report.json');
    const { code, stdout } = run(['eval', '--datasets', 'sst2', '--limit', '40', '--scorers', 'rules', '--out', out, '-q']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Emotions: verbatim emotions macro-F1 [01]\.\d{3} on GoEmotions dev \(40 rows/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.datasets.map((dataset: { dataset: string }) => dataset.dataset)).toEqual(['sst2']);
    const systems = report.datasets[0].scores.map((score: { system: string }) => score.system);
    expect(systems).toEqual(['verbatim (rules)', 'vader-sentiment', 'afinn (sentiment)']);
    for (const score of report.datasets[0].scores) expect(score.rows).toBe(40);
    expect(report.emotions).toMatchObject({ dataset: 'goemotions', system: 'verbatim emotions', rows: 40 });
    expect(report.emotions.macroF1).toBeGreaterThanOrEqual(0);
    expect(report.emotions.macroF1).toBeLessThanOrEqual(1);
  });

  it('evaluates a user\'s labelled file and refuses an unknown dev set with a coded error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-eval-file-'));
    const file = path.join(dir, 'mine.jsonl');
    writeFileSync(file, ['{"text":"Great support, thank you","label":"positive"}', '{"text":"Still waiting for my refund","label":"negative"}', '{"text":"Do you ship to Ireland?","label":"neutral"}'].join('\n') + '\n');
    const ok = run(['eval', '--file', file, '--scorers', 'rules', '--out', path.join(dir, 'r.json'), '-q']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')).rows).toBe(3);
    const bad = run(['eval', '--datasets', 'imdb', '-q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/VERBATIM_E_INVALID_CONFIG/);
  });
});
