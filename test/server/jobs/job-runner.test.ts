import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../src/errors.js';
import { createJobRunner, type JobWork } from '../../../src/server/jobs/job-runner.js';
import { openStore, type FeedbackStore } from '../../../src/store/index.js';
import { tempDbPath } from '../helpers.js';

let store: FeedbackStore;
let file: string;
beforeEach(async () => {
  file = tempDbPath();
  store = await openStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(path.dirname(file), { recursive: true, force: true });
});

/** Work that reports 2 of 2 steps, checking for cancellation between them, after `gate` opens. */
function steps(gate: Promise<void> = Promise.resolve()): JobWork {
  return async ({ report, cancelled }) => {
    await report(0, 2);
    await gate;
    if (cancelled()) return;
    await report(1);
    await report(2);
  };
}

describe('job runner', () => {
  it('runs a job to succeeded with its progress and total', async () => {
    const runner = createJobRunner(store);
    const job = await runner.submit('retag', { taxonomyId: 'x' }, steps());
    expect(job.status).toBe('queued');
    await runner.idle();
    expect(await store.getJob(job.id)).toMatchObject({ status: 'succeeded', progress: 2, total: 2, error: null, params: { taxonomyId: 'x' } });
  });

  it('records a failure with its error code', async () => {
    const runner = createJobRunner(store);
    const job = await runner.submit('retag', {}, async () => {
      throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Taxonomy', id: 'gone' });
    });
    await runner.idle();
    expect(await store.getJob(job.id)).toMatchObject({ status: 'failed', error: { code: 'VERBATIM_E_NOT_FOUND' } });
  });

  it('cancels a running job of the same kind when a superseding one is submitted', async () => {
    const runner = createJobRunner(store);
    let open!: () => void;
    const first = await runner.submit('retag', {}, steps(new Promise<void>((resolve) => (open = resolve))));
    while ((await store.getJob(first.id))!.status !== 'running') await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await runner.submit('retag', {}, steps(), { supersede: true });
    open();
    await runner.idle();
    expect((await store.getJob(first.id))!.status).toBe('cancelled');
    expect((await store.getJob(second.id))!.status).toBe('succeeded');
  });

  it('resumes the newest unfinished job after a restart under the same id and cancels older ones', async () => {
    const older = await store.createJob({ id: 'older', kind: 'retag', params: {} });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await store.createJob({ id: 'newer', kind: 'retag', params: {} });
    await store.updateJob(newer.id, { status: 'running', progress: 1, total: 2 });
    const runner = createJobRunner(store);
    expect((await runner.resume('retag', steps()))!.id).toBe('newer');
    await runner.idle();
    expect(await store.getJob('newer')).toMatchObject({ status: 'succeeded', progress: 2 });
    expect((await store.getJob(older.id))!.status).toBe('cancelled');
    expect(await runner.resume('retag', steps())).toBeNull();
  });
});
