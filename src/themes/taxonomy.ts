/**
 * Taxonomies: the themes a comment can be assigned to, grouped by customer-journey stage. A
 * taxonomy is a JSON data file (models/taxonomy/default.json is the shipped CX taxonomy); this
 * module loads it, checks its shape with zod and its cross-references by hand, and reports every
 * problem as VERBATIM_E_INVALID_TAXONOMY naming the JSON path, what was expected and what was found.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { JOURNEY_STAGES, type JourneyStageId } from '../contract.js';
import { modelPath } from '../config.js';
import { VerbatimError, describeValue } from '../errors.js';

/** The only taxonomy file format version this code reads. */
export const TAXONOMY_VERSION = 1;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const nonEmptyText = z.string().trim().min(1, 'expected a non-empty string');

const StageSchema = z.strictObject({
  id: z.enum(JOURNEY_STAGES),
  label: nonEmptyText,
  order: z.number().int(),
});

/** One word (a pair cue lists single words; phrases belong in terms). */
const singleWord = z.string().trim().regex(/^\S+$/, 'expected a single word without spaces');

const ThemeSchema = z.strictObject({
  id: z.string().regex(KEBAB_CASE, 'expected a kebab-case id such as "delivery-speed"'),
  label: nonEmptyText,
  stage: z.enum(JOURNEY_STAGES),
  terms: z.array(nonEmptyText).min(1, 'expected at least one seed term'),
  /**
   * Terms too ambiguous to count alone ("phone", "box", "cancelled"): matched like terms, but
   * reported only beside another mention of the theme's family (mention-cues.ts withContextKept).
   */
  contextTerms: z.array(nonEmptyText).optional(),
  /**
   * Pair cues: [words, otherWords]. Any word of the first list with any of the second, in either
   * order, at most PAIR_SPAN tokens apart in one clause ("parcel ... fortnight"), is a mention.
   */
  pairs: z.array(z.tuple([z.array(singleWord).min(1), z.array(singleWord).min(1)])).optional(),
  examples: z.array(nonEmptyText).optional(),
  parent: z.string().optional(),
  exclude: z.array(nonEmptyText).optional(),
});

const TaxonomySchema = z.strictObject({
  version: z.literal(TAXONOMY_VERSION, { error: `expected version ${TAXONOMY_VERSION}` }),
  id: z.string().regex(KEBAB_CASE, 'expected a kebab-case id'),
  name: nonEmptyText,
  stages: z.array(StageSchema).min(1, 'expected at least one stage'),
  themes: z.array(ThemeSchema).min(1, 'expected at least one theme'),
});

export type TaxonomyStage = z.infer<typeof StageSchema>;
export type TaxonomyTheme = z.infer<typeof ThemeSchema>;
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/**
 * Validates a parsed JSON value as a taxonomy. `source` names where it came from (a file path or
 * "inline") so the error says which file is wrong.
 *
 * @example parseTaxonomy(JSON.parse(text), 'my-taxonomy.json').themes.length
 */
export function parseTaxonomy(json: unknown, source: string): Taxonomy {
  const parsed = TaxonomySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const found = valueAt(json, issue.path);
    fail(source, formatPath(issue.path), `${issue.message}, found ${describeFound(found)}`);
  }
  const taxonomy = parsed.data;
  checkStages(taxonomy, source);
  checkThemes(taxonomy, source);
  return taxonomy;
}

/** Reads and validates a taxonomy JSON file; a missing file is VERBATIM_E_FILE_NOT_FOUND. */
export function loadTaxonomy(file: string): Taxonomy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: file }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(file, '(root)', `expected valid JSON, found a syntax error: ${(error as Error).message}`);
  }
  return parseTaxonomy(json, file);
}

let cachedDefault: Taxonomy | null = null;

/** The shipped CX taxonomy, read once per process (it never changes at run time). */
export function defaultTaxonomy(): Taxonomy {
  cachedDefault ??= loadTaxonomy(defaultTaxonomyPath());
  return cachedDefault;
}

/** Where the shipped CX taxonomy lives (scripts rebuilding the embeddings read its seed words). */
export function defaultTaxonomyPath(): string {
  return modelPath('taxonomy', 'default.json');
}

/** The stage of each theme id, for the journey stage and for reports. */
export function stageOfTheme(taxonomy: Taxonomy): Map<string, JourneyStageId> {
  return new Map(taxonomy.themes.map((theme) => [theme.id, theme.stage]));
}

function checkStages(taxonomy: Taxonomy, source: string): void {
  const seen = new Set<string>();
  taxonomy.stages.forEach((stage, index) => {
    if (seen.has(stage.id)) {
      fail(source, `stages[${index}].id`, `expected a unique stage id, found "${stage.id}" listed twice`);
    }
    seen.add(stage.id);
  });
  taxonomy.themes.forEach((theme, index) => {
    if (!seen.has(theme.stage)) {
      fail(
        source,
        `themes[${index}].stage`,
        `expected one of the taxonomy's stages (${[...seen].join(', ')}), found "${theme.stage}"`,
      );
    }
  });
}

function checkThemes(taxonomy: Taxonomy, source: string): void {
  const indexOfId = new Map<string, number>();
  taxonomy.themes.forEach((theme, index) => {
    if (indexOfId.has(theme.id)) {
      fail(
        source,
        `themes[${index}].id`,
        `expected a unique theme id, found "${theme.id}" already used by themes[${indexOfId.get(theme.id)}]`,
      );
    }
    indexOfId.set(theme.id, index);
    const terms = checkUniqueTerms(theme.terms, `themes[${index}].terms`, source);
    if (theme.contextTerms) checkUniqueTerms(theme.contextTerms, `themes[${index}].contextTerms`, source, terms, `themes[${index}].terms`);
    if (theme.exclude) checkUniqueTerms(theme.exclude, `themes[${index}].exclude`, source);
  });
  taxonomy.themes.forEach((theme, index) => {
    if (theme.parent === undefined) return;
    if (!indexOfId.has(theme.parent)) {
      fail(source, `themes[${index}].parent`, `expected the id of another theme, found unknown "${theme.parent}"`);
    }
  });
  const parentOf = new Map(taxonomy.themes.map((theme) => [theme.id, theme.parent]));
  taxonomy.themes.forEach((theme, index) => {
    const chain = [theme.id];
    let current = theme.parent;
    while (current !== undefined) {
      if (chain.includes(current)) {
        fail(
          source,
          `themes[${index}].parent`,
          `expected parents to form a tree, found the cycle ${[...chain, current].join(' -> ')}`,
        );
      }
      chain.push(current);
      current = parentOf.get(current);
    }
  });
}

/** Fails on a term listed twice, here or in `taken` (another list's terms, at `takenPath`); returns this list's terms by key. */
function checkUniqueTerms(terms: string[], path: string, source: string, taken?: Map<string, number>, takenPath?: string): Map<string, number> {
  const seen = new Map<string, number>();
  terms.forEach((term, index) => {
    const key = term.trim().toLowerCase().replace(/\s+/g, ' ');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(source, `${path}[${index}]`, `expected unique terms, found "${term}" duplicating ${path}[${earlier}]`);
    }
    const elsewhere = taken?.get(key);
    if (elsewhere !== undefined) {
      fail(source, `${path}[${index}]`, `expected unique terms, found "${term}" duplicating ${takenPath}[${elsewhere}]`);
    }
    seen.set(key, index);
  });
  return seen;
}

function fail(source: string, path: string, detail: string): never {
  throw new VerbatimError('VERBATIM_E_INVALID_TAXONOMY', { source, path, detail });
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function valueAt(json: unknown, path: PropertyKey[]): unknown {
  let current: unknown = json;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function describeFound(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'nothing';
  return describeValue(value);
}
