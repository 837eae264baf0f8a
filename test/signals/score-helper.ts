/** Hand-built clause scores for signal tests: every clause gets the same polarity. */
import type { ClauseScore } from '../../src/sentiment/types.js';
import type { TextDocument } from '../../src/text/document.js';

export function uniformScores(doc: TextDocument, score: number): ClauseScore[] {
  return doc.clauses.map(() => ({ score, confidence: 0.8, evidence: [] }));
}
