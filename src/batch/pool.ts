/**
 * The worker pool of the tag command (piscina). Workers run compiled JavaScript, so the worker
 * file is the one next to this module in dist/, or dist/batch/worker.js when this module runs from
 * src/ (tests under vitest); `npm run build` must have run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { VerbatimError } from '../errors.js';
import type { TagTask, TagTaskResult, WorkerSetup } from './types.js';

export interface TagPool {
  /** Runs one batch; a worker that could not build its engine rejects with that VerbatimError. */
  run(task: TagTask): Promise<TagTaskResult>;
  destroy(): Promise<void>;
}

/** Young-generation semi-space of the tag workers, in MB (see bin/verbatim.js). */
export const SEMI_SPACE_MB = 64;

/**
 * A compiled worker entry: `relative` (a path under dist/, e.g. "batch/worker.js") next to the
 * module at `moduleUrl` when that module is itself compiled, or under dist/ when it runs from src/
 * (tests under vitest); `npm run build` must have run.
 */
export function compiledWorkerFile(moduleUrl: string, relative: string): string {
  const beside = fileURLToPath(new URL(`./${relative.split('/').pop()}`, moduleUrl));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL(`../../dist/${relative}`, moduleUrl));
  if (existsSync(built)) return built;
  throw new VerbatimError('VERBATIM_E_PIPELINE', { detail: `the worker ${built} is missing; run \`npm run build\`` });
}

/** Starts `workers` threads; each builds its engine from `setup` on its first batch. */
export function createTagPool(workers: number, setup: WorkerSetup): TagPool {
  const pool = new Piscina({
    filename: compiledWorkerFile(import.meta.url, 'batch/worker.js'),
    minThreads: workers,
    maxThreads: workers,
    // Threads live for the whole job: an engine costs seconds to build.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: setup,
    // A 64 MB semi-space, as bin/verbatim.js gives the main thread: V8 sizes a young generation at
    // three semi-spaces. With the default the pipeline spent ~1.6x the CPU per comment in scavenges.
    resourceLimits: { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB },
  });
  return {
    async run(task) {
      const result = (await pool.run(task)) as TagTaskResult;
      if (result.fatal) throw new VerbatimError(result.fatal.code, result.fatal.details);
      return result;
    },
    destroy: () => pool.destroy(),
  };
}
