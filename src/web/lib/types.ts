/**
 * The API's response shapes the dashboard reads (see /docs for the full OpenAPI document).
 * Written by hand from the server's zod schemas; only the fields used here.
 */
import type { MetricId } from './format.js';
import type { SentimentLabel } from './palette.js';

export interface MetricValue {
  metric: MetricId;
  value: number | null;
  n: number;
  ci: { low: number; high: number } | null;
  counts: { promoter: number; passive: number; detractor: number; invalid: number };
}
export interface MetricOverall extends MetricValue {
  volume: number;
}
export interface MetricGroups {
  metric: MetricId;
  groups: (MetricValue & { key: string; label?: string; stage?: string; volume: number })[];
}
export interface SentimentMix {
  positive: number;
  negative: number;
  neutral: number;
  mixed: number;
}
export interface Driver {
  id: string;
  label: string | null;
  stage: string | null;
  volume: number;
  share: number;
  score: number | null;
  n: number;
  impact: number | null;
  relativeImportance: number | null;
  revenueAtRisk: number | null;
  sentiment: SentimentMix;
}
export interface DriversResponse {
  metric: MetricId;
  level: 'theme' | 'stage';
  overall: { value: number | null; n: number };
  rSquared: number | null;
  drivers: Driver[];
}
export interface TrendPoint {
  period: string;
  volume: number;
  total: number;
  share: number;
  sentiment: number | null;
  score: MetricValue;
}
export interface EmergingTheme {
  id: string;
  label?: string;
  stage?: string;
  windowCount: number;
  historyCount: number;
  windowShare: number;
  historyShare: number;
  z: number | null;
  emerging: boolean;
  isNew: boolean;
}
export interface TrendsResponse {
  metric: MetricId;
  interval: string;
  points: TrendPoint[];
  window: { first: string; last: string } | null;
  emerging: EmergingTheme[];
}
export interface Facets {
  total: number;
  first: string | null;
  last: string | null;
  segments: { value: string; count: number }[];
  channels: { value: string; count: number }[];
  scoreTypes: { value: string; count: number }[];
  themes: { id: string; label: string; stage: string; count: number; meanSentiment: number }[];
}
export interface ThemeSeries {
  interval: string;
  periods: string[];
  themes: { id: string; counts: number[] }[];
}
export interface Sentiment {
  label: SentimentLabel;
  score: number;
  confidence: number;
}
export interface FeedbackItem {
  id: string;
  text: string;
  date: string;
  score: number | null;
  scoreType: MetricId | null;
  scoreBand: 'promoter' | 'passive' | 'detractor' | null;
  segment: string | null;
  channel: string | null;
  accountId: string | null;
  revenue: number | null;
  result: {
    /** ISO 639-1 code of the language the comment was read in. */
    language?: string;
    sentiment: Sentiment;
    sentences: { start: number; end: number; sentiment: Sentiment }[];
    themes: { id: string; label: string; stage: string; sentiment: Sentiment; evidence: { start: number; end: number }[] }[];
    stages: { id: string; sentiment: Sentiment }[];
    targets: { text: string; found: boolean; start?: number; end?: number; sentiment?: Sentiment }[];
    signals: { churnRisk: number; effort: number; urgency: number; actionable: boolean };
  };
}
export interface FeedbackPage {
  items: FeedbackItem[];
  nextCursor: string | null;
}
export interface TaxonomyDocument {
  id: string;
  name: string;
  stages: { id: string; label: string; order: number }[];
  themes: { id: string; label: string; stage: string; parent?: string; terms: string[] }[];
}
export interface TaxonomySummary {
  id: string;
  name: string;
  themes: number;
  active: boolean;
  builtIn: boolean;
}
export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  total: number | null;
  error: { code: string; message: string } | null;
}
export interface DiscoveredTheme {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  share: number;
  sentiment: { score: number; label: string; sampled: number } | null;
  stage: string | null;
  parent: string | null;
  representatives: { id: string | number; text: string }[];
  nearestTaxonomyTheme: { id: string; label: string; similarity: number } | 'new' | null;
}
export interface DiscoveryRun {
  job: Job;
  result: { records: number; coverage: number; taxonomyId: string; themes: DiscoveredTheme[] } | null;
}
