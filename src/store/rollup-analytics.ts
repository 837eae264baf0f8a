/**
 * The AnalyticsStore over the write-time rollups (rollup-writes.ts): each method reads the
 * slice of a filter (rollup-slice.ts), a few thousand rows whatever the number of records, and
 * folds it into the same aggregates as the SQL over records (analytics-sql.ts), which still
 * answers the filters rollups cannot (theme, stage, text, a date bound inside a day).
 */
import type { DriverLevel, SentimentMix } from '../metrics/drivers.js';
import {
  addToHistogram,
  pairKey,
  type DriverAggregate,
  type DriverPairMoments,
  type DriverSingleMoments,
  type GroupAggregate,
  type ThemeWindowCount,
} from '../metrics/index.js';
import type { ScoreType } from '../metrics/types.js';
import { addIdSet, emptyMoments, trendDayTable, type QueryRunner } from './analytics-sql.js';
import type { AnalyticsStore } from './analytics-store.js';
import { addDays, keyValue, narrowSlice, rollupSliceOf, sliceCondition, type RollupSlice, type SqlPart } from './rollup-slice.js';
import { MISSING_KEY, ROLLUP_SCORES, SCORE_COLUMNS } from './rollup-writes.js';

type Row = Record<string, unknown>;

const SUMMED_SCORES = SCORE_COLUMNS.map((column) => `SUM(r.${column}) AS ${column}`).join(', ');
const SENTIMENT_LABELS = ['positive', 'negative', 'neutral', 'mixed'] as const;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Adds a row's histogram columns to `scores` when the row's scale is the metric. */
function addScores(scores: Map<number, number>, row: Row, metric: ScoreType): void {
  if (row.score_type_key !== metric) return;
  for (const score of ROLLUP_SCORES) {
    const count = num(row[`s${score}`]);
    if (count !== 0) addToHistogram(scores, score, count);
  }
}

/** Rows (`group_key`, `score_type_key`, `n`, s0..s10, optional label and stage) folded per group; undefined keys are ungrouped. */
function foldRows(rows: readonly Row[], metric: ScoreType, keyOf: (row: Row) => string | undefined): { groups: GroupAggregate[]; ungrouped: number } {
  const groups = new Map<string, GroupAggregate>();
  let ungrouped = 0;
  for (const row of rows) {
    const count = num(row.n);
    if (count === 0) continue;
    const key = keyOf(row);
    if (key === undefined) {
      ungrouped += count;
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, volume: 0, scores: new Map<number, number>() };
      groups.set(key, group);
    }
    const label = row.label === null || row.label === undefined ? undefined : String(row.label);
    const stage = row.stage === null || row.stage === undefined ? undefined : String(row.stage);
    if (label !== undefined && (group.label === undefined || label < group.label)) group.label = label;
    if (stage !== undefined && (group.stage === undefined || stage < group.stage)) group.stage = stage;
    group.volume += count;
    addScores(group.scores as Map<number, number>, row, metric);
  }
  return { groups: [...groups.values()].filter((group) => group.volume > 0), ungrouped };
}

/** A driver level's names: theme rows carry a label and stage (the smallest of rows still counted). */
function namesOf(level: DriverLevel): string {
  return level === 'theme' ? 'MIN(CASE WHEN r.n > 0 THEN r.label END) AS label, MIN(CASE WHEN r.n > 0 THEN r.stage END) AS stage, ' : '';
}

/**
 * The sentiment sums of the regression from summed `rollup_pairs` rows (`driver`, `other`, `n`,
 * `s`, `product`, `sy`): a driver paired with itself gives its own sums, other pairs the
 * left sentiment sum and the cross-product of a pair already counted by addIdSet.
 */
function addPairSentiment(moments: DriverPairMoments, single: (id: string) => DriverSingleMoments, rows: readonly Row[]): void {
  for (const row of rows) {
    if (num(row.n) === 0) continue;
    const [left, right] = [String(row.driver), String(row.other)];
    if (left === right) {
      const entry = single(left);
      entry.sentimentSum = num(row.s);
      entry.sentimentSquares = num(row.product);
      entry.sentimentOutcome = num(row.sy);
      continue;
    }
    const pair = moments.pairs.get(pairKey(left, right));
    if (pair) {
      pair.leftSentimentSum = num(row.s);
      pair.sentimentProduct = num(row.product);
    }
  }
}

/**
 * The analytics methods over rollups, falling back to `records` (the SQL over stored rows) for
 * what rollups cannot answer.
 * @example createRollupAnalytics(run, createSqlAnalytics(run, conditions))
 */
export function createRollupAnalytics(run: QueryRunner, records: AnalyticsStore): AnalyticsStore {
  const within = (part: SqlPart, sql: (where: string) => string, extra: unknown[] = []) => run(sql(part.sql), [...extra, ...part.params]);

  const scoreAggregates: AnalyticsStore['scoreAggregates'] = async (filter, options) => {
    const slice = rollupSliceOf(filter);
    // Rollup cells are per segment and channel, not language: a language split reads the records.
    if (slice === null || options.by === 'language') return records.scoreAggregates(filter, options);
    const { metric, by } = options;
    if (by === 'theme' || by === 'stage') {
      const [rows, [untagged]] = await Promise.all([
        within(
          sliceCondition(slice, 'mixed'),
          (where) => `SELECT r.driver AS group_key, ${namesOf(by)}r.score_type_key, SUM(r.n) AS n, ${SUMMED_SCORES}
            FROM rollup_drivers r WHERE r.level = ? AND ${where} GROUP BY r.driver, r.score_type_key`,
          [by],
        ),
        within(sliceCondition(slice, 'mixed'), (where) => `SELECT SUM(r.untagged) AS n FROM rollup_records r WHERE ${where}`),
      ]);
      return { groups: foldRows(rows, metric, (row) => String(row.group_key)).groups, ungrouped: num(untagged?.n) };
    }
    const grouped = by === 'segment' || by === 'channel' ? by : null;
    const key = grouped !== null ? `r.${grouped}_key` : by === 'day' ? 'r.bucket' : `''`;
    const rows = await within(
      sliceCondition(slice, by === 'day' ? 'day' : 'mixed', grouped),
      (where) => `SELECT ${key} AS group_key, r.score_type_key, SUM(r.n) AS n, ${SUMMED_SCORES} FROM rollup_records r WHERE ${where} GROUP BY 1, 2`,
    );
    const { groups, ungrouped } = foldRows(rows, metric, (row) => (grouped !== null ? keyValue(row.group_key) : String(row.group_key)));
    return { groups, ungrouped };
  };

  return {
    scoreAggregates,

    async driverAggregates(filter, options) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.driverAggregates(filter, options);
      const { metric, level } = options;
      const part = sliceCondition(slice, 'mixed');
      const labels = SENTIMENT_LABELS.map((label) => `SUM(r.${label}) AS ${label}`).join(', ');
      const [overall, [revenuePresent], rows, revenue] = await Promise.all([
        scoreAggregates(filter, { metric, by: 'all' }),
        within(part, (where) => `SELECT SUM(r.with_revenue) AS n FROM rollup_records r WHERE ${where}`),
        within(
          part,
          (where) => `SELECT r.driver AS group_key, ${namesOf(level)}r.score_type_key, SUM(r.n) AS n, ${SUMMED_SCORES}, ${labels}
            FROM rollup_drivers r WHERE r.level = ? AND ${where} GROUP BY r.driver, r.score_type_key`,
          [level],
        ),
        // Revenue at risk: per account its largest detractor revenue over the slice's cells; records without one summed.
        within(
          part,
          (where) => `SELECT driver, SUM(amount) AS revenue FROM (
              SELECT r.driver, CASE WHEN r.account_key = '${MISSING_KEY}' THEN SUM(r.total) ELSE MAX(r.top) END AS amount
              FROM rollup_revenue r WHERE r.level = ? AND r.score_type_key = ? AND r.n > 0 AND ${where} GROUP BY r.driver, r.account_key) a
            GROUP BY driver`,
          [level, metric],
        ),
      ]);
      const [total] = overall.groups;
      const drivers = new Map<string, DriverAggregate>();
      for (const { key: id, ...group } of foldRows(rows, metric, (row) => String(row.group_key)).groups) {
        drivers.set(id, { id, ...group, sentiment: { positive: 0, negative: 0, neutral: 0, mixed: 0 }, revenueAtRisk: 0 });
      }
      for (const row of rows) {
        const driver = drivers.get(String(row.group_key));
        if (driver) for (const label of SENTIMENT_LABELS) (driver.sentiment as SentimentMix)[label] += num(row[label]);
      }
      for (const row of revenue) {
        const driver = drivers.get(String(row.driver));
        if (driver) driver.revenueAtRisk = num(row.revenue);
      }
      return { volume: total?.volume ?? 0, scores: total?.scores ?? new Map(), hasRevenue: num(revenuePresent?.n) > 0, drivers: [...drivers.values()] };
    },

    async driverMoments(filter, options) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.driverMoments(filter, options);
      const { metric, level, drivers, includeSentiment } = options;
      const part = sliceCondition(slice, 'mixed');
      const sentiment = includeSentiment === true && drivers.length > 0;
      const chosenIds = drivers.map(() => '?').join(', ');
      const [rows, pairs] = await Promise.all([
        within(
          part,
          (where) => `SELECT r.id_set, ${SUMMED_SCORES} FROM rollup_sets r WHERE r.level = ? AND r.score_type_key = ? AND ${where} GROUP BY r.id_set`,
          [level, metric],
        ),
        sentiment
          ? within(
              part,
              (where) => `SELECT r.driver, r.other, SUM(r.n) AS n, SUM(r.sentiment_sum) AS s, SUM(r.product) AS product, SUM(r.outcome_product) AS sy
                FROM rollup_pairs r WHERE r.level = ? AND r.score_type_key = ? AND r.driver IN (${chosenIds}) AND r.other IN (${chosenIds}) AND ${where}
                GROUP BY r.driver, r.other`,
              [level, metric, ...drivers, ...drivers],
            )
          : Promise.resolve([]),
      ]);
      const { moments, single } = emptyMoments();
      const chosen = new Set(drivers);
      for (const row of rows) {
        for (const score of ROLLUP_SCORES) {
          const count = num(row[`s${score}`]);
          if (count !== 0) addIdSet(moments, single, chosen, String(row.id_set), score, count);
        }
      }
      addPairSentiment(moments, single, pairs);
      return moments;
    },

    async trendDays(filter, options) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.trendDays(filter, options);
      const { metric, theme, stage } = options;
      const days = trendDayTable();
      const dayOf = days.dayOf;
      const add = (row: Row, total: boolean): void => {
        const entry = days.add(row, total);
        if (entry !== null) addScores(entry.scores as Map<number, number>, row, metric);
      };
      const part = sliceCondition(slice, 'day');
      const daily = within(
        part,
        (where) => `SELECT r.bucket AS day, r.score_type_key, SUM(r.n) AS n, ${SUMMED_SCORES}, SUM(r.sentiment_sum) AS sentiment
          FROM rollup_records r WHERE ${where} GROUP BY r.bucket, r.score_type_key`,
      );
      const byTheme = theme !== undefined && theme !== '';
      if (!byTheme && stage === undefined) {
        for (const row of await daily) add(row, true);
        return days.list();
      }
      // The scope's rows: its theme's (within `stage` when both are given), or the stage's.
      const scope = byTheme ? { level: 'theme', driver: theme, stage: stage ?? null } : { level: 'stage', driver: stage!, stage: null };
      const [all, rows] = await Promise.all([
        daily,
        within(
          part,
          (where) => `SELECT r.bucket AS day, r.score_type_key, SUM(r.n) AS n, ${SUMMED_SCORES}, SUM(r.sentiment_sum) AS sentiment
            FROM rollup_drivers r WHERE r.level = ? AND r.driver = ?${scope.stage !== null ? ' AND r.stage = ?' : ''} AND ${where}
            GROUP BY r.bucket, r.score_type_key`,
          [scope.level, scope.driver, ...(scope.stage !== null ? [scope.stage] : [])],
        ),
      ]);
      for (const row of all) if (num(row.n) !== 0) dayOf(String(row.day)).total += num(row.n);
      for (const row of rows) add(row, false);
      return days.list();
    },

    async themeWindowCounts(filter, window) {
      const slice = rollupSliceOf(filter);
      const midnight = (iso: string) => iso.endsWith('T00:00:00.000Z');
      if (slice === null || !midnight(window.from) || !midnight(window.to)) return records.themeWindowCounts(filter, window);
      const fromDay = window.from.slice(0, 10);
      const counts = (part: RollupSlice) =>
        within(
          sliceCondition(part, 'mixed'),
          (where) => `SELECT r.driver AS id, ${namesOf('theme')}SUM(r.n) AS n FROM rollup_drivers r WHERE r.level = 'theme' AND ${where} GROUP BY r.driver`,
        );
      const [history, inWindow] = await Promise.all([
        counts(narrowSlice(slice, null, addDays(fromDay, -1))),
        counts(narrowSlice(slice, fromDay, addDays(window.to.slice(0, 10), -1))),
      ]);
      const themes = new Map<string, ThemeWindowCount>();
      const addRows = (rows: Row[], field: 'windowCount' | 'historyCount') => {
        for (const row of rows) {
          const count = num(row.n);
          if (count === 0) continue;
          const id = String(row.id);
          const entry = themes.get(id) ?? { id, windowCount: 0, historyCount: 0 };
          entry[field] += count;
          for (const name of ['label', 'stage'] as const) {
            const value = row[name] === null || row[name] === undefined ? undefined : String(row[name]);
            if (value !== undefined && (entry[name] === undefined || value < entry[name]!)) entry[name] = value;
          }
          themes.set(id, entry);
        }
      };
      addRows(history, 'historyCount');
      addRows(inWindow, 'windowCount');
      return [...themes.values()];
    },
  };
}
