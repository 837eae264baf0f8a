/**
 * Query parameters and response pieces shared by the analytics routes (metrics, drivers, trends):
 * the common filters and the metric shape. Not a route plugin itself.
 */
import { z } from 'zod';
import { JOURNEY_STAGES, LANGUAGE_CODE_PATTERN } from '../../contract.js';
import { LANGUAGE_CODES_TEXT } from '../schemas.js';
import { INTERVALS } from '../../metrics/periods.js';
import { SCORE_TYPES } from '../../metrics/types.js';
import type { FeedbackFilter } from '../../store/index.js';

/** The metric every analytics route computes unless told otherwise. */
export const DEFAULT_METRIC = 'nps';

export const MetricParameter = z.enum(SCORE_TYPES).default(DEFAULT_METRIC).describe('nps (0-10), csat (1-5) or ces (1-7)');
export const IntervalParameter = z.enum(INTERVALS).default('week').describe('Calendar period (UTC; weeks are ISO weeks)');

/** Filters every analytics route accepts; they narrow the feedback before any computation. */
export const AnalyticsFilterShape = {
  from: z.string().optional().describe('Inclusive, ISO date or date-time'),
  to: z.string().optional().describe('Inclusive; a bare date includes the whole day (UTC)'),
  segment: z.string().optional(),
  channel: z.string().optional(),
  theme: z.string().optional().describe('Only feedback mentioning this theme id'),
  stage: z.enum(JOURNEY_STAGES).optional().describe('Only feedback touching this journey stage'),
  language: z.string().regex(LANGUAGE_CODE_PATTERN).optional().describe(`Only feedback read in this language (${LANGUAGE_CODES_TEXT})`),
};

/** The store filter of the common parameters. */
export function filterOf(query: { from?: string; to?: string; segment?: string; channel?: string; theme?: string; stage?: FeedbackFilter['stage']; language?: string }): FeedbackFilter {
  const { from, to, segment, channel, theme, stage, language } = query;
  return { from, to, segment, channel, theme, stage, language };
}

export const ConfidenceIntervalSchema = z
  .object({ low: z.number(), high: z.number() })
  .nullable()
  .describe('95% interval in the metric unit; null without scores. Wide on small groups: read with care');

export const ScoreCountsSchema = z.object({
  promoter: z.number().int(),
  passive: z.number().int(),
  detractor: z.number().int(),
  invalid: z.number().int().describe('Scores off the scale, ignored'),
});

/** One metric value: NPS in points (-100..100), CSAT in percent, CES as the mean on 1-7. */
export const MetricValueSchema = z.object({
  metric: z.enum(SCORE_TYPES),
  value: z.number().nullable().describe('null when no valid score was found'),
  n: z.number().int().describe('Valid scores read'),
  ci: ConfidenceIntervalSchema,
  counts: ScoreCountsSchema,
});
