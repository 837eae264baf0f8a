/**
 * The options `analyze` and `tag` share (fields, taxonomy, redaction, scorer, limits), declared
 * once so both commands accept and validate them the same way.
 */
import type { Command } from 'commander';
import { DEFAULT_MAX_BATCH_CHARS, DEFAULT_MAX_TEXT_LENGTH, type ConfigInput } from '../config.js';
import { VerbatimError } from '../errors.js';

/**
 * Records per analysis batch. The engine runs each stage over the whole batch, and every stage
 * warms its own tables again per batch: 512 took 8 % less time per comment than 256 in one process
 * and `tag` on 1M rows 62.0 s against 65.1 (118 against 123 µs of CPU per row). 1,024 was faster
 * still in one process, but doubled the GC on `tag`'s helper threads (1.4 GB peak RSS).
 */
export const DEFAULT_BATCH_SIZE = 512;

export interface AnalysisOptions {
  inputFormat?: string;
  textField: string;
  idField: string;
  taxonomy?: string;
  redact?: boolean;
  scorer?: string;
  englishOnly?: boolean;
  batchSize: string;
  batchChars: string;
  maxTextLength: string;
  quiet?: boolean;
}

/** Declares the shared options on a command (after its own). */
export function addAnalysisOptions(command: Command): Command {
  return command
    .option('--input-format <format>', 'input format: jsonl or csv (default: from the file extension, else jsonl)')
    .option('--text-field <name>', 'field holding the comment text', 'text')
    .option('--id-field <name>', 'field holding the record id; a record without one gets its 1-based line number', 'id')
    .option('--taxonomy <file>', 'taxonomy JSON file (default: the built-in CX taxonomy)')
    .option('--redact', 'add redactedText with emails, phone numbers, card numbers and URLs masked')
    .option('--scorer <name>', 'sentiment scorer: rules, model or combined (default: from config)')
    .option('--english-only', 'read every comment as English: no language detection (config language.detect false)')
    .option('--batch-size <n>', 'records per analysis batch', String(DEFAULT_BATCH_SIZE))
    .option('--batch-chars <n>', 'most characters of text per analysis batch (bounds memory on long comments)', String(DEFAULT_MAX_BATCH_CHARS))
    .option('--max-text-length <n>', 'longest text accepted, in UTF-16 code units', String(DEFAULT_MAX_TEXT_LENGTH))
    .option('-q, --quiet', 'no progress or summary on stderr');
}

/** The engine configuration the shared options ask for (validated later by resolveConfig). */
export function configFromOptions(options: AnalysisOptions): ConfigInput {
  const config: ConfigInput = {
    maxTextLength: parsePositiveInteger(options.maxTextLength, '--max-text-length'),
    // One budget (config maxBatchChars): a batch closes at --batch-size records or at this many
    // characters, and the engine slices nothing the command cut. Memory follows text, not records:
    // 512 comments of 19,000 characters took `tag` to 3.4 GB peak RSS.
    maxBatchChars: parsePositiveInteger(options.batchChars, '--batch-chars'),
    redact: Boolean(options.redact),
    taxonomyPath: options.taxonomy ?? null,
  };
  if (options.scorer) config.sentiment = { scorer: options.scorer as 'rules' };
  if (options.englishOnly) config.language = { detect: false };
  return config;
}

/** Parses a flag that must be a positive integer; VERBATIM_E_INVALID_CONFIG names the flag. */
export function parsePositiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', { path: flag, detail: `expected a positive integer, found "${value}"` });
  }
  return number;
}
