/**
 * The worker pool of the tag command: engine threads (engine-threads.ts) running worker.ts, the
 * compiled file next to this module in dist/, or dist/batch/worker.js when this module runs from
 * src/ (tests under vitest); `npm run build` must have run.
 */
import { compiledWorkerFile, startEngineThreads, throwIfFatal } from './engine-threads.js';
import type { TagTask, TagTaskResult, WorkerSetup } from './types.js';

export interface TagPool {
  /** Runs one batch; a worker that could not build its engine rejects with that VerbatimError. */
  run(task: TagTask): Promise<TagTaskResult>;
  destroy(): Promise<void>;
}

/** Starts `workers` threads; each builds its engine from `setup` as it starts. */
export function createTagPool(workers: number, setup: WorkerSetup): TagPool {
  const pool = startEngineThreads(compiledWorkerFile(import.meta.url, 'batch/worker.js'), workers, setup);
  return {
    async run(task) {
      // JSONL lines and the spare output buffer move to the worker instead of being copied.
      const transferList: ArrayBuffer[] = [];
      if (task.jsonl) transferList.push(task.jsonl.bytes.buffer as ArrayBuffer);
      if (task.outputBuffer) transferList.push(task.outputBuffer);
      const result = (await pool.run(task, { transferList })) as TagTaskResult;
      throwIfFatal(result.fatal);
      return result;
    },
    destroy: () => pool.destroy(),
  };
}
