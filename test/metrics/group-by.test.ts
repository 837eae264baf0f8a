import { describe, expect, it } from 'vitest';
import { groupMetric } from '../../src/metrics/index.js';
import { makeFact, theme } from './make-fact.js';

describe('groupMetric', () => {
  it('groups by segment, most scored responses first, facts without a segment left out', () => {
    const facts = [
      makeFact({ score: 10, segment: 'smb' }),
      makeFact({ score: 0, segment: 'enterprise' }),
      makeFact({ score: 9, segment: 'enterprise' }),
      makeFact({ score: 8, segment: 'enterprise' }),
      makeFact({ score: 7 }),
    ];
    const result = groupMetric(facts, { metric: 'nps', by: 'segment' });
    expect(result.groups.map((group) => [group.key, group.n, group.value])).toEqual([
      ['enterprise', 3, 0], // 1 promoter, 1 passive, 1 detractor
      ['smb', 1, 100],
    ]);
    expect(result.ungrouped).toBe(1);
    expect(result.interval).toBeUndefined();
  });

  it('groups by the language a comment was read in, a fact without one left out', () => {
    const facts = [
      makeFact({ score: 10, language: 'fr' }),
      makeFact({ score: 0, language: 'fr' }),
      makeFact({ score: 9, language: 'en' }),
      makeFact({ score: 9, language: 'und' }),
      makeFact({ score: 9 }),
    ];
    const result = groupMetric(facts, { metric: 'nps', by: 'language' });
    expect(result.groups.map((group) => [group.key, group.n, group.value])).toEqual([
      ['fr', 2, 0],
      ['en', 1, 100],
      ['und', 1, 100],
    ]);
    expect(result.ungrouped).toBe(1);
  });

  it('counts a response once in each theme it mentions and once per distinct stage', () => {
    const facts = [
      makeFact({ score: 10, themes: [theme('staff', 'support'), theme('refund', 'billing'), theme('staff', 'support')] }),
      makeFact({ score: 2, themes: [theme('refund', 'billing', -0.5, { label: 'Refunds' }), theme('invoice', 'billing')] }),
      makeFact({ score: 9 }),
    ];
    const byTheme = groupMetric(facts, { metric: 'nps', by: 'theme' });
    expect(byTheme.groups.map((group) => [group.key, group.n, group.value, group.stage])).toEqual([
      ['refund', 2, 0, 'billing'],
      ['invoice', 1, -100, 'billing'],
      ['staff', 1, 100, 'support'],
    ]);
    expect(byTheme.groups[0].label).toBe('Refunds');
    expect(byTheme.ungrouped).toBe(1);
    const byStage = groupMetric(facts, { metric: 'nps', by: 'stage' });
    expect(byStage.groups.map((group) => [group.key, group.n])).toEqual([
      ['billing', 2],
      ['support', 1],
    ]);
  });

  it('groups ISO weeks across the year boundary in time order', () => {
    const facts = [
      makeFact({ score: 10, date: '2021-01-04' }),
      makeFact({ score: 0, date: '2021-01-03' }),
      makeFact({ score: 10, date: '2020-12-28' }),
      makeFact({ score: 3, date: '2021-01-10T23:00:00Z' }),
      makeFact({ score: 3, date: 'yesterday' }),
    ];
    const result = groupMetric(facts, { metric: 'nps', by: 'period', interval: 'week' });
    expect(result.interval).toBe('week');
    expect(result.groups.map((group) => [group.key, group.n, group.value])).toEqual([
      ['2020-W53', 2, 0],
      ['2021-W01', 2, 0],
    ]);
    expect(result.ungrouped).toBe(1);
  });

  it('keeps groups with no valid score, value null, sorted after scored ones', () => {
    const facts = [makeFact({ channel: 'email' }), makeFact({ channel: 'chat', score: 4, scoreType: 'csat' })];
    const result = groupMetric(facts, { metric: 'csat', by: 'channel' });
    expect(result.groups.map((group) => [group.key, group.value, group.volume])).toEqual([
      ['chat', 100, 1],
      ['email', null, 1],
    ]);
  });

  it('returns no groups for no facts and one group when all share a key', () => {
    expect(groupMetric([], { metric: 'nps', by: 'channel' }).groups).toEqual([]);
    const single = groupMetric([makeFact({ score: 8, channel: 'web' }), makeFact({ score: 8, channel: 'web' })], { metric: 'nps', by: 'channel' });
    expect(single.groups).toHaveLength(1);
    expect(single.groups[0]).toMatchObject({ key: 'web', value: 0, n: 2, volume: 2, ci: { low: 0, high: 0 } });
  });

  it('defaults the period interval to week', () => {
    expect(groupMetric([makeFact({ score: 9, date: '2024-01-01' })], { metric: 'nps', by: 'period' }).groups[0].key).toBe('2024-W01');
  });
});
