import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelPath } from '../../src/config.js';
import { VerbatimError } from '../../src/errors.js';
import { CHURN_HYPOTHETICAL_FACTOR } from '../../src/signals/churn-risk.js';
import { compileSignalPatterns, createSignalDetector, detectSignals, languageSignalPatterns } from '../../src/signals/index.js';
import { makeDocument } from './make-document.js';

const shipped = JSON.parse(readFileSync(modelPath('signals', 'patterns.json'), 'utf8')) as Record<string, unknown>;

function withGroup(group: string, classes: unknown): unknown {
  return { ...shipped, [group]: classes };
}

describe('signal patterns', () => {
  it('compiles the shipped phrase lists', () => {
    expect(() => compileSignalPatterns(shipped)).not.toThrow();
  });

  it.each([
    ['a phrase listed twice via alternatives', withGroup('urgency', { a: { weight: 0.5, phrases: ['asap', 'soon|asap'] } })],
    ['a weight above 1', withGroup('urgency', { a: { weight: 2, phrases: ['asap'] } })],
    ['an unknown scale', withGroup('effort', { a: { weight: 0, scale: 'years', phrases: ['<num> years'] } })],
    ['a missing group', { ...shipped, problems: undefined }],
    ['an unknown key', { ...shipped, surprise: true }],
    ['not an object', 'patterns'],
  ])('rejects %s with VERBATIM_E_INVALID_LEXICON', (_name, input) => {
    try {
      compileSignalPatterns(input, 'test.json');
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(VerbatimError);
      expect((error as VerbatimError).code).toBe('VERBATIM_E_INVALID_LEXICON');
      expect((error as VerbatimError).message).toContain('test.json');
    }
  });

  it('uses custom phrase lists when given', () => {
    const custom = compileSignalPatterns(withGroup('urgency', { custom: { weight: 0.9, phrases: ['red alert'] } }));
    const doc = makeDocument('this is a red alert');
    expect(createSignalDetector(custom)(doc, [], []).urgency).toBe(0.9);
    expect(detectSignals(doc, [], []).urgency).toBe(0);
  });

  it('matches exact classes on the normal form only ("fired" is not "fire")', () => {
    const doc = makeDocument('fired');
    expect(doc.tokens[0]!.lemma).toBe('fir');
    const custom = compileSignalPatterns(withGroup('urgency', { safety: { weight: 0.9, exact: true, phrases: ['fir'] } }));
    expect(createSignalDetector(custom)(doc, [], []).urgency).toBe(0);
  });
});

describe('language signal patterns', () => {
  it('compiles the shipped lists of every language the detector reads, once', () => {
    // The languages come from the language data, so a language added there without lists fails here.
    const data = JSON.parse(readFileSync(modelPath('language', 'languages.json'), 'utf8')) as { languages: Record<string, unknown> };
    const codes = Object.keys(data.languages);
    expect(codes.length).toBe(18);
    for (const code of codes) {
      const patterns = languageSignalPatterns(code);
      expect(patterns, code).not.toBeNull();
      expect(languageSignalPatterns(code)).toBe(patterns);
    }
  });

  it('answers null for a language without lists and for a code that is not one', () => {
    expect(languageSignalPatterns('und')).toBeNull();
    expect(languageSignalPatterns('../patterns')).toBeNull();
  });

  it("matches a language's churn phrase, and not when it is negated", () => {
    const detect = createSignalDetector(languageSignalPatterns('es')!);
    expect(detect(makeDocument('Voy a cancelar mi suscripción.'), [], []).churnRisk).toBeGreaterThan(0.5);
    expect(detect(makeDocument('No pienso cancelar mi suscripción.'), [], []).churnRisk).toBe(0);
    const swedish = createSignalDetector(languageSignalPatterns('sv')!);
    expect(swedish(makeDocument('Jag säger upp mitt abonnemang.'), [], []).churnRisk).toBeGreaterThan(0.5);
    expect(swedish(makeDocument('Jag kommer inte att säga upp mitt abonnemang.'), [], []).churnRisk).toBe(0);
  });

  it('reads the listed inflected forms of Finnish and Hungarian phrases', () => {
    const finnish = createSignalDetector(languageSignalPatterns('fi')!);
    expect(finnish(makeDocument('Irtisanon sopimuksen heti.'), [], []).churnRisk).toBeGreaterThan(0.5);
    // A negated Finnish or Hungarian verb is another word form ("irtisanoa", "mondom le"), unlisted.
    expect(finnish(makeDocument('En aio irtisanoa sopimusta.'), [], []).churnRisk).toBe(0);
    // The hypothetical markers are the language's own ("jos", "ha"): a conditional threat counts CHURN_HYPOTHETICAL_FACTOR of it.
    const plain = finnish(makeDocument('Irtisanon sopimuksen heti.'), [], []).churnRisk;
    expect(finnish(makeDocument('Jos hinta nousee, irtisanon sopimuksen.'), [], []).churnRisk).toBeCloseTo(plain * CHURN_HYPOTHETICAL_FACTOR, 2);
    expect(finnish(makeDocument('Soitin asiakaspalveluun 5 kertaa eikä vieläkään vastausta.'), [], []).effort).toBeGreaterThan(0.5);
    const hungarian = createSignalDetector(languageSignalPatterns('hu')!);
    expect(hungarian(makeDocument('Lemondom az előfizetésemet.'), [], []).churnRisk).toBeGreaterThan(0.5);
    expect(hungarian(makeDocument('Nem mondom le az előfizetést.'), [], []).churnRisk).toBe(0);
    const direct = hungarian(makeDocument('Lemondom az előfizetésemet.'), [], []).churnRisk;
    expect(hungarian(makeDocument('Ha nem javítják, lemondom az előfizetésemet.'), [], []).churnRisk).toBeCloseTo(direct * CHURN_HYPOTHETICAL_FACTOR, 2);
    expect(hungarian(makeDocument('Fogyasztóvédelemhez fordulok.'), [], []).urgency).toBeGreaterThan(0.5);
  });

  it('reads Vietnamese multi-syllable words as phrases', () => {
    const vietnamese = createSignalDetector(languageSignalPatterns('vi')!);
    expect(vietnamese(makeDocument('Tôi sẽ hủy gói cước.'), [], []).churnRisk).toBeGreaterThan(0.5);
    expect(vietnamese(makeDocument('Tôi không hủy gói cước.'), [], []).churnRisk).toBe(0);
    expect(vietnamese(makeDocument('Gọi tổng đài 5 lần mà vẫn chưa có ai trả lời.'), [], []).effort).toBeGreaterThan(0.5);
  });
});
