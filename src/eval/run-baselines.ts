/**
 * Runs the baselines alone over every dev set and prints the table: the reference numbers the
 * learned model is compared with, reproducible before `verbatim eval` exists.
 *
 *   npx tsx src/eval/run-baselines.ts [limit] [report.json]
 */
import { pathToFileURL } from 'node:url';
import { createBaselineSystems } from './baselines.js';
import { formatReport, writeReportJson } from './format-report.js';
import { runEvaluation } from './run-eval.js';
import type { EvalReport } from './types.js';

/** Scores vader-sentiment and AFINN on every dev set (optionally a fixed-seed sample of `limit` rows). */
export async function runBaselineReport(limit?: number): Promise<EvalReport> {
  return runEvaluation({ systems: createBaselineSystems(), limit });
}

async function main(argv: string[]): Promise<void> {
  const limit = argv[0] && Number(argv[0]) > 0 ? Number(argv[0]) : undefined;
  const report = await runBaselineReport(limit);
  process.stdout.write(formatReport(report));
  if (argv[1]) await writeReportJson(report, argv[1]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
