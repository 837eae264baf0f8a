/**
 * The pool worker: builds its own engine once (models load per thread; onnxruntime runs one
 * intra-op thread each, see src/model/onnx-runner.ts) and turns one batch of input rows into
 * serialized output, so the main thread only orders and writes bytes.
 */
import { workerData } from 'piscina';
import { stringify } from 'csv-stringify/sync';
import type { ResultLine } from '../contract.js';
import { VerbatimError } from '../errors.js';
import type { InputRecord } from '../io/records.js';
import { JsonBytes } from '../io/json-bytes.js';
import { RESULT_LINE_BYTES, writeResultLines } from '../io/result-json.js';
import { flattenResult } from '../io/write-output.js';
import { normalizeFeedbackRecord } from '../store/validate-record.js';
import type { FeedbackRecord } from '../store/store.js';
import { toFeedbackRecord } from './store-record.js';
import { buildThreadEngine, withMovedBuffers } from './thread-engine.js';
import { parseJsonlBatch } from '../io/jsonl-batches.js';
import { taskItemOf, type JsonlTaskInput, type RowFailure, type TagTask, type TagTaskResult, type TaskItem, type WorkerSetup } from './types.js';

/** Built as soon as the thread starts, so all workers load in parallel; a failure is reported by every task. */
const engine = buildThreadEngine(workerData as WorkerSetup);

/** Analyzes one batch in input order; never throws for a bad row (it becomes an error line). */
export default async function tagBatch(task: TagTask): Promise<TagTaskResult> {
  const loaded = await engine;
  if ('fatal' in loaded) return { bytes: new Uint8Array(0), rows: 0, failures: [], feedback: [], fatal: loaded.fatal };
  const ready = loaded.engine;
  const items = task.jsonl ? jsonlItems(task.jsonl) : (task.items ?? []);
  const records: InputRecord[] = [];
  for (const item of items) if ('record' in item) records.push(item.record);
  const analyzed = await ready.analyzeBatch(records);

  const lines: ResultLine[] = [];
  const failures: RowFailure[] = [];
  const feedback: FeedbackRecord[] = [];
  let next = 0;
  for (const item of items) {
    if ('failure' in item) {
      const { id, code, message } = item.failure;
      lines.push({ id: id ?? item.line, error: { code, message } });
      failures.push({ line: item.line, id, code, message });
      continue;
    }
    let line = analyzed[next++]!;
    if (task.store && !('error' in line)) {
      const record = toFeedbackRecord(item.record, line);
      try {
        normalizeFeedbackRecord(record);
        feedback.push(record);
      } catch (error) {
        if (!(error instanceof VerbatimError)) throw error;
        line = { id: item.record.id, error: error.toJSON() };
      }
    }
    if ('error' in line) failures.push({ line: item.line, id: item.record.id, code: line.error.code, message: line.error.message });
    lines.push(line);
  }
  const result: TagTaskResult = { bytes: serialize(lines, task.format, task.outputBuffer), rows: lines.length, failures, feedback };
  // The batch's lines are parsed and the output is written: their buffers go back to the main thread for reuse.
  const output = result.bytes.buffer as ArrayBuffer;
  result.spares = [task.jsonl?.bytes.buffer as ArrayBuffer | undefined, task.outputBuffer].filter((buffer): buffer is ArrayBuffer => buffer !== undefined && buffer !== output);
  return withMovedBuffers(result, [output, ...result.spares]);
}

/** The rows of a batch of JSONL lines, as the reader would have sent them parsed. */
function jsonlItems(input: JsonlTaskInput): TaskItem[] {
  const items = parseJsonlBatch(input, input.fields, input.maxTextLength).map(taskItemOf);
  // The checkpoint counts the reader's rows: a batch that disagrees would shift every later row.
  if (items.length !== input.records) {
    throw new Error(`tag worker: the batch from line ${input.firstLine} holds ${items.length} rows where the reader counted ${input.records}`);
  }
  return items;
}

/**
 * The batch's output as bytes in a buffer of its own (transferable): the main thread's spare (sized
 * by run-tag.ts for the batch's rows), or a new one if the output outgrows it. JSONL is written directly as
 * bytes (io/result-json.ts): JSON.stringify per line, joining the lines and encoding the text
 * again on the main thread cost ~12 µs a row, the byte writer ~6.
 */
function serialize(lines: readonly ResultLine[], format: TagTask['format'], spare: ArrayBuffer | undefined): Uint8Array {
  if (format === null || lines.length === 0) return new Uint8Array(0);
  const out = new JsonBytes(lines.length * RESULT_LINE_BYTES, spare);
  if (format === 'jsonl') writeResultLines(out, lines);
  else out.utf8(stringify(lines.map(flattenResult)));
  return out.take();
}
