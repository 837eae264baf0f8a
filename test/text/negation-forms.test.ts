import { describe, expect, it } from 'vitest';
import { NEAR_NEGATION_FORMS, NEGATION_FORMS } from '../../src/text/negation-forms.js';
import { createTextProcessor } from '../../src/text/processor.js';

const processor = createTextProcessor();
const negations = (text: string) =>
  processor.process(text).tokens.filter((token) => NEGATION_FORMS.has(token.normal)).map((token) => token.normal);

describe('NEGATION_FORMS', () => {
  it.each([
    ['I dont like it', ["don't"]],
    ["I don't like it", ["don't"]],
    ['I don’t like it', ["don't"]],
    ['DONT buy', ["don't"]],
    ['it wont work', ["won't"]],
    ['it cant be fixed', ["can't"]],
    ['I cannot login', ['cannot']],
    ['I can not login', ['not']],
    ['it didnt arrive', ["didn't"]],
    ['it isnt good', ["isn't"]],
    ['it wasnt good.', ["wasn't"]],
    ['it doesnt work', ["doesn't"]],
    ['they havent called', ["haven't"]],
    ['couldnt care less', ["couldn't"]],
    ['wouldnt recommend', ["wouldn't"]],
    ['shouldnt happen', ["shouldn't"]],
    ['it aint right', ["ain't"]],
    ['never again, no thanks', ['never', 'no']],
    ['nothing works and nobody helps', ['nothing', 'nobody']],
    ['neither fast nor cheap', ['neither', 'nor']],
    ['left without a refund', ['without']],
    ['great product', []],
  ])('finds the negations of %j', (text, expected) => {
    expect(negations(text)).toEqual(expected);
  });

  it('keeps approximate negators apart', () => {
    expect(NEAR_NEGATION_FORMS.has('hardly')).toBe(true);
    expect(NEGATION_FORMS.has('hardly')).toBe(false);
  });
});
