/**
 * The SQLite store's rollups (rollup-writes.ts) after ingest, re-ingest and re-tag hold exactly
 * what migrations 006 and 007 back-fill from the stored rows: incremental maintenance and the
 * back-fill agree, so neither drifts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { SQLITE_MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { ROLLUP_TABLES } from '../../src/store/rollup-writes.js';
import { temporaryDatabase } from './fixtures.js';
import { writeRollupScenario } from './rollup-scenario.js';
import { backfillStatements, snapshotRollups, withinTolerance } from './rollup-snapshot.js';

const database = temporaryDatabase();
afterAll(() => database.cleanup());

describe('SQLite rollups', () => {
  it('after ingest, re-ingest and re-tag equal the back-fill of migrations 006 and 007 over the stored rows', async () => {
    const store = await openSqliteStore(database.file);
    await writeRollupScenario(store, 400);
    await store.close();
    const db = new Database(database.file);
    const snapshot = () => snapshotRollups(async (sql) => db.prepare(sql).all() as Record<string, unknown>[]);
    const written = await snapshot();
    expect(written.rollup_drivers!.length).toBeGreaterThan(100);
    expect(written.rollup_pairs!.some((row) => (row as { driver: string; other: string }).driver !== (row as { other: string }).other)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM rollup_revenue WHERE dirty <> 0').pluck().get()).toBe(0);
    for (const table of ROLLUP_TABLES) db.exec(`DELETE FROM ${table}`);
    const statements = backfillStatements(...['006_rollups.sql', '007_rollup_pairs.sql'].map((file) => path.join(SQLITE_MIGRATIONS_DIR, file)));
    expect(statements).toHaveLength(ROLLUP_TABLES.length);
    for (const statement of statements) db.exec(statement);
    expect(await snapshot()).toEqual(withinTolerance(written));
    db.close();
  });
});
