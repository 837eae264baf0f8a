import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../src/text/index.js';
import { defaultSignalPatterns } from '../../src/signals/patterns.js';
import { WordPool, wordsOf } from '../../src/signals/word-stream.js';

const texts = [
  "I won't renew, the app crashed THREE times and support never called back.",
  'Great service.',
  'Ordered on the 3rd; Acme said two days but it took a week!! Cancel my account',
  '',
  "Delivery was late but the driver didn't care at all",
];

describe('wordsOf with a pool', () => {
  it('gives the same words as fresh objects, document after document, whatever the lengths', () => {
    defaultSignalPatterns();
    const text = createTextProcessor();
    const pool = new WordPool();
    for (const round of [0, 1]) {
      for (const source of round === 0 ? texts : [...texts].reverse()) {
        const doc = text.process(source);
        const fresh = wordsOf(doc);
        const pooled = wordsOf(doc, pool);
        expect(pooled.map((word) => ({ ...word }))).toEqual(fresh.map((word) => ({ ...word })));
      }
    }
  });

  it("reuses its objects: a second stream holds the first stream's words", () => {
    const text = createTextProcessor();
    const pool = new WordPool();
    const first = wordsOf(text.process('the parcel arrived late'), pool);
    const firstWord = first[0];
    const second = wordsOf(text.process('refund please'), pool);
    expect(second[0]).toBe(firstWord);
    expect(firstWord!.normal).toBe('refund');
    // A stream without a pool owns its words.
    const own = wordsOf(text.process('the parcel arrived late'));
    expect(own[0]).not.toBe(firstWord);
  });
});
