/**
 * Verbatim's library API.
 *
 * @example
 * import { createEngine } from 'verbatim';
 * const engine = await createEngine();
 * const result = await engine.analyze('fast delivery but the box was crushed');
 * result.sentiment.label; // 'negative'
 * result.themes.map((theme) => theme.id); // ['delivery-speed', 'packaging', 'damaged-items']
 */
export { createEngine } from './engine.js';
export type { Engine, EngineInput } from './engine.js';
export { resolveConfig, ConfigSchema, DEFAULT_MAX_TEXT_LENGTH } from './config.js';
export type { Config, ConfigInput } from './config.js';
export * from './contract.js';
export { VerbatimError, ERRORS } from './errors.js';
export type { ErrorCode } from './errors.js';
export { parseTaxonomy, loadTaxonomy, defaultTaxonomy } from './themes/taxonomy.js';
export type { Taxonomy, TaxonomyTheme, TaxonomyStage } from './themes/taxonomy.js';
export { redactPii } from './text/index.js';
