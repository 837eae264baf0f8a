/**
 * Taxonomy routes and the re-tag job: PUT validates (400 naming the JSON path), activation starts
 * a background job that re-analyzes stored feedback with the new taxonomy, visible at /v1/jobs/:id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers.js';

/** A two-theme taxonomy whose ids the built-in one does not use. */
const RETAIL = {
  version: 1,
  id: 'retail-test',
  name: 'Retail test taxonomy',
  stages: [
    { id: 'delivery', label: 'Delivery', order: 1 },
    { id: 'product', label: 'Product', order: 2 },
  ],
  themes: [
    { id: 'parcel-delay', label: 'Parcel delay', stage: 'delivery', terms: ['courier', 'late'] },
    { id: 'garment-fit', label: 'Garment fit', stage: 'product', terms: ['size', 'fit', 'tight'] },
  ],
};

const FEEDBACK = [
  { id: 'f1', text: 'The courier was two days late.', date: '2026-03-01', score: 3, scoreType: 'nps' },
  { id: 'f2', text: 'The dress is too tight, wrong size.', date: '2026-03-02', score: 6, scoreType: 'nps' },
  { id: 'f3', text: 'Nothing to add.', date: '2026-03-03' },
];

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
  const response = await subject.app.inject({ method: 'POST', url: '/v1/feedback', payload: FEEDBACK });
  expect(response.json()).toMatchObject({ inserted: 3, failed: [] });
});
afterAll(async () => {
  await subject.close();
});

function request(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) {
  return subject.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** Polls the job until it leaves queued/running (the test's own timeout bounds the wait). */
async function finished(jobId: string): Promise<{ status: string; progress: number; total: number | null; kind: string }> {
  for (;;) {
    const job = (await request('GET', `/v1/jobs/${jobId}`)).json();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function storedThemes(id: string): Promise<string[]> {
  const item = await subject.store.getFeedback(id);
  return item!.result.themes.map((theme) => theme.id).sort();
}

describe('taxonomy routes', () => {
  it("lists the built-in 'default' as active before any other is stored", async () => {
    const body = (await request('GET', '/v1/taxonomies')).json();
    expect(body.items).toEqual([expect.objectContaining({ id: 'default', active: true, builtIn: true })]);
    expect(body.nextCursor).toBeNull();
    const detail = (await request('GET', '/v1/taxonomies/default')).json();
    expect(detail.taxonomy.themes.length).toBeGreaterThan(10);
  });

  it.each([
    ['a theme in an unknown stage', { ...RETAIL, themes: [{ ...RETAIL.themes[0], stage: 'moon' }] }, 'themes[0].stage'],
    ['a duplicate theme id', { ...RETAIL, themes: [RETAIL.themes[0], RETAIL.themes[0]] }, 'themes[1].id'],
    ['a missing name', { ...RETAIL, name: undefined }, 'name'],
    ['a body id unlike the path id', { ...RETAIL, id: 'other-id' }, 'at id'],
  ])('rejects %s with 400 VERBATIM_E_INVALID_TAXONOMY naming the path', async (_case, document, path) => {
    const response = await request('PUT', '/v1/taxonomies/retail-test', document);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_INVALID_TAXONOMY');
    expect(response.json().error.message).toContain(path);
    expect((await request('GET', '/v1/taxonomies/retail-test')).statusCode).toBe(404);
  });

  it.each([
    ['PUT', '/v1/taxonomies/default', RETAIL, 409, 'VERBATIM_E_READ_ONLY'],
    ['PUT', '/v1/taxonomies/Not_Kebab', RETAIL, 400, 'VERBATIM_E_VALIDATION'],
    ['GET', '/v1/taxonomies/unknown', undefined, 404, 'VERBATIM_E_NOT_FOUND'],
    ['POST', '/v1/taxonomies/unknown/activate', undefined, 404, 'VERBATIM_E_NOT_FOUND'],
    ['GET', '/v1/jobs/no-such-job', undefined, 404, 'VERBATIM_E_NOT_FOUND'],
  ] as const)('%s %s answers %i %s', async (method, url, payload, status, code) => {
    const response = await request(method, url, payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('stores a valid taxonomy without activating it or starting a job', async () => {
    const response = await request('PUT', '/v1/taxonomies/retail-test', RETAIL);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ id: 'retail-test', active: false, builtIn: false, job: null });
    expect((await request('GET', '/v1/taxonomies/retail-test')).json().taxonomy).toEqual(RETAIL);
    expect(await storedThemes('f1')).toContain('delivery-speed');
  });

  it('activating it re-tags stored feedback in a background job that succeeds', async () => {
    const response = await request('PUT', '/v1/taxonomies/retail-test?activate=true', RETAIL);
    expect(response.statusCode).toBe(200);
    const { job } = response.json();
    expect(job).toMatchObject({ kind: 'retag', params: { taxonomyId: 'retail-test' } });
    expect(await finished(job.id)).toMatchObject({ status: 'succeeded', progress: 3, total: 3 });
    expect(await storedThemes('f1')).toEqual(['parcel-delay']);
    expect(await storedThemes('f2')).toEqual(['garment-fit']);
    expect((await subject.store.countByTheme()).map((count) => count.themeId).sort()).toEqual(['garment-fit', 'parcel-delay']);
    const list = (await request('GET', '/v1/taxonomies')).json();
    expect(list.items.map((item: { id: string; active: boolean }) => [item.id, item.active])).toEqual([['default', false], ['retail-test', true]]);
  });

  it('ingests new feedback with the active taxonomy', async () => {
    await request('POST', '/v1/feedback', [{ id: 'f4', text: 'Late courier again.', date: '2026-03-04' }]);
    expect(await storedThemes('f4')).toEqual(['parcel-delay']);
  });

  it('activating the already-active taxonomy starts no job; going back to default re-tags again', async () => {
    const same = await request('POST', '/v1/taxonomies/retail-test/activate');
    expect(same.statusCode).toBe(202);
    expect(same.json()).toEqual({ id: 'retail-test', active: true, job: null });
    const back = await request('POST', '/v1/taxonomies/default/activate');
    expect(back.statusCode).toBe(202);
    expect(await finished(back.json().job.id)).toMatchObject({ status: 'succeeded', progress: 4, total: 4 });
    expect(await storedThemes('f1')).toContain('delivery-speed');
    const jobs = (await request('GET', '/v1/jobs?status=succeeded')).json();
    expect(jobs.items).toHaveLength(2);
  });
});
