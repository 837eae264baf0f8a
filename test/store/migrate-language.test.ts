/**
 * Migration 008 gives records stored before it the language they were read in: English, in the
 * column and in the stored result, which the contract now requires. Migration 010 puts the
 * language into the mention rows' covering indexes.
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

  it('covers the language in the mention rows\' theme and stage indexes, so a filtered split by language reads no rows (010)', async () => {
    const store = await openSqliteStore(database.file);
    await store.close();
    const db = new Database(database.file);
    const columns = (index: string) => (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((column) => column.name);
    expect(columns('feedback_themes_scores').slice(0, 2)).toEqual(['theme_id', 'score_type']);
    expect(columns('feedback_themes_scores').at(-1)).toBe('language');
    expect(columns('feedback_themes_stage_scores').at(-1)).toBe('language');
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT t.language, t.score_type, t.score, COUNT(*) FROM feedback_themes t WHERE t.theme_id = ? GROUP BY 1, 2, 3`)
      .all('delivery') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('COVERING INDEX feedback_themes_scores');
    db.close();
  });
});
