import { describe, expect, it } from 'vitest';
import type { DiscoveredTheme } from '../../../src/discovery/index.js';
import { withAcceptedThemes } from '../../../src/server/jobs/discovery-taxonomy.js';
import { defaultTaxonomy } from '../../../src/themes/taxonomy.js';

function discovered(id: string, label: string, keywords: string[], stage: DiscoveredTheme['stage'] = 'delivery'): DiscoveredTheme {
  return {
    id,
    label,
    keywords,
    size: 10,
    share: 0.1,
    sentiment: null,
    stage,
    parent: null,
    representatives: [{ id: `${id}-1`, text: `An example about ${label}` }],
    nearestTaxonomyTheme: 'new',
  };
}

const SUGGESTIONS = [discovered('parcel-locker', 'parcel locker', ['locker', 'parcel', 'code']), discovered('locker-code', 'locker code', ['code', 'pin', 'locker'])];

describe('withAcceptedThemes', () => {
  it('adds a merged, renamed theme to the base taxonomy with deduplicated terms and examples', () => {
    const base = defaultTaxonomy();
    const result = withAcceptedThemes(base, SUGGESTIONS, [{ from: ['parcel-locker', 'locker-code'], label: 'Parcel lockers' }], { id: 'retail-2026', name: 'Retail 2026' });
    expect(result.id).toBe('retail-2026');
    expect(result.themes).toHaveLength(base.themes.length + 1);
    const added = result.themes.at(-1)!;
    expect(added).toMatchObject({ id: 'parcel-lockers', label: 'Parcel lockers', stage: 'delivery' });
    expect(added.terms).toEqual(['parcel lockers', 'parcel locker', 'locker', 'parcel', 'code', 'locker code', 'pin']);
    expect(added.examples).toEqual(['An example about parcel locker', 'An example about locker code']);
  });

  it("keeps the analyst's stage and terms, and never reuses an existing theme id", () => {
    const base = defaultTaxonomy();
    const taken = base.themes[0]!;
    const result = withAcceptedThemes(base, SUGGESTIONS, [{ from: ['parcel-locker'], label: taken.id, stage: 'support', terms: [' Locker ', 'locker'] }], { id: 'x', name: 'X' });
    const added = result.themes.at(-1)!;
    expect(added.id).toBe(`${taken.id}-2`);
    expect(added.stage).toBe('support');
    expect(added.terms).toEqual(['locker']);
  });

  it('names the entry that points at an unknown suggestion', () => {
    expect(() => withAcceptedThemes(defaultTaxonomy(), SUGGESTIONS, [{ from: ['nope'], label: 'Nope' }], { id: 'x', name: 'X' })).toThrow(/themes\[0\]\.from\[0\]/);
  });
});
