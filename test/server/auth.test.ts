import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyChecker } from '../../src/server/auth.js';
import { buildTestApp, type TestApp } from './helpers.js';

const BODY = { comments: [{ text: 'fine' }] };

describe('createKeyChecker', () => {
  it.each([
    ['k1', true],
    ['k2', true],
    ['k3', false],
    ['', false],
    [null, false],
  ])('checks %j', (candidate, expected) => {
    expect(createKeyChecker(['k1', 'k2'])(candidate)).toBe(expected);
  });
});

describe('API keys', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await buildTestApp({ VERBATIM_API_KEYS: 'alpha,beta' });
  });
  afterAll(async () => {
    await subject.close();
  });

  it.each([
    ['no key', {}, 401],
    ['an unknown bearer key', { authorization: 'Bearer gamma' }, 401],
    ['a malformed authorization header', { authorization: 'Basic YWxwaGE=' }, 401],
    ['a known bearer key', { authorization: 'Bearer alpha' }, 200],
    ['a known x-api-key', { 'x-api-key': 'beta' }, 200],
  ])('answers POST /v1/analyze with %s: %i', async (_name, headers, status) => {
    const response = await subject.app.inject({ method: 'POST', url: '/v1/analyze', payload: BODY, headers });
    expect(response.statusCode).toBe(status);
    if (status === 401) expect(response.json().error.code).toBe('VERBATIM_E_UNAUTHORIZED');
  });

  it('guards GET routes and unknown /v1 routes alike', async () => {
    expect((await subject.app.inject({ method: 'GET', url: '/v1/feedback' })).statusCode).toBe(401);
    expect((await subject.app.inject({ method: 'GET', url: '/v1/feedback', headers: { 'x-api-key': 'alpha' } })).statusCode).toBe(200);
  });

  it.each(['/healthz', '/readyz', '/metrics', '/docs/json'])('leaves %s open', async (url) => {
    expect((await subject.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('documents both key schemes in the OpenAPI document', async () => {
    const document = (await subject.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer', 'apiKey']);
  });
});

describe('rate limit', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await buildTestApp({ VERBATIM_API_KEYS: 'alpha,beta', VERBATIM_RATE_LIMIT: '2' });
  });
  afterAll(async () => {
    await subject.close();
  });

  const get = (key: string) => subject.app.inject({ method: 'GET', url: '/v1/feedback', headers: { 'x-api-key': key } });

  it('answers 429 VERBATIM_E_RATE_LIMITED with Retry-After once a key exceeds its budget, per key', async () => {
    expect((await get('alpha')).statusCode).toBe(200);
    expect((await get('alpha')).statusCode).toBe(200);
    const limited = await get('alpha');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('VERBATIM_E_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await get('beta')).statusCode).toBe(200);
    // Health routes are never limited.
    expect((await subject.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
