import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateAlertsFor, storedIds } from '../../../src/server/alerts/evaluate.js';
import { openStore, type FeedbackStore } from '../../../src/store/index.js';
import { record } from '../../store/fixtures.js';
import { tempDbPath } from '../helpers.js';

let store: FeedbackStore;
let file: string;
afterEach(async () => {
  await store.close();
  rmSync(path.dirname(file), { recursive: true, force: true });
});

async function open(): Promise<FeedbackStore> {
  file = tempDbPath();
  store = await openStore(file);
  return store;
}

const OLD = { id: 'sizing', stage: 'product' as const, score: -0.3 };
const NEW = { id: 'app-crash', stage: 'product' as const, score: -0.8 };

describe('evaluateAlertsFor', () => {
  it('fires emerging-theme once per theme and window, for a theme first seen in the latest month', async () => {
    await open();
    await store.createAlert({ id: 'emerging', name: 'Emerging', rule: { kind: 'emerging-theme', interval: 'month' }, webhookUrl: 'http://127.0.0.1:9/', secret: 'x'.repeat(16) });
    const history = ['h1', 'h2', 'h3'].map((id, index) => record(id, { date: `2026-01-0${index + 1}`, themes: [OLD] }));
    const fresh = ['n1', 'n2', 'n3'].map((id, index) => record(id, { date: `2026-02-0${index + 1}`, themes: [NEW] }));
    await store.upsertFeedback([...history, ...fresh]);
    expect(await evaluateAlertsFor(store, fresh)).toBe(1);
    expect(await evaluateAlertsFor(store, fresh)).toBe(0);
    const [delivery] = await store.listDeliveries('emerging');
    expect(delivery).toMatchObject({ feedbackId: null, dedupeKey: 'emerging:app-crash:2026-02', status: 'pending' });
    expect(JSON.parse(delivery!.payload).trigger).toMatchObject({ kind: 'emerging-theme', theme: { id: 'app-crash', isNew: true }, window: { last: '2026-02' } });
  });

  it('adds nothing without alerts or without a matching record', async () => {
    await open();
    expect(await evaluateAlertsFor(store, [record('a', { churnRisk: 1 })])).toBe(0);
    await store.createAlert({ id: 'churn', name: 'Churn', rule: { kind: 'churn-risk', min: 0.7 }, webhookUrl: 'http://127.0.0.1:9/', secret: 'x'.repeat(16) });
    expect(await evaluateAlertsFor(store, [record('b', { churnRisk: 0.1 })])).toBe(0);
  });
});

describe('storedIds', () => {
  it('keeps the ids of the records that did not fail, as strings', () => {
    expect(storedIds([{ id: 'a' }, { id: 7 }, 42, { id: 'c' }], [{ index: 2 }, { index: 3 }])).toEqual(['a', '7']);
  });
});
