/**
 * The learned sentiment model at run time: the sentence model (three classes for any text) and the
 * aspect model (polarity toward a span of a text), both ONNX graphs in onnxruntime-node, fed by the
 * same featurizer the training used.
 */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerbatimError, unreadableModelFile } from '../errors.js';
import { featurizeAspect, type AspectRequest } from './aspect-featurizer.js';
import { type FeaturizerParams } from './featurizer.js';
import { modelTokens } from './model-tokens.js';
import { openBagScorer, type BagScorer } from './folded-bag.js';
import type { NetworkShape } from './nn/conv-network.js';
import { openSegmentRunner } from './nn/segment-runner.js';
import { openSequenceRunner } from './nn/sequence-runner.js';
import { modelWordsOf, type ModelWord } from './model-words.js';
import { WordRows, aspectInput, sentenceInputFromWords, type TokenVocabulary } from './nn/sequence-tokens.js';
import { defaultTokenVocabulary } from './nn/word-table.js';

/** Model directory shipped with the package. */
export const DEFAULT_SENTIMENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/sentiment');

export interface ModelPart {
  file: string;
  featurizer: FeaturizerParams;
  temperature: number;
}

/** A v2 sequence network (src/model/nn): tokens of models/embeddings, shape as trained. */
export interface SequencePart {
  file: string;
  kind: 'sequence';
  shape: NetworkShape;
  temperature: number;
  /** Word rows of the vocabulary it was trained with (checked at load: the ids must mean the same words). */
  vocabularySize: number;
}

/** Weighted mean of its members' calibrated probabilities (weights sum to 1). */
export interface EnsemblePart {
  kind: 'ensemble';
  members: (ModelPart | SequencePart)[];
  weights: number[];
  /** Recalibration of the mean: p_i^(1/T), renormalized (fitted on dev log-loss; absent = 1). */
  temperature?: number;
  /**
   * A cascade: the members after the first run only on rows whose first-member top probability is
   * below this; the other rows keep the first member's probabilities (absent: every member on every row).
   */
  gate?: number;
}

/** A bag (v1), sequence (v2) or ensemble model part. */
export type SentimentPart = ModelPart | SequencePart | EnsemblePart;

/** True for a v2 sequence part. */
export function isSequencePart(part: SentimentPart | ModelPart): part is SequencePart {
  return (part as SequencePart).kind === 'sequence';
}

/** meta.json beside the ONNX files. */
export interface SentimentMeta {
  name: string;
  version: string;
  /** Class order of the probability rows: ['negative', 'neutral', 'positive']. */
  labels: string[];
  sentence: SentimentPart;
  aspect: SentimentPart;
}

export interface SentimentModel {
  readonly meta: SentimentMeta;
  /** n x 3 calibrated probabilities in `meta.labels` order, one row per text. */
  predict(texts: readonly string[]): Promise<Float32Array>;
  /** predict() for texts already split into model words (a document scan's, doc-tokens.ts): a caller that has them skips the scan. */
  predictWords(words: readonly (readonly ModelWord[])[]): Promise<Float32Array>;
  /** n x 3 calibrated probabilities of the polarity toward text[start, end). */
  predictAspects(items: readonly AspectRequest[]): Promise<Float32Array>;
}

/** Reads and checks a meta.json; errors name the file. */
export async function readJsonMeta<T>(name: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw unreadableModelFile(name, file, error);
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
  const sentence = await openPart('sentiment', dir, meta.sentence, SENTENCE_TASK);
  // The aspect part opens on the first target request: comments without targets never use it,
  // and its two graphs cost each engine ~35 MB of RSS (the server, every tag worker). The first
  // request with targets pays ~16 ms more for it. Its files are checked now, so a broken install
  // still fails at start-up.
  await checkPartFiles('sentiment-aspect', dir, meta.aspect);
  const aspect = openOnFirstUse(() => openPart('sentiment-aspect', dir, meta.aspect, ASPECT_TASK));
  return {
    meta,
    predict: (texts) => sentence(texts.map((text) => modelWordsOf(modelTokens(String(text ?? ''))))),
    predictWords: (words) => sentence(words),
    predictAspects: (items) => aspect(items),
  };
}

/** Row-wise p^(1/T) renormalized: a temperature on log-probabilities (the mean of calibrated members is under-confident). */
export function sharpen(probabilities: Float32Array, temperature: number): Float32Array {
  if (temperature === 1) return probabilities;
  for (let row = 0; row < probabilities.length; row += 3) {
    let total = 0;
    for (let cell = row; cell < row + 3; cell++) total += probabilities[cell] = Math.pow(Math.max(probabilities[cell], 1e-12), 1 / temperature);
    for (let cell = row; cell < row + 3; cell++) probabilities[cell] /= total;
  }
  return probabilities;
}

/** Weighted sum of members' n x 3 probabilities, recalibrated with `temperature` (see sharpen). */
export function mixMembers(outputs: readonly Float32Array[], weights: readonly number[], temperature: number): Float32Array {
  const result = new Float32Array(outputs[0].length);
  outputs.forEach((output, index) => {
    for (let cell = 0; cell < result.length; cell++) result[cell] += weights[index] * output[cell];
  });
  return sharpen(result, temperature);
}

/**
 * Rows whose top probability is below `gate`: the ones a cascade sends on to its other members.
 * Training picks the gate with this same function, so dev scores are those served.
 */
export function gatedRows(probabilities: Float32Array, gate: number): number[] {
  const rows: number[] = [];
  for (let row = 0; row * 3 < probabilities.length; row++) {
    const cell = row * 3;
    if (Math.max(probabilities[cell], probabilities[cell + 1], probabilities[cell + 2]) < gate) rows.push(row);
  }
  return rows;
}

/** Rows `rows` of an n x 3 probability matrix, in that order. */
export function pickRows(probabilities: Float32Array, rows: readonly number[]): Float32Array {
  const picked = new Float32Array(rows.length * 3);
  rows.forEach((row, index) => picked.set(probabilities.subarray(row * 3, row * 3 + 3), index * 3));
  return picked;
}

/**
 * A cascade's output: each row of `unsure` in `first` (the first member's rows) replaced, in place,
 * by the mix of that row and the other members' rows for it (`rest[m]` holds member m+1's rows of
 * `unsure`, in order). Serving and training both build the cascade with this.
 */
export function mixUnsureRows(
  first: Float32Array,
  unsure: readonly number[],
  rest: readonly Float32Array[],
  weights: readonly number[],
  temperature: number,
): Float32Array {
  const mixed = mixMembers([pickRows(first, unsure), ...rest], weights, temperature);
  unsure.forEach((row, index) => first.set(mixed.subarray(index * 3, index * 3 + 3), row * 3));
  return first;
}

/** A part as a batched function over one task's rows: n x 3 probabilities. */
type PartRunner<Row> = (rows: readonly Row[]) => Promise<Float32Array>;

/** What a part's rows are and how each kind of part reads them: a sentence's model words, or an aspect request. */
interface PartTask<Row> {
  /** A bag part over these rows. */
  bag(scorer: BagScorer, featurizer: FeaturizerParams): PartRunner<Row>;
  /** A sequence network over these rows, from its file (`minimum`: its widest window). */
  sequence(name: string, file: string, shape: NetworkShape, vocabulary: TokenVocabulary, minimum: number): Promise<PartRunner<Row>>;
}

/**
 * Sentence parts read a text's model words, made once per row for every member of a cascade. Their
 * network runs its texts end to end (segment-runner.ts), its vocabulary rows read by word id.
 */
const SENTENCE_TASK: PartTask<readonly ModelWord[]> = {
  bag: (scorer) => (rows) => scorer.runWords(rows),
  async sequence(name, file, shape, vocabulary, minimum) {
    const runner = await openSegmentRunner(name, file, shape);
    const wordRows = new WordRows(vocabulary);
    return (rows) => runner.run(rows.map((words) => sentenceInputFromWords(words, wordRows, minimum)));
  },
};

/**
 * Aspect parts read a text and the span of the target in it. Their network's gate depends on each
 * text's target, so its texts stay rows of a padded batch.
 */
const ASPECT_TASK: PartTask<AspectRequest> = {
  bag: (scorer, featurizer) => (rows) => scorer.runIds(rows.map((row) => featurizeAspect(row, featurizer))),
  async sequence(name, file, shape, vocabulary, minimum) {
    const runner = await openSequenceRunner(name, file, shape.widths, true);
    return (rows) => runner.run(rows.map((row) => aspectInput(row, vocabulary, minimum)));
  },
};

/** Throws VERBATIM_E_MODEL unless every file of `part` (each member's, for an ensemble) is readable. */
async function checkPartFiles(name: string, dir: string, part: SentimentPart): Promise<void> {
  const members = 'kind' in part && part.kind === 'ensemble' ? part.members : [part];
  for (const member of members) {
    const file = join(dir, member.file);
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      throw unreadableModelFile(name, file, error);
    }
  }
}

/** A runner that opens its part on the first call (concurrent first calls share the opening; a failure is every call's). */
function openOnFirstUse<Row>(open: () => Promise<PartRunner<Row>>): PartRunner<Row> {
  let opened: Promise<PartRunner<Row>> | null = null;
  return async (rows) => (await (opened ??= open()))(rows);
}

/** Opens one part (a bag, a sequence network or an ensemble of them) as a batched function over the task's rows. */
async function openPart<Row>(name: string, dir: string, part: SentimentPart, task: PartTask<Row>): Promise<PartRunner<Row>> {
  if ('kind' in part && part.kind === 'ensemble') {
    if (part.members.length === 0 || part.members.length !== part.weights.length) {
      throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: 'an ensemble needs one weight per member' });
    }
    const members = await Promise.all(part.members.map((member) => openPart(name, dir, member, task)));
    if (part.gate === undefined) {
      return async (rows) => mixMembers(await Promise.all(members.map((member) => member(rows))), part.weights, part.temperature ?? 1);
    }
    const gate = part.gate;
    return async (rows) => {
      const first = await members[0](rows);
      const unsure = gatedRows(first, gate);
      if (unsure.length === 0) return first;
      const subset = unsure.map((row) => rows[row]);
      const rest = await Promise.all(members.slice(1).map((member) => member(subset)));
      return mixUnsureRows(first, unsure, rest, part.weights, part.temperature ?? 1);
    };
  }
  const file = join(dir, part.file);
  if (!isSequencePart(part)) return task.bag(await openBagScorer(name, file, part.featurizer, 3), part.featurizer);
  const vocabulary = defaultTokenVocabulary();
  if (vocabulary.wordRows !== part.vocabularySize) {
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `${file} was trained on ${part.vocabularySize} words, models/embeddings has ${vocabulary.wordRows}` });
  }
  return task.sequence(name, file, part.shape, vocabulary, Math.max(...part.shape.widths));
}
