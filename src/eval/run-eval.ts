/**
 * The harness behind `verbatim eval`: every system on every dev set, in one run, on the same
 * texts, plus emotion macro-F1 on GoEmotions dev and each system's throughput in that run.
 */
import { performance } from 'node:perf_hooks';
import { BINARY_DATASETS, SENTIMENT_DATASET_NAMES, loadEmotionDataset, loadSentimentDataset } from '../datasets/index.js';
import { seededShuffle } from '../datasets/random.js';
import type { SentimentDatasetName } from '../datasets/types.js';
import { multiLabelMacroF1, multiLabelMetrics } from './metrics.js';
import { EVAL_BATCH_SIZE, callSystem, scoreSystem } from './score-rows.js';
import type { DatasetScore, EmotionScore, EmotionSystem, EvalReport, EvalSystem, ThroughputScore } from './types.js';

/** Texts each system scores untimed before the run, so JIT warm-up and lazy loading are not billed to the first set. */
export const WARM_UP_TEXTS = [
  'The staff were friendly and the room was spotless.',
  'Third time asking: where is my refund?',
  'It was ok, nothing special.',
  'The delivery was two days late and nobody answered my emails.',
];

/** Seed of the sample drawn when `limit` caps the rows per set (so a small run is still representative and repeatable). */
export const EVAL_SAMPLE_SEED = 1234;

export interface EvalProgress {
  phase: 'load' | 'sentiment' | 'emotion';
  dataset: string;
  system?: string;
  done: number;
  total: number;
}

export interface EvalOptions {
  systems: EvalSystem[];
  /** Dev sets to score; all sentiment sets by default. */
  datasets?: readonly SentimentDatasetName[];
  /**
   * Systems to score on aspect rows instead of `systems` (e.g. a targeted Verbatim adapter). When
   * omitted, aspect rows are scored with `systems`, through predictAspects where they have it.
   */
  aspectSystems?: EvalSystem[];
  /** When given, emotion macro-F1 on GoEmotions dev. */
  emotionSystem?: EmotionSystem;
  /** At most this many rows per set (a fixed-seed sample), for quick runs. */
  limit?: number;
  onProgress?: (progress: EvalProgress) => void;
}

/**
 * Scores every system on every requested dev set. Aspect sets report aspectAccuracy on their
 * target rows; systems without predictAspects are scored there on the sentence's text.
 *
 * @example
 * const report = await runEvaluation({ systems: createBaselineSystems(), limit: 200 });
 * console.log(formatReport(report));
 */
export async function runEvaluation(options: EvalOptions): Promise<EvalReport> {
  const names = options.datasets ?? SENTIMENT_DATASET_NAMES;
  const limit = options.limit !== undefined && options.limit > 0 ? Math.floor(options.limit) : null;
  const datasets: DatasetScore[] = [];
  const totals = new Map<string, ThroughputScore>();

  for (const system of [...options.systems, ...(options.aspectSystems ?? [])]) {
    await callSystem(system.name, WARM_UP_TEXTS.length, () => system.predict(WARM_UP_TEXTS));
  }
  if (options.emotionSystem) {
    const emotionSystem = options.emotionSystem;
    await callSystem(emotionSystem.name, WARM_UP_TEXTS.length, () => emotionSystem.predict(WARM_UP_TEXTS));
  }

  for (const name of names) {
    options.onProgress?.({ phase: 'load', dataset: name, done: 0, total: 0 });
    const rows = sample(await loadSentimentDataset(name, 'dev'), limit);
    const binary = BINARY_DATASETS.includes(name);
    const aspectRows = rows.filter((row) => row.target).length;
    const systems = aspectRows > 0 && options.aspectSystems ? options.aspectSystems : options.systems;
    const scores = [];
    for (const system of systems) {
      const onBatch = (done: number) =>
        options.onProgress?.({ phase: 'sentiment', dataset: name, system: system.name, done, total: rows.length });
      const score = await scoreSystem(system, rows, { binary, onBatch });
      addThroughput(totals, system.name, score.rows, score.seconds);
      scores.push(score);
    }
    datasets.push({ dataset: name, split: 'dev', binary, rows: rows.length, aspectRows, scores });
  }

  const emotions = options.emotionSystem ? await scoreEmotions(options.emotionSystem, limit, options.onProgress) : null;
  if (emotions) addThroughput(totals, emotions.system, emotions.rows, emotions.seconds);
  return {
    createdAt: new Date().toISOString(),
    node: process.version,
    limit,
    datasets,
    emotions,
    throughput: [...totals.values()].map((total) => ({
      ...total,
      textsPerSecond: total.seconds > 0 ? total.texts / total.seconds : 0,
    })),
  };
}

async function scoreEmotions(
  system: EmotionSystem,
  limit: number | null,
  onProgress: EvalOptions['onProgress'],
): Promise<EmotionScore> {
  const rows = sample(await loadEmotionDataset('goemotions', 'dev'), limit);
  const predicted: string[][] = [];
  let seconds = 0;
  for (let start = 0; start < rows.length; start += EVAL_BATCH_SIZE) {
    const batch = rows.slice(start, start + EVAL_BATCH_SIZE);
    const began = performance.now();
    const texts = batch.map((row) => row.text);
    predicted.push(...(await callSystem(system.name, texts.length, () => system.predict(texts))));
    seconds += (performance.now() - began) / 1000;
    onProgress?.({ phase: 'emotion', dataset: 'goemotions', system: system.name, done: start + batch.length, total: rows.length });
  }
  const gold = rows.map((row) => mapGoldLabels(row.labels, system.goldLabelMap));
  const labels = [...system.labels];
  return {
    dataset: 'goemotions',
    system: system.name,
    rows: rows.length,
    labels,
    macroF1: multiLabelMacroF1(gold, predicted, labels),
    perLabel: multiLabelMetrics(gold, predicted, labels),
    seconds,
    textsPerSecond: seconds > 0 ? rows.length / seconds : 0,
  };
}

/** Gold labels in the system's vocabulary: mapped (unmapped dropped) when a map is given, as they are otherwise. */
export function mapGoldLabels(labels: readonly string[], map: Readonly<Record<string, string>> | undefined): string[] {
  if (!map) return [...labels];
  const mapped = new Set<string>();
  for (const label of labels) {
    const target = map[label];
    if (target !== undefined) mapped.add(target);
  }
  return [...mapped];
}

/** A fixed-seed sample of at most `limit` rows, in their original order; all rows when no limit. */
function sample<T>(rows: T[], limit: number | null): T[] {
  if (limit === null || rows.length <= limit) return rows;
  const chosen = new Set(seededShuffle(rows.map((_, index) => index), EVAL_SAMPLE_SEED).slice(0, limit));
  return rows.filter((_, index) => chosen.has(index));
}

function addThroughput(totals: Map<string, ThroughputScore>, system: string, texts: number, seconds: number): void {
  const total = totals.get(system) ?? { system, texts: 0, seconds: 0, textsPerSecond: 0 };
  total.texts += texts;
  total.seconds += seconds;
  totals.set(system, total);
}
