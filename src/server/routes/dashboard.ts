/**
 * Aggregates the analyst dashboard needs and no other route offers: the filter bar's facets
 * (date range, segments, channels, score types, themes), per-theme counts per period for the
 * themes table's sparklines, and the count of a comment listing. All are computed in the store
 * (GROUP BY / COUNT), so their cost does not depend on how many records the browser would see.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodKeyOf, periodRange, parseDate } from '../../metrics/periods.js';
import { COMMON_ERROR_RESPONSES } from '../errors.js';
import { FeedbackQuerySchema } from '../schemas.js';
import { AnalyticsFilterShape, filterOf, IntervalParameter } from './analytics-filters.js';

/** Most periods a sparkline series holds (two years of weeks); longer ranges keep the latest. */
export const MAX_SERIES_PERIODS = 104;

const FacetCountSchema = z.object({ value: z.string(), count: z.number().int() });

export const DashboardFacetsSchema = z
  .object({
    total: z.number().int(),
    first: z.string().nullable().describe('Oldest record date; null when the store is empty'),
    last: z.string().nullable().describe('Newest record date: the anchor of "last N months" periods'),
    segments: z.array(FacetCountSchema),
    channels: z.array(FacetCountSchema),
    scoreTypes: z.array(FacetCountSchema),
    themes: z.array(
      z.object({ id: z.string(), label: z.string(), stage: z.string(), count: z.number().int(), meanSentiment: z.number() }),
    ),
  })
  .describe('DashboardFacets');

export const ThemeSeriesSchema = z
  .object({
    interval: IntervalParameter,
    periods: z.array(z.string()).describe('Period keys in time order, empty periods included'),
    themes: z.array(z.object({ id: z.string(), counts: z.array(z.number().int()).describe('Mentions per period, aligned with periods') })),
  })
  .describe('ThemeSeries');

const CountQuerySchema = FeedbackQuerySchema.omit({ limit: true, cursor: true });

/** Registers GET /dashboard/facets, /dashboard/theme-series and /dashboard/count. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard/facets',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Date range, segments, channels, score types and themes of the stored feedback',
        querystring: z.strictObject(AnalyticsFilterShape),
        response: { 200: DashboardFacetsSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const filter = filterOf(request.query);
      const [facets, themes] = await Promise.all([app.store.feedbackFacets(filter), app.store.countByTheme(filter)]);
      return { ...facets, themes: themes.map((theme) => ({ id: theme.themeId, label: theme.label, stage: theme.stage, count: theme.count, meanSentiment: theme.meanSentiment })) };
    },
  );

  app.get(
    '/dashboard/theme-series',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Mentions of every theme per period (sparklines), counted in the database',
        querystring: z.strictObject({ interval: IntervalParameter, ...AnalyticsFilterShape }),
        response: { 200: ThemeSeriesSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { interval, ...filters } = request.query;
      const rows = await app.store.themeDayCounts(filterOf(filters));
      if (rows.length === 0) return { interval, periods: [], themes: [] };
      let first = rows[0]!.day;
      let last = first;
      for (const row of rows) {
        if (row.day < first) first = row.day;
        if (row.day > last) last = row.day;
      }
      // The requested range, not only the days with mentions, so a quiet start or end shows as zeros.
      const start = parseDate(filters.from ?? '') ?? parseDate(first)!;
      const end = parseDate(filters.to ?? '') ?? parseDate(last)!;
      const periods = periodRange(start, end, interval).slice(-MAX_SERIES_PERIODS);
      const position = new Map(periods.map((key, index) => [key, index]));
      const series = new Map<string, number[]>();
      for (const row of rows) {
        const index = position.get(periodKeyOf(row.day, interval) ?? '');
        if (index === undefined) continue;
        let counts = series.get(row.themeId);
        if (counts === undefined) {
          counts = new Array<number>(periods.length).fill(0);
          series.set(row.themeId, counts);
        }
        counts[index]! += row.count;
      }
      return { interval, periods, themes: [...series].map(([id, counts]) => ({ id, counts })) };
    },
  );

  app.get(
    '/dashboard/count',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'How many records a GET /v1/feedback listing with the same filters holds',
        querystring: CountQuerySchema,
        response: { 200: z.object({ count: z.number().int() }), ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { band, q, ...filter } = request.query;
      return { count: await app.store.countFeedback({ ...filter, scoreBand: band, query: q }) };
    },
  );
};
