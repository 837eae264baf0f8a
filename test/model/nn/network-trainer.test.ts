import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/datasets/random.js';
import { createConvNetwork, type NetworkShape } from '../../../src/model/nn/conv-network.js';
import { trainNetwork, type TrainingExample } from '../../../src/model/nn/network-trainer.js';
import { exportSequenceNetwork } from '../../../src/model/nn/sequence-onnx.js';
import { networkLogits, toServed } from '../../../src/model/nn/served-network.js';

const D = 6;
const SHAPE: NetworkShape = { inputDim: D, projection: 5, widths: [2], filters: 4, gated: true, positions: 18, classes: 3, extraRows: 4, tuneRows: true };

/** Row 1 = "good" word, row 2 = "bad" word, rows 3-9 filler: the label follows the word next to the target. */
function dataset(): TrainingExample[] {
  const random = mulberry32(9);
  return Array.from({ length: 60 }, (_, index) => {
    const label = index % 2 === 0 ? 2 : 0;
    const rows = Int32Array.from({ length: 6 }, () => 3 + Math.floor(random() * 7));
    rows[3] = label === 2 ? 1 : 2;
    return { input: { rows, positions: Int32Array.from([5, 4, 3, 1, 10, 11]), targetStart: 3, targetEnd: 4 }, label, weight: 1 };
  });
}

function train(seed: number) {
  const random = mulberry32(seed);
  const words = new Float32Array(10 * D);
  for (let index = D; index < words.length; index++) words[index] = random() * 2 - 1;
  const network = createConvNetwork(SHAPE, words, random);
  return trainNetwork(network, dataset(), { epochs: 15, batchSize: 8, learningRate: 0.02, dropout: 0.2, seed });
}

describe('trainNetwork', () => {
  it('learns a separable toy task', () => {
    const network = train(4);
    const examples = dataset();
    const logits = networkLogits(network, examples.map((example) => example.input));
    const correct = examples.filter((example, row) => {
      const predicted = logits[row * 3 + 2] > logits[row * 3] ? 2 : 0;
      return predicted === example.label;
    }).length;
    expect(correct / examples.length).toBeGreaterThan(0.9);
  });

  it('gives the same exported bytes for the same seed, different bytes for another seed', () => {
    const first = exportSequenceNetwork(toServed(train(4)), 1, 'x');
    const second = exportSequenceNetwork(toServed(train(4)), 1, 'x');
    const other = exportSequenceNetwork(toServed(train(5)), 1, 'x');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(other))).toBe(false);
  });
});
