/**
 * Checks and normalizes one incoming FeedbackRecord into the flat row the store writes. Shared by
 * every store implementation, so SQLite and PostgreSQL accept and reject exactly the same input.
 */
import { AnalysisResultSchema } from '../contract.js';
import { describeValue, VerbatimError } from '../errors.js';
import { SCORE_TYPES } from '../metrics/types.js';
import { parseIsoDate } from './iso-date.js';
import { SCORE_SCALES, scoreBandOf } from './score-bands.js';
import type { FeedbackItem, FeedbackRecord } from './store.js';

/** Longest id accepted: ids are keys from other systems (UUIDs, ticket numbers), never prose. */
export const MAX_ID_LENGTH = 200;

/** Longest segment, channel or account id: short labels, kept short so indexes stay small. */
export const MAX_LABEL_LENGTH = 200;

/** A record checked and flattened for writing: a stored item before its timestamps exist. */
export type NormalizedRecord = Omit<FeedbackItem, 'createdAt' | 'updatedAt'>;

function fail(id: unknown, field: string, detail: string, found: unknown): never {
  const shownId = typeof id === 'string' && id.length <= MAX_ID_LENGTH ? JSON.stringify(id) : '(no valid id)';
  throw new VerbatimError('VERBATIM_E_INVALID_FEEDBACK', { id: shownId, field, detail, found: describeFound(found) });
}

function describeFound(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return describeValue(value);
}

function optionalLabel(record: FeedbackRecord, field: 'segment' | 'channel' | 'accountId'): string | null {
  const value: unknown = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LABEL_LENGTH) {
    fail(record.id, field, `must be a non-empty string of at most ${MAX_LABEL_LENGTH} characters`, value);
  }
  return value;
}

/**
 * Validates one record and returns its normalized row; throws VERBATIM_E_INVALID_FEEDBACK naming
 * the record and field otherwise.
 * @example
 * normalizeFeedbackRecord({ id: 'a1', text: 'ok', date: '2026-03-01', result }).date;
 * // '2026-03-01T00:00:00.000Z'
 */
export function normalizeFeedbackRecord(record: FeedbackRecord): NormalizedRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) fail(undefined, '(record)', 'must be an object', record);
  const { id, text } = record;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    fail(id, 'id', `must be a non-empty string of at most ${MAX_ID_LENGTH} characters`, id);
  }
  if (typeof text !== 'string') fail(id, 'text', 'must be a string', text);
  const date = parseIsoDate(record.date);
  if (!date) fail(id, 'date', 'must be an ISO 8601 date (YYYY-MM-DD) or date-time', record.date);

  const scoreType = record.scoreType ?? null;
  if (scoreType !== null && !(SCORE_TYPES as readonly unknown[]).includes(scoreType)) {
    fail(id, 'scoreType', `must be one of ${SCORE_TYPES.join(', ')}`, scoreType);
  }
  const score = record.score ?? null;
  if (score !== null) {
    if (scoreType === null) fail(id, 'scoreType', 'is required when a score is given', scoreType);
    const scale = SCORE_SCALES[scoreType];
    if (typeof score !== 'number' || !Number.isInteger(score) || score < scale.min || score > scale.max) {
      fail(id, 'score', `must be a whole number from ${scale.min} to ${scale.max} for ${scoreType}`, score);
    }
  }
  const revenue = record.revenue ?? null;
  if (revenue !== null && (typeof revenue !== 'number' || !Number.isFinite(revenue) || revenue < 0)) {
    fail(id, 'revenue', 'must be a finite, non-negative number', revenue);
  }
  const metadata = record.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) fail(id, 'metadata', 'must be an object', metadata);

  const parsed = AnalysisResultSchema.safeParse(record.result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = ['result', ...issue.path.map(String)].join('.');
    fail(id, where, `does not match the result contract (${issue.message})`, record.result);
  }
  return {
    id,
    text,
    date: date.iso,
    score,
    scoreType,
    scoreBand: scoreBandOf(score, scoreType),
    segment: optionalLabel(record, 'segment'),
    channel: optionalLabel(record, 'channel'),
    accountId: optionalLabel(record, 'accountId'),
    revenue,
    metadata: metadata as Record<string, unknown>,
    result: parsed.data,
  };
}
