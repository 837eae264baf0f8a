/**
 * POST /v1/analyze: stateless analysis in the result contract, one line per comment in order.
 * Body problems (shape, count, unknown fields) are 400; a comment the engine rejects (too long,
 * target not in text) keeps its slot as an error line and the response is still 200.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ResultLine } from '../../contract.js';
import type { EngineInput } from '../../engine.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema } from '../errors.js';
import { AnalyzeBodySchema, AnalyzeResponseSchema } from '../schemas.js';
import { ANALYZE_POOL_MIN_COMMENTS, type AnalyzePool } from '../analyze-pool.js';
import { COALESCE_MIN_ALONE, createAnalyzeCoalescer } from '../analyze-coalescer.js';
import { JsonBytes } from '../../io/json-bytes.js';
import { RESULT_LINE_BYTES, writeResultArray } from '../../io/result-json.js';

/** The response's frame around its results array, as text (the in-process path) and bytes (the threads' path). */
const RESULTS_OPEN_TEXT = '{"results":';
const RESULTS_CLOSE_TEXT = '}';
const RESULTS_OPEN = Buffer.from(RESULTS_OPEN_TEXT);
const RESULTS_CLOSE = Buffer.from(RESULTS_CLOSE_TEXT);

/** Sends a 200 body already written as JSON bytes; fastify sends a Buffer as it is (the route's type only knows the parsed shape). */
function sendJson(reply: FastifyReply, body: Uint8Array) {
  return reply.type('application/json; charset=utf-8').send(body as unknown as { results: ResultLine[] });
}

/** Registers POST /analyze. */
export const analyzeRoutes: FastifyPluginAsyncZod = async (app) => {
  // The server's own engine: small requests arriving together share one batch, and a batch big
  // enough for the thread pool (when there is one) goes there, unless every thread is busy: then
  // this thread's engine, idle otherwise, takes it (analyze-pool.ts).
  const pool = app.analyzePool;
  /** The pool when a batch of `count` comments should go to it, else null (no pool, too small, or every thread busy). */
  const threadsFor = (count: number): AnalyzePool | null => (pool !== null && count >= ANALYZE_POOL_MIN_COMMENTS && !pool.busy ? pool : null);
  const coalescer = createAnalyzeCoalescer((inputs) => threadsFor(inputs.length)?.analyze(inputs) ?? app.engine.analyzeBatch(inputs));
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
    async (request, reply) => {
      const { comments, taxonomy } = request.body;
      const inputs = comments as EngineInput[];
      const engine = await app.engines.resolve(taxonomy);
      const threads = engine === app.engine && inputs.length >= COALESCE_MIN_ALONE ? threadsFor(inputs.length) : null;
      if (threads !== null) {
        // A batch the coalescer would run alone goes to the threads, which also write its JSON:
        // the main thread only frames the bytes, so it stays free to read and answer requests.
        const json = await threads.analyzeJson(inputs);
        app.telemetry.commentsAnalyzed.inc(inputs.length);
        return sendJson(reply, Buffer.concat([RESULTS_OPEN, json, RESULTS_CLOSE]));
      }
      // Other taxonomies' engines run here, uncoalesced (the pool's threads hold the server's own engine only).
      const results = engine === app.engine ? await coalescer.analyze(inputs) : await engine.analyzeBatch(inputs);
      app.telemetry.commentsAnalyzed.inc(inputs.length);
      // A 200 body goes out as the bytes JSON.stringify would give, written directly
      // (io/result-json.ts): the zod encode of a 100-comment answer took ~36 µs a comment (15% of
      // analyzing it) for the same bytes, because the engine builds results in the contract's shape
      // and key order (test/server/analyze-serializer.test.ts holds it to that), and a string would
      // be encoded again on its way out. Errors thrown above keep the zod serializer.
      const body = new JsonBytes(results.length * RESULT_LINE_BYTES);
      body.ascii(RESULTS_OPEN_TEXT);
      writeResultArray(body, results);
      body.ascii(RESULTS_CLOSE_TEXT);
      return sendJson(reply, body.take());
    },
  );
};
