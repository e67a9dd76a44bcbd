-- The audit log stays append-only, with one exception: when retention purges an audit, the lines that named its case
-- (a case reference, its title) have their detail replaced, in the purge's transaction (Audits/Jobs/AuditPurge.Redaction.cs).
-- A line is redacted once (redacted_at set, never cleared), and a redaction keeps who, what, when, the subject and the
-- tenant as they were: any other update is refused as before, and deletion stays refused.
ALTER TABLE audit_events ADD COLUMN redacted_at INTEGER NULL;
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id AND NEW.actor_name IS OLD.actor_name
    AND NEW.action = OLD.action AND NEW.subject_type = OLD.subject_type AND NEW.subject_id = OLD.subject_id
    AND NEW.tenant_id IS OLD.tenant_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
