/**
 * The text stage: text in, TextDocument out (tokens, sentences, clauses, shouting), offsets into
 * the original text. Loads the wink-nlp model once per processor.
 */
import { describeValue, VerbatimError } from '../errors.js';
import { splitClauses } from './clauses.js';
import { DOCUMENT_CHUNKS, type DocumentChunks, type TextDocument } from './document.js';
import { splitSentences } from './sentences.js';
import { markShouting } from './shouting.js';
import { createTokenizer } from './tokenize.js';

/** Turns raw text into the compact document every later stage reads. */
export interface TextProcessor {
  process(text: string): TextDocument;
}

const BLANK = /^\s*$/;

/**
 * Builds a processor; reuse it, the model load is the expensive part.
 *
 * Example:
 *   const processor = createTextProcessor();
 *   const doc = processor.process('fast delivery but the box was crushed');
 *   doc.clauses.map((c) => c.role); // ['before-contrast', 'after-contrast']
 */
export function createTextProcessor(): TextProcessor {
  const tokenizer = createTokenizer();
  return {
    process(text: string): TextDocument {
      if (typeof text !== 'string') {
        throw new VerbatimError('VERBATIM_E_TEXT_NOT_STRING', { field: 'text', found: describeValue(text) });
      }
      if (BLANK.test(text)) return { text, tokens: [], sentences: [], clauses: [] };
      let tokenized;
      try {
        tokenized = tokenizer.tokenizeChunked(text);
      } catch (cause) {
        throw new VerbatimError('VERBATIM_E_INTERNAL', {}, { cause });
      }
      const { tokens, chunks } = tokenized;
      const sentences = splitSentences(text, tokens);
      const clauses = splitClauses(text, tokens, sentences);
      markShouting(tokens, clauses);
      // Always set (null on the uncached path), so every document has one shape.
      const doc: TextDocument & { [DOCUMENT_CHUNKS]: DocumentChunks | null } = { text, tokens, sentences, clauses, [DOCUMENT_CHUNKS]: chunks };
      return doc;
    },
  };
}
