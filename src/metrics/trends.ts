/**
 * Trends and emerging themes. A trend is volume, mean sentiment and score per calendar period for
 * one theme, one stage or all feedback. Emerging themes are those whose share of responses in the
 * latest window is significantly above their share in the history before it, or that were never
 * seen before the window.
 *
 * The emerging test is the two-proportion z-test with a pooled standard error (e.g. Agresti,
 * Categorical Data Analysis, 3rd ed., 2013, section 3.1; NIST/SEMATECH e-Handbook 7.3.3):
 *   p1 = x1/n1 (window), p2 = x2/n2 (history), p = (x1 + x2)/(n1 + n2),
 *   z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)).
 * A theme is flagged when z >= EMERGING_Z (one-sided: only rises are flagged) and it has at least
 * MIN_EMERGING_MENTIONS mentions in the window.
 */
import type { FeedbackFact, ScoreMetric, ScoreType, ThemeFact } from './types.js';
import { computeMetric } from './score-metrics.js';
import { nextPeriodStart, parseDate, periodKey, periodRange, periodStart, type Interval } from './periods.js';

/**
 * z threshold for "emerging": 2.58 is the two-sided 99% normal critical value (z_0.995 = 2.576);
 * applied one-sided it is a 0.5% false-alarm rate per theme and window, strict on purpose because
 * every theme is tested every window.
 */
export const EMERGING_Z = 2.58;

/**
 * Mentions a theme needs in the window to be flagged: the usual minimum expected count for the
 * normal approximation of a binomial (np >= 5; Agresti 2013), so one busy day of two comments
 * does not raise an alert.
 */
export const MIN_EMERGING_MENTIONS = 5;

/** Mentions a never-seen theme needs in the window to be reported as new (a judgement call: one or two are noise). */
export const MIN_NEW_THEME_MENTIONS = 3;

/** Trends group by week unless told otherwise. */
export const DEFAULT_TREND_INTERVAL: Interval = 'week';

export interface TrendOptions {
  metric: ScoreType;
  interval?: Interval;
  /** Restrict to responses mentioning this theme id. */
  theme?: string;
  /** Restrict to responses mentioning a theme in this stage. */
  stage?: string;
}

export interface TrendPoint {
  period: string;
  /** Responses in scope in the period. */
  volume: number;
  /** All responses in the period (the denominator of `share`). */
  total: number;
  share: number;
  /** Mean sentiment score in [-1, 1] of the scope (theme/stage sentiment, else document); null when empty. */
  sentiment: number | null;
  score: ScoreMetric;
}

export interface TrendSeries {
  metric: ScoreType;
  interval: Interval;
  theme?: string;
  stage?: string;
  points: TrendPoint[];
  /** Responses skipped because their date could not be parsed. */
  invalidDates: number;
}

function inScope(theme: ThemeFact, options: { theme?: string; stage?: string }): boolean {
  return (options.theme === undefined || theme.id === options.theme) && (options.stage === undefined || theme.stage === options.stage);
}

/** The response's sentiment for the scope: mean of matching theme scores, or the document's. */
function scopedSentiment(fact: FeedbackFact, options: TrendOptions): number | null {
  if (options.theme === undefined && options.stage === undefined) return Number.isFinite(fact.sentiment?.score) ? fact.sentiment.score : null;
  const scores = (fact.themes ?? []).filter((theme) => inScope(theme, options)).map((theme) => theme.sentimentScore).filter(Number.isFinite);
  if (scores.length === 0) return null;
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/**
 * Volume, sentiment and score per period for a theme, a stage or everything, with empty periods
 * between the first and last response filled in (volume 0, sentiment null, score value null).
 * @example trend(facts, { metric: 'nps', interval: 'month', theme: 'delivery.late' }).points[0]
 * // { period: '2024-01', volume: 4, total: 20, share: 0.2, sentiment: -0.55, score: { value: -50, ... } }
 */
export function trend(facts: readonly FeedbackFact[], options: TrendOptions): TrendSeries {
  const interval = options.interval ?? DEFAULT_TREND_INTERVAL;
  const scoped = options.theme !== undefined || options.stage !== undefined;
  const byPeriod = new Map<string, { total: number; facts: FeedbackFact[]; sentiments: number[] }>();
  let first: Date | null = null;
  let last: Date | null = null;
  let invalidDates = 0;
  for (const fact of facts) {
    const date = parseDate(fact.date);
    if (date === null) {
      invalidDates += 1;
      continue;
    }
    if (first === null || date < first) first = date;
    if (last === null || date > last) last = date;
    const key = periodKey(date, interval);
    let bucket = byPeriod.get(key);
    if (bucket === undefined) {
      bucket = { total: 0, facts: [], sentiments: [] };
      byPeriod.set(key, bucket);
    }
    bucket.total += 1;
    if (scoped && !(fact.themes ?? []).some((theme) => inScope(theme, options))) continue;
    bucket.facts.push(fact);
    const sentiment = scopedSentiment(fact, options);
    if (sentiment !== null) bucket.sentiments.push(sentiment);
  }
  const keys = first !== null && last !== null ? periodRange(first, last, interval) : [];
  const points = keys.map((period): TrendPoint => {
    const bucket = byPeriod.get(period) ?? { total: 0, facts: [], sentiments: [] };
    return {
      period,
      volume: bucket.facts.length,
      total: bucket.total,
      share: bucket.total === 0 ? 0 : bucket.facts.length / bucket.total,
      sentiment: bucket.sentiments.length === 0 ? null : bucket.sentiments.reduce((sum, value) => sum + value, 0) / bucket.sentiments.length,
      score: computeMetric(bucket.facts, options.metric),
    };
  });
  return {
    metric: options.metric,
    interval,
    ...(options.theme !== undefined ? { theme: options.theme } : {}),
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    points,
    invalidDates,
  };
}

/**
 * The two-proportion z statistic (pooled); null when it is undefined (an empty side, or a theme
 * in every response or in none).
 * @example twoProportionZ(10, 50, 20, 200) // 1.946 (20% of 50 vs 10% of 200)
 */
export function twoProportionZ(count1: number, total1: number, count2: number, total2: number): number | null {
  if (total1 <= 0 || total2 <= 0) return null;
  const pooled = (count1 + count2) / (total1 + total2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / total1 + 1 / total2));
  if (!(standardError > 0)) return null;
  return (count1 / total1 - count2 / total2) / standardError;
}

export interface EmergingOptions {
  interval?: Interval;
  /** Periods in the latest window (default 1: the latest period). */
  windowPeriods?: number;
  /** The window ends with the period holding this date (default: the latest response). Later responses are ignored. */
  asOf?: string;
  zThreshold?: number;
  minMentions?: number;
  minNewMentions?: number;
}

export interface EmergingTheme {
  id: string;
  label?: string;
  stage?: string;
  windowCount: number;
  windowShare: number;
  historyCount: number;
  historyShare: number;
  z: number | null;
  /** Share significantly up (z >= threshold) with enough mentions. */
  emerging: boolean;
  /** Not seen in the history, with enough mentions in the window. */
  isNew: boolean;
}

export interface EmergingReport {
  interval: Interval;
  /** First and last period keys of the latest window; null when there is no dated response. */
  window: { first: string; last: string } | null;
  windowTotal: number;
  historyTotal: number;
  /** Every theme seen, flagged ones first, then by z descending. */
  themes: EmergingTheme[];
}

/**
 * Flags emerging and new themes in the latest window against all earlier responses. Without
 * history nothing can be flagged (every theme would be "new").
 * @example detectEmerging(facts, { interval: 'week' }).themes.filter((theme) => theme.emerging)
 */
export function detectEmerging(facts: readonly FeedbackFact[], options: EmergingOptions = {}): EmergingReport {
  const interval = options.interval ?? DEFAULT_TREND_INTERVAL;
  const dated = facts.flatMap((fact) => {
    const date = parseDate(fact.date);
    return date === null ? [] : [{ fact, time: date.getTime() }];
  });
  const asOf = options.asOf !== undefined ? parseDate(options.asOf) : null;
  let endTime = asOf?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (asOf === null) for (const entry of dated) endTime = Math.max(endTime, entry.time);
  if (dated.length === 0 || !Number.isFinite(endTime)) return { interval, window: null, windowTotal: 0, historyTotal: 0, themes: [] };

  const { lastStart, windowStart, windowEnd } = emergingWindow(new Date(endTime), interval, options.windowPeriods);
  const windowFacts: FeedbackFact[] = [];
  const historyFacts: FeedbackFact[] = [];
  for (const { fact, time } of dated) {
    if (time < windowStart.getTime()) historyFacts.push(fact);
    else if (time < windowEnd) windowFacts.push(fact);
  }

  const windowCounts = countThemes(windowFacts);
  const historyCounts = countThemes(historyFacts);
  const counts: ThemeWindowCount[] = [];
  for (const id of new Set([...windowCounts.keys(), ...historyCounts.keys()])) {
    const inWindow = windowCounts.get(id);
    const inHistory = historyCounts.get(id);
    const theme = inWindow?.theme ?? inHistory?.theme;
    counts.push({
      id,
      ...(theme?.label !== undefined ? { label: theme.label } : {}),
      ...(theme?.stage !== undefined ? { stage: theme.stage } : {}),
      windowCount: inWindow?.count ?? 0,
      historyCount: inHistory?.count ?? 0,
    });
  }
  return {
    interval,
    window: { first: periodKey(windowStart, interval), last: periodKey(lastStart, interval) },
    windowTotal: windowFacts.length,
    historyTotal: historyFacts.length,
    themes: flagEmerging(counts, windowFacts.length, historyFacts.length, options),
  };
}

/** Responses mentioning one theme in the window and in the history before it. */
export interface ThemeWindowCount {
  id: string;
  label?: string;
  stage?: string;
  windowCount: number;
  historyCount: number;
}

/**
 * The z-test and flags per theme, flagged ones first, then by z descending (shared by
 * detectEmerging and the aggregate path in trend-aggregates.ts).
 */
export function flagEmerging(
  counts: readonly ThemeWindowCount[],
  windowTotal: number,
  historyTotal: number,
  options: EmergingOptions = {},
): EmergingTheme[] {
  const threshold = options.zThreshold ?? EMERGING_Z;
  const minMentions = options.minMentions ?? MIN_EMERGING_MENTIONS;
  const minNewMentions = options.minNewMentions ?? MIN_NEW_THEME_MENTIONS;
  const themes = counts.map(({ id, label, stage, windowCount, historyCount }): EmergingTheme => {
    const z = twoProportionZ(windowCount, windowTotal, historyCount, historyTotal);
    return {
      id,
      ...(label !== undefined ? { label } : {}),
      ...(stage !== undefined ? { stage } : {}),
      windowCount,
      windowShare: windowTotal === 0 ? 0 : windowCount / windowTotal,
      historyCount,
      historyShare: historyTotal === 0 ? 0 : historyCount / historyTotal,
      z,
      emerging: z !== null && z >= threshold && windowCount >= minMentions,
      isNew: historyTotal > 0 && historyCount === 0 && windowCount >= minNewMentions,
    };
  });
  themes.sort(
    (left, right) =>
      Number(right.emerging || right.isNew) - Number(left.emerging || left.isNew) ||
      (right.z ?? Number.NEGATIVE_INFINITY) - (left.z ?? Number.NEGATIVE_INFINITY) ||
      (left.id < right.id ? -1 : 1),
  );
  return themes;
}

/**
 * The latest window: `windowPeriods` periods ending with the one holding `end`, as instants
 * (start inclusive, end exclusive) plus the start of its last period.
 */
export function emergingWindow(end: Date, interval: Interval, windowPeriods = 1): { lastStart: Date; windowStart: Date; windowEnd: number } {
  const lastStart = periodStart(end, interval);
  let windowStart = lastStart;
  for (let step = 1; step < Math.max(1, Math.floor(windowPeriods)); step += 1) {
    windowStart = periodStart(new Date(windowStart.getTime() - 1), interval);
  }
  return { lastStart, windowStart, windowEnd: nextPeriodStart(lastStart, interval).getTime() };
}

/** Responses mentioning each theme (a response counts once per theme). */
function countThemes(facts: readonly FeedbackFact[]): Map<string, { count: number; theme: ThemeFact }> {
  const counts = new Map<string, { count: number; theme: ThemeFact }>();
  for (const fact of facts) {
    const seen = new Set<string>();
    for (const theme of fact.themes ?? []) {
      if (seen.has(theme.id)) continue;
      seen.add(theme.id);
      const entry = counts.get(theme.id);
      if (entry === undefined) counts.set(theme.id, { count: 1, theme });
      else entry.count += 1;
    }
  }
  return counts;
}
