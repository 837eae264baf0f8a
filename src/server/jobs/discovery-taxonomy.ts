/**
 * Accepting reviewed discovery suggestions into a taxonomy: the base taxonomy (normally the
 * active one) plus one new theme per accepted suggestion, where a suggestion may merge several
 * discovered themes and carry the analyst's label, stage and seed terms. The result is
 * validated (parseTaxonomy) but not stored: the client PUTs it to /v1/taxonomies/:id, which
 * stores it, activates it and starts the re-tag job through the one existing path.
 */
import type { JourneyStageId } from '../../contract.js';
import type { DiscoveredTheme } from '../../discovery/index.js';
import { FALLBACK_STAGE, MAX_EXAMPLE_LENGTH, TERMS_PER_THEME } from '../../discovery/as-taxonomy.js';
import { themeIdOf } from '../../discovery/theme-ids.js';
import { VerbatimError } from '../../errors.js';
import { parseTaxonomy, type Taxonomy, type TaxonomyTheme } from '../../themes/taxonomy.js';

/** Examples a new theme keeps (the representatives of the merged themes, in order). */
export const EXAMPLES_PER_THEME = 3;

/** One accepted suggestion: which discovered themes it merges and how the analyst named it. */
export interface AcceptedTheme {
  /** Discovered theme ids; more than one merges them. */
  from: string[];
  label: string;
  stage?: JourneyStageId;
  /** Seed terms; by default the label and the merged themes' keywords. */
  terms?: string[];
}

function invalid(path: string, detail: string): never {
  throw new VerbatimError('VERBATIM_E_VALIDATION', { location: 'body', path, detail });
}

function normalizeTerm(term: string): string {
  return term.trim().toLowerCase().replace(/\s+/g, ' ');
}

function shorten(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length <= MAX_EXAMPLE_LENGTH ? flat : `${flat.slice(0, MAX_EXAMPLE_LENGTH).replace(/\s+\S*$/, '')}...`;
}

/**
 * Builds the taxonomy `id` named `name`: `base`'s stages and themes plus the accepted ones.
 * Throws VERBATIM_E_VALIDATION naming the offending `themes[i]` entry, and
 * VERBATIM_E_INVALID_TAXONOMY if the result does not validate.
 * @example
 * withAcceptedThemes(active, discovered, [{ from: ['runs-small', 'too-tight'], label: 'Runs small' }], { id: 'retail-2026', name: 'Retail 2026' })
 */
export function withAcceptedThemes(
  base: Taxonomy,
  discovered: readonly DiscoveredTheme[],
  accepted: readonly AcceptedTheme[],
  target: { id: string; name: string },
): Taxonomy {
  const byId = new Map(discovered.map((theme) => [theme.id, theme]));
  const usedIds = new Set(base.themes.map((theme) => theme.id));
  const added: TaxonomyTheme[] = accepted.map((entry, index) => {
    const sources = entry.from.map((id, position) => byId.get(id) ?? invalid(`themes[${index}].from[${position}]`, `no discovered theme "${id}" in this run`));
    if (sources.length === 0) invalid(`themes[${index}].from`, 'expected at least one discovered theme id');
    const label = entry.label.trim() || invalid(`themes[${index}].label`, 'expected a non-empty label');
    const terms: string[] = [];
    const seen = new Set<string>();
    const candidates = entry.terms ?? [label, ...sources.flatMap((source) => [source.label, ...source.keywords])];
    for (const term of candidates.map(normalizeTerm)) {
      if (term === '' || seen.has(term)) continue;
      if (entry.terms === undefined && terms.length > TERMS_PER_THEME) break;
      seen.add(term);
      terms.push(term);
    }
    if (terms.length === 0) invalid(`themes[${index}].terms`, 'expected at least one seed term');
    const examples = [...new Set(sources.flatMap((source) => source.representatives.map((item) => shorten(item.text))).filter((text) => text !== ''))];
    return {
      id: themeIdOf(label, usedIds),
      label,
      stage: entry.stage ?? sources[0]!.stage ?? FALLBACK_STAGE,
      terms,
      ...(examples.length > 0 ? { examples: examples.slice(0, EXAMPLES_PER_THEME) } : {}),
    };
  });
  return parseTaxonomy({ ...base, id: target.id, name: target.name, themes: [...base.themes, ...added] }, `taxonomy "${target.id}"`);
}
