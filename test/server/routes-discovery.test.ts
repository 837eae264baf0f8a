/**
 * Discovery on stored comments over HTTP: POST /v1/discovery starts a job, GET /v1/discovery/:id
 * gives the suggestions once done, POST /v1/discovery/:id/taxonomy builds a taxonomy from the
 * accepted ones, which PUT /v1/taxonomies/:id?activate=true stores and re-tags with. The comments
 * are hand-written about three topics (lockers, app crashes, rude staff), 24 each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { record } from '../store/fixtures.js';
import { buildTestApp, type TestApp } from './helpers.js';

const TOPICS = [
  ['the parcel locker code never arrived', 'locker was full so my parcel went back', 'parcel locker door jammed shut', 'could not open the parcel locker with the code'],
  ['the app crashes when I open my basket', 'app keeps crashing at checkout', 'the app crashed twice during payment', 'app crashes every time I log in'],
  ['the staff member was rude to me', 'rude staff at the counter ignored me', 'staff were rude and unhelpful', 'a rude staff member laughed at my question'],
];
const OPENERS = ['', 'honestly ', 'again ', 'today ', 'sadly ', 'once more '];

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
  const records = TOPICS.flatMap((texts, topic) =>
    texts.flatMap((text, index) => OPENERS.map((opener, variant) => record(`t${topic}-${index}-${variant}`, { text: `${opener}${text}`, date: `2026-0${1 + (variant % 6)}-1${index}` }))),
  );
  await subject.store.upsertFeedback(records);
}, 60_000);
afterAll(async () => {
  await subject.close();
});

async function call<T = Record<string, any>>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const response = await subject.app.inject({ method, url, payload: payload as object });
  return { status: response.statusCode, body: response.json() as T };
}

async function finished(id: string): Promise<Record<string, any>> {
  for (;;) {
    const { status, body } = await call('GET', `/v1/discovery/${id}`);
    expect(status).toBe(200);
    if (!['queued', 'running'].includes(body.job.status)) return body;
    await sleep(100);
  }
}

describe('discovery routes', () => {
  it('rejects a bad request before starting a job', async () => {
    expect((await call('POST', '/v1/discovery', { sampleSize: 10 })).status).toBe(400);
    const badDate = await call('POST', '/v1/discovery', { from: 'soon' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.code).toBe('VERBATIM_E_INVALID_QUERY');
    expect((await call('GET', '/v1/discovery/no-such-job')).status).toBe(404);
  });

  it('suggests themes, turns accepted ones into a taxonomy, and that taxonomy activates with a re-tag', async () => {
    const started = await call('POST', '/v1/discovery', { sampleSize: 500, maxThemes: 5, seed: 3 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'discover', status: 'queued' });

    const run = await finished(started.body.id);
    expect(run.job.status).toBe('succeeded');
    expect(run.job.progress).toBe(72);
    expect(run.result.records).toBe(72);
    expect(run.result.taxonomyId).toBe('default');
    const labels = run.result.themes.map((theme: { label: string; keywords: string[] }) => [theme.label, ...theme.keywords].join(' ')).join(' | ');
    expect(labels).toMatch(/locker/);
    expect(labels).toMatch(/app|crash/);
    expect(labels).toMatch(/rude|staff/);

    const [first, second] = run.result.themes;
    const accepted = await call('POST', `/v1/discovery/${started.body.id}/taxonomy`, {
      id: 'reviewed',
      name: 'Reviewed themes',
      themes: [{ from: [first.id, second.id], label: 'Merged suggestion', stage: 'support' }],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.added).toEqual(['merged-suggestion']);
    const theme = accepted.body.taxonomy.themes.find((entry: { id: string }) => entry.id === 'merged-suggestion');
    expect(theme).toMatchObject({ label: 'Merged suggestion', stage: 'support' });

    const stored = await call('PUT', '/v1/taxonomies/reviewed?activate=true', accepted.body.taxonomy);
    expect(stored.status).toBe(201);
    expect(stored.body.job).toMatchObject({ kind: 'retag' });
  }, 60_000);

  it('refuses to build a taxonomy from an unknown suggestion, naming the entry', async () => {
    const started = await call('POST', '/v1/discovery', { sampleSize: 100, maxThemes: 3 });
    await finished(started.body.id);
    const bad = await call('POST', `/v1/discovery/${started.body.id}/taxonomy`, { id: 'x', name: 'X', themes: [{ from: ['made-up'], label: 'Y' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('themes[0].from[0]');
  }, 60_000);
});
