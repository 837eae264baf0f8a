/**
 * Feedback: ingest (POST /v1/feedback, idempotent on id), explore (GET /v1/feedback with filters
 * and cursor pagination) and one record (GET /v1/feedback/:id).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VerbatimError } from '../../errors.js';
import { formatIssuePath, COMMON_ERROR_RESPONSES, ErrorResponseSchema, listResponse } from '../errors.js';
import { ingestFeedback } from '../ingest.js';
import { evaluateAlertsForIds, storedIds } from '../alerts/evaluate.js';
import { enqueueFeedbackRequest, IngestQuerySchema, QueuedIngestResponseSchema, validateIngestQuery } from '../../queue/http.js';
import {
  FeedbackBodySchema,
  FeedbackEnvelopeSchema,
  FeedbackItemSchema,
  FeedbackParamsSchema,
  FeedbackQuerySchema,
  IngestResponseSchema,
} from '../schemas.js';

/** Registers POST /feedback, GET /feedback and GET /feedback/:id. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Ingest feedback: analyze and store (idempotent on id)',
        description:
          'A JSON array of 1..1000 records. Records that fail their checks are listed in `failed` ' +
          '(with their 0-based index); the others are stored. Unknown fields fail that record. ' +
          'With `async=true` the records are queued for `verbatim worker` processes instead: 202 with a job id ' +
          '(GET /v1/jobs/{id} reports progress), or 503 with Retry-After when the queue is full.',
        querystring: IngestQuerySchema,
        body: FeedbackBodySchema,
        response: {
          200: IngestResponseSchema,
          202: QueuedIngestResponseSchema,
          413: ErrorResponseSchema,
          503: ErrorResponseSchema,
          ...COMMON_ERROR_RESPONSES,
        },
      },
      // The documented body schema is per record; only the envelope (an array of 1..1000) is
      // enforced here, so one malformed record is reported in `failed` instead of failing all.
      validatorCompiler: ({ httpPart }) => httpPart === 'querystring' ? validateIngestQuery : (data) => {
        const parsed = FeedbackEnvelopeSchema.safeParse(data);
        if (parsed.success) return { value: parsed.data };
        const issue = parsed.error.issues[0]!;
        return {
          error: new VerbatimError('VERBATIM_E_VALIDATION', {
            location: 'body',
            path: formatIssuePath(issue.path),
            detail: issue.message,
          }),
        };
      },
    },
    async (request, reply) => {
      if (request.query.async) {
        return enqueueFeedbackRequest(app.queue, app.store, request.body as unknown[], reply, app.serverConfig.queueMaxDepth);
      }
      const engine = await app.engines.resolve();
      const summary = await ingestFeedback(engine, app.store, request.body as unknown[]);
      // Alerts fire on what was stored; a failure here must not fail the ingest (logged instead).
      await evaluateAlertsForIds(app.store, storedIds(request.body as unknown[], summary.failed)).catch((error: unknown) => request.log.error({ err: error }, 'alert evaluation failed'));
      app.telemetry.commentsAnalyzed.inc(summary.analyzed);
      app.telemetry.feedbackStored.inc(summary.inserted + summary.updated);
      return { inserted: summary.inserted, updated: summary.updated, failed: summary.failed };
    },
  );

  app.get(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Explore stored feedback (newest first, cursor pagination)',
        querystring: FeedbackQuerySchema,
        response: { 200: listResponse(FeedbackItemSchema), ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { limit, cursor, band, q, ...filter } = request.query;
      return app.store.listFeedback({ ...filter, scoreBand: band, query: q }, { limit, cursor: cursor ?? null });
    },
  );

  app.get(
    '/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One stored record with its analysis',
        params: FeedbackParamsSchema,
        response: { 200: FeedbackItemSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const item = await app.store.getFeedback(request.params.id);
      if (!item) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Feedback', id: request.params.id });
      return item;
    },
  );
};
