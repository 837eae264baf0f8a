/**
 * Turns a FeedbackFilter into a SQL condition over `feedback f` with positional `?` parameters.
 * Everything but the full-text clause is plain SQL that PostgreSQL reads too (with `?` rewritten
 * to `$n`); the `dialect` picks FTS5 MATCH or a PostgreSQL tsquery. Filter values are checked
 * here: an unknown label or a malformed date is VERBATIM_E_INVALID_QUERY, not an empty result.
 */
import { JOURNEY_STAGES, LANGUAGE_CODE_PATTERN, SENTIMENT_LABELS } from '../contract.js';
import { describeValue, VerbatimError } from '../errors.js';
import { SCORE_BANDS, SCORE_TYPES } from '../metrics/types.js';
import { nextUtcDay, parseIsoDate } from './iso-date.js';
import type { FeedbackFilter } from './store.js';

/** The SQL dialects the stores speak; they differ only in the full-text clause here. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The PostgreSQL text search configuration of the `search` column (postgres/migrations):
 * unaccented, Snowball English stems, no stop words, so it behaves like FTS5's porter tokenizer.
 */
export const POSTGRES_SEARCH_CONFIG = 'verbatim_search';

/** The table a condition reads: its alias and the column holding the record id. */
export interface FilterTarget {
  alias: string;
  idColumn: string;
}

/** Records: `feedback f`. */
export const RECORDS: FilterTarget = { alias: 'f', idColumn: 'id' };

/** Theme mentions, which carry their record's filter columns (migration 005): `feedback_themes t`. */
export const MENTIONS: FilterTarget = { alias: 't', idColumn: 'feedback_id' };

export interface SqlCondition {
  /** A boolean SQL expression ('1 = 1' when nothing filters). */
  sql: string;
  params: unknown[];
}

function invalid(field: string, detail: string, found: unknown): never {
  const shown = typeof found === 'string' ? `"${found.slice(0, 60)}"` : describeValue(found);
  throw new VerbatimError('VERBATIM_E_INVALID_QUERY', { field, detail, found: shown });
}

/** A filter value that is present: empty strings count as absent (an empty query parameter). */
function present(filter: FeedbackFilter, field: keyof FeedbackFilter): string | null {
  const value: unknown = filter[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') invalid(field, 'must be a string', value);
  return value;
}

function oneOf(filter: FeedbackFilter, field: keyof FeedbackFilter, allowed: readonly string[]): string | null {
  const value = present(filter, field);
  if (value !== null && !allowed.includes(value)) invalid(field, `must be one of ${allowed.join(', ')}`, value);
  return value;
}

/**
 * The FTS5 expression for a user's query: bare words must all occur, "quoted parts" as phrases.
 * Every word is quoted, so FTS5 operators in the input (AND, NEAR, *, :) are read as text.
 * Returns null when the query holds no word at all.
 * @example
 * toSearchExpression('late "wrong size"'); // '"late" "wrong size"'
 */
export function toSearchExpression(query: string): string | null {
  const parts = searchParts(query).map((part) => `"${part.words.join(' ')}"`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * A query's parts: each bare word alone, each "quoted part" as a phrase of its words. Words are
 * runs of letters and digits, as FTS5's unicode61 tokenizer cuts them.
 */
export function searchParts(query: string): { words: string[]; phrase: boolean }[] {
  const parts: { words: string[]; phrase: boolean }[] = [];
  const pieces = query.split('"');
  pieces.forEach((piece, index) => {
    const words = piece.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return;
    const insideQuotes = index % 2 === 1 && index < pieces.length - 1;
    if (insideQuotes) parts.push({ words, phrase: true });
    else parts.push(...words.map((word) => ({ words: [word], phrase: false })));
  });
  return parts;
}

/**
 * Builds the condition for a filter; see FeedbackFilter for each field's meaning.
 * @example
 * buildFilterCondition({ segment: 'smb', scoreBand: 'detractor' });
 * // { sql: 'f.segment = ? AND f.score_band = ?', params: ['smb', 'detractor'] }
 */
export function buildFilterCondition(filter: FeedbackFilter = {}, dialect: SqlDialect = 'sqlite', target: FilterTarget = RECORDS): SqlCondition {
  const { alias: f, idColumn } = target;
  if (typeof filter !== 'object' || filter === null) invalid('filter', 'must be an object', filter);
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    clauses.push(sql);
    params.push(...values);
  };

  const theme = present(filter, 'theme');
  if (theme !== null) add(`EXISTS (SELECT 1 FROM feedback_themes ft WHERE ft.feedback_id = ${f}.${idColumn} AND ft.theme_id = ?)`, theme);
  const stage = oneOf(filter, 'stage', JOURNEY_STAGES);
  if (stage !== null) add(`EXISTS (SELECT 1 FROM feedback_stages fs WHERE fs.feedback_id = ${f}.${idColumn} AND fs.stage = ?)`, stage);
  const sentiment = oneOf(filter, 'sentiment', SENTIMENT_LABELS);
  if (sentiment !== null) add(`${f}.sentiment_label = ?`, sentiment);
  for (const [field, column] of [['segment', 'segment'], ['channel', 'channel'], ['accountId', 'account_id']] as const) {
    const value = present(filter, field);
    if (value !== null) add(`${f}.${column} = ?`, value);
  }
  const language = present(filter, 'language');
  if (language !== null) {
    if (!LANGUAGE_CODE_PATTERN.test(language)) invalid('language', 'must be a language code as results carry it (en, fr, es, ..., und)', language);
    add(`${f}.language = ?`, language);
  }
  const scoreType = oneOf(filter, 'scoreType', SCORE_TYPES);
  if (scoreType !== null) add(`${f}.score_type = ?`, scoreType);
  const scoreBand = oneOf(filter, 'scoreBand', SCORE_BANDS);
  if (scoreBand !== null) add(`${f}.score_band = ?`, scoreBand);

  const from = present(filter, 'from');
  if (from !== null) {
    const parsed = parseIsoDate(from) ?? invalid('from', 'must be an ISO 8601 date (YYYY-MM-DD) or date-time', from);
    add(`${f}.date >= ?`, parsed.iso);
  }
  const to = present(filter, 'to');
  if (to !== null) {
    const parsed = parseIsoDate(to) ?? invalid('to', 'must be an ISO 8601 date (YYYY-MM-DD) or date-time', to);
    if (parsed.dateOnly) add(`${f}.date < ?`, nextUtcDay(parsed.iso));
    else add(`${f}.date <= ?`, parsed.iso);
  }

  const query = present(filter, 'query');
  if (dialect === 'postgres') {
    const parts = query === null ? [] : searchParts(query);
    if (parts.length > 0) {
      const tsquery = parts.map((part) => `${part.phrase ? 'phraseto_tsquery' : 'plainto_tsquery'}('${POSTGRES_SEARCH_CONFIG}', ?)`);
      add(`${f}.search @@ (${tsquery.join(' && ')})`, ...parts.map((part) => part.words.join(' ')));
    }
    return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params };
  }
  const expression = query === null ? null : toSearchExpression(query);
  if (expression !== null) {
    add(`${f}.seq IN (SELECT rowid FROM feedback_search WHERE feedback_search MATCH ?)`, expression);
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params };
}

/**
 * The filter as a condition over theme mention rows (MENTIONS), or null when it uses a field
 * they do not carry (document sentiment, score band, full-text query): the caller then joins
 * the records. Invalid values throw as in buildFilterCondition.
 */
export function buildMentionCondition(filter: FeedbackFilter = {}, dialect: SqlDialect = 'sqlite'): SqlCondition | null {
  buildFilterCondition(filter, dialect);
  const uses = (field: keyof FeedbackFilter): boolean => filter[field] !== undefined && filter[field] !== null && filter[field] !== '';
  if (uses('sentiment') || uses('scoreBand') || (uses('query') && searchParts(String(filter.query)).length > 0)) return null;
  return buildFilterCondition(filter, dialect, MENTIONS);
}
