/**
 * The training mixture for the sentiment models, built from src/datasets. Weights keep any one
 * data set from dominating: a set with more rows than its budget gets row weight budget / rows, so
 * its total pull on the model equals the budget (documented in models/sentiment/MODEL_CARD.md).
 */
import { loadEmotionDataset, loadSentimentDataset, type LabelledText, type SentimentDatasetName } from '../datasets/index.js';

/** Model class order; index = class id in every tensor. */
export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

export interface WeightedRow {
  text: string;
  label: number;
  weight: number;
  source: string;
  target?: { start: number; end: number };
}

/**
 * Effective rows per sentence-model source (chosen on the dev sets): SST-2 phrases are many and
 * short, so they are capped; GoEmotions rows labelled only "neutral" teach that questions and
 * plain statements are neutral, which the review sets rarely show.
 */
export const SENTENCE_BUDGETS: Record<string, number> = {
  sst2: 40000,
  sst5: 8544,
  clothing: 20000,
  'semeval-sentences': 6000,
  'goemotions-neutral': 6000,
  'goemotions-polar': 20000,
  'emotion6-polar': 0,
};

/**
 * GoEmotions / emotion6 labels grouped by polarity (after Demszky et al. 2020's sentiment grouping,
 * with ambiguous emotions such as surprise, curiosity and confusion left out): informal comments
 * with a clear polarity, so that chatty or social text is not learned as neutral by default.
 */
export const EMOTION_POLARITY: Record<string, 'positive' | 'negative'> = {
  admiration: 'positive',
  amusement: 'positive',
  approval: 'positive',
  caring: 'positive',
  excitement: 'positive',
  gratitude: 'positive',
  joy: 'positive',
  love: 'positive',
  optimism: 'positive',
  pride: 'positive',
  relief: 'positive',
  anger: 'negative',
  annoyance: 'negative',
  disappointment: 'negative',
  disapproval: 'negative',
  disgust: 'negative',
  embarrassment: 'negative',
  fear: 'negative',
  grief: 'negative',
  nervousness: 'negative',
  remorse: 'negative',
  sadness: 'negative',
};

/** Three-class label of an emotion row: one polarity over all its labels, `neutral` alone, or null (mixed or ambiguous). */
export function polarityOfEmotions(labels: readonly string[]): SentimentClass | null {
  if (labels.length === 1 && labels[0] === 'neutral') return 'neutral';
  const polarities = new Set<string>(labels.map((label) => EMOTION_POLARITY[label] ?? 'ambiguous'));
  if (polarities.size !== 1 || polarities.has('ambiguous')) return null;
  return [...polarities][0] as SentimentClass;
}

/** GoEmotions rows of a split whose labels share one polarity (positive / negative only). */
export async function goEmotionsPolarRows(split: 'train' | 'dev'): Promise<Omit<WeightedRow, 'weight'>[]> {
  return (await loadEmotionDataset('goemotions', split)).flatMap((row) => {
    const label = polarityOfEmotions(row.labels);
    return label && label !== 'neutral' ? [{ text: row.text, label: classOf(label), source: 'goemotions-polar' }] : [];
  });
}

/** Effective rows per aspect-model source. */
export const ASPECT_BUDGETS: Record<string, number> = {
  'semeval2014-restaurants': 4000,
  'semeval2014-laptops': 4000,
  semeval2015: 3000,
  semeval2016: 3000,
  mams: 11156,
  /** SST-2 phrases as target-less rows (featurizeClauseAsAspect): +1-2 points on both aspect dev sets. */
  'sst2-phrases': 20000,
};

function classOf(label: string): number {
  return SENTIMENT_CLASSES.indexOf(label as SentimentClass);
}

function weighted(rows: Omit<WeightedRow, 'weight'>[], budget: number): WeightedRow[] {
  const weight = rows.length > budget ? budget / rows.length : 1;
  return rows.map((row) => ({ ...row, weight }));
}

/** Sentence rows from aspect sets: sentences whose aspects all share one polarity, or untargeted opinions. */
function sentenceRowsFromAspects(rows: readonly LabelledText[]): Omit<WeightedRow, 'weight'>[] {
  const labelsByText = new Map<string, Set<string>>();
  for (const row of rows) {
    const labels = labelsByText.get(row.text) ?? new Set<string>();
    labels.add(row.label);
    labelsByText.set(row.text, labels);
  }
  const result: Omit<WeightedRow, 'weight'>[] = [];
  for (const [text, labels] of labelsByText) {
    if (labels.size === 1) result.push({ text, label: classOf([...labels][0]), source: 'semeval-sentences' });
  }
  return result;
}

/** emotion6 train rows with a polar emotion (joy, love / sadness, anger, fear; surprise left out). */
async function emotion6PolarRows(): Promise<Omit<WeightedRow, 'weight'>[]> {
  const polarity: Record<string, SentimentClass> = { joy: 'positive', love: 'positive', sadness: 'negative', anger: 'negative', fear: 'negative' };
  return (await loadEmotionDataset('emotion6', 'train')).flatMap((row) =>
    polarity[row.labels[0]] ? [{ text: row.text, label: classOf(polarity[row.labels[0]]), source: 'emotion6-polar' }] : [],
  );
}

/** The weighted sentence-model training rows. */
export async function sentenceTrainingRows(): Promise<WeightedRow[]> {
  const plain = async (name: SentimentDatasetName) =>
    (await loadSentimentDataset(name, 'train')).map((row) => ({ text: row.text, label: classOf(row.label), source: name }));
  const aspectSets: SentimentDatasetName[] = ['semeval2014-restaurants', 'semeval2014-laptops', 'semeval2015', 'semeval2016'];
  const aspectRows = (await Promise.all(aspectSets.map((name) => loadSentimentDataset(name, 'train')))).flat();
  const neutral = (await loadEmotionDataset('goemotions', 'train'))
    .filter((row) => row.labels.length === 1 && row.labels[0] === 'neutral')
    .map((row) => ({ text: row.text, label: classOf('neutral'), source: 'goemotions-neutral' }));
  return [
    ...weighted(await plain('sst2'), SENTENCE_BUDGETS.sst2),
    ...weighted(await plain('sst5'), SENTENCE_BUDGETS.sst5),
    ...weighted(await plain('clothing'), SENTENCE_BUDGETS.clothing),
    ...weighted(sentenceRowsFromAspects(aspectRows), SENTENCE_BUDGETS['semeval-sentences']),
    ...weighted(neutral, SENTENCE_BUDGETS['goemotions-neutral']),
    ...(SENTENCE_BUDGETS['goemotions-polar'] > 0 ? weighted(await goEmotionsPolarRows('train'), SENTENCE_BUDGETS['goemotions-polar']) : []),
    ...(SENTENCE_BUDGETS['emotion6-polar'] > 0 ? weighted(await emotion6PolarRows(), SENTENCE_BUDGETS['emotion6-polar']) : []),
  ];
}

/** The weighted aspect-model training rows: aspect rows (with a target) and target-less opinion phrases. */
export async function aspectTrainingRows(): Promise<WeightedRow[]> {
  const result: WeightedRow[] = [];
  const phrases = (await loadSentimentDataset('sst2', 'train')).map((row) => ({ text: row.text, label: classOf(row.label), source: 'sst2-phrases' }));
  result.push(...weighted(phrases, ASPECT_BUDGETS['sst2-phrases']));
  for (const [name, budget] of Object.entries(ASPECT_BUDGETS)) {
    if (name === 'sst2-phrases') continue;
    const rows = (await loadSentimentDataset(name as SentimentDatasetName, 'train'))
      .filter((row) => row.target)
      .map((row) => ({ text: row.text, label: classOf(row.label), source: name, target: { start: row.target!.start, end: row.target!.end } }));
    result.push(...weighted(rows, budget));
  }
  return result;
}

/** A dev set as the training script scores it. */
export interface DevSet {
  name: string;
  /** 'binary' compares P(positive) with P(negative) only (SST-2 has no neutral class). */
  kind: 'binary' | 'three-class' | 'aspect';
  rows: WeightedRow[];
}

/** The dev sets the models are tuned on. */
export async function sentimentDevSets(): Promise<DevSet[]> {
  const load = async (names: SentimentDatasetName[]) =>
    (await Promise.all(names.map((name) => loadSentimentDataset(name, 'dev')))).flat().map((row) => ({
      text: row.text,
      label: classOf(row.label),
      weight: 1,
      source: row.source,
      target: row.target ? { start: row.target.start, end: row.target.end } : undefined,
    }));
  return [
    { name: 'sst2', kind: 'binary', rows: await load(['sst2']) },
    { name: 'sst5 (3-class)', kind: 'three-class', rows: await load(['sst5']) },
    { name: 'clothing', kind: 'three-class', rows: await load(['clothing']) },
    { name: 'semeval2014 (aspect)', kind: 'aspect', rows: (await load(['semeval2014-restaurants', 'semeval2014-laptops'])).filter((row) => row.target) },
    { name: 'mams (aspect)', kind: 'aspect', rows: (await load(['mams'])).filter((row) => row.target) },
  ];
}
