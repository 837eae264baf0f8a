import { describe, expect, it } from 'vitest';
import { aggregateSpans } from '../../src/sentiment/aggregate.js';
import { createRuleScorer, scoreDocumentClauses } from '../../src/sentiment/rule-scorer.js';
import type { ClauseScore } from '../../src/sentiment/types.js';
import { createTextProcessor } from '../../src/text/index.js';
import type { TextDocument } from '../../src/text/document.js';
import { CX_CASES } from './cx-cases.js';
import { makeDocument } from './make-document.js';

const processor = createTextProcessor();

function documentSentiment(doc: TextDocument) {
  const scores = scoreDocumentClauses(doc);
  return aggregateSpans(
    scores.map((score, c) => ({ score, role: doc.clauses[c]!.role, connective: doc.clauses[c]!.connective })),
  );
}

/** Score of a one-clause text built by the hand tokenizer (independent of the text stage). */
function clauseScore(text: string): ClauseScore {
  const doc = makeDocument(text);
  expect(doc.clauses).toHaveLength(1);
  return scoreDocumentClauses(doc)[0]!;
}

describe('rule scorer on hand-written CX feedback', () => {
  it.each(CX_CASES)('%s -> %s', (text, label) => {
    expect(documentSentiment(processor.process(text)).label).toBe(label);
  });
});

describe('negation', () => {
  it.each([
    ['not bad', 'positive'],
    ['not good', 'negative'],
    ['never again', 'negative'],
    ['no complaints', 'positive'],
    ['nothing special', 'negative'],
    ["it didn't work", 'negative'],
    ['it didnt work', 'negative'],
    ['not happy at all', 'negative'],
    ['the staff were not rude', 'positive'],
  ])('%s is %s', (text, label) => {
    const score = clauseScore(text).score;
    expect(label === 'positive' ? score > 0.1 : score < -0.1).toBe(true);
  });

  it('reaches at most three words back', () => {
    expect(clauseScore('not really very good').score).toBeLessThan(0);
    expect(clauseScore('not that I would say the food was good').score).toBeGreaterThan(0);
  });

  it('stops at punctuation and at contrast', () => {
    expect(clauseScore('no, good').score).toBeGreaterThan(0);
    expect(clauseScore('not and good').score).toBeGreaterThan(0);
  });

  it('"nothing special" is only mildly negative', () => {
    const score = clauseScore('nothing special').score;
    expect(score).toBeLessThan(-0.1);
    expect(score).toBeGreaterThan(clauseScore('terrible').score);
  });
});

describe('intensity', () => {
  it.each([
    ['very good', 'good'],
    ['extremely helpful', 'helpful'],
    ['GOOD', 'good'],
    ['good!!', 'good'],
    ['very bad', 'bad'],
    ['BAD', 'bad'],
    ['bad!!!', 'bad'],
  ])('%s is stronger than %s', (strong, plain) => {
    expect(Math.abs(clauseScore(strong).score)).toBeGreaterThan(Math.abs(clauseScore(plain).score));
    expect(Math.sign(clauseScore(strong).score)).toBe(Math.sign(clauseScore(plain).score));
  });

  it.each([
    ['slightly late', 'late'],
    ['kind of slow', 'slow'],
    ['somewhat helpful', 'helpful'],
  ])('%s is weaker than %s', (weak, plain) => {
    expect(Math.abs(clauseScore(weak).score)).toBeLessThan(Math.abs(clauseScore(plain).score));
  });

  it('caps exclamation marks at four', () => {
    expect(clauseScore('good!!!!!!!!').score).toBeCloseTo(clauseScore('good!!!!').score, 10);
  });

  it('reads elongations through the collapsed form', () => {
    expect(clauseScore('sooo goood').score).toBeGreaterThan(clauseScore('good').score);
  });
});

describe('emoji and fragments', () => {
  it.each([
    ['😡', -1],
    ['👍', 1],
    ['👍🏽', 1],
    ['❤️', 1],
    ['🙄', -1],
  ])('%s has sign %d', (text, sign) => {
    const score = scoreDocumentClauses(processor.process(text))[0]!;
    expect(Math.sign(score.score)).toBe(sign);
    expect(score.evidence.some((e) => e.source === 'emoji')).toBe(true);
  });

  it.each(['ok', 'n/a', 'nothing', '-', 'see above', 'no comment', 'None.'])('fragment %s is neutral', (text) => {
    const doc = processor.process(text);
    const sentiment = documentSentiment(doc);
    expect(sentiment.label).toBe('neutral');
    expect(sentiment.score).toBe(0);
  });

  it.each(['how do I change my booking?', 'can someone call me?', 'is there a discount code?', 'is the fit good?', 'will the store be open on Monday?'])(
    'a question without negative words (%s) is a plain question: neutral, and sure of it',
    (text) => {
      const score = scoreDocumentClauses(processor.process(text))[0]!;
      expect(score.score).toBe(0);
      expect(score.confidence).toBe(1);
      expect(score.evidence.map((evidence) => evidence.term)).toEqual(['plain-question']);
    },
  );

  it.each(['why is the app not good?', 'why is it so slow?', 'is it good or just slow?'])('a question with a negative reading (%s) is not plain', (text) => {
    const score = scoreDocumentClauses(processor.process(text))[0]!;
    expect(score.score).toBeLessThan(0);
    expect(score.evidence.map((evidence) => evidence.term)).not.toContain('plain-question');
  });

  it('leaves a statement without opinion words evidence-free', () => {
    const score = scoreDocumentClauses(processor.process('the parcel came on Tuesday'))[0]!;
    expect(score.evidence).toEqual([]);
  });

  it('a complaint phrased as a question stays negative', () => {
    expect(documentSentiment(processor.process('third time asking: where is my refund?')).label).toBe('negative');
  });
});

describe('sarcasm and politeness', () => {
  it('flips a sarcastic opener followed by a complaint', () => {
    const score = clauseScore('great, another delay');
    expect(score.score).toBeLessThan(-0.3);
    expect(score.evidence.map((e) => e.term)).toContain('sarcasm');
  });

  it('keeps a sincere opener positive', () => {
    expect(clauseScore('great, thank you').score).toBeGreaterThan(0.3);
  });

  // Through the real text processor: its tokenizer gives quote marks tokens of their own.
  const firstClause = (text: string) => scoreDocumentClauses(processor.process(text))[0]!;

  it.each(["my 'quick' refund", 'your \u201cfree\u201d trial charged me'])('reads a positive word in scare quotes as irony (%s)', (text) => {
    const score = firstClause(text);
    expect(score.score).toBeLessThan(0);
    expect(score.evidence.map((e) => e.term)).toContain('scare-quotes');
  });

  it('leaves an unquoted positive word and a quoted negative one as they are', () => {
    expect(firstClause('my quick refund').score).toBeGreaterThan(0);
    const quotedNegative = firstClause("another 'unexpected delay' email");
    expect(quotedNegative.score).toBeLessThan(0);
    expect(quotedNegative.evidence.map((e) => e.term)).not.toContain('scare-quotes');
  });

  it.each([
    ["Can't believe how rude the staff were.", 'negative'],
    ['I cannot believe how fast the install was.', 'positive'],
    ['Could not believe how easy it was.', 'positive'],
    ["It can't be good.", 'negative'],
  ])('reads disbelief as emphasis, not negation (%s)', (text, label) => {
    expect(documentSentiment(processor.process(text)).label).toBe(label);
  });

  it('reads a short closing clause of praise after a complaint as sarcasm', () => {
    const scores = scoreDocumentClauses(processor.process('They lost my bag again. Impressive really.'));
    const last = scores[scores.length - 1]!;
    expect(last.score).toBeLessThan(0);
    expect(last.evidence.map((e) => e.term)).toContain('sarcastic-closer');
    expect(documentSentiment(processor.process('They lost my bag again. Impressive really.')).label).toBe('negative');
  });

  it.each([
    'Quick delivery. Impressive really.',
    'They lost my bag, but the crew found it within the hour and drove it to my hotel.',
    'The parcel was late. Thanks.',
  ])('keeps other closing clauses as they are (%s)', (text) => {
    const scores = scoreDocumentClauses(processor.process(text));
    expect(scores.flatMap((score) => score.evidence.map((e) => e.term))).not.toContain('sarcastic-closer');
  });

  it.each(['Used to be great.', 'I used to love this app.', 'It use to be good.'])('reads praise put in the past as a complaint (%s)', (text) => {
    const score = firstClause(text);
    expect(score.score).toBeLessThan(0);
    const usedTo = score.evidence.find((e) => e.term === 'used-to')!;
    expect(text.slice(usedTo.start, usedTo.end)).toMatch(/^use(d)? to( be)?$/i);
  });

  it.each(["I'm used to great service.", 'We are used to good support.', 'We got used to the great app.'])('reads "accustomed to" as no complaint (%s)', (text) => {
    const score = firstClause(text);
    expect(score.score).toBeGreaterThan(0);
    expect(score.evidence.map((e) => e.term)).not.toContain('used-to');
  });

  it('leaves a negative word after "used to" as it is', () => {
    expect(firstClause('I used to be sceptical.').score).toBeLessThan(0);
    expect(firstClause('I used to be sceptical.').evidence.map((e) => e.term)).not.toContain('used-to');
  });

  it('takes a quoted span after a sarcastic opener as the complaint', () => {
    const score = firstClause("wonderful, the 'express' delivery is now arriving next week");
    expect(score.score).toBeLessThan(0);
    expect(score.evidence.map((e) => e.term)).toContain('sarcasm');
  });

  it('thanks inside a complaint adds nothing positive', () => {
    const withThanks = clauseScore('my parcel is late thanks');
    expect(withThanks.score).toBeCloseTo(clauseScore('my parcel is late').score, 10);
    expect(withThanks.evidence.map((e) => e.term)).toContain('politeness-in-complaint');
  });

  it('a thanks-only sentence after a complaint is neutralized', () => {
    const doc = processor.process('Still waiting for my refund. Thanks!');
    const scores = scoreDocumentClauses(doc);
    expect(scores[1]!.score).toBe(0);
    expect(documentSentiment(doc).label).toBe('negative');
  });
});

describe('evidence', () => {
  it('points at the words that fired', () => {
    const doc = processor.process('The delivery was two days late and nobody answered my emails');
    const evidence = scoreDocumentClauses(doc).flatMap((s) => s.evidence);
    const texts = evidence.map((e) => doc.text.slice(e.start, e.end));
    expect(texts).toContain('two days late');
    expect(texts).toContain('nobody answered');
  });

  it.each([
    ['not good', 'not', 'negation:not'],
    ['very good', 'very', 'modifier:very'],
    ['kind of slow', 'kind of', 'modifier:kind of'],
    ['GOOD', 'GOOD', 'caps'],
  ])('%s records rule evidence on "%s"', (text, covered, term) => {
    const doc = makeDocument(text);
    const rule = scoreDocumentClauses(doc)[0]!.evidence.find((e) => e.term === term);
    expect(rule).toBeDefined();
    expect(doc.text.slice(rule!.start, rule!.end)).toBe(covered);
  });

  it('item weights plus exclamation reproduce the score', () => {
    const score = clauseScore('not very good at all!!');
    const raw = score.evidence
      .filter((e) => e.source !== 'rule' || e.term === 'exclamation')
      .reduce((sum, e) => sum + e.weight, 0);
    expect(score.score).toBeCloseTo(raw / Math.sqrt(raw * raw + 15), 10);
  });

  it('has higher confidence with more agreeing evidence and low without opinion words', () => {
    expect(clauseScore('great and helpful and fast').confidence).toBeGreaterThan(clauseScore('fine').confidence);
    expect(clauseScore('the parcel is here').confidence).toBeLessThan(0.3);
  });
});

describe('createRuleScorer', () => {
  it('scores every clause of every document', async () => {
    const docs = [processor.process('fast delivery but the box was crushed'), processor.process('ok')];
    const result = await createRuleScorer().scoreClauses(docs);
    expect(result.map((r) => r.length)).toEqual([2, 1]);
    expect(result[0]![0]!.score).toBeGreaterThan(0);
    expect(result[0]![1]!.score).toBeLessThan(0);
  });

  it('scores an arbitrary span', async () => {
    const doc = processor.process('The support was useless, the app is great');
    const start = doc.text.indexOf('the app');
    const [score] = await createRuleScorer().scoreSpans!([{ doc, span: { start, end: doc.text.length } }]);
    expect(score!.score).toBeGreaterThan(0);
  });

  it('handles an empty document', async () => {
    expect(await createRuleScorer().scoreClauses([processor.process('   ')])).toEqual([[]]);
  });
});
