/**
 * The only place that opens a port. Opens the store, builds the engine, listens, loads the demo
 * data into an empty store (readiness reports 503 meanwhile), and shuts down gracefully on
 * SIGTERM/SIGINT: in-flight requests finish, then the store and engine close.
 *
 * Run: `npm start` (= `node dist/server/server.js`) or `verbatim serve`.
 */
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ConfigInput } from '../config.js';
import { createEngine, type Engine } from '../engine.js';
import { VerbatimError } from '../errors.js';
import { openStore, redactUrl, type FeedbackStore } from '../store/index.js';
import { buildApp } from './app.js';
import { createAnalyzePool, type AnalyzePool } from './analyze-pool.js';
import { loadServerConfig, type ServerConfig } from './config.js';
import { loadDemoData } from './demo-loader.js';
import { readWarmUpTexts, warmUpEngine, type WarmUpSummary } from './warm-up.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The address the server listens on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Resolves when the demo load (if any) has finished. */
  demoLoaded: Promise<void>;
  /** Stops accepting connections, finishes in-flight requests, closes store and engine. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Engine configuration (defaults when absent). */
  engine?: ConfigInput;
  /** Fastify logger option; structured JSON (pino) at info by default. */
  logger?: boolean | object;
}

/**
 * Starts the server with validated settings.
 * @example
 * const server = await startServer(loadServerConfig({ PORT: '0', VERBATIM_DEMO: '0' }));
 * await fetch(`${server.url}/healthz`);
 * await server.close();
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const store: FeedbackStore = await openStore(config.dbPath);
  let engine: Engine | null = null;
  let analyzePool: AnalyzePool | null = null;
  let warmUp: WarmUpSummary | null = null;
  try {
    // VERBATIM_LANGUAGE_DETECT=0 reads every comment as English; an explicit engine config wins.
    const engineConfig: ConfigInput = { language: { detect: config.languageDetect }, ...options.engine };
    engine = await createEngine(engineConfig);
    if (config.analyzeWorkers > 0) analyzePool = await createAnalyzePool(config.analyzeWorkers, engineConfig);
    // Before the port opens, so a client (or a load balancer's readiness probe) never meets a cold engine.
    if (config.warmUp) warmUp = await warmUpEngine(engine, analyzePool, await readWarmUpTexts());
  } catch (error) {
    await analyzePool?.close();
    await engine?.close();
    await store.close();
    throw error;
  }
  const app = await buildApp({ config, engine, store, analyzePool, logger: options.logger ?? { level: 'info' }, processMetrics: true });
  if (warmUp) app.log.info({ comments: warmUp.comments, seconds: Math.round(warmUp.seconds * 100) / 100 }, warmUp.comments > 0 ? 'engine warmed up' : 'engine not warmed up: no comments to read in data/dev/cx-dev.jsonl');
  const loadDemo = config.demo && (await store.countFeedback()) === 0;
  if (loadDemo) {
    app.readiness.ready = false;
    app.readiness.reason = 'loading the demo data';
  }
  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info({ url, db: redactUrl(config.dbPath), auth: config.apiKeys.length > 0, analyzeWorkers: config.analyzeWorkers, docs: `${url}/docs` }, 'verbatim listening');

  const abort = new AbortController();
  const demoLoaded = loadDemo ? runDemoLoad(app, engine, store, abort.signal) : Promise.resolve();
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      app.readiness.draining = true;
      app.readiness.ready = false;
      app.readiness.reason = 'shutting down';
      abort.abort();
      await demoLoaded;
      await app.close();
      await analyzePool?.close();
      await store.close();
      await engine.close();
    })();
    return closing;
  };
  return { app, url, demoLoaded, close };
}

async function runDemoLoad(app: FastifyInstance, engine: Engine, store: FeedbackStore, signal: AbortSignal): Promise<void> {
  try {
    const started = Date.now();
    const summary = await loadDemoData(engine, store, {
      signal,
      progress: (done, total) => app.log.info({ done, total }, 'loading demo data'),
    });
    app.telemetry.feedbackStored.inc(summary.inserted + summary.updated);
    app.log.info({ ...summary, seconds: (Date.now() - started) / 1000 }, 'demo data loaded');
    if (signal.aborted) return;
    app.readiness.ready = true;
    app.readiness.reason = null;
  } catch (error) {
    app.log.error({ err: error }, 'demo data could not be loaded');
    app.readiness.reason = 'the demo data could not be loaded (see the log); start with VERBATIM_DEMO=0 to skip it';
  }
}

/** Closes the server once on SIGTERM or SIGINT; a second signal exits at once. */
export function closeOnSignals(server: RunningServer): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) process.exit(1);
    received = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Entry point of `npm start`: settings from the environment. */
export async function main(): Promise<void> {
  try {
    const server = await startServer(loadServerConfig(process.env));
    closeOnSignals(server);
  } catch (error) {
    const message = error instanceof VerbatimError ? `${error.code}: ${error.message}` : (error as Error).stack ?? String(error);
    process.stderr.write(`verbatim: cannot start the server: ${message}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
