/**
 * Themes for comments in other languages. The taxonomy's seeds are English, so "El pedido llegó
 * tarde" matched no theme. Each language's glossary (models/language/grammar.json) maps its common
 * customer-feedback words to the English word the default taxonomy seeds with ("pedido" -> "order",
 * "llegó" -> "arrived", "tarde" -> "late"); the theme matcher then reads a glossed copy of the
 * document, whose tokens keep their offsets, so theme evidence points at the comment's own words.
 * Only themes read the gloss: sentiment and signals read the comment as written.
 */
import type { TextDocument, Token } from '../text/document.js';
import type { CompiledLanguage } from './data.js';
import { lexicalPart } from './detect.js';
import { lookupInflected } from './inflections.js';

/**
 * `doc` with each glossary word's normal form and lemma replaced by its English gloss (and no
 * shared form, whose memos hold the foreign word's facts); `doc` itself when no word is glossed.
 */
export function glossDocument(doc: TextDocument, language: CompiledLanguage): TextDocument {
  if (language.glossary.size === 0) return doc;
  let tokens: Token[] | null = null;
  for (let index = 0; index < doc.tokens.length; index += 1) {
    const token = doc.tokens[index]!;
    if (token.kind !== 'word') continue;
    const gloss = lookupInflected(language.glossary, lexicalPart(token.normal), language.suffixing);
    if (gloss === undefined) continue;
    tokens ??= doc.tokens.slice();
    const { form: _form, ...rest } = token;
    tokens[index] = { ...rest, normal: gloss, lemma: gloss };
  }
  return tokens === null ? doc : { ...doc, tokens };
}
