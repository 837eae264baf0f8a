/**
 * Turns one document's stage outputs (clause scores, theme hits, signals) into the result
 * contract: sentence, theme, stage and target sentiment all come from the clauses that carry them,
 * aggregated by the one sentiment aggregator, so every level reads the same way.
 */
import type { AnalysisResult, Emotion, RecordId, Sentiment, Span, TargetResult, ThemeResult } from './contract.js';
import type { Components } from './engine.js';
import { aggregateSpans, type WeightedScore } from './sentiment/aggregate.js';
import type { ClauseScore } from './sentiment/types.js';
import type { TextDocument } from './text/document.js';
import type { ThemeHit } from './themes/types.js';
import { aggregateStages, type WeightedSentiment } from './journey/index.js';
import { toSignals } from './signals/index.js';
import { findTarget } from './targets.js';

export interface AssembleInput {
  id: RecordId;
  doc: TextDocument;
  clauseScores: ClauseScore[];
  targets: readonly string[];
  metadata: Record<string, unknown>;
  emotions: Emotion[] | null;
}

/** Builds the contract result of one analyzed comment. */
export async function assembleResult(components: Components, input: AssembleInput): Promise<AnalysisResult> {
  const { doc, clauseScores } = input;
  const options = components.config.sentiment;
  const unitsOf = (clauseIndexes: Iterable<number>): WeightedScore[] =>
    Array.from(clauseIndexes, (index) => {
      const clause = doc.clauses[index]!;
      return { score: clauseScores[index]!, role: clause.role, connective: clause.connective };
    });

  const sentiment = aggregateSpans(unitsOf(doc.clauses.keys()), options);
  const sentences = doc.sentences.map((sentence) => ({
    start: sentence.start,
    end: sentence.end,
    sentiment: aggregateSpans(unitsOf(sentence.clauses), options),
  }));

  const hits = components.themes.match(doc);
  const themes = themeResults(components, hits, (clauses) => aggregateSpans(unitsOf(clauses), options));
  const stages = aggregateStages(
    themes.map((theme, index) => ({ ...theme, strength: hits[index]!.strength })),
    (weighted) => aggregateSentiments(weighted, options),
  );
  const targets = await targetResults(components, doc, clauseScores, input.targets, unitsOf);
  const signals = toSignals(components.signals(doc, clauseScores, hits));

  const result: AnalysisResult = {
    id: input.id,
    sentiment: rounded(sentiment),
    sentences: sentences.map((sentence) => ({ ...sentence, sentiment: rounded(sentence.sentiment) })),
    themes: themes.map((theme) => ({ ...theme, sentiment: rounded(theme.sentiment) })),
    stages: stages.map((stage) => ({ ...stage, sentiment: rounded(stage.sentiment) })),
    targets: targets.map((target) => (target.sentiment ? { ...target, sentiment: rounded(target.sentiment) } : target)),
    signals,
    metadata: input.metadata,
  };
  if (input.emotions) result.emotions = input.emotions;
  return result;
}

function themeResults(
  components: Components,
  hits: readonly ThemeHit[],
  sentimentOf: (clauses: readonly number[]) => Sentiment,
): ThemeResult[] {
  return hits.map((hit) => {
    const theme = components.themeById.get(hit.themeId)!;
    return {
      id: theme.id,
      label: theme.label,
      stage: theme.stage,
      sentiment: sentimentOf(hit.clauses),
      evidence: hit.evidence,
    };
  });
}

/**
 * Target sentiment comes from the scorer's span scoring (the aspect model for the learned scorer)
 * on each mention when it has one, else from the clauses that contain the mentions.
 */
async function targetResults(
  components: Components,
  doc: TextDocument,
  clauseScores: readonly ClauseScore[],
  targets: readonly string[],
  unitsOf: (clauses: Iterable<number>) => WeightedScore[],
): Promise<TargetResult[]> {
  const mentions = targets.map((target) => findTarget(doc.text, target));
  const requests = mentions.flat().map((span) => ({ doc, span }));
  const { scorer } = components;
  const spanScores = scorer.aspectAware && scorer.scoreSpans && requests.length ? await scorer.scoreSpans(requests) : null;
  let next = 0;
  return targets.map((text, index) => {
    const spans = mentions[index]!;
    if (spans.length === 0) return { text, found: false };
    let units: WeightedScore[];
    if (spanScores) {
      units = spans.map(() => ({ score: spanScores[next++]! }));
    } else {
      units = unitsOf(new Set(spans.map((span) => clauseOf(doc, span)).filter((clause) => clause >= 0)));
    }
    const sentiment = aggregateSpans(units, components.config.sentiment);
    const first: Span = spans[0]!;
    return { text, found: true, start: first.start, end: first.end, sentiment };
  });
}

/** Scores are reported to 4 decimals: finer digits are noise and make results hard to diff. */
const SCORE_PRECISION = 1e4;

function rounded(sentiment: Sentiment): Sentiment {
  const round = (value: number) => Math.round(value * SCORE_PRECISION) / SCORE_PRECISION;
  return { label: sentiment.label, score: round(sentiment.score), confidence: round(sentiment.confidence) };
}

/** Index of the clause containing the span's start, or -1. */
function clauseOf(doc: TextDocument, span: Span): number {
  return doc.clauses.findIndex((clause) => clause.start <= span.start && span.start < clause.end);
}

/** Aggregates already-aggregated sentiments (themes into a stage) with the same aggregator. */
function aggregateSentiments(weighted: WeightedSentiment[], options: Components['config']['sentiment']): Sentiment {
  return aggregateSpans(
    weighted.map(({ sentiment, weight }) => ({
      score: { score: sentiment.score, confidence: sentiment.confidence, evidence: [] },
      weight,
    })),
    options,
  );
}
