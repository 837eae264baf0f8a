/**
 * Runs a tag job: streams the input, hands batches of rows to the worker pool with a bounded
 * number in flight, and commits the results strictly in input order (a reorder buffer keyed by
 * batch sequence number) to the output, error file and store, checkpointing as it goes.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ConfigInput } from '../config.js';
import { VerbatimError } from '../errors.js';
import { BatchLimit } from '../io/batch-limit.js';
import { readJsonlBatches } from '../io/jsonl-batches.js';
import { RESULT_LINE_BYTES } from '../io/result-json.js';
import { openInput, readRecords, type InputFormat } from '../io/read-input.js';
import type { RecordFields } from '../io/records.js';
import type { OutputFormat } from '../io/write-output.js';
import { openStore } from '../store/index.js';
import type { FeedbackStore } from '../store/store.js';
import { createProgress } from '../cli/progress.js';
import { BufferPool } from './buffer-pool.js';
import { checkpointPath, readCheckpoint } from './checkpoint.js';
import { openJobFiles, type JobCounts, type JobFiles } from './job-files.js';
import { createTagPool, type TagPool } from './pool.js';
import { dispatchInOrder } from './ordered-dispatch.js';
import { taskItemOf, type TagTask, type TaskItem } from './types.js';

/** Batches queued or running per worker: two keeps every worker busy while one result is written. */
export const IN_FLIGHT_PER_WORKER = 2;

export interface TagJobOptions {
  input: string;
  /** Output file; null when only --db is given. */
  output: string | null;
  format: OutputFormat;
  inputFormat: InputFormat;
  fields: RecordFields;
  maxTextLength: number;
  config: ConfigInput;
  workers: number;
  batchSize: number;
  /** A batch also closes when its texts reach this many characters (memory follows text, not rows). */
  batchChars: number;
  /** SQLite store to ingest into, or null. */
  db: string | null;
  resume: boolean;
  progress: boolean;
}

export interface TagSummary extends JobCounts {
  /** Records skipped because an earlier run had written them. */
  resumedFrom: number;
  /** Records handled by this run. */
  processed: number;
  seconds: number;
  errorPath: string;
  checkpointPath: string;
  /** True when --resume found the job already complete and did nothing. */
  alreadyComplete: boolean;
}

/** The files named after the job's output (or its database when there is no output file). */
export function jobPaths(output: string | null, db: string | null, input = ''): { checkpoint: string; errors: string } {
  // A database URL (postgres://...) is no place for files: an import-only job keeps them beside its input.
  const base = output ?? (db !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(db) ? `${input}.import` : db);
  if (base === null) throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: '--out', detail: 'give --out FILE, --db FILE or both' });
  return { checkpoint: checkpointPath(base), errors: `${base}.errors.jsonl` };
}

/** Runs the job to the end; a fatal error leaves the last checkpoint in place for --resume. */
export async function runTag(options: TagJobOptions): Promise<TagSummary> {
  const started = Date.now();
  const paths = jobPaths(options.output, options.db, options.input);
  const resumeFrom = options.resume ? await readCheckpoint(paths.checkpoint) : null;
  if (resumeFrom && path.resolve(resumeFrom.input) !== path.resolve(options.input)) {
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path: paths.checkpoint, detail: `it belongs to input ${resumeFrom.input}, not ${options.input}` });
  }
  const summary = (counts: JobCounts, processed: number, alreadyComplete: boolean): TagSummary => ({
    ...counts,
    resumedFrom: resumeFrom?.records ?? 0,
    processed,
    seconds: (Date.now() - started) / 1000,
    errorPath: paths.errors,
    checkpointPath: paths.checkpoint,
    alreadyComplete,
  });
  if (resumeFrom?.complete) return summary(resumeFrom, 0, true);

  const input = await openInput(options.input);
  const size = options.input === '-' ? 0 : (await stat(options.input)).size;
  let store: FeedbackStore | null = null;
  let pool: TagPool | null = null;
  let files: JobFiles | null = null;
  try {
    pool = createTagPool(options.workers, { config: options.config });
    // Each batch in flight holds an input and an output buffer; two more cover the one being read and the one being written.
    const buffers = new BufferPool(2 * options.workers * IN_FLIGHT_PER_WORKER + 2);
    const format = options.output ? options.format : null;
    const task = (input: Pick<TagTask, 'items' | 'jsonl'>): TagTask => {
      const rows = input.jsonl?.records ?? input.items?.length ?? 0;
      const outputBuffer = format !== null && rows > 0 ? buffers.take(rows * RESULT_LINE_BYTES) : undefined;
      return { ...input, format, store: options.db !== null, outputBuffer };
    };
    // An empty batch proves the engine builds (taxonomy, models) before any file is truncated.
    await pool.run(task({ items: [] }));
    store = options.db ? await openStore(options.db) : null;
    files = await openJobFiles({
      input: options.input,
      output: options.output,
      format: options.format,
      errorPath: paths.errors,
      checkpointPath: paths.checkpoint,
      store,
      resumeFrom,
    });
    // ETA from the input bytes behind the rows committed so far (read-ahead does not count).
    let committedBytes = 0;
    const progress = createProgress({
      enabled: options.progress,
      label: 'tagged',
      fraction: size > 0 ? () => committedBytes / size : undefined,
    });
    const running = pool;
    const writing = files;
    let processed = 0;
    await dispatchInOrder(
      readBatches(input, options, resumeFrom?.records ?? 0, (bytes) => new Uint8Array(buffers.take(bytes), 0, bytes)),
      async (batch) => {
        const result = await running.run(task(batch.input));
        for (const spare of result.spares ?? []) buffers.give(spare);
        return { result, bytesRead: batch.bytesRead };
      },
      async ({ result, bytesRead }) => {
        await writing.commit(result);
        buffers.give(result.bytes.buffer as ArrayBuffer);
        processed += result.rows;
        committedBytes = bytesRead;
        progress.add(result.rows);
      },
      options.workers * IN_FLIGHT_PER_WORKER,
    );
    await files.finish();
    progress.done();
    return summary(files.counts, processed, false);
  } catch (error) {
    await files?.abandon();
    throw error;
  } finally {
    input.destroy();
    await pool?.destroy();
    await store?.close();
  }
}

/** A batch of rows (parsed, or JSONL lines for the worker to parse) and how many input bytes had been read when it was complete. */
export interface InputBatch {
  input: Pick<TagTask, 'items' | 'jsonl'>;
  bytesRead: number;
}

type BatchOptions = Pick<TagJobOptions, 'inputFormat' | 'fields' | 'maxTextLength' | 'batchSize' | 'batchChars' | 'input'>;

/**
 * Groups the input's rows into batches, after skipping the `skip` rows an earlier run wrote. JSONL
 * goes to the workers as lines, cut at --batch-size rows or --batch-chars bytes of lines (at least
 * the characters of their texts); CSV, whose records may span lines, is parsed here. `allocate`
 * gives each JSONL batch its buffer (default a new one; runTag hands out reused ones).
 */
export async function* readBatches(
  input: Readable,
  options: BatchOptions,
  skip: number,
  allocate?: (bytes: number) => Uint8Array,
): AsyncGenerator<InputBatch> {
  // Only a file stream knows its position; stdin reports 0 and the progress shows no ETA.
  const position = () => (input as Partial<ReadStream>).bytesRead ?? 0;
  if (options.inputFormat === 'jsonl') {
    const limits = { records: options.batchSize, bytes: options.batchChars };
    for await (const batch of readJsonlBatches(input, { limits, skip, source: options.input, allocate })) {
      yield { input: { jsonl: { ...batch, fields: options.fields, maxTextLength: options.maxTextLength } }, bytesRead: position() };
    }
    return;
  }
  yield* readParsedBatches(input, options, skip, position);
}

/** CSV rows parsed on this thread, in batches of --batch-size rows or --batch-chars characters of text. */
async function* readParsedBatches(input: Readable, options: BatchOptions, skip: number, position: () => number): AsyncGenerator<InputBatch> {
  let batch: TaskItem[] = [];
  const limit = new BatchLimit(options.batchSize, options.batchChars);
  let seen = 0;
  const records = readRecords(input, { format: options.inputFormat, ...options.fields, maxTextLength: options.maxTextLength });
  for await (const parsed of records) {
    seen += 1;
    if (seen <= skip) continue;
    batch.push(taskItemOf(parsed));
    if (limit.add(parsed.ok ? parsed.record.text.length : 0)) {
      yield { input: { items: batch }, bytesRead: position() };
      batch = [];
    }
  }
  if (batch.length) yield { input: { items: batch }, bytesRead: position() };
  if (seen < skip) {
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path: options.input, detail: `the checkpoint recorded ${skip} records but the input has only ${seen}` });
  }
}
