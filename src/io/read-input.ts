/**
 * Streams records from a JSONL or CSV source with constant memory. Each yielded item is a valid
 * record or a coded failure that keeps its position, so one bad line never stops a batch.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { VerbatimError } from '../errors.js';
import { parseJsonLine, toRecord, type ParsedRecord, type RecordFields } from './records.js';

export const INPUT_FORMATS = ['jsonl', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions extends RecordFields {
  format: InputFormat;
  maxTextLength: number;
}

/** Picks the input format from an explicit choice or the file extension (JSONL when unknown). */
export function detectInputFormat(file: string | null, explicit?: string): InputFormat {
  if (explicit !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(explicit)) {
      throw new VerbatimError('VERBATIM_E_UNSUPPORTED_FORMAT', { format: explicit, expected: INPUT_FORMATS.join(', ') });
    }
    return explicit as InputFormat;
  }
  return file !== null && /\.csv$/i.test(file) ? 'csv' : 'jsonl';
}

/** Opens a file (or stdin for null or '-'), failing early with VERBATIM_E_FILE_NOT_FOUND. */
export async function openInput(file: string | null): Promise<Readable> {
  if (file === null || file === '-') return process.stdin;
  try {
    await access(file);
  } catch {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path: file });
  }
  return createReadStream(file);
}

/** Yields parsed records in input order. Blank JSONL lines are skipped (they hold no record). */
export async function* readRecords(input: Readable, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  if (options.format === 'csv') {
    yield* readCsv(input, options);
    return;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // A UTF-8 byte-order mark on the first line is an artefact of the file, not of the record.
    const source = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (source.trim() === '') continue;
    yield parseJsonLine(source, lineNumber, options, options.maxTextLength);
  }
}

/** A CSV record the parser skipped, by the input line where its error was found. */
interface SkippedCsvRecord {
  line: number;
  message: string;
}

/**
 * CSV records in order, a malformed one (a stray or unclosed quote) as a VERBATIM_E_CSV_ROW failure
 * in its place. The parser skips such a record and goes on, and the skip is reported before the
 * next good record: iterating the parser and stopping at its first error (as this did) dropped the
 * good rows already parsed but not yet read with it. An unclosed quote still swallows the rest of
 * its file: no parser can tell where that field was meant to end.
 */
async function* readCsv(input: Readable, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  const skipped: SkippedCsvRecord[] = [];
  let lastSkippedLine = 0;
  const parser = input.pipe(
    parseCsv({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      // One bad record can raise several errors on its line (each stray quote): report it once.
      on_skip: (error) => {
        if (!error || error.lines === lastSkippedLine) return;
        lastSkippedLine = Number(error.lines);
        skipped.push({ line: lastSkippedLine, message: error.message });
      },
      info: true,
    }),
  );
  let recordNumber = 0;
  const failure = (detail: string): ParsedRecord => {
    recordNumber += 1;
    return { ok: false, failure: { id: null, line: recordNumber, error: new VerbatimError('VERBATIM_E_CSV_ROW', { detail }) } };
  };
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      while (skipped.length > 0 && skipped[0]!.line < item.info.lines) yield failure(skipped.shift()!.message);
      recordNumber += 1;
      yield toRecord(item.record, recordNumber, options, options.maxTextLength);
    }
  } catch (error) {
    for (const skip of skipped.splice(0)) yield failure(skip.message);
    yield failure((error as Error).message);
    return;
  }
  for (const skip of skipped.splice(0)) yield failure(skip.message);
}
