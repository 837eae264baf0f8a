/**
 * `verbatim discover FILE`: finds the themes of a corpus (JSONL or CSV, as for analyze) and writes
 * one JSON object { themes, assignments, coverage }; --as-taxonomy also writes a taxonomy file
 * that `verbatim analyze --taxonomy` accepts. Bad input lines are skipped, counted and reported
 * with their codes; they appear in the assignments as "unassigned".
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_MAX_TEXT_LENGTH } from '../config.js';
import { VerbatimError } from '../errors.js';
import { detectInputFormat, openInput, readRecords } from '../io/read-input.js';
import type { DiscoveryInput } from '../discovery/index.js';
import { DEFAULT_MAX_THEMES, DEFAULT_SAMPLE_SIZE } from '../discovery/defaults.js';
import { EMBEDDING_METHODS, type EmbeddingMethod } from '../discovery/embedders.js';
import { EXIT_OK, EXIT_RECORD_ERRORS } from './exit-codes.js';

export interface DiscoverOptions {
  out?: string;
  minThemeSize?: string;
  maxThemes: string;
  taxonomy?: string;
  seed: string;
  textField: string;
  idField: string;
  inputFormat?: string;
  asTaxonomy?: string;
  sampleSize: string;
  embedding: string;
  sentiment: boolean;
  /** --english-only: no language detection. */
  englishOnly?: boolean;
  quiet?: boolean;
}

/** Shown first failures in the summary. */
const MAX_FAILURE_EXAMPLES = 10;

/** Adds the discover command to the program. */
export function registerDiscover(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('discover')
    .description('Discover the themes of a corpus: labelled clusters with keywords, sentiment, stage, hierarchy and one assignment per record.')
    .argument('<file>', 'input file (.jsonl or .csv); "-" reads stdin')
    .option('-o, --out <file>', 'write the themes JSON here instead of stdout')
    .option('--min-theme-size <n>', 'smallest theme kept (default: 0.2% of the records, at least 3)')
    .option('--max-themes <n>', 'most themes', String(DEFAULT_MAX_THEMES))
    .option('--taxonomy <file>', 'report each theme\'s nearest theme of this taxonomy ("new" when none is close)')
    .option('--seed <n>', 'random seed: the same input and seed give the same themes', '1')
    .option('--text-field <name>', 'field holding the comment text', 'text')
    .option('--id-field <name>', 'field holding the record id; a record without one gets its 1-based line number', 'id')
    .option('--input-format <format>', 'input format: jsonl or csv (default: from the file extension)')
    .option('--as-taxonomy <file>', 'also write the themes as a taxonomy file for verbatim analyze --taxonomy')
    .option('--sample-size <n>', 'records the clustering is fitted on; the rest are assigned to it', String(DEFAULT_SAMPLE_SIZE))
    .option('--embedding <method>', `comment embedding: ${EMBEDDING_METHODS.join(', ')}`, 'hybrid')
    .option('--no-sentiment', 'skip the per-theme sentiment and engine stage (faster)')
    .option('--english-only', 'read every comment as English: no language detection, foreign words clustered as they are')
    .option('-q, --quiet', 'no progress or summary on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  verbatim discover comments.jsonl --out themes.json\n  verbatim discover reviews.csv --text-field "Review Text" --max-themes 30 --as-taxonomy my-taxonomy.json\n  verbatim analyze comments.jsonl --taxonomy my-taxonomy.json\n\nExit code: 0 when every record was read, 1 when some lines were bad (skipped, see the summary), 2 on a usage or fatal error.',
    )
    .action(async (file: string, options: DiscoverOptions) => {
      const failed = await runDiscover(file, options);
      setExitCode(failed > 0 ? EXIT_RECORD_ERRORS : EXIT_OK);
    });
}

/** Runs the command; resolves to the number of bad input lines. */
export async function runDiscover(file: string, options: DiscoverOptions): Promise<number> {
  const log = (text: string) => {
    if (!options.quiet) process.stderr.write(`${text}\n`);
  };
  if (!(EMBEDDING_METHODS as readonly string[]).includes(options.embedding)) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: '--embedding', detail: `expected one of ${EMBEDDING_METHODS.join(', ')}, found "${options.embedding}"` });
  }
  const [{ loadTaxonomy }, { discoverThemes, toTaxonomy }] = await Promise.all([import('../themes/taxonomy.js'), import('../discovery/index.js')]);
  const taxonomy = options.taxonomy ? loadTaxonomy(options.taxonomy) : null;
  const input = await openInput(file);
  const records = readRecords(input, {
    format: detectInputFormat(file === '-' ? null : file, options.inputFormat),
    textField: options.textField,
    idField: options.idField,
    maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
  });
  const failures = new Map<string, number>();
  const examples: string[] = [];
  async function* inputs(): AsyncGenerator<DiscoveryInput> {
    for await (const parsed of records) {
      if (parsed.ok) {
        yield { id: parsed.record.id, text: parsed.record.text };
        continue;
      }
      const { failure } = parsed;
      failures.set(failure.error.code, (failures.get(failure.error.code) ?? 0) + 1);
      if (examples.length < MAX_FAILURE_EXAMPLES) examples.push(`  line ${failure.line}: ${failure.error.code}: ${failure.error.message}`);
      yield { id: failure.id ?? failure.line, text: null };
    }
  }
  const started = performance.now();
  const result = await discoverThemes(inputs(), {
    seed: parseInteger(options.seed, '--seed', 0),
    maxThemes: parseInteger(options.maxThemes, '--max-themes', 1),
    sampleSize: parseInteger(options.sampleSize, '--sample-size', 1),
    embedding: options.embedding as EmbeddingMethod,
    taxonomy,
    annotate: options.sentiment,
    detectLanguages: !options.englishOnly,
    ...(options.minThemeSize !== undefined ? { minThemeSize: parseInteger(options.minThemeSize, '--min-theme-size', 1) } : {}),
    onProgress: ({ stage, records: count }) => log(`verbatim discover: ${stage}: ${count.toLocaleString('en-US')} records, ${((performance.now() - started) / 1000).toFixed(1)} s`),
  });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.out) await writeFile(options.out, json);
  else process.stdout.write(json);
  if (options.asTaxonomy) await writeFile(options.asTaxonomy, `${JSON.stringify(toTaxonomy(result), null, 2)}\n`);
  const failed = [...failures.values()].reduce((sum, count) => sum + count, 0);
  const parents = result.themes.filter((theme) => theme.parent === null).length;
  let summary = `verbatim discover: ${result.assignments.length} records, ${result.themes.length} themes under ${parents} top-level themes, coverage ${(result.coverage * 100).toFixed(1)}%, ${failed} bad lines skipped, ${((performance.now() - started) / 1000).toFixed(1)} s\n`;
  for (const [code, count] of failures) summary += `  ${code}: ${count}\n`;
  if (examples.length) summary += `first bad lines:\n${examples.join('\n')}\n`;
  if (!options.quiet) process.stderr.write(summary);
  return failed;
}

function parseInteger(value: string, flag: string, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: flag, detail: `expected an integer >= ${minimum}, found "${value}"` });
  }
  return number;
}

interface EvalDiscoveryOptions {
  seed: string;
  sample?: string;
  maxThemes?: string;
  json?: string;
}

/**
 * Adds `verbatim eval discovery` under the eval command: agreement (NMI, ARI) of discovered
 * themes with human categories beside a TF-IDF + k-means baseline. Option names differ from the
 * eval command's own (--out, --limit) because commander lets a parent claim its options anywhere.
 */
export function registerEvalDiscovery(evalCommand: Command): void {
  evalCommand
    .command('discovery')
    .description('Score theme discovery against clothing Department/Class and SemEval-2014 aspect categories, beside TF-IDF + k-means.')
    .option('--seed <n>', 'random seed', '1')
    .option('--sample <n>', 'at most n texts per data set (a seeded sample), for a quick run')
    .option('--max-themes <n>', 'most themes (default: as discover)')
    .option('--json <file>', 'also write the report as JSON here')
    .action(async (options: EvalDiscoveryOptions) => {
      const { runDiscoveryEvaluation, formatDiscoveryEvaluation } = await import('../discovery/evaluate.js');
      const report = await runDiscoveryEvaluation({
        seed: parseInteger(options.seed, '--seed', 0),
        ...(options.sample !== undefined ? { limit: parseInteger(options.sample, '--sample', 1) } : {}),
        ...(options.maxThemes !== undefined ? { maxThemes: parseInteger(options.maxThemes, '--max-themes', 1) } : {}),
        onProgress: (message) => process.stderr.write(`verbatim eval discovery: ${message}\n`),
      });
      process.stdout.write(formatDiscoveryEvaluation(report));
      if (options.json) await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    });
}
