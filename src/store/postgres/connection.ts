/**
 * The PostgreSQL connection pool, the `?` to `$n` rewriting that lets the shared SQL
 * (filter-sql.ts, analytics-sql.ts) run here, the error guard, and the migrations, applied under
 * an advisory lock so that several API instances starting at once apply each one exactly once.
 */
import path from 'node:path';
import pg from 'pg';
import { PACKAGE_ROOT } from '../../config.js';
import { VerbatimError } from '../../errors.js';
import { readMigrations } from '../migrate.js';

/** The PostgreSQL migrations (NNN_name.sql, checksummed like the SQLite ones). */
export const POSTGRES_MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'postgres', 'migrations');

/** Connections per store: the server's concurrent requests share them; PostgreSQL's default limit is 100. */
export const DEFAULT_POOL_SIZE = 10;

/** Key of the advisory lock held while migrating (any constant; "verbatim" in ASCII). */
const MIGRATION_LOCK_KEY = 0x7665726261;

/** SQLSTATEs worth one more try: deadlock and serialization failure between concurrent writers. */
export const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** COUNT and SUM return int8/numeric, which pg hands over as strings: counts here fit a double. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Rewrites `?` placeholders to `$1, $2, ...` (the shared SQL never holds a literal `?`). */
export function toPositional(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${(index += 1)}`);
}

/** The URL with its password masked, for error messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** Runs a store operation; anything that is not already a VerbatimError becomes VERBATIM_E_STORE. */
export type PostgresGuard = <T>(operation: string, work: () => Promise<T>) => Promise<T>;

/** The guard of one store: errors name the operation and the database URL without its password. */
export function createGuard(url: string): PostgresGuard {
  const where = redactUrl(url);
  return async (operation, work) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof VerbatimError) throw error;
      throw new VerbatimError('VERBATIM_E_STORE', { path: where, detail: `${operation} failed: ${(error as Error).message}` }, { cause: error });
    }
  };
}

/** A pool over `url` that parses counts as numbers. */
export function createPool(url: string, size = DEFAULT_POOL_SIZE): pg.Pool {
  return new pg.Pool({ connectionString: url, max: size, types: TYPES });
}

/** Runs `work` in a transaction on one pooled client, retrying twice on deadlock or serialization failure. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (attempt < 2 && code !== undefined && RETRYABLE_SQLSTATES.has(code)) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * Applies pending migrations, each in its own transaction holding the migration advisory lock,
 * and refuses to start when an applied file was edited (as migrate.ts does for SQLite).
 * Returns the names it applied.
 */
export async function applyPostgresMigrations(pool: pg.Pool, directory: string, url: string): Promise<string[]> {
  const done: string[] = [];
  for (const migration of readMigrations(directory)) {
    const applied = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const previous = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      const row = previous.rows[0];
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new VerbatimError('VERBATIM_E_STORE', {
            path: redactUrl(url),
            detail: `migration ${migration.name} was changed after it was applied (as ${row.name}); add a new migration instead`,
          });
        }
        return false;
      }
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new VerbatimError('VERBATIM_E_STORE', {
          path: redactUrl(url),
          detail: `migration ${migration.name} failed: ${(error as Error).message}`,
        }, { cause: error });
      }
      await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
        migration.version,
        migration.name,
        migration.checksum,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (applied) done.push(migration.name);
  }
  return done;
}
