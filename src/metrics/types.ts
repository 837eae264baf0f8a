/**
 * The input and output shapes of the CX metrics. Inputs are plain arrays of small records so the
 * store can hand over rows (possibly pre-aggregated in SQL) and the HTTP routes can return the
 * outputs as they are; nothing here does I/O.
 */
import type { SentimentLabel } from '../contract.js';

/** The three survey scales: NPS 0-10, CSAT 1-5, CES 1-7 (7 = "very easy", CES 2.0 wording). */
export const SCORE_TYPES = ['nps', 'csat', 'ces'] as const;
export type ScoreType = (typeof SCORE_TYPES)[number];

/** Where a single score falls: NPS names, reused for CSAT and CES (see `band` in score-metrics). */
export const SCORE_BANDS = ['promoter', 'passive', 'detractor'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** One theme mention inside a stored comment. */
export interface ThemeFact {
  id: string;
  /** Human label of the theme, when the caller has it. */
  label?: string;
  /** Journey stage of the theme (a JOURNEY_STAGES id; other strings are accepted as is). */
  stage: string;
  /** Theme sentiment score in [-1, 1]. */
  sentimentScore: number;
  /** Theme sentiment label; derived from `sentimentScore` when absent. */
  sentimentLabel?: SentimentLabel;
}

/** One stored, analyzed piece of feedback: what every metric function reads. */
export interface FeedbackFact {
  id: string;
  /** ISO 8601 date or date-time; periods are computed in UTC. */
  date: string;
  score?: number | null;
  /** The scale of `score`; a fact without one counts for whichever metric is asked for. */
  scoreType?: ScoreType;
  segment?: string;
  channel?: string;
  accountId?: string;
  revenue?: number | null;
  /** The language the comment was read in (AnalysisResult.language: 'en', 'fr', ..., 'und'). */
  language?: string;
  sentiment: { label: SentimentLabel; score: number };
  themes: ThemeFact[];
  churnRisk?: number;
}

/** Per-band tallies of the scores a metric read, plus what it had to skip. */
export interface ScoreCounts {
  promoter: number;
  passive: number;
  detractor: number;
  /** Scores present but outside the scale (or not whole numbers): ignored. */
  invalid: number;
}

/** A confidence interval in the metric's own unit (NPS points, CSAT percent, CES scale). */
export interface ConfidenceInterval {
  low: number;
  high: number;
}

/** One metric over a set of facts; `value` and `ci` are null when no valid score was found. */
export interface ScoreMetric {
  metric: ScoreType;
  value: number | null;
  /** Valid scores read. */
  n: number;
  ci: ConfidenceInterval | null;
  counts: ScoreCounts;
}
