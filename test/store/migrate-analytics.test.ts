/**
 * Migration 005 back-fills the analytics columns of records stored before it: the values it
 * computes in SQL are those the store writes itself (analytics-rows.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { SQLITE_MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { temporaryDatabase } from './fixtures.js';
import { syntheticRecords } from './synthetic-records.js';

const database = temporaryDatabase();
afterAll(() => database.cleanup());

const SNAPSHOT = {
  feedback: 'SELECT id, day, theme_ids, stage_ids FROM feedback ORDER BY id',
  themes: `SELECT feedback_id, theme_id, date, day, score_type, score, segment, channel, account_id, revenue, stage_first,
    stage_sentiment_label, round(stage_sentiment_score, 12) AS stage_sentiment_score FROM feedback_themes ORDER BY feedback_id, theme_id`,
};

describe('migration 005 (analytics columns)', () => {
  it('back-fills what the store writes', async () => {
    const store = await openSqliteStore(database.file);
    await store.upsertFeedback(syntheticRecords(0, 300, { seed: 3 }));
    await store.close();
    const db = new Database(database.file);
    const snapshot = (): unknown[] => [db.prepare(SNAPSHOT.feedback).all(), db.prepare(SNAPSHOT.themes).all()];
    const written = snapshot();
    // Forget the columns, as rows stored before the migration have them, then run its back-fill.
    db.exec(`UPDATE feedback SET day = '', theme_ids = '', stage_ids = '';
      UPDATE feedback_themes SET date = '', day = '', score_type = NULL, score = NULL, segment = NULL, channel = NULL, account_id = NULL,
        revenue = NULL, stage_first = 0, stage_sentiment_label = 'neutral', stage_sentiment_score = 0`);
    const sql = readFileSync(path.join(SQLITE_MIGRATIONS_DIR, '005_analytics_columns.sql'), 'utf8');
    const updates = sql.split(';').map((statement) => statement.replace(/^\s*(--[^\n]*\n\s*)*/g, '').trim()).filter((statement) => statement.startsWith('UPDATE'));
    expect(updates).toHaveLength(3);
    for (const statement of updates) db.exec(statement);
    expect(snapshot()).toEqual(written);
    db.close();
  });
});
