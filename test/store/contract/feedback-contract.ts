/**
 * The FeedbackStore record methods every implementation must honour: idempotent upserts,
 * filters, full-text search, keyset pagination, facts and theme counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackFilter, FeedbackStore } from '../../../src/store/index.js';
import { record } from '../fixtures.js';
import type { StoreFactory } from './store-contract.js';

// Eight hand-built records; each filter below picks a known subset.
const RECORDS = [
  record('n1', { text: 'The courier was two days late', date: '2026-01-05', score: 2, scoreType: 'nps', segment: 'consumer', channel: 'survey', sentiment: -0.6, themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.6 }] }),
  record('n2', { text: 'Delivery was quick, lovely packaging', date: '2026-01-20T18:00:00Z', score: 9, scoreType: 'nps', segment: 'smb', channel: 'email', sentiment: 0.7, themes: [{ id: 'delivery-speed', stage: 'delivery', score: 0.7 }] }),
  record('n3', { text: 'Fine, but the app keeps crashing', date: '2026-02-01', score: 8, scoreType: 'nps', segment: 'smb', channel: 'survey', sentiment: -0.2, themes: [{ id: 'app-crash', stage: 'product', score: -0.6 }] }),
  record('c1', { text: 'The dress runs small, wrong size for me', date: '2026-02-14', score: 2, scoreType: 'csat', segment: 'consumer', channel: 'app-review', sentiment: -0.4, themes: [{ id: 'sizing', stage: 'product', score: -0.4 }] }),
  // Stored as read in French (the field is what filters use), so a language filter has a theme mention to keep or drop.
  record('c2', { text: 'Great fabric and the café-style collar', date: '2026-02-28T23:59:59Z', score: 5, scoreType: 'csat', segment: 'consumer', channel: 'app-review', sentiment: 0.8, themes: [{ id: 'quality', stage: 'product', score: 0.8 }], language: 'fr' }),
  record('c3', { text: 'It is ok', date: '2026-03-01', score: 3, scoreType: 'csat', channel: 'survey', sentiment: 0 }),
  record('e1', { text: 'Getting a refund took five calls to support', date: '2026-03-10', score: 2, scoreType: 'ces', segment: 'enterprise', channel: 'email', sentiment: -0.7, themes: [{ id: 'refund', stage: 'billing', score: -0.7 }, { id: 'support-wait', stage: 'support', score: -0.6 }] }),
  record('x1', { text: 'Où puis-je changer mon adresse de facturation ?', date: '2026-03-10', segment: 'enterprise', sentiment: 0, language: 'fr' }),
];
const ALL = ['x1', 'e1', 'c3', 'c2', 'c1', 'n3', 'n2', 'n1'];

/** Registers the record-method tests for one store implementation. */
export function describeFeedbackContract(factory: StoreFactory): void {
  describe('upserts', () => {
    it('upserting the same ids twice yields the same counts, and updates keep createdAt', async () => {
      const store = await factory.fresh();
      const batch = [
        record('a', { themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.5 }] }),
        record('b', { themes: [{ id: 'app-crash', stage: 'product', score: -0.7 }, { id: 'refund', stage: 'billing', score: -0.2 }] }),
        record('c'),
      ];
      expect(await store.upsertFeedback(batch)).toEqual({ inserted: 3, updated: 0 });
      const created = (await store.getFeedback('b'))!.createdAt;
      expect(await store.upsertFeedback(batch)).toEqual({ inserted: 0, updated: 3 });
      expect(await store.countFeedback()).toBe(3);
      expect((await store.countByTheme()).map((count) => count.themeId).sort()).toEqual(['app-crash', 'delivery-speed', 'refund']);
      expect((await store.getFeedback('b'))!.createdAt).toBe(created);
    });

    it('counts a repeated id within one batch once (last write wins)', async () => {
      const store = await factory.fresh();
      expect(await store.upsertFeedback([record('a', { text: 'first' }), record('a', { text: 'second' })])).toEqual({ inserted: 1, updated: 1 });
      expect((await store.getFeedback('a'))?.text).toBe('second');
      expect(await store.countFeedback()).toBe(1);
    });

    it('an update replaces the theme and stage rows and re-indexes the text', async () => {
      const store = await factory.fresh();
      await store.upsertFeedback([record('a', { text: 'parcel arrived broken', themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.5 }, { id: 'refund', stage: 'billing', score: -0.3 }] })]);
      await store.upsertFeedback([record('a', { text: 'refund never came', themes: [{ id: 'app-crash', stage: 'product', score: -0.8 }] })]);
      expect(await store.countByTheme()).toEqual([{ themeId: 'app-crash', label: 'app crash', stage: 'product', count: 1, meanSentiment: -0.8 }]);
      expect(await store.countFeedback({ theme: 'delivery-speed' })).toBe(0);
      expect(await store.countFeedback({ stage: 'billing' })).toBe(0);
      expect(await store.countFeedback({ stage: 'product' })).toBe(1);
      expect(await store.countFeedback({ query: 'parcel' })).toBe(0);
      expect(await store.countFeedback({ query: 'refund' })).toBe(1);
    });

    it('rejects a whole batch when one record is invalid, writing nothing', async () => {
      const store = await factory.fresh();
      await expect(store.upsertFeedback([record('a'), record('b', { date: '2026-02-30' })])).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_FEEDBACK', status: 400 });
      expect(await store.countFeedback()).toBe(0);
    });

    it('returns stored items with evidence spans, and null for an unknown id', async () => {
      const store = await factory.fresh();
      await store.upsertFeedback([record('a', { text: 'The courier was late', metadata: { ticket: 7 }, themes: [{ id: 'delivery-speed', stage: 'delivery', score: -0.6, evidence: [{ start: 4, end: 11 }] }] })]);
      const item = await store.getFeedback('a');
      expect(item).toMatchObject({ id: 'a', date: '2026-03-01T00:00:00.000Z', metadata: { ticket: 7 }, score: null, scoreBand: null });
      expect(item?.result.themes[0]?.evidence).toEqual([{ start: 4, end: 11 }]);
      expect(await store.getFeedback('missing')).toBeNull();
    });
  });

  describe('listings over eight records', () => {
    let store: FeedbackStore;
    beforeAll(async () => {
      store = await factory.fresh();
      await store.upsertFeedback(RECORDS);
    });
    afterAll(async () => factory.release());

    const idsOf = async (filter: FeedbackFilter): Promise<string[]> => (await store.listFeedback(filter, { limit: 100 })).items.map((item) => item.id);

    it.each<[string, FeedbackFilter, string[]]>([
      ['no filter: newest first, ties by id descending', {}, ALL],
      ['theme', { theme: 'delivery-speed' }, ['n2', 'n1']],
      ['stage', { stage: 'product' }, ['c2', 'c1', 'n3']],
      ['sentiment label', { sentiment: 'neutral' }, ['x1', 'c3']],
      ['segment', { segment: 'smb' }, ['n3', 'n2']],
      ['channel', { channel: 'app-review' }, ['c2', 'c1']],
      ['NPS promoters (9-10)', { scoreType: 'nps', scoreBand: 'promoter' }, ['n2']],
      ['detractors on every scale', { scoreBand: 'detractor' }, ['e1', 'c1', 'n1']],
      ['from (inclusive)', { from: '2026-03-01' }, ['x1', 'e1', 'c3']],
      ['to as a date includes the whole day', { to: '2026-02-28' }, ['c2', 'c1', 'n3', 'n2', 'n1']],
      ['to as a date-time is inclusive to the instant', { to: '2026-01-20T18:00:00Z' }, ['n2', 'n1']],
      ['filters combine with AND', { segment: 'consumer', scoreBand: 'detractor' }, ['c1', 'n1']],
      ['empty strings count as absent', { theme: '', segment: '' }, ALL],
      ['unknown theme matches nothing', { theme: 'no-such-theme' }, []],
      ['language', { language: 'fr' }, ['x1', 'c2']],
      ['language combines with the rest', { language: 'en', segment: 'enterprise' }, ['e1']],
    ])('filter: %s', async (_name, filter, expected) => {
      expect(await idsOf(filter)).toEqual(expected);
      expect(await store.countFeedback(filter)).toBe(expected.length);
      expect((await store.facts(filter)).map((fact) => fact.id).sort()).toEqual([...expected].sort());
    });

    it.each<[string, string, string[]]>([
      ['one word', 'courier', ['n1']],
      ['stemmed: "crash" finds "crashing"', 'crash', ['n3']],
      ['case-insensitive', 'REFUND', ['e1']],
      ['accent-insensitive', 'cafe', ['c2']],
      ['all words must occur', 'delivery quick', ['n2']],
      ['all words must occur (no match)', 'delivery late', []],
      ['quoted phrase', '"wrong size"', ['c1']],
      ['quoted phrase out of order does not match', '"size wrong"', []],
      ['operators are read as words', 'courier OR refund', []],
      ['punctuation and stray quotes are harmless', 'app" -crash*', ['n3']],
      ['a query with no words filters nothing', '?!', ALL],
    ])('search: %s', async (_name, query, expected) => {
      expect(await idsOf({ query })).toEqual(expected);
    });

    it.each([1, 3, 8])('walks every row exactly once with pages of %i', async (limit) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<FeedbackStore['listFeedback']>> = await store.listFeedback({}, { limit, cursor });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 20);
      expect(seen).toEqual(ALL);
    });

    it('rejects a bad cursor, limit or filter value with VERBATIM_E_INVALID_QUERY', async () => {
      await expect(store.listFeedback({}, { cursor: 'nonsense!' })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_QUERY' });
      await expect(store.listFeedback({}, { limit: 0 })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_QUERY' });
      await expect(store.countFeedback({ from: 'yesterday' })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_QUERY' });
      await expect(store.countFeedback({ language: 'French' })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_QUERY' });
    });

    it('filters theme mentions by their comment\'s language', async () => {
      expect((await store.countByTheme({ language: 'fr' })).map((count) => [count.themeId, count.count])).toEqual([['quality', 1]]);
      expect((await store.countByTheme({ language: 'en' })).map((count) => count.themeId)).not.toContain('quality');
      expect((await store.getFeedback('x1'))!.result.language).toBe('fr');
    });

    it('returns facts oldest first with their themes', async () => {
      const facts = await store.facts({ segment: 'enterprise' });
      expect(facts.map((fact) => fact.id)).toEqual(['e1', 'x1']);
      expect(facts[0]).toMatchObject({ score: 2, scoreType: 'ces', segment: 'enterprise', churnRisk: 0, revenue: null, sentiment: { label: 'negative', score: -0.7 } });
      expect(facts[0]!.themes.map((theme) => theme.id).sort()).toEqual(['refund', 'support-wait']);
    });

    it('aggregates theme counts most mentioned first', async () => {
      const counts = await store.countByTheme();
      expect(counts[0]).toMatchObject({ themeId: 'delivery-speed', count: 2 });
      expect(counts[0]!.meanSentiment).toBeCloseTo(0.05, 10);
      expect(counts.map((count) => count.themeId).slice(1)).toEqual(['app-crash', 'quality', 'refund', 'sizing', 'support-wait']);
    });

    it.each<FeedbackFilter>([
      { segment: 'consumer' },
      { from: '2026-01-10', to: '2026-02-28' },
      { channel: 'survey', scoreType: 'nps' },
      { theme: 'refund' },
      { stage: 'product' },
      { sentiment: 'negative' },
      { scoreBand: 'detractor' },
      { query: 'delivery' },
      { language: 'fr' },
      { language: 'en', segment: 'consumer' },
    ])('counts themes under filter %j exactly as the records that filter lists', async (filter) => {
      const expected = new Map<string, number>();
      for (const item of (await store.listFeedback(filter, { limit: 100 })).items) {
        for (const theme of item.result.themes) expected.set(theme.id, (expected.get(theme.id) ?? 0) + 1);
      }
      const counts = await store.countByTheme(filter);
      expect(new Map(counts.map((count) => [count.themeId, count.count]))).toEqual(expected);
    });

    it('gives the dashboard facets and theme-day counts', async () => {
      const facets = await store.feedbackFacets({});
      expect(facets).toMatchObject({ total: 8, first: '2026-01-05T00:00:00.000Z', last: '2026-03-10T00:00:00.000Z' });
      expect(facets.segments[0]).toEqual({ value: 'consumer', count: 3 });
      expect(await store.themeDayCounts({ theme: 'delivery-speed' })).toEqual([
        { themeId: 'delivery-speed', day: '2026-01-05', count: 1 },
        { themeId: 'delivery-speed', day: '2026-01-20', count: 1 },
      ]);
    });
  });
}
