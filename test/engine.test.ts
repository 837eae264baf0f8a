import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/engine.js';
import { AnalysisResultSchema, isErrorResult, type AnalysisResult } from '../src/contract.js';
import { VerbatimError } from '../src/errors.js';

let engine: Engine;

beforeAll(async () => {
  engine = await createEngine({ sentiment: { scorer: 'rules' } });
});

async function analyze(text: string, targets?: string[]): Promise<AnalysisResult> {
  const result = await engine.analyze({ id: 'x', text, targets });
  return AnalysisResultSchema.parse(result);
}

function expectSpansInside(text: string, spans: { start: number; end: number }[]): void {
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(span.start).toBeLessThan(span.end);
  }
}

describe('engine', () => {
  it('produces a contract-valid result with sentences, themes, stages and signals', async () => {
    const text = 'The courier was two days late. Support never called back!';
    const result = await analyze(text);
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentences).toHaveLength(2);
    expect(result.themes.map((theme) => theme.stage)).toEqual(expect.arrayContaining(['delivery', 'support']));
    expect(result.stages.map((stage) => stage.id)).toEqual(['delivery', 'support']);
    expectSpansInside(text, result.sentences);
    expectSpansInside(text, result.themes.flatMap((theme) => theme.evidence));
  });

  it('gives each theme the sentiment of its own clause ("fast delivery but the box was crushed")', async () => {
    const result = await analyze('Fast delivery but the box was crushed');
    const speed = result.themes.find((theme) => theme.id === 'delivery-speed');
    const damage = result.themes.find((theme) => theme.id === 'damaged-items');
    expect(speed?.sentiment.label).toBe('positive');
    expect(damage?.sentiment.label).toBe('negative');
    expect(result.sentiment.label).toBe('negative');
  });

  it('labels strongly disagreeing clauses as mixed, unless a contrast makes one side the point', async () => {
    expect((await analyze('Love the product, hate the support')).sentiment.label).toBe('mixed');
    expect((await analyze('I love the product, but I hate the support')).sentiment.label).toBe('negative');
  });

  it('reports targets in the requested order, with found:false and no sentiment when absent', async () => {
    const text = 'The app is great but the courier was rude';
    const result = await analyze(text, ['courier', 'refund', 'app']);
    expect(result.targets.map((target) => [target.text, target.found])).toEqual([
      ['courier', true],
      ['refund', false],
      ['app', true],
    ]);
    expect(result.targets[0]).toMatchObject({ start: 25, end: 32, sentiment: { label: 'negative' } });
    expect(result.targets[1]!.sentiment).toBeUndefined();
    expect(result.targets[2]!.sentiment?.label).toBe('positive');
  });

  it.each(['', '   \n\t ', 'n/a', '-', 'ok'])('treats %j as neutral with no theme', async (text) => {
    const result = await analyze(text);
    expect(result.sentiment.label).toBe('neutral');
    expect(result.themes).toEqual([]);
  });

  it.each([
    ['emoji only', '😡😡😡'],
    ['control characters', 'bad\u0000 service\u0007 \u200b\u202e really'],
    ['mixed scripts', 'Service très lent, 太慢了, доставка ужасная'],
    ['lone surrogate', 'broken \ud83d text'],
    ['very long text', 'The delivery was late and the box was damaged. '.repeat(400)],
  ])('handles %s without crashing and keeps offsets inside the text', async (_name, text) => {
    const result = await analyze(text);
    expectSpansInside(text, result.sentences);
    expectSpansInside(text, result.themes.flatMap((theme) => theme.evidence));
  });

  it('scores an angry emoji-only comment as negative', async () => {
    expect((await analyze('😡😡😡')).sentiment.label).toBe('negative');
  });

  it('reads negated-complaint idioms as positive with the default (combined) scorer, which the model alone misreads', async () => {
    const combined = await createEngine({});
    const texts = ['No complaints here.', 'Not a single issue.', 'Zero issues so far.', 'Nothing to improve.', 'Never lets me down.', 'Hard to fault.', 'Issue resolved quickly.', 'Stress free booking.'];
    const results = await combined.analyzeBatch(texts.map((text) => ({ text })));
    expect(results.map((line) => ('error' in line ? line.error.code : line.sentiment.label))).toEqual(texts.map(() => 'positive'));
    // A complaint stays a complaint.
    const [complaint] = await combined.analyzeBatch([{ text: 'Nothing but complaints, no one helped.' }]);
    expect('error' in complaint! ? complaint.error.code : complaint!.sentiment.label).toBe('negative');
  });

  it('keeps non-answers neutral with the default scorer, however sure the model is ("test" was -1.00)', async () => {
    const combined = await createEngine({});
    const texts = ['test', 'No feedback.', 'Neither here nor there.', "Can't think of anything."];
    const results = await combined.analyzeBatch(texts.map((text) => ({ text })));
    expect(results.map((line) => ('error' in line ? line.error.code : [line.sentiment.label, line.sentiment.score]))).toEqual(texts.map(() => ['neutral', 0]));
  });

  it('keeps a batch going past a bad record, in order', async () => {
    const lines = await engine.analyzeBatch([
      { id: 'a', text: 'Great service' },
      { id: 'b', text: 'x'.repeat(engine.config.maxTextLength + 1) },
      { id: 'c', text: 'Terrible service' },
    ]);
    expect(lines.map((line) => line.id)).toEqual(['a', 'b', 'c']);
    expect(isErrorResult(lines[1]!) && lines[1].error.code).toBe('VERBATIM_E_TEXT_TOO_LONG');
    expect(!isErrorResult(lines[2]!) && lines[2].sentiment.label).toBe('negative');
  });

  it('analyzes a batch with more text than maxBatchChars in slices, with the results and ids of one batch', async () => {
    const sliced = await createEngine({ sentiment: { scorer: 'rules' }, maxBatchChars: 40 });
    const inputs = [
      { text: 'The courier was two days late and support never called back' },
      { id: 'short', text: 'ok' },
      { text: 'x'.repeat(engine.config.maxTextLength + 1) },
      { text: 'Love the app' },
      { text: 'Refund took three weeks, and nobody answered my emails about it' },
      { id: 7, text: 'Fine' },
    ];
    const whole = await engine.analyzeBatch(inputs);
    const parts = await sliced.analyzeBatch(inputs);
    expect(parts).toEqual(whole);
    expect(parts.map((line) => line.id)).toEqual([1, 'short', 3, 4, 5, 7]);
    expect(await sliced.analyzeBatch([])).toEqual([]);
  });

  it('throws a coded error from analyze() for invalid input', async () => {
    await expect(engine.analyze({ id: 1, text: 'y'.repeat(engine.config.maxTextLength + 1) })).rejects.toMatchObject({
      code: 'VERBATIM_E_TEXT_TOO_LONG',
    });
  });

  it('adds redactedText with PII masked when redact is on, leaving offsets on the original', async () => {
    const redacting = await createEngine({ redact: true });
    const text = 'Email me at jane.doe@example.com or call +44 20 7946 0958, the refund is late';
    const result = await redacting.analyze(text);
    expect(result.redactedText).toContain('[EMAIL]');
    expect(result.redactedText).toContain('[PHONE]');
    expect(result.redactedText).not.toContain('jane.doe');
    expectSpansInside(text, result.sentences);
    expect(result.sentences.at(-1)!.end).toBeLessThanOrEqual(text.length);
  });

  it('passes metadata through untouched', async () => {
    const [line] = await engine.analyzeBatch([{ id: 7, text: 'fine', metadata: { score: 9, segment: 'smb' } }]);
    expect(!isErrorResult(line!) && line.metadata).toEqual({ score: 9, segment: 'smb' });
  });

  it('refuses a broken configuration or taxonomy at start-up, not on the first comment', async () => {
    await expect(createEngine({ taxonomyPath: '/nonexistent/taxonomy.json' })).rejects.toBeInstanceOf(VerbatimError);
    await expect(createEngine({ sentiment: { neutralBand: 2 } })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_CONFIG' });
    await expect(createEngine({ unknownKey: true } as never)).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_CONFIG' });
  });
});

describe('engine emotions threshold (config.emotions.threshold)', () => {
  it('reports every emotion at or above the configured threshold, also below the model\'s own', async () => {
    const text = 'Where is my parcel? Nobody answers and I am starting to worry.';
    const lenient = await createEngine({ sentiment: { scorer: 'rules' }, emotions: { threshold: 0.01 } });
    const strict = await createEngine({ sentiment: { scorer: 'rules' }, emotions: { threshold: 0.99 } });
    const standard = await createEngine({ sentiment: { scorer: 'rules' } });
    try {
      const many = (await lenient.analyze(text)).emotions ?? [];
      const few = (await strict.analyze(text)).emotions ?? [];
      const usual = (await standard.analyze(text)).emotions ?? [];
      expect(many.length).toBeGreaterThan(usual.length);
      for (const emotion of many) expect(emotion.score).toBeGreaterThanOrEqual(0.01);
      for (const emotion of few) expect(emotion.score).toBeGreaterThanOrEqual(0.99);
    } finally {
      await Promise.all([lenient.close(), strict.close(), standard.close()]);
    }
  });
});
