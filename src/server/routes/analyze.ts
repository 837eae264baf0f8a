/**
 * POST /v1/analyze: stateless analysis in the result contract, one line per comment in order.
 * Body problems (shape, count, unknown fields) are 400; a comment the engine rejects (too long,
 * target not in text) keeps its slot as an error line and the response is still 200.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EngineInput } from '../../engine.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema } from '../errors.js';
import { AnalyzeBodySchema, AnalyzeResponseSchema } from '../schemas.js';
import { ANALYZE_POOL_MIN_COMMENTS } from '../analyze-pool.js';

/** Registers POST /analyze. */
export const analyzeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/analyze',
    {
      schema: {
        tags: ['analyze'],
        summary: 'Analyze comments without storing them',
        description: `Up to ${app.serverConfig.maxCommentsPerRequest} comments; each may be up to the engine's maxTextLength characters.`,
        body: AnalyzeBodySchema,
        response: { 200: AnalyzeResponseSchema, 404: ErrorResponseSchema, 413: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { comments, taxonomy } = request.body;
      const inputs = comments as EngineInput[];
      const engine = await app.engines.resolve(taxonomy);
      // The pool's threads run the server's own engine: other taxonomies and small batches stay here.
      const pool = engine === app.engine && inputs.length >= ANALYZE_POOL_MIN_COMMENTS ? app.analyzePool : null;
      const results = pool ? await pool.analyze(inputs) : await engine.analyzeBatch(inputs);
      app.telemetry.commentsAnalyzed.inc(inputs.length);
      return { results };
    },
  );
};
