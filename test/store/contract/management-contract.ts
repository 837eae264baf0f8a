/** The ManagementStore methods every implementation must honour: taxonomies, jobs, alerts, the outbox. */
import { describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/store/index.js';
import { record } from '../fixtures.js';
import type { StoreFactory } from './store-contract.js';

const delivery = (id: string, fields: Partial<NewDelivery> = {}): NewDelivery => ({
  id,
  alertId: 'churn',
  feedbackId: null,
  dedupeKey: `key:${id}`,
  payload: `{"id":"${id}"}`,
  nextAttemptAt: '2026-03-01T00:00:00.000Z',
  ...fields,
});

/** Registers the management-method tests for one store implementation. */
export function describeManagementContract(factory: StoreFactory): void {
  describe('taxonomies', () => {
    it('puts, replaces, lists and activates taxonomy documents', async () => {
      const store = await factory.fresh();
      expect(await store.putTaxonomy('retail', { themes: [{ id: 'a' }] })).toEqual({ created: true });
      expect(await store.putTaxonomy('retail', { themes: [{ id: 'b' }] })).toEqual({ created: false });
      await store.putTaxonomy('banking', { themes: [] });
      expect((await store.listTaxonomies()).map((taxonomy) => taxonomy.id)).toEqual(['banking', 'retail']);
      expect(await store.getTaxonomy('retail')).toMatchObject({ id: 'retail', taxonomy: { themes: [{ id: 'b' }] }, active: false });
      expect(await store.activeTaxonomyId()).toBeNull();
      await store.setActiveTaxonomy('retail');
      await store.setActiveTaxonomy('banking');
      expect(await store.activeTaxonomyId()).toBe('banking');
      expect((await store.getTaxonomy('retail'))?.active).toBe(false);
      await store.setActiveTaxonomy(null);
      expect(await store.activeTaxonomyId()).toBeNull();
      expect(await store.getTaxonomy('missing')).toBeNull();
    });
  });

  describe('jobs', () => {
    it('creates, updates, finishes and lists jobs', async () => {
      const store = await factory.fresh();
      const created = await store.createJob({ id: 'j1', kind: 'retag', params: { taxonomy: 'retail' } });
      expect(created).toMatchObject({ id: 'j1', kind: 'retag', status: 'queued', progress: 0, total: null, params: { taxonomy: 'retail' }, error: null, startedAt: null });
      const running = await store.updateJob('j1', { status: 'running', total: 10, progress: 3 });
      expect(running).toMatchObject({ status: 'running', progress: 3, total: 10, finishedAt: null });
      expect(running?.startedAt).toEqual(expect.any(String));
      const failed = await store.updateJob('j1', { status: 'failed', error: { code: 'VERBATIM_E_X', message: 'boom' } });
      expect(failed).toMatchObject({ status: 'failed', progress: 3, total: 10, error: { code: 'VERBATIM_E_X', message: 'boom' } });
      expect(failed?.finishedAt).toEqual(expect.any(String));
      expect(await store.updateJob('missing', { progress: 1 })).toBeNull();
      await store.createJob({ id: 'j2', kind: 'retag', params: {}, total: 5 });
      expect((await store.listJobs({ statuses: ['queued'] })).map((job) => job.id)).toEqual(['j2']);
      expect((await store.listJobs()).map((job) => job.id).sort()).toEqual(['j1', 'j2']);
      expect(await store.listJobs({ limit: 1 })).toHaveLength(1);
      expect((await store.getJob('j2'))?.total).toBe(5);
    });
  });

  describe('alerts and the delivery outbox', () => {
    it('stores alerts and deletes them with their deliveries', async () => {
      const store = await factory.fresh();
      const alert = await store.createAlert({ id: 'churn', name: 'Churn', rule: { kind: 'churn-risk', min: 0.7 }, webhookUrl: 'http://127.0.0.1:9/hook', secret: 's3cret' });
      expect(alert).toMatchObject({ id: 'churn', enabled: true, rule: { kind: 'churn-risk', min: 0.7 }, secret: 's3cret' });
      expect((await store.listAlerts()).map((item) => item.id)).toEqual(['churn']);
      await store.enqueueDeliveries([delivery('d1')]);
      expect(await store.deleteAlert('churn')).toBe(true);
      expect(await store.deleteAlert('churn')).toBe(false);
      expect(await store.listDeliveries('churn')).toEqual([]);
      expect(await store.getAlert('churn')).toBeNull();
    });

    it('enqueues each (alert, record) and (alert, dedupe key) once, and hands out due deliveries', async () => {
      const store = await factory.fresh();
      await store.upsertFeedback([record('r1')]);
      await store.createAlert({ id: 'churn', name: 'Churn', rule: {}, webhookUrl: 'http://127.0.0.1:9/hook', secret: 'k' });
      expect(await store.enqueueDeliveries([delivery('d1', { feedbackId: 'r1' }), delivery('d2', { feedbackId: 'r1', dedupeKey: 'other' })])).toBe(1);
      expect(await store.enqueueDeliveries([delivery('d3', { dedupeKey: 'key:d1' }), delivery('d4', { nextAttemptAt: '2026-03-02T00:00:00.000Z' })])).toBe(1);
      expect(await store.enqueueDeliveries([])).toBe(0);
      expect(await store.nextDeliveryDue()).toBe('2026-03-01T00:00:00.000Z');
      const due = await store.dueDeliveries('2026-03-01T12:00:00.000Z', 10);
      expect(due.map((item) => [item.id, item.webhookUrl, item.secret, item.status])).toEqual([['d1', 'http://127.0.0.1:9/hook', 'k', 'pending']]);
      await store.recordDeliveryAttempt('d1', { status: 'delivered', attempts: 1, nextAttemptAt: null, lastStatusCode: 204, lastError: null, deliveredAt: '2026-03-01T12:00:01.000Z' });
      expect(await store.nextDeliveryDue()).toBe('2026-03-02T00:00:00.000Z');
      const listed = await store.listDeliveries('churn');
      expect(listed.map((item) => item.id).sort()).toEqual(['d1', 'd4']);
      expect(listed.find((item) => item.id === 'd1')).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, feedbackId: 'r1', dedupeKey: 'key:d1', payload: '{"id":"d1"}' });
    });
  });
}
