/**
 * Open-loop load at a fixed arrival rate, for latency "at N req/s": loadtest (npm) sends one request
 * every 1000/N ms on a high-resolution timer whether or not earlier ones have answered, opening
 * connections as needed, and times each from its send.
 *
 * Why not autocannon for this: its rate option is a per-second budget per connection
 * (autocannon/lib/httpClient.js resets `reqsMadeThisSecond` once a second). Each connection sends
 * back to back until its share is spent, so "500 req/s on 32 connections" is a burst at full speed
 * with 32 requests queued at the server at the start of every second, then silence. Its p99 is
 * the queueing of that burst, not the latency of a server receiving 500 requests a second.
 */
import { loadTest } from 'loadtest';

export interface PacedLoadOptions {
  url: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  method: 'GET' | 'POST';
  /** Request bodies (JSON), taken in turn; none for a GET. */
  bodies?: readonly string[];
}

export interface PacedLoadResult {
  requests: number;
  errors: number;
  /** Status codes (or -1 for a connection error) of the failed requests. */
  errorCodes: Record<string, number>;
  requestsPerSecond: number;
  seconds: number;
  /** Whole milliseconds: loadtest keeps a histogram in 1 ms buckets. */
  latencyMs: { p50: number; p90: number; p95: number; p99: number; max: number; mean: number };
}

/** What loadtest 8 resolves with (its bundled index.d.ts still describes the callback API of v5). */
interface LoadTestOutcome {
  totalRequests: number;
  totalErrors: number;
  totalTimeSeconds: number;
  effectiveRps: number;
  percentiles: Record<string, number>;
  meanLatencyMs: number;
  maxLatencyMs: number;
  errorCodes: Record<string, number>;
}

/**
 * Runs one paced load and resolves with its counts and latency percentiles.
 * @example await pacedLoad({ url: 'http://127.0.0.1:3000/healthz', rate: 500, seconds: 20, method: 'GET' })
 */
export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const bodies = options.bodies ?? [];
  let next = 0;
  const run = loadTest as unknown as (settings: Record<string, unknown>) => Promise<LoadTestOutcome>;
  const outcome = await run({
    url: options.url,
    method: options.method,
    requestsPerSecond: options.rate,
    maxSeconds: options.seconds,
    agentKeepAlive: true,
    quiet: true,
    ...(bodies.length > 0 ? { contentType: 'application/json', body: () => bodies[next++ % bodies.length] } : {}),
  });
  const percentile = (key: string) => Number(outcome.percentiles[key] ?? NaN);
  return {
    requests: outcome.totalRequests,
    errors: outcome.totalErrors,
    errorCodes: outcome.errorCodes ?? {},
    requestsPerSecond: outcome.effectiveRps,
    seconds: outcome.totalTimeSeconds,
    latencyMs: {
      p50: percentile('50'),
      p90: percentile('90'),
      p95: percentile('95'),
      p99: percentile('99'),
      max: outcome.maxLatencyMs,
      mean: outcome.meanLatencyMs,
    },
  };
}
