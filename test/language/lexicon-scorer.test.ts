import { describe, expect, it } from 'vitest';
import { defaultLanguageData, type CompiledLanguage } from '../../src/language/data.js';
import { MAX_CONFIDENCE, scoreForeignDocument, scoreTokens, wordValence } from '../../src/language/lexicon-scorer.js';
import { loadLexicon } from '../../src/sentiment/lexicon.js';
import { NO_EVIDENCE_CONFIDENCE } from '../../src/sentiment/rule-scorer.js';
import { createTextProcessor } from '../../src/text/index.js';

const processor = createTextProcessor();
const lexicon = loadLexicon();
const language = (code: string): CompiledLanguage => defaultLanguageData().lexicon(code)!;

function read(text: string, code: string) {
  const doc = processor.process(text);
  return scoreTokens(doc, 0, doc.tokens.length, language(code), lexicon);
}

describe('foreign lexicon reading', () => {
  it('reads praise and complaints by their words', () => {
    expect(read('Muy buena atención.', 'es').score).toBeGreaterThan(0.3);
    expect(read('Mala atención, me colgaron dos veces.', 'es').score).toBeLessThan(-0.3);
    expect(read('Sehr freundlich und schnell geliefert.', 'de').score).toBeGreaterThan(0.3);
    expect(read('Servizio pessimo.', 'it').score).toBeLessThan(-0.3);
  });

  it('finds an inflection the list lacks ("buena" from "bueno")', () => {
    expect(language('es').words.has('buena')).toBe(false);
    expect(wordValence(language('es'), 'buena')).toBe(language('es').words.get('bueno'));
    expect(wordValence(language('es'), 'zzzz')).toBeUndefined();
  });

  it('flips a negated word, up to punctuation only', () => {
    expect(read('Nicht zu empfehlen.', 'de').score).toBeLessThan(0);
    expect(read('Non consiglio questo negozio.', 'it').score).toBeLessThan(0);
    // "rien" does not reach past the comma: "parfait" stays praise.
    expect(read('Rien à redire, parfait.', 'fr').score).toBeGreaterThan(0.3);
  });

  it('reads a grammar word as grammar even where the translated list gave it a valence', () => {
    // The lists carried Spanish "no" (-1), Polish "nie" and Indonesian "sangat" (+4, "very").
    for (const [code, word] of [['es', 'no'], ['pl', 'nie'], ['pt', 'não'], ['id', 'sangat']] as const) expect(language(code).words.has(word)).toBe(false);
    expect(read('El producto no es bueno.', 'es').score).toBeLessThan(0);
    expect(read('Obsługa nie była miła.', 'pl').score).toBeLessThan(0);
    expect(read('Sudah dua minggu, sangat mengecewakan.', 'id').score).toBeLessThan(-0.3);
  });

  it('reads "super" for its valence alone and as an intensifier before a valenced word', () => {
    expect(read('¡Super!', 'es').score).toBeGreaterThan(0.3);
    const slow = read('Envío super lento.', 'es');
    expect(slow.score).toBeLessThan(-0.3);
    expect(slow.evidence.map((item) => item.term)).toEqual(['lento']);
    expect(Math.abs(slow.evidence[0]!.weight)).toBeGreaterThan(Math.abs(read('Envío lento.', 'es').evidence[0]!.weight));
  });

  it.each([
    ['Leveransen var snabb och bra.', 'sv', 1],
    ['Jeg er meget skuffet over kundeservice.', 'da', -1],
    ['Elendig kundeservice, de la på røret to ganger.', 'no', -1],
    ['Toimitus oli nopea ja tuote hyvä.', 'fi', 1],
    ['Bardzo szybka dostawa, polecam!', 'pl', 1],
    ['Kargo çok geç geldi, berbat hizmet.', 'tr', -1],
    ['Pengiriman sangat cepat dan barangnya bagus.', 'id', 1],
    ['Serviciul clienți este groaznic.', 'ro', -1],
    ['Doprava byla rychlá, jsem spokojený.', 'cs', 1],
    ['A termék hibás volt, és senki nem válaszolt.', 'hu', -1],
    ['La comanda va arribar tard i trencada.', 'ca', -1],
    ['Giao hàng nhanh, nhân viên nhiệt tình.', 'vi', 1],
    ['Tôi rất thất vọng, sản phẩm không giống mô tả.', 'vi', -1],
    // "vui" alone is happy; "vui lòng" is please, and the request carries no praise.
    ['Vui lòng hoàn tiền cho tôi.', 'vi', 0],
    ['Không bao giờ mua lại ở shop này nữa.', 'vi', -1],
  ] as const)('reads %s (%s) with the sign %d', (text, code, sign) => {
    expect(Math.sign(read(text, code).score)).toBe(sign);
  });

  it('does not negate a phrase that holds its own negator', () => {
    const score = read("Je suis très déçu, la commande n'est jamais arrivée.", 'fr');
    expect(score.score).toBeLessThan(-0.3);
    expect(score.evidence.map((item) => item.term)).toContain('jamais arrivée');
  });

  it('counts emoji with the English lexicon\'s valence', () => {
    expect(read('Livraison 😡', 'fr').score).toBeLessThan(0);
  });

  it('is neutral and unsure without evidence, and never surer than MAX_CONFIDENCE', () => {
    const none = read('Quiero cambiar la fecha de mi reserva.', 'es');
    expect(none).toEqual({ score: 0, confidence: NO_EVIDENCE_CONFIDENCE, evidence: [] });
    const strong = read('Excelente, perfecto, genial, muy rápido, muy amable.', 'es');
    expect(strong.confidence).toBeLessThanOrEqual(MAX_CONFIDENCE);
    expect(strong.confidence).toBeGreaterThan(NO_EVIDENCE_CONFIDENCE);
  });

  it('gives every clause a score with evidence spans inside the text', () => {
    const doc = processor.process('El pedido llegó tarde, pero el repartidor fue muy amable.');
    const scores = scoreForeignDocument(doc, language('es'), lexicon);
    expect(scores).toHaveLength(doc.clauses.length);
    expect(scores.flatMap((score) => score.evidence).map((item) => item.term)).toEqual(expect.arrayContaining(['tarde', 'amable']));
    for (const score of scores) {
      for (const item of score.evidence) expect(doc.text.slice(item.start, item.end).length).toBeGreaterThan(0);
    }
  });
});
