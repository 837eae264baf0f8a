import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/datasets/random.js';
import { accumulateGradients, createConvNetwork, Workspace, type NetworkShape } from '../../../src/model/nn/conv-network.js';
import type { SequenceInput } from '../../../src/model/nn/sequence-tokens.js';

const D = 5;
const WORD_ROWS = 7;

function tinyNetwork(gated: boolean, tuneRows = false) {
  const random = mulberry32(3);
  const words = new Float32Array(WORD_ROWS * D);
  for (let index = D; index < words.length; index++) words[index] = random() * 2 - 1;
  const shape: NetworkShape = { inputDim: D, projection: 4, widths: [2, 3], filters: 3, gated, positions: gated ? 5 : 0, classes: 3, extraRows: 3, tuneRows };
  const network = createConvNetwork(shape, words, random);
  // Non-zero biases so every branch is exercised.
  for (const parameter of network.parameters) if (parameter.name.endsWith('bias')) for (let i = 0; i < parameter.value.length; i++) parameter.value[i] = random() - 0.5;
  return network;
}

const INPUT: SequenceInput = {
  rows: Int32Array.from([1, 8, 3, 0, 9, 6]),
  positions: Int32Array.from([2, 2, 1, 1, 3, 4]),
  targetStart: 2,
  targetEnd: 4,
};

describe('conv network backward pass', () => {
  it.each([
    ['Kim CNN (relu, no target)', false],
    ['gated CNN with positions and target', true],
  ] as const)('%s: analytic gradients match central finite differences', (_, gated) => {
    checkGradients(gated, false);
  });

  it('fine-tuned row offsets: analytic gradients match finite differences', () => {
    checkGradients(true, true);
  });
});

function checkGradients(gated: boolean, tuneRows: boolean): void {
    const network = tinyNetwork(gated, tuneRows);
    if (network.rowOffset) for (let i = 0; i < network.rowOffset.value.length; i++) network.rowOffset.value[i] = Math.sin(i) * 0.3;
    const work = new Workspace(network.shape, 16);
    const input: SequenceInput = gated ? INPUT : { rows: INPUT.rows };
    const label = 2;
    accumulateGradients(network, input, label, 1, work);
    const step = 1e-3;
    let checked = 0;
    for (const parameter of [...network.parameters, ...(network.rowOffset ? [network.rowOffset] : [])]) {
      const analytic = Float32Array.from(parameter.gradient);
      const stride = Math.max(1, Math.floor(parameter.value.length / 12));
      for (let index = 0; index < parameter.value.length; index += stride) {
        const original = parameter.value[index];
        const lossAt = (value: number) => {
          parameter.value[index] = value;
          const all = [...network.parameters, ...(network.rowOffset ? [network.rowOffset] : [])];
          const scratch = all.map((entry) => Float32Array.from(entry.gradient));
          const loss = accumulateGradients(network, input, label, 1, work);
          all.forEach((entry, position) => entry.gradient.set(scratch[position]));
          return loss;
        };
        const numeric = (lossAt(original + step) - lossAt(original - step)) / (2 * step);
        parameter.value[index] = original;
        expect(Math.abs(numeric - analytic[index]), `${parameter.name}[${index}]`).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        if (analytic[index] !== 0) checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
}
