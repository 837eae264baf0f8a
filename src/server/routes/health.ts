/**
 * Operational routes outside /v1 and without keys, for load balancers and Prometheus:
 * /healthz (the process answers), /readyz (engine and store usable), /metrics (exposition format).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema } from '../errors.js';
import { VerbatimError } from '../../errors.js';

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.literal('ready'),
  components: z.array(z.string()).describe('Engine components in pipeline order'),
  feedback: z.number().int().describe('Records in the store'),
});

/** Registers /healthz, /readyz and /metrics at the root. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness: the process answers', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: engine loaded, store answering, demo data loaded',
        response: { 200: ReadySchema, 503: ErrorResponseSchema },
      },
    },
    async () => {
      if (!app.readiness.ready) throw new VerbatimError('VERBATIM_E_NOT_READY', { detail: app.readiness.reason ?? 'starting' });
      let feedback: number;
      try {
        feedback = await app.store.countFeedback();
      } catch (error) {
        app.log.error({ err: error }, 'readiness check: store failed');
        throw new VerbatimError('VERBATIM_E_NOT_READY', { detail: 'the feedback store does not answer' });
      }
      return { status: 'ready' as const, components: [...app.engine.components], feedback };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)' } },
    async (_request, reply) => {
      const body = await app.telemetry.registry.metrics();
      return reply.type(app.telemetry.registry.contentType).send(body);
    },
  );
};
