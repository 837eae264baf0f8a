/**
 * Warms the engine before the server opens its port. A fresh process runs its first comments
 * through V8's unoptimized code with every cache empty (the tokenizer's chunks, the models' word
 * parts, the theme matcher's forms), so the first seconds of traffic queue behind slow requests:
 * at 500 single-comment requests a second, the first 5 s of a cold server had a p99 of 538-758 ms
 * against 6 ms warm (`npx tsx bench/http.ts --scenarios single-500-paced --warmup 0 --duration 5`).
 * Analyzing a few hundred shipped comments first, one at a time and in batches (the two shapes
 * requests come in), costs about a second of start-up. VERBATIM_WARM_UP=0 skips it.
 */
import path from 'node:path';
import { DEFAULT_MAX_TEXT_LENGTH, PACKAGE_ROOT } from '../config.js';
import type { Engine, EngineInput } from '../engine.js';
import { VerbatimError } from '../errors.js';
import { openInput, readRecords } from '../io/read-input.js';
import { DEFAULT_FIELDS } from '../io/records.js';
import type { AnalyzePool } from './analyze-pool.js';

/**
 * The comments the warm-up analyzes: the CX development set shipped in data/dev (varied survey,
 * review and support comments). Not the sample or the demo reviews, which the benchmark corpus is
 * made of: a warm-up on them would also fill the caches with the benchmark's own words.
 */
export const WARM_UP_FILE = path.join(PACKAGE_ROOT, 'data', 'dev', 'cx-dev.jsonl');

/** Passes over the comments: enough for V8 to optimize the pipeline's hot functions. */
export const WARM_UP_ROUNDS = 4;

/** Comments per batch in the batch half of a round (the pool splits it over its threads). */
const WARM_UP_BATCH = 64;

export interface WarmUpSummary {
  /** Comments analyzed in all, by the engine and the pool's threads (0 when the file could not be read). */
  comments: number;
  seconds: number;
}

/**
 * The non-blank texts of a JSONL file, read as `verbatim analyze` reads one; a missing file gives
 * none, and a line the reader refuses is skipped (the warm-up needs comments, not every line).
 */
export async function readWarmUpTexts(file: string = WARM_UP_FILE): Promise<string[]> {
  let input;
  try {
    input = await openInput(file);
  } catch (error) {
    if (error instanceof VerbatimError && error.code === 'VERBATIM_E_FILE_NOT_FOUND') return [];
    throw error;
  }
  const texts: string[] = [];
  for await (const parsed of readRecords(input, { format: 'jsonl', ...DEFAULT_FIELDS, maxTextLength: DEFAULT_MAX_TEXT_LENGTH })) {
    if (parsed.ok && parsed.record.text.trim() !== '') texts.push(parsed.record.text);
  }
  return texts;
}

/**
 * Runs `rounds` passes over `texts`: each comment alone, then all of them in batches, through the
 * engine and, when there is one, the analyze pool's threads (each holds its own engine).
 * @example await warmUpEngine(engine, null, await readWarmUpTexts()); // { comments: 3200, seconds: 0.9 }
 */
export async function warmUpEngine(engine: Engine, pool: AnalyzePool | null, texts: readonly string[], rounds = WARM_UP_ROUNDS): Promise<WarmUpSummary> {
  const started = performance.now();
  const inputs: EngineInput[] = texts.map((text) => ({ text }));
  let comments = 0;
  for (let round = 0; round < rounds && inputs.length > 0; round++) {
    for (const input of inputs) await engine.analyzeBatch([input]);
    for (let start = 0; start < inputs.length; start += WARM_UP_BATCH) await engine.analyzeBatch(inputs.slice(start, start + WARM_UP_BATCH));
    comments += 2 * inputs.length;
    if (pool) {
      // Big requests reach the threads as JSON (the route's analyzeJson), so that is the path to warm.
      await pool.analyzeJson(inputs);
      comments += inputs.length;
    }
  }
  return { comments, seconds: (performance.now() - started) / 1000 };
}
