/**
 * What discovery reads of each comment. Its clusters are built from English lemmas and word
 * vectors, so a comment in another language used to form a theme of its own language's stopwords
 * (a mixed corpus gave "ingen har", "doprava byla" and "barang sampai" as themes). English comments
 * are read as they are; a comment in another language only through its glossary words, under their
 * English gloss (src/language/glossary.ts), so "El pedido llegó tarde" joins the delivery themes;
 * a comment Verbatim cannot read ('und') contributes no words and stays unassigned.
 */
import { defaultLanguageData } from '../language/data.js';
import { createLanguageDetector, ENGLISH } from '../language/detect.js';
import { glossDocument } from '../language/glossary.js';
import type { TextDocument, Token } from '../text/document.js';

/** A word discovery must not read: kept in place (clauses index tokens), but no longer a word. */
function unread(token: Token): Token {
  return token.kind === 'word' ? { ...token, kind: 'other' } : token;
}

/**
 * Builds the reader (loads the language tables once). `detect: false` reads every comment as
 * English, as the engine's `language.detect` does.
 * @example const readable = createReadableDocuments(); readable(processor.process('El pedido llegó tarde'))
 */
export function createReadableDocuments(detect = true): (doc: TextDocument) => TextDocument {
  if (!detect) return (doc) => doc;
  const detector = createLanguageDetector(defaultLanguageData());
  return (doc) => {
    const language = detector.detect(doc.tokens);
    if (language === ENGLISH) return doc;
    const compiled = detector.language(language);
    if (compiled === null) return { ...doc, tokens: doc.tokens.map(unread) };
    const glossed = glossDocument(doc, compiled);
    // A token glossDocument replaced is a glossed word; every other word is the language's own.
    return { ...doc, tokens: glossed.tokens.map((token, index) => (token !== doc.tokens[index] ? token : unread(token))) };
  };
}
