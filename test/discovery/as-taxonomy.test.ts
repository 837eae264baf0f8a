import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverThemes } from '../../src/discovery/discover.js';
import { toTaxonomy } from '../../src/discovery/as-taxonomy.js';
import { parseTaxonomy } from '../../src/themes/taxonomy.js';
import { createEngine } from '../../src/engine.js';
import { topicComments } from './fixtures.js';

describe('discovery/as-taxonomy', () => {
  it('writes a taxonomy that parseTaxonomy and the engine accept, and analyze finds its themes', async () => {
    const result = await discoverThemes(topicComments(), { seed: 3, maxThemes: 3, minThemeSize: 5, annotate: false });
    const taxonomy = toTaxonomy(result, { id: 'round-trip', name: 'Round trip' });
    const reread = parseTaxonomy(JSON.parse(JSON.stringify(taxonomy)), 'round-trip.json');
    expect(reread.themes.map((theme) => theme.id)).toEqual(result.themes.map((theme) => theme.id));
    for (const theme of reread.themes) {
      expect(theme.terms.length).toBeGreaterThan(1);
      expect(theme.examples?.length).toBeGreaterThan(0);
    }

    const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-discovery-'));
    const file = path.join(folder, 'taxonomy.json');
    writeFileSync(file, JSON.stringify(taxonomy));
    const engine = await createEngine({ taxonomyPath: file, sentiment: { scorer: 'rules' }, emotions: { enabled: false } });
    try {
      const ids = new Set(result.themes.map((theme) => theme.id));
      let ownThemeFound = 0;
      for (const theme of result.themes) {
        const analysis = await engine.analyze(theme.representatives[0]!.text);
        for (const hit of analysis.themes) expect(ids.has(hit.id) || ids.has(hit.id.split('/')[0]!)).toBe(true);
        if (analysis.themes.some((hit) => hit.id === theme.id)) ownThemeFound += 1;
      }
      expect(ownThemeFound).toBeGreaterThanOrEqual(Math.min(2, result.themes.length));
    } finally {
      await engine.close();
    }
  });

  it('keeps parents and gives every theme a stage', async () => {
    const result = await discoverThemes(topicComments(), { seed: 1, maxThemes: 8, minThemeSize: 3, annotate: false });
    const taxonomy = toTaxonomy(result);
    result.themes.forEach((theme, index) => {
      expect(taxonomy.themes[index]!.parent).toBe(theme.parent ?? undefined);
      expect(taxonomy.themes[index]!.stage).toBeTruthy();
    });
  });
});
