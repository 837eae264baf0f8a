import { describe, expect, it } from 'vitest';
import { isFragmentAnswer } from '../../src/themes/word-lists.js';

describe('isFragmentAnswer', () => {
  it.each([
    ['ok followed by a long run of marks', 'ok!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!', true],
    ['a fragment padded with spaces and dashes', '   ---   see previous answer   ---   ', true],
    ['the longest fragment', 'see previous answer', true],
    ['upper case', 'NOTHING REALLY', true],
    ['a fragment with one letter too many', 'see previous answers', false],
    ['a long comment', 'The courier left the parcel in the rain and nobody answered the phone', false],
    ['a short comment', 'slow app', false],
  ])('%s', (_name, text, expected) => {
    expect(isFragmentAnswer(text)).toBe(expected);
  });
});
