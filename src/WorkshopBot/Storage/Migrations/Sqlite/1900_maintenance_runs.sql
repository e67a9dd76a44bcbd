-- One-off maintenance that runs once per store after an upgrade (the identifier sweep): a row says it ran to the end, so
-- no instance runs it again. Counts only in detail_json, never text.
CREATE TABLE maintenance_runs (
    name          TEXT    NOT NULL PRIMARY KEY,
    completed_at  INTEGER NOT NULL,
    detail_json   TEXT    NULL
);
