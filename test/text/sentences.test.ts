import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../src/text/processor.js';

const processor = createTextProcessor();
const sentencesOf = (text: string) => {
  const doc = processor.process(text);
  return doc.sentences.map((sentence) => text.slice(sentence.start, sentence.end));
};

describe('splitSentences', () => {
  it.each([
    ['no punctuation at all just words', ['no punctuation at all just words']],
    ['Great app. Slow login.', ['Great app.', 'Slow login.']],
    ['wow!!! great', ['wow!!!', 'great']],
    ['I love it!!! But the price...', ['I love it!!!', 'But the price...']],
    ['hmm... not sure', ['hmm...', 'not sure']],
    ['Really?! yes', ['Really?!', 'yes']],
    ['Love it!!! 😍 Best ever', ['Love it!!! 😍', 'Best ever']],
    ['Great. 👍', ['Great. 👍']],
    ['Love it 😍 Will buy again', ['Love it 😍', 'Will buy again']],
    ['love it 😍 will buy again', ['love it 😍 will buy again']],
    ['"It broke." Then nothing', ['"It broke."', 'Then nothing']],
    ['Dr. Smith said e.g. this. Next one', ['Dr. Smith said e.g. this.', 'Next one']],
    ['- slow login\n- crashes daily', ['- slow login', '- crashes daily']],
    ['• slow login\n• crashes daily', ['• slow login', '• crashes daily']],
    ['1. slow login\n2. crashes daily', ['1. slow login', '2. crashes daily']],
    ['first part\n\nsecond part', ['first part', 'second part']],
    ['Slow delivery\nGood price', ['Slow delivery', 'Good price']],
    ['the parcel arrived\nlate and wet', ['the parcel arrived\nlate and wet']],
    ['😡😡😡', ['😡😡😡']],
    ['It costs $12.99 per month.', ['It costs $12.99 per month.']],
  ])('splits %j', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('covers every token exactly once, in order', () => {
    const doc = processor.process('A. B! C? d\n\ne - f 😡 G');
    let next = 0;
    for (const sentence of doc.sentences) {
      expect(sentence.firstToken).toBe(next);
      expect(sentence.endToken).toBeGreaterThan(sentence.firstToken);
      next = sentence.endToken;
    }
    expect(next).toBe(doc.tokens.length);
  });
});
