-- The audit log's ids without AUTOINCREMENT (issue 13). AUTOINCREMENT kept the table's highest id in sqlite_sequence, a
-- row that every insert rewrote: one more page in the write-ahead log for every commit holding an audit line, every
-- group commit of votes among them (the forty-eighth round in ROUNDS.md). All AUTOINCREMENT adds to an INTEGER PRIMARY
-- KEY is that the id of a deleted last row is never given again; this table's rows are never deleted (the trigger below
-- refuses it), so each new line still gets one more than the highest id, as before. PostgreSQL's identity column writes
-- no row per insert and is unchanged. Same columns, ids, indexes and triggers.
CREATE TABLE audit_events_by_id (
    id            INTEGER NOT NULL PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_id      TEXT    NOT NULL,
    actor_name    TEXT    NULL,
    action        TEXT    NOT NULL,
    subject_type  TEXT    NOT NULL,
    subject_id    TEXT    NOT NULL,
    detail_json   TEXT    NULL,
    tenant_id     TEXT    NULL,
    redacted_at   INTEGER NULL
);
INSERT INTO audit_events_by_id (id, at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id, redacted_at)
SELECT id, at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id, redacted_at FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_by_id RENAME TO audit_events;
DELETE FROM sqlite_sequence WHERE name IN ('audit_events', 'audit_events_by_id');
CREATE INDEX ix_audit_events_subject ON audit_events (subject_type, subject_id, id);
CREATE INDEX ix_audit_events_deletions ON audit_events (at) WHERE action IN ('retention.purged', 'retention.orphans.purged');
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id AND NEW.actor_name IS OLD.actor_name
    AND NEW.action = OLD.action AND NEW.subject_type = OLD.subject_type AND NEW.subject_id = OLD.subject_id
    AND NEW.tenant_id IS OLD.tenant_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
