/**
 * The files a tag job writes, committed batch by batch in input order: the output (JSONL or CSV),
 * the error file (one JSON line per failed row) and optionally the store. Each commit awaits its
 * writes, so a slow disk holds the whole pipeline back instead of filling memory. Checkpoints
 * fsync both files first, then record their lengths (see checkpoint.ts).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { VerbatimError } from '../errors.js';
import { CSV_COLUMNS, type OutputFormat } from '../io/write-output.js';
import type { FeedbackStore } from '../store/store.js';
import { writeCheckpoint, type Checkpoint } from './checkpoint.js';
import type { TagTaskResult } from './types.js';

/** Time between checkpoints: each costs two fsyncs, so a second bounds the redo after a crash. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

export interface JobFilesOptions {
  input: string;
  /** Output file, or null when the job only fills the store. */
  output: string | null;
  format: OutputFormat;
  errorPath: string;
  checkpointPath: string;
  store: FeedbackStore | null;
  /** The checkpoint to continue from; null starts over (truncating the files). */
  resumeFrom: Checkpoint | null;
}

/** Counts since the job began (including the run that wrote the checkpoint resumed from). */
export interface JobCounts {
  records: number;
  ok: number;
  failed: number;
}

export interface JobFiles {
  readonly counts: Readonly<JobCounts>;
  /** Writes one batch's rows, error lines and store records; checkpoints when it is time. */
  commit(result: TagTaskResult): Promise<void>;
  /** Fsyncs, writes the final checkpoint and closes the files. */
  finish(): Promise<void>;
  /** Closes the files without a checkpoint (after a fatal error the last checkpoint stands). */
  abandon(): Promise<void>;
}

/** Opens (or reopens and truncates to the checkpoint) the job's files. */
export async function openJobFiles(options: JobFilesOptions): Promise<JobFiles> {
  const resume = options.resumeFrom;
  const output = options.output ? await openAt(options.output, resume?.outputBytes ?? null) : null;
  const errors = await openAt(options.errorPath, resume?.errorBytes ?? null);
  const counts: JobCounts = { records: resume?.records ?? 0, ok: resume?.ok ?? 0, failed: resume?.failed ?? 0 };
  let outputBytes = resume?.outputBytes ?? 0;
  let errorBytes = resume?.errorBytes ?? 0;
  let lastCheckpoint = Date.now();

  const append = async (handle: FileHandle, content: string | Uint8Array, position: number): Promise<number> => {
    if (content.length === 0) return 0;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
      written += bytesWritten;
    }
    return bytes.length;
  };

  const checkpoint = async (complete: boolean) => {
    await output?.sync();
    await errors.sync();
    await writeCheckpoint(options.checkpointPath, {
      version: 1,
      input: options.input,
      records: counts.records,
      ok: counts.ok,
      failed: counts.failed,
      outputBytes,
      errorBytes,
      complete,
    });
    lastCheckpoint = Date.now();
  };

  if (output && outputBytes === 0 && options.format === 'csv') {
    outputBytes += await append(output, stringify([CSV_COLUMNS as unknown as string[]]), 0);
  }
  if (!resume) await checkpoint(false);

  return {
    counts,
    async commit(result) {
      if (output) outputBytes += await append(output, result.bytes, outputBytes);
      if (result.failures.length) {
        const lines = result.failures.map((failure) => JSON.stringify(failure) + '\n').join('');
        errorBytes += await append(errors, lines, errorBytes);
      }
      if (options.store && result.feedback.length) await options.store.upsertFeedback(result.feedback);
      counts.records += result.rows;
      counts.failed += result.failures.length;
      counts.ok += result.rows - result.failures.length;
      if (Date.now() - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) await checkpoint(false);
    },
    async finish() {
      await checkpoint(true);
      await output?.close();
      await errors.close();
    },
    async abandon() {
      await output?.close().catch(() => {});
      await errors.close().catch(() => {});
    },
  };
}

/** Opens a file for writing at explicit positions: truncated to `length`, or emptied when null. */
async function openAt(path: string, length: number | null): Promise<FileHandle> {
  if (length === null) return open(path, 'w');
  let handle: FileHandle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && length === 0) return open(path, 'w');
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path, detail: (error as Error).message });
  }
  const { size } = await handle.stat();
  if (size < length) {
    await handle.close();
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path, detail: `the file has ${size} bytes but the checkpoint recorded ${length}` });
  }
  await handle.truncate(length);
  return handle;
}
