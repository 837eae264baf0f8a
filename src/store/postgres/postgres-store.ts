/**
 * The PostgreSQL store (`pg`): the same FeedbackStore as the embedded SQLite one, for several API
 * instances sharing one database. Writes are idempotent under concurrency: a batch is upserted
 * with INSERT ... ON CONFLICT in id order (so two writers lock rows in the same order and never
 * deadlock each other), and each record's theme and stage rows are replaced in the same
 * transaction while its feedback row is locked.
 */
import type pg from 'pg';
import { VerbatimError } from '../../errors.js';
import { analyticsColumnsOf } from '../analytics-rows.js';
import { createSqlAnalytics } from '../analytics-sql.js';
import { createRollupAnalytics } from '../rollup-analytics.js';
import { createRollupDashboard } from '../rollup-dashboard.js';
import { placeholderCount, recomputeRevenueSql, rollupStatements } from '../rollup-writes.js';
import { createFeedbackReads, ITEM_COLUMNS } from '../feedback-reads.js';
import { buildFilterCondition, buildMentionCondition } from '../filter-sql.js';
import {
  type FeedbackFilter,
  type FeedbackItem,
  type FeedbackStore,
  type PageRequest,
  type UpsertSummary,
} from '../store.js';
import { normalizeFeedbackRecord, type NormalizedRecord } from '../validate-record.js';
import { applyPostgresMigrations, createGuard, createPool, inTransaction, POSTGRES_MIGRATIONS_DIR, toPositional } from './connection.js';
import { createPostgresDashboardQueries } from './postgres-dashboard-queries.js';
import { createPostgresManagement } from './postgres-management.js';
import { FEEDBACK_UPSERT_CONFLICT, itemOfRow, languageOf, type FeedbackItemRow } from '../item-record.js';

export interface PostgresStoreOptions {
  /** Migrations folder; the package's own by default. */
  migrationsDir?: string;
  /** Pool size (connections). */
  poolSize?: number;
}

type FeedbackRow = FeedbackItemRow<unknown>;


/** One multi-row upsert per batch from parallel arrays, in id order (see the file comment). */
const UPSERT_FEEDBACK = `
INSERT INTO feedback AS f (id, text, date, score, score_type, score_band, segment, channel, account_id, revenue,
  metadata, result, sentiment_label, sentiment_score, sentiment_confidence, churn_risk, effort, urgency, actionable,
  day, theme_ids, stage_ids, language, created_at, updated_at)
SELECT r.*, $19::text, $19::text FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
  $8::text[], $9::text[], $10::float8[], $11::jsonb[], $12::jsonb[], $13::text[], $14::float8[], $15::float8[],
  $16::float8[], $17::float8[], $18::float8[], $20::boolean[], $21::text[], $22::text[], $23::text[], $24::text[]) AS r ORDER BY 1
${FEEDBACK_UPSERT_CONFLICT}
RETURNING (xmax = 0) AS inserted`;

function toItem(row: FeedbackRow): FeedbackItem {
  return itemOfRow(row, (value) => value);
}


/** The last occurrence of each id (later writes in a batch win, as they do one by one in SQLite), sorted by id. */
function lastById(records: readonly NormalizedRecord[]): NormalizedRecord[] {
  const byId = new Map<string, NormalizedRecord>();
  for (const record of records) byId.set(record.id, record);
  return [...byId.values()].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}

/** Distinct by key, first occurrence wins: the primary keys allow one row per theme and per stage. */
function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/**
 * Advisory-lock space of record ids: a writer holds its ids' locks (taken in id order) from
 * before it subtracts their stored rows from the rollups until it commits, so two writers of
 * one id never both subtract the same old rows (or none, for an id neither saw yet).
 */
const RECORD_LOCK_SPACE = 7_214_001;

const ROLLUP_IDS = '$id = ANY(?::text[])';
const ROLLUP_SQL = {
  subtract: rollupStatements(-1, ROLLUP_IDS).map((sql) => ({ sql: toPositional(sql), uses: placeholderCount(sql) })),
  add: rollupStatements(1, ROLLUP_IDS).map((sql) => ({ sql: toPositional(sql), uses: placeholderCount(sql) })),
  recompute: recomputeRevenueSql(),
};

async function applyRollups(client: pg.PoolClient, statements: typeof ROLLUP_SQL.add, ids: readonly string[]): Promise<void> {
  for (const { sql, uses } of statements) await client.query(sql, new Array(uses).fill(ids));
}

async function writeBatch(client: pg.PoolClient, records: readonly NormalizedRecord[]): Promise<UpsertSummary> {
  const rows = lastById(records);
  const lockIds = rows.map((record) => record.id);
  await client.query('SELECT pg_advisory_xact_lock($2, hashtext(id)) FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) s', [lockIds, RECORD_LOCK_SPACE]);
  await applyRollups(client, ROLLUP_SQL.subtract, lockIds);
  const analytics = new Map(rows.map((record) => [record.id, analyticsColumnsOf(record)]));
  const column = <T>(pick: (record: NormalizedRecord) => T): T[] => rows.map(pick);
  const now = new Date().toISOString();
  const upserted = await client.query<{ inserted: boolean }>(UPSERT_FEEDBACK, [
    column((r) => r.id), column((r) => r.text), column((r) => r.date), column((r) => r.score), column((r) => r.scoreType),
    column((r) => r.scoreBand), column((r) => r.segment), column((r) => r.channel), column((r) => r.accountId), column((r) => r.revenue),
    column((r) => JSON.stringify(r.metadata)), column((r) => JSON.stringify(r.result)), column((r) => r.result.sentiment.label),
    column((r) => r.result.sentiment.score), column((r) => r.result.sentiment.confidence), column((r) => r.result.signals.churnRisk),
    column((r) => r.result.signals.effort), column((r) => r.result.signals.urgency), now, column((r) => r.result.signals.actionable),
    column((r) => analytics.get(r.id)!.day), column((r) => analytics.get(r.id)!.themeIds), column((r) => analytics.get(r.id)!.stageIds),
    column((r) => languageOf(r.result)),
  ]);
  const ids = column((r) => r.id);
  await client.query('DELETE FROM feedback_themes WHERE feedback_id = ANY($1::text[])', [ids]);
  await client.query('DELETE FROM feedback_stages WHERE feedback_id = ANY($1::text[])', [ids]);
  const themes = rows.flatMap((record) => analytics.get(record.id)!.mentions.map((mention) => ({ record, day: analytics.get(record.id)!.day, mention })));
  if (themes.length > 0) {
    const of = <T>(pick: (row: (typeof themes)[number]) => T): T[] => themes.map(pick);
    await client.query(
      `INSERT INTO feedback_themes (feedback_id, theme_id, theme_label, stage, sentiment_label, sentiment_score, date, day, score_type,
         score, segment, channel, account_id, revenue, stage_first, stage_sentiment_label, stage_sentiment_score, language)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[], $9::text[],
         $10::int[], $11::text[], $12::text[], $13::text[], $14::float8[], $15::int[], $16::text[], $17::float8[], $18::text[])`,
      [
        of((row) => row.record.id), of((row) => row.mention.themeId), of((row) => row.mention.label), of((row) => row.mention.stage),
        of((row) => row.mention.sentimentLabel), of((row) => row.mention.sentimentScore), of((row) => row.record.date), of((row) => row.day),
        of((row) => row.record.scoreType), of((row) => row.record.score), of((row) => row.record.segment), of((row) => row.record.channel),
        of((row) => row.record.accountId), of((row) => row.record.revenue), of((row) => (row.mention.stageFirst ? 1 : 0)),
        of((row) => row.mention.stageSentimentLabel), of((row) => row.mention.stageSentimentScore), of((row) => languageOf(row.record.result)),
      ],
    );
  }
  const stages = rows.flatMap((record) => distinctBy(record.result.stages, (stage) => stage.id).map((stage) => ({ id: record.id, stage })));
  if (stages.length > 0) {
    await client.query(
      `INSERT INTO feedback_stages (feedback_id, stage, sentiment_label, sentiment_score)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])`,
      [stages.map((row) => row.id), stages.map((row) => row.stage.id), stages.map((row) => row.stage.sentiment.label), stages.map((row) => row.stage.sentiment.score)],
    );
  }
  await applyRollups(client, ROLLUP_SQL.add, lockIds);
  for (const sql of ROLLUP_SQL.recompute) await client.query(sql);
  const inserted = upserted.rows.filter((row) => row.inserted).length;
  return { inserted, updated: records.length - inserted };
}

/**
 * Opens the PostgreSQL store at `url` (`postgres://user:password@host:5432/database`) and applies
 * pending migrations. Any number of processes may open one database at once.
 * @example
 * const store = await openPostgresStore('postgres://verbatim@db.internal/verbatim');
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<FeedbackStore> {
  const pool = createPool(url, options.poolSize);
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const guard = createGuard(url);
  try {
    await guard('migrate', () => applyPostgresMigrations(pool, options.migrationsDir ?? POSTGRES_MIGRATIONS_DIR, url));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createPostgresStore(pool, guard);
}

function createPostgresStore(pool: pg.Pool, guard: ReturnType<typeof createGuard>): FeedbackStore {
  const query = async <T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await pool.query(toPositional(sql), params as unknown[])).rows as T[];
  const conditionOf = (filter: FeedbackFilter) => buildFilterCondition(filter, 'postgres');
  const conditions = { records: conditionOf, mentions: (filter: FeedbackFilter) => buildMentionCondition(filter, 'postgres') };
  const runAnalytics = (sql: string, params: readonly unknown[]) => guard('analytics', () => query(sql, params));
  const analytics = createRollupAnalytics(runAnalytics, createSqlAnalytics(runAnalytics, conditions));
  const reads = createFeedbackReads((sql, params) => guard('read', () => query(sql, params)), conditions, (row) => toItem(row as unknown as FeedbackRow));
  let closed = false;

  return {
    ...createPostgresManagement(pool, guard),
    ...analytics,
    ...createRollupDashboard(runAnalytics, conditionOf, {
      ...createPostgresDashboardQueries(query, conditionOf, guard),
      countByTheme: (filter) => reads.countByTheme(filter),
    }),

    upsertFeedback: (records) =>
      guard('upsertFeedback', async () => {
        if (!Array.isArray(records)) {
          throw new VerbatimError('VERBATIM_E_INVALID_FEEDBACK', { id: '(batch)', field: '(records)', detail: 'must be an array', found: typeof records });
        }
        const normalized = records.map((record) => normalizeFeedbackRecord(record));
        if (normalized.length === 0) return { inserted: 0, updated: 0 };
        return inTransaction(pool, (client) => writeBatch(client, normalized));
      }),

    getFeedback: (id) =>
      guard('getFeedback', async () => {
        const [row] = await query<FeedbackRow>(`SELECT ${ITEM_COLUMNS} FROM feedback f WHERE f.id = ?`, [id]);
        return row ? toItem(row) : null;
      }),

    listFeedback: (filter = {}, page: PageRequest = {}) => reads.listFeedback(filter, page),

    countFeedback: (filter = {}) =>
      guard('countFeedback', async () => {
        const condition = conditionOf(filter);
        const [row] = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM feedback f WHERE ${condition.sql}`, condition.params);
        return row?.n ?? 0;
      }),

    facts: (filter = {}) => reads.facts(filter),

    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
