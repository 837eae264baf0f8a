/**
 * Sentence boundaries over the token list. wink-nlp's 'sbd' pipe was measured at a 28% cost
 * (63k -> 45k comments/s) and it splits trailing emoji into sentences of their own, so the rules
 * run here instead, on tokens wink already produced (its tokenizer keeps abbreviations such as
 * "Dr.", "e.g.", "U.S." and decimals as single tokens, which is what makes simple rules safe):
 *
 * 1. Terminal punctuation (. ! ? … and runs such as "!!!", "?!", "...") ends a sentence. Closing
 *    quotes/brackets and emoji/emoticons on the same line stay with it ("Love it!!! 😍").
 * 2. A line break ends a sentence when a blank line follows, when the next line starts with a
 *    bullet ("-", "*", "•", "1.", "2)"), or when it starts with an upper-case letter. A line break
 *    before a lower-case word is taken as wrapping and joins the lines.
 * 3. An emoji/emoticon run followed on the same line by a capitalised word ends a sentence
 *    ("Love it 😍 Will buy again").
 * Text without any of these is one sentence.
 */
import type { Sentence, Token } from './document.js';

const TERMINAL = /^[.!?…。！？‼⁉]+$/;
const CLOSING = /^["'”’»)\]}]+$/;
const BULLETS: ReadonlySet<string> = new Set(['-', '*', '•', '·', '–', '—', '‣', '▪', '◦', '○', '●', '>', '+']);
const BLANK_LINE = /\n[ \t\r]*\n/;
const UPPER_START = /^\p{Lu}/u;

function isTerminal(token: Token): boolean {
  return token.kind === 'punctuation' && TERMINAL.test(token.text);
}

/** "1." or "2)" opening a line: a list marker, not the end of a sentence. */
function isListMarkerEnd(text: string, tokens: Token[], index: number): boolean {
  const marker = tokens[index - 1];
  if (marker === undefined || marker.kind !== 'number' || marker.end !== tokens[index].start) return false;
  const before = tokens[index - 2];
  return before === undefined || hasNewlineBetween(text, before.end, marker.start);
}

function isPictorial(token: Token): boolean {
  return token.kind === 'emoji' || token.kind === 'emoticon';
}

/** Scans the (usually one-character) gap between two tokens without allocating it. */
function hasNewlineBetween(text: string, from: number, to: number): boolean {
  for (let position = from; position < to; position += 1) if (text.charCodeAt(position) === 10) return true;
  return false;
}

function gapHasNewline(text: string, before: Token, after: Token): boolean {
  return hasNewlineBetween(text, before.end, after.start);
}

function startsListItem(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  if (BULLETS.has(token.text)) return true;
  const next = tokens[index + 1];
  return token.kind === 'number' && next !== undefined && (next.text === '.' || next.text === ')');
}

/** True when a line break between `index - 1` and `index` separates two sentences. */
function breaksAtLine(text: string, tokens: Token[], index: number): boolean {
  const from = tokens[index - 1].end;
  const to = tokens[index].start;
  if (!hasNewlineBetween(text, from, to)) return false;
  return (
    BLANK_LINE.test(text.slice(from, to)) || startsListItem(tokens, index) || UPPER_START.test(tokens[index].text)
  );
}

function sentenceOf(tokens: Token[], firstToken: number, endToken: number): Sentence {
  return { start: tokens[firstToken].start, end: tokens[endToken - 1].end, firstToken, endToken, clauses: [] };
}

/**
 * Splits tokens into sentences; every token belongs to exactly one sentence, in order. Sentence
 * `clauses` are left empty for the clause splitter to fill.
 *
 * Example: splitSentences(text, tokens) for "Great app!!! 😍\n- slow login" gives
 * "Great app!!! 😍" and "- slow login".
 */
export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index];
    if (index > first && breaksAtLine(text, tokens, index)) {
      sentences.push(sentenceOf(tokens, first, index));
      first = index;
      continue;
    }
    const terminal = isTerminal(token) && !(token.text === '.' && isListMarkerEnd(text, tokens, index));
    if (terminal || (isPictorial(token) && index > first)) {
      let next = index + 1;
      while (
        next < tokens.length &&
        !gapHasNewline(text, tokens[next - 1], tokens[next]) &&
        (isTerminal(tokens[next]) || CLOSING.test(tokens[next].text) || isPictorial(tokens[next]))
      ) {
        next += 1;
      }
      const boundary =
        next < tokens.length &&
        (terminal ||
          (!gapHasNewline(text, tokens[next - 1], tokens[next]) &&
            tokens[next].kind === 'word' &&
            UPPER_START.test(tokens[next].text)));
      if (boundary) {
        sentences.push(sentenceOf(tokens, first, next));
        first = next;
      }
      index = next;
      continue;
    }
    index += 1;
  }
  if (first < tokens.length) sentences.push(sentenceOf(tokens, first, tokens.length));
  return sentences;
}
