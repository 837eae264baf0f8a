import { describe, expect, it } from 'vitest';
import { apiFilters, EMPTY_FILTERS, filtersFromParams, filtersToParams, intervalFor, periodRange } from '../../src/web/lib/filters.js';

const NEWEST = '2026-10-31T00:00:00.000Z';

describe('dashboard filters', () => {
  it('anchors "last N" periods on the newest feedback, not on today', () => {
    expect(periodRange({ ...EMPTY_FILTERS, period: '3m' }, NEWEST)).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    expect(periodRange({ ...EMPTY_FILTERS, period: '12m' }, NEWEST)).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(periodRange({ ...EMPTY_FILTERS, period: '30d' }, NEWEST)).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(periodRange({ ...EMPTY_FILTERS, period: 'all' }, NEWEST)).toEqual({});
  });

  it('round-trips through URL parameters and drops malformed values', () => {
    const filters = { ...EMPTY_FILTERS, period: 'custom' as const, from: '2026-01-01', to: '2026-02-01', segment: 'smb', metric: 'nps' as const };
    expect(filtersFromParams(new URLSearchParams(filtersToParams(filters)))).toEqual(filters);
    expect(filtersFromParams(new URLSearchParams('period=forever&from=yesterday&metric=x'))).toEqual(EMPTY_FILTERS);
  });

  it('gives the API only the set filters', () => {
    expect(apiFilters({ ...EMPTY_FILTERS, channel: 'email' }, NEWEST)).toEqual({ segment: undefined, channel: 'email' });
  });

  it('picks days, weeks or months so a trend has a readable number of points', () => {
    expect(intervalFor({ from: '2026-10-02', to: '2026-10-31' }, null, null)).toBe('day');
    expect(intervalFor({ from: '2026-05-01', to: '2026-10-31' }, null, null)).toBe('week');
    expect(intervalFor({}, '2025-11-01', NEWEST)).toBe('month');
  });
});
