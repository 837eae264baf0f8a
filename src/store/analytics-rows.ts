/**
 * The analytics columns a record's rows carry besides its own fields, computed once at write
 * time by every store: the UTC day, the sorted sets of its theme and stage ids (what co-mention
 * counts group by), and per theme mention the record's score and filter columns plus its
 * stage's merged sentiment, so theme and stage aggregates read one table without a join
 * (analytics-sql.ts).
 */
import type { SentimentLabel } from '../contract.js';
import { mergeSentimentLabels } from '../metrics/drivers.js';
import type { NormalizedRecord } from './validate-record.js';

/** Separates ids in `theme_ids` / `stage_ids` (ASCII unit separator: never part of an id in practice). */
export const ID_SET_SEPARATOR = '\u001f';

/** One theme mention row with its stage columns. */
export interface MentionRow {
  themeId: string;
  label: string;
  stage: string;
  sentimentLabel: SentimentLabel;
  sentimentScore: number;
  /** True on the record's first theme (by id) of its stage: stage aggregates count those rows only. */
  stageFirst: boolean;
  /** The merged label and mean score of the record's themes in this stage (as drivers.ts merges them). */
  stageSentimentLabel: SentimentLabel;
  stageSentimentScore: number;
}

export interface AnalyticsColumns {
  /** `YYYY-MM-DD` of the UTC date. */
  day: string;
  themeIds: string;
  stageIds: string;
  mentions: MentionRow[];
}

const byCodeUnits = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

/**
 * The analytics columns of a normalized record (themes distinct by id, first occurrence wins).
 * @example analyticsColumnsOf(record).themeIds // 'delivery-speed\u001frefund'
 */
export function analyticsColumnsOf(record: NormalizedRecord): AnalyticsColumns {
  const seen = new Set<string>();
  const themes = record.result.themes.filter((theme) => !seen.has(theme.id) && seen.add(theme.id));
  const stages = new Map<string, { label: SentimentLabel; score: number; count: number; first: string }>();
  for (const theme of themes) {
    const score = Number.isFinite(theme.sentiment.score) ? theme.sentiment.score : 0;
    const stage = stages.get(theme.stage);
    if (stage === undefined) {
      stages.set(theme.stage, { label: theme.sentiment.label, score, count: 1, first: theme.id });
      continue;
    }
    stage.score = (stage.score * stage.count + score) / (stage.count + 1);
    stage.count += 1;
    stage.label = mergeSentimentLabels(stage.label, theme.sentiment.label);
    if (theme.id < stage.first) stage.first = theme.id;
  }
  const mentions = themes.map((theme): MentionRow => {
    const stage = stages.get(theme.stage)!;
    return {
      themeId: theme.id,
      label: theme.label,
      stage: theme.stage,
      sentimentLabel: theme.sentiment.label,
      sentimentScore: theme.sentiment.score,
      stageFirst: stage.first === theme.id,
      stageSentimentLabel: stage.label,
      stageSentimentScore: stage.score,
    };
  });
  return {
    day: record.date.slice(0, 10),
    themeIds: themes.map((theme) => theme.id).sort(byCodeUnits).join(ID_SET_SEPARATOR),
    stageIds: [...stages.keys()].sort(byCodeUnits).join(ID_SET_SEPARATOR),
    mentions,
  };
}
