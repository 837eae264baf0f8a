/**
 * Per-stage and whole-pipeline throughput on one core, with vader-sentiment (JS port) and AFINN
 * (`sentiment` package) run in the same process on the same texts as baselines.
 *
 *   npx tsx bench/stages.ts [--size 10000] [--runs 5] [--batch-size 512] [--seed N] [--only NAMES]
 *   (npm run bench:stages builds dist/ first; run with node --expose-gc for a clean heap per run)
 *
 * Every system is timed on the whole corpus, interleaved round by round (so a load spike from
 * another process hits all of them alike), after one warm-up pass over the whole corpus. Each
 * stage is timed on the previous stages' outputs, computed untimed beforehand; the stages import
 * the compiled code in dist/ through the same functions the engine composes (src/engine.ts,
 * src/assemble.ts). The whole pipeline is engine.analyzeBatch in batches of --batch-size.
 * tokens/s counts whitespace-separated tokens, the same count for every system.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import vader from 'vader-sentiment';
import Sentiment from 'sentiment';
import { createEngine } from '../dist/engine.js';
import { resolveConfig } from '../dist/config.js';
import { createTokenizer } from '../dist/text/tokenize.js';
import { splitSentences } from '../dist/text/sentences.js';
import { splitClauses } from '../dist/text/clauses.js';
import { markShouting } from '../dist/text/shouting.js';
import { createTextProcessor } from '../dist/text/index.js';
import type { TextDocument, Token } from '../dist/text/document.js';
import { createRuleScorer } from '../dist/sentiment/index.js';
import { aggregateClauses, aggregateSpans } from '../dist/sentiment/aggregate.js';
import type { ClauseScore } from '../dist/sentiment/types.js';
import { loadSentimentModel } from '../dist/model/sentiment-model.js';
import { createModelScorer } from '../dist/model/model-scorer.js';
import { loadEmotionModel } from '../dist/model/emotion-model.js';
import { documentModelWords } from '../dist/model/doc-tokens.js';
import { createThemeMatcher, defaultTaxonomy, defaultWordVectors, type ThemeHit } from '../dist/themes/index.js';
import { aggregateStages, type WeightedThemeResult } from '../dist/journey/index.js';
import { createSignalDetector } from '../dist/signals/index.js';
import { corpusTexts, describeTexts, CORPUS_SEED } from './corpus.js';
import { ROOT, compiledBenchScript, countTokens, execArgvWithoutTsx, formatNumber, machine, machineLine, summarize, writeResults } from './lib.js';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    seed: { type: 'string', default: String(CORPUS_SEED) },
    only: { type: 'string', default: '' },
    out: { type: 'string', default: 'stages' },
    // Internal: time only the whole pipelines and the baselines, print their rows as JSON.
    pipelines: { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const batchSize = Number(values['batch-size']);
const only = values.only ? new Set(values.only.split(',')) : null;

/** One timed system: `run` processes the whole corpus; `kind` groups the rows of the table. */
interface System {
  name: string;
  kind: 'stage' | 'pipeline' | 'baseline';
  key: string;
  note?: string;
  run: () => unknown;
}

/** One row of the results: a system's timings over the runs. */
interface SystemRow {
  key: string;
  name: string;
  kind: System['kind'];
  note: string | null;
  runsSeconds: number[];
  medianSeconds: number;
  commentsPerSecond: number;
  commentsPerSecondMin: number;
  commentsPerSecondMax: number;
  tokensPerSecond: number;
  microsecondsPerComment: number;
  timesVader: number;
}

const startMachine = machine();
const texts = corpusTexts(size, Number(values.seed));
const tokensInCorpus = countTokens(texts);
const gc = (globalThis as { gc?: () => void }).gc;

// The whole pipelines run in a child process of their own (see stageSystems); this one gets their rows.
const { rows: pipelineRows, command: pipelinesCommand } = values.pipelines ? { rows: [], command: '' } : measurePipelinesInChild();
const engineDefault = values.pipelines ? await createEngine(resolveConfig({})) : null;
const engineRules = values.pipelines ? await createEngine(resolveConfig({ sentiment: { scorer: 'rules' }, emotions: { enabled: false } })) : null;
const afinn = new Sentiment();

async function analyzeAll(engine: Awaited<ReturnType<typeof createEngine>> | null): Promise<void> {
  if (engine === null) throw new Error('the engines exist only in the --pipelines process');
  for (let start = 0; start < texts.length; start += batchSize) {
    const records = texts.slice(start, start + batchSize).map((text, offset) => ({ id: start + offset, text }));
    await engine.analyzeBatch(records);
  }
}

let sink = 0;
/**
 * Runs this script with --pipelines in a fresh process (same flags and corpus, but plain node on
 * the compiled script: the product never runs under tsx, see compiledBenchScript) and returns its
 * rows and the command that ran it (recorded in the results).
 */
function measurePipelinesInChild(): { rows: SystemRow[]; command: string } {
  const script = compiledBenchScript('stages');
  const args = [...execArgvWithoutTsx(), script, '--pipelines', '--size', String(size), '--runs', String(runs), '--batch-size', String(batchSize), '--seed', String(values.seed)];
  if (values.only) args.push('--only', values.only);
  const command = `node ${args.map((arg) => (arg === script ? path.relative(ROOT, script) : arg)).join(' ')}`;
  process.stderr.write(`whole pipelines: own process (${command})\n`);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`the --pipelines process exited with ${String(child.status)}`);
  return { rows: JSON.parse(child.stdout.trim().split('\n').pop()!), command };
}

/**
 * The per-stage systems, with their untimed inputs (each stage's input is the output of the
 * stages before it). Built only in the stage process: holding these fixtures (10k documents,
 * tokens, scores) in the heap made every major GC of the whole pipeline slower, so the whole
 * pipelines are timed in a process of their own (--pipelines).
 */
async function stageSystems(): Promise<System[]> {
  // Untimed inputs of each stage: the outputs of the stages before it.
  const processor = createTextProcessor();
  const docs: TextDocument[] = texts.map((text) => processor.process(text));
  const rules = createRuleScorer();
  const ruleScores: ClauseScore[][] = await rules.scoreClauses(docs);
  const taxonomy = defaultTaxonomy();
  const themeById = new Map(taxonomy.themes.map((theme) => [theme.id, theme]));
  const defaults = resolveConfig({});
  const themes = createThemeMatcher(taxonomy, {
    embeddings: defaults.themes.useEmbeddings ? defaultWordVectors() : null,
    embeddingThreshold: defaults.themes.embeddingThreshold,
    maxThemesPerComment: defaults.themes.maxThemesPerComment,
  });
  const hits: ThemeHit[][] = docs.map((doc) => themes.match(doc));
  const signals = createSignalDetector();
  const sentimentModel = createModelScorer(await loadSentimentModel());
  const emotionModel = await loadEmotionModel();
  // As the engine's emotion tagger reads them (src/engine-models.ts); the model stage scores copies,
  // which do not carry these scans.
  const docWords = docs.map(documentModelWords);
  const tokensOf: Token[][] = [];
  const tokenizer = createTokenizer();
  for (const text of texts) tokensOf.push(tokenizer.tokenize(text));
  return [
    {
      key: 'tokenize',
      name: 'normalize + tokenize',
      kind: 'stage',
      note: 'createTokenizer().tokenize (wink-nlp behind the chunk cache, warm after the warm-up pass)',
      run: () => {
        for (const text of texts) sink += tokenizer.tokenize(text).length;
      },
    },
    {
      key: 'segment',
      name: 'sentences + clauses',
      kind: 'stage',
      note: 'splitSentences, splitClauses, markShouting on the tokens',
      run: () => {
        for (let index = 0; index < texts.length; index += 1) {
          // markShouting only flags tokens; copies keep the prepared tokens untouched between runs.
          const tokens = tokensOf[index]!.map((token) => ({ ...token }));
          const sentences = splitSentences(texts[index]!, tokens);
          const clauses = splitClauses(texts[index]!, tokens, sentences);
          markShouting(tokens, clauses);
          sink += clauses.length;
        }
      },
    },
    {
      key: 'rules',
      name: 'rule sentiment',
      kind: 'stage',
      note: 'createRuleScorer().scoreClauses(docs)',
      run: async () => {
        for (let start = 0; start < docs.length; start += batchSize) sink += (await rules.scoreClauses(docs.slice(start, start + batchSize))).length;
      },
    },
    {
      key: 'model',
      name: 'model sentiment',
      kind: 'stage',
      note: 'createModelScorer(loadSentimentModel()).scoreClauses(docs): the model-token scan, the bag in JS on every clause, the CNN in onnxruntime on the clauses the bag is unsure of',
      run: async () => {
        // Shallow copies: the model-token scan is kept on a document (src/model/doc-tokens.ts), and
        // these documents live across runs, so every run after the first would skip it.
        for (let start = 0; start < docs.length; start += batchSize) {
          sink += (await sentimentModel.scoreClauses(docs.slice(start, start + batchSize).map((doc) => ({ ...doc })))).length;
        }
      },
    },
    {
      key: 'emotions',
      name: 'emotions',
      kind: 'stage',
      note: "loadEmotionModel().predictWords on each comment's model words: the folded bag in JS, one row per comment (the engine shares the model-token scan with the sentence model, so it is counted once, in the model stage)",
      run: async () => {
        for (let start = 0; start < docWords.length; start += batchSize) sink += (await emotionModel.predictWords(docWords.slice(start, start + batchSize))).length;
      },
    },
    {
      key: 'themes',
      name: 'themes',
      kind: 'stage',
      note: 'createThemeMatcher(default taxonomy, word vectors).match(doc)',
      run: () => {
        for (const doc of docs) sink += themes.match(doc).length;
      },
    },
    {
      key: 'journey-signals',
      name: 'journey + signals',
      kind: 'stage',
      note: 'theme sentiment + aggregateStages (as src/assemble.ts does) and createSignalDetector()(doc, scores, hits), rule clause scores',
      run: () => {
        const options = defaults.sentiment;
        for (let index = 0; index < docs.length; index += 1) {
          const doc = docs[index]!;
          const scores = ruleScores[index]!;
          const weighted: WeightedThemeResult[] = hits[index]!.map((hit) => {
            const theme = themeById.get(hit.themeId)!;
            const sentiment = aggregateClauses(doc.clauses, scores, hit.clauses, options);
            return { id: theme.id, label: theme.label, stage: theme.stage, sentiment, evidence: hit.evidence, strength: hit.strength };
          });
          if (weighted.length > 0) {
            sink += aggregateStages(weighted, (list) =>
              aggregateSpans(list.map(({ sentiment, weight }) => ({ score: { score: sentiment.score, confidence: sentiment.confidence, evidence: [] }, weight })), options),
            ).length;
          }
          sink += signals(doc, scores, hits[index]!).churnRisk;
        }
      },
    },
  ];
}

const systems: System[] = [
  {
    key: 'pipeline-default',
    name: 'whole pipeline, default config (combined scorer, emotions on)',
    kind: 'pipeline',
    note: `engine.analyzeBatch, batches of ${batchSize}`,
    run: () => analyzeAll(engineDefault),
  },
  {
    key: 'pipeline-rules',
    name: 'whole pipeline, rules only (emotions off)',
    kind: 'pipeline',
    note: `engine.analyzeBatch, batches of ${batchSize}`,
    run: () => analyzeAll(engineRules),
  },
  {
    key: 'vader',
    name: 'vader-sentiment polarity_scores (baseline)',
    kind: 'baseline',
    run: () => {
      for (const text of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
    },
  },
  {
    key: 'afinn',
    name: 'AFINN, sentiment package analyze (baseline)',
    kind: 'baseline',
    run: () => {
      for (const text of texts) sink += afinn.analyze(text).score;
    },
  },
];
if (!values.pipelines) systems.unshift(...(await stageSystems()));
const selected = systems.filter(
  (system) => (values.pipelines ? system.kind !== 'stage' : system.kind !== 'pipeline') && (only === null || only.has(system.key) || system.key === 'vader'),
);
systems.length = 0;
systems.push(...selected);

for (const system of systems) await system.run();
const seconds = systems.map(() => [] as number[]);
for (let round = 0; round < runs; round += 1) {
  for (const [index, system] of systems.entries()) {
    gc?.();
    const started = process.hrtime.bigint();
    await system.run();
    seconds[index]!.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  process.stderr.write(`round ${round + 1}/${runs} done\n`);
}
await engineDefault?.close();
await engineRules?.close();

const vaderIndex = systems.findIndex((system) => system.key === 'vader');
const rows: SystemRow[] = systems.map((system, index) => {
  const time = summarize(seconds[index]!);
  // Per round, the speed relative to vader timed in the same round: survives a busy machine better.
  const ratios = seconds[index]!.map((run, round) => seconds[vaderIndex]![round]! / run);
  return {
    key: system.key,
    name: system.name,
    kind: system.kind,
    note: system.note ?? null,
    runsSeconds: seconds[index]!.map((run) => Number(run.toFixed(4))),
    medianSeconds: time.median,
    commentsPerSecond: size / time.median,
    commentsPerSecondMin: size / time.max,
    commentsPerSecondMax: size / time.min,
    tokensPerSecond: tokensInCorpus / time.median,
    microsecondsPerComment: (1e6 * time.median) / size,
    timesVader: summarize(ratios).median,
  };
});
if (values.pipelines) {
  process.stdout.write(`${JSON.stringify(rows.map((row) => ({ ...row, process: 'pipelines' })))}\n`);
  process.exit(0);
}
const stageMicroseconds = rows.filter((row) => row.kind === 'stage').reduce((sum, row) => sum + row.microsecondsPerComment, 0);
const endMachine = machine();
const result = {
  benchmark: 'stages',
  date: new Date().toISOString(),
  command: `npx tsx bench/stages.ts --size ${size} --runs ${runs} --batch-size ${batchSize}`,
  pipelinesCommand,
  machine: startMachine,
  loadAverageAtEnd: endMachine.loadAverage,
  exposeGc: Boolean(gc),
  corpus: { seed: Number(values.seed), ...describeTexts(texts) },
  runs,
  batchSize,
  systems: [...pipelineRows, ...rows.map((row) => ({ ...row, process: 'stages' }))],
  sumOfStagesMicrosecondsPerComment: stageMicroseconds,
  checksum: sink,
};

const line = (row: SystemRow): string =>
  `| ${row.name} | ${formatNumber(row.commentsPerSecond)} | ${formatNumber(row.commentsPerSecondMin)} – ${formatNumber(row.commentsPerSecondMax)} | ${formatNumber(row.tokensPerSecond)} | ${row.microsecondsPerComment.toFixed(1)} | ${row.timesVader.toFixed(2)}x |`;
const header = ['| system | comments/s (median) | min – max | tokens/s | µs/comment | × vader (median of per-round ratios) |', '|---|---:|---:|---:|---:|---:|'];
const whole = pipelineRows.find((row) => row.key === 'pipeline-default');
const markdown = [
  '# Whole pipeline and stages, one core',
  '',
  `${result.date} · ${machineLine(startMachine)}; load at end ${(endMachine.loadAverage as number[]).join(' / ')}.`,
  `Corpus: ${formatNumber(size)} comments from bench/corpus.ts (seed ${values.seed}): mean ${result.corpus.meanCharacters} characters, median ${result.corpus.medianCharacters}, p90 ${result.corpus.p90Characters}; ${formatNumber(tokensInCorpus)} whitespace tokens. ${runs} runs after a warm-up pass, interleaved; ${gc ? 'GC before every run' : 'no --expose-gc'}.`,
  '',
  `Command: \`${result.command}\``,
  '',
  '## Whole pipeline (a process of its own: the pipelines and the baselines, nothing else in the heap)',
  '',
  `Plain node on the compiled script, as the product runs (\`${pipelinesCommand}\`): under tsx's loader the same compiled pipeline ran slower (session 13, five alternated pairs: × vader median 3.61 under tsx, 4.02 plain).`,
  '',
  ...header,
  ...pipelineRows.map(line),
  '',
  whole
    ? `Bar: whole analysis >= 3x vader on one core (aim 10x). Default config: ${whole.timesVader.toFixed(2)}x — ${whole.timesVader >= 3 ? 'MET' : 'NOT MET'}.`
    : '',
  '',
  '## Stages (a second process, holding every stage\'s precomputed inputs; vader timed again there for the ratios)',
  '',
  ...header,
  ...rows.map(line),
  '',
  `Sum of the stages: ${stageMicroseconds.toFixed(1)} µs/comment (the default pipeline runs rules + model (combined scorer) + emotions + the rest; the rules-only pipeline skips model sentiment and emotions). Stage timings run with 10k precomputed documents and scores alive in the heap, which makes garbage collection dearer than in the pipeline's own process (measured: the same pipeline ran 10-30 % slower beside such fixtures), so the sum overstates the pipeline; compare stages with each other.`,
  '',
  'Stage entry points:',
  ...[...pipelineRows, ...rows].filter((row) => row.note).map((row) => `- ${row.name}: ${row.note}`),
  '',
].join('\n');
writeResults(values.out, result, markdown);
