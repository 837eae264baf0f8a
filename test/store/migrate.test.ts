import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations, SQLITE_MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { openSqliteStore } from '../../src/store/index.js';
import { temporaryDatabase } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scratch(): { file: string; folder: string } {
  const database = temporaryDatabase();
  cleanups.push(database.cleanup);
  return database;
}

function tablesOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'feedback_search_%' ORDER BY name").pluck().all() as string[];
  db.close();
  return names;
}

describe('migrations', () => {
  it('reads the package migrations in version order', () => {
    const versions = readMigrations(SQLITE_MIGRATIONS_DIR).map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  it('create every table, including those for taxonomies, jobs, alerts and the analytics rollups', async () => {
    const { file } = scratch();
    await (await openSqliteStore(file)).close();
    expect(tablesOf(file)).toEqual([
      'alert_deliveries', 'alerts', 'feedback', 'feedback_search', 'feedback_stages', 'feedback_themes',
      'jobs', 'rollup_drivers', 'rollup_pairs', 'rollup_records', 'rollup_revenue', 'rollup_sets', 'schema_migrations', 'taxonomies',
    ]);
  });

  it('apply once: reopening applies nothing and records each version once', async () => {
    const { file } = scratch();
    await (await openSqliteStore(file)).close();
    const db = new Database(file);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applyMigrations(db, SQLITE_MIGRATIONS_DIR, file)).toEqual([]);
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(rows);
    expect(rows.length).toBe(readMigrations(SQLITE_MIGRATIONS_DIR).length);
    db.close();
    await (await openSqliteStore(file)).close();
  });

  it('apply only the new file when one is added later', () => {
    const { file, folder } = scratch();
    const migrations = path.join(folder, 'migrations');
    mkdirSync(migrations);
    writeFileSync(path.join(migrations, '001_first.sql'), 'CREATE TABLE first (id TEXT);');
    writeFileSync(path.join(migrations, 'notes.txt'), 'not a migration');
    const db = new Database(':memory:');
    expect(applyMigrations(db, migrations, file)).toEqual(['001_first.sql']);
    writeFileSync(path.join(migrations, '002_second.sql'), 'CREATE TABLE second (id TEXT);');
    expect(applyMigrations(db, migrations, file)).toEqual(['002_second.sql']);
    db.close();
  });

  it('refuse an applied migration whose file was edited', () => {
    const { file, folder } = scratch();
    const migrations = path.join(folder, 'migrations');
    mkdirSync(migrations);
    writeFileSync(path.join(migrations, '001_first.sql'), 'CREATE TABLE first (id TEXT);');
    const db = new Database(':memory:');
    applyMigrations(db, migrations, file);
    writeFileSync(path.join(migrations, '001_first.sql'), 'CREATE TABLE first (id TEXT, extra TEXT);');
    expect(() => applyMigrations(db, migrations, file)).toThrow(expect.objectContaining({ code: 'VERBATIM_E_STORE' }));
    db.close();
  });

  it('roll back a failing migration and leave it unrecorded', () => {
    const { file, folder } = scratch();
    const migrations = path.join(folder, 'migrations');
    mkdirSync(migrations);
    writeFileSync(path.join(migrations, '001_broken.sql'), 'CREATE TABLE good (id TEXT); CREATE TABLE broken (;');
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, migrations, file)).toThrow(expect.objectContaining({ code: 'VERBATIM_E_STORE' }));
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'good'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
    db.close();
  });

  it('refuse two files with the same version', () => {
    const { folder } = scratch();
    const migrations = path.join(folder, 'migrations');
    mkdirSync(migrations);
    for (const name of readdirSync(SQLITE_MIGRATIONS_DIR)) copyFileSync(path.join(SQLITE_MIGRATIONS_DIR, name), path.join(migrations, name));
    writeFileSync(path.join(migrations, '001_again.sql'), 'SELECT 1;');
    expect(() => readMigrations(migrations)).toThrow(expect.objectContaining({ code: 'VERBATIM_E_STORE' }));
  });
});
