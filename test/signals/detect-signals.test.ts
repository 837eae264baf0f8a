import { describe, expect, it } from 'vitest';
import { SignalsSchema } from '../../src/contract.js';
import { detectSignals, toSignals } from '../../src/signals/index.js';
import type { TextDocument } from '../../src/text/document.js';
import { makeDocument } from './make-document.js';
import { uniformScores } from './score-helper.js';

describe('detectSignals', () => {
  it('returns exact evidence offsets into the original text', () => {
    const text = 'Hi team. I will cancel my subscription ASAP!!';
    const doc = makeDocument(text);
    const result = detectSignals(doc, uniformScores(doc, -0.5), []);
    expect(result.evidence.churnRisk).toEqual([{ start: 16, end: 38 }]);
    expect(text.slice(16, 38)).toBe('cancel my subscription');
    expect(result.evidence.urgency).toContainEqual({ start: 39, end: 43 });
    expect(result.evidence.urgency).toContainEqual({ start: 43, end: 45 });
  });

  it('returns zeros and no evidence for an empty document', () => {
    const empty: TextDocument = { text: '   ', tokens: [], sentences: [], clauses: [] };
    expect(detectSignals(empty, [], [])).toEqual({
      churnRisk: 0,
      effort: 0,
      urgency: 0,
      actionable: false,
      evidence: { churnRisk: [], effort: [], urgency: [], actionable: [] },
    });
  });

  it('tolerates missing or non-finite clause scores', () => {
    const doc = makeDocument('please cancel my subscription but thanks');
    const result = detectSignals(doc, [{ score: Number.NaN, confidence: 0, evidence: [] }], []);
    expect(SignalsSchema.safeParse(toSignals(result)).success).toBe(true);
    expect(result.churnRisk).toBeGreaterThan(0.5);
  });

  it('strips the evidence for the contract', () => {
    const doc = makeDocument('urgent');
    const signals = toSignals(detectSignals(doc, uniformScores(doc, 0), []));
    expect(Object.keys(signals).sort()).toEqual(['actionable', 'churnRisk', 'effort', 'urgency']);
  });

  it('keeps scores in [0, 1] when every signal fires at once', () => {
    const text =
      'THIRD TIME ASKING!!! On hold 90 minutes, transferred 5 times, impossible to cancel my subscription. ' +
      'Switching to Rival today, legal action and a chargeback next, the charger caught fire. Please fix it asap';
    const doc = makeDocument(text);
    const result = detectSignals(doc, uniformScores(doc, -1), []);
    for (const value of [result.churnRisk, result.effort, result.urgency]) {
      expect(value).toBeGreaterThan(0.9);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(result.actionable).toBe(true);
  });
});
