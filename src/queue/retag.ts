/**
 * Re-tagging through the queue: after a taxonomy change, one message per stored record
 * (`retag` kind, the record's id) instead of the API process re-analyzing everything itself, so
 * the work spreads over every `verbatim worker`. Workers analyze with the taxonomy active when
 * they process the batch, as the in-process re-tag job does (src/server/jobs/retag.ts).
 *
 * A newer re-tag supersedes older ones: their remaining messages are purged from the work
 * stream and their jobs marked cancelled, since their results would be overwritten anyway.
 */
import { randomUUID } from 'node:crypto';
import { isErrorResult } from '../contract.js';
import type { FeedbackItem, FeedbackRecord, FeedbackStore, StoredJob } from '../store/index.js';
import { unavailable, type QueueConnection } from './connection.js';
import { reconcileJob } from './job-progress.js';
import { encodeRetagMessage, messageId, type RetagMessage } from './messages.js';
import type { BatchContext, GroupResult } from './process-batch.js';
import { PUBLISH_WINDOW } from './producer.js';
import { recordFieldsOf } from '../store/item-record.js';

/** The `kind` of a queued re-tag job (the in-process one is 'retag'). */
export const QUEUED_RETAG_JOB_KIND = 'queued-retag';

/** Stored records read per page while enqueueing. */
const LIST_PAGE_SIZE = 500;


/**
 * Worker side: reads the records, analyzes them together with the active taxonomy's engine and
 * upserts the new analyses. A record deleted since it was queued is skipped; one the engine now
 * rejects keeps its previous analysis and is reported as failed.
 */
export async function retagHandler(context: BatchContext, bodies: readonly RetagMessage[]): Promise<GroupResult> {
  const items: { position: number; item: FeedbackItem }[] = [];
  for (const [position, body] of bodies.entries()) {
    const item = await context.store.getFeedback(body.id);
    if (item !== null) items.push({ position, item });
  }
  const engine = await context.engine();
  const lines = await engine.analyzeBatch(items.map(({ item }) => ({ id: item.id, text: item.text, metadata: item.metadata })));
  const records: FeedbackRecord[] = [];
  const failed: GroupResult['failed'] = [];
  items.forEach(({ position, item }, index) => {
    const line = lines[index]!;
    if (isErrorResult(line)) failed.push({ position, id: item.id, error: line.error });
    else records.push({ ...recordFieldsOf(item), result: { ...line, id: item.id } });
  });
  if (records.length > 0) await context.store.upsertFeedback(records);
  return { stored: records.length, failed };
}

/**
 * Producer side: cancels unfinished queued re-tags, then queues every stored record for
 * re-analysis as one job and returns its row.
 * @example const job = await enqueueRetag(queue, store, { taxonomyId: 'retail' }); // poll /v1/jobs/${job.id}
 */
export async function enqueueRetag(queue: QueueConnection, store: FeedbackStore, params: Record<string, unknown> = {}): Promise<StoredJob> {
  const older = (await store.listJobs({ statuses: ['queued', 'running'] })).filter((job) => job.kind === QUEUED_RETAG_JOB_KIND);
  for (const job of older) {
    await store.updateJob(job.id, { status: 'cancelled' });
    try {
      await queue.jsm.streams.purge(queue.names.workStream, { filter: queue.names.workSubject(job.id) });
    } catch (error) {
      throw unavailable(queue.url, error);
    }
  }
  const job = await store.createJob({ id: randomUUID(), kind: QUEUED_RETAG_JOB_KIND, params });
  let index = 0;
  try {
    let cursor: string | null = null;
    do {
      const page = await store.listFeedback({}, { limit: LIST_PAGE_SIZE, cursor });
      for (let start = 0; start < page.items.length; start += PUBLISH_WINDOW) {
        await Promise.all(
          page.items.slice(start, start + PUBLISH_WINDOW).map((item) => {
            const position = index++;
            return queue.js.publish(queue.names.workSubject(job.id), encodeRetagMessage(job.id, position, item.id), { msgID: messageId(job.id, position) });
          }),
        );
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
  } catch (error) {
    const failure = unavailable(queue.url, error);
    await store.updateJob(job.id, { status: 'failed', error: failure.toJSON() });
    throw failure;
  }
  await store.updateJob(job.id, { total: index });
  return (await reconcileJob(store, queue, job.id)) ?? job;
}
