/**
 * The resume checkpoint of a tag job: how many input records are fully written and how long the
 * output and error files were at that moment. Written atomically (temporary file, fsync, rename)
 * and only after the files it describes are fsynced, so after a crash at any instant the
 * checkpoint never claims bytes that are not on disk.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { VerbatimError } from '../errors.js';

export const CHECKPOINT_VERSION = 1;

export interface Checkpoint {
  version: typeof CHECKPOINT_VERSION;
  /** The input file, as given; a resume with another input is refused. */
  input: string;
  /** Input records (rows, good or bad) whose output is fully written. */
  records: number;
  ok: number;
  failed: number;
  /** Byte length of the output file (0 without --out). */
  outputBytes: number;
  /** Byte length of the error file. */
  errorBytes: number;
  /** True once the whole input was written. */
  complete: boolean;
}

/** The checkpoint path for a job writing to `base` (the output file, else the database). */
export function checkpointPath(base: string): string {
  return `${base}.checkpoint.json`;
}

/** Replaces the checkpoint atomically: readers see the old or the new one, never a torn file. */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(checkpoint) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** Reads a checkpoint; null when there is none. A damaged one is VERBATIM_E_CHECKPOINT. */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path, detail: (error as Error).message });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path, detail: `not valid JSON (${(error as Error).message})` });
  }
  const checkpoint = value as Partial<Checkpoint>;
  const counts = ['records', 'ok', 'failed', 'outputBytes', 'errorBytes'] as const;
  if (
    typeof value !== 'object' ||
    value === null ||
    checkpoint.version !== CHECKPOINT_VERSION ||
    typeof checkpoint.input !== 'string' ||
    typeof checkpoint.complete !== 'boolean' ||
    counts.some((key) => !Number.isInteger(checkpoint[key]) || (checkpoint[key] as number) < 0)
  ) {
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path, detail: `expected a version ${CHECKPOINT_VERSION} checkpoint with non-negative counts` });
  }
  return checkpoint as Checkpoint;
}
