import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelTokens, modelTokenSpans, tokensInRange } from '../../src/model/model-tokens.js';
import { clauseModelTokens, docModelTokens } from '../../src/model/doc-tokens.js';
import { createTextProcessor } from '../../src/text/index.js';

describe('modelTokenSpans', () => {
  it('gives modelTokens with the start of each raw token', () => {
    const text = "It doesn't work, sooo slow!!! I can 't log in \ud83d\udc4d";
    const spans = modelTokenSpans(text)!;
    expect(spans.tokens).toEqual(modelTokens(text));
    expect(spans.tokens).toEqual(['it', 'does', 'not', 'work', ',', 'soo', 'slow', '!!', 'i', 'ca', 'not', 'log', 'in', '\ud83d\udc4d']);
    expect(spans.starts).toEqual([0, 3, 8, 11, 15, 17, 22, 26, 30, 32, 36, 39, 43, 46]);
  });

  it('is null when lower-casing changes the length (offsets would shift)', () => {
    expect(modelTokenSpans('\u0130stanbul was great')).toBeNull();
  });
});

describe('tokensInRange', () => {
  const check = (text: string, start: number, end: number) =>
    expect(tokensInRange(text, modelTokenSpans(text), start, end)).toEqual(modelTokens(text.slice(start, end)));

  it('equals tokenizing the slice on its own, also where a boundary cuts a token or a "n\'t"', () => {
    const text = "great,and then it didn't arrive!!! can 't wait";
    for (let start = 0; start < text.length; start++) for (let end = start; end <= text.length; end++) check(text, start, end);
  });

  it('tokenizes the slice when there are no spans', () => {
    const text = '\u0130stanbul: not good';
    expect(tokensInRange(text, modelTokenSpans(text), 10, 18)).toEqual(['not', 'good']);
  });
});

describe('doc tokens', () => {
  it('gives every clause of real comments exactly its own modelTokens, and the comment its whole', () => {
    const processor = createTextProcessor();
    const texts = readFileSync('data/sample.jsonl', 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).text as string);
    let clauses = 0;
    for (const text of [...texts, 'The app crashed,but support was great!!! Wouldnt recommend the courier though.']) {
      const doc = processor.process(text);
      expect(docModelTokens(doc)).toEqual(modelTokens(doc.text));
      const perClause = clauseModelTokens(doc);
      doc.clauses.forEach((clause, index) => expect(perClause[index]).toEqual(modelTokens(doc.text.slice(clause.start, clause.end))));
      clauses += doc.clauses.length;
    }
    expect(clauses).toBeGreaterThan(150);
  });
});
