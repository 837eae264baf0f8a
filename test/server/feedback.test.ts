import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildTestApp, type TestApp } from './helpers.js';

const RECORDS = [
  { id: 'r1', text: 'The courier was two days late and nobody answered my emails.', date: '2026-03-01', score: 2, scoreType: 'nps', segment: 'smb', channel: 'email' },
  { id: 'r2', text: 'Lovely fabric and it fits perfectly.', date: '2026-03-02', score: 10, scoreType: 'nps', segment: 'consumer', channel: 'web' },
  { id: 'r3', text: 'Refund took forever, support was rude.', date: '2026-03-03T10:00:00Z', score: 1, scoreType: 'csat', segment: 'smb', channel: 'app' },
  { id: 'r4', text: 'Checkout was easy.', date: '2026-03-04', score: 8, scoreType: 'nps', segment: 'consumer', channel: 'web', revenue: 1200, accountId: 'acct-1', metadata: { survey: 'q1' } },
];

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
  const response = await ingest(RECORDS);
  expect(response.json()).toEqual({ inserted: 4, updated: 0, failed: [] });
});
afterAll(async () => {
  await subject.close();
});

function ingest(payload: unknown, app = subject.app) {
  return app.inject({ method: 'POST', url: '/v1/feedback', payload: payload as object });
}

async function list(query: string): Promise<{ items: { id: string }[]; nextCursor: string | null }> {
  const response = await subject.app.inject({ method: 'GET', url: `/v1/feedback${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('POST /v1/feedback', () => {
  it('is idempotent on id: posting the same records again updates and never duplicates', async () => {
    const again = await ingest(RECORDS);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ inserted: 0, updated: 4, failed: [] });
    expect(await subject.store.countFeedback()).toBe(4);
  });

  it('reports bad records by index and stores the rest', async () => {
    const response = await ingest([
      { id: 'ok-1', text: 'Fine.', date: '2026-04-01' },
      { id: 'bad-date', text: 'x', date: 'yesterday' },
      { id: 'bad-score', text: 'x', date: '2026-04-01', score: 11, scoreType: 'nps' },
      { id: 'extra', text: 'x', date: '2026-04-01', colour: 'red' },
      { text: 'no id', date: '2026-04-01' },
      { id: 'too-long', text: 'a'.repeat(subject.app.engine.config.maxTextLength + 1), date: '2026-04-01' },
      42,
    ]);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { inserted: number; updated: number; failed: { index: number; id: string | null; error: { code: string; message: string } }[] };
    expect(body.inserted).toBe(1);
    expect(body.failed.map((failure) => [failure.index, failure.id, failure.error.code])).toEqual([
      [1, 'bad-date', 'VERBATIM_E_INVALID_FEEDBACK'],
      [2, 'bad-score', 'VERBATIM_E_INVALID_FEEDBACK'],
      [3, 'extra', 'VERBATIM_E_INVALID_FEEDBACK'],
      [4, null, 'VERBATIM_E_INVALID_FEEDBACK'],
      [5, 'too-long', 'VERBATIM_E_TEXT_TOO_LONG'],
      [6, null, 'VERBATIM_E_INVALID_FEEDBACK'],
    ]);
    expect(body.failed[0]!.error.message).toContain('"date"');
    expect(body.failed[2]!.error.message).toContain('colour');
    expect(body.failed[3]!.error.message).toBe('Feedback record (no valid id): field "id" is required, found nothing');
    expect(await subject.app.store.getFeedback('ok-1')).not.toBeNull();
    expect(await subject.app.store.getFeedback('bad-date')).toBeNull();
  });

  it('accepts numeric ids as strings', async () => {
    expect((await ingest([{ id: 99, text: 'ok', date: '2026-04-02' }])).json()).toMatchObject({ inserted: 1 });
    expect((await subject.app.store.getFeedback('99'))?.result.id).toBe('99');
  });

  it.each([
    ['an object instead of an array', { items: RECORDS }],
    ['an empty array', []],
    ['more than 1000 records', Array.from({ length: 1001 }, (_, index) => ({ id: `m${index}`, text: 'x', date: '2026-01-01' }))],
  ])('answers 400 VERBATIM_E_VALIDATION for %s', async (_name, payload) => {
    const response = await ingest(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_VALIDATION');
  });
});

describe('GET /v1/feedback', () => {
  it.each([
    ['', ['99', 'ok-1', 'r4', 'r3', 'r2', 'r1']],
    ['?band=detractor', ['r3', 'r1']],
    ['?band=detractor&scoreType=nps', ['r1']],
    ['?segment=consumer', ['r4', 'r2']],
    ['?channel=app', ['r3']],
    ['?from=2026-03-02&to=2026-03-03', ['r3', 'r2']],
    ['?sentiment=positive&scoreType=nps', ['r4', 'r2']],
    ['?stage=delivery', ['r1']],
    ['?q=courier', ['r1']],
    ['?q=%22fits%20perfectly%22', ['r2']],
  ])('filters %s', async (query, ids) => {
    expect((await list(query)).items.map((item) => item.id)).toEqual(ids);
  });

  it('filters by theme id', async () => {
    const item = await subject.store.getFeedback('r1');
    const themeId = item!.result.themes[0]!.id;
    expect((await list(`?theme=${themeId}`)).items.map((entry) => entry.id)).toContain('r1');
  });

  it('pages with a cursor until nextCursor is null, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['99', 'ok-1', 'r4', 'r3', 'r2', 'r1']);
  });

  it('returns evidence spans inside the text', async () => {
    const { items } = (await list('?q=courier')) as unknown as { items: { text: string; result: { themes: { evidence: { start: number; end: number }[] }[] } }[] };
    const [item] = items;
    const spans = item!.result.themes.flatMap((theme) => theme.evidence);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect(item!.text.slice(span.start, span.end).length).toBeGreaterThan(0);
  });

  it.each([
    ['?band=fan', 'VERBATIM_E_VALIDATION'],
    ['?limit=0', 'VERBATIM_E_VALIDATION'],
    ['?limit=501', 'VERBATIM_E_VALIDATION'],
    ['?thme=delivery', 'VERBATIM_E_VALIDATION'],
    ['?from=last-week', 'VERBATIM_E_INVALID_QUERY'],
    ['?cursor=garbage', 'VERBATIM_E_INVALID_QUERY'],
  ])('answers 400 for %s', async (query, code) => {
    const response = await subject.app.inject({ method: 'GET', url: `/v1/feedback${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });
});

describe('GET /v1/feedback/:id', () => {
  it('returns the stored record with its analysis', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/v1/feedback/r4' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 'r4',
      score: 8,
      scoreType: 'nps',
      scoreBand: 'passive',
      revenue: 1200,
      accountId: 'acct-1',
      metadata: { survey: 'q1' },
      result: { id: 'r4' },
    });
  });

  it('answers 404 VERBATIM_E_NOT_FOUND for an unknown id', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/v1/feedback/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'VERBATIM_E_NOT_FOUND', message: 'Feedback not found: nope' } });
  });
});

describe('storage across restarts', () => {
  it('keeps ingested feedback when the app is rebuilt over the same SQLite file, and re-ingest keeps counts', async () => {
    const first = await buildTestApp();
    const dbPath = first.dbPath;
    expect((await ingest(RECORDS, first.app)).json()).toMatchObject({ inserted: 4, updated: 0 });
    await first.close({ keepFiles: true });

    const second = await buildTestApp({}, dbPath);
    try {
      const response = await second.app.inject({ method: 'GET', url: '/v1/feedback/r2' });
      expect(response.statusCode).toBe(200);
      expect(response.json().text).toBe(RECORDS[1]!.text);
      expect((await ingest(RECORDS, second.app)).json()).toMatchObject({ inserted: 0, updated: 4 });
      expect(await second.store.countFeedback()).toBe(4);
    } finally {
      await second.close();
      rmSync(path.dirname(dbPath), { recursive: true, force: true });
    }
  });
});

describe('languages', () => {
  it('stores the language each comment was read in and filters by it', async () => {
    const response = await ingest([{ id: 'fr1', text: 'Le colis est arrivé abîmé et personne ne répond à mes mails.', date: '2026-03-05' }]);
    expect(response.json()).toMatchObject({ inserted: 1, failed: [] });
    const french = await list('?language=fr');
    expect(french.items.map((item) => item.id)).toEqual(['fr1']);
    expect((french.items[0] as unknown as { result: { language: string; sentiment: { label: string } } }).result).toMatchObject({ language: 'fr', sentiment: { label: 'negative' } });
    expect((await list('?language=en')).items.map((item) => item.id)).not.toContain('fr1');
    const count = await subject.app.inject({ method: 'GET', url: '/v1/dashboard/count?language=fr' });
    expect(count.json()).toEqual({ count: 1 });
  });

  it('answers 400 for a language that is not a two-letter code', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/v1/feedback?language=French' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_VALIDATION');
  });
});
