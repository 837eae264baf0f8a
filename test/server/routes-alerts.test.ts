/**
 * Alert routes and webhook delivery against a real local receiver (node:http on 127.0.0.1):
 * signed deliveries, retry after a 500, nothing lost while the receiver is down (even across a
 * store reopen), one delivery per (alert, record). Retries are stepped with a pinned clock.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDeliverer, RETRY_BASE_DELAY_MS } from '../../src/server/alerts/deliverer.js';
import { evaluateAlertsFor } from '../../src/server/alerts/evaluate.js';
import { SIGNATURE_HEADER, verifySignature } from '../../src/server/alerts/signature.js';
import { openStore, type FeedbackStore } from '../../src/store/index.js';
import { record } from '../store/fixtures.js';
import { buildTestApp, tempDbPath, type TestApp } from './helpers.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

const SECRET = 'test-secret-0123456789';

let subject: TestApp;
const receivers: Receiver[] = [];

async function receiver(statuses?: number[], port?: number): Promise<Receiver> {
  const started = await startReceiver(statuses, port);
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  subject = await buildTestApp();
});
afterAll(async () => {
  await subject.close();
});
afterEach(async () => {
  for (const started of receivers.splice(0)) await started.close();
});

function request(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  return subject.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
}

describe('alert routes', () => {
  it('creates, lists, reads and deletes an alert; the secret is shown only at creation', async () => {
    const created = await request('POST', '/v1/alerts', {
      name: 'Churn watch',
      rule: { kind: 'churn-risk', min: 0.7 },
      webhookUrl: 'http://127.0.0.1:9/unused',
    });
    expect(created.statusCode).toBe(201);
    const alert = created.json();
    expect(alert).toMatchObject({ name: 'Churn watch', rule: { kind: 'churn-risk', min: 0.7 }, enabled: true });
    expect(alert.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await request('GET', `/v1/alerts/${alert.id}`)).json()).not.toHaveProperty('secret');
    expect((await request('GET', '/v1/alerts')).json().items.map((item: { id: string }) => item.id)).toContain(alert.id);
    expect((await request('GET', `/v1/alerts/${alert.id}/deliveries`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await request('DELETE', `/v1/alerts/${alert.id}`)).statusCode).toBe(204);
    expect((await request('GET', `/v1/alerts/${alert.id}`)).statusCode).toBe(404);
  });

  it.each([
    ['an unknown rule kind', { name: 'x', rule: { kind: 'sunspots' }, webhookUrl: 'http://127.0.0.1:9/' }, 'rule'],
    ['a stage outside the journey', { name: 'x', rule: { kind: 'detractor-in-stage', stage: 'moon' }, webhookUrl: 'http://127.0.0.1:9/' }, 'rule'],
    ['a churn threshold above 1', { name: 'x', rule: { kind: 'churn-risk', min: 7 }, webhookUrl: 'http://127.0.0.1:9/' }, 'rule'],
    ['a non-http webhook', { name: 'x', rule: { kind: 'emerging-theme' }, webhookUrl: 'ftp://127.0.0.1/' }, 'webhookUrl'],
    ['a short secret', { name: 'x', rule: { kind: 'emerging-theme' }, webhookUrl: 'http://127.0.0.1:9/', secret: 'short' }, 'secret'],
    ['an unknown field', { name: 'x', rule: { kind: 'emerging-theme' }, webhookUrl: 'http://127.0.0.1:9/', colour: 'red' }, ''],
  ])('rejects %s with 400', async (_case, body, field) => {
    const response = await request('POST', '/v1/alerts', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VERBATIM_E_VALIDATION');
    expect(response.json().error.message).toContain(field);
  });

  it.each([
    ['GET', '/v1/alerts/unknown'],
    ['DELETE', '/v1/alerts/unknown'],
    ['GET', '/v1/alerts/unknown/deliveries'],
  ] as const)('%s %s is 404 VERBATIM_E_NOT_FOUND', async (method, url) => {
    const response = await request(method, url);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('VERBATIM_E_NOT_FOUND');
  });

  it('delivers a signed webhook when ingested feedback matches, once per record', async () => {
    const hooks = await receiver([200]);
    const alert = (
      await request('POST', '/v1/alerts', {
        name: 'Support detractors',
        rule: { kind: 'detractor-in-stage', stage: 'support' },
        webhookUrl: hooks.url,
        secret: SECRET,
      })
    ).json();
    const feedback = [
      { id: 'angry', text: 'Support never answered my emails and the agent was rude.', date: '2026-03-01', score: 2, scoreType: 'nps' },
      { id: 'happy', text: 'Support was quick and kind.', date: '2026-03-01', score: 10, scoreType: 'nps' },
    ];
    expect((await request('POST', '/v1/feedback', feedback)).statusCode).toBe(200);
    await hooks.waitFor(1);
    const [received] = hooks.requests;
    expect(received!.method).toBe('POST');
    expect(verifySignature(received!.body, SECRET, received!.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(verifySignature(received!.body, 'wrong-secret-0123456', received!.headers[SIGNATURE_HEADER] as string)).toBe(false);
    const payload = JSON.parse(received!.body);
    expect(payload).toMatchObject({ event: 'alert.triggered', alert: { id: alert.id }, trigger: { kind: 'feedback', feedbackId: 'angry' }, feedback: { id: 'angry', score: 2 } });

    let deliveries = (await request('GET', `/v1/alerts/${alert.id}/deliveries`)).json().items;
    for (; deliveries[0]?.status !== 'delivered'; deliveries = (await request('GET', `/v1/alerts/${alert.id}/deliveries`)).json().items) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ feedbackId: 'angry', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null });

    // Posting the same record again updates it but does not alert twice.
    await request('POST', '/v1/feedback', feedback);
    expect((await request('GET', `/v1/alerts/${alert.id}/deliveries`)).json().items).toHaveLength(1);
  });
});

describe('alert deliverer', () => {
  const opened: FeedbackStore[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  async function storeWithAlert(webhookUrl: string, now: () => Date, file = tempDbPath()): Promise<{ store: FeedbackStore; alertId: string; file: string }> {
    const store = await openStore(file);
    opened.push(store);
    folders.push(path.dirname(file));
    await store.createAlert({ id: 'churn', name: 'Churn', rule: { kind: 'churn-risk', min: 0.7 }, webhookUrl, secret: SECRET });
    const risky = record('r1', { churnRisk: 0.9, score: 1, scoreType: 'nps' });
    await store.upsertFeedback([risky, record('r2', { churnRisk: 0.2 })]);
    expect(await evaluateAlertsFor(store, [risky, record('r2', { churnRisk: 0.2 })], { now })).toBe(1);
    return { store, alertId: 'churn', file };
  }

  function pinnedClock(start = Date.parse('2026-03-01T00:00:00Z')) {
    let time = start;
    return { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
  }

  it('retries after a 500 with backoff and delivers on the next due attempt', async () => {
    const hooks = await receiver([500, 200]);
    const clock = pinnedClock();
    const { store } = await storeWithAlert(hooks.url, clock.now);
    const deliverer = createAlertDeliverer(store, { now: clock.now });

    expect(await deliverer.runDue()).toBe(1);
    let [delivery] = await store.listDeliveries('churn');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'receiver answered 500' });
    expect(delivery!.nextAttemptAt).toBe(new Date(clock.now().getTime() + RETRY_BASE_DELAY_MS).toISOString());

    expect(await deliverer.runDue()).toBe(0); // not due yet
    clock.advance(RETRY_BASE_DELAY_MS);
    expect(await deliverer.runDue()).toBe(1);
    [delivery] = await store.listDeliveries('churn');
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(hooks.requests).toHaveLength(2);
    expect(hooks.requests[0]!.body).toBe(hooks.requests[1]!.body);
    for (const received of hooks.requests) expect(verifySignature(received.body, SECRET, received.headers[SIGNATURE_HEADER] as string)).toBe(true);
  });

  it('keeps a delivery pending while the receiver is down, across a reopen, and delivers when it is back', async () => {
    const down = await receiver([200]);
    const { url, port } = down;
    await down.close();
    receivers.splice(receivers.indexOf(down), 1);
    const clock = pinnedClock();
    const { store, file } = await storeWithAlert(url, clock.now);

    await createAlertDeliverer(store, { now: clock.now }).runDue();
    const [pending] = await store.listDeliveries('churn');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(pending!.lastError).toMatch(/ECONNREFUSED|refused|fetch failed/i);
    expect(JSON.parse(pending!.payload)).toMatchObject({ trigger: { feedbackId: 'r1' } });

    // "Restart": reopen the database; the outbox row is still there and is sent once the receiver is up.
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    const reopened = await openStore(file);
    opened.push(reopened);
    const back = await receiver([200], port);
    clock.advance(RETRY_BASE_DELAY_MS);
    expect(await createAlertDeliverer(reopened, { now: clock.now }).runDue()).toBe(1);
    expect(back.requests).toHaveLength(1);
    expect((await reopened.listDeliveries('churn'))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('marks a delivery failed after the last attempt but keeps it and its payload', async () => {
    const hooks = await receiver([503]);
    const clock = pinnedClock();
    const { store } = await storeWithAlert(hooks.url, clock.now);
    const deliverer = createAlertDeliverer(store, { now: clock.now, maxAttempts: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await deliverer.runDue();
      clock.advance(60 * 60 * 1000);
    }
    expect(await deliverer.runDue()).toBe(0);
    const [failed] = await store.listDeliveries('churn');
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503, nextAttemptAt: null });
    expect(failed!.payload.length).toBeGreaterThan(0);
    expect(hooks.requests).toHaveLength(3);
  });

  it('does not follow redirects: only the configured URL is POSTed to', async () => {
    const hooks = await receiver([302]);
    const { store } = await storeWithAlert(hooks.url, () => new Date());
    await createAlertDeliverer(store).runDue();
    expect((await store.listDeliveries('churn'))[0]).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(hooks.requests).toHaveLength(1);
  });
});
