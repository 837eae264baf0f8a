import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../src/text/processor.js';

const processor = createTextProcessor();
const shouted = (text: string) => processor.process(text).tokens.filter((token) => token.shouting).map((token) => token.text);

describe('markShouting', () => {
  it.each([
    ['The app is SO SLOW', ['SO', 'SLOW']],
    ['ALL CAPS TEXT', ['ALL', 'CAPS', 'TEXT']],
    ['I HATE IT', ['HATE', 'IT']],
    ['UPS lost my parcel', []],
    ['UPS and DHL and USB', []],
    ['UPS was AWFUL', ['UPS', 'AWFUL']],
    ['UPS lost it, but the driver was TERRIBLE', ['TERRIBLE']],
    ['DONT buy', ["DONT"]],
    ['I am MAD', []],
    ['Great app', []],
    ['A', []],
    ['NPS 9/10', []],
    ['[NAME] was AWFUL, mail [EMAIL]', ['AWFUL']],
  ])('in %j shouts %j', (text, expected) => {
    expect(shouted(text)).toEqual(expected);
  });
});
