/**
 * The messages exchanged between the tag command (main thread) and its pool workers. Plain data
 * only: everything here crosses a worker boundary by structured clone (taskItemOf builds a row).
 */
import type { RecordId } from '../contract.js';
import type { EngineThreadSetup, ThreadFatal } from './engine-threads.js';
import type { JsonlBatch } from '../io/jsonl-batches.js';
import type { InputRecord, ParsedRecord, RecordFields } from '../io/records.js';
import type { OutputFormat } from '../io/write-output.js';
import type { FeedbackRecord } from '../store/store.js';

/** Set once per worker (piscina workerData): how to build the engine. */
export type WorkerSetup = EngineThreadSetup;

/** One input row of a batch: a valid record, or a failure already found while reading it. */
export type TaskItem =
  | { line: number; record: InputRecord }
  | { line: number; failure: { id: RecordId | null; code: string; message: string } };

/** A parsed input row as a batch carries it (the failure's error as plain data), on whichever thread parsed it. */
export function taskItemOf(parsed: ParsedRecord): TaskItem {
  return parsed.ok
    ? { line: parsed.record.line, record: parsed.record }
    : { line: parsed.failure.line, failure: { id: parsed.failure.id, ...parsed.failure.error.toJSON() } };
}

/**
 * JSONL lines as read (src/io/jsonl-batches.ts), parsed by the worker: the main thread only finds
 * line ends. `records` is the reader's count of the rows they hold, which the worker must match.
 */
export interface JsonlTaskInput extends JsonlBatch {
  fields: RecordFields;
  maxTextLength: number;
}

/** One batch of consecutive input rows: parsed rows (CSV), or JSONL lines the worker parses. */
export interface TagTask {
  items?: TaskItem[];
  jsonl?: JsonlTaskInput;
  /** Serialize results for the output file in this format; null when only the store is written. */
  format: OutputFormat | null;
  /** Build store records (and reject rows the store would refuse, such as a missing date). */
  store: boolean;
  /** A spare buffer (moved to the worker) to write the output into when it is large enough. */
  outputBuffer?: ArrayBuffer;
}

/** A row that failed, as the error file records it. */
export interface RowFailure {
  line: number;
  id: RecordId | null;
  code: string;
  message: string;
}

/** What a worker returns for one batch, in the batch's input order. */
export interface TagTaskResult {
  /** The output for the whole batch as UTF-8 (JSONL lines or CSV rows without header); empty when no file. */
  bytes: Uint8Array;
  rows: number;
  failures: RowFailure[];
  /** Store records of the rows that succeeded; empty unless the task asked for them. */
  feedback: FeedbackRecord[];
  /** Set when the worker could not build its engine (e.g. a missing taxonomy); the job stops. */
  fatal?: ThreadFatal;
  /** Buffers moved back for reuse: the JSONL batch's once parsed, and the spare output buffer when it went unused. */
  spares?: ArrayBuffer[];
}
