/**
 * Loads the demo data set (data/demo, see its README) into an empty store on first start, so a
 * newcomer's first `npm start` shows real numbers. Runs through the same ingest path as
 * POST /v1/feedback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import type { Engine } from '../engine.js';
import { VerbatimError } from '../errors.js';
import type { FeedbackStore } from '../store/index.js';
import { ingestFeedback } from './ingest.js';

/** The demo files, in load order. */
export const DEMO_FILES = [
  path.join(PACKAGE_ROOT, 'data', 'demo', 'feedback.jsonl'),
  path.join(PACKAGE_ROOT, 'data', 'demo', 'nps-feedback.jsonl'),
];

/** Records per analyze + upsert round: big enough to amortize the transaction, small enough to log progress. */
export const DEMO_BATCH_SIZE = 500;

export interface DemoLoadSummary {
  inserted: number;
  updated: number;
  failed: number;
}

function readJsonLines(file: string): unknown[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: file }, { cause: error });
  }
  return content
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new VerbatimError('VERBATIM_E_INVALID_JSON', { detail: `${file} line ${index + 1}` }, { cause: error });
      }
    });
}

/**
 * Analyzes and stores every demo record in batches, calling `progress` after each batch.
 * @example
 * await loadDemoData(engine, store, { progress: (done, total) => log.info({ done, total }, 'demo') });
 */
export async function loadDemoData(
  engine: Engine,
  store: FeedbackStore,
  options: { files?: readonly string[]; progress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<DemoLoadSummary> {
  const records = (options.files ?? DEMO_FILES).flatMap(readJsonLines);
  const summary: DemoLoadSummary = { inserted: 0, updated: 0, failed: 0 };
  for (let start = 0; start < records.length; start += DEMO_BATCH_SIZE) {
    // Shutdown during the load stops between batches; ids make a later restart's load idempotent.
    if (options.signal?.aborted) break;
    const batch = await ingestFeedback(engine, store, records.slice(start, start + DEMO_BATCH_SIZE));
    summary.inserted += batch.inserted;
    summary.updated += batch.updated;
    summary.failed += batch.failed.length;
    options.progress?.(Math.min(start + DEMO_BATCH_SIZE, records.length), records.length);
  }
  return summary;
}
