-- The audit log stays append-only, with one exception: when retention purges an audit, the lines that named its case
-- (a case reference, its title) have their detail replaced, in the purge's transaction (Audits/Jobs/AuditPurge.Redaction.cs).
-- A line is redacted once (redacted_at set, never cleared), and a redaction keeps who, what, when, the subject and the
-- tenant as they were: any other update is refused as before; deletion and TRUNCATE stay refused.
ALTER TABLE audit_events ADD COLUMN redacted_at bigint NULL;
CREATE FUNCTION audit_events_redaction_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id
        AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name AND NEW.action = OLD.action
        AND NEW.subject_type = OLD.subject_type AND NEW.subject_id = OLD.subject_id
        AND NEW.tenant_id IS NOT DISTINCT FROM OLD.tenant_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
DROP TRIGGER audit_events_no_update_delete ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_redaction_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
