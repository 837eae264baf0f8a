/**
 * The feedback store: an interface (store.ts) and its embedded SQLite implementation. A later
 * PostgreSQL store will be chosen here by the path's scheme; callers only see FeedbackStore.
 */
export * from './store.js';
export * from './management-store.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { scoreBandOf, SCORE_SCALES, type ScoreScale } from './score-bands.js';
export { normalizeFeedbackRecord, MAX_ID_LENGTH, MAX_LABEL_LENGTH } from './validate-record.js';
export { parseIsoDate } from './iso-date.js';

import { VerbatimError } from '../errors.js';
import { openSqliteStore } from './sqlite-store.js';
import type { FeedbackStore } from './store.js';

/**
 * Opens the store a location names: a file path (or `:memory:`) is the embedded SQLite store.
 * `postgres://` URLs are reserved for the PostgreSQL store, which does not exist yet.
 * @example
 * const store = await openStore(process.env.VERBATIM_DB ?? 'data/verbatim.db');
 */
export async function openStore(location: string): Promise<FeedbackStore> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new VerbatimError('VERBATIM_E_STORE', { path: '(postgres url)', detail: 'the PostgreSQL store is not implemented yet' });
  }
  return openSqliteStore(location);
}
