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
    ['Leveransen var snabb och bra.', 'sv'],
    ['Jeg er meget skuffet over kundeservice.', 'da'],
    ['Pakken kom aldri, og ingen svarte på e-post.', 'no'],
    ['Asiakaspalvelu ei vastannut koskaan, todella huono kokemus.', 'fi'],
    ['Dostawa była szybka, polecam!', 'pl'],
    ['Kargo çok geç geldi, berbat hizmet.', 'tr'],
    ['Pelayanan buruk sekali, tidak ada yang membalas.', 'id'],
    ['Serviciul clienți este groaznic.', 'ro'],
    ['Doprava byla rychlá, jsem spokojený.', 'cs'],
    ['Nagyon gyors szállítás, köszönöm!', 'hu'],
    ['El servei al client és molt dolent.', 'ca'],
    ['Dịch vụ khách hàng rất tệ, không ai trả lời.', 'vi'],
    // No English word; "ő" is Hungarian alone (é is many languages'), "az" Hungarian and English.
    ['Lemondom az előfizetésemet.', 'hu'],
    ['Lemondom az előfizetésemet, elegem van.', 'hu'],
    ['Vaihdan operaattoria ensi kuussa.', 'fi'],
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
    // Words English shares with other languages, or a letter many languages use: still English.
    'an impeccable sense',
    'clichéd to a fault',
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
    'Huduma ilikuwa mbaya sana, hakuna aliyejibu.',
    'Tarne oli kiire ja teenindus meeldiv.',
  ])('calls %s undetermined: another script, or mostly words no table knows', (text) => {
    expect(detect(text)).toBe(UNDETERMINED);
  });

  it.each([
    'stultifyingly, dumbfoundingly, mind-numbingly bad.',
    'a hallucinatory dreamscape that frustrates and captivates',
    'The Xero sync broke after your update, and Okta SSO too.',
    'Loved the 東京 edition of the mug.',
    'I ordered the Ikea Billy shelf and the Hemnes bed.',
    'Kim at the Malmo store was lovely.',
    'Bra size chart is way off, returned it.',
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

  it('counts votes for languages past the eighth (one vote kind and a language mask per word)', () => {
    const codes = ['aa', 'bb', 'cc', 'dd', 'ee', 'ff', 'gg', 'hh', 'ii', 'jj', 'kk', 'll'];
    const words = codes.map((code, index) => `${code}word\t${1 << (MARKER_SHIFT + index)}\n${code}other\t${1 << (MARKER_SHIFT + index)}\n`).sort().join('');
    const languages = Object.fromEntries(codes.map((code) => [code, { name: code, valence: '', negators: [], intensifiers: [], glossary: {}, suffixing: false }]));
    const many = createLanguageDetector(compileLanguageData(validateLanguageData({ version: '1', sources: [], words: `${words}the\t${WORD_ENGLISH}\n`, letters: {}, languages })));
    expect(many.detect(processor.process('kkword kkother the').tokens)).toBe('kk');
    expect(many.detect(processor.process('llword llother').tokens)).toBe('ll');
    expect(many.detect(processor.process('aaword aaother').tokens)).toBe('aa');
    // A 24th language's marker bit would be the word table's sign bit.
    const tooMany = Object.fromEntries(Array.from({ length: 24 }, (_, index) => [`l${String.fromCharCode(97 + index)}`, { name: 'x', valence: '', negators: [], intensifiers: [], glossary: {}, suffixing: false }]));
    expect(() => createLanguageDetector(compileLanguageData(validateLanguageData({ version: '1', sources: [], words: '', letters: {}, languages: tooMany })))).toThrow(/at most 23/);
  });

  it('lets no word a translated list left in English mark a language', () => {
    const data = defaultLanguageData();
    for (const word of ['accolade', 'adoringly', 'affectionateness', 'aficionados']) expect(data.wordInfo(word) >> MARKER_SHIFT).toBe(0);
    expect(data.wordInfo('nöjd') >> MARKER_SHIFT).not.toBe(0);
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
    words: `atención\t${1 << MARKER_SHIFT}\nbanal\t${WORD_KNOWN}\nlol\t${WORD_INFORMAL}\nmuy\t${1 << MARKER_SHIFT}\nthe\t${WORD_ENGLISH}\n`,
    letters: { ó: 1 },
    languages: { es: { name: 'Spanish', valence: 'bueno\t3\nno funciona\t-2\n', negators: ['no'], intensifiers: ['muy'], glossary: { pedido: 'order' }, suffixing: false } },
  };

  it('compiles word flags and markers, and a lexicon only when asked', () => {
    const data = compileLanguageData(validateLanguageData(minimal));
    expect(data.wordInfo('muy')).toBe(1 << MARKER_SHIFT);
    expect(data.wordInfo('the')).toBe(WORD_ENGLISH);
    expect(data.wordInfo('lol')).toBe(WORD_INFORMAL);
    expect(data.wordInfo('banal')).toBe(WORD_KNOWN);
    expect(data.wordInfo('zzz')).toBe(0);
    expect(data.letters.get('ó')).toBe(1);
    const spanish = data.lexicon('es')!;
    expect(spanish.words.get('bueno')).toBe(3);
    expect(spanish.phrases.get('no funciona')).toBe(-2);
    expect(spanish.longestPhrase).toBe(2);
    expect(spanish.glossary.get('pedido')).toBe('order');
    expect(data.lexicon('es')).toBe(spanish);
    expect(data.lexicon('fr')).toBeNull();
    expect(data.lexicon('toString')).toBeNull();
  });

  it('rejects a broken file with VERBATIM_E_MODEL naming the field or line', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return [(error as { code?: string }).code, String((error as Error).message)];
      }
      return null;
    };
    expect(codeOf(() => validateLanguageData({ ...minimal, words: 3 }, 'x.json'))).toEqual(['VERBATIM_E_MODEL', expect.stringContaining('words')]);
    expect(codeOf(() => validateLanguageData({ ...minimal, languages: { spanish: minimal.languages.es } }))).toEqual(['VERBATIM_E_MODEL', expect.any(String)]);
    expect(codeOf(() => compileLanguageData(validateLanguageData({ ...minimal, words: 'muy\tmany\n' }), 'x.json'))).toEqual(['VERBATIM_E_MODEL', expect.stringContaining('line 1')]);
    const badValence = compileLanguageData(validateLanguageData({ ...minimal, languages: { es: { ...minimal.languages.es, valence: 'bueno\t9\n' } } }), 'x.json');
    expect(codeOf(() => badValence.lexicon('es'))).toEqual(['VERBATIM_E_MODEL', expect.stringContaining('languages.es.valence line 1')]);
  });
});
