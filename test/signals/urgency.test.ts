import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../src/signals/index.js';
import { makeDocument } from './make-document.js';
import { uniformScores } from './score-helper.js';

function urgency(text: string, sentiment = 0): { score: number; evidence: string[] } {
  const doc = makeDocument(text);
  const result = detectSignals(doc, uniformScores(doc, sentiment), []);
  return { score: result.urgency, evidence: result.evidence.urgency.map((span) => text.slice(span.start, span.end)) };
}

describe('urgency', () => {
  it.each([
    ['please reply asap', 'asap', 0.6],
    ['this is urgent', 'urgent', 0.6],
    ['refund me immediately', 'immediately', 0.15],
    ['I need it right now', 'right now', 0.1],
    ['still no refund', 'still no', 0.4],
    ['the deadline is Friday', 'deadline', 0.5],
    ['I will take legal action', 'legal action', 0.85],
    ['I am contacting the ombudsman', 'ombudsman', 0.85],
    ['I will file a chargeback', 'chargeback', 0.6],
    ['the charger caught fire', 'caught fire', 0.9],
    ['my son got a burn from the handle', 'burn', 0.9],
    ['this heater is dangerous', 'dangerous', 0.9],
    ['a serious injury', 'injury', 0.9],
  ])('finds urgency in %j', (text, phrase, minimum) => {
    const { score, evidence } = urgency(text);
    expect(score).toBeGreaterThanOrEqual(minimum);
    expect(evidence).toContain(phrase);
  });

  it.each(['not urgent, whenever you can', 'I was fired last week', 'Lovely service', 'ok', ''])(
    'is zero for %j',
    (text) => {
      expect(urgency(text).score).toBe(0);
    },
  );

  it('counts "today" more in a complaint than in praise', () => {
    expect(urgency('I need it today', -0.7).score).toBeGreaterThan(urgency('delivered today', 0.8).score);
  });

  it('boosts urgent or negative comments written in capitals or with "!!!"', () => {
    const calm = urgency('where is my refund, I need it today', -0.6);
    const shouted = urgency('WHERE IS MY REFUND, I NEED IT TODAY!!!', -0.6);
    expect(shouted.score).toBeGreaterThan(calm.score);
    expect(shouted.evidence).toContain('!!!');
    expect(shouted.evidence).toContain('WHERE IS MY REFUND');
  });

  it('does not treat happy shouting as urgent', () => {
    expect(urgency('AMAZING SERVICE GUYS!!!', 0.9).score).toBe(0);
  });
});
