/**
 * The result contract: the one shape every shell (CLI, HTTP API, store, dashboard) emits for an
 * analyzed comment. Defined once here as zod schemas; TypeScript types are inferred from them.
 */
import { z } from 'zod';

/** A UTF-16 code-unit range into the original text (what JavaScript strings index). */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral', 'mixed'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** Sentiment of any unit (document, sentence, clause, theme, stage, target). */
export const SentimentSchema = z.object({
  label: z.enum(SENTIMENT_LABELS),
  score: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
});
export type Sentiment = z.infer<typeof SentimentSchema>;

/** Scores (sentiment, confidence, emotions) are reported to 4 decimals: finer digits are noise and make results hard to diff. */
export function roundScore(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

export const JOURNEY_STAGES = [
  'awareness',
  'purchase',
  'onboarding',
  'delivery',
  'product',
  'support',
  'billing',
  'renewal',
] as const;
export type JourneyStageId = (typeof JOURNEY_STAGES)[number];

export const SentenceResultSchema = SpanSchema.extend({ sentiment: SentimentSchema });

export const ThemeResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  stage: z.enum(JOURNEY_STAGES),
  sentiment: SentimentSchema,
  evidence: z.array(SpanSchema),
});
export type ThemeResult = z.infer<typeof ThemeResultSchema>;

export const StageResultSchema = z.object({
  id: z.enum(JOURNEY_STAGES),
  sentiment: SentimentSchema,
});
export type StageResult = z.infer<typeof StageResultSchema>;

export const TargetResultSchema = z.object({
  text: z.string(),
  found: z.boolean(),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  sentiment: SentimentSchema.optional(),
});
export type TargetResult = z.infer<typeof TargetResultSchema>;

export const SignalsSchema = z.object({
  churnRisk: z.number().min(0).max(1),
  effort: z.number().min(0).max(1),
  urgency: z.number().min(0).max(1),
  actionable: z.boolean(),
});
export type Signals = z.infer<typeof SignalsSchema>;

export const EmotionSchema = z.object({
  label: z.string(),
  score: z.number().min(0).max(1),
});
export type Emotion = z.infer<typeof EmotionSchema>;

export const RecordIdSchema = z.union([z.string(), z.number()]);
export type RecordId = z.infer<typeof RecordIdSchema>;

/** The form of AnalysisResult.language: an ISO 639-1 code, or 'und' (ISO 639-2: a language Verbatim cannot read). */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}$/;

/** A successfully analyzed comment. */
export const AnalysisResultSchema = z.object({
  id: RecordIdSchema,
  /**
   * The language the comment was read in: 'en', or one of 'es', 'fr', 'de', 'pt', 'it', 'nl', 'sv',
   * 'da', 'no', 'fi', 'pl', 'tr', 'id', 'ro', 'cs', 'hu', 'ca', 'vi' (ISO 639-1; read with that
   * language's lexicon; no emotions, English taxonomy), or 'und' for a language Verbatim cannot
   * read (another script, or mostly unknown words): neutral, confidence 0.
   */
  language: z.string(),
  sentiment: SentimentSchema,
  sentences: z.array(SentenceResultSchema),
  themes: z.array(ThemeResultSchema),
  stages: z.array(StageResultSchema),
  targets: z.array(TargetResultSchema),
  signals: SignalsSchema,
  emotions: z.array(EmotionSchema).optional(),
  redactedText: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()),
});
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

/** A record that could not be analyzed: it keeps its line in the output with a coded error. */
export const ErrorResultSchema = z.object({
  id: RecordIdSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorResult = z.infer<typeof ErrorResultSchema>;

export const ResultLineSchema = z.union([AnalysisResultSchema, ErrorResultSchema]);
export type ResultLine = z.infer<typeof ResultLineSchema>;

/** One comment to analyze, as the library, CLI and API accept it. */
export const CommentInputSchema = z.object({
  id: RecordIdSchema.optional(),
  text: z.string(),
  targets: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type CommentInput = z.infer<typeof CommentInputSchema>;

/** True when a result line carries an error rather than an analysis. */
export function isErrorResult(line: ResultLine): line is ErrorResult {
  return 'error' in line;
}
