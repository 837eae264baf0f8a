import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/datasets/random.js';
import { modelTokens } from '../../../src/model/model-tokens.js';
import { modelWordsOf } from '../../../src/model/model-words.js';
import { createConvNetwork, type NetworkShape } from '../../../src/model/nn/conv-network.js';
import { openSegmentRunner, SEGMENT_CALL_TOKENS, segmentCalls } from '../../../src/model/nn/segment-runner.js';
import { exportSequenceNetwork, exportSequenceSegments } from '../../../src/model/nn/sequence-onnx.js';
import { openSequenceRunner } from '../../../src/model/nn/sequence-runner.js';
import { sentenceInputFromWords, WordRows, type SequenceInput } from '../../../src/model/nn/sequence-tokens.js';
import { defaultTokenVocabulary } from '../../../src/model/nn/word-table.js';
import { toServed } from '../../../src/model/nn/served-network.js';
import { DEFAULT_SENTIMENT_DIR, isSequencePart, type SentimentMeta } from '../../../src/model/sentiment-model.js';

/** Largest difference between two probability matrices, and whether every row has the same argmax. */
function compare(actual: Float32Array, expected: Float32Array): { worst: number; sameLabels: boolean } {
  let worst = 0;
  let sameLabels = true;
  for (let index = 0; index < expected.length; index++) worst = Math.max(worst, Math.abs(actual[index] - expected[index]));
  for (let row = 0; row < expected.length; row += 3) {
    const top = (values: Float32Array) => [0, 1, 2].reduce((best, c) => (values[row + c] > values[row + best] ? c : best), 0);
    if (top(actual) !== top(expected)) sameLabels = false;
  }
  return { worst, sameLabels };
}

describe('segment runner (texts end to end in one onnxruntime call)', () => {
  it('gives the padded batch graph\'s probabilities on a random network, across several calls', async () => {
    const random = mulberry32(5);
    const words = new Float32Array(40 * 12);
    for (let index = 12; index < words.length; index++) words[index] = random() * 2 - 1;
    const shape: NetworkShape = { inputDim: 12, projection: 8, widths: [2, 4], filters: 6, gated: false, positions: 0, classes: 3, extraRows: 5 };
    const network = createConvNetwork(shape, words, random);
    for (const parameter of network.parameters) for (let i = 0; i < parameter.value.length; i++) parameter.value[i] = (random() * 2 - 1) * 0.8;
    const file = join(mkdtempSync(join(tmpdir(), 'verbatim-segment-')), 'model.onnx');
    writeFileSync(file, exportSequenceNetwork(toServed(network), 1.3, 'test'));
    // Lengths 4-96 (at least the widest window), enough tokens for more than one call.
    const inputs: SequenceInput[] = Array.from({ length: 400 }, (_, index) => ({
      rows: Int32Array.from({ length: 4 + ((index * 37) % 93) }, () => Math.floor(random() * 45)),
    }));
    expect(inputs.reduce((sum, input) => sum + input.rows.length, 0)).toBeGreaterThan(2 * SEGMENT_CALL_TOKENS);
    const expected = await (await openSequenceRunner('test', file, shape.widths, false)).run(inputs);
    const actual = await (await openSegmentRunner('test', file, shape)).run(inputs);
    const { worst, sameLabels } = compare(actual, expected);
    expect(worst).toBeLessThan(1e-5);
    expect(sameLabels).toBe(true);
    expect(await (await openSegmentRunner('test', file, shape)).run([])).toEqual(new Float32Array(0));
  });

  it('gives the shipped sentence network\'s probabilities on real text', async () => {
    const meta = JSON.parse(readFileSync(join(DEFAULT_SENTIMENT_DIR, 'meta.json'), 'utf8')) as SentimentMeta;
    const part = 'members' in meta.sentence ? meta.sentence.members.find(isSequencePart) : undefined;
    if (!part || !isSequencePart(part)) throw new Error('the shipped sentence model has no sequence member');
    const file = join(DEFAULT_SENTIMENT_DIR, part.file);
    const rows = new WordRows(defaultTokenVocabulary());
    const minimum = Math.max(...part.shape.widths);
    const sample = readFileSync(new URL('../../../data/sample.jsonl', import.meta.url), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const texts = [...sample.map((line) => String(JSON.parse(line).text)), 'no', 'ok!', "it doesn't work, at all, not even once"];
    const inputs = texts.map((text) => sentenceInputFromWords(modelWordsOf(modelTokens(text)), rows, minimum));
    const expected = await (await openSequenceRunner('sentence', file, part.shape.widths, false)).run(inputs);
    const actual = await (await openSegmentRunner('sentence', file, part.shape)).run(inputs);
    const { worst, sameLabels } = compare(actual, expected);
    expect(worst).toBeLessThan(1e-5);
    expect(sameLabels).toBe(true);
  });

  it('builds a segments graph for sentence networks only', () => {
    const shape: NetworkShape = { inputDim: 4, projection: 4, widths: [2], filters: 2, gated: true, positions: 18, classes: 3, extraRows: 1 };
    const network = createConvNetwork(shape, new Float32Array(8 * 4), mulberry32(1));
    expect(() => exportSequenceSegments(toServed(network), 1, 'x')).toThrow(/sentence networks/);
  });

  it('cuts calls at the token budget and where padding the window lists would double them', () => {
    const lengths = [...Array.from({ length: 100 }, () => 12), 13, 30, 96];
    const calls = segmentCalls(lengths.map((_, index) => index), (text) => lengths[text]!);
    expect(calls.flat()).toEqual(lengths.map((_, index) => index));
    // The 13 joins the twelves; the 30 and the 96 would pad 100 lists to twice their windows.
    expect(calls[0]).toHaveLength(101);
    expect(calls.length).toBeGreaterThan(1);
    const long = Array.from({ length: 200 }, () => 96);
    for (const call of segmentCalls(long.map((_, index) => index), (text) => long[text]!)) {
      expect(call.length * 96).toBeLessThanOrEqual(SEGMENT_CALL_TOKENS);
    }
  });
});
