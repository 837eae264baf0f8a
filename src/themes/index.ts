/** The themes stage: taxonomies, word vectors and theme assignment. */
export { createThemeMatcher, WINDOW_SPAN } from './matcher.js';
export type { ThemeMatcher, ThemeMatcherOptions } from './matcher.js';
export { defaultTaxonomy, defaultTaxonomyPath, loadTaxonomy, parseTaxonomy, stageOfTheme, TAXONOMY_VERSION } from './taxonomy.js';
export type { Taxonomy, TaxonomyStage, TaxonomyTheme } from './taxonomy.js';
export { defaultWordVectors, loadWordVectors } from './embeddings.js';
export type { WordVectors } from './embeddings.js';
export type { SimilarityMode } from './embedding-assigner.js';
export type { ThemeHit } from './types.js';
