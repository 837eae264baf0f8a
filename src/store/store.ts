/**
 * The feedback store's interface: what the server, the CLI and the analytics read and write. It
 * names no database type and every method is async, so the embedded SQLite store
 * (sqlite-store.ts) and the PostgreSQL store (postgres/) stand behind it unchanged.
 */
import type { AnalysisResult, JourneyStageId, SentimentLabel } from '../contract.js';
import type { FeedbackFact, ScoreBand, ScoreType } from '../metrics/types.js';
import type { AnalyticsStore } from './analytics-store.js';
import type { ManagementStore } from './management-store.js';

export type { FeedbackFact, ScoreBand, ScoreType };

/** One piece of feedback as it is ingested: the customer's record plus the engine's analysis. */
export interface FeedbackRecord {
  /** Idempotency key: writing the same id again replaces the record, never duplicates it. */
  id: string;
  text: string;
  /** ISO 8601 date (`2026-03-01`) or date-time (`2026-03-01T10:15:00Z`); stored as UTC date-time. */
  date: string;
  /** A whole number on the scale of `scoreType`: NPS 0-10, CSAT 1-5, CES 1-7. */
  score?: number | null;
  scoreType?: ScoreType | null;
  segment?: string | null;
  channel?: string | null;
  accountId?: string | null;
  /** Revenue of the account (any currency, non-negative), for revenue-at-risk. */
  revenue?: number | null;
  metadata?: Record<string, unknown> | null;
  result: AnalysisResult;
}

/** A stored record as listings return it, with the analysis (and its evidence spans) attached. */
export interface FeedbackItem {
  id: string;
  text: string;
  /** UTC date-time, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  date: string;
  score: number | null;
  scoreType: ScoreType | null;
  /** Where the score falls (see score-bands.ts); null without a score. */
  scoreBand: ScoreBand | null;
  segment: string | null;
  channel: string | null;
  accountId: string | null;
  revenue: number | null;
  metadata: Record<string, unknown>;
  result: AnalysisResult;
  createdAt: string;
  updatedAt: string;
}

/**
 * Narrows listings, facts and counts. Every field is optional (an empty string counts as absent);
 * given fields must all hold. Unknown labels or malformed dates are VERBATIM_E_INVALID_QUERY.
 */
export interface FeedbackFilter {
  /** A theme id the comment mentions. */
  theme?: string;
  /** A journey stage the comment touches (one of `result.stages`). */
  stage?: JourneyStageId;
  /** The comment's overall sentiment label. */
  sentiment?: SentimentLabel;
  segment?: string;
  channel?: string;
  scoreType?: ScoreType;
  /** Score band on the record's own scale (see score-bands.ts for CSAT and CES). */
  scoreBand?: ScoreBand;
  accountId?: string;
  /** The language the comment was read in (ISO 639-1, AnalysisResult.language): 'en', 'fr', ... */
  language?: string;
  /** Inclusive lower bound, ISO date or date-time. */
  from?: string;
  /** Inclusive upper bound; a bare date includes that whole day (UTC). */
  to?: string;
  /**
   * Full-text query: words must all occur (stemmed, case- and accent-insensitive); a
   * "double-quoted" part must occur as a phrase.
   */
  query?: string;
}

export interface PageRequest {
  /** Items per page, 1..MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when absent. */
  limit?: number;
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor?: string | null;
}

/** A page of a listing, newest first (date descending, then id descending). */
export interface FeedbackPage {
  items: FeedbackItem[];
  /** Opaque; pass it back for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

/** Mentions of one theme within a filter, aggregated in the database. */
export interface ThemeCount {
  themeId: string;
  label: string;
  stage: string;
  /** Comments mentioning the theme. */
  count: number;
  /** Mean theme sentiment score over those comments, in [-1, 1]. */
  meanSentiment: number;
}

/** One value of a facet column (segment, channel, score type) and the records holding it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** What the dashboard's filter bar offers: the records' date range and facet values, most frequent first. */
export interface FeedbackFacets {
  total: number;
  /** Oldest and newest record date (UTC ISO); null when no record matches. */
  first: string | null;
  last: string | null;
  segments: FacetCount[];
  channels: FacetCount[];
  scoreTypes: FacetCount[];
}

/** Records mentioning a theme on one UTC day (`YYYY-MM-DD`): the grain of the dashboard's sparklines. */
export interface ThemeDayCount {
  themeId: string;
  day: string;
  count: number;
}

/**
 * The store. Methods throw VerbatimError only: INVALID_FEEDBACK, INVALID_QUERY, STORE. The
 * taxonomy, job and alert methods are declared in management-store.ts, the aggregates of the
 * analytics routes in analytics-store.ts.
 */
export interface FeedbackStore extends ManagementStore, AnalyticsStore {
  /**
   * Inserts or replaces records by id, all in one transaction: every record is validated first,
   * and one invalid record rejects the batch with nothing written. A record's theme and stage
   * rows are replaced with those of its new analysis.
   */
  upsertFeedback(records: readonly FeedbackRecord[]): Promise<UpsertSummary>;
  /** One stored record, or null. */
  getFeedback(id: string): Promise<FeedbackItem | null>;
  /** A page of records matching the filter, newest first, with keyset cursor pagination. */
  listFeedback(filter?: FeedbackFilter, page?: PageRequest): Promise<FeedbackPage>;
  /** How many records match the filter. */
  countFeedback(filter?: FeedbackFilter): Promise<number>;
  /** Compact rows for the metric functions (src/metrics), oldest first. */
  facts(filter?: FeedbackFilter): Promise<FeedbackFact[]>;
  /** Per-theme counts and mean sentiment over the filter, most mentioned first. */
  countByTheme(filter?: FeedbackFilter): Promise<ThemeCount[]>;
  /** Dashboard: date range, total and facet values (segments, channels, score types) over the filter. */
  feedbackFacets(filter?: FeedbackFilter): Promise<FeedbackFacets>;
  /** Dashboard: per-theme mention counts per UTC day over the filter, aggregated in the database. */
  themeDayCounts(filter?: FeedbackFilter): Promise<ThemeDayCount[]>;
  /** Closes the database; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Items per page when a listing asks for none. */
export const DEFAULT_PAGE_SIZE = 50;

/** Largest page: 500 results with evidence spans stay well under a megabyte of JSON. */
export const MAX_PAGE_SIZE = 500;
