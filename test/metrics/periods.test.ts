import { describe, expect, it } from 'vitest';
import { isoWeek, parseDate, periodKey, periodKeyOf, periodRange, type Interval } from '../../src/metrics/index.js';

describe('periodKey', () => {
  // ISO weeks start on Monday and belong to the year of their Thursday (checked against Python's isocalendar()).
  it.each([
    ['2021-01-03', '2020-W53'], // Sunday: last day of 2020's week 53
    ['2020-12-31', '2020-W53'],
    ['2021-01-04', '2021-W01'], // Monday
    ['2019-12-30', '2020-W01'], // a December Monday in the next ISO year
    ['2018-12-31', '2019-W01'],
    ['2024-12-30', '2025-W01'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2010-01-03', '2009-W53'],
    ['2023-12-25', '2023-W52'],
    ['2024-01-01', '2024-W01'],
  ])('puts %s in ISO week %s', (date, expected) => {
    expect(periodKeyOf(date, 'week')).toBe(expected);
  });

  it.each<[string, Interval, string]>([
    ['2024-03-05T23:59:59Z', 'day', '2024-03-05'],
    ['2024-03-05T23:59:59Z', 'month', '2024-03'],
    ['2024-01-01T01:00:00+02:00', 'day', '2023-12-31'], // periods are UTC
    ['2024-01-01T01:00:00+02:00', 'month', '2023-12'],
  ])('puts %s in %s %s', (date, interval, expected) => {
    expect(periodKeyOf(date, interval)).toBe(expected);
  });

  it('returns null for a date it cannot parse instead of throwing', () => {
    expect(periodKeyOf('not a date', 'week')).toBeNull();
    expect(periodKeyOf('', 'day')).toBeNull();
    expect(parseDate(undefined as unknown as string)).toBeNull();
  });

  it('numbers weeks 1-53', () => {
    expect(isoWeek(new Date('2026-12-31'))).toEqual({ year: 2026, week: 53 });
    expect(periodKey(new Date('2026-06-15'), 'week')).toBe('2026-W25');
  });
});

describe('periodRange', () => {
  it('lists every week across a year boundary, including empty ones', () => {
    expect(periodRange(new Date('2020-12-28'), new Date('2021-01-17'), 'week')).toEqual(['2020-W53', '2021-W01', '2021-W02']);
  });

  it('lists months across a year boundary', () => {
    expect(periodRange(new Date('2023-11-30'), new Date('2024-02-01'), 'month')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('lists days across a leap day', () => {
    expect(periodRange(new Date('2024-02-28'), new Date('2024-03-01T12:00:00Z'), 'day')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('keeps keys in time order when sorted as strings', () => {
    const keys = periodRange(new Date('2020-11-01'), new Date('2021-03-01'), 'week');
    expect([...keys].sort()).toEqual(keys);
  });
});
