/** Hand-built records and analysis results for the store tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisResult, JourneyStageId, SentimentLabel } from '../../src/contract.js';
import type { FeedbackRecord } from '../../src/store/index.js';

export interface ThemeSpec {
  id: string;
  stage: JourneyStageId;
  score: number;
  evidence?: { start: number; end: number }[];
}

function labelOf(score: number): SentimentLabel {
  if (score > 0.1) return 'positive';
  if (score < -0.1) return 'negative';
  return 'neutral';
}

/** An analysis result with the given document sentiment, themes and churn risk. */
export function resultFor(id: string, text: string, score: number, themes: ThemeSpec[] = [], churnRisk = 0): AnalysisResult {
  const stages = [...new Set(themes.map((theme) => theme.stage))].map((stage) => {
    const inStage = themes.filter((theme) => theme.stage === stage);
    const mean = inStage.reduce((sum, theme) => sum + theme.score, 0) / inStage.length;
    return { id: stage, sentiment: { label: labelOf(mean), score: mean, confidence: 0.8 } };
  });
  return {
    id,
    language: 'en',
    sentiment: { label: labelOf(score), score, confidence: 0.9 },
    sentences: [{ start: 0, end: text.length, sentiment: { label: labelOf(score), score, confidence: 0.9 } }],
    themes: themes.map((theme) => ({
      id: theme.id,
      label: theme.id.replace(/-/g, ' '),
      stage: theme.stage,
      sentiment: { label: labelOf(theme.score), score: theme.score, confidence: 0.7 },
      evidence: theme.evidence ?? [{ start: 0, end: Math.min(4, text.length) }],
    })),
    stages,
    targets: [],
    signals: { churnRisk, effort: 0, urgency: 0, actionable: false },
    metadata: {},
  };
}

/** A record with sensible defaults; `overrides` replace fields, `themes` and `sentiment` shape the result. */
export function record(
  id: string,
  fields: Partial<Omit<FeedbackRecord, 'result'>> & { sentiment?: number; themes?: ThemeSpec[]; churnRisk?: number; language?: string } = {},
): FeedbackRecord {
  const { sentiment = 0, themes = [], churnRisk = 0, language = 'en', ...rest } = fields;
  const text = rest.text ?? `comment ${id}`;
  return { date: '2026-03-01', ...rest, id, text, result: { ...resultFor(id, text, sentiment, themes, churnRisk), language } };
}

/** A fresh temporary folder and a database path inside it; `cleanup` removes both. */
export function temporaryDatabase(): { file: string; folder: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-store-'));
  return { folder, file: path.join(folder, 'nested', 'verbatim.db'), cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}
