/** Shapes shared by the dataset readers (re-exported from index.ts). */

export type SentimentLabel3 = 'positive' | 'negative' | 'neutral';

export const SENTIMENT_LABELS_3: readonly SentimentLabel3[] = ['positive', 'negative', 'neutral'];

/** An aspect inside `text`: `text.slice(start, end) === target.text` always holds. */
export interface TextTarget {
  text: string;
  start: number;
  end: number;
}

export interface LabelledText {
  text: string;
  label: SentimentLabel3;
  /** Present on aspect rows: the polarity is toward this target, not the whole text. */
  target?: TextTarget;
  /** Which data set (and domain) the row came from, e.g. "semeval2015-laptops". */
  source: string;
}

export type DataSplit = 'train' | 'dev';

export const SENTIMENT_DATASET_NAMES = [
  'sst2',
  'sst5',
  'semeval2014-restaurants',
  'semeval2014-laptops',
  'semeval2015',
  'semeval2016',
  'mams',
  'clothing',
] as const;
export type SentimentDatasetName = (typeof SENTIMENT_DATASET_NAMES)[number];

export const EMOTION_DATASET_NAMES = ['goemotions', 'emotion6'] as const;
export type EmotionDatasetName = (typeof EMOTION_DATASET_NAMES)[number];

export interface EmotionExample {
  text: string;
  labels: string[];
}

/** What a reader changed or dropped while loading, so the counts can be checked and reported. */
export interface LoadReport {
  /** Rows read from the source before any filtering. */
  rowsRead: number;
  /** Aspect rows whose source offsets were wrong and were re-located by searching the term. */
  offsetsRepaired: number;
  /** Aspect rows dropped because the term could not be found in the text. */
  offsetsDropped: number;
  /** Rows dropped for their label ("conflict", ratings out of range, unknown ids). */
  labelDropped: number;
  /** Rows dropped because the text was empty. */
  emptyDropped: number;
  /** Rows dropped as duplicates or contradictions of another row on the same span. */
  duplicateDropped: number;
  /** Train rows dropped because their sentence sits in another set's dev split (leak guard). */
  heldOutDropped: number;
  /** Sentence-level rows made from opinions without a target (SemEval 2015/2016 only). */
  sentenceRowsFromUntargeted: number;
}

/** A report with every count at zero. */
export function emptyLoadReport(): LoadReport {
  return {
    rowsRead: 0,
    offsetsRepaired: 0,
    offsetsDropped: 0,
    labelDropped: 0,
    emptyDropped: 0,
    duplicateDropped: 0,
    heldOutDropped: 0,
    sentenceRowsFromUntargeted: 0,
  };
}
