/**
 * GET /v1/dashboard/facets, /theme-series and /count over hand-built records (real SQLite file):
 *   r1 2026-01-05 smb/email  delivery-speed          (week 2026-W02, January)
 *   r2 2026-01-20 smb/chat   delivery-speed, refunds (week 2026-W04)
 *   r3 2026-03-02 consumer/chat refunds              (week 2026-W10, March; February has none)
 *   r4 2026-03-03 no segment/channel, no theme, text "the zipper broke"
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../store/fixtures.js';
import { buildTestApp, type TestApp } from './helpers.js';

const DELIVERY = { id: 'delivery-speed', stage: 'delivery' as const, score: -0.6 };
const REFUNDS = { id: 'refunds', stage: 'billing' as const, score: -0.4 };

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
  await subject.store.upsertFeedback([
    record('r1', { date: '2026-01-05', segment: 'smb', channel: 'email', score: 3, scoreType: 'nps', themes: [DELIVERY] }),
    record('r2', { date: '2026-01-20', segment: 'smb', channel: 'chat', score: 9, scoreType: 'nps', themes: [DELIVERY, REFUNDS] }),
    record('r3', { date: '2026-03-02', segment: 'consumer', channel: 'chat', score: 4, scoreType: 'csat', themes: [REFUNDS] }),
    record('r4', { date: '2026-03-03', text: 'the zipper broke', sentiment: -0.5 }),
  ]);
});
afterAll(async () => {
  await subject.close();
});

async function get<T = Record<string, any>>(url: string, status = 200): Promise<T> {
  const response = await subject.app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

describe('GET /v1/dashboard/facets', () => {
  it('gives the date range, facet values by frequency and the themes', async () => {
    const body = await get('/v1/dashboard/facets');
    expect(body).toMatchObject({
      total: 4,
      first: '2026-01-05T00:00:00.000Z',
      last: '2026-03-03T00:00:00.000Z',
      segments: [{ value: 'smb', count: 2 }, { value: 'consumer', count: 1 }],
      channels: [{ value: 'chat', count: 2 }, { value: 'email', count: 1 }],
      scoreTypes: [{ value: 'nps', count: 2 }, { value: 'csat', count: 1 }],
    });
    expect(body.themes.map((theme: { id: string; count: number }) => [theme.id, theme.count])).toEqual([
      ['delivery-speed', 2],
      ['refunds', 2],
    ]);
  });

  it('narrows to the filter and rejects a malformed date', async () => {
    expect(await get('/v1/dashboard/facets?segment=smb&to=2026-01-10')).toMatchObject({ total: 1, segments: [{ value: 'smb', count: 1 }] });
    const error = await get('/v1/dashboard/facets?from=yesterday', 400);
    expect(error.error.code).toBe('VERBATIM_E_INVALID_QUERY');
  });
});

describe('GET /v1/dashboard/theme-series', () => {
  it('counts mentions per month with the empty month as zero', async () => {
    const body = await get('/v1/dashboard/theme-series?interval=month');
    expect(body.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    const series = Object.fromEntries(body.themes.map((theme: { id: string; counts: number[] }) => [theme.id, theme.counts]));
    expect(series).toEqual({ 'delivery-speed': [2, 0, 0], refunds: [1, 0, 1] });
  });

  it('buckets by ISO week and spans the requested range, not only the days with mentions', async () => {
    const body = await get('/v1/dashboard/theme-series?interval=week&from=2026-01-01&to=2026-01-31&theme=refunds');
    expect(body.periods).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05']);
    // The theme filter selects comments (r2); their other themes are counted too.
    expect(body.themes).toEqual([
      { id: 'delivery-speed', counts: [0, 0, 0, 1, 0] },
      { id: 'refunds', counts: [0, 0, 0, 1, 0] },
    ]);
  });

  it('is empty when nothing matches', async () => {
    expect(await get('/v1/dashboard/theme-series?segment=nobody')).toEqual({ interval: 'week', periods: [], themes: [] });
  });
});

describe('GET /v1/dashboard/count', () => {
  it('counts what GET /v1/feedback lists with the same filters, full-text query included', async () => {
    expect(await get('/v1/dashboard/count')).toEqual({ count: 4 });
    expect(await get('/v1/dashboard/count?theme=refunds&channel=chat')).toEqual({ count: 2 });
    expect(await get('/v1/dashboard/count?q=zipper')).toEqual({ count: 1 });
    expect(await get('/v1/dashboard/count?band=detractor')).toEqual({ count: 1 });
  });
});

describe('the dashboard at /', () => {
  it('is served with no key even when the API needs one, while /v1 stays protected', async () => {
    const locked = await buildTestApp({ VERBATIM_API_KEYS: 'secret-key' });
    try {
      const page = await locked.app.inject({ method: 'GET', url: '/' });
      expect([200, 503]).toContain(page.statusCode);
      expect(page.headers['content-type']).toContain('text/html');
      expect((await locked.app.inject({ method: 'GET', url: '/v1/dashboard/facets' })).statusCode).toBe(401);
      const keyed = await locked.app.inject({ method: 'GET', url: '/v1/dashboard/facets', headers: { authorization: 'Bearer secret-key' } });
      expect(keyed.statusCode).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
