import { describe, expect, it } from 'vitest';
import type { WordVectors } from '../../src/themes/embeddings.js';
import { createThemeMatcher } from '../../src/themes/matcher.js';
import { parseTaxonomy } from '../../src/themes/taxonomy.js';
import type { ThemeHit } from '../../src/themes/types.js';
import { makeDocument } from './make-document.js';

const taxonomy = parseTaxonomy(
  {
    version: 1,
    id: 'matcher-test',
    name: 'Matcher test',
    stages: [
      { id: 'delivery', label: 'Delivery', order: 1 },
      { id: 'support', label: 'Support', order: 2 },
      { id: 'billing', label: 'Billing', order: 3 },
    ],
    themes: [
      { id: 'delivery', label: 'Delivery', stage: 'delivery', terms: ['delivery', 'deliver', 'parcel'], exclude: ['delivery room'] },
      { id: 'delivery-speed', label: 'Speed', stage: 'delivery', parent: 'delivery', terms: ['late delivery', 'arrived late'] },
      { id: 'delivery-cost', label: 'Cost', stage: 'delivery', parent: 'delivery', terms: ['delivery charge'] },
      { id: 'support', label: 'Support', stage: 'support', terms: ['customer service', 'agent'] },
      { id: 'support-attitude', label: 'Attitude', stage: 'support', parent: 'support', terms: ['rude', 'polite'] },
      { id: 'overcharge', label: 'Overcharge', stage: 'billing', terms: ['charged twice', 'overcharged', 'crash'] },
      { id: 'refunds', label: 'Refunds', stage: 'billing', terms: ['refund'] },
    ],
  },
  'inline',
);

const options = { embeddingThreshold: 0.62, maxThemesPerComment: 8 };
const matcher = createThemeMatcher(taxonomy, options);

function summary(hits: ThemeHit[]): [string, ThemeHit['method'], string[]][] {
  return hits.map((hit) => [hit.themeId, hit.method, hit.matchedTerms]);
}

describe('createThemeMatcher: seed terms', () => {
  const cases: { name: string; text: string; expected: [string, ThemeHit['method'], string[]][] }[] = [
    { name: 'literal word', text: 'The parcel came.', expected: [['delivery', 'term', ['parcel']]] },
    { name: 'case-insensitive', text: 'REFUND please', expected: [['refunds', 'term', ['refund']]] },
    { name: 'inflection via lemma', text: 'It was delivered.', expected: [['delivery', 'lemma', ['deliver']]] },
    { name: 'plural via lemma', text: 'Three refunds later', expected: [['refunds', 'lemma', ['refund']]] },
    { name: 'multi-word phrase', text: 'You charged twice!', expected: [['overcharge', 'term', ['charged twice']]] },
    {
      name: 'longest phrase wins over its first word',
      text: 'The delivery charge is steep',
      expected: [['delivery-cost', 'term', ['delivery charge']]],
    },
    {
      name: 'two-word seed in reverse order within the window',
      text: 'The delivery was very late',
      expected: [['delivery-speed', 'lemma', ['late delivery']]],
    },
    { name: 'phrase with an inflected word', text: 'Parcels arriving late', expected: [['delivery', 'lemma', ['parcel']]] },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    expect(summary(matcher.match(makeDocument(text)))).toEqual(expected);
  });

  it('does not window-match words further apart than three tokens', () => {
    expect(matcher.match(makeDocument('Late again, they said delivery')).map((hit) => hit.themeId)).toEqual(['delivery']);
  });

  it('does not window-match across clauses', () => {
    const ids = matcher.match(makeDocument('Delivery fine; late reply')).map((hit) => hit.themeId);
    expect(ids).toEqual(['delivery']);
  });
});

describe('createThemeMatcher: exclusions, parents, fragments', () => {
  it('vetoes a term inside an exclusion phrase', () => {
    expect(matcher.match(makeDocument('The delivery room was cold'))).toEqual([]);
    expect(matcher.match(makeDocument('The delivery room was cold, but the delivery was fine')).map((hit) => hit.themeId))
      .toEqual(['delivery']);
  });

  it('reports the child, not the parent, when both are in one clause', () => {
    expect(matcher.match(makeDocument('The agent was rude')).map((hit) => hit.themeId)).toEqual(['support-attitude']);
  });

  it('reports the parent when it is mentioned in a clause of its own', () => {
    const ids = matcher.match(makeDocument('Customer service called me. The agent was rude.')).map((hit) => hit.themeId);
    expect(ids.sort()).toEqual(['support', 'support-attitude']);
  });

  it.each(['ok', 'n/a', 'N/A', 'nothing', 'see above', 'Nothing.', '-', '', '   '])('gives the fragment "%s" no theme', (text) => {
    expect(matcher.match(makeDocument(text))).toEqual([]);
  });
});

describe('createThemeMatcher: hits', () => {
  it('reports evidence spans as offsets into the original text, and clause indexes', () => {
    const text = 'Great agent. But the delivery was late and I was charged twice';
    const hits = matcher.match(makeDocument(text));
    const byId = new Map(hits.map((hit) => [hit.themeId, hit]));
    const evidence = (id: string): string[] => byId.get(id)!.evidence.map((span) => text.slice(span.start, span.end));
    expect(evidence('support')).toEqual(['agent']);
    expect(evidence('delivery-speed')).toEqual(['delivery', 'late']);
    expect(evidence('overcharge')).toEqual(['charged twice']);
    expect(byId.get('support')!.clauses).toEqual([0]);
    expect(byId.get('delivery-speed')!.clauses).toEqual([1]);
  });

  it('orders hits by strength: more mentions and literal phrases first', () => {
    const hits = matcher.match(makeDocument('Refund, refund, refund! It was delivered. You charged twice.'));
    expect(hits.map((hit) => hit.themeId)).toEqual(['refunds', 'overcharge', 'delivery']);
    const strengths = hits.map((hit) => hit.strength);
    expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
    for (const strength of strengths) expect(strength).toBeGreaterThan(0), expect(strength).toBeLessThanOrEqual(1);
    expect(hits[0]!.evidence).toHaveLength(3);
  });

  it('caps the number of themes', () => {
    const capped = createThemeMatcher(taxonomy, { ...options, maxThemesPerComment: 2 });
    expect(capped.match(makeDocument('Refund the parcel, the agent was rude and charged twice'))).toHaveLength(2);
  });
});

/** Hand-made 3-d vectors: "reimbursement" points at refund, "keyboard" half-way between refund and rude. */
function fakeVectors(): WordVectors {
  const table: Record<string, number[]> = {
    refund: [1, 0, 0],
    reimbursement: [0.95, 0.1, 0],
    rude: [0, 1, 0],
    polite: [0, 0.9, 0.3],
    impolite: [0.05, 0.95, 0.1],
    parcel: [0, 0, 1],
    delivery: [0, 0.1, 0.95],
    keyboard: [0.5, 0.5, 0],
  };
  const unit = (values: number[]): Float32Array => {
    const length = Math.hypot(...values);
    return Float32Array.from(values, (value) => value / length);
  };
  const vectorOf = (word: string): Float32Array | null => (table[word] ? unit(table[word]!) : null);
  const dotOf = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, index) => sum + value * b[index]!, 0);
  return {
    size: Object.keys(table).length,
    dimensions: 3,
    has: (word) => word in table,
    rankOf: (word) => (word in table ? 10_000 : -1),
    vectorOf,
    similarity: (a, b) => {
      const first = vectorOf(a);
      const second = vectorOf(b);
      return first && second ? dotOf(first, second) : 0;
    },
    centroid: () => null,
  };
}

describe('createThemeMatcher: word vectors', () => {
  const withVectors = createThemeMatcher(taxonomy, { ...options, embeddings: fakeVectors() });

  it('assigns a non-seed word to the theme whose seeds it is close to', () => {
    const text = 'Where is my reimbursement?';
    const hits = withVectors.match(makeDocument(text));
    expect(summary(hits)).toEqual([['refunds', 'embedding', ['refund']]]);
    expect(text.slice(hits[0]!.evidence[0]!.start, hits[0]!.evidence[0]!.end)).toBe('reimbursement');
    expect(hits[0]!.strength).toBeLessThan(0.6 * 0.6);
  });

  it('ranks a literal seed above a similar word', () => {
    const ids = withVectors.match(makeDocument('So impolite. Refund me.')).map((hit) => hit.themeId);
    expect(ids).toEqual(['refunds', 'support-attitude']);
  });

  it('ignores words equally close to several themes, and words without vectors', () => {
    expect(withVectors.match(makeDocument('keyboard zzzz'))).toEqual([]);
  });

  it('finds nothing by similarity when embeddings are off', () => {
    expect(matcher.match(makeDocument('Where is my reimbursement?'))).toEqual([]);
  });
});

describe('createThemeMatcher: pair cues and context terms', () => {
  const cued = createThemeMatcher(
    parseTaxonomy(
      {
        version: 1,
        id: 'cue-test',
        name: 'Cue test',
        stages: [
          { id: 'delivery', label: 'Delivery', order: 1 },
          { id: 'support', label: 'Support', order: 2 },
          { id: 'product', label: 'Product', order: 3 },
          { id: 'renewal', label: 'Renewal', order: 4 },
        ],
        themes: [
          { id: 'delivery', label: 'Delivery', stage: 'delivery', terms: ['delivery', 'parcel'] },
          { id: 'delivery-speed', label: 'Speed', stage: 'delivery', parent: 'delivery', terms: ['arrived late'],
            pairs: [[['parcel', 'delivery', 'arrive'], ['fortnight', 'weeks', 'late']]] },
          { id: 'support', label: 'Support', stage: 'support', terms: ['agent'] },
          { id: 'support-channels', label: 'Channels', stage: 'support', parent: 'support', terms: ['helpline'], contextTerms: ['phone'] },
          { id: 'support-knowledge', label: 'Knowledge', stage: 'support', parent: 'support', terms: ['knowledgeable'], contextTerms: ['no clue'] },
          { id: 'repeat-contact', label: 'Repeat', stage: 'support', parent: 'support', terms: ['transferred'], pairs: [[['called'], ['times']]] },
          { id: 'product', label: 'Product', stage: 'product', terms: ['goods', 'product'] },
          { id: 'cancellation', label: 'Cancellation', stage: 'renewal', parent: 'renewal', terms: ['cancel'], contextTerms: ['cancelled'] },
          { id: 'renewal', label: 'Renewal', stage: 'renewal', terms: ['subscription'] },
          { id: 'staff', label: 'Staff', stage: 'support', terms: ['receptionist'] },
        ],
      },
      'inline',
    ),
    options,
  );
  const ids = (text: string): string[] => cued.match(makeDocument(text)).map((hit) => hit.themeId);

  it('finds a pair in either order within the span, and reports both words', () => {
    const text = 'My parcel took almost a fortnight';
    const hits = cued.match(makeDocument(text));
    expect(summary(hits)).toEqual([['delivery-speed', 'lemma', ['parcel + fortnight']]]);
    expect(hits[0]!.evidence.map((span) => text.slice(span.start, span.end))).toEqual(['parcel', 'fortnight']);
    expect(ids('Two weeks for one parcel')).toEqual(['delivery-speed']);
    // A pair reports the child, not the parent its word also names ("delivery").
    expect(ids('Delivery took three weeks')).toEqual(['delivery-speed']);
  });

  it('needs both words of a pair, close together, in one clause', () => {
    expect(ids('A fortnight of rain')).toEqual([]);
    expect(ids('The parcel was handed to a neighbour who kept it for weeks')).toEqual(['delivery']);
    expect(ids('The parcel was fine, but the weeks before were hard')).toEqual(['delivery']);
  });

  it('matches pair words as written, without a singular ("times" is not "time")', () => {
    expect(ids('I called them three times')).toEqual(['repeat-contact']);
    expect(ids('I called at the time they gave')).toEqual([]);
  });

  it('leaves a word to the term that already holds it', () => {
    const hits = cued.match(makeDocument('The parcel arrived late'));
    expect(summary(hits)).toEqual([['delivery-speed', 'term', ['arrived late']]]);
  });

  it('keeps a context term only beside another mention of its family', () => {
    expect(ids('My phone case is lovely')).toEqual([]);
    expect(ids('The agent on the phone was great')).toEqual(['support-channels']);
    expect(ids('My flight was cancelled')).toEqual([]);
    expect(ids('I cancelled my subscription')).toEqual(['cancellation']);
    // Staff shares the support stage but not the support family.
    expect(ids('The receptionist was on the phone all day')).toEqual(['staff']);
  });

  it('lets two context terms of one family back each other', () => {
    expect(ids('The guy on the phone had no clue')).toEqual(expect.arrayContaining(['support-channels', 'support-knowledge']));
    expect(ids('No clue, honestly')).toEqual([]);
  });

  it('does not read "good", "better" or "best" as "goods"', () => {
    expect(ids('Good service, best ever, better than before')).toEqual([]);
    expect(ids('The goods were fine')).toEqual(['product']);
  });
});
