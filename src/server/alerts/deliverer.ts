/**
 * The background deliverer: sends pending outbox rows (alert_deliveries) to their webhook with a
 * signature, retries failures with exponential backoff, and records every attempt. A row stays
 * `pending` until a 2xx answer, so deliveries survive a receiver outage and a restart (start()
 * resumes whatever is pending). It POSTs only to the alert's configured URL and never follows
 * redirects (a 3xx counts as a failed attempt).
 */
import type { DueDelivery, FeedbackStore } from '../../store/index.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';

/** First retry delay; doubles each attempt (5 s, 10 s, 20 s, ...), the common webhook schedule. */
export const RETRY_BASE_DELAY_MS = 5_000;

/** Longest wait between two attempts, so a long outage is retried at least hourly. */
export const RETRY_MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * Attempts before a delivery is marked `failed`: with the delays above, 10 attempts span ~42
 * minutes. The row (and its payload) is kept either way, visible at /v1/alerts/:id/deliveries.
 */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** A receiver has this long to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** How often the deliverer looks for due rows when none is scheduled sooner. */
export const DELIVERY_POLL_INTERVAL_MS = 1_000;

/** Rows sent per pass; the rest wait for the next pass. */
export const DELIVERY_BATCH_SIZE = 20;

/** Longest error text kept per attempt (a receiver's error page can be large). */
export const MAX_ERROR_LENGTH = 500;

export interface DelivererOptions {
  /** The clock; tests pin it to step through retries without waiting. */
  now?: () => Date;
  /** The HTTP client (global fetch by default). */
  fetch?: typeof fetch;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Where attempt failures are reported (fastify's logger in the server). */
  log?: { warn(object: object, message: string): void };
}

export interface AlertDeliverer {
  /** Starts the background loop (resuming pending rows); idempotent. */
  start(): void;
  /** Stops the loop and waits for the pass in flight. */
  stop(): Promise<void>;
  /** Sends every delivery due now, once; returns how many attempts were made. */
  runDue(): Promise<number>;
}

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function retryDelayMs(attempts: number, baseDelayMs = RETRY_BASE_DELAY_MS, maxDelayMs = RETRY_MAX_DELAY_MS): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Creates a deliverer over the store's outbox.
 * @example
 * const deliverer = createAlertDeliverer(store, { log: app.log });
 * deliverer.start(); // ... await deliverer.stop() on shutdown
 */
export function createAlertDeliverer(store: FeedbackStore, options: DelivererOptions = {}): AlertDeliverer {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? fetch;
  const baseDelayMs = options.baseDelayMs ?? RETRY_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? RETRY_MAX_DELAY_MS;
  const maxAttempts = options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DELIVERY_POLL_INTERVAL_MS;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pass: Promise<unknown> = Promise.resolve();

  const attempt = async (delivery: DueDelivery): Promise<void> => {
    const attempts = delivery.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await send(delivery.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(delivery.payload, delivery.secret),
          'x-verbatim-delivery': delivery.id,
          'user-agent': 'verbatim-alerts/1',
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) error = `receiver answered ${response.status}`;
    } catch (caught) {
      error = ((caught as Error).cause as Error | undefined)?.message ?? (caught as Error).message ?? String(caught);
    }
    const at = now();
    if (error === null) {
      await store.recordDeliveryAttempt(delivery.id, {
        status: 'delivered', attempts, nextAttemptAt: null, lastStatusCode: statusCode, lastError: null, deliveredAt: at.toISOString(),
      });
      return;
    }
    const giveUp = attempts >= maxAttempts;
    options.log?.warn({ deliveryId: delivery.id, alertId: delivery.alertId, attempts, error }, 'alert delivery failed');
    await store.recordDeliveryAttempt(delivery.id, {
      status: giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: giveUp ? null : new Date(at.getTime() + retryDelayMs(attempts, baseDelayMs, maxDelayMs)).toISOString(),
      lastStatusCode: statusCode,
      lastError: error.slice(0, MAX_ERROR_LENGTH),
      deliveredAt: null,
    });
  };

  const runDue = async (): Promise<number> => {
    let made = 0;
    for (;;) {
      const due = await store.dueDeliveries(now().toISOString(), DELIVERY_BATCH_SIZE);
      if (due.length === 0) return made;
      // Sequential: one slow receiver delays the others by at most timeoutMs per row, and the
      // order of deliveries per alert is kept.
      for (const delivery of due) await attempt(delivery);
      made += due.length;
    }
  };

  const schedule = async (): Promise<void> => {
    if (!running) return;
    let wait = pollIntervalMs;
    try {
      const next = await store.nextDeliveryDue();
      if (next !== null) wait = Math.max(0, Math.min(pollIntervalMs, Date.parse(next) - now().getTime()));
    } catch {
      // The store is closing; the loop stops with it.
    }
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      pass = runDue()
        .catch((error: unknown) => options.log?.warn({ err: error }, 'alert delivery pass failed'))
        .then(schedule);
    }, wait);
    timer.unref();
  };

  return {
    start() {
      if (running) return;
      running = true;
      pass = schedule();
    },
    async stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await pass;
    },
    runDue,
  };
}
