-- Rollups maintained at write time (src/store/rollup-writes.ts, src/store/README.md "Rollups"):
-- per cell of (segment or any, channel or any, all time / month / UTC day, score type) the sums
-- the analyst routes read, so they read a slice of these tables instead of every record.
-- Segment and channel keys: '=value', '-' when missing, '*' for any. The store keeps them in
-- step in each write transaction; back-filled here from the stored rows with the same
-- statements the store runs (rollupStatements(1, '1 = 1')).

CREATE TABLE rollup_records (
  segment_key TEXT NOT NULL, channel_key TEXT NOT NULL, grain INTEGER NOT NULL, bucket TEXT NOT NULL, score_type_key TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0, s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0, s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0, s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0, s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
  sentiment_sum REAL NOT NULL DEFAULT 0, untagged INTEGER NOT NULL DEFAULT 0, with_revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (segment_key, channel_key, grain, bucket, score_type_key)
) WITHOUT ROWID;

CREATE TABLE rollup_drivers (
  level TEXT NOT NULL, driver TEXT NOT NULL, label TEXT NOT NULL, stage TEXT NOT NULL,
  segment_key TEXT NOT NULL, channel_key TEXT NOT NULL, grain INTEGER NOT NULL, bucket TEXT NOT NULL, score_type_key TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0, s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0, s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0, s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0, s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
  sentiment_sum REAL NOT NULL DEFAULT 0, positive INTEGER NOT NULL DEFAULT 0, negative INTEGER NOT NULL DEFAULT 0, neutral INTEGER NOT NULL DEFAULT 0, mixed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (level, segment_key, channel_key, grain, bucket, score_type_key, driver, label, stage)
) WITHOUT ROWID;

CREATE TABLE rollup_sets (
  level TEXT NOT NULL, id_set TEXT NOT NULL,
  segment_key TEXT NOT NULL, channel_key TEXT NOT NULL, grain INTEGER NOT NULL, bucket TEXT NOT NULL, score_type_key TEXT NOT NULL,
  s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0, s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0, s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0, s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (level, segment_key, channel_key, grain, bucket, score_type_key, id_set)
) WITHOUT ROWID;

CREATE TABLE rollup_revenue (
  level TEXT NOT NULL, driver TEXT NOT NULL, account_key TEXT NOT NULL,
  segment_key TEXT NOT NULL, channel_key TEXT NOT NULL, grain INTEGER NOT NULL, bucket TEXT NOT NULL, score_type_key TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0, total REAL NOT NULL DEFAULT 0, top REAL NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (level, segment_key, channel_key, grain, bucket, score_type_key, driver, account_key)
) WITHOUT ROWID;

CREATE INDEX rollup_revenue_dirty ON rollup_revenue (level) WHERE dirty = 1;

-- Back-fill from the stored rows (rollup-writes.ts: rollupStatements(1, '1 = 1')).
INSERT INTO rollup_records (segment_key, channel_key, grain, bucket, score_type_key, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, sentiment_sum, untagged, with_revenue)
  SELECT CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '-') ELSE '*' END, CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '-') ELSE '*' END, gl.g, CASE gl.g WHEN 0 THEN '' WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, COALESCE(x.score_type, ''), COUNT(*), SUM(CASE WHEN x.score = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 5 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 6 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 7 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 8 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 9 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 10 THEN 1 ELSE 0 END), SUM(x.sentiment), SUM(x.untagged), SUM(x.with_revenue)
  FROM (SELECT f.day, f.segment, f.channel, f.score_type, f.score, f.sentiment_score AS sentiment,
  CASE WHEN f.theme_ids = '' THEN 1 ELSE 0 END AS untagged, CASE WHEN f.revenue IS NULL THEN 0 ELSE 1 END AS with_revenue
  FROM feedback f WHERE 1 = 1) x CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl
  WHERE 1 = 1
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (segment_key, channel_key, grain, bucket, score_type_key) DO UPDATE SET n = rollup_records.n + excluded.n, s0 = rollup_records.s0 + excluded.s0, s1 = rollup_records.s1 + excluded.s1, s2 = rollup_records.s2 + excluded.s2, s3 = rollup_records.s3 + excluded.s3, s4 = rollup_records.s4 + excluded.s4, s5 = rollup_records.s5 + excluded.s5, s6 = rollup_records.s6 + excluded.s6, s7 = rollup_records.s7 + excluded.s7, s8 = rollup_records.s8 + excluded.s8, s9 = rollup_records.s9 + excluded.s9, s10 = rollup_records.s10 + excluded.s10, sentiment_sum = rollup_records.sentiment_sum + excluded.sentiment_sum, untagged = rollup_records.untagged + excluded.untagged, with_revenue = rollup_records.with_revenue + excluded.with_revenue;

INSERT INTO rollup_drivers (level, driver, label, stage, segment_key, channel_key, grain, bucket, score_type_key, n, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, sentiment_sum, positive, negative, neutral, mixed)
  SELECT x.level, x.driver, x.label, x.stage, CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '-') ELSE '*' END, CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '-') ELSE '*' END, gl.g, CASE gl.g WHEN 0 THEN '' WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, COALESCE(x.score_type, ''), COUNT(*), SUM(CASE WHEN x.score = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 5 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 6 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 7 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 8 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 9 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 10 THEN 1 ELSE 0 END), SUM(x.sentiment), SUM(CASE WHEN x.sentiment_label = 'positive' THEN 1 ELSE 0 END), SUM(CASE WHEN x.sentiment_label = 'negative' THEN 1 ELSE 0 END), SUM(CASE WHEN x.sentiment_label = 'neutral' THEN 1 ELSE 0 END), SUM(CASE WHEN x.sentiment_label = 'mixed' THEN 1 ELSE 0 END)
  FROM (SELECT 'theme' AS level, t.theme_id AS driver, t.theme_label AS label, t.stage AS stage, t.day, t.segment, t.channel,
  t.score_type, t.score, t.sentiment_score AS sentiment, t.sentiment_label, t.account_id, t.revenue FROM feedback_themes t WHERE 1 = 1 UNION ALL SELECT 'stage' AS level, t.stage AS driver, '' AS label, '' AS stage, t.day, t.segment, t.channel,
  t.score_type, t.score, t.stage_sentiment_score AS sentiment, t.stage_sentiment_label AS sentiment_label, t.account_id, t.revenue
  FROM feedback_themes t WHERE t.stage_first = 1 AND 1 = 1) x CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl
  WHERE 1 = 1
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ORDER BY 1, 5, 6, 7, 8, 9, 2, 3, 4
  ON CONFLICT (level, segment_key, channel_key, grain, bucket, score_type_key, driver, label, stage) DO UPDATE SET n = rollup_drivers.n + excluded.n, s0 = rollup_drivers.s0 + excluded.s0, s1 = rollup_drivers.s1 + excluded.s1, s2 = rollup_drivers.s2 + excluded.s2, s3 = rollup_drivers.s3 + excluded.s3, s4 = rollup_drivers.s4 + excluded.s4, s5 = rollup_drivers.s5 + excluded.s5, s6 = rollup_drivers.s6 + excluded.s6, s7 = rollup_drivers.s7 + excluded.s7, s8 = rollup_drivers.s8 + excluded.s8, s9 = rollup_drivers.s9 + excluded.s9, s10 = rollup_drivers.s10 + excluded.s10, sentiment_sum = rollup_drivers.sentiment_sum + excluded.sentiment_sum, positive = rollup_drivers.positive + excluded.positive, negative = rollup_drivers.negative + excluded.negative, neutral = rollup_drivers.neutral + excluded.neutral, mixed = rollup_drivers.mixed + excluded.mixed;

INSERT INTO rollup_sets (level, id_set, segment_key, channel_key, grain, bucket, score_type_key, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
  SELECT x.level, x.id_set, CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '-') ELSE '*' END, CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '-') ELSE '*' END, gl.g, CASE gl.g WHEN 0 THEN '' WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, COALESCE(x.score_type, ''), SUM(CASE WHEN x.score = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 5 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 6 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 7 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 8 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 9 THEN 1 ELSE 0 END), SUM(CASE WHEN x.score = 10 THEN 1 ELSE 0 END)
  FROM (SELECT 'theme' AS level, f.theme_ids AS id_set, f.day, f.segment, f.channel, f.score_type, f.score FROM feedback f WHERE f.score IS NOT NULL AND 1 = 1
  UNION ALL SELECT 'stage' AS level, f.stage_ids AS id_set, f.day, f.segment, f.channel, f.score_type, f.score FROM feedback f WHERE f.score IS NOT NULL AND 1 = 1) x CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl
  WHERE 1 = 1
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 3, 4, 5, 6, 7, 2
  ON CONFLICT (level, segment_key, channel_key, grain, bucket, score_type_key, id_set) DO UPDATE SET s0 = rollup_sets.s0 + excluded.s0, s1 = rollup_sets.s1 + excluded.s1, s2 = rollup_sets.s2 + excluded.s2, s3 = rollup_sets.s3 + excluded.s3, s4 = rollup_sets.s4 + excluded.s4, s5 = rollup_sets.s5 + excluded.s5, s6 = rollup_sets.s6 + excluded.s6, s7 = rollup_sets.s7 + excluded.s7, s8 = rollup_sets.s8 + excluded.s8, s9 = rollup_sets.s9 + excluded.s9, s10 = rollup_sets.s10 + excluded.s10;

INSERT INTO rollup_revenue (level, driver, account_key, segment_key, channel_key, grain, bucket, score_type_key, n, total, top, dirty)
  SELECT x.level, x.driver, COALESCE('=' || x.account_id, '-'), CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '-') ELSE '*' END, CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '-') ELSE '*' END, gl.g, CASE gl.g WHEN 0 THEN '' WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, COALESCE(x.score_type, ''), COUNT(*), SUM(COALESCE(x.revenue, 0)), MAX(CASE WHEN x.account_id IS NULL THEN 0 ELSE COALESCE(x.revenue, 0) END), 0
  FROM (SELECT 'theme' AS level, t.theme_id AS driver, t.theme_label AS label, t.stage AS stage, t.day, t.segment, t.channel,
  t.score_type, t.score, t.sentiment_score AS sentiment, t.sentiment_label, t.account_id, t.revenue FROM feedback_themes t WHERE t.score IS NOT NULL AND t.score <= CASE t.score_type WHEN 'nps' THEN 6 WHEN 'csat' THEN 2 WHEN 'ces' THEN 3 END AND 1 = 1
  UNION ALL SELECT 'stage' AS level, t.stage AS driver, '' AS label, '' AS stage, t.day, t.segment, t.channel,
  t.score_type, t.score, t.stage_sentiment_score AS sentiment, t.stage_sentiment_label AS sentiment_label, t.account_id, t.revenue
  FROM feedback_themes t WHERE t.stage_first = 1 AND t.score IS NOT NULL AND t.score <= CASE t.score_type WHEN 'nps' THEN 6 WHEN 'csat' THEN 2 WHEN 'ces' THEN 3 END AND 1 = 1) x CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl
  WHERE 1 = 1
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 4, 5, 6, 7, 8, 2, 3
  ON CONFLICT (level, segment_key, channel_key, grain, bucket, score_type_key, driver, account_key) DO UPDATE SET n = rollup_revenue.n + excluded.n, total = rollup_revenue.total + excluded.total, top = CASE WHEN excluded.top > rollup_revenue.top THEN excluded.top ELSE rollup_revenue.top END;

