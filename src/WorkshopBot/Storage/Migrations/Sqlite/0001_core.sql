-- Core storage: conversation references, inbound de-duplication, durable outbox, documents, audit log.
-- Timestamps are unix milliseconds (INTEGER). Booleans are 0/1.

CREATE TABLE conversations (
    conversation_id     TEXT    NOT NULL PRIMARY KEY,
    service_url         TEXT    NOT NULL,
    tenant_id           TEXT    NULL,
    channel_id          TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    team_id             TEXT    NULL,
    team_name           TEXT    NULL,
    channel_name        TEXT    NULL,
    user_id             TEXT    NULL,
    user_aad_object_id  TEXT    NULL,
    user_name           TEXT    NULL,
    bot_id              TEXT    NOT NULL,
    active              INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX ix_conversations_kind_active ON conversations (kind, active);
CREATE INDEX ix_conversations_team ON conversations (team_id);
CREATE INDEX ix_conversations_user_aad ON conversations (user_aad_object_id);
CREATE INDEX ix_conversations_user_id ON conversations (user_id);

CREATE TABLE processed_activities (
    conversation_id TEXT    NOT NULL,
    activity_id     TEXT    NOT NULL,
    processed_at    INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, activity_id)
);
CREATE INDEX ix_processed_activities_at ON processed_activities (processed_at);

CREATE TABLE outbox_messages (
    id                      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id               TEXT    NOT NULL,
    kind                    TEXT    NOT NULL,
    service_url             TEXT    NOT NULL,
    conversation_id         TEXT    NULL,
    target_user_id          TEXT    NULL,
    target_channel_id       TEXT    NULL,
    activity_id             TEXT    NULL,
    payload_json            TEXT    NOT NULL,
    dedupe_key              TEXT    NOT NULL UNIQUE,
    correlation_id          TEXT    NULL,
    status                  TEXT    NOT NULL,
    attempts                INTEGER NOT NULL DEFAULT 0,
    next_attempt_at         INTEGER NOT NULL,
    lease_until             INTEGER NULL,
    lease_owner             TEXT    NULL,
    sent_activity_id        TEXT    NULL,
    result_conversation_id  TEXT    NULL,
    last_error              TEXT    NULL,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    completed_at            INTEGER NULL
);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX ix_outbox_lease ON outbox_messages (status, lease_until);
CREATE INDEX ix_outbox_correlation ON outbox_messages (correlation_id);

CREATE TABLE documents (
    collection  TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    json        TEXT    NOT NULL,
    key1        TEXT    NULL,
    key2        TEXT    NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX ix_documents_key1 ON documents (collection, key1);
CREATE INDEX ix_documents_key2 ON documents (collection, key2);

CREATE TABLE audit_events (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    actor_id      TEXT    NOT NULL,
    actor_name    TEXT    NULL,
    action        TEXT    NOT NULL,
    subject_type  TEXT    NOT NULL,
    subject_id    TEXT    NOT NULL,
    detail_json   TEXT    NULL
);
CREATE INDEX ix_audit_events_subject ON audit_events (subject_type, subject_id, id);

-- The audit log is evidence: the database itself refuses edits and deletions.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
