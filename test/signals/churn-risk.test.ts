import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../src/signals/index.js';
import { makeDocument } from './make-document.js';
import { uniformScores } from './score-helper.js';

function churn(text: string, sentiment = 0): { score: number; evidence: string[] } {
  const doc = makeDocument(text);
  const result = detectSignals(doc, uniformScores(doc, sentiment), []);
  return { score: result.churnRisk, evidence: result.evidence.churnRisk.map((span) => text.slice(span.start, span.end)) };
}

describe('churn risk', () => {
  it.each([
    ['I am going to cancel my subscription', 'cancel my subscription'],
    ['Switching to Ocado next week', 'Switching to Ocado'],
    ['moving to @RivalMobile', 'moving to @RivalMobile'],
    ['last time I order from you', 'last time I order'],
    ['Never again.', 'Never again'],
    ['never ordering from you again', 'never ordering from you again'],
    ['closing my account', 'closing my account'],
    ["we won't renew", "won't renew"],
    ['we wont renew next year', 'wont renew'],
    ['we are looking for alternatives', 'looking for alternatives'],
    ['take my business elsewhere', 'take my business elsewhere'],
    ['honestly, done with you', 'done with you'],
    ['I am done', 'I am done'],
  ])('finds an explicit churn phrase in %j', (text, phrase) => {
    const { score, evidence } = churn(text);
    expect(score).toBeGreaterThanOrEqual(0.5);
    expect(evidence).toContain(phrase);
  });

  it.each([
    "I won't cancel my subscription, I love it",
    'no plans to switch providers',
    'I have never wanted to cancel my account',
    'I moved to a new house and delivery still found me',
    'the driver was going to Leeds',
    'Great service, thanks',
    'ok',
    '',
  ])('is zero for %j (negated, unrelated or empty, neutral sentiment)', (text) => {
    expect(churn(text).score).toBe(0);
  });

  it('reduces hypothetical mentions', () => {
    const plain = churn('I will cancel my account', -0.5).score;
    const hypothetical = churn('If this happens again I might cancel my account', -0.5).score;
    expect(hypothetical).toBeGreaterThan(0);
    expect(hypothetical).toBeLessThan(plain * 0.8);
  });

  it('rises with negative sentiment', () => {
    expect(churn('cancel my subscription', -0.9).score).toBeGreaterThan(churn('cancel my subscription', 0).score);
  });

  it('ranks explicit cancellation above unsubscribing from emails', () => {
    expect(churn('cancel my subscription').score).toBeGreaterThan(churn('how do I unsubscribe').score);
  });

  it('combines several phrases to more than any one of them', () => {
    expect(churn('Switching to Ocado, done with you').score).toBeGreaterThan(churn('Switching to Ocado').score);
  });

  it('gives a strongly negative comment without churn phrases a small risk', () => {
    const { score, evidence } = churn('worst service ever', -1);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(0.25);
    expect(evidence).toEqual(['worst service ever']);
  });
});
