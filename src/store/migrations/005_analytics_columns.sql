-- Analytics in SQL (analytics-sql.ts, src/store/README.md): every theme mention row carries its
-- record's day, score and filter columns plus its stage's merged sentiment, so theme and stage
-- aggregates read feedback_themes alone; records carry their UTC day and sorted theme and stage
-- id sets (co-mention counts group by them). Written by the store on every upsert; back-filled
-- here for existing rows. The covering indexes are ordered as the GROUP BYs, so SQLite
-- aggregates while it scans instead of sorting.

ALTER TABLE feedback ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN theme_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN stage_ids TEXT NOT NULL DEFAULT '';

ALTER TABLE feedback_themes ADD COLUMN date TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_themes ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_themes ADD COLUMN score_type TEXT;
ALTER TABLE feedback_themes ADD COLUMN score INTEGER;
ALTER TABLE feedback_themes ADD COLUMN segment TEXT;
ALTER TABLE feedback_themes ADD COLUMN channel TEXT;
ALTER TABLE feedback_themes ADD COLUMN account_id TEXT;
ALTER TABLE feedback_themes ADD COLUMN revenue REAL;
ALTER TABLE feedback_themes ADD COLUMN stage_first INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feedback_themes ADD COLUMN stage_sentiment_label TEXT NOT NULL DEFAULT 'neutral';
ALTER TABLE feedback_themes ADD COLUMN stage_sentiment_score REAL NOT NULL DEFAULT 0;

UPDATE feedback SET
  day = substr(date, 1, 10),
  theme_ids = COALESCE((SELECT group_concat(t.theme_id, char(31) ORDER BY t.theme_id) FROM feedback_themes t WHERE t.feedback_id = feedback.id), ''),
  stage_ids = COALESCE((SELECT group_concat(s.stage, char(31) ORDER BY s.stage)
    FROM (SELECT DISTINCT t.stage FROM feedback_themes t WHERE t.feedback_id = feedback.id) s), '');

UPDATE feedback_themes SET (date, day, score_type, score, segment, channel, account_id, revenue) =
  (SELECT f.date, f.day, f.score_type, f.score, f.segment, f.channel, f.account_id, f.revenue FROM feedback f WHERE f.id = feedback_themes.feedback_id);

-- The stage columns as analytics-rows.ts computes them (the mean may differ in the last bit).
UPDATE feedback_themes SET
  stage_first = (theme_id = (SELECT MIN(x.theme_id) FROM feedback_themes x WHERE x.feedback_id = feedback_themes.feedback_id AND x.stage = feedback_themes.stage)),
  stage_sentiment_score = (SELECT AVG(x.sentiment_score) FROM feedback_themes x WHERE x.feedback_id = feedback_themes.feedback_id AND x.stage = feedback_themes.stage),
  stage_sentiment_label = (SELECT CASE
      WHEN SUM(x.sentiment_label <> 'neutral') = 0 THEN 'neutral'
      WHEN COUNT(DISTINCT CASE WHEN x.sentiment_label <> 'neutral' THEN x.sentiment_label END) = 1 THEN MAX(CASE WHEN x.sentiment_label <> 'neutral' THEN x.sentiment_label END)
      ELSE 'mixed' END
    FROM feedback_themes x WHERE x.feedback_id = feedback_themes.feedback_id AND x.stage = feedback_themes.stage);

CREATE INDEX feedback_scores ON feedback (score_type, score, date, segment, channel);
CREATE INDEX feedback_days ON feedback (day, score_type, score, date, segment, channel, sentiment_score);
CREATE INDEX feedback_segment_scores ON feedback (segment, score_type, score, date, channel);
CREATE INDEX feedback_channel_scores ON feedback (channel, score_type, score, date, segment);
CREATE INDEX feedback_theme_sets ON feedback (score_type, theme_ids, score, date, segment, channel);
CREATE INDEX feedback_stage_sets ON feedback (score_type, stage_ids, score, date, segment, channel);

DROP INDEX feedback_themes_theme;
DROP INDEX feedback_themes_stage;
CREATE INDEX feedback_themes_scores ON feedback_themes
  (theme_id, score_type, score, sentiment_label, theme_label, stage, date, segment, channel, day, sentiment_score);
CREATE INDEX feedback_themes_stage_scores ON feedback_themes
  (stage, score_type, score, stage_sentiment_label, stage_first, date, segment, channel, day, stage_sentiment_score);
-- Revenue at risk: detractor mentions per driver and account, in that order.
CREATE INDEX feedback_themes_revenue ON feedback_themes (score_type, theme_id, account_id, score, revenue, date, segment, channel);
CREATE INDEX feedback_themes_stage_revenue ON feedback_themes
  (score_type, stage, account_id, score, revenue, stage_first, date, segment, channel);
