import { describe, expect, it } from 'vitest';
import { blendScores, createCombinedScorer } from '../../src/sentiment/combined-scorer.js';
import { createRuleScorer } from '../../src/sentiment/rule-scorer.js';
import type { ClauseScore, ClauseScorer } from '../../src/sentiment/types.js';
import { makeDocument } from './make-document.js';

/** A stand-in model that is sure of one polarity for every clause (as a bag model is on "see above"). */
function confidentModel(score: number): ClauseScorer {
  const clauseScore = (): ClauseScore => ({
    score,
    confidence: 0.99,
    probabilities: score > 0 ? { negative: 0, neutral: 0.01, positive: 0.99 } : { negative: 0.99, neutral: 0.01, positive: 0 },
    evidence: [{ start: 0, end: 1, source: 'model', term: 'test-model', weight: score }],
  });
  return {
    name: 'model',
    aspectAware: false,
    async scoreClauses(docs) {
      return docs.map((doc) => doc.clauses.map(clauseScore));
    },
  };
}

describe('combined scorer', () => {
  it.each(['n/a', 'see above', 'nothing to add', 'ok'])('keeps a survey fragment neutral however sure the model is (%j)', async (text) => {
    const scorer = createCombinedScorer(confidentModel(0.98), createRuleScorer(), 0.8);
    const [[score]] = await scorer.scoreClauses([makeDocument(text)]);
    expect(score!.score).toBe(0);
    expect(score!.evidence.some((evidence) => evidence.term === 'fragment')).toBe(true);
  });

  it('lets the model weight decide between a confident model and confident rules', async () => {
    const rules = createRuleScorer();
    const doc = makeDocument('The staff were wonderful');
    const [[ruleScore]] = await rules.scoreClauses([doc]);
    const [[modelScore]] = await confidentModel(-0.9).scoreClauses([doc]);
    expect(ruleScore!.score).toBeGreaterThan(0.3);
    expect(blendScores(modelScore!, ruleScore!, false, 0.9).score).toBeLessThan(0);
    expect(blendScores(modelScore!, ruleScore!, false, 0.1).score).toBeGreaterThan(0);
  });

  it('keeps the model probabilities on target blends only', async () => {
    const doc = makeDocument('The staff were wonderful');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    const [[modelScore]] = await confidentModel(0.9).scoreClauses([doc]);
    expect(blendScores(modelScore!, ruleScore!, true).probabilities).toEqual(modelScore!.probabilities);
    expect(blendScores(modelScore!, ruleScore!, false).probabilities).toBeUndefined();
  });
});
