/**
 * Emoticons wink-nlp's tokenizer does not know and splits or reads as words: "=)" becomes "=" +
 * ")", "^_^" three symbols, "XD" a word. This pass joins touching tokens that spell one of them
 * into a single 'emoticon' token. "D:" is left out on purpose: "Plan D: ..." is more common in
 * feedback than the emoticon.
 */
import type { Token } from './document.js';

/** Emoticons to repair; the ones wink already recognises (":)", ":-(", "<3", ...) are not listed. */
const EXTRA_EMOTICONS: ReadonlySet<string> = new Set([
  '=)', '=(', '=D', '=]', '=[', '=/', '=P', '=p', '^^', '^_^', '^.^', '-_-', '-.-', 'T_T', 'T.T',
  ';_;', 'o_O', 'O_o', 'o.O', 'O.o', '>_<', '>.<', 'XD', 'xD',
]);
const LONGEST_PARTS = 3;
/** First characters of the emoticons above: a cheap filter before any slicing. */
const STARTS = new Set(['=', '^', '-', 'T', ';', 'o', 'O', '>', 'X', 'x']);

function touchingSpan(tokens: Token[], first: number, parts: number): boolean {
  if (first + parts > tokens.length) return false;
  for (let index = first + 1; index < first + parts; index += 1) {
    if (tokens[index].start !== tokens[index - 1].end) return false;
  }
  return true;
}

/**
 * Returns the tokens with split emoticons joined (the input array when nothing changes).
 *
 * Example: tokens of "ok =)" -> "ok", "=)" (kind 'emoticon').
 */
export function joinEmoticons(text: string, tokens: Token[]): Token[] {
  let result: Token[] | null = null;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!STARTS.has(token.text.charAt(0)) || token.kind === 'emoticon') {
      result?.push(token);
      continue;
    }
    let joined = 0;
    for (let parts = Math.min(LONGEST_PARTS, tokens.length - index); parts >= 1; parts -= 1) {
      if (!touchingSpan(tokens, index, parts)) continue;
      const end = tokens[index + parts - 1].end;
      const surface = text.slice(token.start, end);
      if (!EXTRA_EMOTICONS.has(surface)) continue;
      const before = text.charCodeAt(token.start - 1);
      const after = text.charCodeAt(end);
      // Only stand-alone: "x=)" or "=)x" glued to letters or digits is something else.
      if (isWordUnit(before) || isWordUnit(after)) continue;
      result ??= tokens.slice(0, index);
      result.push({ ...token, end, text: surface, normal: surface, lemma: surface, kind: 'emoticon', pos: '' });
      joined = parts;
      break;
    }
    if (joined > 0) index += joined - 1;
    else result?.push(token);
  }
  return result ?? tokens;
}

function isWordUnit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
}
