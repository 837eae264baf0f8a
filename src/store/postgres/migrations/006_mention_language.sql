-- As SQLite migration 010: the mention rows' covering indexes also hold the language, so
-- theme- or stage-filtered metrics by language read no table rows.

DROP INDEX feedback_themes_scores;
CREATE INDEX feedback_themes_scores ON feedback_themes
  (theme_id, score_type, score, sentiment_label) INCLUDE (theme_label, stage, date, day, segment, channel, sentiment_score, language);
DROP INDEX feedback_themes_stage_scores;
CREATE INDEX feedback_themes_stage_scores ON feedback_themes
  (stage, score_type, score, stage_sentiment_label) INCLUDE (stage_first, date, day, segment, channel, stage_sentiment_score, language);
