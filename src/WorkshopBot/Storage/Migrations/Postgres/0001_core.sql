-- Core storage: conversation references, inbound de-duplication, durable outbox, documents, audit log.
-- Timestamps are unix milliseconds (bigint).

CREATE TABLE conversations (
    conversation_id     text    NOT NULL PRIMARY KEY,
    service_url         text    NOT NULL,
    tenant_id           text    NULL,
    channel_id          text    NOT NULL,
    kind                text    NOT NULL,
    team_id             text    NULL,
    team_name           text    NULL,
    channel_name        text    NULL,
    user_id             text    NULL,
    user_aad_object_id  text    NULL,
    user_name           text    NULL,
    bot_id              text    NOT NULL,
    active              boolean NOT NULL,
    updated_at          bigint  NOT NULL
);
CREATE INDEX ix_conversations_kind_active ON conversations (kind, active);
CREATE INDEX ix_conversations_team ON conversations (team_id);
CREATE INDEX ix_conversations_user_aad ON conversations (user_aad_object_id);
CREATE INDEX ix_conversations_user_id ON conversations (user_id);

CREATE TABLE processed_activities (
    conversation_id text   NOT NULL,
    activity_id     text   NOT NULL,
    processed_at    bigint NOT NULL,
    PRIMARY KEY (conversation_id, activity_id)
);
CREATE INDEX ix_processed_activities_at ON processed_activities (processed_at);

CREATE TABLE outbox_messages (
    id                      bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id               text    NOT NULL,
    kind                    text    NOT NULL,
    service_url             text    NOT NULL,
    conversation_id         text    NULL,
    target_user_id          text    NULL,
    target_channel_id       text    NULL,
    activity_id             text    NULL,
    payload_json            text    NOT NULL,
    dedupe_key              text    NOT NULL UNIQUE,
    correlation_id          text    NULL,
    status                  text    NOT NULL,
    attempts                integer NOT NULL DEFAULT 0,
    next_attempt_at         bigint  NOT NULL,
    lease_until             bigint  NULL,
    lease_owner             text    NULL,
    sent_activity_id        text    NULL,
    result_conversation_id  text    NULL,
    last_error              text    NULL,
    created_at              bigint  NOT NULL,
    updated_at              bigint  NOT NULL,
    completed_at            bigint  NULL
);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX ix_outbox_lease ON outbox_messages (status, lease_until);
CREATE INDEX ix_outbox_correlation ON outbox_messages (correlation_id);

CREATE TABLE documents (
    collection  text   NOT NULL,
    id          text   NOT NULL,
    version     bigint NOT NULL,
    json        text   NOT NULL,
    key1        text   NULL,
    key2        text   NULL,
    updated_at  bigint NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX ix_documents_key1 ON documents (collection, key1);
CREATE INDEX ix_documents_key2 ON documents (collection, key2);

CREATE TABLE audit_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            bigint NOT NULL,
    actor_id      text   NOT NULL,
    actor_name    text   NULL,
    action        text   NOT NULL,
    subject_type  text   NOT NULL,
    subject_id    text   NOT NULL,
    detail_json   text   NULL
);
CREATE INDEX ix_audit_events_subject ON audit_events (subject_type, subject_id, id);

-- The audit log is evidence: the database itself refuses edits and deletions (TRUNCATE included).
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
