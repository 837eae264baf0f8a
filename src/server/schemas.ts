/**
 * Request and response schemas of the analyze and feedback routes, shared with any route that
 * returns stored feedback (alerts, drivers drill-downs). zod is the single source: validation,
 * serialization and the OpenAPI document all come from these.
 */
import { z } from 'zod';
import { AnalysisResultSchema, JOURNEY_STAGES, LANGUAGE_CODE_PATTERN, ResultLineSchema, SENTIMENT_LABELS } from '../contract.js';
import { SCORE_BANDS, SCORE_TYPES } from '../metrics/types.js';
import { DEFAULT_PAGE_SIZE, MAX_ID_LENGTH, MAX_LABEL_LENGTH, MAX_PAGE_SIZE } from '../store/index.js';
import { MAX_COMMENTS_PER_REQUEST } from './config.js';
import { ErrorResponseSchema } from './errors.js';

/** The language codes results carry, for the API's filter descriptions. */
export const LANGUAGE_CODES_TEXT = 'ISO 639-1: en, es, fr, de, pt, it, nl, sv, da, no, fi, pl, tr, id, ro, cs, hu, ca, vi; und: not read';

/** One comment of POST /v1/analyze. Unknown fields are rejected (a typo'd `txt` should not analyze nothing). */
export const AnalyzeCommentSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).optional().describe('Echoed in the result; defaults to the 1-based position'),
  text: z.string().describe('The comment; longer than the engine limit yields an error in its slot'),
  targets: z.array(z.string()).optional().describe('Words or phrases to score aspect sentiment for'),
  metadata: z.record(z.string(), z.unknown()).optional().describe('Copied to the result as is'),
});

export const AnalyzeBodySchema = z.strictObject({
  comments: z.array(AnalyzeCommentSchema).min(1).max(MAX_COMMENTS_PER_REQUEST),
  taxonomy: z.string().min(1).optional().describe("Taxonomy id; 'default' or absent uses the active one"),
});

export const AnalyzeResponseSchema = z.object({
  results: z.array(ResultLineSchema).describe('One line per comment, same order; failed comments carry `error`'),
});

/** One record of POST /v1/feedback, checked per record so one bad record does not reject the batch. */
export const FeedbackInputSchema = z.strictObject({
  id: z.union([z.string().min(1).max(MAX_ID_LENGTH), z.number().int()]).describe('Idempotency key: the same id again updates'),
  text: z.string(),
  date: z.string().describe('ISO 8601 date or date-time'),
  score: z.number().int().nullable().optional().describe('NPS 0-10, CSAT 1-5, CES 1-7'),
  scoreType: z.enum(SCORE_TYPES).nullable().optional(),
  segment: z.string().min(1).max(MAX_LABEL_LENGTH).nullable().optional(),
  channel: z.string().min(1).max(MAX_LABEL_LENGTH).nullable().optional(),
  accountId: z.string().min(1).max(MAX_LABEL_LENGTH).nullable().optional(),
  revenue: z.number().nonnegative().nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

export const FeedbackBodySchema = z.array(FeedbackInputSchema).min(1).max(MAX_COMMENTS_PER_REQUEST);

/** What the ingest route checks on the whole body; records are then checked one by one. */
export const FeedbackEnvelopeSchema = z.array(z.unknown()).min(1).max(MAX_COMMENTS_PER_REQUEST);

export const IngestFailureSchema = z.object({
  index: z.number().int().describe('0-based position in the request'),
  id: z.string().nullable(),
  error: ErrorResponseSchema.shape.error,
});

export const IngestResponseSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  failed: z.array(IngestFailureSchema),
});

/** A stored record with its analysis (evidence spans for highlighting are in `result`). */
export const FeedbackItemSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    date: z.string(),
    score: z.number().nullable(),
    scoreType: z.enum(SCORE_TYPES).nullable(),
    scoreBand: z.enum(SCORE_BANDS).nullable(),
    segment: z.string().nullable(),
    channel: z.string().nullable(),
    accountId: z.string().nullable(),
    revenue: z.number().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    result: AnalysisResultSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('FeedbackItem');

/** Filters of GET /v1/feedback. Unknown parameters are rejected so a typo never silently widens a query. */
export const FeedbackQuerySchema = z.strictObject({
  theme: z.string().optional().describe('Theme id'),
  stage: z.enum(JOURNEY_STAGES).optional(),
  sentiment: z.enum(SENTIMENT_LABELS).optional(),
  segment: z.string().optional(),
  channel: z.string().optional(),
  accountId: z.string().optional(),
  language: z.string().regex(LANGUAGE_CODE_PATTERN).optional().describe(`Language the comment was read in (${LANGUAGE_CODES_TEXT})`),
  scoreType: z.enum(SCORE_TYPES).optional(),
  band: z.enum(SCORE_BANDS).optional().describe('Score band on the record\'s own scale'),
  from: z.string().optional().describe('Inclusive, ISO date or date-time'),
  to: z.string().optional().describe('Inclusive; a bare date includes the whole day (UTC)'),
  q: z.string().max(500).optional().describe('Full-text query; "quoted" parts are phrases'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().optional().describe('`nextCursor` of the previous page'),
});

export const FeedbackParamsSchema = z.object({ id: z.string().min(1).max(MAX_ID_LENGTH) });
