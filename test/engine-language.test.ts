import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/engine.js';
import { AnalysisResultSchema, isErrorResult, type AnalysisResult } from '../src/contract.js';

let engine: Engine;

beforeAll(async () => {
  engine = await createEngine({});
});

describe('engine language routing', () => {
  it('reads a Spanish comment with the Spanish lexicon, without English emotions', async () => {
    const result = AnalysisResultSchema.parse(await engine.analyze({ id: 1, text: 'Muy buena atención, me resolvieron todo en una llamada.' }));
    expect(result.language).toBe('es');
    expect(result.sentiment.label).toBe('positive');
    expect(result.sentiment.confidence).toBeLessThanOrEqual(0.6);
    expect(result.emotions).toBeUndefined();
  });

  it("finds a foreign comment's themes through its glossary, with evidence on its own words", async () => {
    const text = 'El pedido llegó tarde y quiero un reembolso.';
    const result = await engine.analyze({ id: 1, text });
    expect(result.language).toBe('es');
    const themes = new Map(result.themes.map((theme) => [theme.id, theme.evidence.map((span) => text.slice(span.start, span.end))]));
    expect(themes.get('delivery-speed')).toEqual(['llegó tarde']);
    expect(themes.get('refunds')).toEqual(['reembolso']);
    expect(result.stages.map((stage) => stage.id)).toEqual(expect.arrayContaining(['delivery', 'billing']));
  });

  it("reads a foreign comment's signals with its language's phrase lists", async () => {
    const [churn, negated, effort, urgent] = (await engine.analyzeBatch([
      { text: 'Voy a cancelar mi suscripción, nunca más.' },
      { text: 'No pienso cancelar mi suscripción, solo aviso del retraso.' },
      { text: "J'ai dû rappeler 4 fois pour avoir une réponse." },
      { text: 'Ich gehe zum Anwalt, das ist dringend.' },
    ])) as AnalysisResult[];
    expect(churn!.signals.churnRisk).toBeGreaterThan(0.8);
    expect(negated!.signals.churnRisk).toBeLessThan(0.3);
    expect(effort!.signals.effort).toBeGreaterThan(0.8);
    expect(urgent!.signals.urgency).toBeGreaterThan(0.8);
  });

  it('keeps English comments on the English path, with emotions', async () => {
    const result = await engine.analyze({ id: 1, text: 'The courier was two days late and I am furious.' });
    expect(result.language).toBe('en');
    expect(result.sentiment.label).toBe('negative');
    expect(result.emotions).toBeDefined();
  });

  it('routes a mixed batch and keeps every line in order, errors included', async () => {
    const lines = await engine.analyzeBatch([
      { id: 'a', text: 'Le colis est arrivé abîmé et personne ne répond à mes mails.' },
      { id: 'b', text: 'Fast delivery, lovely packaging.' },
      { id: 'c', text: 42 as unknown as string },
      { id: 'd', text: 'Servizio pessimo, nessuno risponde.', targets: ['Servizio'] },
    ]);
    expect(lines.map((line) => line.id)).toEqual(['a', 'b', 'c', 'd']);
    const [french, english, bad, italian] = lines as AnalysisResult[];
    expect([french!.language, french!.sentiment.label]).toEqual(['fr', 'negative']);
    expect([english!.language, english!.sentiment.label]).toEqual(['en', 'positive']);
    expect(isErrorResult(bad!)).toBe(true);
    expect(italian!.language).toBe('it');
    // The aspect model reads English only: the target takes its clause's sentiment.
    expect(italian!.targets[0]!.sentiment?.label).toBe('negative');
  });

  it('gives a comment it cannot read a neutral reading of confidence 0 that says so', async () => {
    const result = AnalysisResultSchema.parse(await engine.analyze({ id: 1, text: '服务很好，送货很快' }));
    expect(result.language).toBe('und');
    expect(result.sentiment).toEqual({ label: 'neutral', score: 0, confidence: 0 });
    expect(result.emotions).toBeUndefined();
    const [line] = await engine.analyzeBatch([{ id: 2, text: 'Отличный сервис, всё быстро!', targets: ['сервис'] }]);
    expect((line as AnalysisResult).targets[0]!.sentiment).toMatchObject({ label: 'neutral', confidence: 0 });
  });

  it('reads everything as English when detection is off', async () => {
    const english = await createEngine({ sentiment: { scorer: 'rules' }, language: { detect: false } });
    const result = await english.analyze({ id: 1, text: 'Muy buena atención, me resolvieron todo en una llamada.' });
    expect(result.language).toBe('en');
    await english.close();
  });
});
