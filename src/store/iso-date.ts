/**
 * Strict ISO 8601 dates for stored records and date filters. Dates are stored as UTC date-times
 * (`2026-03-01T00:00:00.000Z`) so that string order is time order, which keyset pagination and
 * range filters rely on, in SQLite and PostgreSQL alike.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface ParsedDate {
  /** UTC date-time, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  iso: string;
  /** True when the input named a day without a time. */
  dateOnly: boolean;
}

/**
 * Parses an ISO date or date-time; a date-time without a zone is read as UTC. Returns null for
 * anything else, including impossible days (`2026-02-30`) and JavaScript's looser formats.
 * @example
 * parseIsoDate('2026-03-01'); // { iso: '2026-03-01T00:00:00.000Z', dateOnly: true }
 * parseIsoDate('2026-03-01T10:00+02:00')?.iso; // '2026-03-01T08:00:00.000Z'
 */
export function parseIsoDate(value: unknown): ParsedDate | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  const dayStart = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const check = new Date(dayStart);
  if (check.getUTCFullYear() !== Number(year) || check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) {
    return null;
  }
  if (hour === undefined) return { iso: check.toISOString(), dateOnly: true };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  const text = value.trim().replace(' ', 'T');
  const parsed = new Date(zone ? text : `${text}Z`);
  if (Number.isNaN(parsed.getTime())) return null;
  return { iso: parsed.toISOString(), dateOnly: false };
}

/** The first instant after the UTC day that `iso` falls in: the exclusive end of a bare-date `to`. */
export function nextUtcDay(iso: string): string {
  const start = new Date(iso);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1)).toISOString();
}
