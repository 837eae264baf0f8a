/**
 * The global filters every view applies (period, segment, channel, metric), kept in the URL
 * hash so a view can be bookmarked or shared, and turned into the API's query parameters.
 * Periods are anchored on the newest stored feedback, not on today: an import of last year's
 * survey still shows "last 3 months" of data rather than an empty screen.
 */
import type { MetricId } from './format.js';

export const PERIODS = [
  { id: 'all', label: 'All time' },
  { id: '12m', label: 'Last 12 months' },
  { id: '6m', label: 'Last 6 months' },
  { id: '3m', label: 'Last 3 months' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'custom', label: 'Custom range' },
] as const;
export type PeriodId = (typeof PERIODS)[number]['id'];

export interface Filters {
  period: PeriodId;
  /** Custom range, ISO dates (only with period 'custom'). */
  from: string;
  to: string;
  segment: string;
  channel: string;
  /** Empty: the metric with the most scores in the store. */
  metric: MetricId | '';
}

export const EMPTY_FILTERS: Filters = { period: 'all', from: '', to: '', segment: '', channel: '', metric: '' };

const DAY_MS = 86_400_000;

/** Reads the filters from URL search parameters, ignoring unknown or malformed values. */
export function filtersFromParams(params: URLSearchParams): Filters {
  const period = params.get('period');
  const metric = params.get('metric');
  const date = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
  return {
    period: PERIODS.some((option) => option.id === period) ? (period as PeriodId) : 'all',
    from: date(params.get('from')),
    to: date(params.get('to')),
    segment: params.get('segment') ?? '',
    channel: params.get('channel') ?? '',
    metric: metric === 'nps' || metric === 'csat' || metric === 'ces' ? metric : '',
  };
}

/** The filters as URL search parameters (defaults left out). */
export function filtersToParams(filters: Filters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.period !== 'all') params.period = filters.period;
  if (filters.period === 'custom') {
    if (filters.from) params.from = filters.from;
    if (filters.to) params.to = filters.to;
  }
  if (filters.segment) params.segment = filters.segment;
  if (filters.channel) params.channel = filters.channel;
  if (filters.metric) params.metric = filters.metric;
  return params;
}

/** The inclusive date range of a period, as ISO dates, given the newest record's date. */
export function periodRange(filters: Filters, newest: string | null): { from?: string; to?: string } {
  if (filters.period === 'custom') return { from: filters.from || undefined, to: filters.to || undefined };
  if (filters.period === 'all' || newest === null) return {};
  const end = new Date(newest.slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(end.getTime())) return {};
  let start: Date;
  if (filters.period === '30d') start = new Date(end.getTime() - 29 * DAY_MS);
  else {
    const months = filters.period === '12m' ? 12 : filters.period === '6m' ? 6 : 3;
    start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - months, end.getUTCDate() + 1));
  }
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The API's analytics filter parameters (from, to, segment, channel). */
export function apiFilters(filters: Filters, newest: string | null): Record<string, string | undefined> {
  return { ...periodRange(filters, newest), segment: filters.segment || undefined, channel: filters.channel || undefined };
}

export type Interval = 'day' | 'week' | 'month';

/** A readable number of points for a trend: days up to ~6 weeks, weeks up to ~7 months, else months. */
export function intervalFor(range: { from?: string; to?: string }, first: string | null, last: string | null): Interval {
  const start = Date.parse(range.from ?? first ?? '');
  const end = Date.parse(range.to ?? last ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'month';
  const days = (end - start) / DAY_MS;
  if (days <= 45) return 'day';
  if (days <= 215) return 'week';
  return 'month';
}
