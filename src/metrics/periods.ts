/**
 * Calendar buckets for trends and period grouping, all in UTC: days ("2024-03-05"), ISO 8601
 * weeks that start on Monday and belong to the year of their Thursday ("2021-W53" holds
 * 2022-01-02), and months ("2024-03"). Keys sort lexicographically in time order.
 */

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

const DAY_MS = 86_400_000;

/** Parses an ISO date or date-time; null when it is not a date (never throws). */
export function parseDate(value: string): Date | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * The first instant (UTC midnight) of the period that holds `date`: the day, the Monday of its
 * ISO week, or the first of its month.
 */
export function periodStart(date: Date, interval: Interval): Date {
  const day = startOfUtcDay(date);
  if (interval === 'day') return day;
  if (interval === 'month') return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  const daysSinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - daysSinceMonday * DAY_MS);
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: Date, interval: Interval): Date {
  if (interval === 'day') return new Date(start.getTime() + DAY_MS);
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The ISO 8601 week-numbering year and week (1-53) of a date. */
export function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(periodStart(date, 'week').getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) + 1;
  return { year, week };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The key of the period that holds `date`.
 * @example periodKey(new Date('2021-01-03'), 'week') // '2020-W53'
 */
export function periodKey(date: Date, interval: Interval): string {
  if (interval === 'day') return date.toISOString().slice(0, 10);
  if (interval === 'month') return date.toISOString().slice(0, 7);
  const { year, week } = isoWeek(date);
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** The key of the period holding an ISO date string; null when the string is not a date. */
export function periodKeyOf(value: string, interval: Interval): string | null {
  const date = parseDate(value);
  return date === null ? null : periodKey(date, interval);
}

/**
 * Every period key from the one holding `first` to the one holding `last`, inclusive, so charts
 * show empty periods as gaps rather than skipping them. Capped at `limit` keys.
 */
export function periodRange(first: Date, last: Date, interval: Interval, limit = 100_000): string[] {
  const keys: string[] = [];
  const end = periodStart(last, interval).getTime();
  for (let start = periodStart(first, interval); start.getTime() <= end && keys.length < limit; ) {
    keys.push(periodKey(start, interval));
    start = nextPeriodStart(start, interval);
  }
  return keys;
}
