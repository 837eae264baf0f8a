import { describe, expect, it } from 'vitest';
import { jobPaths } from '../../src/batch/run-tag.js';

describe('jobPaths', () => {
  it('names the checkpoint and error files after the output file', () => {
    expect(jobPaths('/data/out.jsonl', 'x.db', '/data/in.jsonl').errors).toBe('/data/out.jsonl.errors.jsonl');
  });

  it('falls back to a SQLite file for an import-only job', () => {
    expect(jobPaths(null, '/data/verbatim.db', '/data/in.jsonl').errors).toBe('/data/verbatim.db.errors.jsonl');
  });

  it('keeps the files beside the input when the store is a database URL', () => {
    const paths = jobPaths(null, 'postgres://verbatim:secret@db:5432/cx', '/data/in.jsonl');
    expect(paths.errors).toBe('/data/in.jsonl.import.errors.jsonl');
    expect(paths.checkpoint.startsWith('/data/in.jsonl.import')).toBe(true);
  });
});
