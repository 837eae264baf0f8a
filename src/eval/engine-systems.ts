/**
 * Adapts Verbatim itself to the evaluation harness: the full `analyze` pipeline exactly as users
 * run it (document sentiment for sentences, target sentiment for aspects), plus its raw scorers
 * for diagnosis. `mixed` has no gold counterpart in the three-class sets, so it is scored by the
 * sign of its score (inside the neutral band: neutral).
 */
import type { AnalysisResult, ResultLine, Sentiment } from '../contract.js';
import type { Engine } from '../engine.js';
import { labelForBand } from '../sentiment/aggregate.js';
import type { AspectItem, EvalSystem, Prediction } from './types.js';

/** Texts per engine call during evaluation (the engine batches model calls inside). */
const ENGINE_BATCH = 256;

/** The prediction for a contract sentiment; `mixed` falls back to the sign of its score. */
export function predictionFromSentiment(sentiment: Sentiment, neutralBand: number): Prediction {
  const label = sentiment.label === 'mixed' ? labelForBand(sentiment.score, neutralBand) : sentiment.label;
  return { label, score: sentiment.score, confidence: sentiment.confidence };
}

/**
 * The whole pipeline as an EvalSystem: `predict` reads the document sentiment, `predictAspects`
 * asks for the aspect as a target and reads its sentiment.
 */
export function engineSystem(name: string, engine: Engine): EvalSystem {
  const band = engine.config.sentiment.neutralBand;
  const run = async (inputs: { text: string; targets?: string[] }[]): Promise<AnalysisResult[]> => {
    const results: AnalysisResult[] = [];
    for (let start = 0; start < inputs.length; start += ENGINE_BATCH) {
      const batch = inputs.slice(start, start + ENGINE_BATCH).map((input, index) => ({ id: start + index, ...input }));
      const lines = await engine.analyzeBatch(batch);
      for (const line of lines) results.push(expectResult(line));
    }
    return results;
  };
  return {
    name,
    async predict(texts) {
      const results = await run(texts.map((text) => ({ text })));
      return results.map((result) => predictionFromSentiment(result.sentiment, band));
    },
    async predictAspects(items: readonly AspectItem[]) {
      const results = await run(items.map(({ text, target }) => ({ text, targets: [target.text] })));
      return results.map((result) => {
        const target = result.targets[0];
        // A target the engine could not locate is judged by the whole text, as a user would see it.
        return predictionFromSentiment(target?.sentiment ?? result.sentiment, band);
      });
    },
  };
}

function expectResult(line: ResultLine): AnalysisResult {
  if ('error' in line) throw new Error(`evaluation record failed: ${line.error.code}: ${line.error.message}`);
  return line;
}
