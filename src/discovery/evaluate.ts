/**
 * `verbatim eval discovery`: how well discovered themes agree with human categories, beside a
 * plain TF-IDF + k-means baseline with the same number of clusters, in the same run.
 * - Women's clothing reviews: Department Name (6) and Class Name (~20) of each review.
 * - SemEval-2014 restaurants: the aspect category of sentences that carry exactly one.
 * NMI and ARI are computed over all items (unassigned counted as one more cluster, the honest
 * figure) and over assigned items only; coverage is the assigned share.
 */
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { readDataFile } from '../datasets/paths.js';
import { CLOTHING_FILE, joinTitleAndReview } from '../datasets/text-sets.js';
import { seededShuffle } from '../datasets/random.js';
import { adjustedRandIndex, normalizedMutualInformation } from './agreement.js';
import { tfidfKMeansBaseline } from './baseline.js';
import { discoverThemes, UNASSIGNED, type DiscoveryOptions } from './discover.js';

export const SEMEVAL_RESTAURANTS_FILE = 'semeval2014/Restaurants_Train_v2.xml';
/** Top themes whose labels are printed for a reader to judge. */
export const LABELS_SHOWN = 15;

/** Items with one or more human labellings. */
export interface LabelledCorpus {
  name: string;
  texts: string[];
  /** Labelling name -> label per text. */
  labellings: Record<string, string[]>;
}

export interface DiscoveryEvalRow {
  dataset: string;
  labelling: string;
  system: 'verbatim' | 'tfidf-kmeans';
  items: number;
  clusters: number;
  nmi: number;
  ari: number;
  /** NMI and ARI over assigned items only (equal to the above for the baseline). */
  nmiAssigned: number;
  ariAssigned: number;
  coverage: number;
  seconds: number;
}

export interface DiscoveryEvaluation {
  rows: DiscoveryEvalRow[];
  labels: { dataset: string; themes: { label: string; size: number; keywords: string[] }[] }[];
}

/** Reads the clothing reviews with their Department and Class (rows missing either are skipped). */
export async function loadClothingCategories(limit?: number, seed = 1): Promise<LabelledCorpus> {
  const records = parse(await readDataFile(CLOTHING_FILE), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string | undefined>[];
  let rows = records.filter((record) => (record['Review Text'] ?? '').trim() !== '' && (record['Department Name'] ?? '').trim() !== '' && (record['Class Name'] ?? '').trim() !== '');
  if (limit !== undefined && limit < rows.length) rows = seededShuffle(rows, seed).slice(0, limit);
  return {
    name: 'clothing',
    texts: rows.map((record) => joinTitleAndReview(record['Title'] ?? '', record['Review Text'] ?? '')),
    labellings: { department: rows.map((record) => record['Department Name']!.trim()), class: rows.map((record) => record['Class Name']!.trim()) },
  };
}

/** Reads SemEval-2014 restaurant sentences that carry exactly one aspect category. */
export async function loadSemEvalCategories(limit?: number, seed = 1): Promise<LabelledCorpus> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (name) => name === 'sentence' || name === 'aspectCategory' });
  const xml = parser.parse(await readDataFile(SEMEVAL_RESTAURANTS_FILE)) as {
    sentences: { sentence: { text?: unknown; aspectCategories?: { aspectCategory?: { category?: string }[] } }[] };
  };
  let rows: { text: string; category: string }[] = [];
  for (const sentence of xml.sentences.sentence) {
    const categories = sentence.aspectCategories?.aspectCategory ?? [];
    if (categories.length !== 1 || typeof sentence.text !== 'string' || !categories[0]!.category) continue;
    rows.push({ text: sentence.text, category: categories[0]!.category });
  }
  if (limit !== undefined && limit < rows.length) rows = seededShuffle(rows, seed).slice(0, limit);
  return { name: 'semeval2014-restaurants', texts: rows.map((row) => row.text), labellings: { category: rows.map((row) => row.category) } };
}

/**
 * Runs discovery and the baseline on each corpus and scores both against every labelling.
 *
 * @example const report = await runDiscoveryEvaluation({ seed: 1 }); console.log(formatDiscoveryEvaluation(report));
 */
export async function runDiscoveryEvaluation(
  options: { seed?: number; limit?: number; maxThemes?: number; corpora?: LabelledCorpus[]; onProgress?: (message: string) => void } = {},
): Promise<DiscoveryEvaluation> {
  const seed = options.seed ?? 1;
  const log = options.onProgress ?? (() => {});
  const corpora = options.corpora ?? [await loadClothingCategories(options.limit, seed), await loadSemEvalCategories(options.limit, seed)];
  const evaluation: DiscoveryEvaluation = { rows: [], labels: [] };
  for (const corpus of corpora) {
    log(`discovery: ${corpus.name} (${corpus.texts.length} texts)`);
    const discoveryOptions: DiscoveryOptions = { seed, annotate: false };
    if (options.maxThemes !== undefined) discoveryOptions.maxThemes = options.maxThemes;
    let started = performance.now();
    const result = await discoverThemes(corpus.texts.map((text, index) => ({ id: index + 1, text })), discoveryOptions);
    const discoverySeconds = (performance.now() - started) / 1000;
    const predicted = result.assignments.map((assignment) => assignment.theme);
    const clusters = result.themes.length;
    log(`baseline: ${corpus.name} (k=${clusters})`);
    started = performance.now();
    const baseline = tfidfKMeansBaseline(corpus.texts, Math.max(1, clusters), seed);
    const baselineSeconds = (performance.now() - started) / 1000;
    for (const [labelling, truth] of Object.entries(corpus.labellings)) {
      const assigned = predicted.map((theme, index) => (theme === UNASSIGNED ? -1 : index)).filter((index) => index >= 0);
      const pick = <T>(values: readonly T[]) => assigned.map((index) => values[index]!);
      evaluation.rows.push({
        dataset: corpus.name,
        labelling,
        system: 'verbatim',
        items: predicted.length,
        clusters,
        nmi: round(normalizedMutualInformation(predicted, truth)),
        ari: round(adjustedRandIndex(predicted, truth)),
        nmiAssigned: round(normalizedMutualInformation(pick(predicted), pick(truth))),
        ariAssigned: round(adjustedRandIndex(pick(predicted), pick(truth))),
        coverage: result.coverage,
        seconds: round(discoverySeconds),
      });
      const nmi = round(normalizedMutualInformation(baseline, truth));
      const ari = round(adjustedRandIndex(baseline, truth));
      evaluation.rows.push({
        dataset: corpus.name,
        labelling,
        system: 'tfidf-kmeans',
        items: baseline.length,
        clusters: new Set(baseline).size,
        nmi,
        ari,
        nmiAssigned: nmi,
        ariAssigned: ari,
        coverage: 1,
        seconds: round(baselineSeconds),
      });
    }
    evaluation.labels.push({
      dataset: corpus.name,
      themes: result.themes.slice(0, LABELS_SHOWN).map((theme) => ({ label: theme.label, size: theme.size, keywords: theme.keywords.slice(0, 5) })),
    });
  }
  return evaluation;
}

/** A plain-text table of the evaluation and the top labels, for the terminal and the README. */
export function formatDiscoveryEvaluation(evaluation: DiscoveryEvaluation): string {
  const lines = ['| dataset | labels | system | items | clusters | NMI | ARI | NMI (assigned) | ARI (assigned) | coverage | seconds |', '|---|---|---|---|---|---|---|---|---|---|---|'];
  for (const row of evaluation.rows) {
    lines.push(`| ${row.dataset} | ${row.labelling} | ${row.system} | ${row.items} | ${row.clusters} | ${row.nmi.toFixed(3)} | ${row.ari.toFixed(3)} | ${row.nmiAssigned.toFixed(3)} | ${row.ariAssigned.toFixed(3)} | ${row.coverage.toFixed(3)} | ${row.seconds.toFixed(1)} |`);
  }
  for (const entry of evaluation.labels) {
    lines.push('', `Top themes, ${entry.dataset}:`);
    for (const theme of entry.themes) lines.push(`  ${String(theme.size).padStart(6)}  ${theme.label}  (${theme.keywords.join(', ')})`);
  }
  return `${lines.join('\n')}\n`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
