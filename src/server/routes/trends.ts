/**
 * GET /v1/trends: volume, sentiment and score per period for all feedback, one theme or one
 * stage, plus the themes flagged emerging (two-proportion z-test of the latest window against
 * the history, z >= 2.58 with >= 5 mentions; see src/metrics/trends.ts) or new (first seen in
 * the window, >= 3 mentions).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roundNumbers } from '../round-numbers.js';
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../contract.js';
import { SCORE_TYPES } from '../../metrics/types.js';
import { trendReport } from '../../store/analytics-reports.js';
import { COMMON_ERROR_RESPONSES } from '../errors.js';
import { AnalyticsFilterShape, IntervalParameter, MetricParameter, MetricValueSchema } from './analytics-filters.js';

/** Most periods a trend's emerging window may span. */
export const MAX_WINDOW_PERIODS = 52;

export const TrendsQuerySchema = z.strictObject({
  metric: MetricParameter,
  interval: IntervalParameter,
  windowPeriods: z.coerce.number().int().min(1).max(MAX_WINDOW_PERIODS).default(1).describe('Periods in the latest (emerging) window'),
  ...AnalyticsFilterShape,
  theme: z.string().optional().describe('Trend of this theme (its share of all feedback per period)'),
  stage: z.enum(JOURNEY_STAGES).optional().describe('Trend of this journey stage'),
});

export const TrendPointSchema = z.object({
  period: z.string(),
  volume: z.number().int().describe('Records in scope'),
  total: z.number().int().describe('All records in the period'),
  share: z.number(),
  sentiment: z.number().nullable().describe('Mean sentiment in [-1, 1] (theme/stage sentiment when scoped)'),
  score: MetricValueSchema,
});

export const EmergingThemeSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  stage: z.string().optional(),
  windowCount: z.number().int(),
  windowShare: z.number(),
  historyCount: z.number().int(),
  historyShare: z.number(),
  z: z.number().nullable().describe('Two-proportion z of window share vs history share'),
  emerging: z.boolean(),
  isNew: z.boolean().describe('Not seen before the window'),
});

export const TrendsResponseSchema = z
  .object({
    metric: z.enum(SCORE_TYPES),
    interval: IntervalParameter,
    theme: z.string().nullable(),
    stage: z.string().nullable(),
    points: z.array(TrendPointSchema).describe('Every period from the first record to the last, empty ones included'),
    window: z.object({ first: z.string(), last: z.string() }).nullable().describe('The latest window the emerging test reads'),
    emerging: z.array(EmergingThemeSchema).describe('Themes flagged emerging or new, strongest first'),
  })
  .describe('Trends');

/** Registers GET /trends. */
export const trendsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preSerialization', async (_request, _reply, payload) => roundNumbers(payload));
  app.get(
    '/trends',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Volume, sentiment and score per period, with emerging and new themes',
        querystring: TrendsQuerySchema,
        response: { 200: TrendsResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { metric, interval, windowPeriods, theme, stage, from, to, segment, channel } = request.query;
      // theme/stage scope the series, not the filter: each period's share needs all its records.
      // Per-day sums come from SQL; the emerging window's theme counts from a second query.
      const { series, emerging: report } = await trendReport(
        app.store,
        { from, to, segment, channel },
        { metric, interval, theme: theme || undefined, stage, windowPeriods },
      );
      return {
        metric,
        interval,
        theme: theme || null,
        stage: stage ?? null,
        points: series.points,
        window: report.window,
        emerging: report.themes.filter((candidate) => candidate.emerging || candidate.isNew),
      };
    },
  );
};
