import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/datasets/random.js';
import { createConvNetwork } from '../../../src/model/nn/conv-network.js';
import { exportSequenceNetwork } from '../../../src/model/nn/sequence-onnx.js';
import { shapeOf } from '../../../src/model/nn/sequence-training.js';
import { toServed } from '../../../src/model/nn/served-network.js';
import { defaultTokenVocabulary } from '../../../src/model/nn/word-table.js';
import { loadSentimentModel, sharpen, type SentimentMeta, type SequencePart } from '../../../src/model/sentiment-model.js';

const DIMENSIONS = 4;
const HYPER = { projection: 6, widths: [2, 3], filters: 5, epochs: 1, batchSize: 4, learningRate: 0.01, dropout: 0 };

/** Writes a random sequence network for `task` into `dir` and returns its meta part. */
function writeRandomPart(dir: string, task: 'sentence' | 'aspect', seed: number, wordRows: number): SequencePart {
  const random = mulberry32(seed);
  const words = new Float32Array((wordRows + 1) * DIMENSIONS);
  for (let index = DIMENSIONS; index < words.length; index++) words[index] = random() * 2 - 1;
  const shape = shapeOf(task, HYPER, DIMENSIONS);
  const network = createConvNetwork(shape, words, random);
  for (const parameter of network.parameters) for (let i = 0; i < parameter.value.length; i++) parameter.value[i] = (random() * 2 - 1) * 0.3;
  const file = `${task}-${seed}.onnx`;
  writeFileSync(join(dir, file), exportSequenceNetwork(toServed(network), 1, 'test'));
  return { file, kind: 'sequence', shape, temperature: 1, vocabularySize: wordRows };
}

describe('loadSentimentModel with v2 sequence and ensemble parts', () => {
  const wordRows = defaultTokenVocabulary().wordRows;
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-v2-'));
  const sentenceA = writeRandomPart(dir, 'sentence', 1, wordRows);
  const sentenceB = writeRandomPart(dir, 'sentence', 2, wordRows);
  const aspect = writeRandomPart(dir, 'aspect', 3, wordRows);
  const metaOf = (sentence: SentimentMeta['sentence']): SentimentMeta => ({ name: 'test', version: '2', labels: ['negative', 'neutral', 'positive'], sentence, aspect });
  const TEXTS = ['the food was great', 'terrible, never again!', '', 'ok'];

  it('an ensemble gives the weighted mean of its members', async () => {
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(metaOf(sentenceA)));
    const first = await (await loadSentimentModel(dir)).predict(TEXTS);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(metaOf(sentenceB)));
    const second = await (await loadSentimentModel(dir)).predict(TEXTS);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(metaOf({ kind: 'ensemble', members: [sentenceA, sentenceB], weights: [0.25, 0.75] })));
    const model = await loadSentimentModel(dir);
    const mixed = await model.predict(TEXTS);
    for (let cell = 0; cell < mixed.length; cell++) expect(mixed[cell]).toBeCloseTo(0.25 * first[cell] + 0.75 * second[cell], 5);
    expect(Math.abs(first[0] - second[0])).toBeGreaterThan(1e-3);
  });

  it('runs the aspect network on spans, rows summing to 1, bad spans clamped', async () => {
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(metaOf(sentenceA)));
    const model = await loadSentimentModel(dir);
    const text = 'The food was delicious but the service was slow.';
    const probabilities = await model.predictAspects([
      { text, start: 4, end: 8 },
      { text, start: 31, end: 38 },
      { text, start: -3, end: 1000 },
    ]);
    for (let row = 0; row < 3; row++) expect(probabilities[row * 3] + probabilities[row * 3 + 1] + probabilities[row * 3 + 2]).toBeCloseTo(1, 4);
    expect(Math.abs(probabilities[0] - probabilities[3])).toBeGreaterThan(1e-4);
  });

  it('refuses a sequence part trained on another vocabulary', async () => {
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(metaOf({ ...sentenceA, vocabularySize: wordRows + 1 })));
    await expect(loadSentimentModel(dir)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });
});

describe('sharpen (ensemble recalibration)', () => {
  it.each([
    [1, [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]],
    [0.5, [0.2, 0.3, 0.5], [0.04 / 0.38, 0.09 / 0.38, 0.25 / 0.38]],
    [2, [0.25, 0.25, 0.5], [0.5 / (1 + Math.SQRT1_2), 0.5 / (1 + Math.SQRT1_2), Math.SQRT1_2 / (1 + Math.SQRT1_2)]],
  ])('temperature %d turns %j into %j', (temperature, input, expected) => {
    const result = sharpen(Float32Array.from(input), temperature);
    expected.forEach((value, index) => expect(result[index]).toBeCloseTo(value, 5));
  });
});
