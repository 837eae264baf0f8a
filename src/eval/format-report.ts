/**
 * Renders an EvalReport as aligned text tables (what `verbatim eval` prints) and as the JSON file
 * it writes. The JSON is the report object as it stands, so tools can read every number.
 */
import { writeFile } from 'node:fs/promises';
import { VerbatimError } from '../errors.js';
import type { FileEvaluation } from './evaluate-file.js';
import type { DatasetScore, EvalReport, SystemScore } from './types.js';

/** Skipped lines listed one by one before the rest are only counted. */
const SKIPPED_LINES_SHOWN = 20;

/** Digits shown for accuracy, F1 and ECE. */
const METRIC_DIGITS = 3;

/**
 * The report as text: one table of accuracy and macro-F1 per dev set and system, one of aspect
 * polarity accuracy, the emotion score, and throughput.
 *
 * @example
 * console.log(formatReport(await runEvaluation({ systems: createBaselineSystems() })));
 */
export function formatReport(report: EvalReport): string {
  const systems = systemNames(report.datasets);
  const sections: string[] = [];
  if (report.datasets.length > 0) {
    const withEce = report.datasets.some((dataset) => dataset.scores.some((score) => score.ece !== null));
    const metricNames = withEce ? ['accuracy', 'macro-F1', 'ECE'] : ['accuracy', 'macro-F1'];
    const header = ['dataset (dev)', 'rows', ...systems.flatMap((name) => [name, ...metricNames.slice(1).map(() => '')])];
    const subHeader = ['', '', ...systems.flatMap(() => metricNames)];
    const body = report.datasets.map((dataset) => [
      dataset.binary ? `${dataset.dataset} (binary)` : dataset.dataset,
      String(dataset.rows),
      ...systems.flatMap((name) => {
        const score = findScore(dataset, name);
        const cells = [fixed(score?.accuracy), fixed(score?.macroF1)];
        return withEce ? [...cells, fixed(score?.ece)] : cells;
      }),
    ]);
    sections.push(`Sentiment: accuracy and macro-F1 per dev set${report.limit ? ` (at most ${report.limit} rows per set)` : ''}`);
    sections.push(renderTable([header, subHeader], body, 1));
  }

  const aspectSets = report.datasets.filter((dataset) => dataset.aspectRows > 0);
  if (aspectSets.length > 0) {
    const body = aspectSets.map((dataset) => [
      dataset.dataset,
      String(dataset.aspectRows),
      ...systems.map((name) => {
        const score = findScore(dataset, name);
        return score?.aspectAccuracy == null ? '-' : `${fixed(score.aspectAccuracy)} (${score.aspectMode})`;
      }),
    ]);
    sections.push('Aspect polarity accuracy (aspect rows only; "(sentence)" = scored on the whole sentence)');
    sections.push(renderTable([['dataset (dev)', 'aspect rows', ...systems]], body, 1));
  }

  if (report.emotions) {
    const emotions = report.emotions;
    sections.push(
      `Emotions: ${emotions.system} macro-F1 ${fixed(emotions.macroF1)} on GoEmotions dev (${emotions.rows} rows, ` +
        `${emotions.labels.length} labels: ${emotions.labels.join(', ')})`,
    );
  }

  if (report.throughput.length > 0) {
    const body = report.throughput.map((entry) => [
      entry.system,
      String(entry.texts),
      entry.seconds.toFixed(2),
      Math.round(entry.textsPerSecond).toString(),
    ]);
    sections.push('Throughput in this run (time inside each system only)');
    sections.push(renderTable([['system', 'texts', 'seconds', 'texts/s']], body, 1));
  }
  return sections.join('\n\n') + '\n';
}

/**
 * The result of `evaluateFile` as text: the same tables as a dev-set run (one row: the file), then
 * the skipped lines with their line number, field and code.
 */
export function formatFileEvaluation(evaluation: FileEvaluation): string {
  const throughput = evaluation.scores.map((score) => ({
    system: score.system,
    texts: score.rows,
    seconds: score.seconds,
    textsPerSecond: score.textsPerSecond,
  }));
  const dataset: DatasetScore = {
    dataset: evaluation.path,
    split: 'dev',
    binary: false,
    rows: evaluation.rows,
    aspectRows: evaluation.aspectRows,
    scores: evaluation.scores,
  };
  const report: EvalReport = { createdAt: '', node: '', limit: null, datasets: [dataset], emotions: null, throughput };
  const lines = [formatReport(report).trimEnd()];
  if (evaluation.skipped.length > 0) {
    lines.push('', `Skipped ${evaluation.skipped.length} line(s):`);
    for (const skipped of evaluation.skipped.slice(0, SKIPPED_LINES_SHOWN)) lines.push(`  ${skipped.code}  ${skipped.message}`);
    if (evaluation.skipped.length > SKIPPED_LINES_SHOWN) lines.push(`  ... and ${evaluation.skipped.length - SKIPPED_LINES_SHOWN} more`);
  }
  return lines.join('\n') + '\n';
}

/** Writes the report as indented JSON; a write failure is a VerbatimError naming the path. */
export async function writeReportJson(report: EvalReport | FileEvaluation, path: string): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  } catch (cause) {
    throw new VerbatimError('VERBATIM_E_FILE_NOT_FOUND', { path }, { cause });
  }
}

/**
 * Aligns cells into columns two spaces apart. The first `leftColumns` columns are left-aligned
 * (names), the rest right-aligned (numbers). Every header row but the last holds group titles
 * (a system's name over its metric columns) and is left-aligned throughout.
 */
export function renderTable(headers: string[][], body: string[][], leftColumns: number): string {
  const rows = [...headers, ...body];
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  const line = (row: string[], allLeft: boolean) =>
    row
      .map((cell, index) =>
        allLeft || index < leftColumns ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const headerLines = headers.map((row, index) => line(row, index < headers.length - 1));
  return [...headerLines, rule, ...body.map((row) => line(row, false))].join('\n');
}

function systemNames(datasets: readonly DatasetScore[]): string[] {
  const names: string[] = [];
  for (const dataset of datasets) for (const score of dataset.scores) if (!names.includes(score.system)) names.push(score.system);
  return names;
}

function findScore(dataset: DatasetScore, system: string): SystemScore | undefined {
  return dataset.scores.find((score) => score.system === system);
}

function fixed(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toFixed(METRIC_DIGITS);
}
