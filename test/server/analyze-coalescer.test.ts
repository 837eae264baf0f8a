import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultLine } from '../../src/contract.js';
import type { Engine, EngineInput } from '../../src/engine.js';
import { COALESCE_MAX_COMMENTS, COALESCE_MIN_ALONE, createAnalyzeCoalescer } from '../../src/server/analyze-coalescer.js';
import { buildTestApp, testEngine } from './helpers.js';

describe('createAnalyzeCoalescer', () => {
  let engine: Engine;
  let batches: number[];
  const counted = (inputs: readonly EngineInput[]): Promise<ResultLine[]> => {
    batches.push(inputs.length);
    return engine.analyzeBatch(inputs);
  };

  beforeAll(async () => {
    engine = await testEngine();
  });

  it('runs requests that arrive together as one batch and hands each its own lines, ids as if alone', async () => {
    batches = [];
    const coalescer = createAnalyzeCoalescer(counted);
    const requests: EngineInput[][] = [
      [{ text: 'The courier was two days late' }],
      [{ id: 'b-1', text: 'Support never called back' }, { text: 'Great refund process, thank you' }],
      [{ text: 'x'.repeat(engine.config.maxTextLength + 1) }, { text: 'Love the app' }],
    ];
    const answers = await Promise.all(requests.map((inputs) => coalescer.analyze(inputs)));
    expect(batches).toEqual([5]);
    for (const [index, inputs] of requests.entries()) expect(answers[index]).toEqual(await engine.analyzeBatch(inputs));
    expect(answers[1]!.map((line) => line.id)).toEqual(['b-1', 2]);
    expect(answers[2]![0]).toMatchObject({ id: 1, error: { code: 'VERBATIM_E_TEXT_TOO_LONG' } });
  });

  it('runs big requests alone and splits batches at COALESCE_MAX_COMMENTS', async () => {
    batches = [];
    const coalescer = createAnalyzeCoalescer(counted);
    const many = (count: number) => Array.from({ length: count }, (_, index) => ({ text: `parcel ${index} was late` }));
    await Promise.all([coalescer.analyze(many(COALESCE_MIN_ALONE)), coalescer.analyze(many(COALESCE_MIN_ALONE - 1))]);
    expect(batches).toEqual([COALESCE_MIN_ALONE, COALESCE_MIN_ALONE - 1]);

    batches = [];
    const per = COALESCE_MIN_ALONE - 1;
    const count = Math.ceil((COALESCE_MAX_COMMENTS + 1) / per);
    const answers = await Promise.all(Array.from({ length: count }, () => coalescer.analyze(many(per))));
    expect(batches.every((size) => size <= COALESCE_MAX_COMMENTS)).toBe(true);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((total, size) => total + size, 0)).toBe(count * per);
    for (const lines of answers) expect(lines.map((line) => line.id)).toEqual(many(per).map((_, index) => index + 1));
  });

  it('retries the requests of a failed batch one by one, so only the failing one is rejected', async () => {
    let fail = true;
    const coalescer = createAnalyzeCoalescer(async (inputs) => {
      if (fail || inputs.some((input) => input.text === 'poison')) throw new Error('model exploded');
      return engine.analyzeBatch(inputs);
    });
    const both = await Promise.allSettled([coalescer.analyze([{ text: 'a' }]), coalescer.analyze([{ text: 'b' }])]);
    expect(both.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    const mixed = await Promise.allSettled([
      coalescer.analyze([{ text: 'late courier' }]),
      coalescer.analyze([{ text: 'poison' }]),
      coalescer.analyze([{ text: 'quick refund' }]),
    ]);
    expect(mixed.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const [line] = await coalescer.analyze([{ text: 'slow refund' }]);
    expect(line).toMatchObject({ id: 1 });
  });
});

describe('POST /v1/analyze coalescing', () => {
  it('answers concurrent single-comment requests each with its own result', async () => {
    const { app, close } = await buildTestApp();
    try {
      const texts = ['The courier was late', 'Refund was quick', 'App keeps crashing', 'Thanks for the help'];
      const responses = await Promise.all(
        texts.map((text) => app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: [{ text }] } })),
      );
      const engine = await testEngine();
      for (const [index, response] of responses.entries()) {
        expect(response.statusCode).toBe(200);
        const [expected] = await engine.analyzeBatch([{ text: texts[index]! }]);
        expect(response.json().results).toEqual([JSON.parse(JSON.stringify(expected))]);
      }
    } finally {
      await close();
    }
  });
});
