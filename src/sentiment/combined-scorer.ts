/**
 * Blends the learned model with the rule scorer, clause by clause. The model carries accuracy on
 * ordinary text; the rules carry explainable evidence and CX phrasing the public training sets
 * never saw ("still waiting", "thanks for nothing"). When the rules are confident they pull the
 * blend toward them; otherwise the model decides.
 */
import type { Span } from '../contract.js';
import type { TextDocument } from '../text/document.js';
import type { ClauseScore, ClauseScorer } from './types.js';

/**
 * Base weight of the model in the blend; the rules get the rest, scaled by their own confidence.
 * Verbatim's choice, checked on the dev sets with `verbatim eval`.
 */
export const MODEL_WEIGHT = 0.7;

/** Blends one model score with one rule score. */
export function blendScores(model: ClauseScore, rules: ClauseScore): ClauseScore {
  const ruleWeight = (1 - MODEL_WEIGHT) * rules.confidence * (rules.evidence.length > 0 ? 1 : 0);
  const modelWeight = MODEL_WEIGHT;
  const total = modelWeight + ruleWeight;
  const score = (modelWeight * model.score + ruleWeight * rules.score) / total;
  const agree = Math.sign(model.score) === Math.sign(rules.score) || rules.evidence.length === 0;
  const confidence = (modelWeight * model.confidence + ruleWeight * rules.confidence) / total;
  return {
    score: Math.max(-1, Math.min(1, score)),
    confidence: agree ? confidence : confidence * Math.abs(score),
    probabilities: model.probabilities,
    evidence: [...rules.evidence, ...model.evidence],
  };
}

/** The clause containing the span's start (the span itself when none does). */
function clauseAround(doc: TextDocument, span: Span): Span {
  const clause = doc.clauses.find((candidate) => candidate.start <= span.start && span.start < candidate.end);
  return clause ? { start: clause.start, end: clause.end } : span;
}

/** A ClauseScorer that runs both scorers on the same clauses and blends their scores. */
export function createCombinedScorer(model: ClauseScorer, rules: ClauseScorer): ClauseScorer {
  return {
    name: 'combined',
    async scoreClauses(docs: readonly TextDocument[]): Promise<ClauseScore[][]> {
      const [fromModel, fromRules] = await Promise.all([model.scoreClauses(docs), rules.scoreClauses(docs)]);
      return fromModel.map((clauses, doc) => clauses.map((score, clause) => blendScores(score, fromRules[doc]![clause]!)));
    },
    aspectAware: model.aspectAware,
    async scoreSpans(requests: readonly { doc: TextDocument; span: Span }[]): Promise<ClauseScore[]> {
      if (!model.scoreSpans || !rules.scoreSpans) throw new Error('both scorers must score spans');
      // The rules judge a target by the clause around it: a lone noun carries no opinion.
      const clauseRequests = requests.map(({ doc, span }) => ({ doc, span: clauseAround(doc, span) }));
      const [fromModel, fromRules] = await Promise.all([model.scoreSpans(requests), rules.scoreSpans(clauseRequests)]);
      return fromModel.map((score, index) => blendScores(score, fromRules[index]!));
    },
  };
}
