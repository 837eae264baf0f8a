/**
 * Writes result lines as JSONL (the full contract) or as a flattened CSV for spreadsheets.
 * Both writers respect stream backpressure so a huge batch runs in constant memory.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { isErrorResult, type ResultLine } from '../contract.js';
import { VerbatimError } from '../errors.js';
import { JsonBytes } from './json-bytes.js';
import { RESULT_LINE_BYTES, writeResultLines } from './result-json.js';

export const OUTPUT_FORMATS = ['jsonl', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The flattened CSV columns, in order. Lists are joined with ';', metadata is one JSON column. */
export const CSV_COLUMNS = [
  'id',
  'label',
  'score',
  'confidence',
  'themes',
  'theme_labels',
  'stages',
  'targets',
  'emotions',
  'churn_risk',
  'effort',
  'urgency',
  'actionable',
  'language',
  'error_code',
  'error_message',
  'metadata',
] as const;

export interface ResultWriter {
  write(lines: readonly ResultLine[]): Promise<void>;
  end(): Promise<void>;
}

/** Validates a format name from the command line. */
export function parseOutputFormat(value: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    throw new VerbatimError('VERBATIM_E_UNSUPPORTED_FORMAT', { format: value, expected: OUTPUT_FORMATS.join(', ') });
  }
  return value as OutputFormat;
}

/** Creates a writer for the format; the CSV header is written before the first row. */
export function createResultWriter(output: Writable, format: OutputFormat): ResultWriter {
  let headerWritten = false;
  const serialize = (lines: readonly ResultLine[]): string | Uint8Array => {
    if (format === 'jsonl') {
      // As the tag workers write it: the same bytes as JSON.stringify per line, without the string.
      const out = new JsonBytes(lines.length * RESULT_LINE_BYTES);
      writeResultLines(out, lines);
      return out.take();
    }
    const rows = lines.map(flattenResult);
    const header = headerWritten ? '' : stringify([CSV_COLUMNS as unknown as string[]]);
    headerWritten = true;
    return header + stringify(rows);
  };
  return {
    async write(lines) {
      if (lines.length === 0) return;
      if (!output.write(serialize(lines))) await once(output, 'drain');
    },
    async end() {
      if (format === 'csv' && !headerWritten) output.write(serialize([]));
      if (output === process.stdout) return;
      output.end();
      await once(output, 'finish');
    },
  };
}

type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One CSV row (in CSV_COLUMNS order) for a result line; cells are named, so a new column cannot shift the others. */
export function flattenResult(line: ResultLine): (string | number)[] {
  if (isErrorResult(line)) {
    const error: Partial<Record<CsvColumn, string | number>> = { id: line.id ?? '', error_code: line.error.code, error_message: line.error.message };
    return CSV_COLUMNS.map((column) => error[column] ?? '');
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const cells: Record<CsvColumn, string | number> = {
    id: line.id,
    label: line.sentiment.label,
    score: round(line.sentiment.score),
    confidence: round(line.sentiment.confidence),
    themes: line.themes.map((theme) => theme.id).join(';'),
    theme_labels: line.themes.map((theme) => theme.label).join(';'),
    stages: line.stages.map((stage) => `${stage.id}:${stage.sentiment.label}`).join(';'),
    targets: line.targets.map((target) => `${target.text}:${target.sentiment?.label ?? 'not-found'}`).join(';'),
    emotions: (line.emotions ?? []).map((emotion) => emotion.label).join(';'),
    churn_risk: round(line.signals.churnRisk),
    effort: round(line.signals.effort),
    urgency: round(line.signals.urgency),
    actionable: line.signals.actionable ? 'true' : 'false',
    language: line.language,
    error_code: '',
    error_message: '',
    metadata: Object.keys(line.metadata).length ? JSON.stringify(line.metadata) : '',
  };
  return CSV_COLUMNS.map((column) => cells[column]);
}
