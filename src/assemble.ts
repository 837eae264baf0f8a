/**
 * Turns one document's stage outputs (clause scores, theme hits, signals) into the result
 * contract: sentence, theme, stage and target sentiment all come from the clauses that carry them,
 * aggregated by the one sentiment aggregator, so every level reads the same way.
 */
import type { AnalysisResult, Emotion, RecordId, Sentiment, Span, TargetResult, ThemeResult } from './contract.js';
import type { Components } from './engine.js';
import { aggregateClauses, aggregateSpans } from './sentiment/aggregate.js';
import type { ClauseScore } from './sentiment/types.js';
import type { TextDocument } from './text/document.js';
import type { ThemeHit } from './themes/types.js';
import { aggregateStages, type WeightedSentiment, type WeightedThemeResult } from './journey/index.js';
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

/**
 * Builds the contract result of one analyzed comment. Asynchronous only because an aspect-aware
 * scorer (the learned model) scores target mentions; see needsSpanScores/assembleResultSync for
 * the synchronous path the engine takes otherwise.
 */
export async function assembleResult(components: Components, input: AssembleInput): Promise<AnalysisResult> {
  const { doc } = input;
  const mentions = input.targets.map((target) => findTarget(doc.text, target));
  const { scorer } = components;
  let spanScores: ClauseScore[] | null = null;
  if (scorer.aspectAware && scorer.scoreSpans) {
    const requests = mentions.flat().map((span) => ({ doc, span }));
    if (requests.length > 0) {
      // Themes are matched before the span scores arrive, as they always were.
      const hits = components.themes.match(doc);
      spanScores = await scorer.scoreSpans(requests);
      return buildResult(components, input, hits, mentions, spanScores);
    }
  }
  return buildResult(components, input, components.themes.match(doc), mentions, spanScores);
}

/** True when assembling a result with these targets needs the scorer's (asynchronous) span scoring. */
export function needsSpanScores(components: Components, targets: readonly string[]): boolean {
  return targets.length > 0 && Boolean(components.scorer.aspectAware && components.scorer.scoreSpans);
}

/**
 * assembleResult without the asynchronous step, for when needsSpanScores is false (no targets, or
 * a scorer without span scoring): the per-comment hot path of the engine, with no promise per
 * comment. Gives exactly what assembleResult gives.
 */
export function assembleResultSync(components: Components, input: AssembleInput): AnalysisResult {
  const { doc } = input;
  const targets = input.targets;
  const mentions: Span[][] = targets.length === 0 ? [] : targets.map((target) => findTarget(doc.text, target));
  return buildResult(components, input, components.themes.match(doc), mentions, null);
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
    themes[index] = { id: theme.id, label: theme.label, stage: theme.stage, sentiment: rounded(themeSentiment), evidence: hit.evidence };
  }
  const stages =
    hits.length === 0
      ? []
      : aggregateStages(weighted, (list) => aggregateSentiments(list, options)).map((stage) => ({
          id: stage.id,
          sentiment: rounded(stage.sentiment),
        }));
  const targets = targetResults(components, doc, clauseScores, input.targets, mentions, spanScores);
  const signals = toSignals(components.signals(doc, clauseScores, hits));

  const result: AnalysisResult = {
    id: input.id,
    sentiment,
    sentences,
    themes,
    stages,
    targets,
    signals,
    metadata: input.metadata,
  };
  if (input.emotions) result.emotions = input.emotions;
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
      // One unit per mention, judged by its score alone: the rule evidence blended into a span
      // score covers the whole clause around the target, other aspects' opinions included, and
      // read as parts it made a single mention "mixed" (MAMS val: 0.748 against 0.762 without).
      sentiment = aggregateSpans(spans.map(() => ({ score: { ...spanScores[next++]!, evidence: [] } })), options);
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

/** Scores are reported to 4 decimals: finer digits are noise and make results hard to diff. */
const SCORE_PRECISION = 1e4;

function round(value: number): number {
  return Math.round(value * SCORE_PRECISION) / SCORE_PRECISION;
}

function rounded(sentiment: Sentiment): Sentiment {
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
