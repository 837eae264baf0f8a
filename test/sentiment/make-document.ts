/**
 * Builds a TextDocument by hand for scorer tests that must not depend on the text stage: words,
 * numbers, punctuation runs and emoji become tokens with true offsets; one sentence; a new clause
 * at every "but" (before-contrast / after-contrast roles).
 */
import type { Clause, TextDocument, Token, TokenKind } from '../../src/text/document.js';

const TOKEN = /[A-Za-z][A-Za-z']*|\d+(?:[/.]\d+)?|[!?.,;:]+|\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?|\S/gu;

function kindOf(text: string): TokenKind {
  if (/^[A-Za-z]/.test(text)) return 'word';
  if (/^\d/.test(text)) return 'number';
  if (/^[!?.,;:]+$/.test(text)) return 'punctuation';
  if (/\p{Extended_Pictographic}/u.test(text)) return 'emoji';
  return 'symbol';
}

export function makeDocument(text: string): TextDocument {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const surface = match[0];
    const kind = kindOf(surface);
    const normal = surface.toLowerCase().replace(/(\p{L})\1{2,}/gu, '$1$1');
    tokens.push({
      start: match.index!,
      end: match.index! + surface.length,
      text: surface,
      normal,
      lemma: normal,
      kind,
      pos: '',
      shouting: kind === 'word' && surface.length >= 2 && surface === surface.toUpperCase() && /[A-Z]/.test(surface),
    });
  }
  const clauses: Clause[] = [];
  let first = 0;
  const close = (end: number, connective: string | null) => {
    if (end <= first) return;
    clauses.push({
      start: tokens[first]!.start,
      end: tokens[end - 1]!.end,
      sentence: 0,
      firstToken: first,
      endToken: end,
      connective,
      role: 'plain',
    });
  };
  let connective: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.normal === 'but' && i > first) {
      close(i, connective);
      clauses[clauses.length - 1]!.role = connective ? 'after-contrast' : 'before-contrast';
      first = i;
      connective = 'but';
    }
  }
  close(tokens.length, connective);
  if (connective && clauses.length > 1) clauses[clauses.length - 1]!.role = 'after-contrast';
  const sentence = { start: tokens[0]?.start ?? 0, end: tokens.at(-1)?.end ?? 0, firstToken: 0, endToken: tokens.length, clauses: clauses.map((_, i) => i) };
  return { text, tokens, sentences: tokens.length ? [sentence] : [], clauses };
}
