import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../src/errors.js';
import { normalizeFeedbackRecord, openSqliteStore, type FeedbackRecord } from '../../src/store/index.js';
import { record } from './fixtures.js';

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof VerbatimError ? error.code : `not a VerbatimError: ${String(error)}`;
  }
}

const valid = record('ok');

describe('normalizeFeedbackRecord rejects bad records', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['missing id', { id: undefined }, 'id'],
    ['numeric id', { id: 42 }, 'id'],
    ['empty id', { id: '' }, 'id'],
    ['id too long', { id: 'x'.repeat(201) }, 'id'],
    ['text not a string', { text: null }, 'text'],
    ['missing date', { date: undefined }, 'date'],
    ['impossible day', { date: '2026-02-30' }, 'date'],
    ['not ISO', { date: '03/01/2026' }, 'date'],
    ['loose JavaScript date', { date: 'March 1, 2026' }, 'date'],
    ['hour 24', { date: '2026-03-01T24:00:00Z' }, 'date'],
    ['score without scoreType', { score: 7 }, 'scoreType'],
    ['unknown scoreType', { score: 7, scoreType: 'stars' }, 'scoreType'],
    ['NPS above 10', { score: 11, scoreType: 'nps' }, 'score'],
    ['CSAT 0', { score: 0, scoreType: 'csat' }, 'score'],
    ['CES 8', { score: 8, scoreType: 'ces' }, 'score'],
    ['fractional score', { score: 7.5, scoreType: 'nps' }, 'score'],
    ['score as a string', { score: '9', scoreType: 'nps' }, 'score'],
    ['negative revenue', { revenue: -1 }, 'revenue'],
    ['infinite revenue', { revenue: Number.POSITIVE_INFINITY }, 'revenue'],
    ['metadata array', { metadata: [1] }, 'metadata'],
    ['segment number', { segment: 3 }, 'segment'],
    ['empty channel', { channel: '' }, 'channel'],
    ['result missing', { result: undefined }, 'result'],
    ['result sentiment out of range', { result: { ...valid.result, sentiment: { label: 'positive', score: 2, confidence: 1 } } }, 'result.sentiment.score'],
  ])('%s', (_name, change, field) => {
    const bad = { ...valid, ...change } as unknown as FeedbackRecord;
    let thrown: unknown;
    try {
      normalizeFeedbackRecord(bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VerbatimError);
    expect((thrown as VerbatimError).code).toBe('VERBATIM_E_INVALID_FEEDBACK');
    expect((thrown as VerbatimError).status).toBe(400);
    expect((thrown as VerbatimError).message).toContain(`field "${field}"`);
  });

  it('rejects a record that is not an object', () => {
    expect(codeOf(() => normalizeFeedbackRecord(null as unknown as FeedbackRecord))).toBe('VERBATIM_E_INVALID_FEEDBACK');
  });
});

describe('normalizeFeedbackRecord accepts and normalizes', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a bare date as UTC midnight', { date: '2026-03-01' }, { date: '2026-03-01T00:00:00.000Z' }],
    ['a zoned date-time converted to UTC', { date: '2026-03-01T01:30:00+02:00' }, { date: '2026-02-28T23:30:00.000Z' }],
    ['an unzoned date-time read as UTC', { date: '2026-03-01T10:15' }, { date: '2026-03-01T10:15:00.000Z' }],
    ['a leap day', { date: '2028-02-29' }, { date: '2028-02-29T00:00:00.000Z' }],
    ['NPS band', { score: 6, scoreType: 'nps' }, { scoreBand: 'detractor' }],
    ['CSAT band', { score: 4, scoreType: 'csat' }, { scoreBand: 'promoter' }],
    ['CES band', { score: 4, scoreType: 'ces' }, { scoreBand: 'passive' }],
    ['scoreType without a score', { scoreType: 'nps' }, { score: null, scoreType: 'nps', scoreBand: null }],
    ['absent optional fields as null', {}, { segment: null, channel: null, accountId: null, revenue: null, metadata: {} }],
  ])('%s', (_name, change, expected) => {
    expect(normalizeFeedbackRecord({ ...valid, ...change } as FeedbackRecord)).toMatchObject(expected);
  });
});

describe('store query validation', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['unknown stage', { stage: 'shipping' }, {}],
    ['unknown sentiment', { sentiment: 'angry' }, {}],
    ['unknown score band', { scoreBand: 'fan' }, {}],
    ['malformed from', { from: 'yesterday' }, {}],
    ['impossible to', { to: '2026-13-01' }, {}],
    ['theme not a string', { theme: 5 }, {}],
    ['limit zero', {}, { limit: 0 }],
    ['limit above the maximum', {}, { limit: 501 }],
    ['fractional limit', {}, { limit: 2.5 }],
    ['garbage cursor', {}, { cursor: 'not-a-cursor' }],
    ['cursor with bad characters', {}, { cursor: '{"v":1}' }],
    ['cursor with a bad date', {}, { cursor: Buffer.from(JSON.stringify({ v: 1, d: 'x', i: 'a' })).toString('base64url') }],
  ])('%s is VERBATIM_E_INVALID_QUERY', async (_name, filter, page) => {
    const store = await openSqliteStore(':memory:');
    try {
      await expect(store.listFeedback(filter, page)).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_QUERY', status: 400 });
    } finally {
      await store.close();
    }
  });
});
