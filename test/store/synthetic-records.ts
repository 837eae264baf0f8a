/**
 * Seeded synthetic feedback for the analytics equivalence tests and bench/store-analytics.ts:
 * a year of dated records with NPS, CSAT and CES scores (and some without), segments, channels,
 * accounts with revenue, a language (mostly English), and 0-3 themes from a fixed list, each with its journey stage and
 * sentiment. Deterministic for a seed.
 */
import type { JourneyStageId } from '../../src/contract.js';
import { mulberry32 } from '../../src/datasets/random.js';
import type { FeedbackRecord, ScoreType } from '../../src/store/index.js';
import { resultFor, type ThemeSpec } from './fixtures.js';

const STAGES: readonly JourneyStageId[] = ['purchase', 'delivery', 'product', 'billing', 'support', 'onboarding'];

/** 30 themes, five per stage. */
export const SYNTHETIC_THEMES: readonly { id: string; stage: JourneyStageId }[] = STAGES.flatMap((stage) =>
  [1, 2, 3, 4, 5].map((index) => ({ id: `${stage}-theme-${index}`, stage })),
);

const SEGMENTS = ['consumer', 'smb', 'enterprise', 'public-sector'];
const CHANNELS = ['survey', 'email', 'chat', 'app-review'];
/** Languages by record index, not from the seeded stream, so adding them moved no other field. */
const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'en', 'fr', 'de', 'es', 'und', 'en', 'en', 'pt'];
const START = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

/**
 * `count` records starting at index `offset` (so batches of one run line up), spread over
 * `days` days from 2025-01-01.
 * @example syntheticRecords(0, 500, { seed: 7 })
 */
export function syntheticRecords(offset: number, count: number, options: { seed?: number; days?: number } = {}): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  const days = options.days ?? 365;
  for (let index = offset; index < offset + count; index += 1) {
    const random = mulberry32((options.seed ?? 1) * 1_000_003 + index);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const typeRoll = random();
    const scoreType: ScoreType | null = typeRoll < 0.6 ? 'nps' : typeRoll < 0.85 ? 'csat' : typeRoll < 0.95 ? 'ces' : null;
    const scale = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
    const score = scoreType === null ? null : scale[scoreType][0] + Math.floor(random() * (scale[scoreType][1] - scale[scoreType][0] + 1));
    const themeCount = Math.floor(random() * 4);
    const themes: ThemeSpec[] = [];
    for (let slot = 0; slot < themeCount; slot += 1) {
      // Skewed towards the first themes, so some are frequent and some rare.
      const theme = SYNTHETIC_THEMES[Math.floor(random() ** 2 * SYNTHETIC_THEMES.length)]!;
      if (themes.some((existing) => existing.id === theme.id)) continue;
      themes.push({ id: theme.id, stage: theme.stage, score: Math.round((random() * 2 - 1) * 1000) / 1000 });
    }
    const hasAccount = random() < 0.7;
    const time = START + Math.floor(random() * days * DAY_MS);
    const sentiment = Math.round((random() * 2 - 1) * 1000) / 1000;
    const id = `r${String(index).padStart(8, '0')}`;
    const text = `comment ${index} about ${themes.map((theme) => theme.id.replace(/-/g, ' ')).join(' and ') || 'nothing'}`;
    records.push({
      id,
      text,
      date: new Date(time).toISOString(),
      score,
      scoreType,
      segment: random() < 0.9 ? pick(SEGMENTS) : null,
      channel: random() < 0.9 ? pick(CHANNELS) : null,
      accountId: hasAccount ? `acct-${Math.floor(random() * Math.max(10, count / 20))}` : null,
      revenue: random() < 0.8 ? Math.round(random() * 100_000) / 100 : null,
      result: { ...resultFor(id, text, sentiment, themes), language: LANGUAGES[index % LANGUAGES.length]! },
    });
  }
  return records;
}
