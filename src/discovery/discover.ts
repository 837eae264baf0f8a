/**
 * Theme discovery over a corpus: embed (SIF word vectors) -> cluster (spherical k-means on a
 * seeded sample) -> assign every comment (or leave it unassigned) -> label (c-TF-IDF phrases) ->
 * annotate (sentiment, stage, nearest taxonomy theme) -> group under parents. One streaming pass
 * reads the input; only word ids are kept per comment, texts only for the sample.
 */
import type { JourneyStageId, RecordId } from '../contract.js';
import { VerbatimError } from '../errors.js';
import { createTextProcessor, type TextDocument } from '../text/index.js';
import { createReadableDocuments } from './readable.js';
import { defaultWordVectors, type WordVectors } from '../themes/embeddings.js';
import { defaultTaxonomy, type Taxonomy } from '../themes/taxonomy.js';
import { Corpus } from './corpus.js';
import { createCommentEmbedder, DEFAULT_EMBEDDING_METHOD, type EmbeddingMethod } from './embedders.js';
import { nearestCentroid, sphericalKMeans } from './kmeans.js';
import { labelClusters } from './labels.js';
import { parentsOf } from './hierarchy.js';
import { annotateThemes, keywordCentroid, nearestTaxonomyTheme, taxonomyCentroids, type NearestTheme, type ThemeSentiment } from './annotate.js';
import { themeIdOf } from './theme-ids.js';
import { DEFAULT_MAX_THEMES, DEFAULT_SAMPLE_SIZE } from './defaults.js';

/**
 * Sampled comments k-means is fitted on (the first of the seeded sample). 8k rows give 160 per
 * cluster at k = 50; fitting on all 30k cost ~25 s more at 100k comments.
 */
export const KMEANS_FIT_ROWS = 8_000;
/** Default smallest theme: 0.2% of the comments, at least 3 (a theme of 2 is an anecdote). */
export const MIN_THEME_SHARE = 0.002;
export const MIN_THEME_SIZE_FLOOR = 3;
/**
 * A comment whose cosine to its nearest centroid is below this is left unassigned rather than
 * pushed into a theme it does not fit. 0.3 measured on the clothing reviews: it leaves ~10% out
 * (mostly fragments and off-topic lines) while the kept comments read as on-theme.
 */
export const ASSIGN_MIN_SIMILARITY = 0.2;
/** Representative comments per theme. */
export const REPRESENTATIVES_PER_THEME = 5;
/** Representatives are picked among this many nearest sampled members, preferring 4-60 words. */
const REPRESENTATIVE_POOL = 30;

export interface DiscoveryInput {
  id: RecordId;
  /** null for a record that failed to parse: it is assigned "unassigned". */
  text: string | null;
}

export interface DiscoveryOptions {
  seed?: number;
  /** Smallest theme kept; smaller clusters are dissolved into their neighbours or unassigned. */
  minThemeSize?: number;
  maxThemes?: number;
  /** When given, each theme reports its nearest theme of this taxonomy (or "new"). */
  taxonomy?: Taxonomy | null;
  sampleSize?: number;
  /** How comments are embedded (default hybrid: SIF word vectors + TF-IDF/SVD). */
  embedding?: EmbeddingMethod;
  /** Run the engine on a sample per theme for sentiment and stage (default true). */
  annotate?: boolean;
  vectors?: WordVectors;
  /** Called with the number of records read so far, and with stage names. */
  onProgress?: (event: { stage: string; records: number }) => void;
  /** Detect each comment's language and read foreign ones through their glossaries (readable.ts; default true); false reads all as English. */
  detectLanguages?: boolean;
}

export interface DiscoveredTheme {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  share: number;
  sentiment: ThemeSentiment | null;
  stage: JourneyStageId | null;
  parent: string | null;
  representatives: { id: RecordId; text: string }[];
  /** Nearest theme of --taxonomy, "new" when none is close, null when no taxonomy was given. */
  nearestTaxonomyTheme: NearestTheme | 'new' | null;
}

export interface DiscoveryResult {
  themes: DiscoveredTheme[];
  assignments: { id: RecordId; theme: string }[];
  coverage: number;
}

export const UNASSIGNED = 'unassigned';

/**
 * Discovers themes in a stream of comments. Deterministic for a given input order and seed.
 *
 * @example
 * const result = await discoverThemes(records, { seed: 7, maxThemes: 30 });
 * result.themes[0].label; // 'runs small'
 */
export async function discoverThemes(
  records: AsyncIterable<DiscoveryInput> | Iterable<DiscoveryInput>,
  options: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const seed = options.seed ?? 1;
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const maxThemes = options.maxThemes ?? DEFAULT_MAX_THEMES;
  checkPositive(sampleSize, 'sampleSize');
  checkPositive(maxThemes, 'maxThemes');
  if (options.minThemeSize !== undefined) checkPositive(options.minThemeSize, 'minThemeSize');
  const vectors = options.vectors ?? defaultWordVectors();
  const progress = options.onProgress ?? (() => {});
  const processor = createTextProcessor();
  const readOf = createReadableDocuments(options.detectLanguages ?? true);
  const corpus = new Corpus(sampleSize, seed);
  for await (const record of records) {
    let doc: TextDocument | null = null;
    if (record.text !== null) {
      try {
        doc = readOf(processor.process(record.text));
      } catch {
        doc = null;
      }
    }
    corpus.add(record.id, record.text, doc);
    if (corpus.size % 10_000 === 0) progress({ stage: 'read', records: corpus.size });
  }
  progress({ stage: 'embed', records: corpus.size });

  const sample = corpus.sortedSample();
  const method = options.embedding ?? DEFAULT_EMBEDDING_METHOD;
  const embedder = createCommentEmbedder(method, corpus, vectors, sample.map((item) => item.index), seed);
  const dimensions = embedder.dimensions;
  const sampleRows = new Float32Array(sample.length * dimensions);
  const rowOfSample = new Int32Array(sample.length).fill(-1);
  const sampleOfRow: number[] = [];
  const scratch = new Float32Array(dimensions);
  sample.forEach((item, position) => {
    if (!embedder.embed(item.index, scratch)) return;
    rowOfSample[position] = sampleOfRow.length;
    sampleRows.set(scratch, sampleOfRow.length * dimensions);
    sampleOfRow.push(position);
  });
  const embeddableShare = sample.length ? sampleOfRow.length / sample.length : 0;
  const estimatedEmbeddable = Math.round(embeddableShare * corpus.size);
  const minThemeSize = Math.max(
    1,
    Math.min(options.minThemeSize ?? Math.max(MIN_THEME_SIZE_FLOOR, Math.ceil(MIN_THEME_SHARE * corpus.size)), estimatedEmbeddable),
  );
  const k = chooseK(estimatedEmbeddable, minThemeSize, maxThemes);
  progress({ stage: `cluster (k=${k})`, records: corpus.size });
  const fitted = sphericalKMeans(sampleRows, Math.min(sampleOfRow.length, KMEANS_FIT_ROWS), dimensions, k, seed);

  // Assign every comment; dissolve clusters under the minimum size and reassign their members.
  const assignment = new Int32Array(corpus.size).fill(-1);
  const alive = new Uint8Array(fitted.k).fill(1);
  const assign = (index: number) => {
    if (!embedder.embed(index, scratch)) return -1;
    const nearest = nearestCentroid(scratch, fitted.centroids, fitted.k, dimensions, alive);
    return nearest.cluster >= 0 && nearest.similarity >= ASSIGN_MIN_SIMILARITY ? nearest.cluster : -1;
  };
  for (let index = 0; index < corpus.size; index += 1) assignment[index] = assign(index);
  for (;;) {
    const sizes = new Int32Array(fitted.k);
    for (const cluster of assignment) if (cluster >= 0) sizes[cluster]! += 1;
    const small: number[] = [];
    for (let cluster = 0; cluster < fitted.k; cluster += 1) if (alive[cluster] && sizes[cluster]! < minThemeSize) small.push(cluster);
    if (small.length === 0) break;
    // Dissolve the smallest first, one size class per round, so neighbours can absorb members.
    const smallest = Math.min(...small.map((cluster) => sizes[cluster]!));
    for (const cluster of small) if (sizes[cluster] === smallest) alive[cluster] = 0;
    if (!alive.some((flag) => flag === 1)) {
      assignment.fill(-1);
      break;
    }
    for (let index = 0; index < corpus.size; index += 1) {
      const cluster = assignment[index]!;
      if (cluster >= 0 && !alive[cluster]) assignment[index] = assign(index);
    }
  }
  progress({ stage: 'label', records: corpus.size });

  // Themes ordered by size (ties: cluster index), then renumbered 0..n-1.
  const sizes = new Array<number>(fitted.k).fill(0);
  for (const cluster of assignment) if (cluster >= 0) sizes[cluster]! += 1;
  const order = [...Array(fitted.k).keys()].filter((cluster) => alive[cluster] && sizes[cluster]! > 0).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const themeOf = new Int32Array(fitted.k).fill(-1);
  order.forEach((cluster, theme) => (themeOf[cluster] = theme));
  const centroids = new Float32Array(order.length * dimensions);
  order.forEach((cluster, theme) => centroids.set(fitted.centroids.subarray(cluster * dimensions, (cluster + 1) * dimensions), theme * dimensions));

  const sampleTheme = sample.map((item) => (assignment[item.index]! >= 0 ? themeOf[assignment[item.index]!]! : -1));
  const labels = labelClusters(
    sample.map((item, position) => ({ cluster: sampleTheme[position]!, doc: readOf(processor.process(item.text)) })),
    order.length,
  );
  const representatives = pickRepresentatives(sample, sampleTheme, rowOfSample, sampleRows, centroids, order.length, dimensions);
  const members: { id: RecordId; text: string }[][] = Array.from({ length: order.length }, () => []);
  sample.forEach((item, position) => {
    if (sampleTheme[position]! >= 0) members[sampleTheme[position]!]!.push({ id: item.id, text: item.text });
  });
  progress({ stage: 'annotate', records: corpus.size });
  const annotations = options.annotate === false ? members.map(() => ({ sentiment: null, stage: null })) : await annotateThemes(members);
  const defaultCentroids = taxonomyCentroids(defaultTaxonomy(), vectors);
  const givenCentroids = options.taxonomy ? taxonomyCentroids(options.taxonomy, vectors) : null;
  const parents = parentsOf(centroids, order.length, dimensions, order.map((cluster) => sizes[cluster]!));

  const usedIds = new Set<string>();
  const ids = labels.map((entry) => themeIdOf(entry.label, usedIds));
  const total = Math.max(corpus.size, 1);
  const themes: DiscoveredTheme[] = order.map((cluster, theme) => {
    const { label, keywords } = labels[theme]!;
    const wordCentroid = keywordCentroid(label, keywords, vectors);
    const annotation = annotations[theme]!;
    // Stage: the engine's majority stage; when no taxonomy theme matched, the stage of the nearest
    // default theme if it is close enough (else null; as-taxonomy then uses its fallback stage).
    const stage = annotation.stage ?? defaultStage(wordCentroid, defaultCentroids);
    return {
      id: ids[theme]!,
      label,
      keywords,
      size: sizes[cluster]!,
      share: round(sizes[cluster]! / total),
      sentiment: annotation.sentiment,
      stage,
      parent: parents[theme]! >= 0 ? ids[parents[theme]!]! : null,
      representatives: representatives[theme]!,
      nearestTaxonomyTheme: givenCentroids ? (nearestTaxonomyTheme(wordCentroid, givenCentroids) ?? 'new') : null,
    };
  });
  let assigned = 0;
  const assignments = corpus.ids.map((id, index) => {
    const cluster = assignment[index]!;
    if (cluster < 0) return { id, theme: UNASSIGNED };
    assigned += 1;
    return { id, theme: ids[themeOf[cluster]!]! };
  });
  return { themes, assignments, coverage: corpus.size === 0 ? 0 : round(assigned / corpus.size) };
}

/**
 * Number of clusters: sqrt(n / 2) (the classic rule of thumb, Mardia et al. 1979), capped by
 * --max-themes and by n / --min-theme-size so every cluster can reach the minimum.
 */
export function chooseK(count: number, minThemeSize: number, maxThemes: number): number {
  if (count <= 0) return 0;
  const rule = Math.max(1, Math.round(Math.sqrt(count / 2)));
  return Math.max(1, Math.min(rule, maxThemes, Math.floor(count / minThemeSize)));
}

function pickRepresentatives(
  sample: readonly { id: RecordId; text: string }[],
  sampleTheme: readonly number[],
  rowOfSample: Int32Array,
  rows: Float32Array,
  centroids: Float32Array,
  themeCount: number,
  dimensions: number,
): { id: RecordId; text: string }[][] {
  const scored: { position: number; similarity: number }[][] = Array.from({ length: themeCount }, () => []);
  sample.forEach((_, position) => {
    const theme = sampleTheme[position]!;
    const row = rowOfSample[position]!;
    if (theme < 0 || row < 0) return;
    let similarity = 0;
    for (let dimension = 0; dimension < dimensions; dimension += 1) similarity += rows[row * dimensions + dimension]! * centroids[theme * dimensions + dimension]!;
    scored[theme]!.push({ position, similarity });
  });
  return scored.map((list) => {
    const pool = list.sort((a, b) => b.similarity - a.similarity || a.position - b.position).slice(0, REPRESENTATIVE_POOL);
    const readable = (text: string) => {
      const words = text.trim().split(/\s+/).length;
      return words >= 4 && words <= 60;
    };
    const ordered = [...pool.filter((entry) => readable(sample[entry.position]!.text)), ...pool.filter((entry) => !readable(sample[entry.position]!.text))];
    const seen = new Set<string>();
    const picked: { id: RecordId; text: string }[] = [];
    for (const entry of ordered) {
      const item = sample[entry.position]!;
      const key = item.text.trim().toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(key)) continue;
      seen.add(key);
      picked.push({ id: item.id, text: item.text });
      if (picked.length === REPRESENTATIVES_PER_THEME) break;
    }
    return picked;
  });
}

function defaultStage(centroid: Float32Array | null, candidates: ReturnType<typeof taxonomyCentroids>): JourneyStageId | null {
  const nearest = nearestTaxonomyTheme(centroid, candidates);
  return nearest ? candidates.themes.find((candidate) => candidate.id === nearest.id)!.stage : null;
}

function checkPositive(value: number, name: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: name, detail: `expected a positive integer, found ${value}` });
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
