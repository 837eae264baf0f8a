/** Theme discovery over a corpus: embed, cluster, label, annotate, and export as a taxonomy. */
export { discoverThemes, chooseK, UNASSIGNED, ASSIGN_MIN_SIMILARITY } from './discover.js';
export { DEFAULT_MAX_THEMES, DEFAULT_SAMPLE_SIZE } from './defaults.js';
export type { DiscoveredTheme, DiscoveryInput, DiscoveryOptions, DiscoveryResult } from './discover.js';
export { EMBEDDING_METHODS, DEFAULT_EMBEDDING_METHOD } from './embedders.js';
export type { EmbeddingMethod } from './embedders.js';
export { toTaxonomy } from './as-taxonomy.js';
export { adjustedRandIndex, normalizedMutualInformation } from './agreement.js';
export { tfidfKMeansBaseline } from './baseline.js';
export { runDiscoveryEvaluation, formatDiscoveryEvaluation, loadClothingCategories, loadSemEvalCategories } from './evaluate.js';
export type { DiscoveryEvaluation, DiscoveryEvalRow, LabelledCorpus } from './evaluate.js';
