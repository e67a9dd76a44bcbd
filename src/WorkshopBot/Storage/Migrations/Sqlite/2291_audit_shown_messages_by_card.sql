-- A card answered in place in a 1:1 chat is looked up by its own ids (conversation, activity) whatever audits it was
-- recorded as showing: an Action.Execute answer that replaces it with a card of its own forgets the records of the audits
-- that answer did not read (ShownMessages), so the table no longer grows with every list shown until each audit's purge.
CREATE INDEX ix_audit_shown_messages_by_card ON audit_shown_messages (conversation_id, activity_id) WHERE activity_id IS NOT NULL;
