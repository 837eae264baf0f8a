/**
 * A tiny hand-built TextDocument for tests that must not depend on the real text stage:
 * whitespace/punctuation tokenizer with exact offsets, lower-case normal, naive lemma
 * (strips a plural "s" / "ed" / "ing"), one sentence, and a new clause at every "but".
 */
import type { Clause, Token, TokenKind, TextDocument } from '../../src/text/document.js';

const PUNCTUATION = new Set(['.', ',', '!', '?', ';', ':', '(', ')', '"', '-', '/']);

function naiveLemma(normal: string): string {
  if (normal.length > 5 && normal.endsWith('ing')) return normal.slice(0, -3);
  if (normal.length > 4 && normal.endsWith('ed')) return normal.slice(0, -2);
  if (normal.length > 3 && normal.endsWith('s') && !normal.endsWith('ss')) return normal.slice(0, -1);
  return normal;
}

function kindOf(text: string): TokenKind {
  if (PUNCTUATION.has(text)) return 'punctuation';
  if (text.startsWith('@')) return 'mention';
  if (text.startsWith('#')) return 'hashtag';
  if (/^\d+([.,]\d+)?$/.test(text)) return 'number';
  if (/^\p{Extended_Pictographic}/u.test(text)) return 'emoji';
  return 'word';
}

/** Builds a TextDocument by hand; each punctuation character is its own token. */
export function makeDocument(text: string): TextDocument {
  const tokens: Token[] = [];
  const pattern = /[^\s.,!?;:()"\-/]+|[.,!?;:()"\-/]/gu;
  for (const match of text.matchAll(pattern)) {
    const surface = match[0];
    const start = match.index ?? 0;
    const normal = surface.toLowerCase();
    const letters = surface.replace(/[^A-Za-z]/g, '');
    tokens.push({
      text: surface,
      start,
      end: start + surface.length,
      normal,
      lemma: naiveLemma(normal),
      kind: kindOf(surface),
      pos: 'X',
      shouting: letters.length >= 2 && letters === letters.toUpperCase() && /[A-Z]/.test(letters),
    });
  }
  const clauses: Clause[] = [];
  let first = 0;
  const closeClause = (endToken: number, nextIsContrast: boolean): void => {
    if (endToken <= first) return;
    const previous = clauses[clauses.length - 1];
    const opener = tokens[first]!.normal === 'but' ? 'but' : null;
    clauses.push({
      sentence: 0,
      firstToken: first,
      endToken,
      start: tokens[first]!.start,
      end: tokens[endToken - 1]!.end,
      connective: opener,
      role: opener ? 'after-contrast' : nextIsContrast ? 'before-contrast' : 'plain',
    });
    if (previous && opener && previous.role === 'plain') previous.role = 'before-contrast';
  };
  tokens.forEach((token, index) => {
    if (token.normal === 'but' && index > first) {
      closeClause(index, true);
      first = index;
    }
  });
  closeClause(tokens.length, false);
  const sentences =
    tokens.length === 0
      ? []
      : [
          {
            start: tokens[0]!.start,
            end: tokens[tokens.length - 1]!.end,
            firstToken: 0,
            endToken: tokens.length,
            clauses: clauses.map((_, index) => index),
          },
        ];
  return { text, tokens, sentences, clauses };
}
