import type { FeedbackFact, ThemeFact } from '../../src/metrics/index.js';

let counter = 0;

/** A fact with defaults (dated 2024-01-10, neutral, no themes) overridden by `fields`. */
export function makeFact(fields: Partial<FeedbackFact> = {}): FeedbackFact {
  counter += 1;
  return {
    id: `fact-${counter}`,
    date: '2024-01-10',
    sentiment: { label: 'neutral', score: 0 },
    themes: [],
    ...fields,
  };
}

/** A theme mention: id, stage and sentiment score. */
export function theme(id: string, stage: string, sentimentScore = 0, extra: Partial<ThemeFact> = {}): ThemeFact {
  return { id, stage, sentimentScore, ...extra };
}

/** Facts with these NPS-style scores and nothing else. */
export function scored(scores: readonly number[], fields: Partial<FeedbackFact> = {}): FeedbackFact[] {
  return scores.map((score) => makeFact({ score, ...fields }));
}
