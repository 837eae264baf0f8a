/**
 * A thread of the analyze pool (analyze-pool.ts): builds its own engine once, at thread start,
 * and analyzes the batches the /v1/analyze route hands it. Results cross back by structured clone.
 */
import { workerData } from 'piscina';
import type { EngineInput } from '../engine.js';
import type { EngineThreadSetup } from '../batch/engine-threads.js';
import { buildThreadEngine } from '../batch/thread-engine.js';
import type { AnalyzeWorkerResult } from './analyze-pool.js';

const engine = buildThreadEngine(workerData as EngineThreadSetup);

/** Analyzes one batch in order (a bad comment is an error line, as in-process). */
export default async function analyzeInWorker(inputs: EngineInput[]): Promise<AnalyzeWorkerResult> {
  const loaded = await engine;
  if ('fatal' in loaded) return { results: [], fatal: loaded.fatal };
  return { results: await loaded.engine.analyzeBatch(inputs) };
}
