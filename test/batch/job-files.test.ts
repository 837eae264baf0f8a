import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/batch/checkpoint.js';
import { openJobFiles, type JobFilesOptions } from '../../src/batch/job-files.js';
import type { TagTaskResult } from '../../src/batch/types.js';

function setup(format: 'jsonl' | 'csv'): JobFilesOptions {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-job-files-'));
  const output = path.join(dir, `out.${format}`);
  return { input: 'in.jsonl', output, format, errorPath: `${output}.errors.jsonl`, checkpointPath: `${output}.checkpoint.json`, store: null, resumeFrom: null };
}

function batch(ids: string[], failedIds: string[] = []): TagTaskResult {
  return {
    bytes: Buffer.from(ids.map((id) => `{"id":"${id}"}\n`).join('')),
    rows: ids.length,
    failures: failedIds.map((id) => ({ line: Number(id.slice(1)), id, code: 'VERBATIM_E_MISSING_TEXT', message: 'Record has no "text" field' })),
    feedback: [],
  };
}

describe('openJobFiles', () => {
  it('writes batches and error lines, and the final checkpoint matches the file lengths', async () => {
    const options = setup('jsonl');
    const files = await openJobFiles(options);
    expect(await readCheckpoint(options.checkpointPath)).toMatchObject({ records: 0, outputBytes: 0, complete: false });
    await files.commit(batch(['r1', 'r2']));
    await files.commit(batch(['r3', 'r4'], ['r4']));
    await files.finish();
    expect(readFileSync(options.output!, 'utf8')).toBe('{"id":"r1"}\n{"id":"r2"}\n{"id":"r3"}\n{"id":"r4"}\n');
    expect(readFileSync(options.errorPath, 'utf8')).toBe('{"line":4,"id":"r4","code":"VERBATIM_E_MISSING_TEXT","message":"Record has no \\"text\\" field"}\n');
    expect(await readCheckpoint(options.checkpointPath)).toEqual({
      version: 1,
      input: 'in.jsonl',
      records: 4,
      ok: 3,
      failed: 1,
      outputBytes: statSync(options.output!).size,
      errorBytes: statSync(options.errorPath).size,
      complete: true,
    });
  });

  it('writes the CSV header once, before the first row, even on resume', async () => {
    const options = setup('csv');
    const files = await openJobFiles(options);
    await files.finish();
    const header = readFileSync(options.output!, 'utf8');
    expect(header.startsWith('id,label,score,')).toBe(true);
    const resumed = await openJobFiles({ ...options, resumeFrom: await readCheckpoint(options.checkpointPath) });
    await resumed.commit(batch(['r1']));
    await resumed.finish();
    expect(readFileSync(options.output!, 'utf8')).toBe(`${header}{"id":"r1"}\n`);
  });

  it('on resume, cuts off what was written after the checkpoint and continues from there', async () => {
    const options = setup('jsonl');
    const first = await openJobFiles(options);
    await first.commit(batch(['r1', 'r2'], ['r2']));
    await first.finish();
    const checkpoint = await readCheckpoint(options.checkpointPath);
    // What a killed run leaves: rows and an error line past the checkpoint, the last one torn.
    appendFileSync(options.output!, '{"id":"r3"}\n{"id":"r4"');
    appendFileSync(options.errorPath, '{"line":3,');
    const second = await openJobFiles({ ...options, resumeFrom: checkpoint });
    expect(second.counts).toEqual({ records: 2, ok: 1, failed: 1 });
    await second.commit(batch(['r3', 'r4']));
    await second.finish();
    expect(readFileSync(options.output!, 'utf8')).toBe('{"id":"r1"}\n{"id":"r2"}\n{"id":"r3"}\n{"id":"r4"}\n');
    expect(readFileSync(options.errorPath, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    expect(await readCheckpoint(options.checkpointPath)).toMatchObject({ records: 4, ok: 3, failed: 1 });
  });

  it('refuses to resume when the output is shorter than the checkpoint says', async () => {
    const options = setup('jsonl');
    const files = await openJobFiles(options);
    await files.commit(batch(['r1']));
    await files.finish();
    const checkpoint = await readCheckpoint(options.checkpointPath);
    await expect(openJobFiles({ ...options, resumeFrom: { ...checkpoint!, outputBytes: 10_000 } })).rejects.toMatchObject({
      code: 'VERBATIM_E_CHECKPOINT',
    });
  });
});
