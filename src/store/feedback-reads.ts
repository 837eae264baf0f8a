/**
 * The FeedbackStore reads that are the same SQL on SQLite and PostgreSQL (`?` placeholders, quoted
 * aliases): a keyset page of records, the facts for the metric functions and per-theme counts.
 * Each store passes its query runner (which guards errors) and its filter builders, as it does for
 * createSqlAnalytics.
 */
import type { FeedbackFact, ThemeFact } from '../metrics/types.js';
import { VerbatimError } from '../errors.js';
import { mentionSource, type AnalyticsConditions, type QueryRunner } from './analytics-sql.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type FeedbackFilter, type FeedbackItem, type FeedbackPage, type PageRequest, type ThemeCount } from './store.js';

/** The columns of a listed record, in the order FeedbackItemRow names them. */
export const ITEM_COLUMNS = `f.id, f.text, f.date, f.score, f.score_type, f.score_band, f.segment, f.channel,
  f.account_id, f.revenue, f.metadata, f.result, f.created_at, f.updated_at`;

/** The page size asked for, or VERBATIM_E_INVALID_QUERY. */
function checkLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new VerbatimError('VERBATIM_E_INVALID_QUERY', { field: 'limit', detail: `must be a whole number from 1 to ${MAX_PAGE_SIZE}`, found: String(limit) });
  }
  return limit;
}

/** Groups theme mention rows by their record. */
function themesByRecord(rows: readonly Record<string, unknown>[]): Map<string, ThemeFact[]> {
  const byId = new Map<string, ThemeFact[]>();
  for (const row of rows) {
    const id = row.feedback_id as string;
    const list = byId.get(id) ?? [];
    list.push({
      id: row.theme_id as string,
      label: row.theme_label as string,
      stage: row.stage as string,
      sentimentScore: row.sentiment_score as number,
      sentimentLabel: row.sentiment_label as ThemeFact['sentimentLabel'],
    });
    byId.set(id, list);
  }
  return byId;
}

/** A fact row with its themes; absent optional columns are left out, as the metric functions expect. */
function factOf(row: Record<string, unknown>, themes: ThemeFact[]): FeedbackFact {
  const fact: FeedbackFact = {
    id: row.id as string,
    date: row.date as string,
    score: row.score as number | null,
    sentiment: { label: row.sentiment_label as FeedbackFact['sentiment']['label'], score: row.sentiment_score as number },
    themes,
    churnRisk: row.churn_risk as number,
    revenue: row.revenue as number | null,
    language: row.language as string,
  };
  if (row.score_type !== null) fact.scoreType = row.score_type as NonNullable<FeedbackFact['scoreType']>;
  if (row.segment !== null) fact.segment = row.segment as string;
  if (row.channel !== null) fact.channel = row.channel as string;
  if (row.account_id !== null) fact.accountId = row.account_id as string;
  return fact;
}

/**
 * listFeedback, facts and countByTheme over a runner; `toItem` decodes a row of ITEM_COLUMNS.
 * @example const reads = createFeedbackReads(run, { records, mentions }, toItem); await reads.listFeedback({}, { limit: 10 });
 */
export function createFeedbackReads(run: QueryRunner, conditions: AnalyticsConditions, toItem: (row: Record<string, unknown>) => FeedbackItem) {
  return {
    async listFeedback(filter: FeedbackFilter = {}, page: PageRequest = {}): Promise<FeedbackPage> {
      const limit = checkLimit(page.limit);
      const condition = conditions.records(filter);
      let sql = `SELECT ${ITEM_COLUMNS} FROM feedback f WHERE ${condition.sql}`;
      const params = [...condition.params];
      if (page.cursor !== undefined && page.cursor !== null && page.cursor !== '') {
        const after = decodeCursor(page.cursor);
        sql += ' AND (f.date < ? OR (f.date = ? AND f.id < ?))';
        params.push(after.date, after.date, after.id);
      }
      sql += ' ORDER BY f.date DESC, f.id DESC LIMIT ?';
      params.push(limit + 1);
      const rows = await run(sql, params);
      const items = rows.slice(0, limit).map(toItem);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ date: last.date, id: last.id }) : null };
    },

    async facts(filter: FeedbackFilter = {}): Promise<FeedbackFact[]> {
      const condition = conditions.records(filter);
      const [themeRows, rows] = await Promise.all([
        run(
          `SELECT t.feedback_id, t.theme_id, t.theme_label, t.stage, t.sentiment_label, t.sentiment_score
           FROM feedback_themes t JOIN feedback f ON f.id = t.feedback_id WHERE ${condition.sql}`,
          condition.params,
        ),
        run(
          `SELECT f.id, f.date, f.score, f.score_type, f.segment, f.channel, f.account_id, f.revenue,
             f.sentiment_label, f.sentiment_score, f.churn_risk, f.language
           FROM feedback f WHERE ${condition.sql} ORDER BY f.date, f.id`,
          condition.params,
        ),
      ]);
      const themes = themesByRecord(themeRows);
      return rows.map((row) => factOf(row, themes.get(row.id as string) ?? []));
    },

    async countByTheme(filter: FeedbackFilter = {}): Promise<ThemeCount[]> {
      // Mention rows carry the record's date and filter columns: read alone when the filter allows.
      const { from, condition } = mentionSource(conditions, filter);
      const rows = await run(
        `SELECT t.theme_id AS "themeId", MAX(t.theme_label) AS label, MAX(t.stage) AS stage, COUNT(*) AS count,
           AVG(t.sentiment_score) AS "meanSentiment"
         FROM ${from} WHERE ${condition.sql}
         GROUP BY t.theme_id ORDER BY count DESC, "themeId"`,
        condition.params,
      );
      return rows.map((row) => ({
        themeId: row.themeId as string,
        label: row.label as string,
        stage: row.stage as string,
        count: Number(row.count),
        meanSentiment: Number(row.meanSentiment),
      }));
    },
  };
}
