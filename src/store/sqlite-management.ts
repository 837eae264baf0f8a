/**
 * The SQLite implementation of ManagementStore (taxonomies, jobs, alerts, the delivery outbox)
 * over the tables of migrations 003 and 004. sqlite-store.ts spreads these methods into the one
 * store object, sharing its connection and its error guard.
 */
import type Database from 'better-sqlite3';
import type {
  DeliveryAttempt,
  DueDelivery,
  JobUpdate,
  ManagementStore,
  NewDelivery,
} from './management-store.js';
import {
  listLimit,
  managementRowMappers,
  TERMINAL_JOB_STATUSES,
  type AlertRow as AlertRowOf,
  type DeliveryRow,
  type JobRow as JobRowOf,
  type TaxonomyRow as TaxonomyRowOf,
} from './management-rows.js';

/** Runs a store operation, turning unexpected failures into VERBATIM_E_STORE (sqlite-store.ts). */
export type StoreGuard = <T>(operation: string, work: () => T) => Promise<T>;

type TaxonomyRow = TaxonomyRowOf<string, number>;
type JobRow = JobRowOf<string>;
type AlertRow = AlertRowOf<string, number>;

// SQLite hands JSON columns over as text and flags as 0/1.
const { toTaxonomy, toJob, toAlert, toDelivery } = managementRowMappers<string, number>({
  json: (value) => JSON.parse(value),
  flag: (value) => value === 1,
});

/** The ManagementStore methods over an open, migrated connection. */
export function createSqliteManagement(db: Database.Database, guard: StoreGuard): ManagementStore {
  const statements = {
    getTaxonomy: db.prepare('SELECT * FROM taxonomies WHERE id = ?'),
    activeTaxonomyId: db.prepare('SELECT id FROM taxonomies WHERE active = 1').pluck(),
    upsertTaxonomy: db.prepare(`INSERT INTO taxonomies (id, json, active, created_at, updated_at) VALUES (?, ?, 0, ?, ?)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`),
    clearActive: db.prepare('UPDATE taxonomies SET active = 0, updated_at = ? WHERE active = 1'),
    setActive: db.prepare('UPDATE taxonomies SET active = 1, updated_at = ? WHERE id = ?'),
    getJob: db.prepare('SELECT * FROM jobs WHERE id = ?'),
    getAlert: db.prepare('SELECT * FROM alerts WHERE id = ?'),
    insertDelivery: db.prepare(`INSERT OR IGNORE INTO alert_deliveries
      (id, alert_id, feedback_id, dedupe_key, payload, status, attempts, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`),
  };

  const activate = db.transaction((id: string | null, now: string) => {
    statements.clearActive.run(now);
    if (id !== null) statements.setActive.run(now, id);
  });

  const enqueue = db.transaction((deliveries: readonly NewDelivery[], now: string): number => {
    let added = 0;
    for (const delivery of deliveries) {
      const result = statements.insertDelivery.run(
        delivery.id, delivery.alertId, delivery.feedbackId, delivery.dedupeKey, delivery.payload, delivery.nextAttemptAt, now,
      );
      added += result.changes;
    }
    return added;
  });

  return {
    listTaxonomies: () =>
      guard('listTaxonomies', () => (db.prepare('SELECT * FROM taxonomies ORDER BY id').all() as TaxonomyRow[]).map(toTaxonomy)),

    getTaxonomy: (id) =>
      guard('getTaxonomy', () => {
        const row = statements.getTaxonomy.get(id) as TaxonomyRow | undefined;
        return row ? toTaxonomy(row) : null;
      }),

    putTaxonomy: (id, taxonomy) =>
      guard('putTaxonomy', () => {
        const existed = statements.getTaxonomy.get(id) !== undefined;
        const now = new Date().toISOString();
        statements.upsertTaxonomy.run(id, JSON.stringify(taxonomy), now, now);
        return { created: !existed };
      }),

    setActiveTaxonomy: (id) => guard('setActiveTaxonomy', () => activate(id, new Date().toISOString())),

    activeTaxonomyId: () =>
      guard('activeTaxonomyId', () => (statements.activeTaxonomyId.get() as string | undefined) ?? null),

    createJob: (job) =>
      guard('createJob', () => {
        const now = new Date().toISOString();
        db.prepare(`INSERT INTO jobs (id, kind, status, progress, total, params, created_at, updated_at)
          VALUES (?, ?, 'queued', 0, ?, ?, ?, ?)`).run(job.id, job.kind, job.total ?? null, JSON.stringify(job.params), now, now);
        return toJob(statements.getJob.get(job.id) as JobRow);
      }),

    updateJob: (id, update: JobUpdate) =>
      guard('updateJob', () => {
        const row = statements.getJob.get(id) as JobRow | undefined;
        if (!row) return null;
        const now = new Date().toISOString();
        const status = update.status ?? row.status;
        const startedAt = row.started_at ?? (status === 'running' ? now : null);
        const finishedAt = TERMINAL_JOB_STATUSES.includes(status) ? (row.finished_at ?? now) : null;
        const error = update.error === undefined ? row.error : update.error === null ? null : JSON.stringify(update.error);
        db.prepare(`UPDATE jobs SET status = ?, progress = ?, total = ?, error = ?, started_at = ?, finished_at = ?, updated_at = ?
          WHERE id = ?`).run(
          status,
          update.progress ?? row.progress,
          update.total === undefined ? row.total : update.total,
          error,
          startedAt,
          finishedAt,
          now,
          id,
        );
        return toJob(statements.getJob.get(id) as JobRow);
      }),

    getJob: (id) =>
      guard('getJob', () => {
        const row = statements.getJob.get(id) as JobRow | undefined;
        return row ? toJob(row) : null;
      }),

    listJobs: (options = {}) =>
      guard('listJobs', () => {
        const statuses = options.statuses ?? [];
        const where = statuses.length > 0 ? `WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
        const rows = db
          .prepare(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
          .all(...statuses, listLimit(options.limit)) as JobRow[];
        return rows.map(toJob);
      }),

    createAlert: (alert) =>
      guard('createAlert', () => {
        const now = new Date().toISOString();
        db.prepare(`INSERT INTO alerts (id, name, rule, webhook_url, secret, enabled, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, 1, ?, ?)`).run(alert.id, alert.name, JSON.stringify(alert.rule), alert.webhookUrl, alert.secret, now, now);
        return toAlert(statements.getAlert.get(alert.id) as AlertRow);
      }),

    getAlert: (id) =>
      guard('getAlert', () => {
        const row = statements.getAlert.get(id) as AlertRow | undefined;
        return row ? toAlert(row) : null;
      }),

    listAlerts: () =>
      guard('listAlerts', () => (db.prepare('SELECT * FROM alerts ORDER BY created_at, id').all() as AlertRow[]).map(toAlert)),

    deleteAlert: (id) => guard('deleteAlert', () => db.prepare('DELETE FROM alerts WHERE id = ?').run(id).changes > 0),

    enqueueDeliveries: (deliveries) => guard('enqueueDeliveries', () => enqueue(deliveries, new Date().toISOString())),

    listDeliveries: (alertId, options = {}) =>
      guard('listDeliveries', () => {
        const rows = db
          .prepare('SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
          .all(alertId, listLimit(options.limit)) as DeliveryRow[];
        return rows.map(toDelivery);
      }),

    dueDeliveries: (now, limit) =>
      guard('dueDeliveries', () => {
        const rows = db
          .prepare(`SELECT d.*, a.webhook_url, a.secret FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`)
          .all(now, limit) as (DeliveryRow & { webhook_url: string; secret: string })[];
        return rows.map((row): DueDelivery => ({ ...toDelivery(row), webhookUrl: row.webhook_url, secret: row.secret }));
      }),

    nextDeliveryDue: () =>
      guard('nextDeliveryDue', () =>
        (db.prepare("SELECT MIN(next_attempt_at) FROM alert_deliveries WHERE status = 'pending'").pluck().get() as string | null) ?? null,
      ),

    recordDeliveryAttempt: (id, attempt: DeliveryAttempt) =>
      guard('recordDeliveryAttempt', () => {
        db.prepare(`UPDATE alert_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?,
            delivered_at = ? WHERE id = ?`).run(
          attempt.status, attempt.attempts, attempt.nextAttemptAt, attempt.lastStatusCode, attempt.lastError, attempt.deliveredAt, id,
        );
      }),
  };
}
