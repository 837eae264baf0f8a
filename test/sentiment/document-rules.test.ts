import { describe, expect, it } from 'vitest';
import { applyDocumentRules } from '../../src/sentiment/document-rules.js';
import { scoreTokenRange } from '../../src/sentiment/rule-scorer.js';
import { loadLexicon } from '../../src/sentiment/lexicon.js';
import { createTextProcessor } from '../../src/text/index.js';
import type { ClauseScore } from '../../src/sentiment/types.js';

const processor = createTextProcessor();
const lexicon = loadLexicon();

/** The document and its clause scores before the document-level rules. */
function clauseScores(text: string) {
  const doc = processor.process(text);
  const scores: ClauseScore[] = doc.clauses.map((clause) => scoreTokenRange(doc, clause.firstToken, clause.endToken, lexicon));
  return { doc, scores };
}

const terms = (score: ClauseScore) => score.evidence.map((evidence) => evidence.term);

describe('applyDocumentRules', () => {
  it('makes a politeness-only clause neutral when another clause complains', () => {
    const { doc, scores } = clauseScores('The parcel was late. Thanks.');
    expect(scores[1]!.score).toBeGreaterThan(0);
    applyDocumentRules(doc, scores);
    expect(scores[1]!.score).toBe(0);
    expect(terms(scores[1]!)).toContain('politeness-in-complaint');
  });

  it('makes the thanks neutral when only facts stand between it and the question', () => {
    const { doc, scores } = clauseScores('Could you tell me when my fixed tariff ends? Account 4471-2290. Thanks');
    const last = scores.length - 1;
    expect(scores[last]!.score).toBeGreaterThan(0);
    applyDocumentRules(doc, scores);
    expect(scores[last]!.score).toBe(0);
    expect(terms(scores[last]!)).toContain('politeness-after-request');
  });

  it('keeps the thanks after praise that follows a question', () => {
    const { doc, scores } = clauseScores('Do you deliver on Sundays? The driver was brilliant. Thanks');
    const last = scores.length - 1;
    applyDocumentRules(doc, scores);
    expect(scores[last]!.score).toBeGreaterThan(0);
  });

  it('makes the thanks after a plain request or question neutral, with no complaint anywhere', () => {
    for (const text of ['Please send me a copy of my policy documents. Thanks.', 'Do you deliver on Sundays? Thanks!']) {
      const { doc, scores } = clauseScores(text);
      expect(scores[1]!.score).toBeGreaterThan(0);
      applyDocumentRules(doc, scores);
      expect(scores[1]!.score).toBe(0);
      expect(terms(scores[1]!)).toContain('politeness-after-request');
    }
    // Thanks after praise stays praise.
    const { doc, scores } = clauseScores('The engineer was brilliant. Thanks.');
    applyDocumentRules(doc, scores);
    expect(scores[1]!.score).toBeGreaterThan(0);
  });

  it('turns a short closing clause of praise after a complaint negative', () => {
    const { doc, scores } = clauseScores('They lost my bag again. Impressive really.');
    applyDocumentRules(doc, scores);
    const last = scores[scores.length - 1]!;
    expect(last.score).toBeLessThan(0);
    expect(terms(last)).toContain('sarcastic-closer');
    // Its opinion word's evidence turns with it, so the clause is not read as mixed.
    expect(last.evidence.filter((evidence) => evidence.source !== 'rule').every((evidence) => evidence.weight < 0)).toBe(true);
  });

  it.each(['They lost my parcel. Great job.', 'Logged me out AGAIN. Love that for me.'])('reads %j as sarcasm (praise and fillers only)', (text) => {
    const { doc, scores } = clauseScores(text);
    applyDocumentRules(doc, scores);
    expect(terms(scores[scores.length - 1]!)).toContain('sarcastic-closer');
  });

  it.each([
    'Quick delivery. Impressive really.',
    'The parcel was late. The courier who finally brought it was lovely though.',
    'Slow service. Amazing food.',
    'Delivery was late. Lovely staff.',
    'Thanks.',
  ])(
    'leaves %j alone',
    (text) => {
      const { doc, scores } = clauseScores(text);
      const before = scores.map((score) => score.score);
      applyDocumentRules(doc, scores);
      expect(scores.map((score) => score.score)).toEqual(before);
    },
  );
});
