/**
 * Stage sentiment for one comment: the themes it mentions, grouped by journey stage, each
 * group's sentiment combined by the sentiment engine's own aggregator (so a stage reads the same
 * way a document or theme does), listed in journey order.
 */
import type { Sentiment, StageResult, ThemeResult } from '../contract.js';
import { compareStages, isJourneyStage } from './stages.js';
import { sortSmall } from '../small-sort.js';

/** One sentiment and how much it should count. */
export interface WeightedSentiment {
  sentiment: Sentiment;
  weight: number;
}

/** Combines weighted sentiments into one (the sentiment stage supplies its implementation). */
export type SentimentAggregator = (sentiments: WeightedSentiment[]) => Sentiment;

/** A theme result, optionally with the salience theme assignment gave it (ThemeHit.strength). */
export type WeightedThemeResult = ThemeResult & { strength?: number };

/**
 * Weight of a theme whose strength is unknown: every theme then counts equally. Strength in
 * [0, 1] comes from theme assignment when the caller passes it along.
 */
export const DEFAULT_THEME_WEIGHT = 1;

function weightOf(theme: WeightedThemeResult): number {
  const strength = theme.strength;
  return typeof strength === 'number' && Number.isFinite(strength) && strength > 0 ? strength : DEFAULT_THEME_WEIGHT;
}

/**
 * Groups themes by stage and aggregates each stage's sentiment, weighted by theme strength.
 * Stages without themes are left out; themes with an unknown stage are skipped.
 * @example
 * aggregateStages([{ id: 'delivery.late', stage: 'delivery', ... }], aggregate)
 * // [{ id: 'delivery', sentiment: { label: 'negative', score: -0.6, confidence: 0.8 } }]
 */
export function aggregateStages(themes: readonly WeightedThemeResult[], aggregate: SentimentAggregator): StageResult[] {
  if (themes.length === 0) return [];
  // A comment names a few stages at most: parallel arrays beat a Map and its entry tuples here.
  const ids: StageResult['id'][] = [];
  const groups: WeightedSentiment[][] = [];
  for (const theme of themes) {
    if (!isJourneyStage(theme.stage)) continue;
    const entry = { sentiment: theme.sentiment, weight: weightOf(theme) };
    const at = ids.indexOf(theme.stage);
    if (at >= 0) groups[at]!.push(entry);
    else {
      ids.push(theme.stage);
      groups.push([entry]);
    }
  }
  const order = ids.map((_, index) => index);
  if (order.length > 1) sortSmall(order, (left, right) => compareStages(ids[left]!, ids[right]!));
  return order.map((index) => ({ id: ids[index]!, sentiment: aggregate(groups[index]!) }));
}
