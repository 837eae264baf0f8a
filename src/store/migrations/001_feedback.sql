-- Feedback records with their analysis, plus normalized theme and stage rows for aggregation.
-- Portable SQL where cheap: the PostgreSQL store will mirror these tables and names.
-- Dates are UTC ISO 8601 strings (YYYY-MM-DDTHH:MM:SS.sssZ): string order is time order.

CREATE TABLE feedback (
  seq INTEGER PRIMARY KEY,            -- stable row number (full-text index key); never exposed
  id TEXT NOT NULL UNIQUE,            -- the caller's idempotency key
  text TEXT NOT NULL,
  date TEXT NOT NULL,
  score INTEGER,
  score_type TEXT CHECK (score_type IN ('nps', 'csat', 'ces')),
  score_band TEXT CHECK (score_band IN ('promoter', 'passive', 'detractor')),
  segment TEXT,
  channel TEXT,
  account_id TEXT,
  revenue REAL,
  metadata TEXT NOT NULL,             -- JSON object
  result TEXT NOT NULL,               -- JSON AnalysisResult, evidence spans included
  sentiment_label TEXT NOT NULL CHECK (sentiment_label IN ('positive', 'negative', 'neutral', 'mixed')),
  sentiment_score REAL NOT NULL,
  sentiment_confidence REAL NOT NULL,
  churn_risk REAL NOT NULL,
  effort REAL NOT NULL,
  urgency REAL NOT NULL,
  actionable INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX feedback_date ON feedback (date, id);
CREATE INDEX feedback_segment ON feedback (segment, date);
CREATE INDEX feedback_channel ON feedback (channel, date);
CREATE INDEX feedback_score ON feedback (score_type, score_band);
CREATE INDEX feedback_sentiment ON feedback (sentiment_label, date);
CREATE INDEX feedback_account ON feedback (account_id);

CREATE TABLE feedback_themes (
  feedback_id TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL,
  theme_label TEXT NOT NULL,
  stage TEXT NOT NULL,
  sentiment_label TEXT NOT NULL,
  sentiment_score REAL NOT NULL,
  PRIMARY KEY (feedback_id, theme_id)
);

CREATE INDEX feedback_themes_theme ON feedback_themes (theme_id);
CREATE INDEX feedback_themes_stage ON feedback_themes (stage);

CREATE TABLE feedback_stages (
  feedback_id TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  sentiment_label TEXT NOT NULL,
  sentiment_score REAL NOT NULL,
  PRIMARY KEY (feedback_id, stage)
);

CREATE INDEX feedback_stages_stage ON feedback_stages (stage);
