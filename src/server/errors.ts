/**
 * Turns every failure into the one error shape clients rely on, `{ error: { code, message } }`,
 * with the status from the error table (src/errors.ts). 5xx details go to the log, never to the
 * client. Also the shared response schemas (errors, lists) route plugins put in their schemas.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VerbatimError, type ErrorCode } from '../errors.js';

/** The body of every error response. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable code from the error table, e.g. VERBATIM_E_VALIDATION'),
      message: z.string().describe('What was expected and what was found'),
    }),
  })
  .describe('Error');
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/**
 * The list shape every listing returns: a page of items and an opaque cursor for the next page.
 * @example
 * schema: { response: { 200: listResponse(FeedbackItemSchema) } }
 */
export function listResponse<Item extends z.ZodType>(itemSchema: Item) {
  return z.object({
    items: z.array(itemSchema),
    nextCursor: z.string().nullable().describe('Pass back as `cursor` for the next page; null on the last page'),
  });
}

/** The error responses most routes can produce, to spread into a route's `response` schema. */
export const COMMON_ERROR_RESPONSES = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  429: ErrorResponseSchema,
  500: ErrorResponseSchema,
} as const;

/** Sends a VerbatimError (or a code with its details) as the standard error body. */
export function sendError(reply: FastifyReply, error: VerbatimError | ErrorCode, details: Record<string, unknown> = {}): FastifyReply {
  const verbatimError = typeof error === 'string' ? new VerbatimError(error, details) : error;
  return reply.code(verbatimError.status).send({ error: verbatimError.toJSON() });
}

/** Renders a zod issue path as `comments[3].text`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Splits a JSON pointer (`/comments/3/text`) into a path, array indexes as numbers. */
function pathFromPointer(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Maps any thrown value to a VerbatimError; unknown failures become VERBATIM_E_INTERNAL. */
export function toVerbatimError(error: unknown, request: FastifyRequest, bodyLimit: number): VerbatimError {
  if (error instanceof VerbatimError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0]!;
    const location = error.validationContext ?? 'body';
    return new VerbatimError('VERBATIM_E_VALIDATION', {
      location,
      path: formatIssuePath(pathFromPointer(issue.instancePath)),
      detail: issue.message,
    });
  }
  if (isResponseSerializationError(error)) return new VerbatimError('VERBATIM_E_INTERNAL', {}, { cause: error });
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VerbatimError('VERBATIM_E_BODY_TOO_LARGE', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new VerbatimError('VERBATIM_E_UNSUPPORTED_MEDIA_TYPE', { found: request.headers['content-type'] ?? '(none)' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new VerbatimError('VERBATIM_E_VALIDATION', { location: 'body', path: '(root)', detail: 'is empty; expected JSON' });
    default:
      break;
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx (malformed JSON, bad content-length): the message names the problem.
    return new VerbatimError('VERBATIM_E_VALIDATION', {
      location: 'body',
      path: '(root)',
      detail: fastifyError.message ?? 'is malformed',
    });
  }
  return new VerbatimError('VERBATIM_E_INTERNAL', {}, { cause: error });
}

/** Installs the error and not-found handlers on the root instance (they apply to every plugin). */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const verbatimError = toVerbatimError(error, request, app.serverConfig.bodyLimitBytes);
    if (verbatimError.status === 503) {
      request.log.warn({ code: verbatimError.code, message: verbatimError.message }, 'request refused: not ready');
    } else if (verbatimError.status >= 500) {
      // The detail stays in the log: stack traces and SQL never reach the client.
      request.log.error({ err: verbatimError.cause ?? error, code: verbatimError.code }, 'request failed');
    } else {
      request.log.info({ code: verbatimError.code, message: verbatimError.message }, 'request rejected');
    }
    return sendError(reply, verbatimError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'VERBATIM_E_NOT_FOUND', { what: 'Route', id: `${request.method} ${request.url.split('?')[0]}` }),
  );
}
