import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../src/signals/index.js';
import type { ThemeHit } from '../../src/themes/types.js';
import { makeDocument } from './make-document.js';
import { uniformScores } from './score-helper.js';

function actionable(text: string, sentiment = 0, themes: ThemeHit[] = []): { value: boolean; evidence: string[] } {
  const doc = makeDocument(text);
  const result = detectSignals(doc, uniformScores(doc, sentiment), themes);
  return { value: result.actionable, evidence: result.evidence.actionable.map((span) => text.slice(span.start, span.end)) };
}

describe('actionable', () => {
  it.each([
    ['please fix the login page', 'please fix'],
    ['can you send me an invoice', 'can you'],
    ['I need a copy of my receipt', 'I need'],
    ['they should add a dark mode', 'should add'],
    ['would be nice if it remembered my card', 'would be nice if'],
    ["why can't I change my address", "why can't I"],
    ['where is my order?', 'order'],
    ['the app keeps crashing', 'crashing'],
    ['there is an error on the payment page', 'error'],
    ['the handle is broken', 'broken'],
    ['one item missing from the box', 'missing'],
  ])('is actionable: %j', (text, phrase) => {
    const { value, evidence } = actionable(text);
    expect(value).toBe(true);
    expect(evidence).toContain(phrase);
  });

  it.each(['ok', 'n/a', '-', 'nothing', 'see above', '', 'Great service, thanks', 'Love it', 'no bugs so far'])(
    'is not actionable: %j',
    (text) => {
      expect(actionable(text).value).toBe(false);
    },
  );

  it('ignores problem words in a clearly positive clause', () => {
    expect(actionable('the bug was fixed in a day, great work', 0.8).value).toBe(false);
  });

  it('treats a negative clause that names a theme as a fixable problem', () => {
    const text = 'the courier left it in the rain';
    const hit: ThemeHit = {
      themeId: 'courier',
      evidence: [{ start: 4, end: 11 }],
      clauses: [0],
      strength: 0.8,
      method: 'term',
      matchedTerms: ['courier'],
    };
    expect(actionable(text, 0, [hit]).value).toBe(false);
    const { value, evidence } = actionable(text, -0.6, [hit]);
    expect(value).toBe(true);
    expect(evidence).toEqual(['courier']);
  });
});
