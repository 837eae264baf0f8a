/**
 * Real PostgreSQL for the store tests: each test file creates its own database (named after the
 * file and the process) on the server of VERBATIM_TEST_PG and drops it at the end, so parallel
 * runs never collide. .ci/run starts the server when it is not running.
 */
import pg from 'pg';

/** The server the tests use; the default is the local one with trust authentication. */
export const TEST_PG_URL = process.env.VERBATIM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  /** Empties every table (the schema stays migrated). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

/** Creates a database named `verbatim_test_<label>_<pid>_<random>`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `verbatim_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_PG_URL, name);
  return {
    url,
    async truncate() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const tables = await client.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
        );
        if (tables.rows.length > 0) await client.query(`TRUNCATE ${tables.rows.map((row) => row.tablename).join(', ')} CASCADE`);
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
