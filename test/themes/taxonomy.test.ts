import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES } from '../../src/contract.js';
import { VerbatimError } from '../../src/errors.js';
import { defaultTaxonomy, loadTaxonomy, parseTaxonomy } from '../../src/themes/taxonomy.js';

/** A small valid taxonomy; each case below breaks one thing in a fresh copy. */
function validTaxonomy(): Record<string, any> {
  return {
    version: 1,
    id: 'test-taxonomy',
    name: 'Test',
    stages: [
      { id: 'delivery', label: 'Delivery', order: 1 },
      { id: 'billing', label: 'Billing', order: 2 },
    ],
    themes: [
      { id: 'delivery', label: 'Delivery', stage: 'delivery', terms: ['delivery'] },
      { id: 'delivery-speed', label: 'Speed', stage: 'delivery', parent: 'delivery', terms: ['late delivery'] },
      { id: 'refunds', label: 'Refunds', stage: 'billing', terms: ['refund'], exclude: ['refund policy'] },
    ],
  };
}

function errorOf(json: unknown): VerbatimError {
  try {
    parseTaxonomy(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(VerbatimError);
    return error as VerbatimError;
  }
  throw new Error('expected parseTaxonomy to throw');
}

describe('parseTaxonomy', () => {
  it('accepts a valid taxonomy', () => {
    expect(parseTaxonomy(validTaxonomy(), 'test.json').themes.map((theme) => theme.id)).toEqual([
      'delivery',
      'delivery-speed',
      'refunds',
    ]);
  });

  const cases: { name: string; breakIt: (taxonomy: Record<string, any>) => void; path: string; detail: RegExp }[] = [
    { name: 'wrong version', breakIt: (t) => (t.version = 2), path: 'version', detail: /expected version 1.*found 2/ },
    {
      name: 'unknown journey stage on a theme',
      breakIt: (t) => (t.themes[2].stage = 'payments'),
      path: 'themes[2].stage',
      detail: /found "payments"/,
    },
    {
      name: 'theme stage not listed in the taxonomy stages',
      breakIt: (t) => (t.themes[2].stage = 'support'),
      path: 'themes[2].stage',
      detail: /expected one of the taxonomy's stages \(delivery, billing\), found "support"/,
    },
    {
      name: 'duplicate theme id',
      breakIt: (t) => (t.themes[2].id = 'delivery'),
      path: 'themes[2].id',
      detail: /unique theme id.*"delivery".*themes\[0\]/,
    },
    {
      name: 'unknown parent',
      breakIt: (t) => (t.themes[1].parent = 'shipping'),
      path: 'themes[1].parent',
      detail: /unknown "shipping"/,
    },
    {
      name: 'parent cycle',
      breakIt: (t) => (t.themes[0].parent = 'delivery-speed'),
      path: 'themes[0].parent',
      detail: /cycle delivery -> delivery-speed -> delivery/,
    },
    { name: 'empty terms', breakIt: (t) => (t.themes[0].terms = []), path: 'themes[0].terms', detail: /at least one seed term/ },
    {
      name: 'duplicate term within a theme (ignoring case and spaces)',
      breakIt: (t) => (t.themes[2].terms = ['refund', 'money back', 'Refund ']),
      path: 'themes[2].terms[2]',
      detail: /"Refund" duplicating themes\[2\]\.terms\[0\]/,
    },
    {
      name: 'theme id not kebab-case',
      breakIt: (t) => (t.themes[0].id = 'Delivery_Speed'),
      path: 'themes[0].id',
      detail: /kebab-case.*found "Delivery_Speed"/,
    },
    { name: 'blank term', breakIt: (t) => (t.themes[0].terms = ['  ']), path: 'themes[0].terms[0]', detail: /non-empty/ },
    { name: 'unknown key', breakIt: (t) => (t.themes[0].synonyms = ['x']), path: 'themes[0]', detail: /synonyms/ },
    {
      name: 'context term that is also a term',
      breakIt: (t) => (t.themes[2].contextTerms = ['payback', 'Refund']),
      path: 'themes[2].contextTerms[1]',
      detail: /"Refund" duplicating themes\[2\]\.terms\[0\]/,
    },
    {
      name: 'pair cue with a phrase instead of a word',
      breakIt: (t) => (t.themes[1].pairs = [[['parcel'], ['two weeks']]]),
      path: 'themes[1].pairs[0][1][0]',
      detail: /single word/,
    },
    {
      name: 'pair cue with an empty side',
      breakIt: (t) => (t.themes[1].pairs = [[['parcel'], []]]),
      path: 'themes[1].pairs[0][1]',
      detail: /found \[\]|too small|at least/i,
    },
    {
      name: 'duplicate stage',
      breakIt: (t) => t.stages.push({ id: 'billing', label: 'Again', order: 3 }),
      path: 'stages[2].id',
      detail: /"billing" listed twice/,
    },
  ];

  it.each(cases)('rejects $name with the JSON path', ({ breakIt, path: expectedPath, detail }) => {
    const taxonomy = validTaxonomy();
    breakIt(taxonomy);
    const error = errorOf(taxonomy);
    expect(error.code).toBe('VERBATIM_E_INVALID_TAXONOMY');
    expect(error.details.source).toBe('test.json');
    expect(error.details.path).toBe(expectedPath);
    expect(String(error.details.detail)).toMatch(detail);
    expect(error.message).toContain(`at ${expectedPath}`);
  });

  it('rejects a value that is not an object', () => {
    expect(errorOf([1, 2]).details.path).toBe('(root)');
  });
});

describe('loadTaxonomy', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-taxonomy-'));

  it('reads and validates a file', () => {
    const file = path.join(folder, 'ok.json');
    writeFileSync(file, JSON.stringify(validTaxonomy()));
    expect(loadTaxonomy(file).id).toBe('test-taxonomy');
  });

  it('names the file in errors, including JSON syntax errors', () => {
    const file = path.join(folder, 'broken.json');
    writeFileSync(file, '{ "version": 1,');
    expect(() => loadTaxonomy(file)).toThrow(/Invalid taxonomy .*broken\.json at \(root\): expected valid JSON/);
  });

  it('reports a missing file as VERBATIM_E_FILE_NOT_FOUND', () => {
    expect(() => loadTaxonomy(path.join(folder, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'VERBATIM_E_FILE_NOT_FOUND' }),
    );
  });
});

describe('defaultTaxonomy', () => {
  const taxonomy = defaultTaxonomy();

  it('covers all eight journey stages with themes', () => {
    expect(taxonomy.stages.map((stage) => stage.id).sort()).toEqual([...JOURNEY_STAGES].sort());
    expect(new Set(taxonomy.themes.map((theme) => theme.stage))).toEqual(new Set(JOURNEY_STAGES));
  });

  it('has 50-70 themes, each with seeds and an example', () => {
    expect(taxonomy.themes.length).toBeGreaterThanOrEqual(50);
    expect(taxonomy.themes.length).toBeLessThanOrEqual(70);
    for (const theme of taxonomy.themes) {
      expect(theme.terms.length, theme.id).toBeGreaterThanOrEqual(5);
      expect(theme.examples?.length ?? 0, theme.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('includes the sub-themes CX programmes track', () => {
    const ids = new Set(taxonomy.themes.map((theme) => theme.id));
    for (const id of ['support-knowledge', 'support-responsiveness', 'support-attitude', 'support-resolution-time',
      'support-resolution', 'delivery-speed', 'damaged-items', 'delivery-tracking', 'courier', 'missing-items',
      'packaging', 'overcharge', 'refunds', 'invoices', 'payment-failure', 'login-access', 'app-crashes',
      'digital-performance', 'navigation', 'sizing-fit', 'durability', 'cancellation']) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(taxonomy.themes.find((theme) => theme.id === 'support-responsiveness')?.parent).toBe('support');
  });

  it('is loaded once', () => {
    expect(defaultTaxonomy()).toBe(taxonomy);
  });
});
