/**
 * Metrics and calibration for the training scripts: accuracy, macro-F1, expected calibration error
 * and the temperature that minimizes dev log-loss (Guo et al. 2017, "On Calibration of Modern
 * Neural Networks": one scalar divides the logits; it changes confidence, never the argmax).
 */

/** Accuracy and macro-F1 over integer labels. */
export function classificationScores(gold: readonly number[], predicted: readonly number[], classes: number): { accuracy: number; macroF1: number } {
  let correct = 0;
  const truePositive = new Array(classes).fill(0);
  const goldCount = new Array(classes).fill(0);
  const predictedCount = new Array(classes).fill(0);
  gold.forEach((label, index) => {
    goldCount[label]++;
    predictedCount[predicted[index]]++;
    if (label === predicted[index]) {
      correct++;
      truePositive[label]++;
    }
  });
  let f1Sum = 0;
  let present = 0;
  for (let label = 0; label < classes; label++) {
    if (goldCount[label] === 0 && predictedCount[label] === 0) continue;
    present++;
    const precision = predictedCount[label] ? truePositive[label] / predictedCount[label] : 0;
    const recall = goldCount[label] ? truePositive[label] / goldCount[label] : 0;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1: present ? f1Sum / present : 0 };
}

/** Index of the largest of `count` values starting at `offset`. */
export function argmax(values: ArrayLike<number>, offset = 0, count = values.length): number {
  let best = 0;
  for (let index = 1; index < count; index++) if (values[offset + index] > values[offset + best]) best = index;
  return best;
}

/** Ten equal-width confidence bins, the usual ECE setting (Guo et al. 2017). */
const ECE_BINS = 10;

/** Expected calibration error of the max-probability confidence. */
export function expectedCalibrationError(probabilities: Float32Array, gold: readonly number[], classes: number): number {
  const binCount = new Array(ECE_BINS).fill(0);
  const binConfidence = new Array(ECE_BINS).fill(0);
  const binCorrect = new Array(ECE_BINS).fill(0);
  gold.forEach((label, row) => {
    const predicted = argmax(probabilities, row * classes, classes);
    const confidence = probabilities[row * classes + predicted];
    const bin = Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS));
    binCount[bin]++;
    binConfidence[bin] += confidence;
    if (predicted === label) binCorrect[bin]++;
  });
  let error = 0;
  for (let bin = 0; bin < ECE_BINS; bin++) {
    if (binCount[bin] === 0) continue;
    error += (binCount[bin] / gold.length) * Math.abs(binCorrect[bin] / binCount[bin] - binConfidence[bin] / binCount[bin]);
  }
  return error;
}

/** Softmax of logits / temperature for one row, into `out`. */
function softmaxRow(logits: Float32Array, offset: number, classes: number, temperature: number, out: Float64Array): void {
  let maximum = -Infinity;
  for (let label = 0; label < classes; label++) maximum = Math.max(maximum, logits[offset + label] / temperature);
  let total = 0;
  for (let label = 0; label < classes; label++) {
    out[label] = Math.exp(logits[offset + label] / temperature - maximum);
    total += out[label];
  }
  for (let label = 0; label < classes; label++) out[label] /= total;
}

/** The temperature in [0.25, 5] (grid step 0.05) with the lowest mean negative log-likelihood. */
export function fitTemperature(logits: Float32Array, gold: readonly number[], classes: number): number {
  const row = new Float64Array(classes);
  let best = 1;
  let bestLoss = Infinity;
  for (let temperature = 0.25; temperature <= 5.0001; temperature += 0.05) {
    let loss = 0;
    gold.forEach((label, index) => {
      softmaxRow(logits, index * classes, classes, temperature, row);
      loss -= Math.log(Math.max(row[label], 1e-12));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(temperature * 100) / 100;
    }
  }
  return best;
}
