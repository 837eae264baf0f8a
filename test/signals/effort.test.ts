import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../src/signals/index.js';
import { makeDocument } from './make-document.js';
import { uniformScores } from './score-helper.js';

function effort(text: string): { score: number; evidence: string[] } {
  const doc = makeDocument(text);
  const result = detectSignals(doc, uniformScores(doc, 0), []);
  return { score: result.effort, evidence: result.evidence.effort.map((span) => text.slice(span.start, span.end)) };
}

describe('customer effort', () => {
  it.each([
    ['I had to call three times', ['had to call', 'three times']],
    ['it was impossible to get a refund', ['impossible to']],
    ['the refund took forever', ['took forever']],
    ['kept being transferred', ['transferred']],
    ['had to jump through hoops', ['jump through hoops']],
    ['I had to repeat myself to every agent', ['repeat myself']],
    ['on hold for 45 minutes', ['on hold', '45 minutes']],
    ['still waiting for a reply', ['still waiting']],
    ['I chased them for a week', ['chased']],
    ['this is the third time I write', ['third time']],
  ])('finds effort in %j', (text, phrases) => {
    const { score, evidence } = effort(text);
    expect(score).toBeGreaterThanOrEqual(0.5);
    for (const phrase of phrases) expect(evidence).toContain(phrase);
  });

  it.each([
    ['I called 2 times', 'I called 5 times'],
    ['I waited 15 minutes on the phone', 'I waited 50 minutes on the phone'],
    ['the second time I called', 'the fifth time I called'],
  ])('grows with the count or duration: %j < %j', (smaller, larger) => {
    expect(effort(larger).score).toBeGreaterThan(effort(smaller).score);
  });

  it.each([
    'Delivered in 2 days, great',
    'I have ordered 5 times and loved it',
    'Setup was quick and simple',
    'Returns were easy and effortless',
    'It only took 2 minutes to call them',
    'no hassle at all',
    'ok',
  ])('is zero for %j (no effort, ease, or numbers outside a contact context)', (text) => {
    expect(effort(text).score).toBe(0);
  });

  it('treats negated ease as effort ("not easy")', () => {
    const { score, evidence } = effort('it was not easy to find the button');
    expect(score).toBeGreaterThan(0.3);
    expect(evidence).toEqual(['not easy']);
  });

  it('lowers effort when ease phrasing accompanies it', () => {
    expect(effort('on hold but the fix was quick and simple').score).toBeLessThan(effort('on hold').score);
  });
});
