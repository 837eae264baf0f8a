import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentModelWords, scanModelWords, spanModelWords } from '../../src/model/doc-tokens.js';
import { tokensOf } from '../../src/model/model-words.js';
import type { TextDocument } from '../../src/text/document.js';
import type { Span } from '../../src/contract.js';
import { modelTokens, spannedModelTokens, tokensInRange } from '../../src/model/model-tokens.js';
import { createTextProcessor } from '../../src/text/processor.js';

const EDGE = [
  "It doesn't work, but the staff wasn't rude!!! Sooooo slow though.",
  "it does n't work; I dont care. Can't log in?! 😡😡",
  'İstanbul office: great. The ΟΔΟΣ was fine, the food was not.',
  "Refund took 3 weeks... nobody called back :( would NOT recommend",
  'no', '',
];

const documentModelTokens = (doc: TextDocument) => tokensOf(documentModelWords(doc));
const spanModelTokens = (doc: TextDocument, span: Span) => tokensOf(spanModelWords(doc, span));

describe('one model-token scan per document', () => {
  const processor = createTextProcessor();
  const sample = readFileSync(new URL('../../data/sample.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String(JSON.parse(line).text));

  it('gives every clause and sentence exactly the tokens of scanning its own text', () => {
    for (const text of [...sample, ...EDGE]) {
      const doc = processor.process(text);
      expect(documentModelTokens(doc)).toEqual(modelTokens(text));
      for (const span of [...doc.clauses, ...doc.sentences]) expect(spanModelTokens(doc, span)).toEqual(modelTokens(text.slice(span.start, span.end)));
    }
  });

  it('scans chunk by chunk (cached) exactly as one scan of the whole text, offsets included', () => {
    const extra = [
      "it doesn 't work and I can 't log in", "'t at the start, then won 't", "tabs\tand\nnew lines\r\nhere",
      'ΟΔΟΣ\u00adΑ and ΟΔΟΣ', 'non\u00a0breaking\u2009spaces\u200band\u00adsoft hyphens', 'a lone \ud800 surrogate',
      `a ${'verylongchunk'.repeat(8)}!!! and the same ${'verylongchunk'.repeat(8)}!!!`, '  padded  ', 'late. late. late.',
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (const text of [...sample, ...EDGE, ...extra]) {
        const whole = spannedModelTokens(text);
        const chunked = scanModelWords(processor.process(text));
        if (whole === null) expect(chunked).toBeNull();
        else expect({ tokens: tokensOf(chunked!.tokens), spans: chunked!.spans }).toEqual(whole);
      }
    }
  });

  it('refuses a range that cuts a token, so the caller scans the slice', () => {
    const scan = spannedModelTokens("it doesn't work")!;
    expect(scan.tokens).toEqual(['it', 'does', 'not', 'work']);
    expect(tokensInRange(scan, 0, 15)).toEqual(['it', 'does', 'not', 'work']);
    expect(tokensInRange(scan, 3, 15)).toEqual(['does', 'not', 'work']);
    // "doesn" | "'t work": the joined "not" reaches back to its stem.
    expect(tokensInRange(scan, 8, 15)).toBeNull();
    expect(tokensInRange(scan, 4, 15)).toBeNull();
    expect(tokensInRange(scan, 11, 15)).toEqual(['work']);
  });

  it('has no offsets when lower-casing changes the length, and still gives the right tokens', () => {
    expect(spannedModelTokens('İstanbul')).toBeNull();
    const doc = processor.process('İstanbul was great. The hotel was not.');
    expect(documentModelTokens(doc)).toEqual(modelTokens(doc.text));
    for (const clause of doc.clauses) expect(spanModelTokens(doc, clause)).toEqual(modelTokens(doc.text.slice(clause.start, clause.end)));
  });

  it('keeps the scan out of sight (JSON, keys, spreads) and still works on a frozen document', () => {
    const doc = processor.process('The courier was late, but support was great.');
    const before = JSON.stringify(doc);
    spanModelTokens(doc, doc.clauses[0]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.keys({ ...doc })).toEqual(['text', 'tokens', 'sentences', 'clauses']);
    const frozen = Object.freeze(processor.process('Not bad at all, thanks'));
    expect(documentModelTokens(frozen)).toEqual(modelTokens(frozen.text));
    expect(spanModelTokens(frozen, frozen.clauses[0])).toEqual(modelTokens(frozen.text.slice(frozen.clauses[0].start, frozen.clauses[0].end)));
  });
});
