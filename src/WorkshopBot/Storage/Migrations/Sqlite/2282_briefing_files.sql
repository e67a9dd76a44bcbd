-- Each Word file of a briefing the bot put in a channel's Files (SharePoint): where Graph keeps it (drive id, drive item id),
-- recorded with the upload's outcome, so it can be deleted later; ids only, never its name or text. status: Kept (in the
-- channel's Files), Pending (to be deleted: its version was withdrawn, its audit purged, or its post no longer shows it when
-- the upload finished), Deleted, or Failed (Graph refused the deletion for good; reported to the admins, kept in view). The
-- deletion is queued in the same transaction as the withdrawal or the purge; a background pass claims it under a lease.
CREATE TABLE briefing_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    audit_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    channel_id TEXT NOT NULL,
    drive_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
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

CREATE INDEX ix_briefing_files_audit ON briefing_files (audit_id, version);
CREATE INDEX ix_briefing_files_due ON briefing_files (next_attempt_at) WHERE status = 'Pending';
