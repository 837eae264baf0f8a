/**
 * Precision and recall of theme assignment on hand-labelled comments, with and without word
 * vectors: the paraphrase set the seeds were first tuned on (test/themes/fixtures/theme-cases.jsonl),
 * the blind-written development sets (data/dev/themes-dev.jsonl and themes-dev2.jsonl, see data/dev/README.md) and, with
 * --holdout, the held-out set (test/themes/fixtures/theme-cases-holdout.jsonl: look at its score
 * once per change, never tune on it). --file F scores any file of {"text", "themes": [...]} lines.
 *
 * "strict" counts a predicted theme as right only when it is one of the expected ids; "family"
 * also accepts an ancestor or descendant of an expected theme (e.g. delivery for delivery-speed).
 *
 * Run: npx tsx scripts/check-themes.ts [--file F] [--holdout] [--threshold T] [--mode max-seed|centroid] [--sweep] [--verbose]
 * (--threshold defaults to the engine's config, themes.embeddingThreshold)
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { TextDocument } from '../src/text/document.js';
import { defaultTaxonomy, type Taxonomy } from '../src/themes/taxonomy.js';
import { loadWordVectors, type WordVectors } from '../src/themes/embeddings.js';
import { createThemeMatcher } from '../src/themes/matcher.js';
import { resolveConfig } from '../src/config.js';
import type { SimilarityMode } from '../src/themes/embedding-assigner.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES_FILE = path.join(ROOT, 'test/themes/fixtures/theme-cases.jsonl');
/** Written after the seeds were tuned on CASES_FILE and never tuned on: the honest number. */
const HOLDOUT_FILE = path.join(ROOT, 'test/themes/fixtures/theme-cases-holdout.jsonl');
/** Written blind to the taxonomy's terms (data/dev/README.md): the sets to tune and study errors on. */
const DEV_FILES = ['data/dev/themes-dev.jsonl', 'data/dev/themes-dev2.jsonl'].map((file) => path.join(ROOT, file));

interface ThemeCase {
  text: string;
  themes: string[];
}

interface Score {
  precision: number;
  recall: number;
  f1: number;
  familyPrecision: number;
  familyRecall: number;
  mistakes: string[];
}

async function documentBuilder(): Promise<(text: string) => TextDocument> {
  if (existsSync(path.join(ROOT, 'src/text/index.ts'))) {
    const text = (await import('../src/text/index.js')) as {
      createTextProcessor: () => { process: (input: string) => TextDocument };
    };
    const processor = text.createTextProcessor();
    console.log('documents: src/text (the real text processor)');
    return (input) => processor.process(input);
  }
  const helper = await import('../test/themes/make-document.js');
  console.log('documents: test/themes/make-document.ts (the text stage is not there yet)');
  return helper.makeDocument;
}

function family(taxonomy: Taxonomy): (a: string, b: string) => boolean {
  const parentOf = new Map(taxonomy.themes.map((theme) => [theme.id, theme.parent]));
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let parent = parentOf.get(id); parent !== undefined; parent = parentOf.get(parent)) chain.push(parent);
    return chain;
  };
  return (a, b) => a === b || ancestors(a).includes(b) || ancestors(b).includes(a);
}

function evaluate(
  taxonomy: Taxonomy,
  cases: ThemeCase[],
  documents: TextDocument[],
  embeddings: WordVectors | null,
  threshold: number,
  mode: SimilarityMode,
): Score {
  const matcher = createThemeMatcher(taxonomy, {
    embeddings,
    embeddingThreshold: threshold,
    maxThemesPerComment: 8,
    similarityMode: mode,
  });
  const related = family(taxonomy);
  let truePositives = 0;
  let predicted = 0;
  let expected = 0;
  let familyPredictedRight = 0;
  let familyExpectedFound = 0;
  const mistakes: string[] = [];
  cases.forEach((themeCase, index) => {
    const hits = matcher.match(documents[index]!);
    const got = hits.map((hit) => hit.themeId);
    predicted += got.length;
    expected += themeCase.themes.length;
    truePositives += got.filter((id) => themeCase.themes.includes(id)).length;
    familyPredictedRight += got.filter((id) => themeCase.themes.some((want) => related(id, want))).length;
    familyExpectedFound += themeCase.themes.filter((want) => got.some((id) => related(id, want))).length;
    const missing = themeCase.themes.filter((id) => !got.includes(id));
    const extra = hits.filter((hit) => !themeCase.themes.includes(hit.themeId));
    if (missing.length > 0 || extra.length > 0) {
      const extraText = extra.map((hit) => {
        const words = hit.evidence.map((span) => themeCase.text.slice(span.start, span.end)).join('|');
        return `${hit.themeId}(${hit.method}: "${words}" ~ ${hit.matchedTerms.join('|')})`;
      });
      mistakes.push(`${themeCase.text}\n    missing: ${missing.join(', ') || '-'}   extra: ${extraText.join(', ') || '-'}`);
    }
  });
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = expected === 0 ? 1 : truePositives / expected;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    familyPrecision: predicted === 0 ? 1 : familyPredictedRight / predicted,
    familyRecall: expected === 0 ? 1 : familyExpectedFound / expected,
    mistakes,
  };
}

function format(label: string, score: Score): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  return (
    `${label.padEnd(34)} strict P ${percent(score.precision)}  R ${percent(score.recall)}  F1 ${percent(score.f1)}` +
    `   family P ${percent(score.familyPrecision)}  R ${percent(score.familyRecall)}`
  );
}

function readCases(file: string): ThemeCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ThemeCase);
}

async function main(): Promise<void> {
  const argument = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const threshold = Number(argument('--threshold') ?? resolveConfig().themes.embeddingThreshold);
  const mode = (argument('--mode') ?? 'centroid') as SimilarityMode;
  const verbose = process.argv.includes('--verbose');
  const taxonomy = defaultTaxonomy();
  const build = await documentBuilder();
  const vectors = loadWordVectors();
  const chosen = argument('--file');
  const files = chosen ? [path.resolve(chosen)] : [CASES_FILE, ...DEV_FILES.filter((file) => existsSync(file))];
  if (process.argv.includes('--holdout')) files.push(HOLDOUT_FILE);
  for (const file of files) {
    const cases = readCases(file);
    const documents = cases.map((themeCase) => build(themeCase.text));
    const expectedCount = cases.reduce((sum, item) => sum + item.themes.length, 0);
    console.log(`\n${path.relative(ROOT, file)}: ${cases.length} cases, ${expectedCount} expected themes`);
    const without = evaluate(taxonomy, cases, documents, null, threshold, mode);
    console.log(format('seed terms only', without));
    const withVectors = evaluate(taxonomy, cases, documents, vectors, threshold, mode);
    console.log(format(`+ word vectors (${mode}, ${threshold})`, withVectors));
    if (process.argv.includes('--sweep')) {
      for (const sweepMode of ['max-seed', 'centroid'] as const) {
        for (let value = 0.5; value <= 0.801; value += 0.05) {
          const score = evaluate(taxonomy, cases, documents, vectors, Number(value.toFixed(2)), sweepMode);
          console.log(format(`  ${sweepMode} ${value.toFixed(2)}`, score));
        }
      }
    }
    if (verbose) {
      console.log('mistakes with word vectors:');
      for (const mistake of withVectors.mistakes) console.log(`  ${mistake}`);
    }
  }
}

await main();
