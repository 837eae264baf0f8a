/**
 * Chooses and loads the sentiment scorer (rules, model or both) and the emotion tagger for an
 * engine. Model files are read here, at start-up, so a missing model is a clear
 * VERBATIM_E_PIPELINE error rather than a failure on the first comment.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { Emotion } from './contract.js';
import { VerbatimError } from './errors.js';
import type { ClauseScorer } from './sentiment/types.js';
import { createCombinedScorer } from './sentiment/combined-scorer.js';
import { DEFAULT_SENTIMENT_DIR, loadSentimentModel } from './model/sentiment-model.js';
import { DEFAULT_EMOTION_DIR, loadEmotionModel } from './model/emotion-model.js';
import { createModelScorer } from './model/model-scorer.js';
import { documentModelWords } from './model/doc-tokens.js';
import type { TextDocument } from './text/document.js';

/** Tags documents with emotions at or above the configured threshold, highest first. */
export interface EmotionTagger {
  tag(docs: readonly TextDocument[]): Promise<Emotion[][]>;
  close(): Promise<void>;
}

/** True when the trained sentiment model ships with this installation. */
export function sentimentModelAvailable(): boolean {
  return existsSync(path.join(DEFAULT_SENTIMENT_DIR, 'meta.json'));
}

/** True when the trained emotion model ships with this installation. */
export function emotionModelAvailable(): boolean {
  return existsSync(path.join(DEFAULT_EMOTION_DIR, 'meta.json'));
}

/** Builds the configured scorer around the rule scorer, and the emotion tagger when enabled. */
export async function buildScorer(
  config: Config,
  rules: ClauseScorer,
): Promise<{ scorer: ClauseScorer; emotions: EmotionTagger | null }> {
  let scorer = rules;
  if (config.sentiment.scorer !== 'rules') {
    if (!sentimentModelAvailable()) {
      throw new VerbatimError('VERBATIM_E_PIPELINE', {
        detail: `sentiment.scorer "${config.sentiment.scorer}" needs the trained model in ${DEFAULT_SENTIMENT_DIR} (train it with npm run train), or use scorer "rules"`,
      });
    }
    const model = createModelScorer(await loadSentimentModel());
    scorer = config.sentiment.scorer === 'model' ? model : createCombinedScorer(model, rules, config.sentiment.modelWeight, config.sentiment.neutralBand);
  }
  let emotions: EmotionTagger | null = null;
  if (config.emotions.enabled && emotionModelAvailable()) {
    const model = await loadEmotionModel();
    const threshold = config.emotions.threshold;
    emotions = {
      async tag(docs) {
        if (docs.length === 0) return [];
        // A configured threshold replaces the model's (a lower one must surface more emotions, not filter the model's).
        return model.predictWords(docs.map(documentModelWords), threshold ?? undefined);
      },
      async close() {},
    };
  }
  return { scorer, emotions };
}
