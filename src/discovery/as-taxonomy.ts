/**
 * Turns discovered themes into a taxonomy file that `verbatim analyze --taxonomy` reads, closing
 * the discover -> review -> analyze loop. Terms are the label plus the top keywords (lemmas, the
 * dictionary form seed words want); examples are the representatives; parents carry over.
 */
import { JOURNEY_STAGES, type JourneyStageId } from '../contract.js';
import { defaultTaxonomy, parseTaxonomy, TAXONOMY_VERSION, type Taxonomy } from '../themes/taxonomy.js';
import type { DiscoveryResult } from './discover.js';

/** Seed terms per theme: the label and up to this many keywords. */
export const TERMS_PER_THEME = 8;
/** Examples longer than this are cut at a word boundary (taxonomy files are read by people). */
export const MAX_EXAMPLE_LENGTH = 200;
/** Stage given to a theme discovery could not place (the product is what most feedback is about). */
export const FALLBACK_STAGE: JourneyStageId = 'product';

/**
 * Builds and validates the taxonomy (throws VERBATIM_E_INVALID_TAXONOMY if it could not be read back).
 *
 * @example JSON.stringify(toTaxonomy(result, { id: 'my-themes', name: 'My themes' }))
 */
export function toTaxonomy(result: DiscoveryResult, options: { id?: string; name?: string } = {}): Taxonomy {
  const stageLabels = new Map(defaultTaxonomy().stages.map((stage) => [stage.id, stage.label]));
  const taxonomy = {
    version: TAXONOMY_VERSION,
    id: options.id ?? 'discovered',
    name: options.name ?? 'Discovered themes',
    stages: JOURNEY_STAGES.map((id, order) => ({ id, label: stageLabels.get(id) ?? id, order: order + 1 })),
    themes: result.themes.map((theme) => {
      const terms: string[] = [];
      const seen = new Set<string>();
      for (const term of [theme.label, ...theme.keywords]) {
        const key = term.trim().toLowerCase().replace(/\s+/g, ' ');
        if (key === '' || seen.has(key) || terms.length >= TERMS_PER_THEME + 1) continue;
        seen.add(key);
        terms.push(key);
      }
      const examples = theme.representatives.map((item) => shorten(item.text.trim().replace(/\s+/g, ' '))).filter((text) => text !== '');
      return {
        id: theme.id,
        label: theme.label,
        stage: theme.stage ?? FALLBACK_STAGE,
        terms,
        ...(examples.length ? { examples: [...new Set(examples)] } : {}),
        ...(theme.parent ? { parent: theme.parent } : {}),
      };
    }),
  };
  return parseTaxonomy(taxonomy, 'discovered taxonomy');
}

function shorten(text: string): string {
  if (text.length <= MAX_EXAMPLE_LENGTH) return text;
  const cut = text.slice(0, MAX_EXAMPLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}...`;
}
