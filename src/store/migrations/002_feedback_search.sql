-- Full-text search over feedback text (SQLite FTS5, compiled into better-sqlite3's bundled
-- SQLite). Stemmed (porter), case- and accent-insensitive. External content: the index holds
-- tokens only and reads the text from feedback; triggers keep the two in step.
-- PostgreSQL equivalent: a tsvector column with a GIN index.

CREATE VIRTUAL TABLE feedback_search USING fts5 (
  text,
  content = 'feedback',
  content_rowid = 'seq',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO feedback_search (rowid, text) VALUES (new.seq, new.text);
END;

CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback BEGIN
  INSERT INTO feedback_search (feedback_search, rowid, text) VALUES ('delete', old.seq, old.text);
END;

CREATE TRIGGER feedback_search_update AFTER UPDATE OF text ON feedback BEGIN
  INSERT INTO feedback_search (feedback_search, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO feedback_search (rowid, text) VALUES (new.seq, new.text);
END;
