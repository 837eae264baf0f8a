/**
 * `verbatim analyze [FILE|-]`: reads JSONL or CSV comments, analyzes them in batches and writes one
 * result line per record, in input order. Bad records get a coded error line and are counted;
 * the rest of the file goes on.
 */
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import type { Engine } from '../engine.js';
import { resolveConfig } from '../config.js';
import type { ResultLine } from '../contract.js';
import { VerbatimError } from '../errors.js';
import { detectInputFormat, openInput, readRecords } from '../io/read-input.js';
import type { InputRecord } from '../io/records.js';
import { createResultWriter, parseOutputFormat } from '../io/write-output.js';
import { createProgress } from './progress.js';
import { EXIT_OK, EXIT_RECORD_ERRORS } from './exit-codes.js';
import { BatchLimit } from '../io/batch-limit.js';
import { addAnalysisOptions, configFromOptions, parsePositiveInteger, type AnalysisOptions } from './analysis-options.js';

export interface AnalyzeOptions extends AnalysisOptions {
  out?: string;
  format: string;
}

/** Adds the analyze command to the program. */
export function registerAnalyze(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('analyze')
    .description('Analyze comments from a JSONL or CSV file (or stdin) and write one JSON result per record.')
    .argument('[file]', 'input file (.jsonl or .csv); "-" or nothing reads stdin')
    .option('-o, --out <file>', 'write results to this file instead of stdout')
    .option('-f, --format <format>', 'output format: jsonl (full results) or csv (flattened)', 'jsonl');
  addAnalysisOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  verbatim analyze data/sample.jsonl\n  verbatim analyze comments.csv --text-field comment --format csv --out results.csv\n  cat comments.jsonl | verbatim analyze - --redact\n\nExit code: 0 when every record was analyzed, 1 when some records failed (see the summary), 2 on a usage or fatal error.',
    )
    .action(async (file: string | undefined, options: AnalyzeOptions) => {
      const failed = await runAnalyze(file ?? null, options);
      setExitCode(failed > 0 ? EXIT_RECORD_ERRORS : EXIT_OK);
    });
}

/** Runs the command; resolves to the number of records that failed. */
export async function runAnalyze(file: string | null, options: AnalyzeOptions): Promise<number> {
  const batchSize = parsePositiveInteger(options.batchSize, '--batch-size');
  const config = resolveConfig(configFromOptions(options));
  const limit = new BatchLimit(batchSize, config.maxBatchChars);
  const format = parseOutputFormat(options.format);
  const inputFormat = detectInputFormat(file, options.inputFormat);
  const input = await openInput(file);
  const { createEngine } = await import('../engine.js');
  const engine = await createEngine(config);
  const output = options.out ? createWriteStream(options.out) : process.stdout;
  const writer = createResultWriter(output, format);
  const progress = createProgress({ enabled: !options.quiet });
  const summary = new Summary();

  let pending: (InputRecord | ResultLine)[] = [];
  const flush = async () => {
    const lines = await analyzePending(engine, pending);
    summary.count(lines);
    await writer.write(lines);
    progress.add(lines.length);
    pending = [];
  };
  const records = readRecords(input, {
    format: inputFormat,
    textField: options.textField,
    idField: options.idField,
    maxTextLength: config.maxTextLength,
  });
  for await (const parsed of records) {
    let length = 0;
    if (parsed.ok) {
      pending.push(parsed.record);
      length = parsed.record.text.length;
    } else {
      const { failure } = parsed;
      summary.noteLine(failure.line, failure.error);
      pending.push({ id: failure.id ?? failure.line, error: failure.error.toJSON() });
    }
    if (limit.add(length)) await flush();
  }
  await flush();
  await writer.end();
  await engine.close();
  progress.done();
  if (!options.quiet) process.stderr.write(summary.render());
  return summary.failed;
}

/** Analyzes the valid records of a batch and slots the already-failed lines back in order. */
async function analyzePending(engine: Engine, pending: (InputRecord | ResultLine)[]): Promise<ResultLine[]> {
  const records = pending.filter((item): item is InputRecord => 'text' in item && 'line' in item);
  const analyzed = await engine.analyzeBatch(records);
  let next = 0;
  return pending.map((item) => ('text' in item && 'line' in item ? analyzed[next++]! : (item as ResultLine)));
}

/** Counts outcomes and remembers the first few failures with their line numbers. */
class Summary {
  ok = 0;
  failed = 0;
  private readonly byCode = new Map<string, number>();
  private readonly examples: string[] = [];
  private static readonly MAX_EXAMPLES = 10;

  noteLine(line: number, error: VerbatimError): void {
    if (this.examples.length < Summary.MAX_EXAMPLES) this.examples.push(`  line ${line}: ${error.code}: ${error.message}`);
  }

  count(lines: readonly ResultLine[]): void {
    for (const line of lines) {
      if ('error' in line) {
        this.failed += 1;
        this.byCode.set(line.error.code, (this.byCode.get(line.error.code) ?? 0) + 1);
      } else this.ok += 1;
    }
  }

  render(): string {
    let text = `verbatim analyze: ${this.ok + this.failed} records, ${this.ok} analyzed, ${this.failed} failed\n`;
    for (const [code, count] of this.byCode) text += `  ${code}: ${count}\n`;
    if (this.examples.length) text += `first failures:\n${this.examples.join('\n')}\n`;
    return text;
  }
}
