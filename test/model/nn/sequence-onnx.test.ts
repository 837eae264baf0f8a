import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/datasets/random.js';
import { createConvNetwork, type NetworkShape } from '../../../src/model/nn/conv-network.js';
import { exportSequenceNetwork, readSequenceNetwork } from '../../../src/model/nn/sequence-onnx.js';
import { openSequenceRunner } from '../../../src/model/nn/sequence-runner.js';
import type { SequenceInput } from '../../../src/model/nn/sequence-tokens.js';
import { networkLogits, probabilitiesFromLogits, servedAsNetwork, toServed } from '../../../src/model/nn/served-network.js';

const D = 12;
const WORD_ROWS = 40;

function randomNetwork(gated: boolean) {
  const random = mulberry32(11);
  const words = new Float32Array(WORD_ROWS * D);
  for (let index = D; index < words.length; index++) words[index] = random() * 2 - 1;
  const shape: NetworkShape = { inputDim: D, projection: 8, widths: [2, 4], filters: 6, gated, positions: gated ? 18 : 0, classes: 3, extraRows: 5 };
  const network = createConvNetwork(shape, words, random);
  for (const parameter of network.parameters) for (let i = 0; i < parameter.value.length; i++) parameter.value[i] = (random() * 2 - 1) * 0.8;
  return network;
}

/** Random inputs of mixed lengths (batch padding and window masks matter), rows in [0, 45). */
function randomInputs(count: number, gated: boolean): SequenceInput[] {
  const random = mulberry32(23);
  return Array.from({ length: count }, (_, index) => {
    const length = 4 + ((index * 7) % 19);
    const rows = Int32Array.from({ length }, () => Math.floor(random() * 45));
    if (!gated) return { rows };
    const targetStart = Math.floor(random() * (length - 1));
    const targetEnd = index % 5 === 0 ? targetStart : targetStart + 1 + Math.floor(random() * 2);
    return { rows, positions: Int32Array.from({ length }, () => Math.floor(random() * 18)), targetStart, targetEnd: Math.min(length, targetEnd) };
  });
}

describe('sequence network ONNX export', () => {
  it.each([
    ['Kim CNN', false],
    ['gated target CNN', true],
  ] as const)('%s runs batched in onnxruntime-node with the JS twin probabilities (1e-4)', async (_, gated) => {
    const network = randomNetwork(gated);
    const served = toServed(network);
    const temperature = 1.3;
    const bytes = exportSequenceNetwork(served, temperature, 'test');
    const file = join(mkdtempSync(join(tmpdir(), 'verbatim-seq-')), 'model.onnx');
    writeFileSync(file, bytes);
    const { served: readBack, temperature: readTemperature } = readSequenceNetwork(bytes, network.shape);
    expect(readTemperature).toBeCloseTo(temperature, 5);
    const inputs = randomInputs(300, gated);
    const expected = probabilitiesFromLogits(networkLogits(servedAsNetwork(readBack), inputs), 3, readTemperature);
    const runner = await openSequenceRunner('test', file, network.shape.widths, gated);
    const actual = await runner.run(inputs);
    let worst = 0;
    for (let index = 0; index < expected.length; index++) worst = Math.max(worst, Math.abs(actual[index] - expected[index]));
    expect(worst).toBeLessThan(1e-4);
    // The int8 table stays close to the float network it came from.
    const original = probabilitiesFromLogits(networkLogits(network, inputs), 3, temperature);
    let drift = 0;
    for (let index = 0; index < expected.length; index++) drift = Math.max(drift, Math.abs(original[index] - expected[index]));
    expect(drift).toBeLessThan(0.05);
  });
});
