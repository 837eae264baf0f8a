/**
 * The feedback store: an interface (store.ts) and its embedded SQLite implementation. A later
 * PostgreSQL store will be chosen here by the path's scheme; callers only see FeedbackStore.
 */
export * from './store.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { scoreBandOf, SCORE_SCALES, type ScoreScale } from './score-bands.js';
export { normalizeFeedbackRecord, MAX_ID_LENGTH, MAX_LABEL_LENGTH } from './validate-record.js';
export { parseIsoDate } from './iso-date.js';
