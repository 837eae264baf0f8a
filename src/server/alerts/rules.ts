/**
 * Alert rules: the conditions over stored results that close the loop. A rule is plain JSON
 * (stored as is), validated here by zod, and matched against one analyzed record at a time; the
 * emerging-theme rule is the exception, matched over the whole store (see evaluate.ts).
 */
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../contract.js';
import { INTERVALS } from '../../metrics/periods.js';
import { scoreBandOf, type FeedbackRecord } from '../../store/index.js';

export const DetractorInStageRuleSchema = z
  .strictObject({
    kind: z.literal('detractor-in-stage'),
    stage: z.enum(JOURNEY_STAGES).describe('A detractor score with a theme (or stage) in this journey stage'),
  })
  .describe('Detractor mentioning a stage');

export const ChurnRiskRuleSchema = z
  .strictObject({
    kind: z.literal('churn-risk'),
    min: z.number().min(0).max(1).describe('Fires when result.signals.churnRisk >= min'),
  })
  .describe('Churn risk at or above a threshold');

export const EmergingThemeRuleSchema = z
  .strictObject({
    kind: z.literal('emerging-theme'),
    interval: z.enum(INTERVALS).optional().describe('Window length of the emerging test; week by default'),
  })
  .describe('A theme of the new feedback is flagged emerging or new (see GET /v1/trends)');

export const ThemeNegativeRuleSchema = z
  .strictObject({
    kind: z.literal('theme-negative'),
    theme: z.string().min(1).max(200).describe('Theme id mentioned with negative sentiment'),
  })
  .describe('A theme mentioned negatively');

export const AlertRuleSchema = z.discriminatedUnion('kind', [
  DetractorInStageRuleSchema,
  ChurnRiskRuleSchema,
  EmergingThemeRuleSchema,
  ThemeNegativeRuleSchema,
]);
export type AlertRule = z.infer<typeof AlertRuleSchema>;

/** What a rule reads of a record: a FeedbackRecord (at ingest) or a FeedbackItem (from the store). */
export type AlertSubject = Pick<
  FeedbackRecord,
  'id' | 'text' | 'date' | 'score' | 'scoreType' | 'segment' | 'channel' | 'accountId' | 'revenue' | 'result'
>;

/**
 * Whether a per-record rule fires for `subject`. The emerging-theme rule never fires here: it
 * needs the history, not one record.
 * @example matchesRecord({ kind: 'churn-risk', min: 0.7 }, record) // true when churnRisk >= 0.7
 */
export function matchesRecord(rule: AlertRule, subject: AlertSubject): boolean {
  const { result } = subject;
  switch (rule.kind) {
    case 'detractor-in-stage':
      return (
        scoreBandOf(subject.score ?? null, subject.scoreType ?? null) === 'detractor' &&
        (result.themes.some((theme) => theme.stage === rule.stage) || result.stages.some((stage) => stage.id === rule.stage))
      );
    case 'churn-risk':
      return result.signals.churnRisk >= rule.min;
    case 'theme-negative':
      return result.themes.some((theme) => theme.id === rule.theme && theme.sentiment.label === 'negative');
    case 'emerging-theme':
      return false;
  }
}

/** Reads a stored rule back; null when it no longer parses (skipped rather than crashing delivery). */
export function parseStoredRule(rule: unknown): AlertRule | null {
  const parsed = AlertRuleSchema.safeParse(rule);
  return parsed.success ? parsed.data : null;
}
