/**
 * Rule evaluation at ingest: which alerts newly stored feedback fires, written to the delivery
 * outbox (alert_deliveries) before anything is sent, so a receiver that is down, or a restart,
 * loses nothing. The deliverer (deliverer.ts) sends what is pending.
 */
import { randomUUID } from 'node:crypto';
import type { EmergingTheme } from '../../metrics/trends.js';
import type { Interval } from '../../metrics/periods.js';
import type { FeedbackStore, NewDelivery, StoredAlert } from '../../store/index.js';
import { trendReport } from '../../store/analytics-reports.js';
import { matchesRecord, parseStoredRule, type AlertRule, type AlertSubject } from './rules.js';

/** The body a webhook receives (also stored as the outbox row's payload). */
export interface AlertPayload {
  event: 'alert.triggered';
  alert: { id: string; name: string; rule: AlertRule };
  /** What fired: one record, or a theme flagged emerging in a window. */
  trigger:
    | { kind: 'feedback'; feedbackId: string }
    | { kind: 'emerging-theme'; theme: EmergingTheme; window: { first: string; last: string } };
  /** The record that fired (for emerging themes: the first new record mentioning the theme). */
  feedback: ReturnType<typeof feedbackSummary> | null;
  createdAt: string;
}

export interface EvaluateOptions {
  /** The clock (tests pin it). */
  now?: () => Date;
}

/** The part of a record a receiver needs to act on it (no evidence spans, no metadata). */
function feedbackSummary(subject: AlertSubject) {
  const { result } = subject;
  return {
    id: subject.id,
    text: subject.text,
    date: subject.date,
    score: subject.score ?? null,
    scoreType: subject.scoreType ?? null,
    segment: subject.segment ?? null,
    channel: subject.channel ?? null,
    accountId: subject.accountId ?? null,
    revenue: subject.revenue ?? null,
    sentiment: result.sentiment,
    themes: result.themes.map((theme) => ({ id: theme.id, label: theme.label, stage: theme.stage, sentiment: theme.sentiment })),
    signals: result.signals,
  };
}

function delivery(alert: StoredAlert, rule: AlertRule, trigger: AlertPayload['trigger'], subject: AlertSubject | null, dedupeKey: string, now: Date): NewDelivery {
  const payload: AlertPayload = {
    event: 'alert.triggered',
    alert: { id: alert.id, name: alert.name, rule },
    trigger,
    feedback: subject ? feedbackSummary(subject) : null,
    createdAt: now.toISOString(),
  };
  return {
    id: randomUUID(),
    alertId: alert.id,
    feedbackId: subject && trigger.kind === 'feedback' ? subject.id : null,
    dedupeKey,
    payload: JSON.stringify(payload),
    nextAttemptAt: now.toISOString(),
  };
}

/**
 * Themes flagged emerging or new in the latest window, over all stored feedback: per-day and
 * per-window theme counts aggregated in SQL (trendReport), so an ingest never loads every record.
 */
async function flaggedThemes(store: FeedbackStore, interval: Interval): Promise<{ themes: EmergingTheme[]; window: { first: string; last: string } } | null> {
  // The metric only shapes the score series, which emerging detection does not read.
  const { emerging: report } = await trendReport(store, {}, { metric: 'nps', interval });
  if (report.window === null) return null;
  return { themes: report.themes.filter((theme) => theme.emerging || theme.isNew), window: report.window };
}

/**
 * Evaluates every enabled alert against newly ingested or updated records and persists one
 * pending delivery per firing (alert, record), or per (alert, emerging theme, window). Returns how
 * many deliveries were added; rows that already existed (a record posted again) are not added
 * twice. Call it after the records are stored.
 * @example
 * await store.upsertFeedback(records);
 * await evaluateAlertsFor(store, records); // 2
 */
export async function evaluateAlertsFor(store: FeedbackStore, records: readonly AlertSubject[], options: EvaluateOptions = {}): Promise<number> {
  if (records.length === 0) return 0;
  const alerts = (await store.listAlerts()).filter((alert) => alert.enabled);
  if (alerts.length === 0) return 0;
  const now = (options.now ?? (() => new Date()))();
  const deliveries: NewDelivery[] = [];
  const flaggedByInterval = new Map<Interval, Awaited<ReturnType<typeof flaggedThemes>>>();
  for (const alert of alerts) {
    const rule = parseStoredRule(alert.rule);
    if (rule === null) continue;
    if (rule.kind !== 'emerging-theme') {
      for (const record of records) {
        if (matchesRecord(rule, record)) {
          deliveries.push(delivery(alert, rule, { kind: 'feedback', feedbackId: record.id }, record, `feedback:${record.id}`, now));
        }
      }
      continue;
    }
    const interval = rule.interval ?? 'week';
    if (!flaggedByInterval.has(interval)) flaggedByInterval.set(interval, await flaggedThemes(store, interval));
    const flagged = flaggedByInterval.get(interval);
    if (!flagged) continue;
    for (const theme of flagged.themes) {
      // Only themes the new feedback mentions: an alert answers "what just arrived", once per window.
      const subject = records.find((record) => record.result.themes.some((mention) => mention.id === theme.id));
      if (subject === undefined) continue;
      const trigger = { kind: 'emerging-theme' as const, theme, window: flagged.window };
      deliveries.push(delivery(alert, rule, trigger, subject, `emerging:${theme.id}:${flagged.window.last}`, now));
    }
  }
  return deliveries.length === 0 ? 0 : store.enqueueDeliveries(deliveries);
}

/**
 * evaluateAlertsFor by record ids, reading the stored records: for callers (the ingest route)
 * that know which ids they stored but no longer hold the records.
 */
export async function evaluateAlertsForIds(store: FeedbackStore, ids: readonly string[], options: EvaluateOptions = {}): Promise<number> {
  const records: AlertSubject[] = [];
  for (const id of new Set(ids)) {
    const item = await store.getFeedback(id);
    if (item) records.push(item);
  }
  return evaluateAlertsFor(store, records, options);
}

/**
 * The ids an ingest request stored: every record but the failed ones (their positions), as the
 * ingest summary reports them. Lets the feedback route evaluate alerts without re-parsing.
 * @example storedIds([{ id: 'a' }, { id: 7 }, 42], [{ index: 2 }]) // ['a', '7']
 */
export function storedIds(records: readonly unknown[], failed: readonly { index: number }[]): string[] {
  const failedIndexes = new Set(failed.map((failure) => failure.index));
  const ids: string[] = [];
  records.forEach((record, index) => {
    if (failedIndexes.has(index) || typeof record !== 'object' || record === null) return;
    const id = (record as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') ids.push(String(id));
  });
  return ids;
}
