import { describe, expect, it } from 'vitest';
import { AlertRuleSchema, matchesRecord, type AlertRule } from '../../../src/server/alerts/rules.js';
import { record } from '../../store/fixtures.js';

const SUPPORT_NEGATIVE = { id: 'support-responsiveness', stage: 'support' as const, score: -0.7 };
const SUPPORT_POSITIVE = { id: 'support-responsiveness', stage: 'support' as const, score: 0.6 };

describe('matchesRecord', () => {
  it.each<[string, AlertRule, Parameters<typeof record>[1], boolean]>([
    ['NPS detractor mentioning support', { kind: 'detractor-in-stage', stage: 'support' }, { score: 4, scoreType: 'nps', themes: [SUPPORT_NEGATIVE] }, true],
    ['NPS passive mentioning support', { kind: 'detractor-in-stage', stage: 'support' }, { score: 7, scoreType: 'nps', themes: [SUPPORT_NEGATIVE] }, false],
    ['CSAT 2 (detractor band) mentioning support', { kind: 'detractor-in-stage', stage: 'support' }, { score: 2, scoreType: 'csat', themes: [SUPPORT_NEGATIVE] }, true],
    ['detractor in another stage', { kind: 'detractor-in-stage', stage: 'billing' }, { score: 0, scoreType: 'nps', themes: [SUPPORT_NEGATIVE] }, false],
    ['detractor without a score type', { kind: 'detractor-in-stage', stage: 'support' }, { score: 0, themes: [SUPPORT_NEGATIVE] }, false],
    ['churn risk at the threshold', { kind: 'churn-risk', min: 0.7 }, { churnRisk: 0.7 }, true],
    ['churn risk below the threshold', { kind: 'churn-risk', min: 0.7 }, { churnRisk: 0.69 }, false],
    ['theme mentioned negatively', { kind: 'theme-negative', theme: 'support-responsiveness' }, { themes: [SUPPORT_NEGATIVE] }, true],
    ['theme mentioned positively', { kind: 'theme-negative', theme: 'support-responsiveness' }, { themes: [SUPPORT_POSITIVE] }, false],
    ['emerging-theme never fires on one record', { kind: 'emerging-theme' }, { themes: [SUPPORT_NEGATIVE], churnRisk: 1 }, false],
  ])('%s', (_case, rule, fields, expected) => {
    expect(matchesRecord(rule, record('r', fields))).toBe(expected);
  });
});

describe('AlertRuleSchema', () => {
  it.each([
    [{ kind: 'churn-risk', min: 0.7 }, true],
    [{ kind: 'churn-risk' }, false],
    [{ kind: 'theme-negative', theme: '' }, false],
    [{ kind: 'emerging-theme', interval: 'month' }, true],
    [{ kind: 'emerging-theme', extra: 1 }, false],
  ])('%j valid: %s', (rule, valid) => {
    expect(AlertRuleSchema.safeParse(rule).success).toBe(valid);
  });
});
