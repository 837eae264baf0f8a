import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { ResultLineSchema } from '../../src/contract.js';
import { CSV_COLUMNS } from '../../src/io/write-output.js';
import { openStore } from '../../src/store/index.js';
import { corpusTexts, writeCorpus } from '../batch/make-corpus.js';

// The real CLI over the compiled dist/ (npm test builds it first): workers only load compiled code.
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'verbatim.js');
/** The short texts of data/sample.jsonl, so the larger corpora here run in seconds. */
const SHORT_TEXTS = corpusTexts().slice(0, 125);

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'verbatim-tag-'));
}

function expectedIds(rows: number, badEvery?: number): (string | number)[] {
  return Array.from({ length: rows }, (_, index) => (badEvery && (index + 1) % badEvery === 0 ? index + 1 : `r${index + 1}`));
}

describe('cli tag', () => {
  it('keeps input order with several workers and small batches, and checkpoints the finished job', async () => {
    const dir = scratch();
    const input = path.join(dir, 'in.jsonl');
    const out = path.join(dir, 'out.jsonl');
    await writeCorpus(input, 600, { texts: SHORT_TEXTS });
    const { code, stderr } = run(['tag', input, '--out', out, '--workers', '3', '--batch-size', '7']);
    expect(stderr).toMatch(/600 rows, 600 ok, 0 failed, [\d,]+ rows\/s/);
    expect(code).toBe(0);
    const lines = jsonLines(out);
    expect(lines.map((line) => line.id)).toEqual(expectedIds(600));
    for (const line of lines) ResultLineSchema.parse(line);
    const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, 'utf8'));
    expect(checkpoint).toMatchObject({ records: 600, ok: 600, failed: 0, complete: true, outputBytes: statSync(out).size });
    expect(readFileSync(`${out}.errors.jsonl`, 'utf8')).toBe('');
  });

  it('cuts batches by characters too (--batch-chars), with the same output in the same order', async () => {
    const dir = scratch();
    const input = path.join(dir, 'in.jsonl');
    await writeCorpus(input, 150, { texts: SHORT_TEXTS });
    const whole = path.join(dir, 'whole.jsonl');
    const cut = path.join(dir, 'cut.jsonl');
    expect(run(['tag', input, '--out', whole, '--workers', '2', '-q']).code).toBe(0);
    // 60 characters: most batches hold one comment, a few two short ones.
    expect(run(['tag', input, '--out', cut, '--workers', '2', '--batch-chars', '60', '-q']).code).toBe(0);
    expect(readFileSync(cut, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const bad = run(['tag', input, '--out', cut, '--batch-chars', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--batch-chars');
  });

  it('reports bad rows with line numbers in the error file, keeps error lines in place and exits 1', () => {
    const dir = scratch();
    const out = path.join(dir, 'out.jsonl');
    const { code, stderr } = run(['tag', 'data/bad-records.jsonl', '--out', out, '--workers', '2', '--batch-size', '3']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/12 rows, 4 ok, 8 failed/);
    const codes = jsonLines(out).map((line) => (line.error as { code?: string } | undefined)?.code ?? 'ok');
    expect(codes.filter((value) => value === 'ok')).toHaveLength(4);
    const errors = jsonLines(`${out}.errors.jsonl`);
    expect(errors.map((error) => [error.line, error.code])).toEqual([
      [2, 'VERBATIM_E_INVALID_JSON'],
      [3, 'VERBATIM_E_MISSING_TEXT'],
      [4, 'VERBATIM_E_TEXT_NOT_STRING'],
      [5, 'VERBATIM_E_TEXT_TOO_LONG'],
      [6, 'VERBATIM_E_INVALID_TARGETS'],
      // Physical line numbers: line 7 of the file is blank.
      [10, 'VERBATIM_E_TEXT_NOT_STRING'],
      [11, 'VERBATIM_E_NOT_AN_OBJECT'],
      [12, 'VERBATIM_E_INVALID_ID'],
    ]);
    expect(errors[1]).toMatchObject({ id: 'b003', message: 'Record has no "text" field' });
  });

  it('reads JSONL with a byte-order mark, CRLF and lone CR line ends and blank lines as analyze does, line numbers included', () => {
    const dir = scratch();
    const input = path.join(dir, 'in.jsonl');
    const out = path.join(dir, 'out.jsonl');
    const lines = ['{"id":"a","text":"The courier was late"}', '', '{not json', '   ', '{"id":"b","text":"Love the app"}', '{"id":"c","text":5}', '{"id":"d","text":"ok"}'];
    // Lines 1-2 end in CRLF, line 3 in a lone CR, the rest in LF; no line end after the last.
    writeFileSync(input, '\uFEFF' + lines[0] + '\r\n' + lines[1] + '\r\n' + lines[2] + '\r' + lines.slice(3).join('\n'));
    const tagged = run(['tag', input, '--out', out, '--workers', '2', '--batch-size', '2']);
    expect(tagged.stderr).toMatch(/5 rows, 3 ok, 2 failed/);
    expect(jsonLines(out).map((line) => line.id)).toEqual(['a', 3, 'b', 'c', 'd']);
    expect(jsonLines(`${out}.errors.jsonl`).map((error) => [error.line, error.code])).toEqual([
      [3, 'VERBATIM_E_INVALID_JSON'],
      [6, 'VERBATIM_E_TEXT_NOT_STRING'],
    ]);
    const analyzed = run(['analyze', input, '-q']);
    expect(readFileSync(out, 'utf8')).toBe(analyzed.stdout);
  });

  it('reads CSV and writes the same flattened CSV as analyze --format csv', () => {
    const dir = scratch();
    const input = path.join(dir, 'in.csv');
    writeFileSync(input, 'ref,comment,date\nr1,"The courier was late, again",2026-01-02\nr2,Love the app,2026-01-03\nr3,,2026-01-04\n');
    const out = path.join(dir, 'out.csv');
    const tagged = run(['tag', input, '--out', out, '--text-field', 'comment', '--id-field', 'ref', '--workers', '2', '--batch-size', '1']);
    expect(tagged.code).toBe(0);
    const analyzed = run(['analyze', input, '--text-field', 'comment', '--id-field', 'ref', '--format', 'csv', '-q']);
    expect(readFileSync(out, 'utf8')).toBe(analyzed.stdout);
    const rows = parseCsv(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((row) => row.id)).toEqual(['r1', 'r2', 'r3']);
    expect(rows[0]!.themes).not.toBe('');
  });

  it('resumes after kill -9 with no row lost and none written twice', async () => {
    const dir = scratch();
    const input = path.join(dir, 'in.jsonl');
    const out = path.join(dir, 'out.jsonl');
    const rows = 20_000;
    const badEvery = 997;
    await writeCorpus(input, rows, { texts: SHORT_TEXTS, badEvery });
    const checkpointFile = `${out}.checkpoint.json`;

    const child = spawn(process.execPath, [BIN, 'tag', input, '--out', out, '--workers', '2', '-q'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill mid-run: once some rows are checkpointed (more are usually written past the checkpoint).
    let killedAt: { records: number; complete: boolean } | null = null;
    while (killedAt === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!existsSync(checkpointFile)) continue;
      const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { records: number; complete: boolean };
      if (checkpoint.records >= 2_000) {
        child.kill('SIGKILL');
        killedAt = checkpoint;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedAt.complete).toBe(false);
    const beforeResume = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { records: number };
    expect(beforeResume.records).toBeLessThan(rows);

    const resumed = run(['tag', input, '--out', out, '--workers', '2', '--resume']);
    expect(resumed.stderr).toMatch(new RegExp(`resumed after ${beforeResume.records.toLocaleString('en-US')} rows`));
    expect(resumed.code).toBe(1);
    const lines = jsonLines(out);
    expect(lines.map((line) => line.id)).toEqual(expectedIds(rows, badEvery));
    const errors = jsonLines(`${out}.errors.jsonl`);
    const badLines = expectedIds(rows, badEvery).flatMap((id, index) => (typeof id === 'number' ? [index + 1] : []));
    expect(errors.map((error) => error.line)).toEqual(badLines);
    expect(JSON.parse(readFileSync(checkpointFile, 'utf8'))).toMatchObject({ records: rows, failed: badLines.length, complete: true });

    const again = run(['tag', input, '--out', out, '--resume']);
    expect(again.stderr).toMatch(/already complete/);
    expect(jsonLines(out)).toHaveLength(rows);
  }, 240_000);

  it('ingests into the store with --db, idempotently, and fails rows without a date', async () => {
    const dir = scratch();
    const input = path.join(dir, 'in.jsonl');
    const db = path.join(dir, 'feedback.db');
    await writeCorpus(input, 300, { texts: SHORT_TEXTS });
    writeFileSync(input, readFileSync(input, 'utf8') + JSON.stringify({ id: 'no-date', text: 'Refund took a month' }) + '\n');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { code, stderr } = run(['tag', input, '--db', db, '--workers', '2']);
      expect(stderr).toMatch(/301 rows, 300 ok, 1 failed/);
      expect(code).toBe(1);
      const store = await openStore(db);
      try {
        expect(await store.countFeedback()).toBe(300);
        expect(await store.getFeedback('no-date')).toBeNull();
        expect((await store.getFeedback('r7'))?.date).toBe('2026-01-08T00:00:00.000Z');
      } finally {
        await store.close();
      }
    }
    const errors = jsonLines(`${db}.errors.jsonl`);
    expect(errors).toEqual([expect.objectContaining({ line: 301, id: 'no-date', code: 'VERBATIM_E_INVALID_FEEDBACK' })]);
  });

  it.each([
    { name: 'neither --out nor --db', args: ['tag', 'data/sample.jsonl'], error: /VERBATIM_E_INVALID_CONFIG: .*--out/ },
    { name: 'zero workers', args: ['tag', 'data/sample.jsonl', '--out', 'OUT', '--workers', '0'], error: /VERBATIM_E_INVALID_CONFIG: .*--workers/ },
    { name: 'an unknown format', args: ['tag', 'data/sample.jsonl', '--out', 'OUT', '--format', 'xml'], error: /VERBATIM_E_UNSUPPORTED_FORMAT/ },
    { name: 'a missing input', args: ['tag', 'data/no-such-file.jsonl', '--out', 'OUT'], error: /VERBATIM_E_FILE_NOT_FOUND/ },
    { name: 'a missing taxonomy (found before any file is written)', args: ['tag', 'data/sample.jsonl', '--out', 'OUT', '--workers', '1', '--taxonomy', 'data/no-such-taxonomy.json'], error: /VERBATIM_E_FILE_NOT_FOUND: .*no-such-taxonomy/ },
    { name: 'no input argument', args: ['tag', '--out', 'OUT'], error: /missing required argument/ },
  ])('exits 2 with a coded message on $name', ({ args, error }) => {
    const out = path.join(scratch(), 'out.jsonl');
    const { code, stderr } = run(args.map((arg) => (arg === 'OUT' ? out : arg)));
    expect(code).toBe(2);
    expect(stderr).toMatch(error);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to resume from the checkpoint of another input', () => {
    const dir = scratch();
    const out = path.join(dir, 'out.jsonl');
    writeFileSync(`${out}.checkpoint.json`, JSON.stringify({ version: 1, input: 'other.jsonl', records: 3, ok: 3, failed: 0, outputBytes: 0, errorBytes: 0, complete: false }));
    const { code, stderr } = run(['tag', 'data/sample.jsonl', '--out', out, '--resume']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/VERBATIM_E_CHECKPOINT: .*other\.jsonl/);
  });
});
