/**
 * Webhook signatures: `X-Verbatim-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with
 * the alert's secret>`, the scheme GitHub and Stripe receivers already know how to check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every delivery carries. */
export const SIGNATURE_HEADER = 'x-verbatim-signature';

/**
 * The signature header value of a body.
 * @example signBody('{"a":1}', 'secret') // 'sha256=...' (64 hex digits)
 */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Checks a received signature in constant time; what a receiver does (used by the tests). */
export function verifySignature(body: string, secret: string, signature: string | undefined): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(signBody(body, secret));
  const presented = Buffer.from(signature);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
