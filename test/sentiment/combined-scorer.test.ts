import { describe, expect, it } from 'vitest';
import { RULE_READING_MODEL_WEIGHT } from '../../src/config.js';
import { blendScores, createCombinedScorer } from '../../src/sentiment/combined-scorer.js';
import { createRuleScorer } from '../../src/sentiment/rule-scorer.js';
import { loadLexicon } from '../../src/sentiment/lexicon.js';
import type { ClauseScore, ClauseScorer } from '../../src/sentiment/types.js';
import { makeDocument } from './make-document.js';
import { createTextProcessor } from '../../src/text/index.js';

/** The negative class probability of a blend. */
const p0 = (score: ClauseScore) => score.probabilities!.negative;

type Probabilities = NonNullable<ClauseScore['probabilities']>;

/** A model clause score with these class probabilities (confidence: the most probable class's, unless given). */
function modelClause(score: number, probabilities: Probabilities, confidence = Math.max(probabilities.negative, probabilities.neutral, probabilities.positive)): ClauseScore {
  return { score, confidence, probabilities, evidence: [{ start: 0, end: 1, source: 'model', term: 'test-model', weight: score }] };
}

/** The blended score when the model weighs `modelWeight` and the rules the rest times their confidence. */
function blendedScore(modelWeight: number, model: ClauseScore, rules: ClauseScore): number {
  const ruleWeight = (1 - modelWeight) * rules.confidence;
  return (modelWeight * model.score + ruleWeight * rules.score) / (modelWeight + ruleWeight);
}

/** A stand-in model that is sure of one polarity for every clause (as a bag model is on "see above"). */
function confidentModel(score: number): ClauseScorer {
  const clauseScore = (): ClauseScore =>
    modelClause(score, score > 0 ? { negative: 0, neutral: 0.01, positive: 0.99 } : { negative: 0.99, neutral: 0.01, positive: 0 });
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

  it('keeps the model probabilities on target blends and blends them with the rules vote on clauses', async () => {
    const doc = makeDocument('The staff were wonderful');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    const [[modelScore]] = await confidentModel(-0.9).scoreClauses([doc]);
    expect(blendScores(modelScore!, ruleScore!, true).probabilities).toEqual(modelScore!.probabilities);
    // The rules vote positive ("wonderful"): their share moves onto the positive class.
    const blended = blendScores(modelScore!, ruleScore!, false, 0.6).probabilities!;
    expect(blended.negative + blended.neutral + blended.positive).toBeCloseTo(1, 10);
    expect(blended.positive).toBeGreaterThan(modelScore!.probabilities!.positive);
    expect(blended.negative).toBeLessThan(modelScore!.probabilities!.negative);
    // A heavy model weight keeps the model's class, a light one lets the rules outvote it.
    const argmax = (p: { negative: number; neutral: number; positive: number }) =>
      (['negative', 'neutral', 'positive'] as const).reduce((best, label) => (p[label] > p[best] ? label : best));
    expect(argmax(blendScores(modelScore!, ruleScore!, false, 0.9).probabilities!)).toBe('negative');
    expect(argmax(blendScores(modelScore!, ruleScore!, false, 0.1).probabilities!)).toBe('positive');
  });

  it.each(['No complaints here', 'Not a single issue', 'Zero issues so far', 'Never had a problem with delivery', 'Nothing to complain about', 'Hard to fault', 'Issue resolved quickly'])(
    'lets the rules read an idiom built on a negator or a negative word, which a model misreads (%j)',
    async (text) => {
      const doc = makeDocument(text);
      const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
      const [[modelScore]] = await confidentModel(-0.6).scoreClauses([doc]);
      expect(ruleScore!.evidence.some((evidence) => evidence.source === 'phrase' && evidence.weight > 0)).toBe(true);
      // At the default weight (0.6) this model would outvote the rules; on the idiom it weighs 0.2.
      const blended = blendScores(modelScore!, ruleScore!, false, 0.6, 0.1, loadLexicon().idiomPhrases);
      expect(blended).toEqual(blendScores(modelScore!, ruleScore!, false, 0.2, 0.1));
      expect(blendScores(modelScore!, ruleScore!, false, 0.6, 0.1).probabilities!.negative).toBeGreaterThan(p0(blended));
      const p = blended.probabilities!;
      expect(p.positive).toBeGreaterThan(Math.max(p.negative, p.neutral));
    },
  );

  it('passes the rule scorer\'s idioms to every clause blend', async () => {
    const doc = makeDocument('Hard to fault');
    const scorer = createCombinedScorer(confidentModel(-0.6), createRuleScorer());
    const [[score]] = await scorer.scoreClauses([doc]);
    expect(score!.probabilities!.positive).toBeGreaterThan(score!.probabilities!.negative);
  });

  it('keeps the default weight for a negation the rules flip outside an idiom ("not terrible")', async () => {
    const doc = makeDocument('It was not terrible');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    const [[modelScore]] = await confidentModel(-0.6).scoreClauses([doc]);
    expect(ruleScore!.score).toBeGreaterThan(0);
    expect(ruleScore!.evidence.some((evidence) => evidence.term.startsWith('negation:'))).toBe(true);
    const p = blendScores(modelScore!, ruleScore!, false, 0.6, 0.1, loadLexicon().idiomPhrases).probabilities!;
    expect(p.negative).toBeGreaterThan(p.positive);
  });

  it("reads the rules' vote with the configured neutral band", async () => {
    const doc = makeDocument('The staff were wonderful');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    const [[modelScore]] = await confidentModel(-0.9).scoreClauses([doc]);
    const wideBand = Math.abs(ruleScore!.score) + 0.01;
    const blended = blendScores(modelScore!, ruleScore!, false, 0.6, wideBand).probabilities!;
    // Inside a band that wide the rules vote neutral: their share goes to neutral, not positive.
    expect(blended.positive).toBeCloseTo(0.6 * modelScore!.probabilities!.positive / (0.6 + 0.4 * ruleScore!.confidence), 10);
    expect(blended.neutral).toBeGreaterThan(modelScore!.probabilities!.neutral);
  });

  it('leaves a clause without rule evidence to the model, probabilities included', async () => {
    const doc = makeDocument('The parcel came on Tuesday');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    expect(ruleScore!.evidence).toEqual([]);
    const model: ClauseScore = {
      score: -0.2,
      confidence: 0.6,
      probabilities: { negative: 0.3, neutral: 0.6, positive: 0.1 },
      evidence: [{ start: 0, end: 26, source: 'model', term: 'test-model', weight: -0.2 }],
    };
    expect(blendScores(model, ruleScore!, false, 0.6)).toBe(model);
  });

  it('weighs the model at RULE_READING_MODEL_WEIGHT where the rules read scare quotes', async () => {
    const doc = createTextProcessor().process("my 'quick' refund");
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    expect(ruleScore!.evidence.map((evidence) => evidence.term)).toContain('scare-quotes');
    const model = modelClause(0.8, { negative: 0.05, neutral: 0.1, positive: 0.85 }, 0.9);
    const blended = blendScores(model, ruleScore!, false, 0.6);
    expect(blended.score).toBeCloseTo(blendedScore(RULE_READING_MODEL_WEIGHT, model, ruleScore!), 10);
    expect(blended.probabilities!.negative).toBeGreaterThan(blended.probabilities!.positive);
  });

  it('weighs the model at RULE_READING_MODEL_WEIGHT where the rules turned a sarcastic opener or closer', async () => {
    const doc = createTextProcessor().process('Great, another unexpected delay email');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    expect(ruleScore!.evidence.map((evidence) => evidence.term)).toContain('sarcasm');
    const model = modelClause(0.6, { negative: 0.15, neutral: 0.1, positive: 0.75 }, 0.8);
    const blended = blendScores(model, ruleScore!, false, 0.6);
    expect(blended.score).toBeCloseTo(blendedScore(RULE_READING_MODEL_WEIGHT, model, ruleScore!), 10);
    expect(blended.score).toBeLessThan(0);
    // A sarcastic closing clause after a complaint is read past the model the same way.
    const [, closer] = (await createRuleScorer().scoreClauses([createTextProcessor().process('Lost my bag again. Impressive really.')]))[0]!;
    expect(closer!.evidence.map((evidence) => evidence.term)).toContain('sarcastic-closer');
    expect(blendScores(model, closer!, false, 0.6).score).toBeCloseTo(blendedScore(RULE_READING_MODEL_WEIGHT, model, closer!), 10);
    // The same opener before praise is no sarcasm, and the model keeps its weight.
    const [[praise]] = await createRuleScorer().scoreClauses([createTextProcessor().process('Great, thanks for the quick fix')]);
    expect(praise!.evidence.map((evidence) => evidence.term)).not.toContain('sarcasm');
    expect(blendScores(model, praise!, false, 0.6).score).toBeCloseTo(blendedScore(0.6, model, praise!), 10);
  });

  it('weighs the model at RULE_READING_MODEL_WEIGHT in a negative clause with a phrase of valence -2 or below', async () => {
    const doc = createTextProcessor().process('Kind regards, a very fed up customer');
    const [[ruleScore]] = await createRuleScorer().scoreClauses([doc]);
    expect(ruleScore!.evidence.some((evidence) => evidence.term === 'fed up' && evidence.weight <= -2)).toBe(true);
    const model = modelClause(0.95, { negative: 0.01, neutral: 0.02, positive: 0.97 });
    const blended = blendScores(model, ruleScore!, false, 0.6);
    expect(blended.score).toBeCloseTo(blendedScore(RULE_READING_MODEL_WEIGHT, model, ruleScore!), 10);
    expect(blended.probabilities!.negative).toBeGreaterThan(blended.probabilities!.positive);
    // A milder phrase leaves the model its usual weight.
    const [[mild]] = await createRuleScorer().scoreClauses([createTextProcessor().process('The delivery was slow')]);
    expect(mild!.score).toBeLessThan(0);
    expect(mild!.evidence.some((evidence) => evidence.source === 'phrase' && evidence.weight <= -2)).toBe(false);
    expect(blendScores(model, mild!, false, 0.6).score).toBeCloseTo(blendedScore(0.6, model, mild!), 10);
  });

  describe('plain questions', () => {
    const modelScore = (score: number, probabilities: Probabilities): ClauseScore => modelClause(score, probabilities, 0.7);

    it('outvotes a model that reads a question as praise', async () => {
      const [[ruleScore]] = await createRuleScorer().scoreClauses([makeDocument('Does the jacket come in a tall fit?')]);
      expect(ruleScore!.evidence.map((evidence) => evidence.term)).toEqual(['plain-question']);
      const blended = blendScores(modelScore(0.5, { negative: 0.05, neutral: 0.3, positive: 0.65 }), ruleScore!, false, 0.6);
      const probabilities = blended.probabilities!;
      expect(probabilities.neutral).toBeGreaterThan(probabilities.positive);
    });

    it('leaves a question the model hears as a complaint to the model', async () => {
      const [[ruleScore]] = await createRuleScorer().scoreClauses([makeDocument('Can I see my past orders?')]);
      const model = modelScore(-0.5, { negative: 0.7, neutral: 0.2, positive: 0.1 });
      expect(blendScores(model, ruleScore!, false, 0.6)).toBe(model);
    });
  });

  describe('plain requests', () => {
    it('read neutral even against a model sure the requested feature is praise (the model weighs 0.2)', async () => {
      const [[ruleScore]] = await createRuleScorer().scoreClauses([makeDocument('Add Apple Watch support pls')]);
      expect(ruleScore!.evidence.map((evidence) => evidence.term)).toEqual(['plain-request']);
      const probabilities = blendScores(modelClause(0.93, { negative: 0.01, neutral: 0.05, positive: 0.94 }), ruleScore!, false, 0.6).probabilities!;
      expect(probabilities.neutral).toBeGreaterThan(probabilities.positive);
    });

    it('are not left to a model leaning negative, as questions are', async () => {
      const [[ruleScore]] = await createRuleScorer().scoreClauses([makeDocument('Please send me a copy of my policy documents.')]);
      const model = modelClause(-0.5, { negative: 0.6, neutral: 0.3, positive: 0.1 });
      const blended = blendScores(model, ruleScore!, false, 0.6);
      expect(blended).not.toBe(model);
      expect(blended.probabilities!.neutral).toBeGreaterThan(blended.probabilities!.negative);
    });

    it('keep the thanks after them neutral, whatever the model makes of it', async () => {
      const scorer = createCombinedScorer(
        { name: 'model', scoreClauses: async (docs) => docs.map((doc) => doc.clauses.map(() => modelClause(0.9, { negative: 0.02, neutral: 0.08, positive: 0.9 }))) },
        createRuleScorer(),
        0.6,
      );
      const [scores] = await scorer.scoreClauses([createTextProcessor().process('Please send me a copy of my policy documents. Thanks.')]);
      expect(scores!.map((score) => score.score)).toEqual([expect.any(Number), 0]);
      expect(scores![1]!.evidence.map((evidence) => evidence.term)).toContain('politeness-after-request');
    });
  });
});
