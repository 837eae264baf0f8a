/**
 * The embedded default store: one SQLite file (better-sqlite3) in WAL mode, so the server's
 * readers never wait for a writer. Created and migrated on open.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { VerbatimError } from '../errors.js';
import { createFeedbackReads, ITEM_COLUMNS } from './feedback-reads.js';
import { buildFilterCondition, buildMentionCondition } from './filter-sql.js';
import { applyMigrations, SQLITE_MIGRATIONS_DIR } from './migrate.js';
import { analyticsColumnsOf } from './analytics-rows.js';
import { createSqlAnalytics } from './analytics-sql.js';
import { createRollupAnalytics } from './rollup-analytics.js';
import { createRollupDashboard } from './rollup-dashboard.js';
import { placeholderCount, recomputeRevenueSql, rollupStatements } from './rollup-writes.js';
import { createSqliteManagement } from './sqlite-management.js';
import { createSqliteDashboardQueries } from './sqlite-dashboard-queries.js';
import {
  type FeedbackFilter,
  type FeedbackItem,
  type FeedbackRecord,
  type FeedbackStore,
  type PageRequest,
  type UpsertSummary,
} from './store.js';
import { normalizeFeedbackRecord, type NormalizedRecord } from './validate-record.js';
import { FEEDBACK_UPSERT_CONFLICT, itemOfRow, languageOf, type FeedbackItemRow } from './item-record.js';

/** How long a write waits for another connection's lock before failing (ms); a CLI import and the server may share a file. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Page cache of the connection (KiB; SQLite's default is 2 MiB). A write updates a dozen cells
 * in each rollup table (rollup-writes.ts), scattered over large B-trees: with 64 MiB their inner
 * pages stay cached, and re-ingesting one record into a 1M-record store takes ~11 ms instead of
 * ~48 ms (bench/tmp measurement, src/store/README.md "Timings").
 */
export const PAGE_CACHE_KIB = 65_536;

export interface SqliteStoreOptions {
  /** Migrations folder; the package's own by default (tests point it elsewhere). */
  migrationsDir?: string;
}

type FeedbackRow = FeedbackItemRow<string>;



const UPSERT_FEEDBACK = `
INSERT INTO feedback (id, text, date, score, score_type, score_band, segment, channel, account_id, revenue,
  metadata, result, sentiment_label, sentiment_score, sentiment_confidence, churn_risk, effort, urgency,
  actionable, created_at, updated_at, day, theme_ids, stage_ids, language)
VALUES (@id, @text, @date, @score, @scoreType, @scoreBand, @segment, @channel, @accountId, @revenue,
  @metadata, @result, @sentimentLabel, @sentimentScore, @sentimentConfidence, @churnRisk, @effort, @urgency,
  @actionable, @now, @now, @day, @themeIds, @stageIds, @language)
${FEEDBACK_UPSERT_CONFLICT}`;


function toItem(row: FeedbackRow): FeedbackItem {
  return itemOfRow(row, (value) => JSON.parse(value));
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
 * Opens (creating if needed) the SQLite store at `file`, in WAL mode, and applies pending
 * migrations. `:memory:` gives a throw-away store.
 * @example
 * const store = await openSqliteStore('data/verbatim.db');
 * await store.upsertFeedback([{ id: 'c1', text, date: '2026-03-01', result }]);
 */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<FeedbackStore> {
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_STORE', { path: file, detail: `cannot open: ${(error as Error).message}` }, { cause: error });
  }
  try {
    applyMigrations(db, options.migrationsDir ?? SQLITE_MIGRATIONS_DIR, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return createSqliteStore(db, file);
}

function createSqliteStore(db: Database.Database, file: string): FeedbackStore {
  const statements = {
    exists: db.prepare('SELECT 1 FROM feedback WHERE id = ?').pluck(),
    upsert: db.prepare(UPSERT_FEEDBACK),
    deleteThemes: db.prepare('DELETE FROM feedback_themes WHERE feedback_id = ?'),
    deleteStages: db.prepare('DELETE FROM feedback_stages WHERE feedback_id = ?'),
    insertTheme: db.prepare(`INSERT INTO feedback_themes (feedback_id, theme_id, theme_label, stage, sentiment_label, sentiment_score,
        date, day, score_type, score, segment, channel, account_id, revenue, stage_first, stage_sentiment_label, stage_sentiment_score, language)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertStage: db.prepare('INSERT INTO feedback_stages (feedback_id, stage, sentiment_label, sentiment_score) VALUES (?, ?, ?, ?)'),
    get: db.prepare(`SELECT ${ITEM_COLUMNS} FROM feedback f WHERE f.id = ?`),
  };
  // The rollups of a batch's ids: subtracted before its rows are replaced, added after (rollup-writes.ts).
  const rollupIds = '$id IN (SELECT value FROM json_each(?))';
  const prepareRollups = (sign: 1 | -1) => rollupStatements(sign, rollupIds).map((sql) => ({ statement: db.prepare(sql), uses: placeholderCount(sql) }));
  const rollups = { subtract: prepareRollups(-1), add: prepareRollups(1), recompute: recomputeRevenueSql().map((sql) => db.prepare(sql)) };
  const applyRollups = (statements: typeof rollups.add, ids: string): void => {
    for (const { statement, uses } of statements) statement.run(...new Array<string>(uses).fill(ids));
  };

  const writeRecord = (record: NormalizedRecord, now: string): boolean => {
    const existed = statements.exists.get(record.id) !== undefined;
    const { result } = record;
    const analytics = analyticsColumnsOf(record);
    statements.upsert.run({
      id: record.id,
      text: record.text,
      date: record.date,
      score: record.score,
      scoreType: record.scoreType,
      scoreBand: record.scoreBand,
      segment: record.segment,
      channel: record.channel,
      accountId: record.accountId,
      revenue: record.revenue,
      metadata: JSON.stringify(record.metadata),
      result: JSON.stringify(result),
      sentimentLabel: result.sentiment.label,
      sentimentScore: result.sentiment.score,
      sentimentConfidence: result.sentiment.confidence,
      churnRisk: result.signals.churnRisk,
      effort: result.signals.effort,
      urgency: result.signals.urgency,
      actionable: result.signals.actionable ? 1 : 0,
      now,
      day: analytics.day,
      themeIds: analytics.themeIds,
      stageIds: analytics.stageIds,
      language: languageOf(result),
    });
    statements.deleteThemes.run(record.id);
    statements.deleteStages.run(record.id);
    for (const mention of analytics.mentions) {
      statements.insertTheme.run(
        record.id, mention.themeId, mention.label, mention.stage, mention.sentimentLabel, mention.sentimentScore,
        record.date, analytics.day, record.scoreType, record.score, record.segment, record.channel, record.accountId, record.revenue,
        mention.stageFirst ? 1 : 0, mention.stageSentimentLabel, mention.stageSentimentScore, languageOf(result),
      );
    }
    for (const stage of distinctBy(result.stages, (item) => item.id)) {
      statements.insertStage.run(record.id, stage.id, stage.sentiment.label, stage.sentiment.score);
    }
    return existed;
  };

  const writeAll = db.transaction((records: NormalizedRecord[]): UpsertSummary => {
    const now = new Date().toISOString();
    const summary: UpsertSummary = { inserted: 0, updated: 0 };
    const ids = JSON.stringify([...new Set(records.map((record) => record.id))]);
    applyRollups(rollups.subtract, ids);
    for (const record of records) {
      if (writeRecord(record, now)) summary.updated += 1;
      else summary.inserted += 1;
    }
    applyRollups(rollups.add, ids);
    for (const statement of rollups.recompute) statement.run();
    return summary;
  });

  /** Runs a store operation; anything that is not already a VerbatimError becomes VERBATIM_E_STORE. */
  const guard = async <T>(operation: string, work: () => T): Promise<T> => {
    try {
      return work();
    } catch (error) {
      if (error instanceof VerbatimError) throw error;
      throw new VerbatimError('VERBATIM_E_STORE', { path: file, detail: `${operation} failed: ${(error as Error).message}` }, { cause: error });
    }
  };

  const conditions = {
    records: (filter: FeedbackFilter) => buildFilterCondition(filter),
    mentions: (filter: FeedbackFilter) => buildMentionCondition(filter),
    languageSource: 'feedback f INDEXED BY feedback_language_scores',
  };
  const runAnalytics = (sql: string, params: readonly unknown[]) => guard('analytics', () => db.prepare(sql).all(...params) as Record<string, unknown>[]);
  const analytics = createRollupAnalytics(runAnalytics, createSqlAnalytics(runAnalytics, conditions));
  const reads = createFeedbackReads(
    (sql, params) => guard('read', () => db.prepare(sql).all(...params) as Record<string, unknown>[]),
    conditions,
    (row) => toItem(row as unknown as FeedbackRow),
  );

  return {
    ...createSqliteManagement(db, guard),
    ...analytics,
    ...createRollupDashboard(runAnalytics, conditions.records, { ...createSqliteDashboardQueries(db, guard), countByTheme: (filter) => reads.countByTheme(filter) }),

    upsertFeedback: (records) =>
      guard('upsertFeedback', () => {
        if (!Array.isArray(records)) {
          throw new VerbatimError('VERBATIM_E_INVALID_FEEDBACK', { id: '(batch)', field: '(records)', detail: 'must be an array', found: typeof records });
        }
        // BEGIN IMMEDIATE: with several writer processes (queue workers), a deferred transaction that
        // upgrades its read lock fails at once with SQLITE_BUSY instead of waiting for busy_timeout.
        return writeAll.immediate(records.map((record: FeedbackRecord) => normalizeFeedbackRecord(record)));
      }),

    getFeedback: (id) =>
      guard('getFeedback', () => {
        const row = statements.get.get(id) as FeedbackRow | undefined;
        return row ? toItem(row) : null;
      }),

    listFeedback: (filter: FeedbackFilter = {}, page: PageRequest = {}) => reads.listFeedback(filter, page),

    countFeedback: (filter: FeedbackFilter = {}) =>
      guard('countFeedback', () => {
        const condition = buildFilterCondition(filter);
        return db.prepare(`SELECT COUNT(*) FROM feedback f WHERE ${condition.sql}`).pluck().get(...condition.params) as number;
      }),

    facts: (filter: FeedbackFilter = {}) => reads.facts(filter),

    close: () =>
      guard('close', () => {
        if (db.open) db.close();
      }),
  };
}
