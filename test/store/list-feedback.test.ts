import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type FeedbackFilter, type FeedbackStore } from '../../src/store/index.js';
import { record, temporaryDatabase } from './fixtures.js';

const database = temporaryDatabase();
let store: FeedbackStore;

// Eight hand-built records; each filter below picks a known subset.
const RECORDS = [
  record('n1', { text: 'The courier was two days late', date: '2026-01-05', score: 2, scoreType: 'nps', segment: 'consumer', channel: 'survey', sentiment: -0.6, themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.6 }] }),
  record('n2', { text: 'Delivery was quick, lovely packaging', date: '2026-01-20T18:00:00Z', score: 9, scoreType: 'nps', segment: 'smb', channel: 'email', sentiment: 0.7, themes: [{ id: 'delivery-speed', stage: 'delivery', score: 0.7 }] }),
  record('n3', { text: 'Fine, but the app keeps crashing', date: '2026-02-01', score: 8, scoreType: 'nps', segment: 'smb', channel: 'survey', sentiment: -0.2, themes: [{ id: 'app-crash', stage: 'product', score: -0.6 }] }),
  record('c1', { text: 'The dress runs small, wrong size for me', date: '2026-02-14', score: 2, scoreType: 'csat', segment: 'consumer', channel: 'app-review', sentiment: -0.4, themes: [{ id: 'sizing', stage: 'product', score: -0.4 }] }),
  record('c2', { text: 'Great fabric and the café-style collar', date: '2026-02-28T23:59:59Z', score: 5, scoreType: 'csat', segment: 'consumer', channel: 'app-review', sentiment: 0.8, themes: [{ id: 'quality', stage: 'product', score: 0.8 }] }),
  record('c3', { text: 'It is ok', date: '2026-03-01', score: 3, scoreType: 'csat', channel: 'survey', sentiment: 0 }),
  record('e1', { text: 'Getting a refund took five calls to support', date: '2026-03-10', score: 2, scoreType: 'ces', segment: 'enterprise', channel: 'email', sentiment: -0.7, themes: [{ id: 'refund', stage: 'billing', score: -0.7 }, { id: 'support-wait', stage: 'support', score: -0.6 }] }),
  record('x1', { text: 'Where can I change my billing address?', date: '2026-03-10', segment: 'enterprise', sentiment: 0 }),
];

beforeAll(async () => {
  store = await openSqliteStore(database.file);
  await store.upsertFeedback(RECORDS);
});

afterAll(async () => {
  await store.close();
  database.cleanup();
});

async function idsOf(filter: FeedbackFilter): Promise<string[]> {
  const page = await store.listFeedback(filter, { limit: 100 });
  return page.items.map((item) => item.id);
}

describe('listFeedback filters', () => {
  it.each<[string, FeedbackFilter, string[]]>([
    ['no filter: newest first, ties by id descending', {}, ['x1', 'e1', 'c3', 'c2', 'c1', 'n3', 'n2', 'n1']],
    ['theme', { theme: 'delivery-speed' }, ['n2', 'n1']],
    ['stage', { stage: 'product' }, ['c2', 'c1', 'n3']],
    ['stage of a second theme', { stage: 'support' }, ['e1']],
    ['sentiment label', { sentiment: 'neutral' }, ['x1', 'c3']],
    ['segment', { segment: 'smb' }, ['n3', 'n2']],
    ['channel', { channel: 'app-review' }, ['c2', 'c1']],
    ['score type', { scoreType: 'ces' }, ['e1']],
    ['NPS promoters (9-10)', { scoreType: 'nps', scoreBand: 'promoter' }, ['n2']],
    ['NPS passives (7-8)', { scoreType: 'nps', scoreBand: 'passive' }, ['n3']],
    ['detractors on every scale', { scoreBand: 'detractor' }, ['e1', 'c1', 'n1']],
    ['CSAT 3 is passive', { scoreType: 'csat', scoreBand: 'passive' }, ['c3']],
    ['from (inclusive)', { from: '2026-03-01' }, ['x1', 'e1', 'c3']],
    ['to as a date includes the whole day', { to: '2026-02-28' }, ['c2', 'c1', 'n3', 'n2', 'n1']],
    ['to as a date-time is inclusive to the instant', { to: '2026-01-20T18:00:00Z' }, ['n2', 'n1']],
    ['date range', { from: '2026-01-10', to: '2026-02-01' }, ['n3', 'n2']],
    ['filters combine with AND', { segment: 'consumer', scoreBand: 'detractor' }, ['c1', 'n1']],
    ['empty strings count as absent', { theme: '', segment: '' }, ['x1', 'e1', 'c3', 'c2', 'c1', 'n3', 'n2', 'n1']],
    ['unknown theme matches nothing', { theme: 'no-such-theme' }, []],
  ])('%s', async (_name, filter, expected) => {
    expect(await idsOf(filter)).toEqual(expected);
    expect(await store.countFeedback(filter)).toBe(expected.length);
    expect((await store.facts(filter)).map((fact) => fact.id).sort()).toEqual([...expected].sort());
  });
});

describe('listFeedback full-text query', () => {
  it.each<[string, string, string[]]>([
    ['one word', 'courier', ['n1']],
    ['stemmed: "crash" finds "crashing"', 'crash', ['n3']],
    ['case-insensitive', 'REFUND', ['e1']],
    ['accent-insensitive', 'cafe', ['c2']],
    ['all words must occur', 'delivery quick', ['n2']],
    ['all words must occur (no match)', 'delivery late', []],
    ['quoted phrase', '"wrong size"', ['c1']],
    ['quoted phrase out of order does not match', '"size wrong"', []],
    ['FTS5 operators are read as words', 'courier OR refund', []],
    ['punctuation and stray quotes are harmless', 'app" -crash*', ['n3']],
    ['a query with no words filters nothing', '?!', ['x1', 'e1', 'c3', 'c2', 'c1', 'n3', 'n2', 'n1']],
  ])('%s', async (_name, query, expected) => {
    expect(await idsOf({ query })).toEqual(expected);
  });

  it('combines with other filters', async () => {
    expect(await idsOf({ query: 'delivery', sentiment: 'positive' })).toEqual(['n2']);
  });
});

describe('listFeedback items', () => {
  it('carry the stored analysis with evidence spans, and the score band', async () => {
    const [item] = (await store.listFeedback({ theme: 'sizing' })).items;
    expect(item).toMatchObject({ id: 'c1', score: 2, scoreType: 'csat', scoreBand: 'detractor', segment: 'consumer', metadata: {} });
    expect(item!.result.themes[0]).toMatchObject({ id: 'sizing', evidence: [{ start: 0, end: 4 }] });
  });
});

describe('listFeedback cursor pagination', () => {
  it.each([1, 2, 3, 7, 8, 50])('walks every row exactly once with pages of %i', async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listFeedback({}, { limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(seen).toEqual(['x1', 'e1', 'c3', 'c2', 'c1', 'n3', 'n2', 'n1']);
    expect(pages).toBe(Math.max(1, Math.ceil(8 / limit)));
  });

  it('keeps the filter across pages', async () => {
    const first = await store.listFeedback({ stage: 'product' }, { limit: 2 });
    const second = await store.listFeedback({ stage: 'product' }, { limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(['c2', 'c1', 'n3']);
    expect(second.nextCursor).toBeNull();
  });

  it('does not repeat rows when a newer record arrives between pages', async () => {
    const first = await store.listFeedback({ channel: 'survey' }, { limit: 1 });
    await store.upsertFeedback([record('new', { date: '2026-12-01', channel: 'survey' })]);
    const rest = await store.listFeedback({ channel: 'survey' }, { limit: 10, cursor: first.nextCursor });
    expect([...first.items, ...rest.items].map((item) => item.id)).toEqual(['c3', 'n3', 'n1']);
  });
});
