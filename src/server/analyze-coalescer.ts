/**
 * Request coalescing for POST /v1/analyze: the small requests that reach the event loop together
 * (under load, every connection's next request) run as ONE engine batch. A batch pays the fixed
 * per-call costs (the sentence CNN's onnxruntime call, each stage's batch setup) once instead of once
 * per request: when measured (session 5, each model an onnxruntime call of ~40 µs) flat-out single
 * comments went from 1,252-1,432 to 2,269-3,083 req/s. An idle server loses nothing: the batch starts
 * on the next turn of the event loop (setImmediate), right after the requests already read.
 */
import type { ResultLine } from '../contract.js';
import { withBatchIds, type EngineInput } from '../engine.js';

/** Requests with at least this many comments run alone (they already amortize the model calls). */
export const COALESCE_MIN_ALONE = 64;
/** Most comments in one coalesced batch (onnxruntime's batch size, BATCH_SIZE in onnx-runner.ts). */
export const COALESCE_MAX_COMMENTS = 256;

export interface AnalyzeCoalescer {
  /** Results for `inputs`, in order, as `run(inputs)` would give them. */
  analyze(inputs: readonly EngineInput[]): Promise<ResultLine[]>;
}

interface Waiting {
  inputs: EngineInput[];
  resolve(results: ResultLine[]): void;
  reject(error: unknown): void;
}

/**
 * Wraps a batch runner. Each request's comments get their default ids (position + 1 within the
 * request) before joining a batch, so a result line's id never depends on its neighbours.
 *
 * @example
 * const coalescer = createAnalyzeCoalescer((inputs) => engine.analyzeBatch(inputs));
 * const [line] = await coalescer.analyze([{ text: 'late again' }]); // line.id === 1
 */
export function createAnalyzeCoalescer(run: (inputs: readonly EngineInput[]) => Promise<ResultLine[]>): AnalyzeCoalescer {
  let waiting: Waiting[] = [];
  let scheduled = false;

  const runGroup = async (group: readonly Waiting[]): Promise<void> => {
    const batch = group.length === 1 ? group[0]!.inputs : group.flatMap((entry) => entry.inputs);
    let results: ResultLine[];
    try {
      results = await run(batch);
    } catch (error) {
      // One request's comments must not fail its neighbours: alone, each fails or succeeds on its own.
      if (group.length === 1) group[0]!.reject(error);
      else for (const entry of group) await runGroup([entry]);
      return;
    }
    let next = 0;
    for (const entry of group) {
      entry.resolve(results.slice(next, next + entry.inputs.length));
      next += entry.inputs.length;
    }
  };

  const flush = (): void => {
    scheduled = false;
    const all = waiting;
    waiting = [];
    let group: Waiting[] = [];
    let comments = 0;
    for (const entry of all) {
      if (group.length > 0 && comments + entry.inputs.length > COALESCE_MAX_COMMENTS) {
        void runGroup(group);
        group = [];
        comments = 0;
      }
      group.push(entry);
      comments += entry.inputs.length;
    }
    if (group.length > 0) void runGroup(group);
  };

  return {
    analyze(inputs) {
      if (inputs.length >= COALESCE_MIN_ALONE) return run(inputs);
      return new Promise<ResultLine[]>((resolve, reject) => {
        waiting.push({ inputs: withBatchIds(inputs), resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
