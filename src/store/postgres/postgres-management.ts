/**
 * The PostgreSQL implementation of ManagementStore (taxonomies, jobs, alerts, the delivery
 * outbox), with the behaviour of sqlite-management.ts. Read-modify-write methods lock their row
 * (SELECT ... FOR UPDATE) so concurrent API instances do not lose each other's updates.
 */
import type pg from 'pg';
import type {
  DueDelivery,
  ManagementStore,
} from '../management-store.js';
import {
  listLimit,
  managementRowMappers,
  TERMINAL_JOB_STATUSES,
  type AlertRow as AlertRowOf,
  type DeliveryRow,
  type JobRow as JobRowOf,
  type TaxonomyRow as TaxonomyRowOf,
} from '../management-rows.js';
import { inTransaction, type PostgresGuard } from './connection.js';

type TaxonomyRow = TaxonomyRowOf<unknown, boolean>;
type JobRow = JobRowOf<unknown>;
type AlertRow = AlertRowOf<unknown, boolean>;

// pg hands jsonb columns over parsed and booleans as booleans.
const { toTaxonomy, toJob, toAlert, toDelivery } = managementRowMappers<unknown, boolean>({
  json: (value) => value,
  flag: (value) => value,
});

/** The ManagementStore methods over a pool whose database is migrated. */
export function createPostgresManagement(pool: pg.Pool, guard: PostgresGuard): ManagementStore {
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];
  const now = (): string => new Date().toISOString();

  return {
    listTaxonomies: () => guard('listTaxonomies', async () => (await rows<TaxonomyRow>('SELECT * FROM taxonomies ORDER BY id')).map(toTaxonomy)),

    getTaxonomy: (id) =>
      guard('getTaxonomy', async () => {
        const [row] = await rows<TaxonomyRow>('SELECT * FROM taxonomies WHERE id = $1', [id]);
        return row ? toTaxonomy(row) : null;
      }),

    putTaxonomy: (id, taxonomy) =>
      guard('putTaxonomy', async () => {
        const time = now();
        const [row] = await rows<{ created: boolean }>(
          `INSERT INTO taxonomies (id, json, active, created_at, updated_at) VALUES ($1, $2, FALSE, $3, $3)
           ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at RETURNING (xmax = 0) AS created`,
          [id, JSON.stringify(taxonomy), time],
        );
        return { created: row?.created === true };
      }),

    setActiveTaxonomy: (id) =>
      guard('setActiveTaxonomy', () =>
        inTransaction(pool, async (client) => {
          const time = now();
          await client.query('UPDATE taxonomies SET active = FALSE, updated_at = $1 WHERE active', [time]);
          if (id !== null) await client.query('UPDATE taxonomies SET active = TRUE, updated_at = $1 WHERE id = $2', [time, id]);
        }),
      ),

    activeTaxonomyId: () => guard('activeTaxonomyId', async () => (await rows<{ id: string }>('SELECT id FROM taxonomies WHERE active'))[0]?.id ?? null),

    createJob: (job) =>
      guard('createJob', async () => {
        const time = now();
        const [row] = await rows<JobRow>(
          `INSERT INTO jobs (id, kind, status, progress, total, params, created_at, updated_at)
           VALUES ($1, $2, 'queued', 0, $3, $4, $5, $5) RETURNING *`,
          [job.id, job.kind, job.total ?? null, JSON.stringify(job.params), time],
        );
        return toJob(row!);
      }),

    updateJob: (id, update) =>
      guard('updateJob', () =>
        inTransaction(pool, async (client) => {
          const row = (await client.query<JobRow>('SELECT * FROM jobs WHERE id = $1 FOR UPDATE', [id])).rows[0];
          if (!row) return null;
          const time = now();
          const status = update.status ?? row.status;
          const startedAt = row.started_at ?? (status === 'running' ? time : null);
          const finishedAt = TERMINAL_JOB_STATUSES.includes(status) ? (row.finished_at ?? time) : null;
          const error = update.error === undefined ? row.error : update.error;
          const updated = await client.query<JobRow>(
            `UPDATE jobs SET status = $1, progress = $2, total = $3, error = $4, started_at = $5, finished_at = $6, updated_at = $7
             WHERE id = $8 RETURNING *`,
            [status, update.progress ?? row.progress, update.total === undefined ? row.total : update.total, error === null ? null : JSON.stringify(error), startedAt, finishedAt, time, id],
          );
          return toJob(updated.rows[0]!);
        }),
      ),

    getJob: (id) =>
      guard('getJob', async () => {
        const [row] = await rows<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
        return row ? toJob(row) : null;
      }),

    listJobs: (options = {}) =>
      guard('listJobs', async () => {
        const statuses = options.statuses ?? [];
        const where = statuses.length > 0 ? 'WHERE status = ANY($2::text[])' : '';
        const params: unknown[] = [listLimit(options.limit)];
        if (statuses.length > 0) params.push([...statuses]);
        return (await rows<JobRow>(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, id DESC LIMIT $1`, params)).map(toJob);
      }),

    createAlert: (alert) =>
      guard('createAlert', async () => {
        const [row] = await rows<AlertRow>(
          `INSERT INTO alerts (id, name, rule, webhook_url, secret, enabled, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING *`,
          [alert.id, alert.name, JSON.stringify(alert.rule), alert.webhookUrl, alert.secret, now()],
        );
        return toAlert(row!);
      }),

    getAlert: (id) =>
      guard('getAlert', async () => {
        const [row] = await rows<AlertRow>('SELECT * FROM alerts WHERE id = $1', [id]);
        return row ? toAlert(row) : null;
      }),

    listAlerts: () => guard('listAlerts', async () => (await rows<AlertRow>('SELECT * FROM alerts ORDER BY created_at, id')).map(toAlert)),

    deleteAlert: (id) => guard('deleteAlert', async () => ((await pool.query('DELETE FROM alerts WHERE id = $1', [id])).rowCount ?? 0) > 0),

    enqueueDeliveries: (deliveries) =>
      guard('enqueueDeliveries', async () => {
        if (deliveries.length === 0) return 0;
        const time = now();
        // ON CONFLICT DO NOTHING without a target skips rows clashing with any unique index,
        // including the partial (alert, feedback) and (alert, dedupe key) ones.
        const result = await pool.query(
          `INSERT INTO alert_deliveries (id, alert_id, feedback_id, dedupe_key, payload, status, attempts, next_attempt_at, created_at)
           SELECT d.id, d.alert_id, d.feedback_id, d.dedupe_key, d.payload, 'pending', 0, d.next_attempt_at, $7
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             WITH ORDINALITY AS d (id, alert_id, feedback_id, dedupe_key, payload, next_attempt_at, position)
           ORDER BY d.position ON CONFLICT DO NOTHING`,
          [
            deliveries.map((d) => d.id), deliveries.map((d) => d.alertId), deliveries.map((d) => d.feedbackId),
            deliveries.map((d) => d.dedupeKey), deliveries.map((d) => d.payload), deliveries.map((d) => d.nextAttemptAt), time,
          ],
        );
        return result.rowCount ?? 0;
      }),

    listDeliveries: (alertId, options = {}) =>
      guard('listDeliveries', async () =>
        (await rows<DeliveryRow>('SELECT * FROM alert_deliveries WHERE alert_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [alertId, listLimit(options.limit)])).map(toDelivery),
      ),

    dueDeliveries: (time, limit) =>
      guard('dueDeliveries', async () => {
        const due = await rows<DeliveryRow & { webhook_url: string; secret: string }>(
          `SELECT d.*, a.webhook_url, a.secret FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
           WHERE d.status = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT $2`,
          [time, limit],
        );
        return due.map((row): DueDelivery => ({ ...toDelivery(row), webhookUrl: row.webhook_url, secret: row.secret }));
      }),

    nextDeliveryDue: () =>
      guard('nextDeliveryDue', async () => (await rows<{ due: string | null }>("SELECT MIN(next_attempt_at) AS due FROM alert_deliveries WHERE status = 'pending'"))[0]?.due ?? null),

    recordDeliveryAttempt: (id, attempt) =>
      guard('recordDeliveryAttempt', async () => {
        await pool.query(
          `UPDATE alert_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_status_code = $4, last_error = $5, delivered_at = $6
           WHERE id = $7`,
          [attempt.status, attempt.attempts, attempt.nextAttemptAt, attempt.lastStatusCode, attempt.lastError, attempt.deliveredAt, id],
        );
      }),
  };
}
