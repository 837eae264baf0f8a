import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { modelWordsOf } from '../../src/model/model-words.js';
import { modelTokens } from '../../src/model/model-tokens.js';
import { argmax } from '../../src/model/metrics.js';
import { DEFAULT_SENTIMENT_DIR, gatedRows, loadSentimentModel, mixMembers, mixUnsureRows, pickRows, type EnsemblePart, type SentimentMeta, type SentimentModel } from '../../src/model/sentiment-model.js';

/** Hand-written CX comments whose polarity is not in doubt. */
const CASES: [string, 'negative' | 'neutral' | 'positive'][] = [
  ['the courier was two days late and support never called back', 'negative'],
  ['absolutely love it, five stars', 'positive'],
  ['how do I change my booking?', 'neutral'],
  ['terrible service, I want a refund', 'negative'],
  ['the staff were friendly and really helpful', 'positive'],
  ['it broke after one week', 'negative'],
  ['what time does the store open on sunday?', 'neutral'],
];

describe('loadSentimentModel (models/sentiment)', () => {
  let model: SentimentModel;
  beforeAll(async () => {
    model = await loadSentimentModel();
  });

  it.each(CASES)('labels %j as %s', async (text, expected) => {
    const probabilities = await model.predict([text]);
    expect(model.meta.labels[argmax(probabilities, 0, 3)]).toBe(expected);
  });

  it('predicts a batch in one call, rows summing to 1, same as one at a time', async () => {
    const texts = [...CASES.map(([text]) => text), '', '!!!'];
    const batch = await model.predict(texts);
    expect(batch).toHaveLength(texts.length * 3);
    for (let row = 0; row < texts.length; row++) {
      expect(batch[row * 3] + batch[row * 3 + 1] + batch[row * 3 + 2]).toBeCloseTo(1, 4);
      const single = await model.predict([texts[row]]);
      for (let label = 0; label < 3; label++) expect(Math.abs(single[label] - batch[row * 3 + label])).toBeLessThan(1e-5);
    }
  });

  it('scores model words (predictWords) exactly as the texts they came from', async () => {
    const texts = [...CASES.map(([text]) => text), '', 'sooo bad!!! never again :(', "doesn't work"];
    const fromTexts = await model.predict(texts);
    const fromWords = await model.predictWords(texts.map((text) => modelWordsOf(modelTokens(text))));
    expect(Array.from(fromWords)).toEqual(Array.from(fromTexts));
  });

  it('gives two aspects of one sentence opposite polarities', async () => {
    const text = 'The food was delicious but the service was painfully slow.';
    const probabilities = await model.predictAspects([
      { text, start: 4, end: 8 },
      { text, start: 31, end: 38 },
    ]);
    expect(argmax(probabilities, 0, 3)).toBe(2);
    expect(argmax(probabilities, 3, 3)).toBe(0);
  });

  it('reports a missing model folder as VERBATIM_E_MODEL', async () => {
    await expect(loadSentimentModel('/nonexistent/folder')).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL' });
  });

  it('opens the aspect part on first use, yet refuses at load a folder missing its files', async () => {
    // Every file but the aspect network's: the load must fail now, not on the first target request.
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-aspect-'));
    for (const file of ['meta.json', 'model.onnx', 'aspect.onnx', 'sentence-sequence.onnx']) symlinkSync(join(DEFAULT_SENTIMENT_DIR, file), join(dir, file));
    await expect(loadSentimentModel(dir)).rejects.toMatchObject({ code: 'VERBATIM_E_MODEL', message: expect.stringContaining('aspect-sequence.onnx') });
    // Complete again: concurrent first requests share one opening and agree with a warm model.
    symlinkSync(join(DEFAULT_SENTIMENT_DIR, 'aspect-sequence.onnx'), join(dir, 'aspect-sequence.onnx'));
    const fresh = await loadSentimentModel(dir);
    const text = 'The food was delicious but the service was painfully slow.';
    const requests = [{ text, start: 4, end: 8 }];
    const [first, second] = await Promise.all([fresh.predictAspects(requests), fresh.predictAspects(requests)]);
    const warm = await model.predictAspects(requests);
    expect(Array.from(first!)).toEqual(Array.from(warm));
    expect(Array.from(second!)).toEqual(Array.from(warm));
  });
});

describe('cascade helpers', () => {
  it('sends on only the rows whose top probability is below the gate', () => {
    const rows = Float32Array.from([0.9, 0.05, 0.05, 0.4, 0.35, 0.25, 0.1, 0.3, 0.6]);
    expect(gatedRows(rows, 0.6)).toEqual([1]);
    expect(gatedRows(rows, 0.61)).toEqual([1, 2]);
    expect(gatedRows(rows, 0.3)).toEqual([]);
  });

  it('mixes members by weight and renormalizes after the temperature', () => {
    const first = Float32Array.from([0.8, 0.1, 0.1]);
    const second = Float32Array.from([0.2, 0.2, 0.6]);
    const plain = mixMembers([first, second], [0.5, 0.5], 1);
    expect(Array.from(plain).map((value) => Number(value.toFixed(4)))).toEqual([0.5, 0.15, 0.35]);
    const sharper = mixMembers([first, second], [0.5, 0.5], 0.5);
    expect(sharper[0] + sharper[1] + sharper[2]).toBeCloseTo(1, 5);
    expect(sharper[0]).toBeGreaterThan(plain[0]);
  });

  it('replaces only the unsure rows, each with the mix of its members (as mixing every row would give it)', () => {
    const first = Float32Array.from([0.9, 0.05, 0.05, 0.4, 0.35, 0.25, 0.1, 0.3, 0.6]);
    const second = Float32Array.from([0.1, 0.1, 0.8, 0.2, 0.2, 0.6, 0.5, 0.25, 0.25]);
    const unsure = gatedRows(first, 0.61);
    expect(Array.from(pickRows(second, unsure))).toEqual(Array.from(second.subarray(3)));
    const everyRow = mixMembers([first, second], [0.7, 0.3], 0.75);
    const cascade = mixUnsureRows(Float32Array.from(first), unsure, [pickRows(second, unsure)], [0.7, 0.3], 0.75);
    expect(Array.from(cascade.subarray(0, 3))).toEqual(Array.from(first.subarray(0, 3)));
    for (let cell = 3; cell < 9; cell++) expect(cascade[cell]).toBeCloseTo(everyRow[cell], 6);
  });
});

describe('the shipped sentence cascade', () => {
  it('keeps the bag\'s own probabilities where the bag is sure, and mixes in the CNN only where it is not', async () => {
    const meta = JSON.parse(readFileSync(join(DEFAULT_SENTIMENT_DIR, 'meta.json'), 'utf8')) as SentimentMeta;
    const sentence = meta.sentence as EnsemblePart;
    expect(sentence.kind).toBe('ensemble');
    expect(typeof sentence.gate).toBe('number');
    // The bag alone, from the same files.
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-bag-'));
    for (const file of ['model.onnx', 'aspect.onnx', 'aspect-sequence.onnx', 'sentence-sequence.onnx']) symlinkSync(join(DEFAULT_SENTIMENT_DIR, file), join(dir, file));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...meta, sentence: sentence.members[0] }));
    const [cascade, bag] = await Promise.all([loadSentimentModel(), loadSentimentModel(dir)]);
    const texts = ['absolutely love it, five stars', 'terrible service, I want a refund', 'the parcel arrived on tuesday', 'delivery was fine, the box was a bit dented', 'it does what it says'];
    const [mixed, plain] = await Promise.all([cascade.predict(texts), bag.predict(texts)]);
    const unsure = gatedRows(plain, sentence.gate!);
    expect(unsure.length).toBeGreaterThan(0);
    expect(unsure.length).toBeLessThan(texts.length);
    for (let row = 0; row < texts.length; row++) {
      const same = [0, 1, 2].every((cell) => mixed[row * 3 + cell] === plain[row * 3 + cell]);
      expect(same).toBe(!unsure.includes(row));
    }
  });
});
