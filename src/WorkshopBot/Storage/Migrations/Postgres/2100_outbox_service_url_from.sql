-- The conversation whose serviceUrl a card to a person was queued with (an audit's or an action plan's channel), when the
-- person has no 1:1 chat with the bot yet: at send time the card goes to that conversation's serviceUrl as last heard,
-- not the copy taken when it was queued. Messages queued before keep no source and are sent as before.
ALTER TABLE outbox_messages ADD COLUMN service_url_from text NULL;
