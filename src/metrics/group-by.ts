/**
 * A metric per group: per theme, journey stage, segment, channel, language or calendar period. A comment
 * that mentions two themes counts in both theme groups (and once per distinct stage), so theme
 * groups overlap and their n do not add up to the total.
 */
import type { FeedbackFact, ScoreMetric, ScoreType } from './types.js';
import { computeMetric } from './score-metrics.js';
import { periodKeyOf, type Interval } from './periods.js';

export const GROUP_DIMENSIONS = ['theme', 'stage', 'segment', 'channel', 'language', 'period'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** Period grouping uses weeks unless told otherwise (the trends route's default too). */
export const DEFAULT_INTERVAL: Interval = 'week';

export interface GroupOptions {
  metric: ScoreType;
  by: GroupDimension;
  /** Only for `by: 'period'`. */
  interval?: Interval;
}

/** One group's metric; `volume` counts all its facts, `n` only those with a valid score. */
export interface MetricGroup extends ScoreMetric {
  key: string;
  volume: number;
  /** Theme label (theme groups, when the facts carry one). */
  label?: string;
  /** Journey stage (theme groups). */
  stage?: string;
}

export interface GroupedMetrics {
  metric: ScoreType;
  by: GroupDimension;
  interval?: Interval;
  groups: MetricGroup[];
  /** Facts that fell in no group: no theme, no segment/channel, or an unparsable date. */
  ungrouped: number;
}

interface GroupBucket {
  facts: FeedbackFact[];
  label?: string;
  stage?: string;
}

/** The group keys of one fact (distinct), with the theme label and stage when grouping by theme. */
function keysOf(fact: FeedbackFact, by: GroupDimension, interval: Interval): { key: string; label?: string; stage?: string }[] {
  if (by === 'theme') {
    const seen = new Map<string, { key: string; label?: string; stage?: string }>();
    for (const theme of fact.themes ?? []) {
      if (!seen.has(theme.id)) seen.set(theme.id, { key: theme.id, label: theme.label, stage: theme.stage });
    }
    return [...seen.values()];
  }
  if (by === 'stage') return [...new Set((fact.themes ?? []).map((theme) => theme.stage))].map((key) => ({ key }));
  if (by === 'period') {
    const key = periodKeyOf(fact.date, interval);
    return key === null ? [] : [{ key }];
  }
  // The remaining dimensions are fields of the fact: segment, channel, language.
  const value = fact[by];
  return typeof value === 'string' && value.length > 0 ? [{ key: value }] : [];
}

/**
 * Splits facts by `by` and computes the metric per group. Periods sort ascending (time order);
 * other groups by scored responses, then volume, descending, then key, so the groups that can be
 * read with confidence come first.
 * @example groupMetric(facts, { metric: 'nps', by: 'period', interval: 'month' })
 * // { metric: 'nps', by: 'period', interval: 'month', groups: [{ key: '2024-01', value: 20, n: 10, ... }], ungrouped: 0 }
 */
export function groupMetric(facts: readonly FeedbackFact[], options: GroupOptions): GroupedMetrics {
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const buckets = new Map<string, GroupBucket>();
  let ungrouped = 0;
  for (const fact of facts) {
    const keys = keysOf(fact, options.by, interval);
    if (keys.length === 0) ungrouped += 1;
    for (const { key, label, stage } of keys) {
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { facts: [], stage };
        buckets.set(key, bucket);
      }
      if (bucket.label === undefined && label !== undefined) bucket.label = label;
      bucket.facts.push(fact);
    }
  }
  const groups: MetricGroup[] = [...buckets.entries()].map(([key, bucket]) => ({
    key,
    ...(bucket.label !== undefined ? { label: bucket.label } : {}),
    ...(bucket.stage !== undefined ? { stage: bucket.stage } : {}),
    volume: bucket.facts.length,
    ...computeMetric(bucket.facts, options.metric),
  }));
  return groupedMetrics(groups, ungrouped, { ...options, interval });
}

/**
 * The GroupedMetrics of computed groups, whether from facts or from SQL aggregates: periods in
 * time order, other groups by scored count, then volume, then key.
 */
export function groupedMetrics(groups: MetricGroup[], ungrouped: number, options: { metric: ScoreType; by: GroupDimension; interval: Interval }): GroupedMetrics {
  if (options.by === 'period') groups.sort((left, right) => compareKeys(left.key, right.key));
  else groups.sort((left, right) => right.n - left.n || right.volume - left.volume || compareKeys(left.key, right.key));
  return {
    metric: options.metric,
    by: options.by,
    ...(options.by === 'period' ? { interval: options.interval } : {}),
    groups,
    ungrouped,
  };
}

function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
