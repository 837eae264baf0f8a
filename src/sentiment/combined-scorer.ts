/**
 * Blends the learned model with the rule scorer, clause by clause. The model carries accuracy on
 * ordinary text; the rules carry explainable evidence and CX phrasing the public training sets
 * never saw ("still waiting", "thanks for nothing"). When the rules are confident they pull the
 * blend toward them; otherwise the model decides.
 */
import { DEFAULT_MODEL_WEIGHT, DEFAULT_NEUTRAL_BAND, RULE_READING_MODEL_WEIGHT } from '../config.js';
import { labelForBand } from './aggregate.js';
import { isPlainQuestion } from './emphasis.js';
import { FRAGMENT_TERM } from './fragments.js';
import { POLITENESS_AFTER_REQUEST_TERM } from './document-rules.js';
import { SARCASM_TERM, SARCASTIC_CLOSER_TERM, SCARE_QUOTES_TERM } from './patterns.js';
import { PLAIN_REQUEST_TERM } from './requests.js';
import type { Span } from '../contract.js';
import type { TextDocument } from '../text/document.js';
import type { ClauseScore, ClauseScorer } from './types.js';

/**
 * Rule readings the blend keeps whole: a content-free fragment (fragments.ts) and a "Thanks." after
 * a request (document-rules.ts), whose evidence carries one of these terms.
 */
const RULES_STAND_TERMS: ReadonlySet<string> = new Set([FRAGMENT_TERM, POLITENESS_AFTER_REQUEST_TERM]);

/** True when the rules' reading of a clause stands over the model's (RULES_STAND_TERMS). */
function rulesStand(rules: ClauseScore): boolean {
  for (const evidence of rules.evidence) if (RULES_STAND_TERMS.has(evidence.term)) return true;
  return false;
}

/**
 * Blends one model score with one rule score. A clause blend carries blended class probabilities:
 * the model's, weighted `modelWeight`, plus the rules' vote (the class of their score, by the
 * neutral band) weighted by their confidence, so a clause is labelled by its most probable class
 * and the rules' CX evidence can outvote a model that leans the other way, while the model's
 * neutral questions stay neutral where the rules have little to say. (Reading a clause by the
 * model's argmax ALONE let its over-used neutral class swallow the rules' CX evidence; reading it
 * by the sign of the blended score turned its neutral answers polar.) Target (aspect) blends keep
 * the aspect model's probabilities (its neutral class is right for aspects: MAMS 0.68 against 0.52
 * without) and its evidence only.
 */
export function blendScores(
  model: ClauseScore,
  rules: ClauseScore,
  keepProbabilities = false,
  modelWeight = DEFAULT_MODEL_WEIGHT,
  neutralBand = DEFAULT_NEUTRAL_BAND,
  idioms: ReadonlySet<string> = NO_IDIOMS,
): ClauseScore {
  // A content-free survey fragment ("n/a", "see above", "nothing to add") carries no sentiment for
  // the model to find, yet a bag model reads one or two words with full confidence ("see above"
  // came out 1.00 positive, "nothing to add" 0.98 negative): the rules' neutral stands.
  // So is a "Thanks." after a request: manners, not praise (document-rules.ts).
  if (!keepProbabilities && rulesStand(rules)) return rules;
  // Rules without evidence have nothing to blend in: the clause is the model's, labelled as the
  // model scorer labels it ("Do you ship to Ireland?" stays the model's neutral).
  if (rules.evidence.length === 0) return model;
  // A plain question the model hears as a complaint stays the model's (see PLAIN_QUESTION_TERM).
  // A plain request is not (the model's negative lean on "Please send me a copy of my policy
  // documents." was noise: CX development set 0.734 -> 0.737 with requests out of this rule).
  if (!keepProbabilities && model.score <= 0 && isPlainQuestion(rules.evidence)) return model;
  if (!keepProbabilities && readsPastTheModel(rules, idioms)) modelWeight = Math.min(modelWeight, RULE_READING_MODEL_WEIGHT);
  const ruleWeight = (1 - modelWeight) * rules.confidence;
  const total = modelWeight + ruleWeight;
  const score = (modelWeight * model.score + ruleWeight * rules.score) / total;
  const agree = Math.sign(model.score) === Math.sign(rules.score);
  const confidence = (modelWeight * model.confidence + ruleWeight * rules.confidence) / total;
  return {
    score: Math.max(-1, Math.min(1, score)),
    confidence: agree ? confidence : confidence * Math.abs(score),
    probabilities:
      keepProbabilities || !model.probabilities
        ? model.probabilities
        : withVote(model.probabilities, modelWeight, labelForBand(rules.score, neutralBand), ruleWeight),
    // A target's rule evidence is its whole clause's, other aspects' opinions included: read as
    // the target's parts it made a single mention "mixed" (MAMS val 0.748 against 0.762 without).
    evidence: keepProbabilities ? model.evidence : rules.evidence.concat(model.evidence),
  };
}

// Blending runs on every clause, so it allocates only its result: no closures, no option objects.

const NO_IDIOMS: ReadonlySet<string> = new Set();

/**
 * Valence (the lexicon's -4..4 scale) from which a negative CX phrase reads past the model: "fed
 * up", "never arrived", "waste of time", whose words a bag model reads one by one ("Kind regards,
 * a very fed up customer": model +0.97).
 */
const STRONG_NEGATIVE_PHRASE = -2;

/** Rule evidence terms (scare quotes, sarcasm, plain requests) that mark a reading the model cannot make. */
const MODEL_BLIND_RULES: ReadonlySet<string> = new Set([SCARE_QUOTES_TERM, SARCASM_TERM, SARCASTIC_CLOSER_TERM, PLAIN_REQUEST_TERM]);

/**
 * True when the rules read the clause in a way a bag model cannot see (RULE_READING_MODEL_WEIGHT):
 * an idiom built on a negator or a negative word carrying their positive reading ("no complaints",
 * "issue resolved": one of `idioms`, the rule scorer's Lexicon.idiomPhrases), a strongly negative
 * phrase in a negative clause (STRONG_NEGATIVE_PHRASE), a positive word in scare quotes read as
 * irony ("my 'quick' refund"), a sarcastic opener or closer around a complaint ("Great, another
 * delay email": the model reads it +0.2), or a plain request, whose requested feature the model
 * reads as praise ("Add Apple Watch support pls": +0.95; requests.ts).
 */
function readsPastTheModel(rules: ClauseScore, idioms: ReadonlySet<string>): boolean {
  const positive = rules.score > 0;
  for (const evidence of rules.evidence) {
    if (MODEL_BLIND_RULES.has(evidence.term)) return true;
    if (evidence.source !== 'phrase') continue;
    if (positive && evidence.weight > 0 && idioms.has(evidence.term)) return true;
    if (rules.score < 0 && evidence.weight <= STRONG_NEGATIVE_PHRASE) return true;
  }
  return false;
}

type ClassProbabilities = NonNullable<ClauseScore['probabilities']>;

/** Class probabilities `probabilities` x `weight` plus a one-class `vote` x `voteWeight`, renormalized. */
function withVote(probabilities: ClassProbabilities, weight: number, vote: keyof ClassProbabilities, voteWeight: number): ClassProbabilities {
  const total = weight + voteWeight;
  return {
    negative: (weight * probabilities.negative + (vote === 'negative' ? voteWeight : 0)) / total,
    neutral: (weight * probabilities.neutral + (vote === 'neutral' ? voteWeight : 0)) / total,
    positive: (weight * probabilities.positive + (vote === 'positive' ? voteWeight : 0)) / total,
  };
}

/** The clause containing the span's start (the span itself when none does). */
function clauseAround(doc: TextDocument, span: Span): Span {
  const clause = doc.clauses.find((candidate) => candidate.start <= span.start && span.start < candidate.end);
  return clause ? { start: clause.start, end: clause.end } : span;
}

/** A ClauseScorer that runs both scorers on the same clauses and blends their scores. */
export function createCombinedScorer(
  model: ClauseScorer,
  rules: ClauseScorer,
  modelWeight = DEFAULT_MODEL_WEIGHT,
  neutralBand = DEFAULT_NEUTRAL_BAND,
): ClauseScorer {
  const idioms = rules.idiomPhrases ?? NO_IDIOMS;
  return {
    name: 'combined',
    async scoreClauses(docs: readonly TextDocument[]): Promise<ClauseScore[][]> {
      const [fromModel, fromRules] = await Promise.all([model.scoreClauses(docs), rules.scoreClauses(docs)]);
      return fromModel.map((clauses, doc) => clauses.map((score, clause) => blendScores(score, fromRules[doc]![clause]!, false, modelWeight, neutralBand, idioms)));
    },
    aspectAware: model.aspectAware,
    async scoreSpans(requests: readonly { doc: TextDocument; span: Span }[]): Promise<ClauseScore[]> {
      if (!model.scoreSpans || !rules.scoreSpans) throw new Error('both scorers must score spans');
      // The rules judge a target by the clause around it: a lone noun carries no opinion.
      const clauseRequests = requests.map(({ doc, span }) => ({ doc, span: clauseAround(doc, span) }));
      const [fromModel, fromRules] = await Promise.all([model.scoreSpans(requests), rules.scoreSpans(clauseRequests)]);
      return fromModel.map((score, index) => blendScores(score, fromRules[index]!, true, modelWeight, neutralBand));
    },
  };
}
