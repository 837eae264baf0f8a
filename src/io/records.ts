/**
 * Turns raw input rows (parsed JSON objects or CSV rows) into validated comment records, or into
 * coded errors that keep their place in the output. Shared by the CLI, the batch tagger and the API.
 */
import type { RecordId } from '../contract.js';
import { VerbatimError, describeValue } from '../errors.js';

export interface RecordFields {
  /** Name of the field holding the comment text. */
  textField: string;
  /** Name of the field holding the record id; absent ids become the line number. */
  idField: string;
}

export const DEFAULT_FIELDS: RecordFields = { textField: 'text', idField: 'id' };

/** A record ready for analysis. */
export interface InputRecord {
  id: RecordId;
  text: string;
  targets?: string[];
  metadata: Record<string, unknown>;
  /** 1-based line (JSONL) or data-row (CSV) number, for error messages. */
  line: number;
}

/** A record that failed validation; it still produces one output line. */
export interface RecordError {
  id: RecordId | null;
  line: number;
  error: VerbatimError;
}

export type ParsedRecord = { ok: true; record: InputRecord } | { ok: false; failure: RecordError };

/**
 * Validates one raw row. Every field other than text, id and targets passes through under
 * `metadata`. `maxTextLength` is checked here so an oversized record never reaches the pipeline.
 */
export function toRecord(
  raw: unknown,
  line: number,
  fields: RecordFields,
  maxTextLength: number,
): ParsedRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(null, line, new VerbatimError('VERBATIM_E_NOT_AN_OBJECT', { found: describeValue(raw) }));
  }
  const row = raw as Record<string, unknown>;
  const rawId = row[fields.idField];
  let id: RecordId = line;
  if (rawId !== undefined && rawId !== null && rawId !== '') {
    if (typeof rawId !== 'string' && typeof rawId !== 'number') {
      return fail(null, line, new VerbatimError('VERBATIM_E_INVALID_ID', { field: fields.idField, found: describeValue(rawId) }));
    }
    id = rawId;
  }
  if (!(fields.textField in row) || row[fields.textField] === undefined) {
    return fail(id, line, new VerbatimError('VERBATIM_E_MISSING_TEXT', { field: fields.textField }));
  }
  const text = row[fields.textField];
  if (typeof text !== 'string') {
    return fail(id, line, new VerbatimError('VERBATIM_E_TEXT_NOT_STRING', { field: fields.textField, found: describeValue(text) }));
  }
  if (text.length > maxTextLength) {
    return fail(id, line, new VerbatimError('VERBATIM_E_TEXT_TOO_LONG', { length: text.length, limit: maxTextLength }));
  }
  let targets: string[] | undefined;
  if (row.targets !== undefined && row.targets !== null) {
    if (!Array.isArray(row.targets) || row.targets.some((target) => typeof target !== 'string')) {
      return fail(id, line, new VerbatimError('VERBATIM_E_INVALID_TARGETS', { found: describeValue(row.targets) }));
    }
    targets = row.targets as string[];
  }
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key !== fields.textField && key !== fields.idField && key !== 'targets') metadata[key] = value;
  }
  return { ok: true, record: { id, text, targets, metadata, line } };
}

/** Parses one JSONL line; JSON syntax errors become VERBATIM_E_INVALID_JSON on that line. */
export function parseJsonLine(
  source: string,
  line: number,
  fields: RecordFields,
  maxTextLength: number,
): ParsedRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    return fail(null, line, new VerbatimError('VERBATIM_E_INVALID_JSON', { detail: (error as Error).message }));
  }
  return toRecord(raw, line, fields, maxTextLength);
}

function fail(id: RecordId | null, line: number, error: VerbatimError): ParsedRecord {
  return { ok: false, failure: { id, line, error } };
}
