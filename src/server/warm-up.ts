/**
 * Warms the engine before the server opens its port. A fresh process runs its first comments
 * through V8's unoptimized code with every cache empty (the tokenizer's chunks, the models' word
 * parts, the theme matcher's forms), so the first seconds of traffic queue behind slow requests:
 * at 500 single-comment requests a second, the first 5 s of a cold server had a p99 of 538-758 ms
 * against 6 ms warm (`npx tsx bench/http.ts --scenarios single-500-paced --warmup 0 --duration 5`).
 * Analyzing a few hundred shipped comments first, one at a time and in batches (the two shapes
 * requests come in), costs about a second of start-up. VERBATIM_WARM_UP=0 skips it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import type { Engine, EngineInput } from '../engine.js';
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
  /** Comments analyzed in all (0 when the sample file could not be read). */
  comments: number;
  seconds: number;
}

/** The texts of a JSONL file's records; unreadable files and lines without a text give none. */
export async function readWarmUpTexts(file: string = WARM_UP_FILE): Promise<string[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const texts: string[] = [];
  for (const line of content.split('\n')) {
    try {
      const record = JSON.parse(line) as { text?: unknown };
      if (typeof record.text === 'string' && record.text.trim() !== '') texts.push(record.text);
    } catch {
      // A blank or broken line: the warm-up needs comments, not every line.
    }
  }
  return texts;
}

/**
 * Runs `rounds` passes over `texts`: each comment alone, then all of them in batches, through the
 * engine and, when there is one, the analyze pool's threads (each holds its own engine).
 * @example await warmUpEngine(engine, null, await readWarmUpTexts()); // { comments: 1000, seconds: 0.9 }
 */
export async function warmUpEngine(engine: Engine, pool: AnalyzePool | null, texts: readonly string[], rounds = WARM_UP_ROUNDS): Promise<WarmUpSummary> {
  const started = performance.now();
  const inputs: EngineInput[] = texts.map((text) => ({ text }));
  let comments = 0;
  for (let round = 0; round < rounds && inputs.length > 0; round++) {
    for (const input of inputs) await engine.analyzeBatch([input]);
    for (let start = 0; start < inputs.length; start += WARM_UP_BATCH) await engine.analyzeBatch(inputs.slice(start, start + WARM_UP_BATCH));
    if (pool) await pool.analyze(inputs);
    comments += 2 * inputs.length;
  }
  return { comments, seconds: (performance.now() - started) / 1000 };
}
