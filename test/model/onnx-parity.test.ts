import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addHiddenLayer, createBagModel, forwardBatch, type OutputKind } from '../../src/model/bag-model.js';
import { mulberry32 } from '../../src/datasets/random.js';
import { exportBagModel, readBagModel } from '../../src/model/onnx-export.js';
import { openBagRunner } from '../../src/model/onnx-runner.js';

/** A random model with non-zero output weights, so every part of the graph matters. */
function randomModel(output: OutputKind, classes: number, hiddenSize: number) {
  const random = mulberry32(5);
  let model = createBagModel(1000, 16, classes, output, random);
  if (hiddenSize) model = addHiddenLayer(model, hiddenSize, random);
  for (let index = 0; index < model.embedding.length - model.dim; index++) model.embedding[index] *= 40;
  for (let index = 0; index < model.weight.length; index++) model.weight[index] = random() * 2 - 1;
  for (let index = 0; index < classes; index++) model.bias[index] = random() - 0.5;
  return model;
}

const ROWS = [[1, 2, 3], [999], [5, 5, 5, 5, 5, 6, 7, 8, 9, 10, 11, 12], [0], Array.from({ length: 300 }, (_, index) => (index * 7) % 1000)];

describe('ONNX export', () => {
  it.each([
    ['softmax', 3, 1.4, 0],
    ['sigmoid', 8, 1, 0],
    ['softmax', 3, 0.7, 12],
  ] as const)('%s graph (classes %i, temperature %d, hidden %i) runs batched in onnxruntime-node with the JS forward pass probabilities', async (output, classes, temperature, hiddenSize) => {
    const model = randomModel(output, classes, hiddenSize);
    const bytes = exportBagModel(model, temperature, 'test');
    const file = join(mkdtempSync(join(tmpdir(), 'verbatim-model-')), 'model.onnx');
    writeFileSync(file, bytes);
    const { model: twin, temperature: readTemperature } = readBagModel(bytes);
    expect(readTemperature).toBeCloseTo(temperature, 5);
    expect(twin.output).toBe(output);
    expect(twin.hidden?.size ?? 0).toBe(hiddenSize);
    const expected = forwardBatch(twin, ROWS, readTemperature);
    const runner = await openBagRunner('test', file, model.buckets, classes);
    const actual = await runner.run(ROWS);
    expect(actual).toHaveLength(ROWS.length * classes);
    for (let index = 0; index < expected.length; index++) expect(Math.abs(actual[index] - expected[index])).toBeLessThan(1e-4);
    // The int8 table stays close to the float model it came from.
    const original = forwardBatch(model, ROWS, temperature);
    for (let index = 0; index < expected.length; index++) expect(Math.abs(original[index] - expected[index])).toBeLessThan(0.02);
  });

  it('reports a missing model file as VERBATIM_E_MODEL', async () => {
    await expect(openBagRunner('test', '/nonexistent/model.onnx', 10, 3)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });
});
