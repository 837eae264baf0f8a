import { describe, expect, it } from 'vitest';
import { modelTokens } from '../../src/model/model-tokens.js';
import { tokensOf } from '../../src/model/model-words.js';
import { createModelScorer } from '../../src/model/model-scorer.js';
import type { SentimentModel } from '../../src/model/sentiment-model.js';
import type { ClauseScorer } from '../../src/sentiment/types.js';
import type { TextDocument } from '../../src/text/document.js';

/** A document with one sentence per entry of `clauses`, each clause a plain text range (tokens are not read). */
function documentOf(clauses: string[]): TextDocument {
  const text = clauses.join(' ');
  let cursor = 0;
  const doc: TextDocument = { text, tokens: [], sentences: [], clauses: [] };
  clauses.forEach((clause, index) => {
    doc.clauses.push({ start: cursor, end: cursor + clause.length, sentence: index, firstToken: 0, endToken: 0, connective: null, role: 'plain' });
    doc.sentences.push({ start: cursor, end: cursor + clause.length, firstToken: 0, endToken: 0, clauses: [index] });
    cursor += clause.length + 1;
  });
  return doc;
}

/** The token lists the fake model was last given. */
let lastTokens: (readonly string[])[] = [];

/** A fake model: negative when the text says "bad", positive when "good", else neutral. */
const fakeModel: SentimentModel = {
  meta: { name: 'fake', version: '0', labels: ['negative', 'neutral', 'positive'], sentence: {} as never, aspect: {} as never },
  async predict(texts) {
    return Float32Array.from(texts.flatMap((text) => (text.includes('bad') ? [0.8, 0.15, 0.05] : text.includes('good') ? [0.1, 0.2, 0.7] : [0.2, 0.6, 0.2])));
  },
  async predictWords(words) {
    lastTokens = words.map(tokensOf);
    return this.predict(lastTokens.map((list) => list.join(' ')));
  },
  async predictAspects(items) {
    return Float32Array.from(items.flatMap((item) => (item.text.slice(item.start, item.end) === 'food' ? [0, 0, 1] : [1, 0, 0])));
  },
};

describe('createModelScorer', () => {
  const scorer: ClauseScorer = createModelScorer(fakeModel);

  it('scores every clause of every document, in order, in one call', async () => {
    const docs = [documentOf(['the food was good', 'the wait was bad']), documentOf([]), documentOf(['where is it'])];
    const result = await scorer.scoreClauses(docs);
    expect(result.map((scores) => scores.length)).toEqual([2, 0, 1]);
    // Each clause's own tokens, taken from its document's one scan.
    expect(lastTokens).toEqual(['the food was good', 'the wait was bad', 'where is it'].map((text) => modelTokens(text)));
    expect(result[0][0].score).toBeCloseTo(0.6);
    expect(result[0][1].score).toBeCloseTo(-0.75);
    expect(result[2][0].score).toBeCloseTo(0);
    expect(result[0][1].confidence).toBeCloseTo(0.8);
    expect(result[0][1].probabilities).toEqual({ negative: expect.closeTo(0.8), neutral: expect.closeTo(0.15), positive: expect.closeTo(0.05) });
    expect(result[0][1].evidence).toEqual([{ start: 18, end: 34, source: 'model', term: 'fake@0', weight: expect.closeTo(-0.75) }]);
  });

  it('scores target spans with the aspect model, offsets relative to the sentence', async () => {
    const doc = documentOf(['the food was good', 'the wait was bad']);
    const [food, wait] = await scorer.scoreSpans!([
      { doc, span: { start: 4, end: 8 } },
      { doc, span: { start: 22, end: 26 } },
    ]);
    expect(food.score).toBe(1);
    expect(wait.score).toBe(-1);
    expect(wait.evidence[0]).toMatchObject({ start: 22, end: 26, source: 'model' });
  });
});
