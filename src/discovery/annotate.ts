/**
 * What discovery says about each theme beyond its members: average sentiment and journey stage
 * (from the engine run on a seeded sample of the theme's comments: analyzing every one of 100k
 * comments would cost more than the whole discovery), and the nearest theme of a taxonomy.
 */
import type { JourneyStageId, RecordId, SentimentLabel } from '../contract.js';
import { JOURNEY_STAGES } from '../contract.js';
import { createEngine, type Engine } from '../engine.js';
import { centroidOf, dot, normalize, type WordVectors } from '../themes/embeddings.js';
import type { Taxonomy } from '../themes/taxonomy.js';
import { STOPWORDS } from '../themes/word-lists.js';

/**
 * Comments per theme the engine analyzes for sentiment and stage. The standard error of a mean
 * score in [-1, 1] over 100 comments is at most 0.1, enough to tell praise from complaint.
 */
export const SENTIMENT_SAMPLE_PER_THEME = 100;
/**
 * Engine config for the sample: the lexicon scorer without emotions, ~10x faster than the
 * combined model scorer and free of ONNX start-up (documented trade-off: rules miss implicit
 * complaints).
 */
export const ANNOTATION_ENGINE_CONFIG = { sentiment: { scorer: 'rules' as const }, emotions: { enabled: false } };
/**
 * Below this cosine between a theme's keyword centroid and a taxonomy theme's seed-term centroid
 * (both centred) the discovered theme is reported as "new". Read off 30 clothing themes against
 * the default CX taxonomy: at >= 0.59, 5 of 6 nearest themes were right (petite size, short ->
 * sizing-fit; quality -> product-quality; full price -> value-for-money; picture ->
 * product-description; wrong: fabric -> packaging); between 0.5 and 0.59 most were wrong.
 */
export const NEAREST_THEME_MIN_SIMILARITY = 0.59;
/** Keywords (plus label words) whose vectors make a theme's word centroid. */
export const CENTROID_KEYWORDS = 8;
/** Analysis batch size for the engine sample. */
const ENGINE_BATCH = 256;

export interface ThemeSentiment {
  /** Mean document sentiment score in [-1, 1] over the sampled comments. */
  score: number;
  /** The most common document label among them. */
  label: SentimentLabel;
  /** How many comments were analyzed. */
  sampled: number;
}

export interface NearestTheme {
  id: string;
  label: string;
  similarity: number;
}

/** Sentiment and engine-matched stage of each theme; members are sample texts per theme. */
export async function annotateThemes(
  members: readonly (readonly { id: RecordId; text: string }[])[],
  engine?: Engine,
): Promise<{ sentiment: ThemeSentiment | null; stage: JourneyStageId | null }[]> {
  const owned = engine ? null : await createEngine(ANNOTATION_ENGINE_CONFIG);
  const active = engine ?? owned!;
  try {
    const results: { sentiment: ThemeSentiment | null; stage: JourneyStageId | null }[] = [];
    for (const themeMembers of members) {
      const picked = themeMembers.slice(0, SENTIMENT_SAMPLE_PER_THEME);
      let total = 0;
      let analyzed = 0;
      const labels = new Map<SentimentLabel, number>();
      const stages = new Map<JourneyStageId, number>();
      for (let start = 0; start < picked.length; start += ENGINE_BATCH) {
        const lines = await active.analyzeBatch(picked.slice(start, start + ENGINE_BATCH));
        for (const line of lines) {
          if ('error' in line) continue;
          analyzed += 1;
          total += line.sentiment.score;
          labels.set(line.sentiment.label, (labels.get(line.sentiment.label) ?? 0) + 1);
          for (const stage of new Set(line.themes.map((theme) => theme.stage))) stages.set(stage, (stages.get(stage) ?? 0) + 1);
        }
      }
      results.push({
        sentiment: analyzed === 0 ? null : { score: round(total / analyzed), label: majority(labels, ['negative', 'neutral', 'positive', 'mixed'] as SentimentLabel[])!, sampled: analyzed },
        stage: majority(stages, JOURNEY_STAGES),
      });
    }
    return results;
  } finally {
    await owned?.close();
  }
}

/** A taxonomy theme's seed-term direction, centred on the taxonomy's mean direction. */
export interface TaxonomyCentroid {
  id: string;
  label: string;
  stage: JourneyStageId;
  centroid: Float32Array;
}

/**
 * Seed-term centroids of a taxonomy's themes (multi-word terms contribute each word but their
 * stopwords, which would pull every phrase-rich theme toward the same average), centred:
 * averaged word vectors all lean the same way (cosines of 0.6-0.9 between unrelated averages), so
 * the mean of the theme centroids is subtracted from them and from every query before comparing.
 */
export function taxonomyCentroids(taxonomy: Taxonomy, vectors: WordVectors): { themes: TaxonomyCentroid[]; mean: Float32Array } {
  const themes: TaxonomyCentroid[] = [];
  for (const theme of taxonomy.themes) {
    const words = theme.terms.flatMap((term) => term.toLowerCase().split(/\s+/)).filter((word) => !STOPWORDS.has(word));
    const centroid = vectors.centroid(words);
    if (centroid) themes.push({ id: theme.id, label: theme.label, stage: theme.stage, centroid });
  }
  const mean = new Float32Array(vectors.dimensions);
  for (const theme of themes) for (let index = 0; index < mean.length; index += 1) mean[index]! += theme.centroid[index]! / themes.length;
  for (const theme of themes) theme.centroid = centred(theme.centroid, mean);
  return { themes, mean };
}

function centred(vector: Float32Array, mean: Float32Array): Float32Array {
  const result = new Float32Array(vector.length);
  for (let index = 0; index < vector.length; index += 1) result[index] = vector[index]! - mean[index]!;
  return normalize(result);
}

/** The unit centroid of a theme's label words and top keywords, or null when none has a vector. */
export function keywordCentroid(label: string, keywords: readonly string[], vectors: WordVectors): Float32Array | null {
  const words = [...label.split(/\s+/), ...keywords.slice(0, CENTROID_KEYWORDS)];
  const found: Float32Array[] = [];
  for (const word of words) {
    const vector = vectors.vectorOf(word);
    if (vector) found.push(vector);
  }
  return centroidOf(found);
}

/** The most similar taxonomy theme to a keyword centroid, or null when none reaches `minimum`. */
export function nearestTaxonomyTheme(
  centroid: Float32Array | null,
  candidates: { themes: readonly TaxonomyCentroid[]; mean: Float32Array },
  minimum = NEAREST_THEME_MIN_SIMILARITY,
): NearestTheme | null {
  if (!centroid) return null;
  const query = centred(centroid, candidates.mean);
  let best: NearestTheme | null = null;
  for (const candidate of candidates.themes) {
    const similarity = dot(query, candidate.centroid);
    if (!best || similarity > best.similarity) best = { id: candidate.id, label: candidate.label, similarity: round(similarity) };
  }
  return best && best.similarity >= minimum ? best : null;
}

/** The key with the highest count; ties go to the earlier key in `order`. */
function majority<T>(counts: Map<T, number>, order: readonly T[]): T | null {
  let best: T | null = null;
  let bestCount = 0;
  for (const key of order) {
    const count = counts.get(key) ?? 0;
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
