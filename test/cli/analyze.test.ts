import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { ResultLineSchema } from '../../src/contract.js';

// These run the real CLI as a user would: node bin/verbatim.js over the compiled dist/ (npm test builds it first).
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'verbatim.js');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('cli analyze', () => {
  it('analyzes the sample file: one contract-valid line per record, in input order, exit 0', () => {
    const { code, stdout, stderr } = run(['analyze', 'data/sample.jsonl']);
    expect(code).toBe(0);
    const inputIds = jsonLines(readFileSync(path.join(ROOT, 'data/sample.jsonl'), 'utf8')).map((record) => record.id);
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.id)).toEqual(inputIds);
    for (const line of lines) ResultLineSchema.parse(line);
    expect(stderr).toMatch(/125 records, 125 analyzed, 0 failed/);
  });

  it('keeps going past bad records, writes coded error lines and exits 1', () => {
    const { code, stdout, stderr } = run(['analyze', 'data/bad-records.jsonl']);
    expect(code).toBe(1);
    const lines = jsonLines(stdout);
    const codes = lines.map((line) => (line.error as { code?: string } | undefined)?.code ?? 'ok');
    expect(codes).toEqual([
      'ok',
      'VERBATIM_E_INVALID_JSON',
      'VERBATIM_E_MISSING_TEXT',
      'VERBATIM_E_TEXT_NOT_STRING',
      'VERBATIM_E_TEXT_TOO_LONG',
      'VERBATIM_E_INVALID_TARGETS',
      'ok',
      'ok',
      'VERBATIM_E_TEXT_NOT_STRING',
      'VERBATIM_E_NOT_AN_OBJECT',
      'VERBATIM_E_INVALID_ID',
      'ok',
    ]);
    expect(stderr).toMatch(/12 records, 4 analyzed, 8 failed/);
    expect(stderr).toMatch(/line 2: VERBATIM_E_INVALID_JSON/);
  });

  it('reads CSV, uses custom field names, and writes flattened CSV to --out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-cli-'));
    const input = path.join(dir, 'in.csv');
    writeFileSync(input, 'ref,comment,score\nr1,"The courier was late, again",3\nr2,Love the app,10\n');
    const out = path.join(dir, 'out.csv');
    const { code } = run(['analyze', input, '--text-field', 'comment', '--id-field', 'ref', '--format', 'csv', '--out', out, '-q']);
    expect(code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.id, row.label])).toEqual([
      ['r1', 'negative'],
      ['r2', 'positive'],
    ]);
    expect(rows[0]!.stages).toMatch(/^delivery:negative/);
    expect(JSON.parse(rows[0]!.metadata!)).toEqual({ score: '3' });
  });

  it('reads stdin with "-" and numbers records by line when they have no id', () => {
    const { code, stdout } = run(['analyze', '-', '-q'], '{"text":"great"}\n\n{"text":"awful"}\n');
    expect(code).toBe(0);
    expect(jsonLines(stdout).map((line) => line.id)).toEqual([1, 3]);
  });

  it('reports each comment\'s language, and reads all as English with --english-only', () => {
    const input = '{"id":"es","text":"Muy buena atención, me resolvieron todo en una llamada."}\n';
    expect(jsonLines(run(['analyze', '-', '-q'], input).stdout)[0]!.language).toBe('es');
    expect(jsonLines(run(['analyze', '-', '-q', '--english-only'], input).stdout)[0]!.language).toBe('en');
  });

  it('masks PII with --redact', () => {
    const { stdout } = run(['analyze', '-', '-q', '--redact'], '{"id":"p","text":"mail me: a.b@example.org"}\n');
    expect(jsonLines(stdout)[0]!.redactedText).toBe('mail me: [EMAIL]');
  });

  it.each([
    [['analyze', 'does-not-exist.jsonl'], /VERBATIM_E_FILE_NOT_FOUND/],
    [['analyze', 'data/sample.jsonl', '--format', 'xml'], /VERBATIM_E_UNSUPPORTED_FORMAT/],
    [['analyze', 'data/sample.jsonl', '--batch-size', '0'], /--batch-size/],
  ])('fails clearly with exit 2 on %j', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each([[['--help']], [['analyze', '--help']], [['eval', '--help']]])('prints help for %j', (args) => {
    const { code, stdout } = run(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: verbatim/);
  });
});
