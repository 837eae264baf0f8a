/**
 * The learned model as a ClauseScorer: every clause's text goes through the sentence model in one
 * batched call; target spans go through the aspect model with their sentence as context.
 */
import type { Span } from '../contract.js';
import type { ClauseScore, ClauseScorer } from '../sentiment/types.js';
import type { TextDocument } from '../text/document.js';
import type { SentimentModel } from './sentiment-model.js';
import { spanModelWords } from './doc-tokens.js';
import type { ModelWord } from './model-words.js';

/** Turns one probability row [negative, neutral, positive] into a ClauseScore. */
export function clauseScoreOf(probabilities: ArrayLike<number>, offset: number, span: Span, term: string): ClauseScore {
  const negative = probabilities[offset];
  const neutral = probabilities[offset + 1];
  const positive = probabilities[offset + 2];
  const score = Math.max(-1, Math.min(1, positive - negative));
  return {
    score,
    confidence: Math.max(negative, neutral, positive),
    probabilities: { negative, neutral, positive },
    evidence: [{ start: span.start, end: span.end, source: 'model', term, weight: score }],
  };
}

/** The sentence(s) around a span, as the aspect model's context (it was trained on single sentences). */
function contextOf(doc: TextDocument, span: Span): Span {
  let start = 0;
  let end = doc.text.length;
  for (const sentence of doc.sentences) {
    if (sentence.start <= span.start && span.start < sentence.end) start = sentence.start;
    if (sentence.start < span.end && span.end <= sentence.end) end = sentence.end;
  }
  if (end < span.end || start > span.start) return { start: 0, end: doc.text.length };
  return { start, end };
}

/**
 * Wraps a loaded SentimentModel as a ClauseScorer (score = P(positive) - P(negative); confidence =
 * the calibrated top probability).
 *
 * @example
 * const scorer = createModelScorer(await loadSentimentModel());
 * const [[first]] = await scorer.scoreClauses([doc]); // first.probabilities.negative ...
 */
export function createModelScorer(model: SentimentModel): ClauseScorer {
  const term = `${model.meta.name}@${model.meta.version}`;
  return {
    name: 'model',
    aspectAware: true,
    async scoreClauses(docs: readonly TextDocument[]): Promise<ClauseScore[][]> {
      const words: ModelWord[][] = [];
      for (const doc of docs) for (const clause of doc.clauses) words.push(spanModelWords(doc, clause));
      const probabilities = await model.predictWords(words);
      let row = 0;
      return docs.map((doc) => doc.clauses.map((clause) => clauseScoreOf(probabilities, 3 * row++, clause, term)));
    },
    async scoreSpans(requests: readonly { doc: TextDocument; span: Span }[]): Promise<ClauseScore[]> {
      const items = requests.map(({ doc, span }) => {
        const context = contextOf(doc, span);
        return { text: doc.text.slice(context.start, context.end), start: span.start - context.start, end: span.end - context.start };
      });
      const probabilities = await model.predictAspects(items);
      return requests.map(({ span }, index) => clauseScoreOf(probabilities, 3 * index, span, `${term}:aspect`));
    },
  };
}
