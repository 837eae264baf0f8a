import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointPath, readCheckpoint, writeCheckpoint, type Checkpoint } from '../../src/batch/checkpoint.js';

const SAMPLE: Checkpoint = { version: 1, input: 'in.jsonl', records: 512, ok: 510, failed: 2, outputBytes: 4096, errorBytes: 120, complete: false };

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'verbatim-checkpoint-'));
}

describe('checkpoint', () => {
  it('is named after the output file', () => {
    expect(checkpointPath('/data/out.jsonl')).toBe('/data/out.jsonl.checkpoint.json');
  });

  it('round-trips and leaves no temporary file behind', async () => {
    const dir = scratch();
    const file = path.join(dir, 'out.jsonl.checkpoint.json');
    await writeCheckpoint(file, SAMPLE);
    await writeCheckpoint(file, { ...SAMPLE, records: 1024, complete: true });
    expect(await readCheckpoint(file)).toEqual({ ...SAMPLE, records: 1024, complete: true });
    expect(readdirSync(dir)).toEqual(['out.jsonl.checkpoint.json']);
  });

  it('reads a missing checkpoint as null', async () => {
    const file = path.join(scratch(), 'none.checkpoint.json');
    expect(await readCheckpoint(file)).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    { name: 'torn JSON', text: '{"version":1,"input":"in.jsonl","rec' },
    { name: 'another version', text: JSON.stringify({ ...SAMPLE, version: 2 }) },
    { name: 'a negative count', text: JSON.stringify({ ...SAMPLE, outputBytes: -1 }) },
    { name: 'a fractional count', text: JSON.stringify({ ...SAMPLE, records: 1.5 }) },
    { name: 'no input', text: JSON.stringify({ ...SAMPLE, input: undefined }) },
    { name: 'an array', text: '[]' },
  ])('rejects $name with VERBATIM_E_CHECKPOINT', async ({ text }) => {
    const file = path.join(scratch(), 'bad.checkpoint.json');
    writeFileSync(file, text);
    await expect(readCheckpoint(file)).rejects.toMatchObject({ code: 'VERBATIM_E_CHECKPOINT' });
  });
});
