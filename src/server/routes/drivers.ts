/**
 * GET /v1/drivers: where the score is won and lost, per theme or journey stage: volume, share,
 * score among mentioners, sentiment mix, leave-one-out impact, relative importance (Johnson's
 * weights) and revenue at risk. Sorted by impact, most harmful first.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roundNumbers } from '../round-numbers.js';
import { stageLabel } from '../../journey/index.js';
import { z } from 'zod';
import { DRIVER_LEVELS } from '../../metrics/drivers.js';
import { SCORE_TYPES } from '../../metrics/types.js';
import { driverAnalysis } from '../../store/analytics-reports.js';
import { COMMON_ERROR_RESPONSES } from '../errors.js';
import { AnalyticsFilterShape, filterOf, MetricParameter } from './analytics-filters.js';

export const DriversQuerySchema = z.strictObject({
  metric: MetricParameter,
  level: z.enum(DRIVER_LEVELS).default('theme').describe('Drivers are themes or journey stages'),
  sentiment: z
    .enum(['true', 'false'])
    .default('false')
    .describe('Also give each driver its sentiment as a predictor in the relative-importance regression'),
  ...AnalyticsFilterShape,
});

export const DriverSchema = z.object({
  id: z.string().describe('Theme id (level=theme) or stage id (level=stage)'),
  label: z.string().nullable(),
  stage: z.string().nullable(),
  volume: z.number().int().describe('Records mentioning it'),
  share: z.number().describe('volume / all records, 0..1'),
  score: z.number().nullable().describe('The metric among records mentioning it'),
  n: z.number().int().describe('Mentioning records with a valid score'),
  impact: z.number().nullable().describe('overall - score of records NOT mentioning it (NPS: points); negative hurts'),
  relativeImportance: z
    .number()
    .nullable()
    .describe("Johnson's relative weight: share of score variance explained; null when the sample cannot support it"),
  revenueAtRisk: z.number().nullable().describe('Revenue of distinct detractor accounts mentioning it; null without revenue data'),
  sentiment: z.object({ positive: z.number().int(), negative: z.number().int(), neutral: z.number().int(), mixed: z.number().int() }),
});

export const DriversResponseSchema = z
  .object({
    metric: z.enum(SCORE_TYPES),
    level: z.enum(DRIVER_LEVELS),
    overall: z.object({ value: z.number().nullable(), n: z.number().int() }),
    rSquared: z.number().nullable().describe('R² of the relative-importance regression'),
    drivers: z.array(DriverSchema).describe('Most negative impact first'),
  })
  .describe('Drivers');

/** Registers GET /drivers. */
export const driversRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preSerialization', async (_request, _reply, payload) => roundNumbers(payload));
  app.get(
    '/drivers',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Driver analysis per theme or stage: impact, relative importance, revenue at risk',
        querystring: DriversQuerySchema,
        response: { 200: DriversResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { metric, level, sentiment, ...filters } = request.query;
      // Two rounds of SQL aggregates: per-driver sums, then the cross-products of the drivers the
      // sample supports in the relative-importance regression.
      const analysis = await driverAnalysis(app.store, filterOf(filters), { metric, level, includeSentiment: sentiment === 'true' });
      return {
        ...analysis,
        drivers: analysis.drivers.map((driver) => ({
          ...driver,
          // Stage-level drivers are named by the journey's own labels ("Product use").
          label: driver.label ?? (level === 'stage' ? stageLabel(driver.id) : null),
          stage: driver.stage ?? null,
        })),
      };
    },
  );
};
