/**
 * CX signals for one comment: churn risk, customer effort, urgency and actionability, each with
 * the spans that produced it. Rules over phrase lists (models/signals/patterns.json) matched on
 * token normal forms and lemmas; see README.md in this folder for what each scale means.
 */
import type { Signals, Span } from '../contract.js';
import type { ClauseScore } from '../sentiment/types.js';
import type { TextDocument } from '../text/document.js';
import type { ThemeHit } from '../themes/types.js';
import { detectActionable } from './actionable.js';
import { scoreChurnRisk } from './churn-risk.js';
import { scoreEffort } from './effort.js';
import { defaultSignalPatterns, type CompiledSignalPatterns } from './patterns.js';
import { computeDocumentNegativity, type SignalContext } from './signal-context.js';
import { scoreUrgency } from './urgency.js';
import { WordPool, wordsOf } from './word-stream.js';

export { compileSignalPatterns, defaultSignalPatterns, languageSignalPatterns, type CompiledSignalPatterns } from './patterns.js';

export interface SignalEvidence {
  churnRisk: Span[];
  effort: Span[];
  urgency: Span[];
  actionable: Span[];
}

/** The contract's Signals plus the spans behind each one (strip `evidence` with toSignals). */
export interface SignalsWithEvidence extends Signals {
  evidence: SignalEvidence;
}

export type SignalDetector = (doc: TextDocument, clauseScores: readonly ClauseScore[], themes: readonly ThemeHit[]) => SignalsWithEvidence;

/** Rounds scores to 3 decimals so results are stable to read and diff. */
const SCORE_DECIMALS = 1000;
const round = (value: number): number => Math.round(value * SCORE_DECIMALS) / SCORE_DECIMALS;

/**
 * Builds a detector over custom phrase lists (compileSignalPatterns) or the shipped ones.
 * @example const detect = createSignalDetector(); detect(doc, clauseScores, themeHits).churnRisk
 */
export function createSignalDetector(patterns?: CompiledSignalPatterns): SignalDetector {
  // Detection is synchronous and never re-entrant, so one pool serves every document.
  const pool = new WordPool();
  return (doc, clauseScores, themes) => {
    // Patterns first: compiling them registers the trie keys that wordsOf looks words up in.
    const compiled = patterns ?? defaultSignalPatterns();
    const context: SignalContext = {
      doc,
      words: wordsOf(doc, pool),
      clauseScores,
      themes,
      patterns: compiled,
      documentNegativity: computeDocumentNegativity(doc, clauseScores),
    };
    const churnRisk = scoreChurnRisk(context);
    const effort = scoreEffort(context);
    const urgency = scoreUrgency(context);
    const actionable = detectActionable(context);
    return {
      churnRisk: round(churnRisk.score),
      effort: round(effort.score),
      urgency: round(urgency.score),
      actionable: actionable.actionable,
      evidence: {
        churnRisk: churnRisk.evidence,
        effort: effort.evidence,
        urgency: urgency.evidence,
        actionable: actionable.evidence,
      },
    };
  };
}

let defaultDetector: SignalDetector | undefined;

/**
 * Detects churn risk, effort, urgency and actionability with the shipped phrase lists.
 * clauseScores[c] belongs to doc.clauses[c]; themes are the document's theme hits.
 * @example detectSignals(doc, scores, hits) // { churnRisk: 0.85, effort: 0, urgency: 0.4, actionable: true, evidence: {...} }
 */
export function detectSignals(doc: TextDocument, clauseScores: readonly ClauseScore[], themes: readonly ThemeHit[]): SignalsWithEvidence {
  defaultDetector ??= createSignalDetector();
  return defaultDetector(doc, clauseScores, themes);
}

/** The contract's Signals without the evidence (what goes into AnalysisResult.signals). */
export function toSignals(result: SignalsWithEvidence): Signals {
  return { churnRisk: result.churnRisk, effort: result.effort, urgency: result.urgency, actionable: result.actionable };
}
