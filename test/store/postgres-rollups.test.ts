/**
 * The PostgreSQL store's rollups (rollup-writes.ts) hold exactly what migrations 002 and 003 back-fill
 * from the stored rows: after ingest, re-ingest and re-tag, and after two instances (separate
 * pools) wrote overlapping ids at once, each subtracting what the other had just added.
 */
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type FeedbackStore } from '../../src/store/index.js';
import { POSTGRES_MIGRATIONS_DIR } from '../../src/store/postgres/connection.js';
import { ROLLUP_TABLES } from '../../src/store/rollup-writes.js';
import { createTestDatabase, type TestDatabase } from './postgres-harness.js';
import { writeRollupScenario } from './rollup-scenario.js';
import { backfillStatements, snapshotRollups, withinTolerance } from './rollup-snapshot.js';
import { syntheticRecords } from './synthetic-records.js';

let database: TestDatabase;
let client: pg.Client;
const opened: FeedbackStore[] = [];

beforeAll(async () => {
  database = await createTestDatabase('rollups');
  client = new pg.Client({ connectionString: database.url });
});
afterAll(async () => {
  for (const store of opened.splice(0)) await store.close();
  await client.end();
  await database.drop();
});

/** Rollups as written, then as the migration's back-fill rebuilds them from the stored rows. */
async function writtenAndRebuilt(): Promise<[Record<string, unknown[]>, Record<string, unknown[]>]> {
  const snapshot = () => snapshotRollups(async (sql) => (await client.query(sql)).rows);
  const written = await snapshot();
  expect((await client.query('SELECT COUNT(*)::int AS n FROM rollup_revenue WHERE dirty <> 0')).rows[0].n).toBe(0);
  await client.query('BEGIN');
  for (const table of ROLLUP_TABLES) await client.query(`DELETE FROM ${table}`);
  const statements = backfillStatements(...['002_rollups.sql', '003_rollup_pairs.sql'].map((file) => path.join(POSTGRES_MIGRATIONS_DIR, file)));
  expect(statements).toHaveLength(ROLLUP_TABLES.length);
  for (const statement of statements) await client.query(statement);
  const rebuilt = await snapshot();
  await client.query('COMMIT');
  return [written, rebuilt];
}

describe('PostgreSQL rollups', () => {
  it('after ingest, re-ingest and re-tag equal the back-fill of migrations 002 and 003', async () => {
    const store = await openPostgresStore(database.url, { poolSize: 3 });
    opened.push(store);
    await client.connect();
    await writeRollupScenario(store, 300);
    const [written, rebuilt] = await writtenAndRebuilt();
    expect(written.rollup_drivers!.length).toBeGreaterThan(100);
    expect(written.rollup_pairs!.some((row) => (row as { driver: string; other: string }).driver !== (row as { other: string }).other)).toBe(true);
    expect(rebuilt).toEqual(withinTolerance(written));
  });

  it('stay exact when two instances write overlapping ids at once', async () => {
    await database.truncate();
    const other = await openPostgresStore(database.url, { poolSize: 3 });
    opened.push(other);
    const [left, right] = [opened[0]!, other];
    await Promise.all([
      left.upsertFeedback(syntheticRecords(0, 200, { seed: 21, days: 60 })),
      right.upsertFeedback(syntheticRecords(100, 200, { seed: 22, days: 60 })),
      left.upsertFeedback(syntheticRecords(50, 100, { seed: 23, days: 60 })),
      right.upsertFeedback(syntheticRecords(0, 150, { seed: 24, days: 60 }).reverse()),
      left.upsertFeedback(syntheticRecords(120, 100, { seed: 25, days: 60 })),
    ]);
    expect(await left.countFeedback()).toBe(300);
    const [written, rebuilt] = await writtenAndRebuilt();
    expect(rebuilt).toEqual(withinTolerance(written));
  });
});
