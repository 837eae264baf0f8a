/**
 * Model tokens of an analyzed comment, made once and shared: the sentence model reads each
 * clause's tokens, the emotion model the whole comment's. Tokenizing per clause and again per
 * comment was a fifth of the learned models' time.
 */
import type { TextDocument } from '../text/document.js';
import { modelTokens, modelTokenSpans, tokensInRange, type TokenSpans } from './model-tokens.js';

/** Spans per document; entries go with their documents (a batch's documents die after assembly). */
const spansOf = new WeakMap<TextDocument, TokenSpans | null>();

function docSpans(doc: TextDocument): TokenSpans | null {
  let spans = spansOf.get(doc);
  if (spans === undefined) {
    spans = modelTokenSpans(doc.text);
    spansOf.set(doc, spans);
  }
  return spans;
}

/** modelTokens(doc.text), from the shared pass. */
export function docModelTokens(doc: TextDocument): string[] {
  return docSpans(doc)?.tokens ?? modelTokens(doc.text);
}

/** modelTokens of each clause's text (doc.text sliced at the clause), from the shared pass where exact. */
export function clauseModelTokens(doc: TextDocument): string[][] {
  const spans = docSpans(doc);
  return doc.clauses.map((clause) => tokensInRange(doc.text, spans, clause.start, clause.end));
}
