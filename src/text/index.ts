/** The text stage: tokens, sentences, clauses and PII redaction, offsets into the original text. */
export { createTextProcessor } from './processor.js';
export type { TextProcessor } from './processor.js';
export { redactPii, findPii, PII_PLACEHOLDERS } from './pii.js';
export type { PiiKind, PiiSpan } from './pii.js';
export { NEGATION_FORMS, NEAR_NEGATION_FORMS, NEGATIVE_CONTRACTIONS } from './negation-forms.js';
export { CONTRAST_CONNECTIVES, CONCESSIVE_CONNECTIVES } from './clauses.js';
export { spanText, tokensOf } from './document.js';
export type { Clause, Sentence, TextDocument, Token, TokenKind } from './document.js';
