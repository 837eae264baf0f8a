/**
 * The analytics aggregates every implementation must honour: on the same seeded records, the
 * SQL path (analytics-reports.ts) gives what the per-record metric functions give on
 * store.facts(), for every grouping, driver level, trend scope and a set of filters; and again
 * after re-ingests and re-tags have moved records between rollup cells (rollup-writes.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDrivers, computeMetric, detectEmerging, groupMetric, trend, type GroupDimension, type ScoreType } from '../../../src/metrics/index.js';
import { driverAnalysis, groupedMetric, overallMetric, trendReport, type FeedbackFilter, type FeedbackStore } from '../../../src/store/index.js';
import { writeRollupScenario } from '../rollup-scenario.js';
import { SYNTHETIC_THEMES, syntheticRecords } from '../synthetic-records.js';
import type { StoreFactory } from './store-contract.js';

/** Records seeded: enough for relative importance over a dozen drivers, small enough for a quick test. */
const RECORD_COUNT = 900;

const FILTERS: [string, FeedbackFilter][] = [
  ['everything', {}],
  ['a segment', { segment: 'smb' }],
  ['a date range', { from: '2025-03-01', to: '2025-06-30' }],
  ['a range with partial months', { from: '2025-01-15', to: '2025-03-10' }],
  ['days within one month', { from: '2025-02-03', to: '2025-02-20T23:59:59.999Z' }],
  ['an open start to mid-month', { to: '2025-02-14' }],
  ['a bound inside a day', { from: '2025-02-01T12:00:00Z', segment: 'enterprise' }],
  ['a theme', { theme: SYNTHETIC_THEMES[0]!.id }],
  ['a stage and a channel', { stage: 'delivery', channel: 'email' }],
  // A record counts when it mentions the theme and any theme of the other stage (not the theme's own row in it).
  ['a theme and another stage', { theme: SYNTHETIC_THEMES[0]!.id, stage: 'billing', segment: 'smb' }],
  ['a language', { language: 'fr' }],
  ['nothing matches', { segment: 'nobody' }],
];

/**
 * Deep equality where numbers may differ by rounding (sums taken in another order): relative
 * or absolute difference below 1e-9.
 */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance)) expect.fail(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, index) => expectClose((actual as unknown[])[index], item, `${path}[${index}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const keys = (value: object) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
    expect(keys(actual as object), `${path} keys`).toEqual(keys(expected));
    for (const key of keys(expected)) expectClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** Overall and every grouped metric of each scale over one filter, compared with the per-record functions; returns the facts. */
async function expectMetricsMatch(store: FeedbackStore, filter: FeedbackFilter): Promise<Awaited<ReturnType<FeedbackStore['facts']>>> {
  const facts = await store.facts(filter);
  for (const metric of ['nps', 'csat', 'ces'] as ScoreType[]) {
    expectClose(await overallMetric(store, filter, metric), { ...computeMetric(facts, metric), volume: facts.length });
    for (const by of ['theme', 'stage', 'segment', 'channel', 'language'] as GroupDimension[]) {
      expectClose(await groupedMetric(store, filter, { metric, by }), groupMetric(facts, { metric, by }));
    }
    for (const interval of ['day', 'week', 'month'] as const) {
      expectClose(await groupedMetric(store, filter, { metric, by: 'period', interval }), groupMetric(facts, { metric, by: 'period', interval }));
    }
  }
  return facts;
}

/** Every metric grouping, both driver levels and the trend scopes over one filter, compared with the per-record functions. */
async function expectAnalyticsMatch(store: FeedbackStore, filter: FeedbackFilter, options: { sentiment: boolean }): Promise<void> {
  const facts = await expectMetricsMatch(store, filter);
  for (const metric of ['nps', 'csat'] as ScoreType[]) {
    for (const level of ['theme', 'stage'] as const) {
      for (const includeSentiment of options.sentiment ? [false, true] : [false]) {
        const driverOptions = { metric, level, includeSentiment };
        expectClose(await driverAnalysis(store, filter, driverOptions), analyzeDrivers(facts, driverOptions));
      }
    }
  }
  for (const scope of [{ interval: 'week' }, { interval: 'month', theme: SYNTHETIC_THEMES[1]!.id }, { interval: 'day', stage: 'delivery' }] as const) {
    const report = await trendReport(store, filter, { metric: 'nps', ...scope });
    expectClose(report.series, trend(facts, { metric: 'nps', ...scope }));
    expectClose(report.emerging, detectEmerging(facts, { interval: scope.interval }));
  }
}

/** The dashboard reads over a filter, counted again from its facts. */
async function expectDashboardMatch(store: FeedbackStore, filter: FeedbackFilter): Promise<void> {
  const facts = await store.facts(filter);
  const counted = (values: (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].map(([value, count]) => ({ value, count })).sort((left, right) => right.count - left.count || (left.value < right.value ? -1 : 1));
  };
  const dates = facts.map((fact) => fact.date).sort();
  expect(await store.feedbackFacets(filter)).toEqual({
    total: facts.length,
    first: dates[0] ?? null,
    last: dates[dates.length - 1] ?? null,
    segments: counted(facts.map((fact) => fact.segment)),
    channels: counted(facts.map((fact) => fact.channel)),
    scoreTypes: counted(facts.map((fact) => fact.scoreType)),
  });
  const themes = new Map<string, { themeId: string; label: string; stage: string; count: number; sum: number }>();
  const days = new Map<string, number>();
  for (const fact of facts) {
    for (const theme of fact.themes) {
      const entry = themes.get(theme.id) ?? { themeId: theme.id, label: theme.label ?? '', stage: theme.stage, count: 0, sum: 0 };
      entry.count += 1;
      entry.sum += theme.sentimentScore;
      themes.set(theme.id, entry);
      const key = `${theme.id} ${fact.date.slice(0, 10)}`;
      days.set(key, (days.get(key) ?? 0) + 1);
    }
  }
  const expectedThemes = [...themes.values()]
    .sort((left, right) => right.count - left.count || (left.themeId < right.themeId ? -1 : 1))
    .map(({ sum, ...theme }) => ({ ...theme, meanSentiment: sum / theme.count }));
  expectClose(await store.countByTheme(filter), expectedThemes);
  const expectedDays = [...days].sort(([left], [right]) => (left < right ? -1 : 1)).map(([key, count]) => ({ themeId: key.split(' ')[0], day: key.split(' ')[1], count }));
  expect(await store.themeDayCounts(filter)).toEqual(expectedDays);
}

/** Registers the analytics equivalence tests for one store implementation. */
export function describeAnalyticsContract(factory: StoreFactory): void {
  describe('analytics still match after re-ingest and re-tag', () => {
    let store: FeedbackStore;
    beforeAll(async () => {
      store = await factory.fresh();
      await writeRollupScenario(store, 600);
    });
    afterAll(async () => factory.release());

    it.each<[string, FeedbackFilter]>([
      ['everything', {}],
      ['a segment and a channel', { segment: 'smb', channel: 'chat' }],
      ['a range with partial months', { from: '2025-01-20', to: '2025-03-31' }],
      ['a bound inside a day', { to: '2025-03-01T08:00:00Z' }],
    ])('over %s', async (_name, filter) => {
      await expectAnalyticsMatch(store, filter, { sentiment: true });
      await expectDashboardMatch(store, filter);
    });
  });

  describe('analytics aggregates match the per-record functions', () => {
    let store: FeedbackStore;
    beforeAll(async () => {
      store = await factory.fresh();
      await store.upsertFeedback(syntheticRecords(0, RECORD_COUNT, { seed: 11, days: 120 }));
    });
    afterAll(async () => factory.release());

    it.each(FILTERS)('metrics overall and grouped, over %s', async (_name, filter) => {
      await expectMetricsMatch(store, filter);
    });

    it.each(FILTERS)('drivers per theme and stage, with and without sentiment, over %s', async (_name, filter) => {
      const facts = await store.facts(filter);
      for (const metric of ['nps', 'csat'] as ScoreType[]) {
        for (const level of ['theme', 'stage'] as const) {
          for (const includeSentiment of [false, true]) {
            const options = { metric, level, includeSentiment };
            expectClose(await driverAnalysis(store, filter, options), analyzeDrivers(facts, options));
          }
        }
      }
    });

    it('drivers estimate relative importance for most themes on the full set', async () => {
      const analysis = await driverAnalysis(store, {}, { metric: 'nps', level: 'theme' });
      expect(analysis.rSquared).toBeGreaterThan(0);
      expect(analysis.drivers.filter((driver) => driver.relativeImportance !== null).length).toBeGreaterThan(10);
    });

    type Scope = { interval: 'day' | 'week' | 'month'; theme?: string; stage?: string; windowPeriods?: number };
    it.each<[string, Scope]>([
      ['all feedback by week', { interval: 'week' }],
      ['a theme by month', { interval: 'month', theme: SYNTHETIC_THEMES[2]!.id }],
      ['a stage by day, 4-period window', { interval: 'day', stage: 'billing', windowPeriods: 4 }],
      ['a theme within its stage by week', { interval: 'week', theme: SYNTHETIC_THEMES[6]!.id, stage: SYNTHETIC_THEMES[6]!.stage }],
    ])('trends and emerging themes: %s', async (_name, scope) => {
      for (const filter of [{}, { segment: 'consumer', from: '2025-02-01' }, { channel: 'nowhere' }] as FeedbackFilter[]) {
        const facts = await store.facts(filter);
        const report = await trendReport(store, filter, { metric: 'nps', ...scope });
        expectClose(report.series, trend(facts, { metric: 'nps', ...scope }));
        expectClose(report.emerging, detectEmerging(facts, { interval: scope.interval, windowPeriods: scope.windowPeriods }));
      }
    });
  });
}
