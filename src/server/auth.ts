/**
 * API keys and rate limiting for the /v1 scope. Keys come as `Authorization: Bearer KEY` or
 * `x-api-key: KEY`; without configured keys every request passes. Rate limits count per key
 * (or per client IP without keys), so one noisy integration cannot starve the others.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { VerbatimError } from '../errors.js';

/** The rate-limit window the per-minute setting counts over. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** The key a request presents, or null. Bearer wins when both headers are sent. */
export function presentedKey(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim().length > 0) return header.trim();
  return null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * A key checker that compares in constant time (over SHA-256 digests, so lengths leak nothing).
 * @example
 * createKeyChecker(['k1'])('k1'); // true
 */
export function createKeyChecker(keys: readonly string[]): (candidate: string | null) => boolean {
  const digests = keys.map(digest);
  return (candidate) => {
    if (candidate === null) return false;
    const presented = digest(candidate);
    let found = false;
    for (const known of digests) found = timingSafeEqual(known, presented) || found;
    return found;
  };
}

/**
 * Adds the key check and the rate limit to the (encapsulated) instance it is called on. Call it
 * before registering routes: the key check is an instance hook, so it runs before the rate
 * limit's route hook and bogus keys never get their own rate-limit bucket.
 */
export async function protectScope(scope: FastifyInstance): Promise<void> {
  const { apiKeys, rateLimitPerMinute } = scope.serverConfig;
  if (apiKeys.length > 0) {
    const isKnown = createKeyChecker(apiKeys);
    scope.addHook('onRequest', async (request) => {
      if (!isKnown(presentedKey(request))) throw new VerbatimError('VERBATIM_E_UNAUTHORIZED');
    });
  }
  await scope.register(rateLimit, {
    max: rateLimitPerMinute,
    timeWindow: RATE_LIMIT_WINDOW_MS,
    keyGenerator: (request) => {
      const key = apiKeys.length > 0 ? presentedKey(request) : null;
      return key ? `key:${digest(key).toString('hex')}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new VerbatimError('VERBATIM_E_RATE_LIMITED', {
          max: context.max,
          window: context.after,
          retryAfter: Math.ceil(context.ttl / 1000),
        }),
        { statusCode: 429 },
      ),
  });
}
