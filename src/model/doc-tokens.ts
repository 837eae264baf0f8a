/**
 * One model-token scan per comment. The emotion model reads the whole comment and the sentence
 * model each clause; both used to scan their text (modelTokens was ~12 % of the pipeline, half of
 * it scanning clauses again). The scan with offsets is memoized on the TextDocument, and a clause
 * takes its tokens from it (falling back to its own scan in the rare cases tokensInRange refuses).
 */
import type { Span } from '../contract.js';
import type { TextDocument } from '../text/document.js';
import { modelTokens, spannedModelTokens, tokensInRange, type SpannedTokens } from './featurizer.js';

const scans = new WeakMap<TextDocument, SpannedTokens | null>();

function scanOf(doc: TextDocument): SpannedTokens | null {
  let scan = scans.get(doc);
  if (scan === undefined) {
    scan = spannedModelTokens(doc.text);
    scans.set(doc, scan);
  }
  return scan;
}

/** modelTokens(doc.text), scanned once per document. */
export function documentModelTokens(doc: TextDocument): string[] {
  return scanOf(doc)?.tokens ?? modelTokens(doc.text);
}

/** modelTokens(doc.text.slice(span.start, span.end)), from the document's scan when it can be. */
export function spanModelTokens(doc: TextDocument, span: Span): string[] {
  const scan = scanOf(doc);
  return (scan && tokensInRange(scan, span.start, span.end)) ?? modelTokens(doc.text.slice(span.start, span.end));
}
