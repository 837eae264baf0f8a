import { describe, expect, it } from 'vitest';
import { discoverThemes } from '../../src/discovery/discover.js';
import { createReadableDocuments } from '../../src/discovery/readable.js';
import { createTextProcessor } from '../../src/text/index.js';
import { topicComments } from './fixtures.js';

const processor = createTextProcessor();
const words = (doc: { tokens: { kind: string; normal: string }[] }) => doc.tokens.filter((token) => token.kind === 'word').map((token) => token.normal);

describe('discovery/readable', () => {
  const readable = createReadableDocuments();

  it('reads English as it is, another language through its glossary words only, and und not at all', () => {
    const english = processor.process('The courier was late.');
    expect(readable(english)).toBe(english);
    const spanish = readable(processor.process('El pedido llegó tarde y la caja estaba rota.'));
    expect(words(spanish)).toEqual(['order', 'arrived', 'late', 'box', 'broken']);
    // Offsets stay the comment's, so labels and evidence still point at its words.
    expect(spanish.text.slice(spanish.tokens[1]!.start, spanish.tokens[1]!.end)).toBe('pedido');
    expect(words(readable(processor.process('Доставка опоздала на два дня, никто не ответил.')))).toEqual([]);
    expect(createReadableDocuments(false)(spanish)).toBe(spanish);
  });

  it('puts foreign comments in the themes they share words with, not in themes of their stopwords', async () => {
    const foreign = [
      'El paquete llegó tarde otra vez.',
      'Le colis est arrivé en retard.',
      'Die Lieferung kam zu spät, das Paket war beschädigt.',
      'Paczka przyszła uszkodzona, kurier się spóźnił.',
      'Pakken kom for sent og var skadet.',
      'Kargo çok geç geldi, paket hasarlı.',
    ];
    const rows = [...topicComments(), ...foreign.flatMap((text, index) => [0, 1, 2].map((copy) => ({ id: `f${index}-${copy}`, text, topic: 'delivery' })))];
    const result = await discoverThemes(rows, { seed: 3, maxThemes: 3, minThemeSize: 5, annotate: false });
    const themeOf = new Map(result.assignments.map((item) => [item.id, item.theme]));
    const deliveryThemes = new Set(rows.filter((row) => row.id.startsWith('d')).map((row) => themeOf.get(row.id)));
    const foreignAssigned = rows.filter((row) => row.id.startsWith('f') && themeOf.get(row.id) !== undefined && deliveryThemes.has(themeOf.get(row.id)));
    expect(foreignAssigned.length).toBeGreaterThanOrEqual(12);
    const labels = result.themes.flatMap((theme) => [theme.label, ...theme.keywords]).join(' ');
    for (const stopword of ['el', 'est', 'das', 'og', 'çok', 'się']) expect(labels.split(/\s+/)).not.toContain(stopword);
    // detectLanguages: false (verbatim discover --english-only) reads the foreign words as they are.
    const english = await discoverThemes(rows, { seed: 3, maxThemes: 3, minThemeSize: 5, annotate: false, detectLanguages: false });
    const englishThemeOf = new Map(english.assignments.map((item) => [item.id, item.theme]));
    const englishDelivery = new Set(rows.filter((row) => row.id.startsWith('d')).map((row) => englishThemeOf.get(row.id)));
    expect(rows.filter((row) => row.id.startsWith('f') && englishDelivery.has(englishThemeOf.get(row.id))).length).toBeLessThan(foreignAssigned.length);
  });
});
