-- When a message that failed for good (failed, or blocked) was reported: its card queued to the partnership admins'
-- channel, or no card found due. Null until then; the outbox dispatcher reports again the recent ones still null, so a
-- crash between storing the failure and queueing its card loses no alert. Messages that failed before this release were
-- reported then (or their report was lost before it could be kept): marked reported, so an upgrade reports none again.
ALTER TABLE outbox_messages ADD COLUMN reported_at bigint NULL;
UPDATE outbox_messages SET reported_at = COALESCE(completed_at, updated_at) WHERE status IN ('Failed', 'Blocked');

-- The ones not yet reported, by when they failed. Partial: a handful of rows at most.
CREATE INDEX ix_outbox_unreported ON outbox_messages (completed_at) WHERE reported_at IS NULL AND status IN ('Failed', 'Blocked');
