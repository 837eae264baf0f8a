/**
 * What `buildApp` decorates the fastify instance with, declared once so every route plugin sees
 * typed `app.engine`, `app.store`, ... without importing the app.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Engine } from '../engine.js';
import type { FeedbackStore } from '../store/index.js';
import type { ServerConfig } from './config.js';
import type { Telemetry } from './telemetry.js';
import type { QueueHandle } from '../queue/http.js';
import type { AnalyzePool } from './analyze-pool.js';

/**
 * Picks the engine for a request. `resolve()` (no id) is the active taxonomy's engine, used for
 * ingest; `resolve(id)` the engine of a stored taxonomy, or VERBATIM_E_NOT_FOUND. The default
 * knows only 'default'; the taxonomies plugin may replace `resolve` (it is a plain property).
 */
export interface EngineResolver {
  resolve(taxonomyId?: string): Promise<Engine>;
}

/** Whether /readyz reports ready; server.ts clears it while the demo data loads. */
export interface Readiness {
  ready: boolean;
  /** Why not ready (shown by /readyz), null when ready. */
  reason: string | null;
  /**
   * True once shutdown began: responses carry `Connection: close` so keep-alive sockets end
   * after their last response and the server can close without waiting for idle timeouts.
   */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    engine: Engine;
    store: FeedbackStore;
    serverConfig: ServerConfig;
    engines: EngineResolver;
    /** Threads for /v1/analyze batches, or null (VERBATIM_ANALYZE_WORKERS=0). */
    analyzePool: AnalyzePool | null;
    readiness: Readiness;
    telemetry: Telemetry;
    /** The one NATS connection of this app (opened on first use; rejects when no queue is configured). */
    queue: QueueHandle;
  }
}

/** The app as route plugins receive it: zod type provider on. */
export type VerbatimApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

/** A route plugin and the path under /v1 it is mounted at ('' for none). */
export interface RoutePlugin {
  plugin: FastifyPluginAsync;
  prefix: string;
}

export type { ZodTypeProvider };
