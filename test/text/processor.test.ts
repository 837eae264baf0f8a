import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../src/errors.js';
import type { TextDocument } from '../../src/text/document.js';
import { createTextProcessor } from '../../src/text/index.js';
import { prepareForTokenizer } from '../../src/text/normalize.js';

const processor = createTextProcessor();

/** The invariants every document must satisfy, whatever the input. */
function checkInvariants(doc: TextDocument): void {
  const { text } = doc;
  let previousEnd = 0;
  for (const token of doc.tokens) {
    expect(token.start).toBeGreaterThanOrEqual(previousEnd);
    expect(token.end).toBeGreaterThan(token.start);
    expect(token.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(token.start, token.end)).toBe(token.text);
    previousEnd = token.end;
  }
  let nextToken = 0;
  let nextClause = 0;
  for (const sentence of doc.sentences) {
    expect(sentence.firstToken).toBe(nextToken);
    expect(sentence.start).toBe(doc.tokens[sentence.firstToken].start);
    expect(sentence.end).toBe(doc.tokens[sentence.endToken - 1].end);
    expect(sentence.clauses.length).toBeGreaterThan(0);
    for (const clauseIndex of sentence.clauses) {
      expect(clauseIndex).toBe(nextClause);
      const clause = doc.clauses[clauseIndex];
      expect(clause.firstToken).toBe(nextToken);
      expect(clause.endToken).toBeGreaterThan(clause.firstToken);
      expect(clause.start).toBe(doc.tokens[clause.firstToken].start);
      expect(clause.end).toBe(doc.tokens[clause.endToken - 1].end);
      nextToken = clause.endToken;
      nextClause += 1;
    }
    expect(nextToken).toBe(sentence.endToken);
  }
  expect(nextToken).toBe(doc.tokens.length);
  expect(nextClause).toBe(doc.clauses.length);
}

/** Units that may fall between tokens: whitespace (after preparation) and bare emoji modifiers. */
const IGNORABLE = /[\s\u200d\ufe0e\ufe0f\u20e3]/;

/** Every visible character of the text lies inside some token. */
function checkNothingVisibleIsLost(doc: TextDocument): void {
  const prepared = prepareForTokenizer(doc.text);
  const covered = new Uint8Array(doc.text.length);
  for (const token of doc.tokens) covered.fill(1, token.start, token.end);
  for (let position = 0; position < doc.text.length; position += 1) {
    if (covered[position] === 0 && !IGNORABLE.test(prepared[position])) {
      expect.fail(`unit ${position} (U+${doc.text.charCodeAt(position).toString(16)}) of ${JSON.stringify(doc.text)} is in no token`);
    }
  }
}

describe('createTextProcessor', () => {
  it.each(['', ' ', '   \n\t  ', '\n\n'])('gives an empty document for %j', (text) => {
    expect(processor.process(text)).toEqual({ text, tokens: [], sentences: [], clauses: [] });
  });

  it.each([
    '😡😡😡',
    '👍',
    ':-)',
    ':(',
    'Service très lent, 太慢了',
    'a\u0000b\u0007c',
    'zero\u200bwidth',
    '\u200f\u202eRTL marks\u202c',
    'lone \ud800 surrogate \udc00 here',
    '\ud83d',
    '\u200b',
    '\u0000',
    '.',
    '!!!',
    '- ',
    '👨‍👩‍👧‍👦 family 🏳️‍🌈 flag 1️⃣ keycap',
    'x'.repeat(20_000),
    'word '.repeat(4_000),
    'a.'.repeat(10_000),
    '+12 '.repeat(5_000),
  ])('handles %j without throwing and keeps the invariants', (text) => {
    const doc = processor.process(text);
    expect(doc.text).toBe(text);
    checkInvariants(doc);
  });

  it('gives emoji-only text one sentence with one clause', () => {
    const doc = processor.process('😡😡😡');
    expect(doc.tokens.map((token) => token.kind)).toEqual(['emoji', 'emoji', 'emoji']);
    expect(doc.sentences).toHaveLength(1);
    expect(doc.clauses).toHaveLength(1);
  });

  it('processes a 20,000 character mixed text', () => {
    const unit = 'The delivery was sooo late 😡 but support were GREAT!!! Call +44 20 7946 0958.\n';
    const text = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
    const doc = processor.process(text);
    checkInvariants(doc);
    expect(doc.sentences.length).toBeGreaterThan(200);
  });

  it('keeps an over-long run without spaces as one token (wink is quadratic on it)', () => {
    const text = `see www.${'a'.repeat(20_000)} now`;
    const doc = processor.process(text);
    checkInvariants(doc);
    expect(doc.tokens.map((token) => token.kind)).toEqual(['word', 'url', 'word']);
  });

  it('rejects a non-string with a VerbatimError', () => {
    expect(() => processor.process(42 as unknown as string)).toThrow(VerbatimError);
  });
});

describe('offset invariants on generated nasty strings', () => {
  const pieces = [
    'a', 'B', 'word', 'DONT', 'dont', "can't", 'don’t', 'sooo', ' ', '  ', '\n', '\n\n', '\t', '\r\n',
    '.', '!!!', '?', '...', '…', ',', ';', ' - ', '-', '—', '"', '’', "'", '(', ')',
    '😡', '👍🏽', '👨‍👩‍👧', '🇬🇧', '❤️', '1️⃣', ':-)', ':(', '<3',
    '\u0000', '\u0007', '\u200b', '\u200d', '\u200e', '\u202e', '\ufeff', '\u00a0', '\u2028', '\ufe0f',
    '\ud800', '\udc00', '\ud83d', 'é', 'ß', '太慢了', 'مرحبا', 'Привет',
    '12', '12.99', '£', '$5', '2024-03-01', 'a@b.com', 'https://x.co/a', '#tag', '@user',
    'but', 'although', 'however', 'yet', ', and the', 'Dr.', 'e.g.', 'U.S.', '1.', 'nt', "n't",
  ];

  /** Park-Miller generator: the same strings on every run. */
  function generator(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
  }

  it('keeps 0 <= start < end <= length and slice === surface on 400 strings', () => {
    const random = generator(12345);
    for (let sample = 0; sample < 400; sample += 1) {
      const length = 1 + Math.floor(random() * 30);
      let text = '';
      for (let piece = 0; piece < length; piece += 1) {
        text += pieces[Math.floor(random() * pieces.length)];
        if (random() < 0.1) text += String.fromCharCode(Math.floor(random() * 0x10000));
      }
      const doc = processor.process(text);
      expect(doc.text).toBe(text);
      checkInvariants(doc);
      checkNothingVisibleIsLost(doc);
    }
  });
});
