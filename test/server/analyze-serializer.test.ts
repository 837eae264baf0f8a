import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createEngine, type Engine } from '../../src/engine.js';
import { AnalyzeResponseSchema } from '../../src/server/schemas.js';
import { buildTestApp, type TestApp } from './helpers.js';

/**
 * POST /v1/analyze answers 200 with plain JSON.stringify instead of the zod serializer: these
 * bodies must be byte for byte what a zod encode of the response schema gives (same keys, same
 * order, nothing stripped), for every shape a result line takes.
 */
describe('POST /v1/analyze serialization', () => {
  // Emotions on and redaction on, so every optional key of a result line is present somewhere.
  let engine: Engine;
  let subject: TestApp;
  beforeAll(async () => {
    engine = await createEngine({ redact: true, themes: { useEmbeddings: false } });
    subject = await buildTestApp({}, undefined, { engine });
  });
  afterAll(async () => {
    await subject.close();
    await engine.close();
  });

  it('sends exactly the bytes the zod response schema encodes', async () => {
    const comments = [
      { id: 'a', text: 'The courier was two days late and support never called back', metadata: { segment: 'smb', nps: 3 } },
      { text: 'Love the app, thank you so much! Refund came quickly.', targets: ['app', 'refund', 'not-there'] },
      { id: 7, text: 'x'.repeat(engine.config.maxTextLength + 1) },
      { id: 'pii', text: 'Call me on 555-123-4567 or write to jane@example.com, the invoice was wrong' },
      { text: '   ' },
      { text: 'Meh.' },
    ];
    const response = await subject.app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    const body = response.json();
    expect(body.results).toHaveLength(comments.length);
    expect(body.results[2].error.code).toBe('VERBATIM_E_TEXT_TOO_LONG');
    expect(body.results[1].emotions.length).toBeGreaterThan(0);
    expect(body.results[3].redactedText).not.toContain('jane@example.com');
    expect(response.body).toBe(JSON.stringify(z.encode(AnalyzeResponseSchema, body)));
  });

  it('keeps the coded error body for a bad request', async () => {
    const response = await subject.app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: [{ txt: 'typo' }] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toMatch(/^VERBATIM_E_/);
  });
});
