/**
 * Where the resident memory of an engine goes, and what onnxruntime session options change it.
 *
 *   node --expose-gc --import tsx bench/memory.ts [--comments 20000] [--batch-size 512]
 *        [--session '{"enableCpuMemArena":false}'] [--matrix] [--scorer rules|model|combined]
 *   (npm run bench:memory)
 *
 * One process loads the engine's components one by one in the engine's order (text, rule
 * lexicon, taxonomy + word vectors, signals, sentiment model, emotion model), with a full GC and
 * process.memoryUsage() after each, then builds the engine and analyzes --comments corpus comments
 * in batches of --batch-size, measuring again (ONNX arenas and tokenizer caches grow with use).
 * The step deltas include lazily-built tables in later steps. --session merges options into every
 * onnxruntime InferenceSession.create the engine makes (patched here, for trying options without
 * editing src/); --matrix runs one child process per option set and writes results/memory.json/md.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { formatNumber, machine, machineLine, writeResults, NODE_RUNTIME_FLAGS } from './lib.js';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';

const { values } = parseArgs({
  options: {
    comments: { type: 'string', default: '20000' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    session: { type: 'string', default: '{}' },
    scorer: { type: 'string', default: 'combined' },
    matrix: { type: 'boolean', default: false },
    out: { type: 'string', default: 'memory' },
  },
});

const MIB = 2 ** 20;
type Usage = { rss: number; heapUsed: number; external: number; arrayBuffers: number };

function usage(): Usage {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return { rss: memory.rss / MIB, heapUsed: memory.heapUsed / MIB, external: memory.external / MIB, arrayBuffers: memory.arrayBuffers / MIB };
}

/** One process: component-by-component deltas, then the engine under use. Prints one JSON line. */
async function probe(): Promise<void> {
  const override = JSON.parse(values.session) as ort.InferenceSession.SessionOptions;
  const create = ort.InferenceSession.create.bind(ort.InferenceSession) as (bytes: Uint8Array, options?: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
  (ort.InferenceSession as unknown as { create: typeof create }).create = (bytes, options) => create(bytes, { ...options, ...override });

  const { corpusTexts } = await import('./corpus.js');
  const texts = corpusTexts(Number(values.comments));
  const steps: { step: string; usage: Usage }[] = [{ step: 'node + imports + corpus', usage: usage() }];
  const mark = (step: string): void => {
    steps.push({ step, usage: usage() });
  };
  const { createTextProcessor } = await import('../dist/text/index.js');
  const processor = createTextProcessor();
  processor.process('warm the model: the box was crushed');
  mark('text processor (wink-nlp model, lemmatizer)');
  const { createRuleScorer } = await import('../dist/sentiment/index.js');
  const rules = createRuleScorer();
  await rules.scoreClauses([processor.process('great service, terrible app')]);
  mark('rule scorer (lexicon)');
  const { createThemeMatcher, defaultTaxonomy, defaultWordVectors } = await import('../dist/themes/index.js');
  const matcher = createThemeMatcher(defaultTaxonomy(), { embeddings: defaultWordVectors(), embeddingThreshold: 0.7, maxThemesPerComment: 8 });
  matcher.match(processor.process('late delivery'));
  mark('taxonomy + word vectors (models/embeddings) + theme matcher');
  const { createSignalDetector } = await import('../dist/signals/index.js');
  createSignalDetector()(processor.process('I will cancel'), [], []);
  mark('signal patterns');
  const { loadSentimentModel } = await import('../dist/model/sentiment-model.js');
  const sentiment = await loadSentimentModel();
  mark('sentiment model: sentence bag + sentence CNN (ONNX session, word table; the aspect part opens on the first target request)');
  const { loadEmotionModel } = await import('../dist/model/emotion-model.js');
  const emotion = await loadEmotionModel();
  mark('emotion model (ONNX session)');
  const batchSize = Number(values['batch-size']);
  let started = process.hrtime.bigint();
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    await sentiment.predict(batch);
    await emotion.predict(batch);
  }
  const modelSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  mark(`after both models scored ${texts.length} comments (batches of ${batchSize}: ONNX arenas, featurizer caches)`);

  const { createEngine } = await import('../dist/engine.js');
  const engine = await createEngine({ sentiment: { scorer: values.scorer as 'combined' } });
  mark('a full engine on top (its own copies of every component)');
  started = process.hrtime.bigint();
  for (let start = 0; start < texts.length; start += batchSize) {
    await engine.analyzeBatch(texts.slice(start, start + batchSize).map((text, index) => ({ id: start + index, text })));
  }
  const engineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  mark(`after the engine analyzed ${texts.length} comments`);
  const peak = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ session: override, steps, peakRssMiB: peak, modelSeconds, engineSeconds, comments: texts.length }) + '\n');
  await engine.close();
}

/** The option sets the matrix tries, each in a fresh process. */
const OPTION_SETS: Record<string, ort.InferenceSession.SessionOptions> = {
  'as shipped (bag models: arena and memory pattern off)': {},
  'arena + memory pattern on everywhere (before)': { enableCpuMemArena: true, enableMemPattern: true },
  'arena + memory pattern off everywhere (sequence model too)': { enableCpuMemArena: false, enableMemPattern: false },
  'arena + memory pattern off, graph basic': { enableCpuMemArena: false, enableMemPattern: false, graphOptimizationLevel: 'basic' },
};

async function matrix(): Promise<void> {
  const startMachine = machine();
  const script = fileURLToPath(import.meta.url);
  const rows: { name: string; result: { steps: { step: string; usage: Usage }[]; peakRssMiB: number; modelSeconds: number; engineSeconds: number; comments: number } }[] = [];
  for (const [name, options] of Object.entries(OPTION_SETS)) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', ...NODE_RUNTIME_FLAGS, '--import', 'tsx', script, '--comments', values.comments, '--batch-size', values['batch-size'], '--scorer', values.scorer, '--session', JSON.stringify(options)],
      { encoding: 'utf8', maxBuffer: 64 * MIB },
    );
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    rows.push({ name, result: JSON.parse(child.stdout.trim().split('\n').pop()!) });
    process.stderr.write(`${name}: done\n`);
  }
  const shipped = rows[0]!.result.steps;
  const mib = (value: number): string => formatNumber(value);
  const markdown = [
    '# Engine memory',
    '',
    `${new Date().toISOString()} · ${machineLine(startMachine)}.`,
    `Command: \`node --expose-gc --import tsx bench/memory.ts --matrix --comments ${values.comments} --batch-size ${values['batch-size']}\``,
    '',
    '## Where it goes (session options as shipped; after a full GC at each step)',
    '',
    '| step | RSS MiB | Δ RSS | heap used | external (native + buffers) | array buffers |',
    '|---|---:|---:|---:|---:|---:|',
    ...shipped.map((step, index) => {
      const delta = index === 0 ? step.usage.rss : step.usage.rss - shipped[index - 1]!.usage.rss;
      return `| ${step.step} | ${mib(step.usage.rss)} | ${index === 0 ? '' : '+'}${mib(delta)} | ${mib(step.usage.heapUsed)} | ${mib(step.usage.external)} | ${mib(step.usage.arrayBuffers)} |`;
    }),
    '',
    '## onnxruntime session options (each in a fresh process)',
    '',
    '| options | RSS after models loaded | RSS after models scored | RSS after engine analyzed | peak RSS | models s | engine s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ name, result }) => {
      const at = (prefix: string): number => result.steps.find((step) => step.step.startsWith(prefix))!.usage.rss;
      return `| ${name} | ${mib(at('emotion model'))} | ${mib(at('after both models'))} | ${mib(at('after the engine'))} | ${mib(result.peakRssMiB)} | ${result.modelSeconds.toFixed(2)} | ${result.engineSeconds.toFixed(2)} |`;
    }),
    '',
    `models s: both models over ${values.comments} comments; engine s: the engine (scorer ${values.scorer}) over them. One run each on a shared machine: timings are indicative.`,
    '',
  ].join('\n');
  writeResults(values.out, { benchmark: 'memory', date: new Date().toISOString(), machine: startMachine, comments: Number(values.comments), rows }, markdown);
}

await (values.matrix ? matrix() : probe());
