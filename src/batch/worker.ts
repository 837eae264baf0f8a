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
import { flattenResult } from '../io/write-output.js';
import { normalizeFeedbackRecord } from '../store/validate-record.js';
import type { FeedbackRecord } from '../store/store.js';
import { toFeedbackRecord } from './store-record.js';
import { buildThreadEngine } from './thread-engine.js';
import type { RowFailure, TagTask, TagTaskResult, WorkerSetup } from './types.js';

/** Built as soon as the thread starts, so all workers load in parallel; a failure is reported by every task. */
const engine = buildThreadEngine(workerData as WorkerSetup);

/** Analyzes one batch in input order; never throws for a bad row (it becomes an error line). */
export default async function tagBatch(task: TagTask): Promise<TagTaskResult> {
  const loaded = await engine;
  if ('fatal' in loaded) return { text: '', rows: 0, failures: [], feedback: [], fatal: loaded.fatal };
  const ready = loaded.engine;
  const records: InputRecord[] = [];
  for (const item of task.items) if ('record' in item) records.push(item.record);
  const analyzed = await ready.analyzeBatch(records);

  const lines: ResultLine[] = [];
  const failures: RowFailure[] = [];
  const feedback: FeedbackRecord[] = [];
  let next = 0;
  for (const item of task.items) {
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
  return { text: serialize(lines, task.format), rows: lines.length, failures, feedback };
}

function serialize(lines: readonly ResultLine[], format: TagTask['format']): string {
  if (format === null || lines.length === 0) return '';
  if (format === 'jsonl') {
    let text = '';
    for (const line of lines) text += JSON.stringify(line) + '\n';
    return text;
  }
  return stringify(lines.map(flattenResult));
}
