/**
 * `verbatim tag INPUT --out OUTPUT`: tags a JSONL or CSV file of any size on all cores, in input
 * order, resumable after a crash (--resume), optionally ingesting into the store (--db).
 * The work itself is src/batch/run-tag.ts; this file parses options and prints the summary.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { resolveConfig } from '../config.js';
import { VerbatimError } from '../errors.js';
import { detectInputFormat } from '../io/read-input.js';
import { parseOutputFormat } from '../io/write-output.js';
import type { TagSummary } from '../batch/run-tag.js';
import { addAnalysisOptions, configFromOptions, parsePositiveInteger, type AnalysisOptions } from './analysis-options.js';
import { EXIT_OK, EXIT_RECORD_ERRORS } from './exit-codes.js';

export interface TagOptions extends AnalysisOptions {
  out?: string;
  format?: string;
  workers?: string;
  db?: string;
  resume?: boolean;
}

/** Adds the tag command to the program. */
export function registerTag(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('tag')
    .description('Tag a large JSONL or CSV file on all cores, in input order, resumable after a crash.')
    .argument('<input>', 'input file (.jsonl or .csv)')
    .option('-o, --out <file>', 'output file (JSONL results or flattened CSV)')
    .option('-f, --format <format>', 'output format: jsonl or csv (default: from the --out extension, else jsonl)')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--db <location>', 'also ingest into this store: SQLite file or postgres:// URL (records need a "date" field)')
    .option('--resume', 'continue from OUTPUT.checkpoint.json after a crash or kill');
  addAnalysisOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'Files written next to the output (or next to the --db file when there is no --out):',
        '  OUTPUT.errors.jsonl      one line per failed row: {"line", "id", "code", "message"}',
        '  OUTPUT.checkpoint.json   rows fully written and file lengths, for --resume',
        'Failed rows also keep their place in the output as an error line, as in `verbatim analyze`.',
        'With --db, a row without a valid "date" field is not stored; it fails with VERBATIM_E_INVALID_FEEDBACK.',
        '',
        'Examples:',
        '  verbatim tag comments.jsonl --out tagged.jsonl',
        '  verbatim tag survey.csv --out tagged.csv --workers 2',
        '  verbatim tag comments.jsonl --out tagged.jsonl --resume   # after a crash or kill -9',
        '  verbatim tag comments.jsonl --db data/verbatim.db',
        '',
        'Exit code: 0 when every row was tagged, 1 when some rows failed, 2 on a usage or fatal error.',
      ].join('\n'),
    )
    .action(async (input: string, options: TagOptions) => {
      const summary = await runTagCommand(input, options);
      setExitCode(summary.failed > 0 ? EXIT_RECORD_ERRORS : EXIT_OK);
    });
}

/** Validates the options, runs the job and prints the summary on stderr. */
export async function runTagCommand(input: string, options: TagOptions): Promise<TagSummary> {
  if (!options.out && !options.db) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: '--out', detail: 'give --out FILE, --db FILE or both' });
  }
  if (input === '-' && options.resume) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: '--resume', detail: 'a job reading stdin cannot be resumed; give an input file' });
  }
  const configInput = configFromOptions(options);
  // Validate here so a bad option fails once, with exit 2, before any worker starts.
  const config = resolveConfig(configInput);
  const format = parseOutputFormat(options.format ?? (options.out && /\.csv$/i.test(options.out) ? 'csv' : 'jsonl'));
  const { runTag } = await import('../batch/run-tag.js');
  const summary = await runTag({
    input,
    output: options.out ?? null,
    format,
    inputFormat: detectInputFormat(input, options.inputFormat),
    fields: { textField: options.textField, idField: options.idField },
    maxTextLength: config.maxTextLength,
    config: configInput,
    workers: options.workers === undefined ? os.availableParallelism() : parsePositiveInteger(options.workers, '--workers'),
    batchSize: parsePositiveInteger(options.batchSize, '--batch-size'),
    batchChars: config.maxBatchChars,
    db: options.db ?? null,
    resume: Boolean(options.resume),
    progress: !options.quiet,
  });
  if (!options.quiet) process.stderr.write(renderSummary(summary));
  return summary;
}

/** The closing lines: counts, speed and where the errors went. */
export function renderSummary(summary: TagSummary): string {
  if (summary.alreadyComplete) {
    return `verbatim tag: already complete (${summary.records} rows, ${summary.ok} ok, ${summary.failed} failed); nothing to resume\n`;
  }
  const rate = summary.processed / Math.max(summary.seconds, 1e-3);
  let text = `verbatim tag: ${summary.records.toLocaleString('en-US')} rows, ${summary.ok.toLocaleString('en-US')} ok, ${summary.failed.toLocaleString('en-US')} failed`;
  text += `, ${Math.round(rate).toLocaleString('en-US')} rows/s, ${summary.seconds.toFixed(1)} s`;
  if (summary.resumedFrom > 0) text += ` (resumed after ${summary.resumedFrom.toLocaleString('en-US')} rows)`;
  text += '\n';
  if (summary.failed > 0) text += `  failed rows: ${summary.errorPath}\n`;
  return text;
}
