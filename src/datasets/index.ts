/**
 * Labelled data for training and evaluation, read from ../shared/datasets (or $VERBATIM_DATASETS).
 * Every reader returns plain rows with three-class labels; dev splits are official where the
 * source has one and carved with a fixed seed otherwise (see splits.ts). Parsed files are cached
 * per process, so loading every set twice costs one parse.
 */
import { loadSplitSet } from './splits.js';
import type { DataSplit, LabelledText, LoadReport, SentimentDatasetName } from './types.js';

export type {
  DataSplit,
  EmotionDatasetName,
  EmotionExample,
  LabelledText,
  LoadReport,
  SentimentDatasetName,
  SentimentLabel3,
  TextTarget,
} from './types.js';
export { EMOTION_DATASET_NAMES, SENTIMENT_DATASET_NAMES, SENTIMENT_LABELS_3 } from './types.js';
export { loadEmotionDataset, goEmotionsLabelNames } from './emotion.js';
export { DATASETS_ENV_VARIABLE, datasetsAvailable, datasetsRoot } from './paths.js';
export { DEFAULT_SPLIT_SEED, groupKeyOf, hashString, isDevGroup, mulberry32, seededShuffle } from './random.js';
export { CLOTHING_DEV_FRACTION, SEMEVAL_DEV_FRACTION } from './splits.js';
export { checkTarget, locateTarget } from './offsets.js';

/** Data sets that are binary (no neutral class); systems are scored as "score >= 0 => positive". */
export const BINARY_DATASETS: readonly SentimentDatasetName[] = ['sst2'];

/** Data sets whose rows are aspect rows (carry a target), scored as aspect polarity. */
export const ASPECT_DATASETS: readonly SentimentDatasetName[] = [
  'semeval2014-restaurants',
  'semeval2014-laptops',
  'semeval2015',
  'semeval2016',
  'mams',
];

/**
 * Loads one split of a sentiment set as three-class rows. Aspect rows carry `target` with
 * `text.slice(target.start, target.end) === target.text`. Returns a fresh array each call.
 *
 * @example
 * const dev = await loadSentimentDataset('semeval2014-restaurants', 'dev');
 * dev[0]; // { text: 'The food was great.', label: 'positive', target: { text: 'food', start: 4, end: 8 }, source: ... }
 */
export async function loadSentimentDataset(name: SentimentDatasetName, split: DataSplit): Promise<LabelledText[]> {
  const set = await loadSplitSet(name);
  return (split === 'train' ? set.train : set.dev).slice();
}

/**
 * What loading a set changed or dropped (offsets repaired, conflict rows, empty texts), with the
 * row counts per split: for model cards and the dataset tests.
 */
export async function describeSentimentDataset(
  name: SentimentDatasetName,
): Promise<{ train: number; dev: number; report: LoadReport }> {
  const set = await loadSplitSet(name);
  return { train: set.train.length, dev: set.dev.length, report: { ...set.report } };
}
