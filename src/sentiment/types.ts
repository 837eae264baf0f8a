/**
 * The scorer interface. A scorer gives every clause of every document a polarity; the engine
 * aggregates clauses into sentences, documents, themes, stages and targets. The rule scorer and the
 * learned model implement the same interface so they can be used alone or combined.
 */
import type { Span } from '../contract.js';
import type { TextDocument } from '../text/document.js';

/** Why a score is what it is: a lexicon hit, a rule, or the model. */
export interface Evidence extends Span {
  source: 'lexicon' | 'phrase' | 'emoji' | 'rule' | 'model';
  /** The lexicon entry, phrase or rule name that fired ("late", "not bad", "negation"). */
  term: string;
  /** Signed contribution in the scorer's own units. */
  weight: number;
}

export interface ClauseScore {
  /** Polarity in [-1, 1]. */
  score: number;
  /** How sure the scorer is that the polarity sign and strength are right, in [0, 1]. */
  confidence: number;
  /** Class probabilities when the scorer has them (the learned model does). */
  probabilities?: { negative: number; neutral: number; positive: number };
  evidence: Evidence[];
}

export interface ClauseScorer {
  readonly name: string;
  /** Scores every clause of every document: result[d][c] belongs to docs[d].clauses[c]. */
  scoreClauses(docs: readonly TextDocument[]): Promise<ClauseScore[][]>;
  /**
   * True when `scoreSpans` judges sentiment TOWARD the span (an aspect model). Scorers without
   * that ability leave it unset, and targets then take the sentiment of the clauses mentioning them.
   */
  readonly aspectAware?: boolean;
  /** The rule scorer's idiom phrases (Lexicon.idiomPhrases), for the combined scorer's weighting. */
  readonly idiomPhrases?: ReadonlySet<string>;
  /**
   * Scores arbitrary spans (e.g. the window around a target). Spans are within docs[i].
   * Used for targeted/aspect sentiment where a clause is too coarse or too fine.
   */
  scoreSpans?(requests: readonly { doc: TextDocument; span: Span }[]): Promise<ClauseScore[]>;
}
