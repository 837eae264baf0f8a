-- Tables for the taxonomy, background-job and alert routes.

CREATE TABLE taxonomies (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,                 -- the validated taxonomy document
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- At most one active taxonomy.
CREATE UNIQUE INDEX taxonomies_one_active ON taxonomies (active) WHERE active = 1;

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                 -- e.g. 'retag'
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  params TEXT NOT NULL DEFAULT '{}',  -- JSON
  error TEXT,                         -- JSON { code, message } when failed
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  updated_at TEXT NOT NULL
);

CREATE INDEX jobs_status ON jobs (status, created_at);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  rule TEXT NOT NULL,                 -- JSON rule over stored results
  webhook_url TEXT NOT NULL,
  secret TEXT NOT NULL,               -- HMAC key for delivery signatures
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  feedback_id TEXT,                   -- the record that triggered it, when one did
  payload TEXT NOT NULL,              -- JSON body as sent (kept so nothing is lost while the receiver is down)
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_status_code INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);

CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, created_at);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
-- One delivery per alert and record: re-ingesting a record does not alert twice.
CREATE UNIQUE INDEX alert_deliveries_once ON alert_deliveries (alert_id, feedback_id) WHERE feedback_id IS NOT NULL;
