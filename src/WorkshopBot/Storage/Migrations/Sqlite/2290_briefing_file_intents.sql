-- An upload's intent, recorded before the bot puts a Word file in a channel's Files: a row of briefing_files with no drive
-- or item id yet, and a keyed fingerprint of the file's name (name_hash: HMAC-SHA256 under a key derived from the
-- deployment's, see FileNameFingerprints; never the name, which carries the briefing's title), so a
-- withdrawal or a purge that follows a crash between Graph storing the file and the bot recording its ids still finds the
-- file in the channel's folder and deletes it. The row is replaced by the file's own once the upload's outcome is kept.
-- SQLite cannot drop NOT NULL from a column, so the table is copied: same rows, same ids.
CREATE TABLE briefing_files_with_intents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    audit_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    channel_id TEXT NOT NULL,
    drive_id TEXT NULL,
    item_id TEXT NULL,
    name_hash TEXT NULL,
    status TEXT NOT NULL,
    reason TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NULL,
    lease_owner TEXT NULL,
    lease_until INTEGER NULL,
    last_error TEXT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER NULL,
    reported_at INTEGER NULL,
    UNIQUE (drive_id, item_id)
);
INSERT INTO briefing_files_with_intents (id, tenant_id, audit_id, version, channel_id, drive_id, item_id, status, reason, attempts,
    next_attempt_at, lease_owner, lease_until, last_error, created_at, updated_at, completed_at, reported_at)
SELECT id, tenant_id, audit_id, version, channel_id, drive_id, item_id, status, reason, attempts, next_attempt_at, lease_owner,
    lease_until, last_error, created_at, updated_at, completed_at, reported_at FROM briefing_files;
DROP TABLE briefing_files;
ALTER TABLE briefing_files_with_intents RENAME TO briefing_files;
CREATE INDEX ix_briefing_files_audit ON briefing_files (audit_id, version);
CREATE INDEX ix_briefing_files_due ON briefing_files (next_attempt_at) WHERE status = 'Pending';
CREATE UNIQUE INDEX ux_briefing_files_intent ON briefing_files (audit_id, version, channel_id) WHERE drive_id IS NULL;
-- Rows of files deleted long ago are pruned by their completion time.
CREATE INDEX ix_briefing_files_completed ON briefing_files (completed_at) WHERE status = 'Deleted';
