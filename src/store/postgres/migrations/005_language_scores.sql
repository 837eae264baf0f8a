-- Metrics grouped by language read the records (the rollups do not key on language): a covering
-- index ordered as that GROUP BY, with the date, segment and channel filter columns (as SQLite
-- migration 009).

CREATE INDEX feedback_language_scores ON feedback (language, score_type, score, date, segment, channel);
