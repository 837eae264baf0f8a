/**
 * The feedback store: an interface (store.ts) with two implementations, the embedded SQLite
 * default and PostgreSQL, chosen here by the location's scheme; callers only see FeedbackStore.
 */
export * from './store.js';
export * from './management-store.js';
export * from './analytics-store.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { redactUrl } from './postgres/connection.js';
export { overallMetric, groupedMetric, driverAnalysis, trendReport } from './analytics-reports.js';
export { scoreBandOf, SCORE_SCALES, type ScoreScale } from './score-bands.js';
export { normalizeFeedbackRecord, MAX_ID_LENGTH, MAX_LABEL_LENGTH } from './validate-record.js';
export { parseIsoDate } from './iso-date.js';

import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { FeedbackStore } from './store.js';

/** True when a store location is a PostgreSQL URL rather than a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the store a location names: a `postgres://` or `postgresql://` URL is the PostgreSQL
 * store (shared by any number of instances); a file path (or `:memory:`) the embedded SQLite one.
 * @example
 * const store = await openStore(process.env.VERBATIM_DB ?? 'data/verbatim.db');
 */
export async function openStore(location: string): Promise<FeedbackStore> {
  return isPostgresUrl(location) ? openPostgresStore(location) : openSqliteStore(location);
}
