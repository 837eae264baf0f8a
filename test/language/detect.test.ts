import { describe, expect, it } from 'vitest';
import { compileLanguageData, defaultLanguageData, MARKER_SHIFT, validateLanguageData, WORD_ENGLISH, WORD_INFORMAL, WORD_KNOWN } from '../../src/language/data.js';
import { createLanguageDetector, ENGLISH, lexicalPart, UNDETERMINED } from '../../src/language/detect.js';
import { createTextProcessor } from '../../src/text/index.js';
import type { Token } from '../../src/text/document.js';

const processor = createTextProcessor();
const detector = createLanguageDetector(defaultLanguageData());
const detect = (text: string) => detector.detect(processor.process(text).tokens);

describe('language detection', () => {
  it.each([
    ['Muy buena atención, me resolvieron todo en una llamada.', 'es'],
    ['El pedido llegó tarde y la caja estaba rota.', 'es'],
    ["Personnel très aimable et à l'écoute.", 'fr'],
    ['Le colis est arrivé abîmé et personne ne répond à mes mails.', 'fr'],
    ['Der Service war schrecklich und niemand hat zurückgerufen.', 'de'],
    ['Não gostei, o produto chegou quebrado.', 'pt'],
    ['Servizio pessimo, nessuno risponde.', 'it'],
    ['Prima service, snel geleverd.', 'nl'],
  ])('reads %s as %s', (text, language) => {
    expect(detect(text)).toBe(language);
  });

  it.each([
    'The courier was two days late and support never called back.',
    'Quick and painless checkout.',
    'Ordered on Monday, arrived Wednesday.',
    'haha lol that was a mess, lmao',
    'Great service!',
    'Café was lovely, the croissants a bit dry.',
    'no comment',
    'ok',
  ])('keeps English as English: %s', (text) => {
    expect(detect(text)).toBe(ENGLISH);
  });

  it.each([
    'Доставка опоздала на два дня, никто не ответил.',
    '服务很好，送货很快',
    'الخدمة سيئة جدا',
    'Η παράδοση ήταν γρήγορη',
    'Dostawa była szybka, polecam!',
  ])('calls %s undetermined: another script, or mostly words no table knows', (text) => {
    expect(detect(text)).toBe(UNDETERMINED);
  });

  it.each([
    'stultifyingly, dumbfoundingly, mind-numbingly bad.',
    'a hallucinatory dreamscape that frustrates and captivates',
    'The Xero sync broke after your update, and Okta SSO too.',
    'Loved the 東京 edition of the mug.',
  ])('keeps rare words, names and a stray foreign word English: %s', (text) => {
    expect(detect(text)).toBe(ENGLISH);
  });

  it('needs two words of evidence: a one-word comment stays English', () => {
    expect(detect('Correcto.')).toBe(ENGLISH);
    expect(detect('')).toBe(ENGLISH);
  });

  it('reads tokens without a shared form (hand-built) the same as cached ones', () => {
    const tokens = processor.process('Muy buena atención, me resolvieron todo.').tokens;
    const bare: Token[] = tokens.map(({ form: _form, ...rest }) => rest);
    expect(detector.detect(bare)).toBe(detector.detect(tokens));
  });

  it('looks words up past an elision', () => {
    expect(lexicalPart("l'écoute")).toBe('écoute');
    expect(lexicalPart('service')).toBe('service');
  });

  it('knows each language it detects, and no other', () => {
    expect(detector.language('es')?.name).toBe('Spanish');
    expect(detector.language('en')).toBeNull();
    expect(detector.language('xx')).toBeNull();
  });
});

describe('language data', () => {
  const minimal = {
    version: '1',
    sources: [],
    english: ['the'],
    informal: ['lol'],
    known: ['banal'],
    languages: { es: { name: 'Spanish', markers: ['muy', 'atención'], valence: [['bueno', 3], ['no funciona', -2]], negators: ['no'], intensifiers: ['muy'] } },
  };

  it('compiles word flags and markers, non-ASCII letters, and a lexicon only when asked', () => {
    let reloads = 0;
    const file = validateLanguageData(minimal);
    const data = compileLanguageData(file, () => {
      reloads += 1;
      return file;
    });
    expect(data.wordInfo('muy')).toBe(1 << MARKER_SHIFT);
    expect(data.wordInfo('the')).toBe(WORD_ENGLISH);
    expect(data.wordInfo('lol')).toBe(WORD_INFORMAL);
    expect(data.wordInfo('banal')).toBe(WORD_KNOWN);
    expect(data.wordInfo('zzz')).toBe(0);
    expect(data.letters.get('ó')).toBe(1);
    expect(reloads).toBe(0);
    const spanish = data.lexicon('es')!;
    expect(spanish.words.get('bueno')).toBe(3);
    expect(spanish.phrases.get('no funciona')).toBe(-2);
    expect(spanish.longestPhrase).toBe(2);
    expect(data.lexicon('es')).toBe(spanish);
    expect(data.lexicon('fr')).toBeNull();
    expect(reloads).toBe(1);
  });

  it('rejects a broken file with VERBATIM_E_MODEL naming the field', () => {
    const broken = { ...minimal, languages: { es: { ...minimal.languages.es, valence: [['bueno', 9]] } } };
    expect(() => validateLanguageData(broken, 'x.json')).toThrow(/VERBATIM_E_MODEL|languages\.es\.valence/);
    try {
      validateLanguageData(broken, 'x.json');
    } catch (error) {
      expect((error as { code: string }).code).toBe('VERBATIM_E_MODEL');
      expect(String((error as Error).message)).toContain('languages.es.valence.0.1');
    }
    expect(() => validateLanguageData({ ...minimal, languages: { spanish: minimal.languages.es } })).toThrow();
  });
});
