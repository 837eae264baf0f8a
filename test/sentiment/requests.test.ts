import { describe, expect, it } from 'vitest';
import { isPlainRequest } from '../../src/sentiment/requests.js';
import { createTextProcessor } from '../../src/text/index.js';

const processor = createTextProcessor();

/** isPlainRequest over a text's tokens (normal forms as keys, punctuation skipped). */
function asks(text: string): boolean {
  const tokens = processor.process(text).tokens;
  return isPlainRequest(tokens.map((token) => token.normal), tokens.map((token) => token.kind === 'punctuation'), tokens.length);
}

describe('isPlainRequest', () => {
  it.each([
    'Please add a dark mode.',
    'Add Apple Watch support pls',
    'Hi @Acme, please add a dark mode.',
    'Would be nice to have an export to Excel option.',
    'It would be great if the app remembered my card.',
    'more colors please!',
    'Kindly send the invoice to my office address.',
  ])('reads %j as a request', (text) => {
    expect(asks(text)).toBe(true);
  });

  it.each([
    'Constantly signs me out. Fix please',
    'Please stop calling me.',
    'Could you please actually read my previous messages',
    'Please refund this.',
    'I would like to tell you about the best laptop I just got.',
    'A reply would be nice.',
    'The add-on was great.',
    '',
  ])('does not read %j as a plain request', (text) => {
    expect(asks(text)).toBe(false);
  });
});
