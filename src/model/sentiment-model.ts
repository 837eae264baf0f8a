/**
 * The learned sentiment model at run time: the sentence model (three classes for any text) and the
 * aspect model (polarity toward a span of a text), both ONNX graphs in onnxruntime-node, fed by the
 * same featurizer the training used.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerbatimError } from '../errors.js';
import { featurizeAspect, type AspectRequest } from './aspect-featurizer.js';
import { featurize, type FeaturizerParams } from './featurizer.js';
import { openBagRunner } from './onnx-runner.js';

/** Model directory shipped with the package. */
export const DEFAULT_SENTIMENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/sentiment');

export interface ModelPart {
  file: string;
  featurizer: FeaturizerParams;
  temperature: number;
}

/** meta.json beside the ONNX files. */
export interface SentimentMeta {
  name: string;
  version: string;
  /** Class order of the probability rows: ['negative', 'neutral', 'positive']. */
  labels: string[];
  sentence: ModelPart;
  aspect: ModelPart;
}

export interface SentimentModel {
  readonly meta: SentimentMeta;
  /** n x 3 calibrated probabilities in `meta.labels` order, one row per text. */
  predict(texts: readonly string[]): Promise<Float32Array>;
  /** n x 3 calibrated probabilities of the polarity toward text[start, end). */
  predictAspects(items: readonly AspectRequest[]): Promise<Float32Array>;
}

/** Reads and checks a meta.json; errors name the file. */
export async function readJsonMeta<T>(name: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` }, { cause: error });
  }
}

/**
 * Loads the sentiment model from `dir` (default models/sentiment).
 *
 * @example
 * const model = await loadSentimentModel();
 * const probabilities = await model.predict(['absolutely love it, five stars']); // [neg, neu, pos]
 */
export async function loadSentimentModel(dir: string = DEFAULT_SENTIMENT_DIR): Promise<SentimentModel> {
  const meta = await readJsonMeta<SentimentMeta>('sentiment', join(dir, 'meta.json'));
  if (!meta.sentence || !meta.aspect || meta.labels?.length !== 3) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name: 'sentiment', detail: `${join(dir, 'meta.json')} lacks sentence, aspect or three labels` });
  }
  const sentence = await openBagRunner('sentiment', join(dir, meta.sentence.file), meta.sentence.featurizer.buckets, 3);
  const aspect = await openBagRunner('sentiment-aspect', join(dir, meta.aspect.file), meta.aspect.featurizer.buckets, 3);
  return {
    meta,
    predict: (texts) => sentence.run(texts.map((text) => featurize(String(text ?? ''), meta.sentence.featurizer))),
    predictAspects: (items) => aspect.run(items.map((item) => featurizeAspect(item, meta.aspect.featurizer))),
  };
}
