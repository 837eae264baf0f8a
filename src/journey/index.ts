/** Journey stages: their order and labels, and per-comment stage sentiment from theme results. */
export { STAGE_LABELS, compareStages, isJourneyStage, stageLabel, stageOrder } from './stages.js';
export {
  DEFAULT_THEME_WEIGHT,
  aggregateStages,
  type SentimentAggregator,
  type WeightedSentiment,
  type WeightedThemeResult,
} from './aggregate-stages.js';
