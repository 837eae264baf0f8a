/**
 * `verbatim eval --file F.jsonl`: scores systems on a user's own labelled feedback. Each line is a
 * JSON object with `text`, `label` (positive/negative/neutral) and an optional `target` (the words
 * of an aspect; its first occurrence in the text is used). Bad lines are skipped and reported with
 * their line number, field and error code; they never stop the run.
 */
import { readFile } from 'node:fs/promises';
import { VerbatimError, describeValue, type ErrorCode } from '../errors.js';
import { locateTarget } from '../datasets/offsets.js';
import { SENTIMENT_LABELS_3, type LabelledText, type SentimentLabel3 } from '../datasets/types.js';
import { scoreSystem } from './score-rows.js';
import type { EvalSystem, SystemScore } from './types.js';

/** A line that was not scored, and why. */
export interface SkippedLine {
  line: number;
  field: string | null;
  code: ErrorCode;
  message: string;
}

export interface FileEvaluation {
  path: string;
  /** Lines scored. */
  rows: number;
  aspectRows: number;
  skipped: SkippedLine[];
  scores: SystemScore[];
}

/**
 * Parses JSONL text into labelled rows plus the skipped lines; blank lines are ignored. A line with
 * `target` and `targetLabel` yields two rows: the whole text with `label`, and the aspect with
 * `targetLabel` (without `targetLabel`, `label` is the aspect's label).
 *
 * @example
 * parseLabelledJsonl('{"text":"Great staff","label":"positive","target":"staff"}\n{"text":1}');
 * // rows: 1 (target { text: 'staff', start: 6, end: 11 }); skipped: line 2, field "text"
 */
export function parseLabelledJsonl(content: string, source = 'file'): { rows: LabelledText[]; skipped: SkippedLine[] } {
  const rows: LabelledText[] = [];
  const skipped: SkippedLine[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      rows.push(...parseLine(raw, index + 1, source));
    } catch (error) {
      if (!(error instanceof VerbatimError)) throw error;
      const field = typeof error.details['field'] === 'string' ? error.details['field'] : null;
      skipped.push({ line: index + 1, field, code: error.code, message: `line ${index + 1}: ${error.message}` });
    }
  });
  return { rows, skipped };
}

/**
 * Reads a labelled JSONL file and scores every system on its valid lines, in one run on the same
 * texts. A missing file is VERBATIM_E_FILE_NOT_FOUND; bad lines are counted in `skipped`; a file
 * with no usable line is VERBATIM_E_NO_ROWS.
 */
export async function evaluateFile(path: string, systems: readonly EvalSystem[]): Promise<FileEvaluation> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (cause) {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path }, { cause });
  }
  const { rows, skipped } = parseLabelledJsonl(content, path);
  // Accuracy over zero rows would print as 0.000 for every system: say what is wrong instead.
  if (rows.length === 0) {
    const first = skipped[0];
    const detail = first
      ? `all ${skipped.length} line(s) were skipped; the first: ${first.code} ${first.message}`
      : 'the file has no lines; each line needs "text" and "label" (positive, negative or neutral)';
    throw new VerbatimError('VERBATIM_E_NO_ROWS', { path, detail });
  }
  const scores: SystemScore[] = [];
  for (const system of systems) scores.push(await scoreSystem(system, rows, { binary: false }));
  return { path, rows: rows.length, aspectRows: rows.filter((row) => row.target).length, skipped, scores };
}

function parseLine(raw: string, line: number, source: string): LabelledText[] {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (cause) {
    throw new VerbatimError('VERBATIM_E_INVALID_JSON', { detail: cause instanceof Error ? cause.message : 'parse error' });
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new VerbatimError('VERBATIM_E_NOT_AN_OBJECT', { found: describeValue(record) });
  }
  const fields = record as Record<string, unknown>;
  if (!('text' in fields)) throw new VerbatimError('VERBATIM_E_MISSING_TEXT', { field: 'text' });
  const text = fields['text'];
  if (typeof text !== 'string') throw new VerbatimError('VERBATIM_E_TEXT_NOT_STRING', { field: 'text', found: describeValue(text) });
  if (!('label' in fields)) throw new VerbatimError('VERBATIM_E_MISSING_FIELD', { field: 'label', expected: SENTIMENT_LABELS_3.join(', ') });
  const row: LabelledText = { text, label: labelOf(fields, 'label', line), source };
  const target = fields['target'];
  if (target === undefined || target === null) return [row];
  if (typeof target !== 'string') throw new VerbatimError('VERBATIM_E_TEXT_NOT_STRING', { field: 'target', found: describeValue(target) });
  const located = locateTarget(text, target);
  if (!located) throw new VerbatimError('VERBATIM_E_TARGET_NOT_FOUND', { line, field: 'target', target });
  if (fields['targetLabel'] === undefined) return [{ ...row, target: located }];
  return [row, { ...row, label: labelOf(fields, 'targetLabel', line), target: located }];
}

function labelOf(fields: Record<string, unknown>, field: string, line: number): SentimentLabel3 {
  const label = fields[field];
  if (typeof label !== 'string' || !SENTIMENT_LABELS_3.includes(label.trim().toLowerCase() as SentimentLabel3)) {
    throw new VerbatimError('VERBATIM_E_INVALID_LABEL', {
      line,
      field,
      expected: SENTIMENT_LABELS_3.join(', '),
      found: typeof label === 'string' ? JSON.stringify(label) : describeValue(label),
    });
  }
  return label.trim().toLowerCase() as SentimentLabel3;
}
