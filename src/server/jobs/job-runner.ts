/**
 * Background jobs, one at a time, in process: each job is a row in the store's jobs table
 * (queued -> running -> succeeded | failed | cancelled) whose progress a client polls at
 * GET /v1/jobs/:id. Jobs run sequentially so two re-tags never interleave their writes.
 */
import { randomUUID } from 'node:crypto';
import { VerbatimError } from '../../errors.js';
import type { FeedbackStore, StoredJob } from '../../store/index.js';

/** What a job's work function gets: progress reporting and a cancellation check. */
export interface JobContext {
  job: StoredJob;
  /** Records progress (and the total, once known). */
  report(progress: number, total?: number | null): Promise<void>;
  /** True once the job was superseded or the runner is stopping; work should return soon. */
  cancelled(): boolean;
}

export type JobWork = (context: JobContext) => Promise<void>;

export interface JobRunner {
  /**
   * Queues a job and returns its row (status `queued`). With `supersede`, queued or running jobs
   * of the same kind are cancelled first: a newer re-tag makes an older one pointless.
   */
  submit(kind: string, params: Record<string, unknown>, work: JobWork, options?: { supersede?: boolean }): Promise<StoredJob>;
  /**
   * After a restart: the newest job of `kind` left queued or running is run again from the start
   * (same id, so pollers keep their URL); older ones are cancelled. Returns the resumed job.
   */
  resume(kind: string, work: JobWork): Promise<StoredJob | null>;
  /** Resolves when every queued job has finished (tests and shutdown). */
  idle(): Promise<void>;
  /** Stops after the current step of the running job; unfinished jobs stay resumable. */
  stop(): Promise<void>;
}

interface Entry {
  id: string;
  kind: string;
  cancelled: boolean;
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof VerbatimError) return error.toJSON();
  return new VerbatimError('VERBATIM_E_INTERNAL').toJSON();
}

/**
 * Creates a runner over the store's jobs table.
 * @example
 * const runner = createJobRunner(store);
 * const job = await runner.submit('retag', { taxonomyId: 'retail' }, async ({ report }) => { await report(10, 10); });
 */
export function createJobRunner(store: FeedbackStore, options: { log?: { error(object: object, message: string): void } } = {}): JobRunner {
  const entries = new Map<string, Entry>();
  // Entries leave `entries` when they start; keep the running ones reachable for cancellation.
  const running = new Map<string, Entry>();
  let chain: Promise<void> = Promise.resolve();
  let stopping = false;

  const run = async (entry: Entry, work: JobWork): Promise<void> => {
    entries.delete(entry.id);
    if (stopping) return;
    if (entry.cancelled) {
      await store.updateJob(entry.id, { status: 'cancelled' });
      return;
    }
    const job = await store.updateJob(entry.id, { status: 'running', progress: 0, error: null });
    if (job === null) return;
    const cancelled = () => entry.cancelled || stopping;
    try {
      await work({
        job,
        cancelled,
        report: async (progress, total) => {
          await store.updateJob(entry.id, total === undefined ? { progress } : { progress, total });
        },
      });
      if (stopping && !entry.cancelled) return; // left `running`: resumed on the next start
      await store.updateJob(entry.id, { status: entry.cancelled ? 'cancelled' : 'succeeded' });
    } catch (error) {
      options.log?.error({ err: error, jobId: entry.id }, 'job failed');
      await store.updateJob(entry.id, { status: 'failed', error: errorOf(error) }).catch(() => undefined);
    }
  };

  const enqueue = (entry: Entry, work: JobWork): void => {
    entries.set(entry.id, entry);
    chain = chain.then(() => run(entry, work)).catch((error: unknown) => options.log?.error({ err: error }, 'job runner failed'));
  };

  const cancelKind = (kind: string): void => {
    for (const entry of entries.values()) if (entry.kind === kind) entry.cancelled = true;
    for (const entry of running.values()) if (entry.kind === kind) entry.cancelled = true;
  };
  const track = (entry: Entry, work: JobWork): JobWork => async (context) => {
    running.set(entry.id, entry);
    try {
      await work(context);
    } finally {
      running.delete(entry.id);
    }
  };

  return {
    async submit(kind, params, work, submitOptions = {}) {
      if (submitOptions.supersede) cancelKind(kind);
      const job = await store.createJob({ id: randomUUID(), kind, params });
      const entry: Entry = { id: job.id, kind, cancelled: false };
      enqueue(entry, track(entry, work));
      return job;
    },
    async resume(kind, work) {
      const unfinished = (await store.listJobs({ statuses: ['queued', 'running'] })).filter((job) => job.kind === kind);
      const [newest, ...older] = unfinished;
      for (const job of older) await store.updateJob(job.id, { status: 'cancelled' });
      if (newest === undefined) return null;
      const job = await store.updateJob(newest.id, { status: 'queued', progress: 0 });
      const entry: Entry = { id: newest.id, kind, cancelled: false };
      enqueue(entry, track(entry, work));
      return job;
    },
    idle: () => chain,
    async stop() {
      stopping = true;
      await chain;
    },
  };
}
