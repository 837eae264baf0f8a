/**
 * The re-tag job: re-analyzes every stored record with the active taxonomy's engine, in
 * batches, and stores the new results (themes, stages and their rows), so metrics and drivers
 * follow a taxonomy change. Records the engine rejects (e.g. now over a lower length limit) keep
 * their previous analysis and are counted as done.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isErrorResult } from '../../contract.js';
import type { Engine } from '../../engine.js';
import type { FeedbackRecord, FeedbackStore } from '../../store/index.js';
import type { JobWork } from './job-runner.js';
import { recordFieldsOf } from '../../store/item-record.js';

/** The job kind in the jobs table. */
export const RETAG_JOB_KIND = 'retag';

/**
 * Records analyzed and written per batch: ~100 comments analyze in tens of milliseconds, so the
 * server keeps answering requests between batches, and one upsert transaction stays small.
 */
export const RETAG_BATCH_SIZE = 100;


/**
 * The work of a re-tag job. `engine` is resolved when the job starts (the active taxonomy's
 * engine then), so a job resumed after a restart uses whatever taxonomy is active.
 * Known gap: a record re-posted while the job runs may be overwritten with its previous text's
 * new analysis if the job read it just before; posting it again fixes it.
 * @example runner.submit(RETAG_JOB_KIND, { taxonomyId }, retagWork(store, () => engines.resolve()))
 */
export function retagWork(store: FeedbackStore, engine: () => Promise<Engine>, batchSize = RETAG_BATCH_SIZE): JobWork {
  return async ({ report, cancelled }) => {
    const analyzer = await engine();
    const total = await store.countFeedback();
    await report(0, total);
    let done = 0;
    let cursor: string | null = null;
    do {
      const page = await store.listFeedback({}, { limit: batchSize, cursor });
      const lines = await analyzer.analyzeBatch(page.items.map((item) => ({ id: item.id, text: item.text, metadata: item.metadata })));
      const records: FeedbackRecord[] = [];
      page.items.forEach((item, index) => {
        const line = lines[index];
        if (line !== undefined && !isErrorResult(line)) records.push({ ...recordFieldsOf(item), result: { ...line, id: item.id } });
      });
      if (records.length > 0) await store.upsertFeedback(records);
      done += page.items.length;
      await report(done);
      cursor = page.nextCursor;
      await nextTurn();
    } while (cursor !== null && !cancelled());
  };
}
