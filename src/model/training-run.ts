/**
 * The shared steps of a training script: featurize rows, train with progress output, quantize,
 * calibrate on dev, score dev sets. Kept here so scripts/train-*.ts stay short and readable.
 */
import { logitsBatch, forwardBatch, type BagModel, type OutputKind } from './bag-model.js';
import { applyQuantization } from './onnx-export.js';
import { argmax, classificationScores, expectedCalibrationError, fitTemperature } from './metrics.js';
import { packTrainingSet, trainBagModel, type TrainingSet } from './trainer.js';
import type { DevSet, WeightedRow } from './training-data.js';

export interface Hyperparameters {
  dim: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

/** Featurizes weighted single-label rows into a packed training set. */
export function packSingleLabel(rows: readonly WeightedRow[], classes: number, featurize: (row: WeightedRow) => number[]): TrainingSet {
  return packTrainingSet(
    rows.map((row) => {
      const target = new Array(classes).fill(0);
      target[row.label] = 1;
      return { ids: featurize(row), target, weight: row.weight };
    }),
    classes,
  );
}

/** Trains, printing one progress line per epoch (loss and the quick dev accuracy `probe` returns). */
export function trainWithProgress(
  label: string,
  set: TrainingSet,
  buckets: number,
  classes: number,
  output: OutputKind,
  hyper: Hyperparameters,
  probe: (model: BagModel) => string,
): { model: BagModel; seconds: number } {
  const started = Date.now();
  const model = trainBagModel(set, {
    buckets,
    classes,
    output,
    dim: hyper.dim,
    epochs: hyper.epochs,
    learningRate: hyper.learningRate,
    seed: hyper.seed,
    onEpoch: (epoch, loss, current) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`[${label}] epoch ${epoch}/${hyper.epochs} loss ${loss.toFixed(4)} ${probe(current)} (${seconds}s)`);
    },
  });
  return { model: applyQuantization(model), seconds: (Date.now() - started) / 1000 };
}

export interface DevScore {
  name: string;
  rows: number;
  accuracy: number;
  macroF1: number;
  ece: number;
}

/** Scores a three-class softmax model on a dev set (binary sets compare positive with negative only). */
export function scoreDevSet(set: DevSet, probabilities: Float32Array): DevScore {
  const gold = set.rows.map((row) => row.label);
  let predicted: number[];
  if (set.kind === 'binary') predicted = set.rows.map((_, row) => (probabilities[row * 3 + 2] >= probabilities[row * 3] ? 2 : 0));
  else predicted = set.rows.map((_, row) => argmax(probabilities, row * 3, 3));
  const scores = classificationScores(gold, predicted, 3);
  return { name: set.name, rows: set.rows.length, ...scores, ece: expectedCalibrationError(probabilities, gold, 3) };
}

/** Fits the temperature on the given dev rows' logits. */
export function calibrate(model: BagModel, featurized: number[][], gold: number[]): number {
  return fitTemperature(logitsBatch(model, featurized), gold, model.classes);
}

/** Probabilities for featurized rows with a temperature (the JS twin of the ONNX graph). */
export function probabilitiesOf(model: BagModel, featurized: number[][], temperature: number): Float32Array {
  return forwardBatch(model, featurized, temperature);
}

/** Formats dev scores as a Markdown table. */
export function devTable(scores: readonly DevScore[]): string {
  const lines = ['| dev set | rows | accuracy | macro-F1 | ECE |', '|---|---:|---:|---:|---:|'];
  for (const score of scores) {
    lines.push(`| ${score.name} | ${score.rows} | ${score.accuracy.toFixed(4)} | ${score.macroF1.toFixed(4)} | ${score.ece.toFixed(4)} |`);
  }
  return lines.join('\n');
}
