/**
 * A thread of the analyze pool (analyze-pool.ts): builds its own engine once, at thread start,
 * and analyzes the batches the /v1/analyze route hands it. Results cross back by structured clone.
 */
import { workerData } from 'piscina';
import type { ResultLine } from '../contract.js';
import { createEngine, type Engine, type EngineInput } from '../engine.js';
import { VerbatimError } from '../errors.js';
import type { AnalyzeWorkerResult, AnalyzeWorkerSetup } from './analyze-pool.js';

/** Errors lose their class crossing threads: a failed build is kept as plain data and reported per call. */
const engine: Promise<{ engine: Engine } | { fatal: NonNullable<AnalyzeWorkerResult['fatal']> }> = createEngine(
  (workerData as AnalyzeWorkerSetup).config,
).then(
  (value) => ({ engine: value }),
  (error: unknown) => {
    if (error instanceof VerbatimError) return { fatal: { code: error.code, details: error.details } };
    throw error;
  },
);

/** Analyzes one batch in order (a bad comment is an error line, as in-process). */
export default async function analyzeInWorker(inputs: EngineInput[]): Promise<AnalyzeWorkerResult> {
  const loaded = await engine;
  if ('fatal' in loaded) return { results: [], fatal: loaded.fatal };
  const results: ResultLine[] = await loaded.engine.analyzeBatch(inputs);
  return { results };
}
