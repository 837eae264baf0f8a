/** Sentiment: the rule scorer, its lexicon, and aggregation of clause scores into Sentiment. */
export { createRuleScorer, scoreDocumentClauses, scoreTokenRange, normalizeValence } from './rule-scorer.js';
export type { RuleScorerOptions } from './rule-scorer.js';
export { aggregateSpans, labelFor, toSentiment, contrastWeight } from './aggregate.js';
export type { SentimentOptions, WeightedScore } from './aggregate.js';
export { loadLexicon, validateLexicon, compileLexicon, DEFAULT_LEXICON_PATH } from './lexicon.js';
export type { Lexicon, LexiconFile } from './lexicon.js';
export type { ClauseScore, ClauseScorer, Evidence } from './types.js';
