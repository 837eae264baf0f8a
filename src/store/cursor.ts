/**
 * Opaque keyset cursors for listings ordered by (date descending, id descending): the cursor
 * holds the last row's key, and the next page starts strictly after it. Unlike offsets, rows
 * written between two page requests neither repeat nor go missing from the pages still to come.
 */
import { Buffer } from 'node:buffer';
import { describeValue, VerbatimError } from '../errors.js';
import { parseIsoDate } from './iso-date.js';

/** The key of the last row a page returned. */
export interface CursorKey {
  date: string;
  id: string;
}

const CURSOR_VERSION = 1;

/**
 * Encodes a key as base64url JSON. Clients must treat it as opaque.
 * @example
 * encodeCursor({ date: '2026-03-01T00:00:00.000Z', id: 'c001' }); // 'eyJ2IjoxLC...'
 */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, d: key.date, i: key.id }), 'utf8').toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else is VERBATIM_E_INVALID_QUERY. */
export function decodeCursor(cursor: unknown): CursorKey {
  const invalid = (): never => {
    throw new VerbatimError('VERBATIM_E_INVALID_QUERY', {
      field: 'cursor',
      detail: 'must be a nextCursor value returned by a previous page',
      found: typeof cursor === 'string' ? `"${cursor.slice(0, 40)}"` : describeValue(cursor),
    });
  };
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) return invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  if (typeof decoded !== 'object' || decoded === null) return invalid();
  const { v, d, i } = decoded as Record<string, unknown>;
  const date = parseIsoDate(d);
  if (v !== CURSOR_VERSION || typeof i !== 'string' || !date || date.iso !== d) return invalid();
  return { date: date.iso, id: i };
}
