/**
 * The emotion model at run time: one sigmoid per customer-experience emotion, an ONNX graph fed by
 * the shared featurizer. Labels and the source-label mapping live here so training and serving
 * agree on them.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roundScore, type Emotion } from '../contract.js';
import { VerbatimError } from '../errors.js';
import { modelTokens } from './model-tokens.js';
import { openBagScorer } from './folded-bag.js';
import type { ModelWord } from './model-words.js';
import { readJsonMeta, type ModelPart } from './sentiment-model.js';
import { sortSmall } from '../small-sort.js';

/** Emotions that matter in CX (issue 3), in model output order. */
export const CX_EMOTIONS = ['anger', 'annoyance', 'disappointment', 'confusion', 'joy', 'gratitude', 'surprise', 'fear'] as const;
export type CxEmotion = (typeof CX_EMOTIONS)[number];

/**
 * Source label -> CX emotion. GoEmotions labels (labels.txt) follow the paper's Ekman grouping
 * where it fits CX (disgust with anger; nervousness with fear; amusement, excitement and love with
 * joy); emotion6 "love" is joy. Labels not listed (sadness, curiosity, approval, ...) map to none.
 */
export const EMOTION_LABEL_MAP: Record<string, CxEmotion> = {
  anger: 'anger',
  disgust: 'anger',
  annoyance: 'annoyance',
  disappointment: 'disappointment',
  confusion: 'confusion',
  joy: 'joy',
  amusement: 'joy',
  excitement: 'joy',
  love: 'joy',
  gratitude: 'gratitude',
  surprise: 'surprise',
  fear: 'fear',
  nervousness: 'fear',
};

/** Default model directory shipped with the package. */
export const DEFAULT_EMOTION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/emotion');

export interface EmotionMeta extends ModelPart {
  name: string;
  version: string;
  labels: string[];
  /** Scores below this are not reported (chosen on GoEmotions dev for the best macro-F1). */
  threshold: number;
  /**
   * Per-label thresholds, each the one with its label's best F1 on GoEmotions dev (model 1.2.0
   * on): rare labels score low ("disappointment" at 0.1), frequent ones high ("gratitude" 0.525),
   * so one threshold for all misses most of the rare ones. A label missing here uses `threshold`.
   */
  thresholds?: Record<string, number>;
}

export interface EmotionModel {
  readonly meta: EmotionMeta;
  /** n x labels sigmoid scores. */
  scores(texts: readonly string[]): Promise<Float32Array>;
  /**
   * Per text: emotions scoring at least `threshold` when one is given (every label alike), else at
   * least the model's tuned threshold for their label; highest first (the contract's `emotions`).
   */
  predict(texts: readonly string[], threshold?: number): Promise<Emotion[][]>;
  /** predict() for texts already split into model words (a document scan's, doc-tokens.ts), one list per text. */
  predictWords(words: readonly (readonly ModelWord[])[], threshold?: number): Promise<Emotion[][]>;
}

/**
 * Loads the emotion model from `dir` (default models/emotion).
 *
 * @example
 * const model = await loadEmotionModel();
 * (await model.predict(['thank you so much!']))[0]; // [{ label: 'gratitude', score: 0.93 }]
 */
export async function loadEmotionModel(dir: string = DEFAULT_EMOTION_DIR): Promise<EmotionModel> {
  const meta = await readJsonMeta<EmotionMeta>('emotion', join(dir, 'meta.json'));
  if (!Array.isArray(meta.labels) || meta.labels.length === 0 || !meta.featurizer || typeof meta.threshold !== 'number') {
    throw new VerbatimError('VERBATIM_E_MODEL', { name: 'emotion', detail: `${join(dir, 'meta.json')} lacks labels, featurizer or threshold` });
  }
  for (const [label, value] of Object.entries(meta.thresholds ?? {})) {
    if (!meta.labels.includes(label) || typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name: 'emotion', detail: `${join(dir, 'meta.json')}: thresholds.${label} must be a number in [0, 1] for one of its labels` });
    }
  }
  const classes = meta.labels.length;
  const bag = await openBagScorer('emotion', join(dir, meta.file), meta.featurizer, classes);
  const scores = (texts: readonly string[]) => bag.runTokens(texts.map((text) => modelTokens(String(text ?? ''))));
  const tuned = Float64Array.from(meta.labels, (label) => meta.thresholds?.[label] ?? meta.threshold);
  const emotionsAbove = (all: Float32Array, rows: number, threshold: number | undefined): Emotion[][] =>
    Array.from({ length: rows }, (_, row) => {
      const emotions: Emotion[] = [];
      for (let label = 0; label < classes; label++) {
        const score = all[row * classes + label];
        if (score >= (threshold ?? tuned[label]!)) emotions.push({ label: meta.labels[label], score });
      }
      sortSmall(emotions, (left, right) => right.score - left.score);
      // Reported to 4 decimals, as every other score in a result (a float32's 17 digits are noise).
      for (const emotion of emotions) emotion.score = roundScore(emotion.score);
      return emotions;
    });
  return {
    meta,
    scores,
    async predict(texts, threshold) {
      return emotionsAbove(await scores(texts), texts.length, threshold);
    },
    async predictWords(words, threshold) {
      return emotionsAbove(await bag.runWords(words), words.length, threshold);
    },
  };
}
