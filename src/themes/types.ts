/** What theme assignment produces for one document, before sentiment is attached. */
import type { Span } from '../contract.js';

export interface ThemeHit {
  themeId: string;
  /** Spans of the matched words or phrases in the original text. */
  evidence: Span[];
  /** Indexes of the clauses (TextDocument.clauses) that mention the theme. */
  clauses: number[];
  /** Salience in [0, 1]: themes are reported most salient first. */
  strength: number;
  /** How the theme was found: literal seed term, lemma/inflection, or word-vector similarity. */
  method: 'term' | 'lemma' | 'embedding';
  /** The seed terms that matched (for explanations). */
  matchedTerms: string[];
}
