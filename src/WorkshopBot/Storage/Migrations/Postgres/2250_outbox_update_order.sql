-- The updates of one posted card are sent in order, the newest last (SqlOutboxStore.TakeUpdateTurnAsync): before an update
-- goes, the outbox looks for a newer update of the same card (which supersedes it) and for an older one still in flight
-- (which it waits for). These indexes find the other updates of a card by the posted message they name, or by the
-- conversation's activity id, without reading the whole outbox.
CREATE INDEX ix_outbox_update_of ON outbox_messages (update_of_key, id) WHERE update_of_key IS NOT NULL;
CREATE INDEX ix_outbox_activity ON outbox_messages (activity_id, id) WHERE activity_id IS NOT NULL;
