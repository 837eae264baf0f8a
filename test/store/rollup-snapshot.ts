/**
 * Rollup tables as comparable data: every row that holds something (rows emptied by later
 * writes stay behind with zero counts, which a rebuild never creates), in key order, sums
 * rounded to 1e-6 (incremental and rebuilt sums add the same 3-decimal values in other orders).
 * Also the back-fill statements of a rollup migration file.
 */
import { readFileSync } from 'node:fs';
import { ROLLUP_TABLES, SCORE_COLUMNS } from '../../src/store/rollup-writes.js';

/** The query listing one rollup table's non-empty rows. */
export function snapshotQuery(table: string): string {
  const hasCount = table !== 'rollup_sets';
  const nonEmpty = hasCount ? 'n <> 0' : SCORE_COLUMNS.map((column) => `${column} <> 0`).join(' OR ');
  const rounded = { rollup_records: ['sentiment_sum'], rollup_drivers: ['sentiment_sum'], rollup_sets: [], rollup_revenue: ['total', 'top'] }[table] ?? [];
  const extra = rounded.map((column) => `, round(CAST(${column} AS NUMERIC), 6) AS ${column}_rounded`).join('');
  const keyColumns = { rollup_records: 5, rollup_drivers: 9, rollup_sets: 7, rollup_revenue: 8 }[table] ?? 1;
  return `SELECT * ${extra} FROM ${table} WHERE ${nonEmpty} ORDER BY ${Array.from({ length: keyColumns }, (_, index) => index + 1).join(', ')}`;
}

/** Rows of every rollup table with their float sums replaced by the rounded ones. */
export async function snapshotRollups(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = await query(snapshotQuery(table));
    snapshot[table] = rows.map((row) => {
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) {
        if (key.endsWith('_rounded')) copy[key.replace(/_rounded$/, '')] = Number(value) + 0; // -0 reads as 0
        else if (!(`${key}_rounded` in row) && key !== 'dirty') copy[key] = typeof value === 'string' || value === null ? value : Number(value);
      }
      return copy;
    });
  }
  return snapshot;
}

/** The INSERT statements of a migration file (its back-fill). */
export function backfillStatements(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*(--[^\n]*\n\s*)*/g, '').trim())
    .filter((statement) => statement.startsWith('INSERT'));
}
