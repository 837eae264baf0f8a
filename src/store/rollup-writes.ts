/**
 * Rollups maintained at write time: per cell of (segment, channel, time bucket, score type) the
 * sums the analyst routes read (counts per score value, sentiment sums and label counts, theme
 * and stage histograms, theme-set histograms, detractor revenue per account), so a request reads
 * one small slice instead of every record (rollup-analytics.ts), and per pair of drivers in one
 * record the sentiment sums and cross-products of the regression. Every record adds to 12 cells
 * of each table: its segment or '*' (any) × its channel or '*' × all time, its month, its day.
 *
 * A write subtracts the stored rows of the ids it replaces, writes them, then adds the new rows,
 * all in the store's write transaction and in the same SQL on SQLite and PostgreSQL (INSERT ...
 * SELECT ... GROUP BY ... ON CONFLICT DO UPDATE SET n = n + excluded.n). The largest revenue of
 * an account cannot be subtracted: a cell whose maximum may have left is marked `dirty` and its
 * maximum read again from the mention rows (recomputeRevenueSql). The migrations back-fill the
 * tables with these statements over every record (`ids` condition `1 = 1`).
 */
import { BAND_THRESHOLDS } from '../metrics/score-metrics.js';
import { SCORE_TYPES } from '../metrics/types.js';

/** Score values a histogram column exists for: every scale lies within 0..10 (NPS 0-10, CSAT 1-5, CES 1-7). */
export const ROLLUP_SCORES: readonly number[] = Array.from({ length: 11 }, (_, score) => score);

/** The histogram columns `s0` .. `s10`. */
export const SCORE_COLUMNS = ROLLUP_SCORES.map((score) => `s${score}`);

/** Time grains of a rollup row's `bucket`: '' (all time), 'YYYY-MM', 'YYYY-MM-DD'. */
export const GRAIN = { all: 0, month: 1, day: 2 } as const;

/** Key of "any value" in `segment_key` / `channel_key`; a value v is stored as '=v', a missing one as '-'. */
export const ANY_KEY = '*';
export const MISSING_KEY = '-';

/** The detractor bound of a row's own scale, as SQL over a score-type column. */
export function detractorBoundSql(scoreTypeColumn: string): string {
  return `CASE ${scoreTypeColumn} ${SCORE_TYPES.map((type) => `WHEN '${type}' THEN ${BAND_THRESHOLDS[type].detractorTo}`).join(' ')} END`;
}

const LEVELS = `(SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl`;

/** The cell keys of a source row `x` (day, segment, channel, score_type) at level `gl`, `cl`. */
const CELL_KEYS = [
  `CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '${MISSING_KEY}') ELSE '${ANY_KEY}' END`,
  `CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '${MISSING_KEY}') ELSE '${ANY_KEY}' END`,
  'gl.g',
  `CASE gl.g WHEN ${GRAIN.all} THEN '' WHEN ${GRAIN.month} THEN substr(x.day, 1, 7) ELSE x.day END`,
  `COALESCE(x.score_type, '')`,
];
const CELL_COLUMNS = ['segment_key', 'channel_key', 'grain', 'bucket', 'score_type_key'];

const histogram = (sign: string): string[] => ROLLUP_SCORES.map((score) => `${sign}SUM(CASE WHEN x.score = ${score} THEN 1 ELSE 0 END)`);
const labelCount = (sign: string, label: string): string => `${sign}SUM(CASE WHEN x.sentiment_label = '${label}' THEN 1 ELSE 0 END)`;

interface RollupTable {
  name: string;
  /** Key columns beyond the cell's, in primary-key order after it (level first when present). */
  keys: { column: string; sql: string }[];
  /** Statistic columns and their aggregate over `x` for a sign ('' or '-'). */
  stats: (sign: string) => { column: string; sql: string }[];
  /** How a conflicting row takes the new values (`excluded`); defaults to adding. */
  merge?: (sign: string) => string[];
  source: (ids: string) => string;
}

const THEME_MENTIONS = (ids: string) => `SELECT 'theme' AS level, t.theme_id AS driver, t.theme_label AS label, t.stage AS stage, t.day, t.segment, t.channel,
    t.score_type, t.score, t.sentiment_score AS sentiment, t.sentiment_label, t.account_id, t.revenue FROM feedback_themes t WHERE ${ids}`;
const STAGE_MENTIONS = (ids: string) => `SELECT 'stage' AS level, t.stage AS driver, '' AS label, '' AS stage, t.day, t.segment, t.channel,
    t.score_type, t.score, t.stage_sentiment_score AS sentiment, t.stage_sentiment_label AS sentiment_label, t.account_id, t.revenue
    FROM feedback_themes t WHERE t.stage_first = 1 AND ${ids}`;

/** The rollup tables (rollup_pairs since migration 007 / PostgreSQL 003); `ids` in sources is a condition over `f.id` or `t.feedback_id`. */
const TABLES: readonly RollupTable[] = [
  {
    name: 'rollup_records',
    keys: [],
    stats: (sign) => [
      { column: 'n', sql: `${sign}COUNT(*)` },
      ...histogram(sign).map((sql, score) => ({ column: SCORE_COLUMNS[score]!, sql })),
      { column: 'sentiment_sum', sql: `${sign}SUM(x.sentiment)` },
      { column: 'untagged', sql: `${sign}SUM(x.untagged)` },
      { column: 'with_revenue', sql: `${sign}SUM(x.with_revenue)` },
    ],
    source: (ids) => `SELECT f.day, f.segment, f.channel, f.score_type, f.score, f.sentiment_score AS sentiment,
      CASE WHEN f.theme_ids = '' THEN 1 ELSE 0 END AS untagged, CASE WHEN f.revenue IS NULL THEN 0 ELSE 1 END AS with_revenue
      FROM feedback f WHERE ${ids.replaceAll('$id', 'f.id')}`,
  },
  {
    name: 'rollup_drivers',
    keys: [
      { column: 'level', sql: 'x.level' },
      { column: 'driver', sql: 'x.driver' },
      { column: 'label', sql: 'x.label' },
      { column: 'stage', sql: 'x.stage' },
    ],
    stats: (sign) => [
      { column: 'n', sql: `${sign}COUNT(*)` },
      ...histogram(sign).map((sql, score) => ({ column: SCORE_COLUMNS[score]!, sql })),
      { column: 'sentiment_sum', sql: `${sign}SUM(x.sentiment)` },
      ...(['positive', 'negative', 'neutral', 'mixed'] as const).map((label) => ({ column: label, sql: labelCount(sign, label) })),
    ],
    source: (ids) => `${THEME_MENTIONS(ids.replaceAll('$id', 't.feedback_id'))} UNION ALL ${STAGE_MENTIONS(ids.replaceAll('$id', 't.feedback_id'))}`,
  },
  {
    name: 'rollup_sets',
    keys: [
      { column: 'level', sql: 'x.level' },
      { column: 'id_set', sql: 'x.id_set' },
    ],
    stats: (sign) => histogram(sign).map((sql, score) => ({ column: SCORE_COLUMNS[score]!, sql })),
    source: (ids) => {
      const where = `f.score IS NOT NULL AND ${ids.replaceAll('$id', 'f.id')}`;
      return `SELECT 'theme' AS level, f.theme_ids AS id_set, f.day, f.segment, f.channel, f.score_type, f.score FROM feedback f WHERE ${where}
        UNION ALL SELECT 'stage' AS level, f.stage_ids AS id_set, f.day, f.segment, f.channel, f.score_type, f.score FROM feedback f WHERE ${where}`;
    },
  },
  {
    name: 'rollup_revenue',
    keys: [
      { column: 'level', sql: 'x.level' },
      { column: 'driver', sql: 'x.driver' },
      { column: 'account_key', sql: `COALESCE('=' || x.account_id, '${MISSING_KEY}')` },
    ],
    stats: (sign) => [
      { column: 'n', sql: `${sign}COUNT(*)` },
      { column: 'total', sql: `${sign}SUM(COALESCE(x.revenue, 0))` },
      // The largest revenue of an account; records without one are summed in `total` instead.
      { column: 'top', sql: 'MAX(CASE WHEN x.account_id IS NULL THEN 0 ELSE COALESCE(x.revenue, 0) END)' },
      { column: 'dirty', sql: sign === '-' ? `MAX(CASE WHEN x.account_id IS NULL THEN 0 ELSE 1 END)` : '0' },
    ],
    merge: (sign) => [
      'n = rollup_revenue.n + excluded.n',
      'total = rollup_revenue.total + excluded.total',
      sign === '-'
        ? `dirty = CASE WHEN rollup_revenue.account_key <> '${MISSING_KEY}' AND excluded.top >= rollup_revenue.top THEN 1 ELSE rollup_revenue.dirty END`
        : 'top = CASE WHEN excluded.top > rollup_revenue.top THEN excluded.top ELSE rollup_revenue.top END',
    ],
    // Detractor mentions only (a score at or below its own scale's detractor bound).
    source: (ids) => {
      const detractor = `t.score IS NOT NULL AND t.score <= ${detractorBoundSql('t.score_type')}`;
      return `${THEME_MENTIONS(`${detractor} AND ${ids.replaceAll('$id', 't.feedback_id')}`)}
        UNION ALL ${STAGE_MENTIONS(`${detractor} AND ${ids.replaceAll('$id', 't.feedback_id')}`)}`;
    },
  },
  {
    // The regression's sentiment sums (includeSentiment): per ordered pair of drivers mentioned by
    // one scored record, the left one's sentiment and the product of both; a driver paired with
    // itself holds its own sums (sentiment, its square, sentiment × score).
    name: 'rollup_pairs',
    keys: [
      { column: 'level', sql: 'x.level' },
      { column: 'driver', sql: 'x.driver' },
      { column: 'other', sql: 'x.other' },
    ],
    stats: (sign) => [
      { column: 'n', sql: `${sign}COUNT(*)` },
      { column: 'sentiment_sum', sql: `${sign}SUM(x.sentiment)` },
      { column: 'product', sql: `${sign}SUM(x.sentiment * x.other_sentiment)` },
      { column: 'outcome_product', sql: `${sign}SUM(x.sentiment * x.score)` },
    ],
    source: (ids) => {
      const where = `a.score IS NOT NULL AND ${ids.replaceAll('$id', 'a.feedback_id')}`;
      const columns = 'a.day, a.segment, a.channel, a.score_type, a.score';
      return `SELECT 'theme' AS level, a.theme_id AS driver, b.theme_id AS other, ${columns}, a.sentiment_score AS sentiment, b.sentiment_score AS other_sentiment
        FROM feedback_themes a JOIN feedback_themes b ON b.feedback_id = a.feedback_id WHERE ${where}
        UNION ALL SELECT 'stage' AS level, a.stage AS driver, b.stage AS other, ${columns}, a.stage_sentiment_score AS sentiment, b.stage_sentiment_score AS other_sentiment
        FROM feedback_themes a JOIN feedback_themes b ON b.feedback_id = a.feedback_id AND b.stage_first = 1 WHERE a.stage_first = 1 AND ${where}`;
    },
  },
];

/** The primary key of a rollup table, in its declared order (level first, then the cell, then the rest). */
function primaryKey(table: RollupTable): string[] {
  const [level, ...rest] = table.keys;
  return level?.column === 'level' ? ['level', ...CELL_COLUMNS, ...rest.map((key) => key.column)] : [...CELL_COLUMNS, ...table.keys.map((key) => key.column)];
}

/**
 * The statements that add (sign 1) or subtract (sign -1) the stored rows of some records to
 * every rollup. `ids` is a condition with `$id` standing for the record id column and `?`
 * placeholders (e.g. `$id IN (SELECT value FROM json_each(?))`); each statement takes
 * `idParams` once per `?` in it (count with placeholderCount).
 * @example rollupStatements(1, '1 = 1') // the back-fill over every record
 */
export function rollupStatements(sign: 1 | -1, ids: string): string[] {
  const prefix = sign === 1 ? '' : '-';
  return TABLES.map((table) => {
    const keys = [...table.keys.map((key) => key.sql), ...CELL_KEYS];
    const keyColumns = [...table.keys.map((key) => key.column), ...CELL_COLUMNS];
    const stats = table.stats(prefix);
    const ordered = primaryKey(table);
    const positions = ordered.map((column) => keyColumns.indexOf(column) + 1);
    const merge = table.merge?.(prefix) ?? stats.map(({ column }) => `${column} = ${table.name}.${column} + excluded.${column}`);
    return `INSERT INTO ${table.name} (${[...keyColumns, ...stats.map((stat) => stat.column)].join(', ')})
      SELECT ${[...keys, ...stats.map((stat) => stat.sql)].join(', ')}
      FROM (${table.source(ids)}) x CROSS JOIN ${LEVELS}
      WHERE 1 = 1
      GROUP BY ${keys.map((_, index) => index + 1).join(', ')}
      ORDER BY ${positions.join(', ')}
      ON CONFLICT (${ordered.join(', ')}) DO UPDATE SET ${merge.join(', ')}`;
  });
}

/** How many `?` placeholders a statement holds (each takes the ids parameter). */
export function placeholderCount(sql: string): number {
  return (sql.match(/\?/g) ?? []).length;
}

/**
 * Re-reads the largest detractor revenue of every `dirty` revenue cell from the mention rows
 * (one statement per level), after a write has removed rows that may have held it. `level || ''`
 * keeps SQLite (no statistics) off the primary key's `level` prefix, a scan of every cell, and
 * on the partial index of the few dirty ones.
 */
export function recomputeRevenueSql(): string[] {
  const cell = (match: string) => `UPDATE rollup_revenue SET dirty = 0, top = COALESCE((SELECT MAX(COALESCE(t.revenue, 0)) FROM feedback_themes t
      WHERE t.score_type = rollup_revenue.score_type_key AND ${match} AND t.account_id = substr(rollup_revenue.account_key, 2)
        AND t.score <= ${detractorBoundSql('rollup_revenue.score_type_key')}
        AND t.date >= rollup_revenue.bucket AND t.date < rollup_revenue.bucket || '~'
        AND (rollup_revenue.segment_key = '${ANY_KEY}' OR rollup_revenue.segment_key = COALESCE('=' || t.segment, '${MISSING_KEY}'))
        AND (rollup_revenue.channel_key = '${ANY_KEY}' OR rollup_revenue.channel_key = COALESCE('=' || t.channel, '${MISSING_KEY}'))), 0)
    WHERE rollup_revenue.dirty = 1 AND rollup_revenue.level || '' = `;
  return [`${cell('t.theme_id = rollup_revenue.driver')}'theme'`, `${cell('t.stage = rollup_revenue.driver AND t.stage_first = 1')}'stage'`];
}

/** The rollup tables, for a rebuild (delete, then rollupStatements(1, '1 = 1')). */
export const ROLLUP_TABLES: readonly string[] = TABLES.map((table) => table.name);
