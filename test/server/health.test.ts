import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers.js';

let subject: TestApp;

beforeAll(async () => {
  subject = await buildTestApp();
});
afterAll(async () => {
  await subject.close();
});

describe('health routes', () => {
  it('answers /healthz', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the engine components and the stored count', async () => {
    const response = await subject.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', components: expect.arrayContaining(['text', 'themes']), feedback: 0 });
  });

  it('answers /readyz with 503 while not ready (demo loading)', async () => {
    subject.app.readiness.ready = false;
    subject.app.readiness.reason = 'loading the demo data';
    try {
      const response = await subject.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: { code: 'VERBATIM_E_NOT_READY', message: 'Service not ready: loading the demo data' } });
    } finally {
      subject.app.readiness.ready = true;
      subject.app.readiness.reason = null;
    }
  });

  it('answers /readyz with 503 when the store fails', async () => {
    const original = subject.app.store.countFeedback;
    subject.app.store.countFeedback = async () => {
      throw new Error('disk gone');
    };
    try {
      const response = await subject.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.body).not.toContain('disk gone');
    } finally {
      subject.app.store.countFeedback = original;
    }
  });

  it('exposes request counts, latency and analysis counters in Prometheus text format', async () => {
    await subject.app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] } });
    await subject.app.inject({ method: 'POST', url: '/v1/feedback', payload: [{ id: 'm1', text: 'late', date: '2026-01-01' }] });
    await subject.app.inject({ method: 'GET', url: '/v1/feedback/missing' });
    const response = await subject.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = response.body.split('\n');
    expect(lines).toContain('# TYPE verbatim_http_requests_total counter');
    expect(lines).toContain('verbatim_http_requests_total{method="POST",route="/v1/analyze",status="200"} 1');
    expect(lines).toContain('verbatim_http_requests_total{method="GET",route="/v1/feedback/:id",status="404"} 1');
    expect(lines).toContain('# TYPE verbatim_http_request_duration_seconds histogram');
    expect(lines.some((line) => line.startsWith('verbatim_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/analyze"} 1'))).toBe(true);
    expect(lines).toContain('verbatim_comments_analyzed_total 4');
    expect(lines).toContain('verbatim_feedback_stored_total 1');
  });

  it('serves the OpenAPI document with every route and the docs UI', async () => {
    const document = (await subject.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/v1/analyze', '/v1/feedback', '/v1/feedback/{id}']),
    );
    expect(document.paths['/v1/analyze'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('comments');
    const ui = await subject.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
