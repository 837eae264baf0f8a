/**
 * The server's own settings: where it listens, where the store lives, keys, limits. Read from
 * environment variables (and `verbatim serve` flags, which override them), validated once at
 * start-up so a bad value fails with the variable's name instead of misbehaving later.
 */
import { z } from 'zod';
import { VerbatimError } from '../errors.js';

/** Default port: the one the README's examples use. */
export const DEFAULT_PORT = 3000;

/**
 * Default bind address: loopback only, so a first `npm start` never exposes the API (and its
 * data) to the network. Set HOST=0.0.0.0 in a container or behind a proxy.
 */
export const DEFAULT_HOST = '127.0.0.1';

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_DB_PATH = 'data/verbatim.db';

/** Requests per minute per API key (or per client IP without keys): ~10/s, ample for CX tools posting batches. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/**
 * Largest request body in bytes. 1,000 comments of the 20,000-character limit would be 40 MB of
 * UTF-16; real batches of survey comments (~300 characters) are ~0.5 MB, so 5 MB leaves room for
 * metadata without letting one client hold megabytes of memory per request.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Most messages the ingest queue may hold before POST /v1/feedback?async=true answers 503 with
 * Retry-After: 100,000 records is about a minute of work for the workers of one 2-core machine
 * (~1,800 rows/s at the 1.1 ms of CPU per row bench/queue-workers.ts measures), and ~50 MB of
 * JetStream storage at ~500 bytes a message.
 */
export const DEFAULT_QUEUE_MAX_DEPTH = 100_000;

/** Most comments (or feedback records) in one request: the issue's documented limit. */
export const MAX_COMMENTS_PER_REQUEST = 1000;

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const integerString = (minimum: number, maximum: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(minimum).max(maximum));

/** The environment variables the server reads, as strings, with their defaults. */
export const ServerEnvSchema = z.object({
  PORT: integerString(0, 65_535).default(DEFAULT_PORT),
  HOST: z.string().min(1).default(DEFAULT_HOST),
  VERBATIM_DB: z.string().min(1).default(DEFAULT_DB_PATH),
  VERBATIM_API_KEYS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter((key) => key.length > 0)),
  VERBATIM_DEMO: flag.default(true),
  VERBATIM_WARM_UP: flag.default(true),
  VERBATIM_LANGUAGE_DETECT: flag.default(true),
  VERBATIM_REQUEST_LOG: flag.default(true),
  VERBATIM_RATE_LIMIT: integerString(1, 1_000_000).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  VERBATIM_BODY_LIMIT: integerString(1024, 1024 * 1024 * 1024).default(DEFAULT_BODY_LIMIT_BYTES),
  VERBATIM_QUEUE_URL: z.string().regex(/^(nats|tls|wss?):\/\//, 'must be a nats:// URL').optional(),
  VERBATIM_QUEUE_MAX_DEPTH: integerString(1, 1_000_000_000).default(DEFAULT_QUEUE_MAX_DEPTH),
  VERBATIM_ANALYZE_WORKERS: integerString(0, 64).default(0),
  VERBATIM_QUEUE_NAMESPACE: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes').default('verbatim'),
});

/** Validated server settings; build with `loadServerConfig` (or by hand in tests). */
export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file (or `:memory:`). */
  dbPath: string;
  /** When non-empty, every /v1 route requires one of these keys. */
  apiKeys: string[];
  /** Load data/demo into an empty store on start. */
  demo: boolean;
  /** Analyze the shipped CX development comments before opening the port (src/server/warm-up.ts says why). */
  warmUp: boolean;
  /** Detect each comment's language (engine config language.detect); false reads all as English. */
  languageDetect: boolean;
  /**
   * Log a line when each request arrives and when it is answered (Fastify's request logging).
   * Off, the log keeps start-up, warnings and errors: the two lines per request were 3.5 % of the
   * server's busy CPU on single comments sent flat out (pino and its writer on the stack in a CPU profile).
   */
  requestLog: boolean;
  /** Requests per minute per key (or IP). */
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  maxCommentsPerRequest: number;
  /** Worker threads for /v1/analyze batches (src/server/analyze-pool.ts); 0 analyzes in-process. */
  analyzeWorkers: number;
  /** NATS server of the ingest queue (POST /v1/feedback?async=true); null: async ingest is off. */
  queueUrl: string | null;
  /** Queue depth over which async ingest answers 503 with Retry-After. */
  queueMaxDepth: number;
  /** Prefix of the queue's streams and subjects (src/queue/topology.ts); workers must use the same. */
  queueNamespace: string;
}

/** Values from `verbatim serve` flags; each given one overrides its environment variable. */
export interface ServerOverrides {
  port?: number | string;
  host?: string;
  db?: string;
  apiKeys?: string;
  demo?: boolean;
}

/**
 * Reads and validates the server settings; throws VERBATIM_E_INVALID_CONFIG naming the variable.
 * @example
 * loadServerConfig({ PORT: '8080' }).port; // 8080
 * loadServerConfig({ PORT: 'x' }); // throws: Invalid configuration at PORT: must be a whole number
 */
export function loadServerConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ServerOverrides = {},
): ServerConfig {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(ServerEnvSchema.shape)) {
    const value = env[key];
    // An empty variable (`PORT=`) means "not set", as shells commonly leave it.
    merged[key] = value === undefined || value === '' ? undefined : value;
  }
  if (overrides.port !== undefined) merged.PORT = String(overrides.port);
  if (overrides.host !== undefined) merged.HOST = overrides.host;
  if (overrides.db !== undefined) merged.VERBATIM_DB = overrides.db;
  if (overrides.apiKeys !== undefined) merged.VERBATIM_API_KEYS = overrides.apiKeys;
  if (overrides.demo !== undefined) merged.VERBATIM_DEMO = overrides.demo ? '1' : '0';

  const parsed = ServerEnvSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', {
      path: issue.path.length ? issue.path.join('.') : '(environment)',
      detail: issue.message,
    });
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dbPath: values.VERBATIM_DB,
    apiKeys: values.VERBATIM_API_KEYS,
    demo: values.VERBATIM_DEMO,
    warmUp: values.VERBATIM_WARM_UP,
    languageDetect: values.VERBATIM_LANGUAGE_DETECT,
    requestLog: values.VERBATIM_REQUEST_LOG,
    rateLimitPerMinute: values.VERBATIM_RATE_LIMIT,
    bodyLimitBytes: values.VERBATIM_BODY_LIMIT,
    maxCommentsPerRequest: MAX_COMMENTS_PER_REQUEST,
    analyzeWorkers: values.VERBATIM_ANALYZE_WORKERS,
    queueUrl: values.VERBATIM_QUEUE_URL ?? null,
    queueMaxDepth: values.VERBATIM_QUEUE_MAX_DEPTH,
    queueNamespace: values.VERBATIM_QUEUE_NAMESPACE,
  };
}
