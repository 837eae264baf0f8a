/**
 * The one error table. Every error Verbatim reports has a stable code, an HTTP status and a
 * message template that says what was expected and what was found. Shells (CLI, HTTP) render
 * VerbatimError; nothing else throws user-facing errors.
 */

export const ERRORS = {
  VERBATIM_E_INVALID_JSON: { status: 400, message: 'Record is not valid JSON: {detail}' },
  VERBATIM_E_NOT_AN_OBJECT: { status: 400, message: 'Record must be a JSON object, found {found}' },
  VERBATIM_E_MISSING_TEXT: { status: 400, message: 'Record has no "{field}" field' },
  VERBATIM_E_TEXT_NOT_STRING: { status: 400, message: 'Field "{field}" must be a string, found {found}' },
  VERBATIM_E_TEXT_TOO_LONG: {
    status: 413,
    message: 'Text is {length} characters long; the limit is {limit} (config maxTextLength)',
  },
  VERBATIM_E_INVALID_TARGETS: { status: 400, message: 'Field "targets" must be an array of strings, found {found}' },
  VERBATIM_E_INVALID_ID: { status: 400, message: 'Field "{field}" must be a string or a number, found {found}' },
  VERBATIM_E_CSV_ROW: { status: 400, message: 'CSV row could not be parsed: {detail}' },
  VERBATIM_E_INVALID_CONFIG: { status: 500, message: 'Invalid configuration at {path}: {detail}' },
  VERBATIM_E_INVALID_TAXONOMY: { status: 400, message: 'Invalid taxonomy {source} at {path}: {detail}' },
  VERBATIM_E_INVALID_LEXICON: { status: 500, message: 'Invalid lexicon {source}: {detail}' },
  VERBATIM_E_FILE_NOT_FOUND: { status: 404, message: 'File not found: {path}' },
  VERBATIM_E_UNSUPPORTED_FORMAT: { status: 400, message: 'Unsupported format "{format}"; expected one of {expected}' },
  VERBATIM_E_PIPELINE: { status: 500, message: 'Cannot build the pipeline: {detail}' },
  VERBATIM_E_MODEL: { status: 500, message: 'Model {name} could not be loaded or run: {detail}' },
  VERBATIM_E_INTERNAL: { status: 500, message: 'Internal error while analyzing the record' },
  VERBATIM_E_INVALID_LABEL: { status: 400, message: 'Field "{field}" must be one of {expected}, found {found}' },
  VERBATIM_E_TARGET_NOT_FOUND: { status: 400, message: 'Target "{target}" does not occur in field "text"' },
  VERBATIM_E_MISSING_FIELD: { status: 400, message: 'Record has no "{field}" field ({expected})' },
  VERBATIM_E_NO_ROWS: { status: 400, message: 'No usable row in {path}: {detail}' },
  VERBATIM_E_INVALID_FEEDBACK: { status: 400, message: 'Feedback record {id}: field "{field}" {detail}, found {found}' },
  VERBATIM_E_INVALID_QUERY: { status: 400, message: 'Query parameter "{field}" {detail}, found {found}' },
  VERBATIM_E_STORE: { status: 500, message: 'Feedback store {path}: {detail}' },
  VERBATIM_E_VALIDATION: { status: 400, message: 'Request {location} is invalid at {path}: {detail}' },
  VERBATIM_E_NOT_FOUND: { status: 404, message: '{what} not found: {id}' },
  VERBATIM_E_BODY_TOO_LARGE: { status: 413, message: 'Request body is larger than the limit of {limit} bytes (VERBATIM_BODY_LIMIT)' },
  VERBATIM_E_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Content type {found} is not supported; expected application/json' },
  VERBATIM_E_RATE_LIMITED: { status: 429, message: 'Rate limit of {max} requests per {window} exceeded; retry in {retryAfter} s' },
  VERBATIM_E_UNAUTHORIZED: { status: 401, message: 'Missing or unknown API key; send "Authorization: Bearer KEY" or "x-api-key: KEY"' },
  VERBATIM_E_NOT_READY: { status: 503, message: 'Service not ready: {detail}' },
  VERBATIM_E_READ_ONLY: { status: 409, message: '{what} "{id}" is built in and cannot be changed; {hint}' },
  VERBATIM_E_JOB_NOT_DONE: { status: 409, message: 'Job {id} is {status}; {detail}' },
  VERBATIM_E_CHECKPOINT: { status: 500, message: 'Cannot resume from checkpoint {path}: {detail}' },
  VERBATIM_E_QUEUE_UNAVAILABLE: { status: 503, message: 'Queue server {url} is not available: {detail}' },
  VERBATIM_E_QUEUE_FULL: {
    status: 503,
    message: 'The ingest queue holds {depth} messages and {incoming} more would pass its limit of {limit} (VERBATIM_QUEUE_MAX_DEPTH); retry in {retryAfter} s',
  },
  VERBATIM_E_QUEUE_MESSAGE: { status: 400, message: 'Queue message {seq} on {subject} is not a valid job message: {detail}' },
  VERBATIM_E_DELIVERY_LIMIT: {
    status: 500,
    message: 'Queue message {seq} was delivered {deliveries} times without being acknowledged: its worker died or stalled each time',
  },
  VERBATIM_E_JOB_RECORDS_FAILED: { status: 400, message: '{failed} of {total} records failed ({rejected} rejected, {deadLettered} dead-lettered){example}' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable code from the table; `details` fill the message template. */
export class VerbatimError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(formatMessage(ERRORS[code].message, details), options);
    this.name = 'VerbatimError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }

  /** Rebuilds an error from its `{ code, message }` pair (e.g. an error line of a batch), keeping the message. */
  static fromJSON(error: { code: string; message: string }): VerbatimError {
    const code = (error.code in ERRORS ? error.code : 'VERBATIM_E_INTERNAL') as ErrorCode;
    const rebuilt = new VerbatimError(code);
    rebuilt.message = error.message;
    return rebuilt;
  }

  /** The `{ code, message }` pair every shell emits. */
  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

function formatMessage(template: string, details: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in details ? String(details[key]) : whole,
  );
}

/** Describes a value's type for messages ("a number", "null", "an array"). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** VERBATIM_E_MODEL for a model file that could not be read, naming the model, the file and why. */
export function unreadableModelFile(name: string, file: string, cause: unknown): VerbatimError {
  return new VerbatimError('VERBATIM_E_MODEL', { name, detail: `cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}` }, { cause });
}
