/**
 * Worker threads behind POST /v1/analyze (VERBATIM_ANALYZE_WORKERS, default 0 = off). One Node
 * thread runs the whole pipeline at ~100 µs of CPU per comment, so an in-process server analyzes
 * at most one core's worth of comments; with the pool, batches run on every core. Each thread loads
 * its own engine (models included, ~150 MB at start, ~200 MB under load), so the pool trades memory
 * for throughput; single comments and small batches stay in-process, where a thread hop would only
 * add latency. When every thread is busy a batch runs in-process too (the route asks `busy`): the
 * main thread's engine is loaded anyway, so on a 2-core machine one thread plus the main thread
 * works both cores with two engines instead of three (100-comment batches, two runs each: one
 * thread 8,073-8,692 comments/s at 647-663 MiB peak, two threads 7,532-7,718 at 873-896 MiB;
 * bench/HISTORY.md, session 21).
 */
import type { ConfigInput } from '../config.js';
import type { ResultLine } from '../contract.js';
import { withBatchIds, type EngineInput } from '../engine.js';
import { compiledWorkerFile, startEngineThreads, throwIfFatal, type ThreadFatal } from '../batch/engine-threads.js';

/** Batches smaller than this are analyzed in-process (the hop costs more than it saves). */
export const ANALYZE_POOL_MIN_COMMENTS = 8;

/** A batch for a thread; `json`: answer with the results' JSON array instead of the objects. */
export interface AnalyzeTask {
  inputs: readonly EngineInput[];
  json: boolean;
}

/** A thread's answer: the results (or their JSON array), or the coded error its engine failed to build with. */
export interface AnalyzeWorkerResult {
  results?: ResultLine[];
  json?: Uint8Array;
  fatal?: ThreadFatal;
}

export interface AnalyzePool {
  readonly workers: number;
  /** True while every thread has a batch: a new one would wait in the queue, so the caller may run it itself. */
  readonly busy: boolean;
  /**
   * Analyzes a batch, split over the threads when it holds at least ANALYZE_POOL_MIN_COMMENTS
   * comments per thread; rejects with the VerbatimError of a failed engine build.
   */
  analyze(inputs: readonly EngineInput[]): Promise<ResultLine[]>;
  /**
   * The same results as `analyze`, as the bytes of their JSON array (JSON.stringify(results)),
   * serialized on the threads: what a response carries, without cloning objects across threads.
   */
  analyzeJson(inputs: readonly EngineInput[]): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Starts `workers` threads (the server's engine settings) and sends one empty batch per thread
 * before returning, so a broken model or taxonomy fails the server's start, not its first batch.
 * @example const pool = await createAnalyzePool(2, {}); await pool.analyze([{ text: 'late again' }]);
 */
export async function createAnalyzePool(workers: number, config: ConfigInput): Promise<AnalyzePool> {
  const pool = startEngineThreads(compiledWorkerFile(import.meta.url, 'server/analyze-worker.js'), workers, { config });
  // Batches on the threads or queued for them: a batch is split only over threads that are free.
  let pending = 0;
  const runOnOne = async (inputs: readonly EngineInput[], json: boolean): Promise<AnalyzeWorkerResult> => {
    const task: AnalyzeTask = { inputs, json };
    pending += 1;
    try {
      const answer = (await pool.run(task)) as AnalyzeWorkerResult;
      throwIfFatal(answer.fatal);
      return answer;
    } finally {
      pending -= 1;
    }
  };
  /** The batch on the free threads (split when it is big enough), each part's answer picked, the parts joined in order. */
  const onThreads = async <T>(inputs: readonly EngineInput[], json: boolean, pick: (answer: AnalyzeWorkerResult) => T, join: (parts: T[]) => T): Promise<T> => {
    const parts = await Promise.all(splitForThreads(inputs, workers - pending).map(async (chunk) => pick(await runOnOne(chunk, json))));
    return parts.length === 1 ? parts[0]! : join(parts);
  };
  // A thread answers in the form it was asked for: results for json false, JSON bytes for true.
  const analyze = (inputs: readonly EngineInput[]) => onThreads(inputs, false, (answer) => answer.results!, (parts) => parts.flat());
  const analyzeJson = (inputs: readonly EngineInput[]) => onThreads(inputs, true, (answer) => answer.json!, joinJsonArrays);
  try {
    await Promise.all(Array.from({ length: workers }, () => runOnOne([], false)));
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return {
    workers,
    get busy() {
      return pending >= workers;
    },
    analyze,
    analyzeJson,
    close: () => pool.destroy(),
  };
}

/**
 * One part per free thread when the batch holds at least ANALYZE_POOL_MIN_COMMENTS comments per
 * part, so one big request on a quiet server finishes in 1/N of the time. Under load every thread
 * is busy and a batch goes whole to the next free one: splitting then only adds messages (100-comment
 * batches ran at 8.8-9.1k comments/s split over two threads, 10.1-10.2k whole). Ids are fixed
 * first, since the engine numbers id-less comments by batch position.
 */
function splitForThreads(inputs: readonly EngineInput[], freeThreads: number): (readonly EngineInput[])[] {
  const parts = Math.min(freeThreads, Math.floor(inputs.length / ANALYZE_POOL_MIN_COMMENTS));
  if (parts <= 1) return [inputs];
  const numbered = withBatchIds(inputs);
  const size = Math.ceil(numbered.length / parts);
  const chunks: EngineInput[][] = [];
  for (let start = 0; start < numbered.length; start += size) chunks.push(numbered.slice(start, start + size));
  return chunks;
}

/** JSON arrays ("[a,b]", "[c]") joined into one ("[a,b,c]"), byte for byte JSON.stringify of the joined lists. */
export function joinJsonArrays(arrays: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const array of arrays) {
    // An empty part ("[]") adds nothing; the others lose their brackets and gain a comma between.
    if (array.length <= 2) continue;
    if (parts.length > 0) parts.push(COMMA);
    parts.push(array.subarray(1, array.length - 1));
  }
  return Buffer.concat([OPEN, ...parts, CLOSE]);
}

const OPEN = new Uint8Array([0x5b]);
const COMMA = new Uint8Array([0x2c]);
const CLOSE = new Uint8Array([0x5d]);
