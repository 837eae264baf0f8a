/**
 * Turns an input record and its analysis into the FeedbackRecord the store ingests. The store
 * needs a `date`; it and the other store columns are taken from input fields of the same name.
 */
import type { AnalysisResult } from '../contract.js';
import type { InputRecord } from '../io/records.js';
import type { FeedbackRecord } from '../store/store.js';

/** Input fields that become store columns instead of staying in the record's metadata. */
export const STORE_COLUMN_FIELDS = ['date', 'score', 'scoreType', 'segment', 'channel', 'accountId', 'revenue'] as const;

/**
 * Builds the store record; numbers in CSV cells ("9") become numbers so CSV input can carry scores.
 * Validation is left to the store's normalizeFeedbackRecord, so a missing date fails there with
 * VERBATIM_E_INVALID_FEEDBACK naming the field.
 * @example
 * toFeedbackRecord({ id: 'a', text: 'ok', line: 1, metadata: { date: '2026-01-02' } }, result).date // '2026-01-02'
 */
export function toFeedbackRecord(record: InputRecord, result: AnalysisResult): FeedbackRecord {
  const fields = record.metadata;
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!(STORE_COLUMN_FIELDS as readonly string[]).includes(key)) metadata[key] = value;
  }
  return {
    id: String(record.id),
    text: record.text,
    date: fields.date as string,
    score: numberOrNull(fields.score),
    scoreType: emptyToNull(fields.scoreType) as FeedbackRecord['scoreType'],
    segment: emptyToNull(fields.segment) as string | null,
    channel: emptyToNull(fields.channel) as string | null,
    accountId: emptyToNull(fields.accountId) as string | null,
    revenue: numberOrNull(fields.revenue),
    metadata,
    result,
  };
}

function emptyToNull(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

function numberOrNull(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  // Anything else is passed as found so the store's validation names the field and the value.
  return value as number;
}
