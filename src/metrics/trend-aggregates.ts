/**
 * Trends and emerging themes from per-day database aggregates: the same TrendSeries and
 * EmergingReport as trend() and detectEmerging() (trends.ts) on the responses aggregated.
 * Days are UTC; every period (day, ISO week, month) is a union of whole days.
 */
import { metricFromHistogram, mergeHistograms, type ScoreHistogram } from './aggregates.js';
import { periodKey, periodRange, type Interval } from './periods.js';
import {
  DEFAULT_TREND_INTERVAL,
  emergingWindow,
  flagEmerging,
  type EmergingOptions,
  type EmergingReport,
  type ThemeWindowCount,
  type TrendOptions,
  type TrendSeries,
} from './trends.js';

/** One UTC day of a trend: all responses, those in scope (a theme, a stage or all) and their sums. */
export interface TrendDay {
  /** 'YYYY-MM-DD'. */
  day: string;
  total: number;
  /** Responses in scope. */
  volume: number;
  /** Scores of the in-scope responses that count for the metric. */
  scores: ScoreHistogram;
  /** Σ of the in-scope responses' sentiment (scoped: each response's mean over its matching themes). */
  sentimentSum: number;
  /** Responses that sentiment sum is over. */
  sentimentCount: number;
}


function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * trend() from days (sorted or not): every period from the first day to the last, empty periods
 * filled in.
 * @example trendFromDays(await store.trendDays(filter, { metric: 'nps' }), { metric: 'nps', interval: 'month' })
 */
export function trendFromDays(days: readonly TrendDay[], options: TrendOptions): TrendSeries {
  const interval = options.interval ?? DEFAULT_TREND_INTERVAL;
  const byPeriod = new Map<string, { total: number; volume: number; histograms: ScoreHistogram[]; sentimentSum: number; sentimentCount: number }>();
  let first: string | null = null;
  let last: string | null = null;
  for (const day of days) {
    if (first === null || day.day < first) first = day.day;
    if (last === null || day.day > last) last = day.day;
    const key = periodKey(utcDay(day.day), interval);
    const bucket = byPeriod.get(key) ?? { total: 0, volume: 0, histograms: [], sentimentSum: 0, sentimentCount: 0 };
    bucket.total += day.total;
    bucket.volume += day.volume;
    bucket.histograms.push(day.scores);
    bucket.sentimentSum += day.sentimentSum;
    bucket.sentimentCount += day.sentimentCount;
    byPeriod.set(key, bucket);
  }
  const keys = first !== null && last !== null ? periodRange(utcDay(first), utcDay(last), interval) : [];
  const points = keys.map((period) => {
    const bucket = byPeriod.get(period) ?? { total: 0, volume: 0, histograms: [], sentimentSum: 0, sentimentCount: 0 };
    return {
      period,
      volume: bucket.volume,
      total: bucket.total,
      share: bucket.total === 0 ? 0 : bucket.volume / bucket.total,
      sentiment: bucket.sentimentCount === 0 ? null : bucket.sentimentSum / bucket.sentimentCount,
      score: metricFromHistogram(mergeHistograms(bucket.histograms), options.metric),
    };
  });
  return {
    metric: options.metric,
    interval,
    ...(options.theme !== undefined ? { theme: options.theme } : {}),
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    points,
    invalidDates: 0,
  };
}

/**
 * The emerging window of detectEmerging() for responses whose latest day is `lastDay`, as ISO
 * instants for the store's theme counts; null when there is no response.
 */
export function emergingWindowOfDays(
  days: readonly TrendDay[],
  options: EmergingOptions = {},
): { from: string; to: string; first: string; last: string } | null {
  let lastDay: string | null = null;
  for (const day of days) if (lastDay === null || day.day > lastDay) lastDay = day.day;
  if (lastDay === null) return null;
  const interval: Interval = options.interval ?? DEFAULT_TREND_INTERVAL;
  const { lastStart, windowStart, windowEnd } = emergingWindow(utcDay(lastDay), interval, options.windowPeriods);
  return {
    from: windowStart.toISOString(),
    to: new Date(windowEnd).toISOString(),
    first: periodKey(windowStart, interval),
    last: periodKey(lastStart, interval),
  };
}

/**
 * detectEmerging() from the days, their window (emergingWindowOfDays) and the store's theme
 * counts in it; the window and history totals are sums of whole days.
 * @example emergingFromCounts(days, window, await store.themeWindowCounts(filter, window), { interval: 'week' })
 */
export function emergingFromCounts(
  days: readonly TrendDay[],
  window: { from: string; to: string; first: string; last: string } | null,
  themes: readonly ThemeWindowCount[],
  options: EmergingOptions = {},
): EmergingReport {
  const interval = options.interval ?? DEFAULT_TREND_INTERVAL;
  if (window === null) return { interval, window: null, windowTotal: 0, historyTotal: 0, themes: [] };
  const fromDay = window.from.slice(0, 10);
  const toDay = window.to.slice(0, 10);
  let windowTotal = 0;
  let historyTotal = 0;
  for (const day of days) {
    if (day.day < fromDay) historyTotal += day.total;
    else if (day.day < toDay) windowTotal += day.total;
  }
  return {
    interval,
    window: { first: window.first, last: window.last },
    windowTotal,
    historyTotal,
    themes: flagEmerging(themes, windowTotal, historyTotal, options),
  };
}
