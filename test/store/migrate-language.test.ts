/**
 * Migration 008 gives records stored before it the language they were read in: English, in the
 * column and in the stored result, which the contract now requires.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { SQLITE_MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { record, temporaryDatabase } from './fixtures.js';

const database = temporaryDatabase();
afterAll(() => database.cleanup());

describe('migration 008 (language)', () => {
  it('back-fills English into results stored without a language, and leaves the others alone', async () => {
    const store = await openSqliteStore(database.file);
    await store.upsertFeedback([record('old'), record('fr', { text: 'Très bon service', language: 'fr' })]);
    await store.close();
    const db = new Database(database.file);
    // As a row stored before the migration: no language in its result.
    db.exec(`UPDATE feedback SET result = json_remove(result, '$.language') WHERE id = 'old'`);
    const sql = readFileSync(path.join(SQLITE_MIGRATIONS_DIR, '008_language.sql'), 'utf8');
    const update = sql.split(';').map((statement) => statement.replace(/^\s*(--[^\n]*\n\s*)*/g, '').trim()).find((statement) => statement.startsWith('UPDATE'));
    db.exec(update!);
    const languages = db.prepare(`SELECT id, language, json_extract(result, '$.language') AS stored FROM feedback ORDER BY id`).all();
    expect(languages).toEqual([
      { id: 'fr', language: 'fr', stored: 'fr' },
      { id: 'old', language: 'en', stored: 'en' },
    ]);
    db.close();
  });
});
