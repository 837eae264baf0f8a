import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFile, parseLabelledJsonl } from '../../src/eval/evaluate-file.js';
import type { EvalSystem } from '../../src/eval/types.js';

const LINES = [
  '{"text":"Great staff, slow checkout","label":"positive","target":"staff"}', // 1 ok (aspect)
  '{"text":"Never again.","label":"NEGATIVE"}', // 2 ok (label case folded)
  '', // 3 blank: ignored
  '{"text":"ok","label":"meh"}', // 4 bad label
  '{"text":42,"label":"neutral"}', // 5 text not a string
  '{"label":"neutral"}', // 6 no text
  'not json', // 7 invalid JSON
  '[1,2]', // 8 not an object
  '{"text":"Fine.","label":"neutral","target":"refund"}', // 9 target absent
  '{"text":"Fine.","label":"neutral","target":7}', // 10 target not a string
  '{"text":"Fine."}', // 11 no label
  '{"text":"The Refund was quick","label":"positive","target":"refund"}', // 12 ok, case-insensitive target
];

describe('evaluateFile', () => {
  it('parses good lines and reports each bad line with its number, field and code', () => {
    const { rows, skipped } = parseLabelledJsonl(LINES.join('\n'));
    expect(rows.map((row) => [row.label, row.target?.text ?? null, row.target?.start ?? null])).toEqual([
      ['positive', 'staff', 6],
      ['negative', null, null],
      ['positive', 'Refund', 4],
    ]);
    expect(skipped.map((line) => [line.line, line.field, line.code])).toEqual([
      [4, 'label', 'VERBATIM_E_INVALID_LABEL'],
      [5, 'text', 'VERBATIM_E_TEXT_NOT_STRING'],
      [6, 'text', 'VERBATIM_E_MISSING_TEXT'],
      [7, null, 'VERBATIM_E_INVALID_JSON'],
      [8, null, 'VERBATIM_E_NOT_AN_OBJECT'],
      [9, 'target', 'VERBATIM_E_TARGET_NOT_FOUND'],
      [10, 'target', 'VERBATIM_E_TEXT_NOT_STRING'],
      [11, 'label', 'VERBATIM_E_MISSING_FIELD'],
    ]);
    expect(skipped[0]?.message).toBe('line 4: Field "label" must be one of positive, negative, neutral, found "meh"');
  });

  it('scores systems on the valid lines of a file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-eval-'));
    const path = join(folder, 'labelled.jsonl');
    writeFileSync(path, LINES.join('\r\n'));
    const alwaysPositive: EvalSystem = {
      name: 'always-positive',
      predict: async (texts) => texts.map(() => ({ label: 'positive', score: 1 })),
    };
    const result = await evaluateFile(path, [alwaysPositive]);
    expect(result.rows).toBe(3);
    expect(result.aspectRows).toBe(2);
    expect(result.skipped).toHaveLength(8);
    expect(result.scores[0]?.accuracy).toBeCloseTo(2 / 3, 12);
    expect(result.scores[0]?.aspectAccuracy).toBe(1);
  });

  it('a file with no usable line is VERBATIM_E_NO_ROWS naming the first reason, not a table of zeros', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-eval-'));
    const bad = join(folder, 'bad.jsonl');
    writeFileSync(bad, '{"text":"Fine."}\nnot json\n');
    const error = await evaluateFile(bad, []).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VERBATIM_E_NO_ROWS' });
    expect((error as Error).message).toContain('all 2 line(s) were skipped; the first: VERBATIM_E_MISSING_FIELD line 1: Record has no "label" field');
    const empty = join(folder, 'empty.jsonl');
    writeFileSync(empty, '\n');
    await expect(evaluateFile(empty, [])).rejects.toMatchObject({ code: 'VERBATIM_E_NO_ROWS' });
  });

  it('a missing file is VERBATIM_E_FILE_NOT_FOUND', async () => {
    await expect(evaluateFile('/nonexistent/verbatim/file.jsonl', [])).rejects.toMatchObject({
      code: 'VERBATIM_E_FILE_NOT_FOUND',
    });
  });
});

describe('formatFileEvaluation', () => {
  it('prints the scores and lists skipped lines with their codes', async () => {
    const { formatFileEvaluation } = await import('../../src/eval/format-report.js');
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-eval-'));
    const path = join(folder, 'small.jsonl');
    writeFileSync(path, '{"text":"good","label":"positive"}\n{"text":"x","label":"great"}\n');
    const system: EvalSystem = { name: 'sys', predict: async (texts) => texts.map(() => ({ label: 'positive', score: 1 })) };
    const text = formatFileEvaluation(await evaluateFile(path, [system]));
    expect(text).toContain('1.000');
    expect(text).toContain('Skipped 1 line(s):');
    expect(text).toContain('VERBATIM_E_INVALID_LABEL  line 2: Field "label"');
  });
});
