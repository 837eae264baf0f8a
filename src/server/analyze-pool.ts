/**
 * Worker threads behind POST /v1/analyze (VERBATIM_ANALYZE_WORKERS, default 0 = off). One Node
 * thread runs the whole pipeline at ~150 µs of CPU per comment, so an in-process server analyzes
 * at most one core's worth of comments; with the pool, batches run on every core. Each thread loads
 * its own engine (models included, ~150 MB), so the pool trades memory for throughput; single
 * comments and small batches stay in-process, where a thread hop would only add latency.
 */
import type { ConfigInput } from '../config.js';
import type { ResultLine } from '../contract.js';
import { withBatchIds, type EngineInput } from '../engine.js';
import { compiledWorkerFile, startEngineThreads, throwIfFatal, type ThreadFatal } from '../batch/engine-threads.js';

/** Batches smaller than this are analyzed in-process (the hop costs more than it saves). */
export const ANALYZE_POOL_MIN_COMMENTS = 8;

/** A thread's answer: the results, or the coded error its engine failed to build with. */
export interface AnalyzeWorkerResult {
  results: ResultLine[];
  fatal?: ThreadFatal;
}

export interface AnalyzePool {
  readonly workers: number;
  /**
   * Analyzes a batch, split over the threads when it holds at least ANALYZE_POOL_MIN_COMMENTS
   * comments per thread; rejects with the VerbatimError of a failed engine build.
   */
  analyze(inputs: readonly EngineInput[]): Promise<ResultLine[]>;
  close(): Promise<void>;
}

/**
 * Starts `workers` threads (the server's engine settings) and sends one empty batch per thread
 * before returning, so a broken model or taxonomy fails the server's start, not its first batch.
 * @example const pool = await createAnalyzePool(2, {}); await pool.analyze([{ text: 'late again' }]);
 */
export async function createAnalyzePool(workers: number, config: ConfigInput): Promise<AnalyzePool> {
  const pool = startEngineThreads(compiledWorkerFile(import.meta.url, 'server/analyze-worker.js'), workers, { config });
  const analyzeOnOne = async (inputs: readonly EngineInput[]): Promise<ResultLine[]> => {
    const answer = (await pool.run(inputs)) as AnalyzeWorkerResult;
    throwIfFatal(answer.fatal);
    return answer.results;
  };
  const analyze = async (inputs: readonly EngineInput[]): Promise<ResultLine[]> => {
    const parts = Math.min(workers, Math.floor(inputs.length / ANALYZE_POOL_MIN_COMMENTS));
    if (parts <= 1) return analyzeOnOne(inputs);
    // One batch on every thread, so a burst of requests or one big request finishes in 1/N of
    // the time; ids are fixed first, since the engine numbers id-less comments by batch position.
    const numbered = withBatchIds(inputs);
    const size = Math.ceil(numbered.length / parts);
    const chunks: EngineInput[][] = [];
    for (let start = 0; start < numbered.length; start += size) chunks.push(numbered.slice(start, start + size));
    return (await Promise.all(chunks.map(analyzeOnOne))).flat();
  };
  try {
    await Promise.all(Array.from({ length: workers }, () => analyzeOnOne([])));
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return { workers, analyze, close: () => pool.destroy() };
}
