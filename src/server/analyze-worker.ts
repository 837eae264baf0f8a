/**
 * A thread of the analyze pool (analyze-pool.ts): builds its own engine once, at thread start,
 * and analyzes the batches the /v1/analyze route hands it. A batch comes back either as result
 * objects (structured clone, for the coalescer, which splits them among requests) or as the JSON
 * array the response will carry, written here and moved to the main thread without a copy: the
 * clone and the main thread's serialization of 100 results cost more than analyzing a third of them.
 */
import { workerData } from 'piscina';
import type { EngineInput } from '../engine.js';
import type { EngineThreadSetup } from '../batch/engine-threads.js';
import { buildThreadEngine, withMovedBuffers } from '../batch/thread-engine.js';
import { JsonBytes } from '../io/json-bytes.js';
import { RESULT_LINE_BYTES, writeResultArray } from '../io/result-json.js';
import type { AnalyzeTask, AnalyzeWorkerResult } from './analyze-pool.js';

const engine = buildThreadEngine(workerData as EngineThreadSetup);

/** Analyzes one batch in order (a bad comment is an error line, as in-process). */
export default async function analyzeInWorker(task: AnalyzeTask): Promise<AnalyzeWorkerResult> {
  const loaded = await engine;
  if ('fatal' in loaded) return { fatal: loaded.fatal };
  const results = await loaded.engine.analyzeBatch(task.inputs);
  if (!task.json) return { results };
  const out = new JsonBytes(results.length * RESULT_LINE_BYTES);
  writeResultArray(out, results);
  const json = out.take();
  return withMovedBuffers<AnalyzeWorkerResult>({ json }, [json.buffer as ArrayBuffer]);
}
