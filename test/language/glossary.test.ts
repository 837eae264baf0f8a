import { describe, expect, it } from 'vitest';
import { compileLanguageData, defaultLanguageData, validateLanguageData } from '../../src/language/data.js';
import { glossDocument } from '../../src/language/glossary.js';
import { createTextProcessor } from '../../src/text/index.js';

const processor = createTextProcessor();

describe('glossDocument', () => {
  it('gives glossary words their English gloss, inflected forms included, and keeps offsets and text', () => {
    const doc = processor.process('Dos pedidos, una caja rota.');
    const glossed = glossDocument(doc, defaultLanguageData().lexicon('es')!);
    expect(glossed.text).toBe(doc.text);
    expect(glossed.tokens.map((token) => token.normal)).toEqual(['dos', 'order', ',', 'una', 'box', 'broken', '.']);
    expect(glossed.tokens.map((token) => [token.start, token.end])).toEqual(doc.tokens.map((token) => [token.start, token.end]));
    const order = glossed.tokens[1]!;
    expect([order.lemma, order.form]).toEqual(['order', undefined]);
    // The comment's own tokens are untouched: sentiment and signals still read them.
    expect(doc.tokens[1]!.normal).toBe('pedidos');
    expect(glossed.tokens[0]).toBe(doc.tokens[0]);
  });

  it('returns the document itself when no word is glossed', () => {
    const doc = processor.process('Hola, ¿qué tal?');
    expect(glossDocument(doc, defaultLanguageData().lexicon('es')!)).toBe(doc);
    const bare = compileLanguageData(validateLanguageData({ version: '1', sources: [], words: '', letters: {}, languages: { es: { name: 'Spanish', valence: '', negators: [], intensifiers: [], glossary: {}, suffixing: false } } }));
    const pedido = processor.process('El pedido.');
    expect(glossDocument(pedido, bare.lexicon('es')!)).toBe(pedido);
  });

  it("has a glossary for every language read but Vietnamese (its words are syllables)", () => {
    const data = defaultLanguageData();
    for (const { code } of data.languages.filter((language) => language.code !== 'vi')) expect(data.lexicon(code)!.glossary.size, code).toBeGreaterThan(40);
    expect(data.lexicon('vi')!.glossary.size).toBe(0);
  });
});
