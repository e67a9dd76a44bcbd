-- Messages the bot posted or answered in a person's turn that may show an audit's content, for retention to take down when
-- the audit is purged (AuditPurge): ids only, never what the message said. A message queued through the outbox is found by
-- its dedupe key (outbox_key) until Teams gives it an id, copied here when it is sent; the card an Action.Execute answer
-- replaced is known by its own ids at once. Rows go with their audit.
CREATE TABLE audit_shown_messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_id        TEXT    NOT NULL,
    tenant_id       TEXT    NOT NULL,
    service_url     TEXT    NOT NULL,
    conversation_id TEXT    NULL,
    activity_id     TEXT    NULL,
    outbox_key      TEXT    NULL,
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_audit_shown_messages_card ON audit_shown_messages (audit_id, conversation_id, activity_id);
CREATE UNIQUE INDEX ux_audit_shown_messages_outbox ON audit_shown_messages (audit_id, outbox_key);
CREATE INDEX ix_audit_shown_messages_outbox_key ON audit_shown_messages (outbox_key) WHERE outbox_key IS NOT NULL;
