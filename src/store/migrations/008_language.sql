-- The language each comment was read in (AnalysisResult.language, src/language/): a filter column
-- on records and, like the other filter columns (migration 005), on their theme mentions. Rows
-- stored before it were read as English, so they are back-filled 'en', in the column and in the
-- stored result, which now always carries the field.

ALTER TABLE feedback ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE feedback_themes ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

UPDATE feedback SET result = json_set(result, '$.language', 'en') WHERE json_extract(result, '$.language') IS NULL;

CREATE INDEX feedback_language ON feedback (language, date);
