/**
 * Conversions between the store's two shapes of a piece of feedback, shared by the SQLite and
 * PostgreSQL stores and by the re-tag jobs (in process and queued).
 */
import type { AnalysisResult } from '../contract.js';
import type { ScoreBand, ScoreType } from '../metrics/types.js';
import type { FeedbackItem, FeedbackRecord } from './store.js';

/**
 * The ON CONFLICT clause of both stores' feedback upsert: a re-posted id replaces every field but
 * its created_at (the id is the idempotency key).
 */
export const FEEDBACK_UPSERT_CONFLICT = `ON CONFLICT (id) DO UPDATE SET
  text = excluded.text, date = excluded.date, score = excluded.score, score_type = excluded.score_type,
  score_band = excluded.score_band, segment = excluded.segment, channel = excluded.channel,
  account_id = excluded.account_id, revenue = excluded.revenue, metadata = excluded.metadata,
  result = excluded.result, sentiment_label = excluded.sentiment_label,
  sentiment_score = excluded.sentiment_score, sentiment_confidence = excluded.sentiment_confidence,
  churn_risk = excluded.churn_risk, effort = excluded.effort, urgency = excluded.urgency,
  actionable = excluded.actionable, updated_at = excluded.updated_at, day = excluded.day,
  theme_ids = excluded.theme_ids, stage_ids = excluded.stage_ids, language = excluded.language`;

/** The language a result was read in; results stored before the field existed were read as English. */
export function languageOf(result: AnalysisResult): string {
  return (result as { language?: string }).language ?? 'en';
}

/** The customer's fields of a stored item, ready to be re-analyzed and upserted again. */
export function recordFieldsOf(item: FeedbackItem): Omit<FeedbackRecord, 'result'> {
  return {
    id: item.id,
    text: item.text,
    date: item.date,
    score: item.score,
    scoreType: item.scoreType,
    segment: item.segment,
    channel: item.channel,
    accountId: item.accountId,
    revenue: item.revenue,
    metadata: item.metadata,
  };
}

/** A `feedback` row as both stores select it (ITEM_COLUMNS); JSON columns as the driver returns them. */
export interface FeedbackItemRow<Json> {
  id: string;
  text: string;
  date: string;
  score: number | null;
  score_type: ScoreType | null;
  score_band: ScoreBand | null;
  segment: string | null;
  channel: string | null;
  account_id: string | null;
  revenue: number | null;
  metadata: Json;
  result: Json;
  created_at: string;
  updated_at: string;
}

/**
 * The listing shape of a row; `decode` turns a JSON column into its value (JSON.parse for SQLite's
 * text, the identity for PostgreSQL's jsonb, which pg has already parsed).
 */
export function itemOfRow<Json>(row: FeedbackItemRow<Json>, decode: (value: Json) => unknown): FeedbackItem {
  return {
    id: row.id,
    text: row.text,
    date: row.date,
    score: row.score,
    scoreType: row.score_type,
    scoreBand: row.score_band,
    segment: row.segment,
    channel: row.channel,
    accountId: row.account_id,
    revenue: row.revenue,
    metadata: decode(row.metadata) as Record<string, unknown>,
    result: decode(row.result) as AnalysisResult,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
