/** Signals on documents from the real text processor (wink tokenizer, real lemmas, clauses). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.js';
import { SignalsSchema } from '../../src/contract.js';
import { detectSignals, toSignals } from '../../src/signals/index.js';
import { createTextProcessor } from '../../src/text/index.js';
import type { TextDocument } from '../../src/text/document.js';

const processor = createTextProcessor();
const scored = (doc: TextDocument, score: number) => doc.clauses.map(() => ({ score, confidence: 0.8, evidence: [] }));

function signalsOf(text: string, score = 0) {
  const doc = processor.process(text);
  const result = detectSignals(doc, scored(doc, score), []);
  const quote = (key: keyof typeof result.evidence) => result.evidence[key].map((span) => text.slice(span.start, span.end));
  return { result, quote };
}

describe('signals with the real text processor', () => {
  it.each([
    ["I won't cancel, I still like the service", 0],
    ['I dont plan to cancel my subscription', 0],
    ['We wont renew next year.', 0.5],
    ["We won't be renewing our contract", 0.5],
  ])('handles contractions split by the tokenizer: %j', (text, minimum) => {
    const churn = signalsOf(text).result.churnRisk;
    if (minimum === 0) expect(churn).toBe(0);
    else expect(churn).toBeGreaterThanOrEqual(minimum);
  });

  it.each([
    ['Had to call three times, kept being transferred and had to repeat myself.', 'effort', 0.9],
    ['I have emailed 6 times and no response. I will be contacting the ombudsman.', 'urgency', 0.9],
    ['Switching to @RivalMobile, done with you lot.', 'churnRisk', 0.85],
  ] as const)('scores %j high on %s', (text, signal, minimum) => {
    expect(signalsOf(text, -0.6).result[signal]).toBeGreaterThanOrEqual(minimum);
  });

  it('keeps evidence offsets exact on messy social text', () => {
    const text = '@QuickShipUK cancelling my subscription 😡😡 #fail WHERE IS MY REFUND???';
    const { result, quote } = signalsOf(text, -0.8);
    expect(quote('churnRisk')).toEqual(['cancelling my subscription']);
    expect(quote('urgency')).toContain('???');
    expect(result.actionable).toBe(true);
  });

  it('returns contract-valid signals for every sample comment, never throwing', () => {
    const lines = readFileSync(path.join(PACKAGE_ROOT, 'data', 'sample.jsonl'), 'utf8').trim().split('\n');
    for (const line of lines) {
      const { text } = JSON.parse(line) as { text: string };
      const doc = processor.process(text);
      const result = detectSignals(doc, scored(doc, -0.5), []);
      expect(SignalsSchema.safeParse(toSignals(result)).success).toBe(true);
      for (const span of Object.values(result.evidence).flat()) {
        expect(span.start).toBeLessThan(span.end);
        expect(span.end).toBeLessThanOrEqual(text.length);
      }
    }
  });

  it.each(['ok', 'n/a', '-', 'see above', '   ', '👍👍'])('leaves the fragment %j with no signals', (text) => {
    const { result } = signalsOf(text);
    expect(toSignals(result)).toEqual({ churnRisk: 0, effort: 0, urgency: 0, actionable: false });
  });
});
