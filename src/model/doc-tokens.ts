/**
 * One model-token scan per comment. The emotion model reads the whole comment and the sentence
 * model each clause; both used to scan their text (modelTokens was ~12 % of the pipeline, half of
 * it scanning clauses again). The scan with offsets is kept on the TextDocument, and a clause
 * takes its tokens from it (falling back to its own scan in the rare cases tokensInRange refuses).
 */
import type { Span } from '../contract.js';
import type { TextDocument } from '../text/document.js';
import { modelTokens, spannedModelTokens, tokensInRange, type SpannedTokens } from './featurizer.js';

/**
 * The scan is kept on the document under a symbol (non-enumerable: JSON, spreads and key lists
 * never see it). Not in a WeakMap: V8's young-generation collections do not clear ephemerons, so
 * every scan outlived its document until a full collection (`verbatim tag` on 200k rows: peak RSS
 * 1.14-1.30 GB with a WeakMap, 0.96-0.98 GB with the property).
 */
const SCAN = Symbol('modelTokenScan');
type Scanned = TextDocument & { [SCAN]?: SpannedTokens | null };

/** The document's scan, made on first use; null when it has no offsets or cannot keep one (a frozen document: each caller then scans only its own text, not the whole document per clause). */
function scanOf(doc: TextDocument): SpannedTokens | null {
  let scan = (doc as Scanned)[SCAN];
  if (scan === undefined) {
    if (!Object.isExtensible(doc)) return null;
    scan = spannedModelTokens(doc.text);
    Object.defineProperty(doc, SCAN, { value: scan, enumerable: false });
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
