-- The PostgreSQL store's schema: the tables, names and meanings of the SQLite migrations 001-004,
-- so the same SQL (filter-sql.ts, analytics-sql.ts) runs on both. Text columns are COLLATE "C"
-- (byte order, as SQLite compares), so sorting, keyset cursors and MIN(label) agree exactly.
-- Dates are UTC ISO 8601 strings (YYYY-MM-DDTHH:MM:SS.sssZ): string order is time order.

-- Full-text search: words are runs of letters and digits (as FTS5's unicode61 cuts them),
-- unaccented, lower-cased and stemmed by Snowball English without a stop-word list (FTS5's
-- porter tokenizer keeps stop words too). unaccent is a trusted extension: a database owner
-- may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY verbatim_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION verbatim_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION verbatim_search
  ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
  WITH unaccent, verbatim_stem;

CREATE TABLE feedback (
  id TEXT COLLATE "C" PRIMARY KEY,    -- the caller's idempotency key
  text TEXT NOT NULL,
  date TEXT COLLATE "C" NOT NULL,
  score INTEGER,
  score_type TEXT COLLATE "C" CHECK (score_type IN ('nps', 'csat', 'ces')),
  score_band TEXT COLLATE "C" CHECK (score_band IN ('promoter', 'passive', 'detractor')),
  segment TEXT COLLATE "C",
  channel TEXT COLLATE "C",
  account_id TEXT COLLATE "C",
  revenue DOUBLE PRECISION,
  metadata JSONB NOT NULL,
  result JSONB NOT NULL,              -- AnalysisResult, evidence spans included
  sentiment_label TEXT COLLATE "C" NOT NULL CHECK (sentiment_label IN ('positive', 'negative', 'neutral', 'mixed')),
  sentiment_score DOUBLE PRECISION NOT NULL,
  sentiment_confidence DOUBLE PRECISION NOT NULL,
  churn_risk DOUBLE PRECISION NOT NULL,
  effort DOUBLE PRECISION NOT NULL,
  urgency DOUBLE PRECISION NOT NULL,
  actionable BOOLEAN NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  -- Analytics columns (SQLite migration 005, src/store/analytics-rows.ts): UTC day, sorted id sets.
  day TEXT COLLATE "C" NOT NULL,
  theme_ids TEXT COLLATE "C" NOT NULL,
  stage_ids TEXT COLLATE "C" NOT NULL,
  search TSVECTOR GENERATED ALWAYS AS (to_tsvector('verbatim_search', regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))) STORED
);

CREATE INDEX feedback_date ON feedback (date, id);
CREATE INDEX feedback_segment ON feedback (segment, date);
CREATE INDEX feedback_channel ON feedback (channel, date);
CREATE INDEX feedback_score ON feedback (score_type, score_band);
CREATE INDEX feedback_sentiment ON feedback (sentiment_label, date);
CREATE INDEX feedback_account ON feedback (account_id);
CREATE INDEX feedback_search ON feedback USING GIN (search);
-- Covering indexes of the analytics aggregates (index-only scans instead of reading wide rows).
CREATE INDEX feedback_scores ON feedback (score_type, score) INCLUDE (date, segment, channel);
CREATE INDEX feedback_days ON feedback (day, score_type, score) INCLUDE (date, segment, channel, sentiment_score);
CREATE INDEX feedback_segment_scores ON feedback (segment, score_type, score) INCLUDE (date, channel);
CREATE INDEX feedback_channel_scores ON feedback (channel, score_type, score) INCLUDE (date, segment);
CREATE INDEX feedback_theme_sets ON feedback (score_type, theme_ids, score) INCLUDE (date, segment, channel);
CREATE INDEX feedback_stage_sets ON feedback (score_type, stage_ids, score) INCLUDE (date, segment, channel);

CREATE TABLE feedback_themes (
  feedback_id TEXT COLLATE "C" NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  theme_id TEXT COLLATE "C" NOT NULL,
  theme_label TEXT COLLATE "C" NOT NULL,
  stage TEXT COLLATE "C" NOT NULL,
  sentiment_label TEXT COLLATE "C" NOT NULL,
  sentiment_score DOUBLE PRECISION NOT NULL,
  -- The record's columns and the stage's merged sentiment, so aggregates need no join.
  date TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  score_type TEXT COLLATE "C",
  score INTEGER,
  segment TEXT COLLATE "C",
  channel TEXT COLLATE "C",
  account_id TEXT COLLATE "C",
  revenue DOUBLE PRECISION,
  stage_first INTEGER NOT NULL,       -- 1 on the record's first theme (by id) of its stage
  stage_sentiment_label TEXT COLLATE "C" NOT NULL,
  stage_sentiment_score DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (feedback_id, theme_id)
);

CREATE INDEX feedback_themes_scores ON feedback_themes
  (theme_id, score_type, score, sentiment_label) INCLUDE (theme_label, stage, date, day, segment, channel, sentiment_score);
CREATE INDEX feedback_themes_stage_scores ON feedback_themes
  (stage, score_type, score, stage_sentiment_label) INCLUDE (stage_first, date, day, segment, channel, stage_sentiment_score);
-- Revenue at risk: detractor mentions per driver and account.
CREATE INDEX feedback_themes_revenue ON feedback_themes (score_type, theme_id, account_id) INCLUDE (score, revenue, date, segment, channel);
CREATE INDEX feedback_themes_stage_revenue ON feedback_themes (score_type, stage, account_id)
  INCLUDE (score, revenue, stage_first, date, segment, channel);

CREATE TABLE feedback_stages (
  feedback_id TEXT COLLATE "C" NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  stage TEXT COLLATE "C" NOT NULL,
  sentiment_label TEXT COLLATE "C" NOT NULL,
  sentiment_score DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (feedback_id, stage)
);

CREATE INDEX feedback_stages_stage ON feedback_stages (stage);

CREATE TABLE taxonomies (
  id TEXT COLLATE "C" PRIMARY KEY,
  json JSONB NOT NULL,
  active BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);

-- At most one active taxonomy.
CREATE UNIQUE INDEX taxonomies_one_active ON taxonomies (active) WHERE active;

CREATE TABLE jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  params JSONB NOT NULL DEFAULT '{}',
  error JSONB,
  created_at TEXT COLLATE "C" NOT NULL,
  started_at TEXT COLLATE "C",
  finished_at TEXT COLLATE "C",
  updated_at TEXT COLLATE "C" NOT NULL
);

CREATE INDEX jobs_status ON jobs (status, created_at);

CREATE TABLE alerts (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  rule JSONB NOT NULL,
  webhook_url TEXT NOT NULL,
  secret TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE alert_deliveries (
  id TEXT COLLATE "C" PRIMARY KEY,
  alert_id TEXT COLLATE "C" NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  feedback_id TEXT COLLATE "C",
  dedupe_key TEXT COLLATE "C",
  payload TEXT NOT NULL,              -- the exact JSON body sent (and signed)
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT COLLATE "C",
  last_status_code INTEGER,
  last_error TEXT,
  created_at TEXT COLLATE "C" NOT NULL,
  delivered_at TEXT COLLATE "C"
);

CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, created_at);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE UNIQUE INDEX alert_deliveries_once ON alert_deliveries (alert_id, feedback_id) WHERE feedback_id IS NOT NULL;
CREATE UNIQUE INDEX alert_deliveries_dedupe ON alert_deliveries (alert_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
