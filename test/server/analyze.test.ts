import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultLineSchema, isErrorResult } from '../../src/contract.js';
import { buildTestApp, type TestApp } from './helpers.js';

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
});
afterAll(async () => {
  await subject.close();
});

function analyze(payload: unknown, headers: Record<string, string> = {}) {
  return subject.app.inject({ method: 'POST', url: '/v1/analyze', payload: payload as object, headers });
}

describe('POST /v1/analyze', () => {
  it('returns one contract result per comment, in request order, with ids echoed or positional', async () => {
    const response = await analyze({
      comments: [
        { id: 'a', text: 'The courier was two days late and support never called back.' },
        { text: 'Lovely fabric, fits perfectly.' },
        { id: 7, text: 'The app keeps crashing', targets: ['app'] },
      ],
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json() as { results: unknown[] };
    expect(results).toHaveLength(3);
    const lines = results.map((line) => ResultLineSchema.parse(line));
    expect(lines.map((line) => line.id)).toEqual(['a', 2, 7]);
    expect(lines.some(isErrorResult)).toBe(false);
    const first = lines[0]!;
    if (isErrorResult(first)) throw new Error('unexpected error line');
    expect(first.sentiment.label).toBe('negative');
    expect(first.themes.length).toBeGreaterThan(0);
    const third = lines[2]!;
    if (isErrorResult(third)) throw new Error('unexpected error line');
    expect(third.targets[0]).toMatchObject({ text: 'app', found: true });
  });

  it('keeps a too-long comment in its slot as an error line and answers 200', async () => {
    const tooLong = 'a'.repeat(subject.app.engine.config.maxTextLength + 1);
    const response = await analyze({ comments: [{ id: 'ok', text: 'fine' }, { id: 'long', text: tooLong }, { id: 'z', text: 'great' }] });
    expect(response.statusCode).toBe(200);
    const { results } = response.json() as { results: { id: unknown; error?: { code: string } }[] };
    expect(results.map((line) => line.id)).toEqual(['ok', 'long', 'z']);
    expect(results[1]!.error?.code).toBe('VERBATIM_E_TEXT_TOO_LONG');
    expect(results[0]!.error).toBeUndefined();
  });

  it("accepts the taxonomy 'default' and answers 404 for an unknown taxonomy", async () => {
    expect((await analyze({ comments: [{ text: 'ok' }], taxonomy: 'default' })).statusCode).toBe(200);
    const response = await analyze({ comments: [{ text: 'ok' }], taxonomy: 'retail-2027' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'VERBATIM_E_NOT_FOUND', message: 'Taxonomy not found: retail-2027' },
    });
  });

  it.each([
    ['comments is not an array', { comments: 'hello' }, 'comments'],
    ['no comments', { comments: [] }, 'comments'],
    ['missing comments', {}, 'comments'],
    ['a comment without text', { comments: [{ id: 1 }] }, 'comments[0].text'],
    ['text is a number', { comments: [{ text: 5 }] }, 'comments[0].text'],
    ['unknown top-level field', { comments: [{ text: 'ok' }], lang: 'en' }, '(root)'],
    ['unknown comment field', { comments: [{ text: 'ok', score: 3 }] }, 'comments[0]'],
    ['a body that is an array', [{ text: 'ok' }], '(root)'],
  ])('answers 400 VERBATIM_E_VALIDATION when %s', async (_name, payload, path) => {
    const response = await analyze(payload);
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VERBATIM_E_VALIDATION');
    expect(body.error.message).toContain(`at ${path}:`);
  });

  it('answers 400 for more than 1000 comments and names the limit', async () => {
    const comments = Array.from({ length: 1001 }, (_, index) => ({ text: `comment ${index}` }));
    const response = await analyze({ comments });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/comments: .*1000/);
  });
});
