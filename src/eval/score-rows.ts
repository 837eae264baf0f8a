/**
 * Scores one system on one list of labelled rows: the step shared by `runEvaluation` (dev sets)
 * and `evaluateFile` (a user's JSONL). Aspect rows go through predictAspects when the system has it,
 * otherwise through predict on the whole text. Time spent inside the system is measured here, so
 * throughput counts only the system's own work, not loading or metrics.
 */
import { performance } from 'node:perf_hooks';
import { VerbatimError } from '../errors.js';
import type { LabelledText, SentimentLabel3 } from '../datasets/types.js';
import { binaryLabel } from './baselines.js';
import { accuracy, confusionMatrix, expectedCalibrationError, macroF1, perClassMetrics } from './metrics.js';
import type { AspectItem, EvalSystem, Prediction, SystemScore } from './types.js';

/** Texts handed to a system per call: large enough to batch a model well, small enough to report progress. */
export const EVAL_BATCH_SIZE = 512;

export const THREE_CLASS_LABELS: readonly SentimentLabel3[] = ['negative', 'neutral', 'positive'];
export const BINARY_LABELS: readonly SentimentLabel3[] = ['negative', 'positive'];

export interface ScoreOptions {
  /** Fold predictions to positive/negative (binary gold sets such as SST-2). */
  binary: boolean;
  /** Called after each batch with the number of rows done. */
  onBatch?: (done: number) => void;
}

/** Runs one system over the rows and computes its metrics; the system's errors become VERBATIM_E_MODEL. */
export async function scoreSystem(system: EvalSystem, rows: readonly LabelledText[], options: ScoreOptions): Promise<SystemScore> {
  const useAspects = typeof system.predictAspects === 'function';
  const predictions = new Array<Prediction | undefined>(rows.length);
  let seconds = 0;
  let done = 0;
  const aspectIndexes: number[] = [];
  const textIndexes: number[] = [];
  rows.forEach((row, index) => (row.target && useAspects ? aspectIndexes : textIndexes).push(index));

  for (const [indexes, run] of [
    [textIndexes, (batch: number[]) => system.predict(batch.map((index) => (rows[index] as LabelledText).text))],
    [aspectIndexes, (batch: number[]) => system.predictAspects!(batch.map((index) => aspectItemOf(rows[index] as LabelledText)))],
  ] as const) {
    for (let start = 0; start < indexes.length; start += EVAL_BATCH_SIZE) {
      const batch = indexes.slice(start, start + EVAL_BATCH_SIZE);
      const began = performance.now();
      const answers = await callSystem(system.name, batch.length, () => run(batch));
      seconds += (performance.now() - began) / 1000;
      batch.forEach((rowIndex, position) => (predictions[rowIndex] = answers[position]));
      done += batch.length;
      options.onBatch?.(done);
    }
  }
  const aspectMode = rows.some((row) => row.target) ? (useAspects ? 'aspect' : 'sentence') : null;
  return summarize(system.name, rows, predictions as Prediction[], options.binary, seconds, aspectMode);
}

function summarize(
  name: string,
  rows: readonly LabelledText[],
  predictions: readonly Prediction[],
  binary: boolean,
  seconds: number,
  aspectMode: SystemScore['aspectMode'],
): SystemScore {
  const labels = binary ? BINARY_LABELS : THREE_CLASS_LABELS;
  const gold = rows.map((row) => row.label);
  const predicted = predictions.map((prediction) => (binary ? binaryLabel(prediction) : prediction.label));
  const confusion = confusionMatrix(gold, predicted, labels);
  const aspectPositions = rows.flatMap((row, index) => (row.target ? [index] : []));
  const hasConfidence = predictions.length > 0 && predictions.every((prediction) => typeof prediction.confidence === 'number');
  return {
    system: name,
    rows: rows.length,
    accuracy: accuracy(gold, predicted),
    macroF1: macroF1(gold, predicted, labels),
    perClass: perClassMetrics(confusion),
    confusion,
    aspectAccuracy:
      aspectPositions.length === 0
        ? null
        : accuracy(
            aspectPositions.map((index) => gold[index]),
            aspectPositions.map((index) => predicted[index]),
          ),
    aspectMode,
    ece: hasConfidence
      ? expectedCalibrationError(
          predictions.map((prediction) => prediction.confidence as number),
          predicted.map((label, index) => label === gold[index]),
        )
      : null,
    seconds,
    textsPerSecond: seconds > 0 ? rows.length / seconds : 0,
  };
}

function aspectItemOf(row: LabelledText): AspectItem {
  return { text: row.text, target: row.target! };
}

/**
 * Calls a system and checks it answered once per text. A failure inside the system becomes
 * VERBATIM_E_MODEL naming the system, so a broken adapter is reported, not mistaken for a low score.
 */
export async function callSystem<T>(name: string, expected: number, run: () => Promise<T[]>): Promise<T[]> {
  let answers: T[];
  try {
    answers = await run();
  } catch (cause) {
    if (cause instanceof VerbatimError) throw cause;
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: cause instanceof Error ? cause.message : String(cause) }, { cause });
  }
  if (!Array.isArray(answers) || answers.length !== expected) {
    const found = Array.isArray(answers) ? answers.length : 0;
    throw new VerbatimError('VERBATIM_E_MODEL', { name, detail: `returned ${found} predictions for ${expected} texts` });
  }
  return answers;
}
