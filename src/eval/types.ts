/**
 * The shapes of the evaluation harness: what a system must offer to be evaluated, and the report
 * it produces. Kept apart from the runner so the model and the rule scorer can be adapted to
 * EvalSystem without importing the data readers.
 */
import type { SentimentLabel3, TextTarget } from '../datasets/types.js';

/** One system's answer for one text (or one aspect of a text). */
export interface Prediction {
  label: SentimentLabel3;
  /** Polarity in [-1, 1]; its sign decides binary sets (score >= 0 => positive). */
  score: number;
  /** Probability that `label` is right, when the system has one; enables ECE. */
  confidence?: number;
  /** Class probabilities, when the system has them; binary sets then use positive >= negative. */
  probabilities?: { negative: number; neutral: number; positive: number };
}

/** A text and the aspect inside it whose polarity is asked for. */
export interface AspectItem {
  text: string;
  target: TextTarget;
}

/**
 * Anything that can be evaluated. `predictAspects` is optional: a system without it is scored on
 * aspect rows by its sentence-level prediction of the whole text (what a user of that system would
 * get), which is exactly the weakness aspect data sets expose.
 */
export interface EvalSystem {
  readonly name: string;
  predict(texts: readonly string[]): Promise<Prediction[]>;
  predictAspects?(items: readonly AspectItem[]): Promise<Prediction[]>;
}

/**
 * A multi-label emotion system. Macro-F1 is averaged over `labels` only. Gold GoEmotions labels are
 * mapped through `goldLabelMap` when given (e.g. disgust -> anger for a model that merges them);
 * gold labels it does not map, or outside `labels` without a map, are ignored.
 *
 * @example
 * const emotionSystem: EmotionSystem = { name: 'verbatim', labels: CX_EMOTIONS, goldLabelMap: EMOTION_LABEL_MAP,
 *   predict: async (texts) => (await model.predict(texts)).map((emotions) => emotions.map((e) => e.label)) };
 */
export interface EmotionSystem {
  readonly name: string;
  readonly labels: readonly string[];
  readonly goldLabelMap?: Readonly<Record<string, string>>;
  predict(texts: readonly string[]): Promise<string[][]>;
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ConfusionMatrix {
  /** Row and column order. */
  labels: string[];
  /** matrix[gold][predicted] counts. */
  matrix: number[][];
}

/** One system scored on one set of rows. */
export interface SystemScore {
  system: string;
  rows: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
  /** Accuracy on the rows that have a target; null when the set has none. */
  aspectAccuracy: number | null;
  /** Aspect rows went through predictAspects ('aspect') or the whole-text prediction ('sentence'). */
  aspectMode: 'aspect' | 'sentence' | null;
  /** Expected calibration error, when every prediction carried a confidence. */
  ece: number | null;
  seconds: number;
  textsPerSecond: number;
}

export interface DatasetScore {
  dataset: string;
  split: 'dev';
  /** Scored as two classes (SST-2): gold has no neutral, predictions folded by score sign. */
  binary: boolean;
  rows: number;
  aspectRows: number;
  scores: SystemScore[];
}

export interface EmotionScore {
  dataset: 'goemotions';
  system: string;
  rows: number;
  labels: string[];
  macroF1: number;
  perLabel: ClassMetrics[];
  seconds: number;
  textsPerSecond: number;
}

export interface ThroughputScore {
  system: string;
  texts: number;
  seconds: number;
  textsPerSecond: number;
}

/** Everything one `verbatim eval` run measured; written as JSON as it stands. */
export interface EvalReport {
  createdAt: string;
  node: string;
  limit: number | null;
  datasets: DatasetScore[];
  emotions: EmotionScore | null;
  throughput: ThroughputScore[];
}
