import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addHiddenLayer, createBagModel, forwardBatch, type OutputKind } from '../../src/model/bag-model.js';
import { mulberry32 } from '../../src/datasets/random.js';
import { DEFAULT_EMOTION_DIR, loadEmotionModel } from '../../src/model/emotion-model.js';
import { DEFAULT_FEATURIZER, featurizeTokens, type FeaturizerParams } from '../../src/model/featurizer.js';
import { modelTokens } from '../../src/model/model-tokens.js';
import { FoldedBag, openBagScorer } from '../../src/model/folded-bag.js';
import { modelWordEpoch, modelWordsOf, setModelWordLimitForTests, MODEL_WORD_LIMIT } from '../../src/model/model-words.js';
import { exportBagModel, readBagModel, readFoldedTable } from '../../src/model/onnx-export.js';
import { openBagRunner } from '../../src/model/onnx-runner.js';

const BUCKETS = 4096;

/** A random exported model with large embeddings, so every id moves the output. */
function exported(output: OutputKind, classes: number, hiddenSize = 0): { file: string; bytes: Uint8Array } {
  const random = mulberry32(11);
  let model = createBagModel(BUCKETS, 16, classes, output, random);
  if (hiddenSize) model = addHiddenLayer(model, hiddenSize, random);
  for (let index = 0; index < model.embedding.length - model.dim; index++) model.embedding[index] *= 40;
  for (let index = 0; index < model.weight.length; index++) model.weight[index] = random() * 2 - 1;
  for (let index = 0; index < classes; index++) model.bias[index] = random() - 0.5;
  const bytes = exportBagModel(model, 1.3, 'test');
  const file = join(mkdtempSync(join(tmpdir(), 'verbatim-folded-')), 'model.onnx');
  writeFileSync(file, bytes);
  return { file, bytes };
}

const TEXTS = [
  'The courier was two days late and support never called back',
  "not good at all, but the staff wasn't rude",
  'SOOOO happy!!! 😍 thank you',
  '',
  '...',
  "it doesn't work, it does n't work, dont care",
  'supercalifragilisticexpialidociouslylongwordthatgetsnocharacters ok',
  'word '.repeat(300),
];

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let index = 0; index < expected.length; index++) expect(Math.abs(actual[index] - expected[index])).toBeLessThan(tolerance);
}

describe('FoldedBag', () => {
  it.each([['softmax', 3], ['sigmoid', 8]] as const)('gives onnxruntime-node\'s probabilities for rows of ids (%s, %i classes)', async (output, classes) => {
    const { file, bytes } = exported(output, classes);
    const params: FeaturizerParams = { ...DEFAULT_FEATURIZER, buckets: BUCKETS };
    const rows = TEXTS.map((text) => featurizeTokens(modelTokens(text), params));
    const ort = await (await openBagRunner('test', file, BUCKETS, classes)).run(rows);
    const bag = new FoldedBag(readFoldedTable(bytes)!, params);
    expectClose(bag.runIds(rows), ort, 1e-5);
  });

  it.each([
    ['words and bigrams', { charMin: 0, charMax: 0 }],
    ['character 3-4-grams', { charMin: 3, charMax: 4 }],
    ['a cap that cuts through a word\'s n-grams', { charMin: 3, charMax: 5, maxIds: 50 }],
    ['no bigrams, short negation scope', { bigrams: false, negationScope: 2, charMin: 3, charMax: 3 }],
  ])('fuses featurization exactly as featurizeTokens does (%s), cached or not', (_name, overrides) => {
    const { bytes } = exported('sigmoid', 8);
    const params: FeaturizerParams = { ...DEFAULT_FEATURIZER, buckets: BUCKETS, ...overrides };
    const tokens = TEXTS.map((text) => modelTokens(text));
    const bag = new FoldedBag(readFoldedTable(bytes)!, params);
    const expected = bag.runIds(tokens.map((row) => featurizeTokens(row, params)));
    // Twice: the first run fills the word cache, the second reads it.
    expectClose(bag.runTokens(tokens), expected, 1e-6);
    expectClose(bag.runTokens(tokens), expected, 1e-6);
  });

  it('stays exact when the model words start over (a new epoch), even for words of the old one', () => {
    const { bytes } = exported('softmax', 3);
    const params: FeaturizerParams = { ...DEFAULT_FEATURIZER, buckets: BUCKETS, charMin: 3, charMax: 4 };
    const bag = new FoldedBag(readFoldedTable(bytes)!, params);
    const tokens = TEXTS.map((text) => modelTokens(text));
    const expected = bag.runIds(tokens.map((row) => featurizeTokens(row, params)));
    try {
      setModelWordLimitForTests(40);
      const before = modelWordEpoch();
      const oldWords = tokens.map(modelWordsOf);
      expectClose(bag.runWords(oldWords), expected, 1e-6);
      // Past the limit the ids are handed out again, to other words.
      bag.runTokens(Array.from({ length: 100 }, (_, index) => [`w${index.toString(36)}`]));
      expect(modelWordEpoch()).toBeGreaterThan(before);
      expectClose(bag.runWords(oldWords), expected, 1e-6);
      expectClose(bag.runTokens(tokens), expected, 1e-6);
    } finally {
      setModelWordLimitForTests(MODEL_WORD_LIMIT);
    }
  });
});

describe('openBagScorer', () => {
  it('runs a graph with a hidden layer (not foldable) in onnxruntime-node', async () => {
    const { file, bytes } = exported('softmax', 3, 12);
    expect(readFoldedTable(bytes)).toBeNull();
    const params: FeaturizerParams = { ...DEFAULT_FEATURIZER, buckets: BUCKETS, charMin: 3, charMax: 4 };
    const scorer = await openBagScorer('test', file, params, 3);
    const tokens = TEXTS.map((text) => modelTokens(text));
    const { model, temperature } = readBagModel(bytes);
    expectClose(await scorer.runTokens(tokens), forwardBatch(model, tokens.map((row) => featurizeTokens(row, params)), temperature), 1e-4);
  });

  it('matches onnxruntime-node on the shipped emotion model', async () => {
    const emotion = await loadEmotionModel();
    const ort = await openBagRunner('emotion', join(DEFAULT_EMOTION_DIR, emotion.meta.file), emotion.meta.featurizer.buckets, emotion.meta.labels.length);
    const expected = await ort.run(TEXTS.map((text) => featurizeTokens(modelTokens(text), emotion.meta.featurizer)));
    expectClose(await emotion.scores(TEXTS), expected, 1e-5);
  });

  it('reports a missing file, and a table of the wrong size, as VERBATIM_E_MODEL', async () => {
    const params: FeaturizerParams = { ...DEFAULT_FEATURIZER, buckets: BUCKETS };
    await expect(openBagScorer('test', '/nonexistent/model.onnx', params, 3)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
    const { file } = exported('softmax', 3);
    await expect(openBagScorer('test', file, { ...params, buckets: BUCKETS * 2 }, 3)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
    await expect(openBagScorer('test', file, params, 8)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });
});
