import { describe, expect, it } from 'vitest';
import { discoverThemes, UNASSIGNED, type DiscoveryInput } from '../../src/discovery/discover.js';
import { normalizedMutualInformation } from '../../src/discovery/agreement.js';
import { chooseK } from '../../src/discovery/discover.js';
import { topicComments } from './fixtures.js';
import { defaultTaxonomy } from '../../src/themes/taxonomy.js';

const run = (inputs: DiscoveryInput[], options = {}) => discoverThemes(inputs, { annotate: false, ...options });

describe('discovery/discover', () => {
  it('gives identical JSON for the same input and seed', async () => {
    const inputs = topicComments();
    const first = await run(inputs, { seed: 7 });
    const second = await run(inputs, { seed: 7 });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('recovers hand-written topics', async () => {
    const rows = topicComments();
    const result = await run(rows, { seed: 3, maxThemes: 3, minThemeSize: 5 });
    expect(result.assignments.map((item) => item.id)).toEqual(rows.map((row) => row.id));
    const predicted = result.assignments.map((item) => item.theme);
    expect(normalizedMutualInformation(predicted, rows.map((row) => row.topic))).toBeGreaterThan(0.6);
    expect(result.coverage).toBeGreaterThan(0.8);
    const labels = result.themes.map((theme) => theme.label).join(' | ');
    expect(labels).toMatch(/rude|staff/);
    expect(labels).toMatch(/refund|charge|invoice/);
    for (const theme of result.themes) {
      expect(theme.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(theme.representatives.length).toBeGreaterThanOrEqual(3);
      expect(theme.representatives.length).toBeLessThanOrEqual(5);
      expect(theme.size).toBe(predicted.filter((id) => id === theme.id).length);
    }
  });

  it.each([1, 2, 5])('handles a corpus of %i comment(s)', async (count) => {
    const inputs = topicComments().slice(0, count);
    const result = await run(inputs);
    expect(result.assignments).toHaveLength(count);
    expect(result.themes.length).toBeLessThanOrEqual(count);
    expect(result.coverage).toBeGreaterThanOrEqual(0);
    expect(result.coverage).toBeLessThanOrEqual(1);
    const assigned = result.assignments.filter((item) => item.theme !== UNASSIGNED).length;
    expect(result.themes.reduce((sum, theme) => sum + theme.size, 0)).toBe(assigned);
  });

  it('handles an empty corpus', async () => {
    expect(await run([])).toEqual({ themes: [], assignments: [], coverage: 0 });
  });

  it('keeps duplicates together and lists each text once among representatives', async () => {
    const inputs: DiscoveryInput[] = [
      ...Array.from({ length: 30 }, (_, index) => ({ id: `dup${index}`, text: 'the delivery was three days late' })),
      ...topicComments(),
    ];
    const result = await run(inputs, { seed: 2 });
    const duplicateThemes = new Set(result.assignments.slice(0, 30).map((item) => item.theme));
    expect(duplicateThemes.size).toBe(1);
    for (const theme of result.themes) {
      const texts = theme.representatives.map((item) => item.text.toLowerCase());
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('leaves empty texts, failed records and non-English noise unassigned', async () => {
    const noise: DiscoveryInput[] = [
      { id: 'empty', text: '' },
      { id: 'blank', text: '   ' },
      { id: 'failed', text: null },
      { id: 'keyboard', text: 'asdfgh qwertz zxcvbn' },
      { id: 'japanese', text: 'これは日本語のコメントです' },
      { id: 'emoji', text: '🙂🙂🙂 !!!' },
      { id: 'digits', text: '12345 678' },
    ];
    const result = await run([...topicComments(), ...noise], { seed: 5 });
    const byId = new Map(result.assignments.map((item) => [item.id, item.theme]));
    for (const item of noise) expect(byId.get(item.id)).toBe(UNASSIGNED);
    expect(result.assignments).toHaveLength(96 + noise.length);
  });

  it('rejects a non-positive theme cap with a coded error', async () => {
    await expect(run(topicComments(), { maxThemes: 0 })).rejects.toMatchObject({ code: 'VERBATIM_E_INVALID_CONFIG' });
  });

  it('groups themes under parents that exist', async () => {
    const result = await run(topicComments(), { seed: 1, maxThemes: 8, minThemeSize: 3 });
    const ids = new Set(result.themes.map((theme) => theme.id));
    for (const theme of result.themes) {
      if (theme.parent !== null) {
        expect(ids.has(theme.parent)).toBe(true);
        expect(result.themes.find((other) => other.id === theme.parent)!.parent).toBeNull();
      }
    }
  });

  it('names the nearest theme of a given taxonomy, or "new", and null without one', async () => {
    const taxonomy = defaultTaxonomy();
    const ids = new Set(taxonomy.themes.map((theme) => theme.id));
    const withTaxonomy = await run(topicComments(), { seed: 3, maxThemes: 3, minThemeSize: 5, taxonomy });
    for (const theme of withTaxonomy.themes) {
      const nearest = theme.nearestTaxonomyTheme;
      if (nearest !== 'new') expect(ids.has(nearest!.id)).toBe(true);
    }
    const billing = withTaxonomy.themes.find((theme) => /refund|charge/.test(theme.label));
    expect(billing?.nearestTaxonomyTheme).toMatchObject({ id: expect.stringMatching(/refund|billing|charge|payment/) });
    const without = await run(topicComments(), { seed: 3, maxThemes: 3, minThemeSize: 5 });
    expect(without.themes.every((theme) => theme.nearestTaxonomyTheme === null)).toBe(true);
  });

  it('reports sentiment and a journey stage when annotating', async () => {
    const result = await discoverThemes(topicComments(), { seed: 3, maxThemes: 3, minThemeSize: 5 });
    for (const theme of result.themes) {
      expect(theme.sentiment).not.toBeNull();
      expect(theme.sentiment!.sampled).toBe(theme.size);
      expect(theme.stage).not.toBeNull();
    }
  });
});

describe('discovery/chooseK', () => {
  it.each([
    [0, 3, 50, 0],
    [1, 1, 50, 1],
    [200, 3, 50, 10],
    [100_000, 200, 50, 50],
    [1000, 100, 50, 10],
  ])('n=%i, min size %i, cap %i -> %i', (count, minimum, cap, expected) => {
    expect(chooseK(count, minimum, cap)).toBe(expected);
  });
});
