/**
 * Prometheus metrics for /metrics (prom-client), one registry per app so tests that build many
 * apps never share counters. Route plugins may increment `commentsAnalyzed` / `feedbackStored`.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Latency buckets in seconds: single comments answer in milliseconds, 1,000-comment batches in
 * about a second on a laptop core; the top bucket catches stalls.
 */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Telemetry {
  registry: Registry;
  /** HTTP requests by method, route pattern and status. */
  requests: Counter<'method' | 'route' | 'status'>;
  /** Request duration in seconds by method and route pattern. */
  latency: Histogram<'method' | 'route'>;
  /** Comments run through the engine (analyze, ingest, demo load). */
  commentsAnalyzed: Counter;
  /** Feedback records written to the store. */
  feedbackStored: Counter;
}

/** Creates the metrics of one app; `processMetrics` adds Node's default metrics (heap, event loop). */
export function createTelemetry(options: { processMetrics?: boolean } = {}): Telemetry {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'verbatim_' });
  return {
    registry,
    requests: new Counter({
      name: 'verbatim_http_requests_total',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'verbatim_http_request_duration_seconds',
      help: 'HTTP request duration in seconds by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    }),
    commentsAnalyzed: new Counter({
      name: 'verbatim_comments_analyzed_total',
      help: 'Comments analyzed by the engine',
      registers: [registry],
    }),
    feedbackStored: new Counter({
      name: 'verbatim_feedback_stored_total',
      help: 'Feedback records written to the store (inserted or updated)',
      registers: [registry],
    }),
  };
}
