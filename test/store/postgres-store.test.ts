/**
 * What only the PostgreSQL store has to show: several instances (separate pools, as separate API
 * processes would hold) sharing one database: concurrent migrations, concurrent idempotent
 * ingest of the same ids, and openStore choosing it by URL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openStore, type FeedbackStore } from '../../src/store/index.js';
import { readMigrations } from '../../src/store/migrate.js';
import { POSTGRES_MIGRATIONS_DIR } from '../../src/store/postgres/connection.js';
import { record } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './postgres-harness.js';

let database: TestDatabase;
const opened: FeedbackStore[] = [];

beforeAll(async () => {
  database = await createTestDatabase('instances');
});
afterAll(async () => {
  for (const store of opened.splice(0)) await store.close();
  await database.drop();
});

async function tableCount(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** 200 records of which each has two themes, so theme rows are replaced concurrently too. */
function batch(prefix: string, variant: string): ReturnType<typeof record>[] {
  return Array.from({ length: 200 }, (_, index) =>
    record(`${prefix}${String(index).padStart(3, '0')}`, {
      text: `${variant} comment ${index}`,
      themes: [
        { id: 'delivery-speed', stage: 'delivery', score: -0.4 },
        { id: `theme-${variant}-${index % 5}`, stage: 'product', score: 0.3 },
      ],
    }),
  );
}

describe('postgres store shared by several instances', () => {
  it('two instances opening a new database at once apply each migration once', async () => {
    const [first, second] = await Promise.all([openPostgresStore(database.url, { poolSize: 2 }), openPostgresStore(database.url, { poolSize: 2 })]);
    opened.push(first, second);
    expect(await tableCount('schema_migrations')).toBe(readMigrations(POSTGRES_MIGRATIONS_DIR).length);
  });

  it('two instances upserting the same ids at once leave one row per id', async () => {
    const [left, right] = opened;
    // Same ids, opposite orders within the batch, different content: both must succeed.
    const leftBatch = batch('same-', 'left');
    const rightBatch = batch('same-', 'right').reverse();
    const results = await Promise.all([
      left!.upsertFeedback(leftBatch),
      right!.upsertFeedback(rightBatch),
      left!.upsertFeedback(leftBatch.slice(0, 50)),
      right!.upsertFeedback(rightBatch.slice(100)),
    ]);
    expect(results[0]!.inserted + results[1]!.inserted + results[2]!.inserted + results[3]!.inserted).toBe(200);
    expect(await tableCount('feedback')).toBe(200);
    expect(await tableCount('feedback_stages')).toBe(400);
    expect(await tableCount('feedback_themes')).toBe(400);
    // Every record ends with the themes of one writer's version of it, never a mix.
    const items = await left!.listFeedback({}, { limit: 500 });
    for (const item of items.items) {
      const variant = item.text.split(' ')[0];
      const ids = item.result.themes.map((theme) => theme.id);
      expect(ids.every((id) => id === 'delivery-speed' || id.startsWith(`theme-${variant}-`))).toBe(true);
    }
    expect(await right!.countFeedback({ theme: 'delivery-speed' })).toBe(200);
  });

  it('openStore opens PostgreSQL for postgres:// URLs and names the server (without password) on failure', async () => {
    const store = await openStore(database.url);
    opened.push(store);
    expect(await store.countFeedback()).toBe(200);
    const failure = openStore('postgresql://someone:hunter2@127.0.0.1:1/nowhere');
    await expect(failure).rejects.toMatchObject({ code: 'VERBATIM_E_STORE' });
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
