/**
 * `verbatim eval`: scores Verbatim beside vader-sentiment and AFINN on every dev set in the same
 * run (accuracy, macro-F1, aspect accuracy, emotion macro-F1, throughput), or on a user's own
 * labelled JSONL with --file.
 */
import type { Command } from 'commander';
import { resolveConfig } from '../config.js';
import { VerbatimError } from '../errors.js';
import { SENTIMENT_DATASET_NAMES, type SentimentDatasetName } from '../datasets/types.js';
import type { Engine } from '../engine.js';
import type { EmotionSystem, EvalSystem } from '../eval/index.js';
import { registerEvalDiscovery } from './discover.js';

interface EvalOptions {
  file?: string;
  out: string;
  datasets?: string;
  limit?: string;
  scorers: string;
  quiet?: boolean;
}

/** Adds the eval command to the program. */
export function registerEval(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('Evaluate Verbatim against vader-sentiment and AFINN on the dev sets (or on your own labelled JSONL).')
    .option('--file <file>', 'evaluate on your labelled JSONL instead: {"text", "label": positive|negative|neutral, "target"?}')
    .option('--out <file>', 'also write the report as JSON here', 'eval-report.json')
    .option('--datasets <names>', `comma-separated dev sets (default: all): ${SENTIMENT_DATASET_NAMES.join(', ')}`)
    .option('--limit <n>', 'at most n rows per dev set (a fixed-seed sample), for a quick run')
    .option('--scorers <names>', 'Verbatim scorers to evaluate, comma-separated: combined, model, rules', 'combined,rules')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', '\nExamples:\n  verbatim eval\n  verbatim eval --datasets sst2,mams --limit 300\n  verbatim eval --file my-labelled.jsonl --out my-report.json')
    .action(async (options: EvalOptions) => {
      await runEvalCommand(options);
    });
  registerEvalDiscovery(evalCommand);
}

async function runEvalCommand(options: EvalOptions): Promise<void> {
  const [{ createEngine }, { createBaselineSystems, evaluateFile, formatFileEvaluation, formatReport, runEvaluation, writeReportJson }, { engineSystem }, { sentimentModelAvailable }] =
    await Promise.all([import('../engine.js'), import('../eval/index.js'), import('../eval/engine-systems.js'), import('../engine-models.js')]);
  const systems: EvalSystem[] = [];
  const engines: Engine[] = [];
  for (const scorer of parseList(options.scorers, ['combined', 'model', 'rules'], '--scorers')) {
    if (scorer !== 'rules' && !sentimentModelAvailable()) {
      process.stderr.write(`verbatim eval: skipping scorer "${scorer}": no trained model in models/sentiment (npm run train)\n`);
      continue;
    }
    const engine = await createEngine(resolveConfig({ sentiment: { scorer: scorer as 'rules' }, emotions: { enabled: false } }));
    engines.push(engine);
    systems.push(engineSystem(`verbatim (${scorer})`, engine));
  }
  systems.push(...createBaselineSystems());

  if (options.file) {
    const evaluation = await evaluateFile(options.file, systems);
    process.stdout.write(formatFileEvaluation(evaluation));
    await writeReportJson(evaluation, options.out);
  } else {
    const datasets = options.datasets
      ? (parseList(options.datasets, SENTIMENT_DATASET_NAMES, '--datasets') as SentimentDatasetName[])
      : undefined;
    const limit = options.limit ? Number(options.limit) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
      throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: '--limit', detail: `expected a positive integer, found "${options.limit}"` });
    }
    const report = await runEvaluation({
      systems,
      datasets,
      limit,
      emotionSystem: await emotionSystem(engines),
      onProgress: options.quiet
        ? undefined
        : (progress) => {
            if (progress.done === progress.total) {
              process.stderr.write(`  ${progress.phase} ${progress.dataset}${progress.system ? ` ${progress.system}` : ''}: ${progress.total} rows\n`);
            }
          },
    });
    process.stdout.write(formatReport(report));
    await writeReportJson(report, options.out);
  }
  for (const engine of engines) await engine.close();
  if (!options.quiet) process.stderr.write(`report written to ${options.out}\n`);
}

/**
 * The emotions as the engine reports them: the emotion model's scores anchored in the clause
 * sentiment (src/emotion-anchor.ts), so the figure is the one users get. The engine goes into
 * `engines` to be closed with the others.
 */
async function emotionSystem(engines: Engine[]): Promise<EmotionSystem | undefined> {
  const [{ emotionModelAvailable, sentimentModelAvailable }, { CX_EMOTIONS, EMOTION_LABEL_MAP }, { createEngine }] = await Promise.all([
    import('../engine-models.js'),
    import('../model/emotion-model.js'),
    import('../engine.js'),
  ]);
  if (!emotionModelAvailable()) return undefined;
  const engine = await createEngine(resolveConfig({ sentiment: { scorer: sentimentModelAvailable() ? 'combined' : 'rules' } }));
  engines.push(engine);
  return {
    name: 'verbatim emotions',
    labels: CX_EMOTIONS,
    goldLabelMap: EMOTION_LABEL_MAP,
    predict: async (texts) =>
      (await engine.analyzeBatch(texts.map((text) => ({ text })))).map((line) => ('error' in line ? [] : (line.emotions ?? []).map((emotion) => emotion.label))),
  };
}

function parseList(value: string, allowed: readonly string[], flag: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item)) {
      throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: flag, detail: `unknown "${item}"; expected one of ${allowed.join(', ')}` });
    }
  }
  return items;
}
