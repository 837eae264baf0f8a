-- Theme- or stage-filtered metrics by language read the mention rows (analytics-sql.ts
-- mentionGroupsQuery), whose covering indexes (migration 005) held every group key but the
-- language: SQLite looked each matching row up again (1M records, one theme by language: 584 ms).
-- The same two indexes with the language appended cover it; ingest already maintains both, so the
-- cost is the column's bytes, not another index to write.

DROP INDEX feedback_themes_scores;
CREATE INDEX feedback_themes_scores ON feedback_themes
  (theme_id, score_type, score, sentiment_label, theme_label, stage, date, segment, channel, day, sentiment_score, language);
DROP INDEX feedback_themes_stage_scores;
CREATE INDEX feedback_themes_stage_scores ON feedback_themes
  (stage, score_type, score, stage_sentiment_label, stage_first, date, segment, channel, day, stage_sentiment_score, language);
