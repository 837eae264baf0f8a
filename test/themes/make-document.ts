/**
 * A tiny hand-made TextDocument builder for theme tests, independent of the text stage: words
 * and punctuation split by a regular expression, lower-case normal forms, a naive suffix-stripping
 * lemma, one sentence per [.!?] and one clause per sentence part split at commas, ";" and "but".
 */
import type { Clause, Sentence, TextDocument, Token } from '../../src/text/document.js';

const TOKEN = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\sA-Za-z0-9]/g;
const SENTENCE_END = new Set(['.', '!', '?']);
const CLAUSE_BREAK = new Set([',', ';']);

/** Strips common inflections: "deliveries" -> "delivery", "crashed" -> "crash", "boxes" -> "box". */
export function naiveLemma(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.endsWith('ied') ? `${word.slice(0, -3)}y` : word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Builds a document whose offsets index `text` exactly. */
export function makeDocument(text: string): TextDocument {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const surface = match[0];
    const isWord = /[A-Za-z]/.test(surface);
    const isNumber = /^[0-9]+$/.test(surface);
    const normal = surface.toLowerCase().replace(/’/g, "'");
    tokens.push({
      start: match.index,
      end: match.index + surface.length,
      text: surface,
      normal,
      lemma: isWord ? naiveLemma(normal) : normal,
      kind: isWord ? 'word' : isNumber ? 'number' : 'punctuation',
      pos: '',
      shouting: false,
    });
  }
  const sentences: Sentence[] = [];
  const clauses: Clause[] = [];
  let sentenceStart = 0;
  let sentenceFirstClause = 0;
  let clauseStart = 0;
  let connective: string | null = null;
  const closeClause = (end: number, nextConnective: string | null): void => {
    if (end > clauseStart) {
      clauses.push({
        start: tokens[clauseStart]!.start,
        end: tokens[end - 1]!.end,
        sentence: sentences.length,
        firstToken: clauseStart,
        endToken: end,
        connective,
        role: connective === 'but' ? 'after-contrast' : nextConnective === 'but' ? 'before-contrast' : 'plain',
      });
    }
    clauseStart = end;
    connective = nextConnective;
  };
  const closeSentence = (end: number): void => {
    const firstClause = sentenceFirstClause;
    closeClause(end, null);
    if (end > sentenceStart) {
      sentences.push({
        start: tokens[sentenceStart]!.start,
        end: tokens[end - 1]!.end,
        firstToken: sentenceStart,
        endToken: end,
        clauses: clauses.slice(firstClause).map((_, offset) => firstClause + offset),
      });
    }
    sentenceStart = end;
    sentenceFirstClause = clauses.length;
  };
  tokens.forEach((token, index) => {
    if (token.normal === 'but' && index > clauseStart) closeClause(index, 'but');
    else if (CLAUSE_BREAK.has(token.normal)) closeClause(index + 1, null);
    else if (SENTENCE_END.has(token.normal)) closeSentence(index + 1);
  });
  closeSentence(tokens.length);
  return { text, tokens, sentences, clauses };
}
