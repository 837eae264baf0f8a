import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssuePath } from '../../src/server/errors.js';
import { buildTestApp, type TestApp } from './helpers.js';

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp({ VERBATIM_BODY_LIMIT: '2048' });
});
afterAll(async () => {
  await subject.close();
});

describe('formatIssuePath', () => {
  it.each([
    [[], '(root)'],
    [['comments'], 'comments'],
    [['comments', 3, 'text'], 'comments[3].text'],
    [[0, 'date'], '[0].date'],
  ])('renders %j as %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });
});

describe('error responses', () => {
  it('answers an unknown route with 404 VERBATIM_E_NOT_FOUND naming it', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'VERBATIM_E_NOT_FOUND', message: 'Route not found: GET /v1/nothing-here' } });
  });

  it('answers a body over VERBATIM_BODY_LIMIT with 413 VERBATIM_E_BODY_TOO_LARGE', async () => {
    const response = await subject.app.inject({
      method: 'POST',
      url: '/v1/analyze',
      payload: { comments: [{ text: 'x'.repeat(4096) }] },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('VERBATIM_E_BODY_TOO_LARGE');
    expect(response.json().error.message).toContain('2048 bytes');
  });

  it('answers malformed JSON with 400 VERBATIM_E_VALIDATION', async () => {
    const response = await subject.app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: { 'content-type': 'application/json' },
      payload: '{"comments": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_VALIDATION');
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await subject.app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: { 'content-type': 'application/xml' },
      payload: '<comments/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('VERBATIM_E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unexpected failure with 500 VERBATIM_E_INTERNAL and no detail', async () => {
    const original = subject.app.store.getFeedback;
    subject.app.store.getFeedback = async () => {
      throw new Error('SQLITE_CORRUPT: secret table layout');
    };
    try {
      const response = await subject.app.inject({ method: 'GET', url: '/v1/feedback/abc' });
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('VERBATIM_E_INTERNAL');
      expect(response.body).not.toContain('SQLITE');
    } finally {
      subject.app.store.getFeedback = original;
    }
  });

  it('echoes a sane x-request-id and replaces an odd one', async () => {
    const kept = await subject.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await subject.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
