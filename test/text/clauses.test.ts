import { describe, expect, it } from 'vitest';
import { CONCESSIVE_CONNECTIVES } from '../../src/text/clauses.js';
import { createTextProcessor } from '../../src/text/processor.js';

const processor = createTextProcessor();
type Row = [string, string, string | null];
const clausesOf = (text: string): Row[] => {
  const doc = processor.process(text);
  return doc.clauses.map((clause) => [text.slice(clause.start, clause.end), clause.role, clause.connective]);
};

describe('splitClauses', () => {
  it.each<[string, Row[]]>([
    ['fast delivery but the box was crushed', [
      ['fast delivery', 'before-contrast', null],
      ['but the box was crushed', 'after-contrast', 'but'],
    ]],
    ['Although the staff were nice, the room was dirty', [
      ['Although the staff were nice,', 'before-contrast', 'although'],
      ['the room was dirty', 'after-contrast', null],
    ]],
    ['not bad at all, though shipping was slow', [
      ['not bad at all,', 'before-contrast', null],
      ['though shipping was slow', 'after-contrast', 'though'],
    ]],
    ['Great product; terrible support', [
      ['Great product;', 'plain', null],
      ['terrible support', 'plain', null],
    ]],
    ['I love it!!! But the price...', [
      ['I love it!!!', 'before-contrast', null],
      ['But the price...', 'after-contrast', 'but'],
    ]],
    ['Lovely design. Shame half the buttons do nothing.', [
      ['Lovely design.', 'before-contrast', null],
      ['Shame half the buttons do nothing.', 'after-contrast', 'shame'],
    ]],
    ['Great staff. Unfortunately the room was dirty', [
      ['Great staff.', 'before-contrast', null],
      ['Unfortunately the room was dirty', 'after-contrast', 'unfortunately'],
    ]],
    ['Delivery ok - packaging awful', [
      ['Delivery ok -', 'plain', null],
      ['packaging awful', 'plain', null],
    ]],
    ['everything was fine except the delivery', [
      ['everything was fine', 'before-contrast', null],
      ['except the delivery', 'after-contrast', 'except'],
    ]],
    ['the food was great, while the service was slow', [
      ['the food was great,', 'before-contrast', null],
      ['while the service was slow', 'after-contrast', 'while'],
    ]],
    ['It was cheap, however it broke', [
      ['It was cheap,', 'before-contrast', null],
      ['however it broke', 'after-contrast', 'however'],
    ]],
    ['cheap and yet it broke', [
      ['cheap', 'before-contrast', null],
      ['and yet it broke', 'after-contrast', 'yet'],
    ]],
    ['good even though it was late', [
      ['good', 'before-contrast', null],
      ['even though it was late', 'after-contrast', 'even though'],
    ]],
    ['While I waited, nobody helped', [
      ['While I waited,', 'before-contrast', 'while'],
      ['nobody helped', 'after-contrast', null],
    ]],
    ['the staff were nice, and the room was clean', [
      ['the staff were nice,', 'plain', null],
      ['and the room was clean', 'plain', 'and'],
    ]],
    ['However, the room was dirty', [['However, the room was dirty', 'after-contrast', 'however']]],
    ['Although pricey it works', [['Although pricey it works', 'plain', 'although']]],
    ['I love the colour and the size', [['I love the colour and the size', 'plain', null]]],
    ['I fell asleep while waiting', [['I fell asleep while waiting', 'plain', null]]],
    ['it has not arrived yet', [['it has not arrived yet', 'plain', null]]],
    ['great product but also cheap', [['great product but also cheap', 'plain', null]]],
    ['i get nothing but compliments', [['i get nothing but compliments', 'plain', null]]],
    ['It was good though.', [['It was good though.', 'plain', null]]],
    ['state-of-the-art stuff', [['state-of-the-art stuff', 'plain', null]]],
    ['but', [['but', 'plain', null]]],
    ['😡', [['😡', 'plain', null]]],
  ])('splits %j', (text, expected) => {
    expect(clausesOf(text)).toEqual(expected);
  });

  it('gives every sentence at least one clause and every token exactly one clause', () => {
    const text = 'Nice; but! 😡 Although, x. - y - z, and the end';
    const doc = processor.process(text);
    let next = 0;
    doc.sentences.forEach((sentence, sentenceIndex) => {
      expect(sentence.clauses.length).toBeGreaterThan(0);
      for (const clauseIndex of sentence.clauses) {
        const clause = doc.clauses[clauseIndex];
        expect(clause.sentence).toBe(sentenceIndex);
        expect(clause.firstToken).toBe(next);
        expect(clause.endToken).toBeGreaterThan(clause.firstToken);
        next = clause.endToken;
      }
      expect(next).toBe(sentence.endToken);
    });
    expect(next).toBe(doc.tokens.length);
  });

  it('marks concessive connectives so a scorer can let the main clause win', () => {
    expect(CONCESSIVE_CONNECTIVES.has('although')).toBe(true);
    expect(CONCESSIVE_CONNECTIVES.has('but')).toBe(false);
  });
});
