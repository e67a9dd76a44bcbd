-- Exactly-once effects: the processed mark keeps the answer given, so a redelivered activity gets the same answer;
-- documents carry their tenant; the outbox records when a send started (only those can arrive twice after a crash)
-- and can update a card by the dedupe key of the message that posted it.
ALTER TABLE processed_activities ADD COLUMN response_status integer NULL;
ALTER TABLE processed_activities ADD COLUMN response_json text NULL;
ALTER TABLE documents ADD COLUMN tenant_id text NULL;
CREATE INDEX ix_documents_tenant ON documents (collection, tenant_id);
ALTER TABLE outbox_messages ADD COLUMN attempt_started_at bigint NULL;
ALTER TABLE outbox_messages ADD COLUMN update_of_key text NULL;
CREATE INDEX ix_outbox_owner ON outbox_messages (lease_owner, status);
