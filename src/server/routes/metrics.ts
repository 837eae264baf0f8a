/**
 * GET /v1/metrics: NPS, CSAT or CES over the filtered feedback, overall or per theme, stage,
 * segment, channel, language or period, with counts and a 95% interval so small groups are not over-read.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roundNumbers } from '../round-numbers.js';
import { z } from 'zod';
import { GROUP_DIMENSIONS } from '../../metrics/group-by.js';
import { groupedMetric, overallMetric } from '../../store/analytics-reports.js';
import { COMMON_ERROR_RESPONSES } from '../errors.js';
import { AnalyticsFilterShape, filterOf, IntervalParameter, MetricParameter, MetricValueSchema } from './analytics-filters.js';

export const MetricsQuerySchema = z.strictObject({
  metric: MetricParameter,
  groupBy: z.enum(GROUP_DIMENSIONS).optional().describe('Split into groups; absent for one overall value'),
  interval: IntervalParameter.describe('Period length when groupBy=period'),
  ...AnalyticsFilterShape,
});

export const MetricOverallSchema = MetricValueSchema.extend({
  volume: z.number().int().describe('Feedback records read (with or without a score)'),
}).describe('MetricOverall');

export const MetricGroupSchema = MetricValueSchema.extend({
  key: z.string().describe('Theme id, stage, segment, channel, language code (en, fr, ..., und) or period key (2026-03, 2026-W09, 2026-03-02)'),
  label: z.string().optional(),
  stage: z.string().optional(),
  volume: z.number().int(),
});

export const MetricGroupsSchema = z
  .object({
    metric: MetricValueSchema.shape.metric,
    groupBy: z.enum(GROUP_DIMENSIONS),
    interval: IntervalParameter.optional(),
    groups: z.array(MetricGroupSchema).describe('Periods in time order; other groups by scored responses, descending'),
    ungrouped: z.number().int().describe('Records in no group (no theme, no segment, ...; every record has a language)'),
  })
  .describe('MetricGroups');

/** Registers GET /metrics. */
export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preSerialization', async (_request, _reply, payload) => roundNumbers(payload));
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['analytics'],
        summary: 'NPS / CSAT / CES, overall or grouped, with counts and confidence intervals',
        description:
          'NPS = % promoters (9-10) - % detractors (0-6), in points; CSAT = % of 4-5 on 1-5; CES = mean on 1-7. ' +
          'A record counts when its scoreType is the metric or absent. Theme groups overlap (a comment can mention several).',
        querystring: MetricsQuerySchema,
        response: { 200: z.union([MetricGroupsSchema, MetricOverallSchema]), ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { metric, groupBy, interval, ...filters } = request.query;
      // Score histograms per group come from SQL (GROUP BY); periods are rolled up from UTC days.
      const filter = filterOf(filters);
      if (groupBy === undefined) return overallMetric(app.store, filter, metric);
      const grouped = await groupedMetric(app.store, filter, { metric, by: groupBy, interval });
      return { metric, groupBy, ...(grouped.interval ? { interval: grouped.interval } : {}), groups: grouped.groups, ungrouped: grouped.ungrouped };
    },
  );
};
