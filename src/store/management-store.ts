/**
 * The store's management half: stored taxonomies, background jobs, alert rules and the alert
 * delivery outbox. Separate from the feedback methods (store.ts) so each file keeps one job;
 * FeedbackStore extends this interface, so callers still hold one store.
 */

/** A stored taxonomy document and whether it is the active one. */
export interface StoredTaxonomy {
  id: string;
  /** The validated taxonomy document as it was PUT. */
  taxonomy: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A background job (e.g. re-tagging stored feedback) and its progress. */
export interface StoredJob {
  id: string;
  kind: string;
  status: JobStatus;
  /** Items done so far. */
  progress: number;
  /** Items to do; null until known. */
  total: number | null;
  params: Record<string, unknown>;
  /** Set when the job failed (or was cancelled / interrupted). */
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

/** The fields a job update may change; absent fields stay as they are. */
export interface JobUpdate {
  status?: JobStatus;
  progress?: number;
  total?: number | null;
  error?: { code: string; message: string } | null;
}

/** An alert rule with the webhook its deliveries go to. */
export interface StoredAlert {
  id: string;
  name: string;
  /** The rule as JSON (validated by the alerts module, opaque to the store). */
  rule: Record<string, unknown>;
  webhookUrl: string;
  /** HMAC key of the delivery signatures; never returned by the API. */
  secret: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One webhook delivery in the outbox: persisted before any HTTP attempt. */
export interface StoredDelivery {
  id: string;
  alertId: string;
  /** The record that triggered it, when one did. */
  feedbackId: string | null;
  /** What makes it unique for its alert (e.g. `feedback:<id>`, `emerging:<theme>:<period>`). */
  dedupeKey: string | null;
  /** The exact JSON body sent (and signed). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A new outbox row. */
export interface NewDelivery {
  id: string;
  alertId: string;
  feedbackId: string | null;
  dedupeKey: string;
  payload: string;
  /** When the first attempt is due (normally now). */
  nextAttemptAt: string;
}

/** A due delivery with what the deliverer needs to send it. */
export interface DueDelivery extends StoredDelivery {
  webhookUrl: string;
  secret: string;
}

/** The outcome of one attempt, written back to the outbox row. */
export interface DeliveryAttempt {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** Taxonomies, jobs, alerts and deliveries. Methods throw VerbatimError only (VERBATIM_E_STORE). */
export interface ManagementStore {
  /** Stored taxonomies, by id (the built-in 'default' is not stored). */
  listTaxonomies(): Promise<StoredTaxonomy[]>;
  getTaxonomy(id: string): Promise<StoredTaxonomy | null>;
  /** Inserts or replaces a taxonomy document; keeps its active flag. Returns whether it was new. */
  putTaxonomy(id: string, taxonomy: Record<string, unknown>): Promise<{ created: boolean }>;
  /** Makes `id` the active taxonomy (null: none stored is active, the built-in one is used). */
  setActiveTaxonomy(id: string | null): Promise<void>;
  /** The active stored taxonomy's id, or null when the built-in one is active. */
  activeTaxonomyId(): Promise<string | null>;

  createJob(job: { id: string; kind: string; params: Record<string, unknown>; total?: number | null }): Promise<StoredJob>;
  updateJob(id: string, update: JobUpdate): Promise<StoredJob | null>;
  getJob(id: string): Promise<StoredJob | null>;
  /** Jobs, newest first, optionally only those in the given statuses. */
  listJobs(options?: { statuses?: readonly JobStatus[]; limit?: number }): Promise<StoredJob[]>;

  createAlert(alert: Omit<StoredAlert, 'createdAt' | 'updatedAt' | 'enabled'>): Promise<StoredAlert>;
  getAlert(id: string): Promise<StoredAlert | null>;
  /** Enabled and disabled alerts, oldest first. */
  listAlerts(): Promise<StoredAlert[]>;
  /** Deletes an alert and its deliveries; false when there was none. */
  deleteAlert(id: string): Promise<boolean>;

  /**
   * Adds outbox rows in one transaction; a row whose (alertId, dedupeKey) or (alertId,
   * feedbackId) already exists is skipped, so re-ingesting a record never alerts twice.
   * Returns the rows actually added.
   */
  enqueueDeliveries(deliveries: readonly NewDelivery[]): Promise<number>;
  /** An alert's deliveries, newest first. */
  listDeliveries(alertId: string, options?: { limit?: number }): Promise<StoredDelivery[]>;
  /** Pending deliveries due at `now` (ISO), oldest due first. */
  dueDeliveries(now: string, limit: number): Promise<DueDelivery[]>;
  /** When the next pending delivery is due (ISO), or null when none is pending. */
  nextDeliveryDue(): Promise<string | null>;
  recordDeliveryAttempt(id: string, attempt: DeliveryAttempt): Promise<void>;
}
