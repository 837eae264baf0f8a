/**
 * Turns one document's stage outputs (clause scores, theme hits, signals) into the result
 * contract: sentence, theme, stage and target sentiment all come from the clauses that carry them,
 * aggregated by the one sentiment aggregator, so every level reads the same way.
 */
import { roundScore, type AnalysisResult, type Emotion, type RecordId, type Sentiment, type Span, type TargetResult, type ThemeResult } from './contract.js';
import type { Components } from './engine.js';
import { anchorEmotions } from './emotion-anchor.js';
import { aggregateClauses, aggregateSentiments, aggregateSpans } from './sentiment/aggregate.js';
import type { ClauseScore } from './sentiment/types.js';
import type { TextDocument } from './text/document.js';
import type { ThemeHit } from './themes/types.js';
import { aggregateStages, type WeightedThemeResult } from './journey/index.js';
import { toSignals, type SignalDetector } from './signals/index.js';
import { findTarget } from './targets.js';

export interface AssembleInput {
  id: RecordId;
  doc: TextDocument;
  clauseScores: ClauseScore[];
  targets: readonly string[];
  metadata: Record<string, unknown>;
  emotions: Emotion[] | null;
  /** ISO 639-1 code of the language the comment was read in (src/language/detect.ts). */
  language: string;
  /** The PII-redacted text, when the engine redacts. */
  redactedText?: string;
  /** The document themes are matched on when it is not `doc`: a foreign comment's glossed copy (engine-language.ts). */
  themeDoc?: TextDocument;
  /** The signal detector when not the engine's English one: a foreign comment's (engine-language.ts). */
  signals?: SignalDetector;
}

/** What targetMentions gives a comment with no targets: one shared list, never written to. */
const NO_MENTIONS: Span[][] = [];

/** Where each requested target occurs in the comment (an empty list: not found). */
export function targetMentions(doc: TextDocument, targets: readonly string[]): Span[][] {
  if (targets.length === 0) return NO_MENTIONS;
  return targets.map((target) => findTarget(doc.text, target));
}

/** True when the scorer judges target mentions itself (the aspect model), so the engine must ask it for span scores first. */
export function scoresSpans(components: Components): boolean {
  return Boolean(components.scorer.aspectAware && components.scorer.scoreSpans);
}

/**
 * Builds the contract result of one analyzed comment. `spanScores` holds one score per mention of
 * `mentions` (flattened, in order) when the scorer scores spans; the engine asks for the span
 * scores of a whole batch in one model call, so nothing here waits.
 */
export function assembleResult(
  components: Components,
  input: AssembleInput,
  mentions: readonly Span[][],
  spanScores: readonly ClauseScore[] | null,
): AnalysisResult {
  return buildResult(components, input, components.themes.match(input.themeDoc ?? input.doc), mentions, spanScores);
}

function buildResult(
  components: Components,
  input: AssembleInput,
  hits: readonly ThemeHit[],
  mentions: readonly Span[][],
  spanScores: readonly ClauseScore[] | null,
): AnalysisResult {
  const { doc, clauseScores } = input;
  const options = components.config.sentiment;
  const clauses = doc.clauses;

  // The aggregators answer with a new object each time, so it is rounded where it lies; a theme's
  // is kept unrounded for its stage and so rounded as a copy.
  const sentiment = rounded(aggregateClauses(clauses, clauseScores, null, options));
  const sentences = new Array<AnalysisResult['sentences'][number]>(doc.sentences.length);
  for (let index = 0; index < doc.sentences.length; index += 1) {
    const sentence = doc.sentences[index]!;
    sentences[index] = {
      start: sentence.start,
      end: sentence.end,
      sentiment: rounded(aggregateClauses(clauses, clauseScores, sentence.clauses, options)),
    };
  }

  const themes = new Array<ThemeResult>(hits.length);
  const weighted = new Array<WeightedThemeResult>(hits.length);
  for (let index = 0; index < hits.length; index += 1) {
    const hit = hits[index]!;
    const theme = components.themeById.get(hit.themeId)!;
    const themeSentiment = aggregateClauses(clauses, clauseScores, hit.clauses, options);
    weighted[index] = { id: theme.id, label: theme.label, stage: theme.stage, sentiment: themeSentiment, evidence: hit.evidence, strength: hit.strength };
    themes[index] = { id: theme.id, label: theme.label, stage: theme.stage, sentiment: rounded({ ...themeSentiment }), evidence: hit.evidence };
  }
  const stages = hits.length === 0 ? [] : aggregateStages(weighted, (list) => aggregateSentiments(list, options));
  for (const stage of stages) rounded(stage.sentiment);
  const targets = targetResults(components, doc, clauseScores, input.targets, mentions, spanScores);
  const signals = toSignals((input.signals ?? components.signals)(doc, clauseScores, hits));

  // Keys in the contract schema's order: the API serializes results with JSON.stringify, and the
  // bytes must be those a zod encode of the schema would give (test/server/analyze-serializer.test.ts).
  const result = { id: input.id, language: input.language, sentiment, sentences, themes, stages, targets, signals } as AnalysisResult;
  if (input.emotions) {
    result.emotions = components.config.emotions.anchored ? anchorEmotions(input.emotions, clauseScores, options) : input.emotions;
  }
  if (input.redactedText !== undefined) result.redactedText = input.redactedText;
  result.metadata = input.metadata;
  return result;
}

/**
 * Target sentiment comes from the scorer's span scoring (the aspect model for the learned scorer)
 * on each mention when it has one, else from the clauses that contain the mentions.
 */
function targetResults(
  components: Components,
  doc: TextDocument,
  clauseScores: readonly ClauseScore[],
  targets: readonly string[],
  mentions: readonly Span[][],
  spanScores: readonly ClauseScore[] | null,
): TargetResult[] {
  if (targets.length === 0) return [];
  const options = components.config.sentiment;
  let next = 0;
  return targets.map((text, index) => {
    const spans = mentions[index]!;
    if (spans.length === 0) return { text, found: false };
    let sentiment: Sentiment;
    if (spanScores) {
      sentiment = aggregateSpans(spans.map(() => ({ score: spanScores[next++]! })), options);
    } else {
      const containing: number[] = [];
      for (const span of spans) {
        const clause = clauseOf(doc, span);
        if (clause >= 0 && !containing.includes(clause)) containing.push(clause);
      }
      sentiment = aggregateClauses(doc.clauses, clauseScores, containing, options);
    }
    const first: Span = spans[0]!;
    return { text, found: true, start: first.start, end: first.end, sentiment: rounded(sentiment) };
  });
}

/** `sentiment` with its score and confidence rounded where they lie: pass one no one else holds. */
function rounded(sentiment: Sentiment): Sentiment {
  sentiment.score = roundScore(sentiment.score);
  sentiment.confidence = roundScore(sentiment.confidence);
  return sentiment;
}

/** Index of the clause containing the span's start, or -1. */
function clauseOf(doc: TextDocument, span: Span): number {
  return doc.clauses.findIndex((clause) => clause.start <= span.start && span.start < clause.end);
}
