/**
 * The app factory: builds a fully wired fastify instance without listening, so tests drive it
 * with `app.inject()` and only server.ts opens a port. zod schemas on every route are the request
 * validation, the response serialization and the OpenAPI document at /docs.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Engine } from '../engine.js';
import { VerbatimError } from '../errors.js';
import type { FeedbackStore } from '../store/index.js';
import { protectScope } from './auth.js';
import { registerDashboard } from './dashboard-static.js';
import type { ServerConfig } from './config.js';
import { installErrorHandlers } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { ROUTE_PLUGINS } from './routes/index.js';
import { createTelemetry } from './telemetry.js';
import type { EngineResolver } from './types.js';
import type { AnalyzePool } from './analyze-pool.js';
import './types.js';
import { createQueueHandle } from '../queue/http.js';

export interface BuildAppOptions {
  config: ServerConfig;
  engine: Engine;
  store: FeedbackStore;
  /** Worker threads for /v1/analyze batches (startServer makes one when analyzeWorkers > 0). */
  analyzePool?: AnalyzePool | null;
  /** Fastify's logger option: false (tests), true, or pino options. */
  logger?: boolean | object;
  /** Include Node process metrics in /metrics (off in tests: they register global timers). */
  processMetrics?: boolean;
}

/** Longest incoming x-request-id kept; longer (or odd) ones are replaced so logs stay clean. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** The API version prefix every data route lives under. */
export const API_PREFIX = '/v1';

function requestIdFrom(header: unknown): string {
  if (typeof header === 'string' && header.length <= MAX_REQUEST_ID_LENGTH && /^[\w.:-]+$/.test(header)) return header;
  return randomUUID();
}

/** The default resolver: only the engine's own taxonomy, as 'default'. */
function defaultResolver(engine: Engine): EngineResolver {
  return {
    async resolve(taxonomyId) {
      if (taxonomyId === undefined || taxonomyId === 'default') return engine;
      throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Taxonomy', id: taxonomyId });
    },
  };
}

/**
 * Builds the app: decorations, error handling, OpenAPI + /docs, health routes, and every plugin
 * of ROUTE_PLUGINS under /v1 behind the API-key check and rate limit. Does not listen.
 * @example
 * const app = await buildApp({ config: loadServerConfig(), engine, store });
 * const response = await app.inject({ method: 'POST', url: '/v1/analyze', payload: { comments: [{ text: 'slow refund' }] } });
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, engine, store } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: !config.requestLog }),
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('engine', engine);
  app.decorate('store', store);
  app.decorate('serverConfig', config);
  app.decorate('engines', defaultResolver(engine));
  app.decorate('analyzePool', options.analyzePool ?? null);
  app.decorate('readiness', { ready: true, reason: null, draining: false });
  app.decorate('telemetry', createTelemetry({ processMetrics: options.processMetrics ?? false }));
  app.decorate('queue', createQueueHandle(config.queueUrl, config.queueNamespace));
  app.addHook('onClose', () => app.queue.close());
  installErrorHandlers(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (app.readiness.draining) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    app.telemetry.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    app.telemetry.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Verbatim API',
        description: 'Sentiment, themes, journey stages and CX analytics for customer feedback.',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: config.apiKeys.length > 0 ? [{ bearer: [] }, { apiKey: [] }] : [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(healthRoutes);
  await registerDashboard(app);
  await app.register(
    async (scope) => {
      await protectScope(scope);
      for (const { plugin, prefix } of ROUTE_PLUGINS) await scope.register(plugin, { prefix });
    },
    { prefix: API_PREFIX },
  );
  return app;
}
