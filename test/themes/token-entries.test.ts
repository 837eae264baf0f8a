import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../src/text/index.js';
import { defaultTaxonomy } from '../../src/themes/taxonomy.js';
import { compileTaxonomy } from '../../src/themes/term-index.js';
import { entriesOf, isSeedFormAt, wordMatch } from '../../src/themes/token-entries.js';

const processor = createTextProcessor();
const compiled = compileTaxonomy(defaultTaxonomy());

describe('token entries', () => {
  it('finds seed forms by normal form and by lemma, and only those', () => {
    const doc = processor.process('The deliveries were late and the xylophone hummed');
    const entries = entriesOf(compiled, {}, doc.tokens);
    const seedWords = doc.tokens.filter((_, at) => isSeedFormAt(entries, at)).map((token) => token.normal);
    expect(seedWords).toContain('deliveries');
    expect(seedWords).not.toContain('xylophone');
    expect(entries.any).toBe(true);
  });

  it('matches a term word literally or by lemma', () => {
    const term = compiled.termsByFirstForm.get('delivery')!.find((candidate) => candidate.text === 'delivery')!;
    expect(term).toBeDefined();
    const doc = processor.process('delivery deliveries parcel');
    const entries = entriesOf(compiled, {}, doc.tokens);
    expect(wordMatch(entries, term, 0, 0)).toBe('literal');
    expect(wordMatch(entries, term, 0, 1)).toBe('lemma');
    expect(wordMatch(entries, term, 0, 2)).toBeNull();
  });

  it('marks a document with no seed form, so matching can skip the term passes', () => {
    const doc = processor.process('xylophone quartz');
    expect(entriesOf(compiled, {}, doc.tokens).any).toBe(false);
  });

  it('remembers each form under its owner: the same owner gets the same answers back, another owner its own', () => {
    const doc = processor.process('delivery');
    const owner = {};
    const first = entriesOf(compiled, owner, doc.tokens).forms[0];
    expect(entriesOf(compiled, owner, doc.tokens).forms[0]).toBe(first);
    const other = entriesOf(compiled, {}, doc.tokens).forms[0];
    expect(other).not.toBe(first);
    expect(other).toEqual(first);
  });
});
