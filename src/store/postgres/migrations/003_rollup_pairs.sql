-- Pair rollups (src/store/rollup-writes.ts, src/store/README.md "Rollups"): per cell and ordered
-- pair of drivers (themes, or stages) mentioned by one scored record, the left one's sentiment
-- sum and the product of both (a driver paired with itself: sentiment, its square, sentiment x
-- score), the sentiment sums of the drivers regression (sentiment=true). Kept in step in each
-- write transaction like the tables of the previous rollup migration; back-filled here with the
-- statement the store runs (rollupStatements(1, '1 = 1')).

CREATE TABLE rollup_pairs (
  level TEXT COLLATE "C" NOT NULL, driver TEXT COLLATE "C" NOT NULL, other TEXT COLLATE "C" NOT NULL,
  segment_key TEXT COLLATE "C" NOT NULL, channel_key TEXT COLLATE "C" NOT NULL, grain INTEGER NOT NULL, bucket TEXT COLLATE "C" NOT NULL, score_type_key TEXT COLLATE "C" NOT NULL,
  n INTEGER NOT NULL DEFAULT 0, sentiment_sum DOUBLE PRECISION NOT NULL DEFAULT 0, product DOUBLE PRECISION NOT NULL DEFAULT 0, outcome_product DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (level, segment_key, channel_key, grain, bucket, score_type_key, driver, other)
);

-- Back-fill from the stored rows.
INSERT INTO rollup_pairs (level, driver, other, segment_key, channel_key, grain, bucket, score_type_key, n, sentiment_sum, product, outcome_product)
  SELECT x.level, x.driver, x.other, CASE WHEN cl.c IN (1, 3) THEN COALESCE('=' || x.segment, '-') ELSE '*' END, CASE WHEN cl.c IN (2, 3) THEN COALESCE('=' || x.channel, '-') ELSE '*' END, gl.g, CASE gl.g WHEN 0 THEN '' WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, COALESCE(x.score_type, ''), COUNT(*), SUM(x.sentiment), SUM(x.sentiment * x.other_sentiment), SUM(x.sentiment * x.score)
  FROM (SELECT 'theme' AS level, a.theme_id AS driver, b.theme_id AS other, a.day, a.segment, a.channel, a.score_type, a.score, a.sentiment_score AS sentiment, b.sentiment_score AS other_sentiment
    FROM feedback_themes a JOIN feedback_themes b ON b.feedback_id = a.feedback_id WHERE a.score IS NOT NULL AND 1 = 1
    UNION ALL SELECT 'stage' AS level, a.stage AS driver, b.stage AS other, a.day, a.segment, a.channel, a.score_type, a.score, a.stage_sentiment_score AS sentiment, b.stage_sentiment_score AS other_sentiment
    FROM feedback_themes a JOIN feedback_themes b ON b.feedback_id = a.feedback_id AND b.stage_first = 1 WHERE a.stage_first = 1 AND a.score IS NOT NULL AND 1 = 1) x CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL SELECT 2) gl CROSS JOIN (SELECT 0 AS c UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) cl
  WHERE 1 = 1
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 4, 5, 6, 7, 8, 2, 3
  ON CONFLICT (level, segment_key, channel_key, grain, bucket, score_type_key, driver, other) DO UPDATE SET n = rollup_pairs.n + excluded.n, sentiment_sum = rollup_pairs.sentiment_sum + excluded.sentiment_sum, product = rollup_pairs.product + excluded.product, outcome_product = rollup_pairs.outcome_product + excluded.outcome_product;
