/**
 * Rollup tables as comparable data: every row that holds something (rows emptied by later
 * writes stay behind with zero counts, which a rebuild never creates), in key order, sums
 * rounded to 1e-6 (incremental and rebuilt sums add the same 3-decimal values in other orders);
 * the products of `rollup_pairs` (of stage means too, which a fixed rounding could split either
 * way) are compared within 1e-9 instead (withinTolerance). Also the back-fill statements of
 * rollup migration files.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ROLLUP_TABLES, SCORE_COLUMNS } from '../../src/store/rollup-writes.js';

/** The query listing one rollup table's non-empty rows. */
export function snapshotQuery(table: string): string {
  const hasCount = table !== 'rollup_sets';
  const nonEmpty = hasCount ? 'n <> 0' : SCORE_COLUMNS.map((column) => `${column} <> 0`).join(' OR ');
  const rounded = { rollup_records: ['sentiment_sum'], rollup_drivers: ['sentiment_sum'], rollup_sets: [], rollup_revenue: ['total', 'top'] }[table] ?? [];
  const extra = rounded.map((column) => `, round(CAST(${column} AS NUMERIC), 6) AS ${column}_rounded`).join('');
  const keyColumns = { rollup_records: 5, rollup_drivers: 9, rollup_sets: 7, rollup_revenue: 8, rollup_pairs: 8 }[table] ?? 1;
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

/** A snapshot with every number replaced by a matcher of numbers within 1e-9 of it. */
export function withinTolerance(snapshot: Record<string, unknown[]>): Record<string, unknown[]> {
  const near = (value: unknown) => (typeof value === 'number' ? expect.closeTo(value, 9) : value);
  return Object.fromEntries(
    Object.entries(snapshot).map(([table, rows]) => [table, rows.map((row) => Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([key, value]) => [key, near(value)])))]),
  );
}

/** The INSERT statements of migration files, in order (their back-fills). */
export function backfillStatements(...files: string[]): string[] {
  return files
    .map((file) => readFileSync(file, 'utf8'))
    .join(';\n')
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*(--[^\n]*\n\s*)*/g, '').trim())
    .filter((statement) => statement.startsWith('INSERT'));
}
