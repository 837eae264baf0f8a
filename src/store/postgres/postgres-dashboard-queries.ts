/**
 * The dashboard's aggregates on PostgreSQL, with the results of sqlite-dashboard-queries.ts:
 * facets of the stored feedback and per-theme mention counts per UTC day.
 */
import { MAX_FACET_VALUES } from '../sqlite-dashboard-queries.js';
import type { SqlCondition } from '../filter-sql.js';
import type { FacetCount, FeedbackFacets, FeedbackFilter, FeedbackStore, ThemeDayCount } from '../store.js';
import type { PostgresGuard } from './connection.js';

type Query = <T>(sql: string, params: readonly unknown[]) => Promise<T[]>;

/** The dashboard query methods over a `?`-placeholder query function and the PostgreSQL filter builder. */
export function createPostgresDashboardQueries(
  query: Query,
  conditionOf: (filter: FeedbackFilter) => SqlCondition,
  guard: PostgresGuard,
): Pick<FeedbackStore, 'feedbackFacets' | 'themeDayCounts'> {
  const facet = (column: string, condition: SqlCondition): Promise<FacetCount[]> =>
    query<FacetCount>(
      `SELECT f.${column} AS value, COUNT(*) AS count FROM feedback f
       WHERE ${condition.sql} AND f.${column} IS NOT NULL GROUP BY f.${column} ORDER BY count DESC, value LIMIT ?`,
      [...condition.params, MAX_FACET_VALUES],
    );

  return {
    feedbackFacets: (filter: FeedbackFilter = {}) =>
      guard('feedbackFacets', async (): Promise<FeedbackFacets> => {
        const condition = conditionOf(filter);
        const [range] = await query<{ total: number; first: string | null; last: string | null }>(
          `SELECT COUNT(*) AS total, MIN(f.date) AS first, MAX(f.date) AS last FROM feedback f WHERE ${condition.sql}`,
          condition.params,
        );
        return {
          total: range?.total ?? 0,
          first: range?.first ?? null,
          last: range?.last ?? null,
          segments: await facet('segment', condition),
          channels: await facet('channel', condition),
          scoreTypes: await facet('score_type', condition),
        };
      }),

    themeDayCounts: (filter: FeedbackFilter = {}) =>
      guard('themeDayCounts', async () => {
        const condition = conditionOf(filter);
        return query<ThemeDayCount>(
          `SELECT t.theme_id AS "themeId", substr(f.date, 1, 10) AS day, COUNT(*) AS count
           FROM feedback_themes t JOIN feedback f ON f.id = t.feedback_id WHERE ${condition.sql}
           GROUP BY 1, 2 ORDER BY 1, 2`,
          condition.params,
        );
      }),
  };
}
