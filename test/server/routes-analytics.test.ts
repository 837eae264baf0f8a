/**
 * GET /v1/metrics, /v1/drivers and /v1/trends over hand-built feedback whose numbers are worked
 * out by hand below. The NPS panel (10 records):
 *   January:  p1 10, p2 9, p3 10, p4 9 (promoters, consumer; p1 and p2 mention product-quality +)
 *             pa 8 (passive, consumer)
 *   February: d1 0, d2 3, d3 5, d4 6, d5 2 (detractors, smb; all mention delivery-speed -)
 *   => 4 promoters, 1 passive, 5 detractors: NPS = 40 - 50 = -10.
 * Plus February CSAT 5, 4, 2 (=> 66.67%) and CES 7, 4 (=> mean 5.5), without themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../store/fixtures.js';
import { buildTestApp, type TestApp } from './helpers.js';

const DELIVERY = { id: 'delivery-speed', stage: 'delivery' as const, score: -0.6 };
const QUALITY = { id: 'product-quality', stage: 'product' as const, score: 0.5 };

const RECORDS = [
  record('p1', { date: '2026-01-05', score: 10, scoreType: 'nps', segment: 'consumer', themes: [QUALITY] }),
  record('p2', { date: '2026-01-06', score: 9, scoreType: 'nps', segment: 'consumer', themes: [QUALITY] }),
  record('p3', { date: '2026-01-07', score: 10, scoreType: 'nps', segment: 'consumer', language: 'fr' }),
  record('p4', { date: '2026-01-12', score: 9, scoreType: 'nps', segment: 'consumer' }),
  record('pa', { date: '2026-01-13', score: 8, scoreType: 'nps', segment: 'consumer' }),
  record('d1', { date: '2026-02-02', score: 0, scoreType: 'nps', segment: 'smb', themes: [DELIVERY], accountId: 'acct-a', revenue: 1000 }),
  record('d2', { date: '2026-02-03', score: 3, scoreType: 'nps', segment: 'smb', themes: [DELIVERY], accountId: 'acct-a', revenue: 1000 }),
  record('d3', { date: '2026-02-04', score: 5, scoreType: 'nps', segment: 'smb', themes: [DELIVERY], accountId: 'acct-b', revenue: 500 }),
  record('d4', { date: '2026-02-05', score: 6, scoreType: 'nps', segment: 'smb', themes: [DELIVERY], revenue: 200 }),
  record('d5', { date: '2026-02-06', score: 2, scoreType: 'nps', segment: 'smb', themes: [DELIVERY] }),
  record('c1', { date: '2026-02-10', score: 5, scoreType: 'csat', channel: 'chat' }),
  record('c2', { date: '2026-02-11', score: 4, scoreType: 'csat', channel: 'chat' }),
  record('c3', { date: '2026-02-12', score: 2, scoreType: 'csat', channel: 'chat' }),
  record('e1', { date: '2026-02-13', score: 7, scoreType: 'ces', channel: 'chat' }),
  record('e2', { date: '2026-02-14', score: 4, scoreType: 'ces', channel: 'chat' }),
];

let subject: TestApp;

/** Rounds away floating-point noise (0.4 - 0.5 is -0.09999999999999998 in binary). */
const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 1e9) / 1e9);

beforeAll(async () => {
  subject = await buildTestApp();
  await subject.store.upsertFeedback(RECORDS);
});
afterAll(async () => {
  await subject.close();
});

async function get<T = Record<string, any>>(url: string, status = 200): Promise<T> {
  const response = await subject.app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

describe('GET /v1/metrics', () => {
  it('computes NPS from 4 promoters, 1 passive, 5 detractors as -10 with the Wald interval', async () => {
    const body = await get('/v1/metrics?metric=nps');
    expect(round(body.value)).toBe(-10);
    expect(body).toMatchObject({ metric: 'nps', n: 10, volume: 15, counts: { promoter: 4, passive: 1, detractor: 5, invalid: 0 } });
    // Var(p - d) = (0.4 + 0.5 - 0.1^2) / 10 = 0.089; half width = 1.96 * sqrt(0.089) * 100 = 58.47
    expect(body.ci.low).toBeCloseTo(-68.47, 2);
    expect(body.ci.high).toBeCloseTo(48.47, 2);
  });

  it.each([
    ['csat', 'share of 4-5 among 5, 4, 2', 200 / 3, 3],
    ['ces', 'mean of 7 and 4', 5.5, 2],
  ])('computes %s (%s)', async (metric, _why, value, n) => {
    const body = await get(`/v1/metrics?metric=${metric}`);
    expect(body.metric).toBe(metric);
    expect(body.value).toBeCloseTo(value, 3);
    expect(body.n).toBe(n);
  });

  it('applies the common filters before computing', async () => {
    expect((await get('/v1/metrics?segment=consumer')).value).toBe(80);
    expect((await get('/v1/metrics?from=2026-02-01&to=2026-02-28')).value).toBe(-100);
    expect((await get('/v1/metrics?theme=product-quality')).value).toBe(100);
    expect((await get('/v1/metrics?stage=delivery')).n).toBe(5);
    // p3 was read in French; theme aggregates filter their mentions by it too.
    expect(await get('/v1/metrics?language=fr')).toMatchObject({ value: 100, n: 1 });
    expect((await get('/v1/metrics?language=en')).n).toBe(9);
    expect((await get('/v1/metrics?language=fr&theme=product-quality')).n).toBe(0);
    expect((await get('/v1/metrics?language=english', 400)).error.code).toBe('VERBATIM_E_VALIDATION');
  });

  it.each([
    ['segment', [['consumer', 80, 5], ['smb', -100, 5]]],
    ['theme', [['delivery-speed', -100, 5], ['product-quality', 100, 2]]],
    ['period&interval=month', [['2026-01', 80, 5], ['2026-02', -100, 5]]],
    // p3 was read in French; the other nine in English: 3 promoters, 1 passive, 5 detractors (33.3 - 55.6, rounded to 4 places).
    ['language', [['en', -22.2222, 9], ['fr', 100, 1]]],
  ] as const)('groups by %s', async (groupBy, expected) => {
    const body = await get(`/v1/metrics?metric=nps&groupBy=${groupBy}`);
    expect(body.metric).toBe('nps');
    expect(body.groups.map((group: { key: string; value: number; n: number }) => [group.key, round(group.value), group.n])).toEqual(expected);
  });

  it('keys weekly periods by ISO week', async () => {
    const body = await get('/v1/metrics?groupBy=period&interval=week');
    expect(body.interval).toBe('week');
    expect(body.groups.map((group: { key: string }) => group.key)).toEqual(['2026-W02', '2026-W03', '2026-W06', '2026-W07']);
    // W07 holds only the CSAT and CES records: volume but no NPS score.
    expect(body.groups[3]).toMatchObject({ volume: 5, n: 0, value: null });
  });

  it.each([
    ['metric=foo', 'VERBATIM_E_VALIDATION', 'metric'],
    ['groupBy=colour', 'VERBATIM_E_VALIDATION', 'groupBy'],
    ['groupBy=period&interval=fortnight', 'VERBATIM_E_VALIDATION', 'interval'],
    ['stage=moon', 'VERBATIM_E_VALIDATION', 'stage'],
    ['from=yesterday', 'VERBATIM_E_INVALID_QUERY', 'from'],
    ['colour=red', 'VERBATIM_E_VALIDATION', ''],
  ])('rejects %s with 400 %s', async (query, code, field) => {
    const body = await get<{ error: { code: string; message: string } }>(`/v1/metrics?${query}`, 400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(field);
  });
});

describe('GET /v1/drivers', () => {
  it('gives leave-one-out impact, share, score and revenue at risk, sorted by impact', async () => {
    const body = await get('/v1/drivers?metric=nps&level=theme');
    expect(round(body.overall.value)).toBe(-10);
    expect(body.overall.n).toBe(10);
    expect(body.drivers.map((driver: { id: string }) => driver.id)).toEqual(['delivery-speed', 'product-quality']);
    const [delivery, quality] = body.drivers;
    // delivery-speed: mentioners 5 detractors (-100); without them 4P + 1Pa = 80; impact = -10 - 80 = -90.
    expect(delivery).toMatchObject({ stage: 'delivery', volume: 5, score: -100, n: 5 });
    expect(round(delivery.impact)).toBe(-90);
    expect(delivery.share).toBeCloseTo(5 / 15, 3);
    expect(delivery.sentiment).toEqual({ positive: 0, negative: 5, neutral: 0, mixed: 0 });
    // Detractor accounts: acct-a 1000 (twice, counted once) + acct-b 500 + unattributed 200.
    expect(delivery.revenueAtRisk).toBe(1700);
    // product-quality: without p1, p2 = 2P, 1Pa, 5D of 8 = -37.5; impact = -10 - (-37.5) = 27.5.
    expect(quality).toMatchObject({ stage: 'product', volume: 2, score: 100, revenueAtRisk: 0 });
    expect(round(quality.impact)).toBe(27.5);
    expect(typeof delivery.relativeImportance === 'number' || delivery.relativeImportance === null).toBe(true);
  });

  it('aggregates drivers per journey stage', async () => {
    const body = await get('/v1/drivers?level=stage');
    expect(body.drivers.map((driver: { id: string; impact: number }) => [driver.id, round(driver.impact)])).toEqual([
      ['delivery', -90],
      ['product', 27.5],
    ]);
  });

  it.each([['metric=net'], ['level=channel'], ['sentiment=maybe']])('rejects %s with 400', async (query) => {
    expect((await get<{ error: { code: string } }>(`/v1/drivers?${query}`, 400)).error.code).toBe('VERBATIM_E_VALIDATION');
  });
});

describe('GET /v1/trends', () => {
  it('gives volume, share, sentiment and score per period for a theme', async () => {
    const body = await get('/v1/trends?theme=delivery-speed&interval=month&metric=nps');
    expect(body).toMatchObject({ metric: 'nps', interval: 'month', theme: 'delivery-speed', stage: null });
    expect(body.points.map((point: { period: string; volume: number; total: number; share: number }) => [point.period, point.volume, point.total, point.share]))
      .toEqual([['2026-01', 0, 5, 0], ['2026-02', 5, 10, 0.5]]);
    expect(body.points[1].sentiment).toBeCloseTo(-0.6, 3);
    expect(body.points[1].score.value).toBe(-100);
    expect(body.points[0].score.value).toBeNull();
  });

  it('flags a theme first seen in the latest window as new (not emerging: z = 1.94 < 2.58)', async () => {
    const body = await get('/v1/trends?interval=month');
    expect(body.window).toEqual({ first: '2026-02', last: '2026-02' });
    expect(body.emerging).toHaveLength(1);
    // window 5/10 vs history 0/5; pooled p = 1/3; z = 0.5 / sqrt(1/3 * 2/3 * (1/10 + 1/5)) = 1.936
    expect(body.emerging[0]).toMatchObject({ id: 'delivery-speed', windowCount: 5, historyCount: 0, isNew: true, emerging: false });
    expect(body.emerging[0].z).toBeCloseTo(1.936, 2);
  });

  it('fills empty weeks between the first and the last record', async () => {
    const body = await get('/v1/trends?interval=week');
    expect(body.points.map((point: { period: string }) => point.period)).toEqual(['2026-W02', '2026-W03', '2026-W04', '2026-W05', '2026-W06', '2026-W07']);
    expect(body.points[2].volume).toBe(0);
  });

  it.each([['interval=year'], ['metric=x'], ['windowPeriods=0']])('rejects %s with 400', async (query) => {
    expect((await get<{ error: { code: string } }>(`/v1/trends?${query}`, 400)).error.code).toBe('VERBATIM_E_VALIDATION');
  });
});
