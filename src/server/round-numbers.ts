/**
 * Rounds every non-integer number in an analytics response. Percentages and scores computed in
 * floating point come out as 77.60000000000001; four decimals are more than any reader needs and
 * keep responses stable to compare.
 */

/** Decimal places kept in analytics responses. */
export const RESPONSE_DECIMALS = 4;

/** A copy of `value` with every finite non-integer number rounded to RESPONSE_DECIMALS places. */
export function roundNumbers<T>(value: T, decimals = RESPONSE_DECIMALS): T {
  const factor = 10 ** decimals;
  const visit = (item: unknown): unknown => {
    if (typeof item === 'number') return Number.isFinite(item) && !Number.isInteger(item) ? Math.round(item * factor) / factor : item;
    if (Array.isArray(item)) return item.map(visit);
    if (item !== null && typeof item === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(item)) copy[key] = visit(inner);
      return copy;
    }
    return item;
  };
  return visit(value) as T;
}
