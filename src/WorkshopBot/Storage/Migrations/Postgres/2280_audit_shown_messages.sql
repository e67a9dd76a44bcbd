-- Messages the bot posted or answered in a person's turn that may show an audit's content, for retention to take down when
-- the audit is purged (AuditPurge): ids only, never what the message said. A message queued through the outbox is found by
-- its dedupe key (outbox_key) until Teams gives it an id, copied here when it is sent; the card an Action.Execute answer
-- replaced is known by its own ids at once. Rows go with their audit.
CREATE TABLE audit_shown_messages (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audit_id        text    NOT NULL,
    tenant_id       text    NOT NULL,
    service_url     text    NOT NULL,
    conversation_id text    NULL,
    activity_id     text    NULL,
    outbox_key      text    NULL,
    created_at      bigint  NOT NULL
);
CREATE UNIQUE INDEX ux_audit_shown_messages_card ON audit_shown_messages (audit_id, conversation_id, activity_id);
CREATE UNIQUE INDEX ux_audit_shown_messages_outbox ON audit_shown_messages (audit_id, outbox_key);
CREATE INDEX ix_audit_shown_messages_outbox_key ON audit_shown_messages (outbox_key) WHERE outbox_key IS NOT NULL;
