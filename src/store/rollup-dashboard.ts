/**
 * The dashboard's aggregates over the write-time rollups (rollup-writes.ts): facet counts,
 * per-theme counts and mean sentiment, per-theme mentions per day. The date range of the
 * facets still comes from the records (MIN and MAX of an indexed date are one index probe
 * each); filters rollups cannot answer go to the record queries unchanged.
 */
import type { QueryRunner } from './analytics-sql.js';
import type { SqlCondition } from './filter-sql.js';
import { keyValue, rollupSliceOf, sliceCondition } from './rollup-slice.js';
import { MAX_FACET_VALUES } from './sqlite-dashboard-queries.js';
import type { FacetCount, FeedbackFilter, FeedbackStore } from './store.js';

type DashboardReads = Pick<FeedbackStore, 'feedbackFacets' | 'themeDayCounts' | 'countByTheme'>;

/**
 * The dashboard reads over rollups, falling back to `records` (the queries over stored rows).
 * @example createRollupDashboard(run, (filter) => buildFilterCondition(filter), { ...dashboardQueries, countByTheme: reads.countByTheme })
 */
export function createRollupDashboard(run: QueryRunner, recordCondition: (filter: FeedbackFilter) => SqlCondition, records: DashboardReads): DashboardReads {
  return {
    async feedbackFacets(filter = {}) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.feedbackFacets(filter);
      const facet = async (grouped: 'segment' | 'channel' | null): Promise<FacetCount[]> => {
        const part = sliceCondition(slice, 'mixed', grouped);
        const key = grouped === null ? 'r.score_type_key' : `r.${grouped}_key`;
        const missing = grouped === null ? `''` : `'-'`;
        const rows = await run(
          `SELECT ${key} AS value, SUM(r.n) AS count FROM rollup_records r WHERE ${part.sql} AND ${key} <> ${missing}
           GROUP BY ${key} HAVING SUM(r.n) > 0 ORDER BY count DESC, value LIMIT ?`,
          [...part.params, MAX_FACET_VALUES],
        );
        return rows.map((row) => ({ value: grouped === null ? String(row.value) : keyValue(row.value)!, count: Number(row.count) }));
      };
      const total = sliceCondition(slice, 'mixed');
      const dates = recordCondition(filter);
      const [[counted], [range], segments, channels, scoreTypes] = await Promise.all([
        run(`SELECT SUM(r.n) AS total FROM rollup_records r WHERE ${total.sql}`, total.params),
        run(
          `SELECT (SELECT MIN(f.date) FROM feedback f WHERE ${dates.sql}) AS first, (SELECT MAX(f.date) FROM feedback f WHERE ${dates.sql}) AS last`,
          [...dates.params, ...dates.params],
        ),
        facet('segment'),
        facet('channel'),
        facet(null),
      ]);
      const date = (value: unknown) => (value === null || value === undefined ? null : String(value));
      return { total: Number(counted?.total ?? 0), first: date(range?.first), last: date(range?.last), segments, channels, scoreTypes };
    },

    async countByTheme(filter = {}) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.countByTheme(filter);
      const part = sliceCondition(slice, 'mixed');
      const rows = await run(
        `SELECT r.driver AS theme_id, MAX(CASE WHEN r.n > 0 THEN r.label END) AS label, MAX(CASE WHEN r.n > 0 THEN r.stage END) AS stage,
           SUM(r.n) AS count, SUM(r.sentiment_sum) AS sentiment
         FROM rollup_drivers r WHERE r.level = 'theme' AND ${part.sql} GROUP BY r.driver HAVING SUM(r.n) > 0 ORDER BY count DESC, theme_id`,
        part.params,
      );
      return rows.map((row) => ({
        themeId: String(row.theme_id),
        label: String(row.label),
        stage: String(row.stage),
        count: Number(row.count),
        meanSentiment: Number(row.sentiment) / Number(row.count),
      }));
    },

    async themeDayCounts(filter = {}) {
      const slice = rollupSliceOf(filter);
      if (slice === null) return records.themeDayCounts(filter);
      const part = sliceCondition(slice, 'day');
      const rows = await run(
        `SELECT r.driver AS theme_id, r.bucket AS day, SUM(r.n) AS count FROM rollup_drivers r WHERE r.level = 'theme' AND ${part.sql}
         GROUP BY r.driver, r.bucket HAVING SUM(r.n) > 0 ORDER BY theme_id, day`,
        part.params,
      );
      return rows.map((row) => ({ themeId: String(row.theme_id), day: String(row.day), count: Number(row.count) }));
    },
  };
}
