/**
 * The rows of the management tables (taxonomies, jobs, alerts, deliveries) and their mapping to the
 * ManagementStore types, shared by the SQLite and PostgreSQL stores. The two differ only in how a
 * JSON column and a flag arrive (text and 0/1 from SQLite, parsed jsonb and booleans from pg).
 */
import type { JobStatus, StoredAlert, StoredDelivery, StoredJob, StoredTaxonomy } from './management-store.js';

/** Most rows a job or delivery listing returns when the caller asks for none. */
export const DEFAULT_MANAGEMENT_LIST_LIMIT = 100;

/** Job statuses a job never leaves. */
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** The caller's listing limit when it is a positive integer, else the default. */
export function listLimit(limit: number | undefined): number {
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_MANAGEMENT_LIST_LIMIT;
}

/** How a driver hands over JSON columns (`Json`) and flags (`Flag`). */
export interface ColumnCodec<Json, Flag> {
  json(value: Json): unknown;
  flag(value: Flag): boolean;
}

export interface TaxonomyRow<Json, Flag> {
  id: string;
  json: Json;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface JobRow<Json> {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number | null;
  params: Json;
  error: Json | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface AlertRow<Json, Flag> {
  id: string;
  name: string;
  rule: Json;
  webhook_url: string;
  secret: string;
  enabled: Flag;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRow {
  id: string;
  alert_id: string;
  feedback_id: string | null;
  dedupe_key: string | null;
  payload: string;
  status: StoredDelivery['status'];
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Row-to-type mappers for one driver's column representation. */
export function managementRowMappers<Json, Flag>(codec: ColumnCodec<Json, Flag>) {
  return {
    toTaxonomy: (row: TaxonomyRow<Json, Flag>): StoredTaxonomy => ({
      id: row.id,
      taxonomy: codec.json(row.json) as Record<string, unknown>,
      active: codec.flag(row.active),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
    toJob: (row: JobRow<Json>): StoredJob => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      progress: row.progress,
      total: row.total,
      params: codec.json(row.params) as Record<string, unknown>,
      error: row.error === null ? null : (codec.json(row.error) as StoredJob['error']),
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      updatedAt: row.updated_at,
    }),
    toAlert: (row: AlertRow<Json, Flag>): StoredAlert => ({
      id: row.id,
      name: row.name,
      rule: codec.json(row.rule) as Record<string, unknown>,
      webhookUrl: row.webhook_url,
      secret: row.secret,
      enabled: codec.flag(row.enabled),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
    toDelivery: (row: DeliveryRow): StoredDelivery => ({
      id: row.id,
      alertId: row.alert_id,
      feedbackId: row.feedback_id,
      dedupeKey: row.dedupe_key,
      payload: row.payload,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
    }),
  };
}
