/**
 * Which rollup rows (rollup-writes.ts) answer a filter: the segment and channel keys and the
 * time buckets. Rollups know a record's segment, channel and UTC day only, so a filter on
 * anything else (theme, stage, sentiment, score band, account, text) or a date bound inside a
 * day has no slice and the caller reads the records instead. A day range reads whole months
 * from the monthly rows and the days at its edges from the daily ones.
 */
import { buildFilterCondition } from './filter-sql.js';
import { parseIsoDate } from './iso-date.js';
import { ANY_KEY, GRAIN, MISSING_KEY } from './rollup-writes.js';
import type { FeedbackFilter } from './store.js';

/** The records a filter keeps, as rollups see them: segment and channel (null: any) and an inclusive UTC day range. */
export interface RollupSlice {
  segment: string | null;
  channel: string | null;
  /** `YYYY-MM-DD`, inclusive; null: unbounded. */
  fromDay: string | null;
  toDay: string | null;
}

export interface SqlPart {
  sql: string;
  params: unknown[];
}

const ROLLUP_FIELDS = new Set<string>(['segment', 'channel', 'from', 'to']);
const DAY_START = 'T00:00:00.000Z';
const DAY_END = 'T23:59:59.999Z';
const LAST_DAY = '9999-12-31';

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The slice of a filter, or null when rollups cannot answer it. Invalid values throw as
 * buildFilterCondition does, so both paths reject the same input.
 * @example rollupSliceOf({ segment: 'smb', from: '2025-04-01', to: '2025-06-30' })
 * // { segment: 'smb', channel: null, fromDay: '2025-04-01', toDay: '2025-06-30' }
 */
export function rollupSliceOf(filter: FeedbackFilter = {}): RollupSlice | null {
  buildFilterCondition(filter);
  for (const [field, value] of Object.entries(filter)) if (given(value) && !ROLLUP_FIELDS.has(field)) return null;
  let fromDay: string | null = null;
  let toDay: string | null = null;
  if (given(filter.from)) {
    const { iso } = parseIsoDate(filter.from)!;
    if (!iso.endsWith(DAY_START)) return null;
    fromDay = iso.slice(0, 10);
  }
  if (given(filter.to)) {
    const { iso, dateOnly } = parseIsoDate(filter.to)!;
    if (!dateOnly && !iso.endsWith(DAY_END)) return null;
    toDay = iso.slice(0, 10);
  }
  return { segment: given(filter.segment) ? filter.segment! : null, channel: given(filter.channel) ? filter.channel! : null, fromDay, toDay };
}

/** `YYYY-MM-DD` shifted by whole days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}${DAY_START}`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthShift(month: string, months: number): string {
  const date = new Date(`${month}-01${DAY_START}`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 7);
}

function lastDayOf(month: string): string {
  return addDays(`${monthShift(month, 1)}-01`, -1);
}

/** The slice narrowed to a day range (the intersection). */
export function narrowSlice(slice: RollupSlice, fromDay: string | null, toDay: string | null): RollupSlice {
  const later = (left: string | null, right: string | null) => (left === null ? right : right === null ? left : left > right ? left : right);
  const earlier = (left: string | null, right: string | null) => (left === null ? right : right === null ? left : left < right ? left : right);
  return { ...slice, fromDay: later(slice.fromDay, fromDay), toDay: earlier(slice.toDay, toDay) };
}

/**
 * The buckets of a slice over a rollup table `r`: all-time rows without a date range; else
 * whole months plus edge days (`grain: 'mixed'`), or days only (`grain: 'day'`, for per-day rows).
 */
export function bucketCondition(slice: RollupSlice, grain: 'mixed' | 'day'): SqlPart {
  const { fromDay, toDay } = slice;
  if (fromDay !== null && toDay !== null && fromDay > toDay) return { sql: '1 = 0', params: [] };
  const days = (from: string, to: string): SqlPart => ({ sql: `r.grain = ${GRAIN.day} AND r.bucket BETWEEN ? AND ?`, params: [from, to] });
  if (grain === 'day') return days(fromDay ?? '', toDay ?? LAST_DAY);
  if (fromDay === null && toDay === null) return { sql: `r.grain = ${GRAIN.all}`, params: [] };
  const firstMonth = fromDay === null ? '' : fromDay.endsWith('-01') ? fromDay.slice(0, 7) : monthShift(fromDay.slice(0, 7), 1);
  const lastMonth = toDay === null ? LAST_DAY.slice(0, 7) : toDay === lastDayOf(toDay.slice(0, 7)) ? toDay.slice(0, 7) : monthShift(toDay.slice(0, 7), -1);
  if (firstMonth > lastMonth) return days(fromDay ?? '', toDay ?? LAST_DAY);
  const parts: SqlPart[] = [{ sql: `r.grain = ${GRAIN.month} AND r.bucket BETWEEN ? AND ?`, params: [firstMonth, lastMonth] }];
  if (fromDay !== null && !fromDay.endsWith('-01')) parts.push(days(fromDay, lastDayOf(fromDay.slice(0, 7))));
  if (toDay !== null && toDay.slice(0, 7) > lastMonth) parts.push(days(`${toDay.slice(0, 7)}-01`, toDay));
  return { sql: `(${parts.map((part) => `(${part.sql})`).join(' OR ')})`, params: parts.flatMap((part) => part.params) };
}

/** The segment and channel keys of a slice over `r`; a grouped column reads its per-value rows. */
export function keyCondition(slice: RollupSlice, grouped: 'segment' | 'channel' | null = null): SqlPart {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const column of ['segment', 'channel'] as const) {
    const value = slice[column];
    if (value !== null) {
      clauses.push(`r.${column}_key = ?`);
      params.push(`=${value}`);
    } else clauses.push(grouped === column ? `r.${column}_key <> '${ANY_KEY}'` : `r.${column}_key = '${ANY_KEY}'`);
  }
  return { sql: clauses.join(' AND '), params };
}

/** A grouped segment or channel key as the value it stands for (undefined for a missing one). */
export function keyValue(key: unknown): string | undefined {
  const text = String(key);
  return text === MISSING_KEY ? undefined : text.slice(1);
}

/** Key and bucket conditions of a slice together. */
export function sliceCondition(slice: RollupSlice, grain: 'mixed' | 'day', grouped: 'segment' | 'channel' | null = null): SqlPart {
  const keys = keyCondition(slice, grouped);
  const buckets = bucketCondition(slice, grain);
  return { sql: `${keys.sql} AND ${buckets.sql}`, params: [...keys.params, ...buckets.params] };
}
