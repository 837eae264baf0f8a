/**
 * The analytics half of the store: sufficient statistics (score histograms, sentiment sums,
 * co-mention counts) computed with GROUP BY, so the analyst routes never load every record.
 * The SQL is written once, with `?` placeholders, and runs unchanged on SQLite and PostgreSQL.
 *
 * Shapes that keep it fast (plans in src/store/README.md): queries group by plain columns in
 * the order of a covering index (SQLite then aggregates while scanning, without a sort), score
 * rows of every scale come back and the metric's are picked here, theme and stage aggregates
 * read the mention rows alone (they carry their record's columns, migration 005), and co-mention
 * counts group records by their sorted theme-id set, expanded into pairs here.
 */
import type { DriverLevel } from '../metrics/drivers.js';
import {
  addToHistogram,
  pairKey,
  type AggregateDimension,
  type DriverAggregate,
  type DriverPairMoments,
  type DriverSingleMoments,
  type GroupAggregate,
  type GroupAggregates,
  type TrendDay,
} from '../metrics/index.js';
import { BAND_THRESHOLDS } from '../metrics/score-metrics.js';
import type { SentimentMix } from '../metrics/drivers.js';
import type { ScoreType } from '../metrics/types.js';
import { ID_SET_SEPARATOR } from './analytics-rows.js';
import type { AnalyticsStore } from './analytics-store.js';
import type { SqlCondition } from './filter-sql.js';
import type { FeedbackFilter } from './store.js';

/** Runs one statement with `?` placeholders and returns its rows (numbers as JS numbers). */
export type QueryRunner = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The store's filter builders: over records (`f`) and over mention rows (`t`, null when unsupported). */
export interface AnalyticsConditions {
  records(filter: FeedbackFilter): SqlCondition;
  mentions(filter: FeedbackFilter): SqlCondition | null;
  /**
   * The records as the language grouping reads them ('feedback f' when absent). SQLite's planner
   * takes a date or segment index and reads every matching row (2.5 s at 1M records for a quarter)
   * where the covering index of migration 009 answers the whole GROUP BY from the index.
   */
  languageSource?: string;
}

type Row = Record<string, unknown>;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** True when a row's score counts for the metric (its scale is the metric). */
function counts(row: Row, metric: ScoreType): boolean {
  return row.score_type === metric && row.score !== null && row.score !== undefined;
}

/** Rows (`group_key`, `score_type`, `score`, `n`, optional `label`, `stage`) folded per key; NULL keys are ungrouped. */
function foldGroups(rows: readonly Row[], metric: ScoreType): { groups: Map<string, GroupAggregate>; nullVolume: number } {
  const groups = new Map<string, GroupAggregate>();
  let nullVolume = 0;
  for (const row of rows) {
    const count = num(row.n);
    const key = text(row.group_key);
    if (key === undefined) {
      nullVolume += count;
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, volume: 0, scores: new Map<number, number>() };
      groups.set(key, group);
    }
    const label = text(row.label);
    const stage = text(row.stage);
    if (label !== undefined && (group.label === undefined || label < group.label)) group.label = label;
    if (stage !== undefined && (group.stage === undefined || stage < group.stage)) group.stage = stage;
    group.volume += count;
    if (counts(row, metric)) addToHistogram(group.scores as Map<number, number>, num(row.score), count);
  }
  return { groups, nullVolume };
}

/** Mention rows of one level: the theme rows, or one row per (record, stage) with the stage's merged sentiment. */
function levelColumns(level: DriverLevel): { key: string; label: string; score: string; only: string } {
  return level === 'theme'
    ? { key: 't.theme_id', label: 't.sentiment_label', score: 't.sentiment_score', only: '' }
    : { key: 't.stage', label: 't.stage_sentiment_label', score: 't.stage_sentiment_score', only: ' AND t.stage_first = 1' };
}

/** The mention rows under a filter: alone when they carry every filtered column, else joined to their records. */
export function mentionSource(conditions: AnalyticsConditions, filter: FeedbackFilter): { from: string; condition: SqlCondition } {
  const direct = conditions.mentions(filter);
  if (direct !== null) return { from: 'feedback_themes t', condition: direct };
  return { from: 'feedback_themes t JOIN feedback f ON f.id = t.feedback_id', condition: conditions.records(filter) };
}

/** Empty regression sums, and the accessor that creates a driver's entry on first use. */
export function emptyMoments(): { moments: DriverPairMoments; single: (id: string) => DriverSingleMoments } {
  const moments: DriverPairMoments = { n: 0, outcomeSum: 0, outcomeSumOfSquares: 0, single: new Map(), pairs: new Map() };
  const single = (id: string): DriverSingleMoments => {
    let entry = moments.single.get(id);
    if (entry === undefined) {
      entry = { count: 0, outcomeSum: 0, sentimentSum: 0, sentimentSquares: 0, sentimentOutcome: 0 };
      moments.single.set(id, entry);
    }
    return entry;
  };
  return { moments, single };
}

/**
 * Adds `count` scored records with one sorted id set (`theme_ids` / `stage_ids`) and score to
 * the regression sums: the outcome sums, and mention and co-mention counts of the chosen drivers.
 */
export function addIdSet(
  moments: DriverPairMoments,
  single: (id: string) => DriverSingleMoments,
  chosen: ReadonlySet<string>,
  idSet: string,
  score: number,
  count: number,
): void {
  moments.n += count;
  moments.outcomeSum += score * count;
  moments.outcomeSumOfSquares += score * score * count;
  const ids = idSet.split(ID_SET_SEPARATOR).filter((id) => chosen.has(id));
  for (const left of ids) {
    const entry = single(left);
    entry.count += count;
    entry.outcomeSum += score * count;
    for (const right of ids) {
      if (right === left) continue;
      const key = pairKey(left, right);
      const pair = moments.pairs.get(key) ?? { count: 0, leftSentimentSum: 0, sentimentProduct: 0 };
      pair.count += count;
      moments.pairs.set(key, pair);
    }
  }
}

/**
 * TrendDay rows by UTC day, filled from aggregate rows (`day`, `n`, `sentiment`), for both the SQL
 * and the rollup readers; each adds a row's scores in its own row format to the entry `add` returns.
 * `total` rows count toward the day's all-records total as well as the scope's volume.
 */
export function trendDayTable(): { dayOf(day: string): TrendDay; add(row: Row, total: boolean): TrendDay | null; list(): TrendDay[] } {
  const days = new Map<string, TrendDay>();
  const dayOf = (day: string): TrendDay => {
    let entry = days.get(day);
    if (entry === undefined) {
      entry = { day, total: 0, volume: 0, scores: new Map<number, number>(), sentimentSum: 0, sentimentCount: 0 };
      days.set(day, entry);
    }
    return entry;
  };
  return {
    dayOf,
    add(row, total) {
      const count = num(row.n);
      // A rollup cell emptied by later writes keeps its row with n = 0: it is not a day with data.
      if (count === 0) return null;
      const entry = dayOf(String(row.day));
      if (total) entry.total += count;
      entry.volume += count;
      entry.sentimentSum += num(row.sentiment);
      entry.sentimentCount += count;
      return entry;
    },
    list: () => [...days.values()],
  };
}

type RecordDimension = Exclude<AggregateDimension, 'theme' | 'stage'>;

/** The column of each record dimension, the same on records and on their mention rows; null: one group. */
const GROUP_COLUMNS: Record<RecordDimension, string | null> = { all: null, segment: 'segment', channel: 'channel', language: 'language', day: 'day' };

/** The score histogram of `source` (a table as `alias`) over `where`, per `by`'s column. */
function histogramSql(source: string, alias: string, by: RecordDimension, where: string): string {
  const column = GROUP_COLUMNS[by];
  const key = column === null ? null : `${alias}.${column}`;
  return `SELECT ${key ?? "''"} AS group_key, ${alias}.score_type, ${alias}.score, COUNT(*) AS n FROM ${source} WHERE ${where}
      GROUP BY ${key === null ? '' : `${key}, `}${alias}.score_type, ${alias}.score`;
}

/**
 * The groups of a theme- or stage-filtered selection (overall, or by segment, channel, language or
 * day) from the mention rows, which carry each record's score and filter columns, language and day
 * (migrations 005 and 008): one row per record for a theme (a record names a theme once) or, for a
 * stage, its `stage_first` row, read from their covering indexes (language added by migration 010).
 * Reading the records instead checked every record's mentions (SQLite, 1M records, one theme's NPS:
 * 3.5 s; this 28 ms). Null when the filter names neither, or needs the records (sentiment, score
 * band, text search).
 */
function mentionGroupsQuery(conditions: AnalyticsConditions, filter: FeedbackFilter, by: RecordDimension): SqlCondition | null {
  const theme = filter.theme || null;
  const stage = filter.stage || null;
  if (theme === null && stage === null) return null;
  // The row's own theme (or stage) stands for that part of the filter: its EXISTS would look up every row again.
  const direct = conditions.mentions(theme !== null ? { ...filter, theme: undefined } : { ...filter, stage: undefined });
  if (direct === null) return null;
  const [one, value] = theme !== null ? ['t.theme_id = ?', theme] : ['t.stage = ? AND t.stage_first = 1', stage];
  return { sql: histogramSql('feedback_themes t', 't', by, `${one} AND ${direct.sql}`), params: [value, ...direct.params] };
}

/** The score histogram query of a record dimension ('all', segment, channel, language, day) over the filter. */
function recordGroupsQuery(conditions: AnalyticsConditions, filter: FeedbackFilter, by: RecordDimension): SqlCondition {
  const mentions = mentionGroupsQuery(conditions, filter, by);
  if (mentions !== null) return mentions;
  const condition = conditions.records(filter);
  const source = by === 'language' ? (conditions.languageSource ?? 'feedback f') : 'feedback f';
  return { sql: histogramSql(source, 'f', by, condition.sql), params: condition.params };
}

/**
 * The AnalyticsStore methods over a query runner and the store's filter builders.
 * @example createSqlAnalytics(run, { records: (f) => buildFilterCondition(f, 'postgres'), mentions: (f) => buildMentionCondition(f, 'postgres') })
 */
export function createSqlAnalytics(run: QueryRunner, conditions: AnalyticsConditions): AnalyticsStore {
  const mentionsOf = (filter: FeedbackFilter) => mentionSource(conditions, filter);

  const scoreAggregates = async (filter: FeedbackFilter, options: { metric: ScoreType; by: AggregateDimension }): Promise<GroupAggregates> => {
    const { by, metric } = options;
    if (by === 'theme' || by === 'stage') {
      const { from, condition } = mentionsOf(filter);
      const sql =
        by === 'theme'
          ? `SELECT t.theme_id AS group_key, MIN(t.theme_label) AS label, MIN(t.stage) AS stage, t.score_type, t.score, COUNT(*) AS n
             FROM ${from} WHERE ${condition.sql} GROUP BY t.theme_id, t.score_type, t.score`
          : `SELECT t.stage AS group_key, t.score_type, t.score, COUNT(*) AS n FROM ${from}
             WHERE ${condition.sql} AND t.stage_first = 1 GROUP BY t.stage, t.score_type, t.score`;
      const records = conditions.records(filter);
      const [grouped, [none]] = await Promise.all([
        run(sql, condition.params),
        run(`SELECT COUNT(*) AS n FROM feedback f WHERE ${records.sql} AND f.theme_ids = ''`, records.params),
      ]);
      const { groups } = foldGroups(grouped, metric);
      return { groups: [...groups.values()], ungrouped: num(none?.n) };
    }
    const query = recordGroupsQuery(conditions, filter, by);
    const { groups, nullVolume } = foldGroups(await run(query.sql, query.params), metric);
    return { groups: [...groups.values()], ungrouped: nullVolume };
  };

  return {
    scoreAggregates,

    async driverAggregates(filter, options) {
      const { metric, level } = options;
      const columns = levelColumns(level);
      const { from, condition } = mentionsOf(filter);
      const records = conditions.records(filter);
      const names = level === 'theme' ? 'MIN(t.theme_label) AS label, MIN(t.stage) AS stage' : 'NULL AS label, NULL AS stage';
      // Independent scans: PostgreSQL runs them on separate pooled connections at once.
      const [overall, revenueRows, rows, revenue] = await Promise.all([
        scoreAggregates(filter, { metric, by: 'all' }),
        run(`SELECT 1 AS present FROM feedback f WHERE ${records.sql} AND f.revenue IS NOT NULL LIMIT 1`, records.params),
        run(
          `SELECT ${columns.key} AS group_key, ${names}, t.score_type, t.score, ${columns.label} AS sentiment_label, COUNT(*) AS n
           FROM ${from} WHERE ${condition.sql}${columns.only} GROUP BY ${columns.key}, t.score_type, t.score, ${columns.label}`,
          condition.params,
        ),
        // Revenue at risk: each detractor account once (its largest revenue), each record without one on its own.
        run(
          `SELECT group_key, SUM(CASE WHEN account_id IS NULL THEN total ELSE top END) AS revenue FROM (
             SELECT ${columns.key} AS group_key, t.account_id, MAX(COALESCE(t.revenue, 0)) AS top, SUM(COALESCE(t.revenue, 0)) AS total
             FROM ${from} WHERE ${condition.sql}${columns.only} AND t.score_type = ? AND t.score <= ?
             GROUP BY ${columns.key}, t.account_id) r GROUP BY group_key`,
          [...condition.params, metric, BAND_THRESHOLDS[metric].detractorTo],
        ),
      ]);
      const [total] = overall.groups;
      const drivers = new Map<string, DriverAggregate>();
      for (const { key: id, ...group } of foldGroups(rows, metric).groups.values()) {
        drivers.set(id, { id, ...group, sentiment: { positive: 0, negative: 0, neutral: 0, mixed: 0 }, revenueAtRisk: 0 });
      }
      for (const row of rows) {
        const driver = drivers.get(String(row.group_key));
        const mention = String(row.sentiment_label) as keyof SentimentMix;
        if (driver && mention in driver.sentiment) driver.sentiment[mention] += num(row.n);
      }
      for (const row of revenue) {
        const driver = drivers.get(String(row.group_key));
        if (driver) driver.revenueAtRisk = num(row.revenue);
      }
      return { volume: total?.volume ?? 0, scores: total?.scores ?? new Map(), hasRevenue: revenueRows.length > 0, drivers: [...drivers.values()] };
    },

    async driverMoments(filter, options) {
      const { metric, level, drivers, includeSentiment } = options;
      const records = conditions.records(filter);
      const { moments, single } = emptyMoments();
      // Scored records grouped by their sorted id set: co-mention counts without a self-join.
      const sets = level === 'theme' ? 'f.theme_ids' : 'f.stage_ids';
      const rows = await run(
        `SELECT ${sets} AS id_set, f.score, COUNT(*) AS n FROM feedback f WHERE f.score_type = ? AND f.score IS NOT NULL AND ${records.sql}
         GROUP BY ${sets}, f.score`,
        [metric, ...records.params],
      );
      const chosen = new Set(drivers);
      for (const row of rows) addIdSet(moments, single, chosen, String(row.id_set ?? ''), num(row.score), num(row.n));
      if (includeSentiment && drivers.length > 0) await addSentimentMoments(filter, level, metric, drivers, single, moments);
      return moments;
    },

    async trendDays(filter, options) {
      const { metric, theme, stage } = options;
      const records = conditions.records(filter);
      const days = trendDayTable();
      const dayOf = days.dayOf;
      const add = (row: Row, total: boolean): void => {
        const entry = days.add(row, total);
        if (entry !== null && counts(row, metric)) addToHistogram(entry.scores as Map<number, number>, num(row.score), num(row.n));
      };
      const scoped = (theme !== undefined && theme !== '') || stage !== undefined;
      const daily = run(
        `SELECT f.day, f.score_type, f.score, COUNT(*) AS n, SUM(f.sentiment_score) AS sentiment FROM feedback f
         WHERE ${records.sql} GROUP BY f.day, f.score_type, f.score`,
        records.params,
      );
      if (!scoped) {
        for (const row of await daily) add(row, true);
        return days.list();
      }
      // The scope's sentiment per record: its theme's, or the mean of its themes in the stage.
      const { from, condition } = mentionsOf(filter);
      const byTheme = theme !== undefined && theme !== '';
      const scope = byTheme ? `t.theme_id = ?${stage !== undefined ? ' AND t.stage = ?' : ''}` : 't.stage = ? AND t.stage_first = 1';
      const scopeParams = byTheme ? [theme, ...(stage !== undefined ? [stage] : [])] : [stage];
      const sentiment = byTheme ? 't.sentiment_score' : 't.stage_sentiment_score';
      const [all, rows] = await Promise.all([
        daily,
        run(
          `SELECT t.day, t.score_type, t.score, COUNT(*) AS n, SUM(${sentiment}) AS sentiment FROM ${from}
           WHERE ${scope} AND ${condition.sql} GROUP BY t.day, t.score_type, t.score`,
          [...scopeParams, ...condition.params],
        ),
      ]);
      for (const row of all) dayOf(String(row.day)).total += num(row.n);
      for (const row of rows) add(row, false);
      return days.list();
    },

    async themeWindowCounts(filter, window) {
      const { from, condition } = mentionsOf(filter);
      const rows = await run(
        `SELECT t.theme_id AS id, MIN(t.theme_label) AS label, MIN(t.stage) AS stage,
           SUM(CASE WHEN t.date >= ? THEN 1 ELSE 0 END) AS in_window, SUM(CASE WHEN t.date < ? THEN 1 ELSE 0 END) AS history
         FROM ${from} WHERE ${condition.sql} AND t.date < ? GROUP BY t.theme_id`,
        [window.from, window.from, ...condition.params, window.to],
      );
      return rows.map((row) => ({
        id: String(row.id),
        ...(text(row.label) !== undefined ? { label: text(row.label) } : {}),
        ...(text(row.stage) !== undefined ? { stage: text(row.stage) } : {}),
        windowCount: num(row.in_window),
        historyCount: num(row.history),
      }));
    },
  };

  /**
   * The sentiment columns' sums of the regression (includeSentiment): per mention of a chosen
   * driver by a scored record, and per pair of them in one record (a self-join: the slow path).
   */
  async function addSentimentMoments(
    filter: FeedbackFilter,
    level: DriverLevel,
    metric: ScoreType,
    drivers: readonly string[],
    single: (id: string) => DriverSingleMoments,
    moments: DriverPairMoments,
  ): Promise<void> {
    const columns = levelColumns(level);
    const { from, condition } = mentionsOf(filter);
    const ids = drivers.map(() => '?').join(', ');
    const mentions = `SELECT t.feedback_id AS fid, ${columns.key} AS driver, ${columns.score} AS s, t.score AS y FROM ${from}
      WHERE ${condition.sql}${columns.only} AND t.score_type = ? AND t.score IS NOT NULL AND ${columns.key} IN (${ids})`;
    const params = [...condition.params, metric, ...drivers];
    for (const row of await run(`WITH m AS (${mentions}) SELECT driver, SUM(s) AS s, SUM(s * s) AS squares, SUM(s * y) AS sy FROM m GROUP BY driver`, params)) {
      const entry = single(String(row.driver));
      entry.sentimentSum = num(row.s);
      entry.sentimentSquares = num(row.squares);
      entry.sentimentOutcome = num(row.sy);
    }
    const pairs = await run(
      `WITH m AS (${mentions}) SELECT a.driver AS left_driver, b.driver AS right_driver, SUM(a.s) AS left_sum, SUM(a.s * b.s) AS product
       FROM m a JOIN m b ON b.fid = a.fid AND b.driver <> a.driver GROUP BY a.driver, b.driver`,
      params,
    );
    for (const row of pairs) {
      const pair = moments.pairs.get(pairKey(String(row.left_driver), String(row.right_driver)));
      if (pair) {
        pair.leftSentimentSum = num(row.left_sum);
        pair.sentimentProduct = num(row.product);
      }
    }
  }
}
