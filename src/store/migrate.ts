/**
 * Applies the numbered SQL files in a migrations folder, each once, in order, each in its own
 * transaction together with its row in schema_migrations. A checksum of every applied file is
 * kept: an applied migration that was edited afterwards stops start-up instead of leaving the
 * schema silently different from the files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../config.js';
import { VerbatimError } from '../errors.js';

/**
 * The SQLite migrations. tsc does not copy .sql files to dist/, so the folder is found from the
 * package root and is the same whether the code runs from src/ or dist/.
 */
export const SQLITE_MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'migrations');

const MIGRATION_FILE = /^(\d+)_([a-z0-9_-]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `NNN_name.sql` files in version order; other files are ignored, duplicate versions refused. */
export function readMigrations(directory: string): Migration[] {
  let files: string[];
  try {
    files = readdirSync(directory);
  } catch (error) {
    throw new VerbatimError('VERBATIM_E_STORE', { path: directory, detail: 'migrations folder cannot be read' }, { cause: error });
  }
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    const sql = readFileSync(path.join(directory, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.sort((left, right) => left.version - right.version);
  for (let index = 1; index < migrations.length; index += 1) {
    if (migrations[index]!.version === migrations[index - 1]!.version) {
      throw new VerbatimError('VERBATIM_E_STORE', {
        path: directory,
        detail: `two migrations share version ${migrations[index]!.version}`,
      });
    }
  }
  return migrations;
}

/**
 * Brings the database up to date; returns the names of the migrations it applied (empty when
 * the schema was current).
 */
export function applyMigrations(db: Database.Database, directory: string, databasePath: string): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const findApplied = db.prepare('SELECT name, checksum FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const done: string[] = [];
  for (const migration of readMigrations(directory)) {
    // IMMEDIATE takes the write lock before looking: two processes opening one new file at once
    // (server and CLI) apply each migration exactly once; the second waits, then finds it applied.
    const applyOne = db.transaction((): boolean => {
      const previous = findApplied.get(migration.version) as { name: string; checksum: string } | undefined;
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new VerbatimError('VERBATIM_E_STORE', {
            path: databasePath,
            detail: `migration ${migration.name} was changed after it was applied (as ${previous.name}); add a new migration instead`,
          });
        }
        return false;
      }
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
      return true;
    });
    try {
      if (applyOne.immediate()) done.push(migration.name);
    } catch (error) {
      if (error instanceof VerbatimError) throw error;
      throw new VerbatimError('VERBATIM_E_STORE', {
        path: databasePath,
        detail: `migration ${migration.name} failed: ${(error as Error).message}`,
      }, { cause: error });
    }
  }
  return done;
}
