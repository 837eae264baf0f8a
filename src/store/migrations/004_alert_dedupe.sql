-- A delivery's identity within its alert: `feedback:<id>` for per-record rules, or
-- `emerging:<theme>:<period>` for the emerging-theme rule, which no single record triggers.
-- Unique per alert so an alert fires once per record and once per emerging theme and window.

ALTER TABLE alert_deliveries ADD COLUMN dedupe_key TEXT;

CREATE UNIQUE INDEX alert_deliveries_dedupe ON alert_deliveries (alert_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
