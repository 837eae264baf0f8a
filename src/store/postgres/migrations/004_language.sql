-- The language each comment was read in (AnalysisResult.language, src/language/): a filter column
-- on records and on their theme mentions (as SQLite migration 008). Rows stored before it were
-- read as English: back-filled 'en', in the column and in the stored result.

ALTER TABLE feedback ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT 'en';
ALTER TABLE feedback_themes ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT 'en';

UPDATE feedback SET result = jsonb_set(result, '{language}', '"en"') WHERE NOT result ? 'language';

CREATE INDEX feedback_language ON feedback (language, date);
