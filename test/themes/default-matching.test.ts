/** End to end: the real text stage, the shipped taxonomy and the shipped word vectors. */
import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../src/text/index.js';
import { defaultWordVectors } from '../../src/themes/embeddings.js';
import { createThemeMatcher } from '../../src/themes/matcher.js';
import { defaultTaxonomy } from '../../src/themes/taxonomy.js';

const processor = createTextProcessor();
const matcher = createThemeMatcher(defaultTaxonomy(), {
  embeddings: defaultWordVectors(),
  embeddingThreshold: 0.62,
  maxThemesPerComment: 8,
});
const themesOf = (text: string): string[] => matcher.match(processor.process(text)).map((hit) => hit.themeId);

describe('theme matching with the default taxonomy', () => {
  const cases: [string, string[]][] = [
    ['The parcel turned up a week later than promised', ['delivery-speed']],
    ['Nobody picked up the phone', ['support-responsiveness', 'support-channels']],
    ['They charged me twice', ['overcharge']],
    ['The app logs me out constantly', ['login-access']],
    ["I don't know how to set it up", ['setup-installation']],
    ['My order was delivered late and the box was crushed', ['delivery-speed', 'damaged-items', 'packaging']],
    ['Still waiting for my refund!!!', ['refunds']],
    ['The agent was rude and unhelpful', ['support-attitude']],
    ["The app keeps crashing since the update", ['app-crashes', 'app-updates']],
    ['Trying to cancel my subscription is a nightmare', ['cancellation']],
    ['Way too expensive for what it is', ['price-level', 'value-for-money']],
    ["Still can't use the treadmill a week later", []],
    ['Just returned from holiday, nothing to report', []],
    ['I support Arsenal and we lost 3-0', []],
    ['Cancelled online, and I was still charged after cancelling', ['cancellation', 'overcharge']],
    ['Never got an order confirmation email', ['communication-updates']],
    // A parent's lone word beside another theme's specific mention names where it happened.
    ['Great discounts on the app every week', ['offers-promotions']],
    ['The app is great', ['digital-channels']],
    ['The app is great. Great discounts every week too', ['digital-channels', 'offers-promotions']],
    ['The courier left it in the rain', ['courier']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(themesOf(text).sort()).toEqual([...expected].sort());
  });

  it.each(['ok', 'n/a', 'nothing', 'see above', 'Nothing to add.', 'N/A'])('gives the fragment "%s" no theme', (text) => {
    expect(themesOf(text)).toEqual([]);
  });

  it('does not read a negated complaint as complaint handling ("No complaints here")', () => {
    for (const text of ['No complaints here', "Can't complain, all good", 'Nothing to complain about']) expect(themesOf(text)).not.toContain('complaints-handling');
    expect(themesOf('My complaint was ignored for weeks')).toContain('complaints-handling');
  });

  it('does not treat "my fault" as a product fault', () => {
    expect(themesOf('It was my fault, I typed the wrong address')).not.toContain('product-reliability');
  });

  it('puts the evidence on the original text even with odd spacing and emoji', () => {
    const text = '😡  The DELIVERY   was   late!!';
    const hit = matcher.match(processor.process(text)).find((candidate) => candidate.themeId === 'delivery-speed')!;
    expect(hit.evidence.map((span) => text.slice(span.start, span.end))).toEqual(['DELIVERY', 'late']);
  });
});
