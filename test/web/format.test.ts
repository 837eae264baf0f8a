import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES_TEXT } from '../../src/server/schemas.js';
import { formatCount, formatDelta, formatMetric, formatPeriod, formatShare, isNegativeDelta, LANGUAGE_NAMES, languageName } from '../../src/web/lib/format.js';

describe('dashboard number formats', () => {
  it.each([
    ['nps', -53.2, '−53'],
    ['nps', 12.6, '+13'],
    ['nps', 0, '0'],
    ['csat', 77.6, '77.6%'],
    ['ces', 5.125, '5.13'],
    ['csat', null, '–'],
  ] as const)('formatMetric(%s, %s) is %s', (metric, value, expected) => {
    expect(formatMetric(metric, value)).toBe(expected);
  });

  it('signs deltas by their rounded value, so a tiny negative impact is not shown as a loss', () => {
    expect(formatDelta('csat', -3.66)).toBe('−3.7\u00a0pts');
    expect(formatDelta('nps', -0.04)).toBe('±0.0\u00a0pts');
    expect(isNegativeDelta('nps', -0.04)).toBe(false);
    expect(isNegativeDelta('nps', -0.06)).toBe(true);
    expect(formatDelta('ces', 0.123)).toBe('+0.12');
  });

  it('formats shares with a decimal only below 10% and says when a share is tiny', () => {
    expect(formatShare(0.6234)).toBe('62%');
    expect(formatShare(0.0712)).toBe('7.1%');
    expect(formatShare(0.0002)).toBe('<0.1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatCount(3125)).toBe('3,125');
  });

  it('labels period keys of every interval', () => {
    expect(formatPeriod('2026-03')).toBe('Mar 26');
    expect(formatPeriod('2026-W09')).toBe('W09 ’26');
    expect(formatPeriod('2026-03-02')).toBe('2 Mar 2026');
  });

  it('names every language the engine reads, and the API describes the same codes', () => {
    // The dashboard and the API text list the codes by hand; the language data decides them.
    const data = JSON.parse(readFileSync('models/language/languages.json', 'utf8')) as { languages: Record<string, unknown> };
    const engine = ['en', ...Object.keys(data.languages), 'und'].sort();
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual(engine);
    expect([...LANGUAGE_CODES_TEXT.matchAll(/\b([a-z]{2,3})\b(?=[,;:])/g)].map((match) => match[1]).sort()).toEqual(engine);
    expect(languageName('fr')).toBe('French');
    expect(languageName('xx')).toBe('xx');
  });
});
