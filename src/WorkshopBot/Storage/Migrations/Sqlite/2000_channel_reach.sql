-- Which channels a chair may publish a briefing to. A channel's type as Teams names it in channelData.channel.type
-- ("standard", "private", "shared"; null when Teams has not said), and the people the bot has seen in a channel (who
-- wrote or pressed something there, or whom Teams reported added to it): Entra object ids only, no names.
ALTER TABLE conversations ADD COLUMN channel_type TEXT NULL;

CREATE TABLE channel_members (
    conversation_id     TEXT    NOT NULL,
    user_aad_object_id  TEXT    NOT NULL,
    tenant_id           TEXT    NULL,
    seen_at             INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_aad_object_id)
);
CREATE INDEX ix_channel_members_user ON channel_members (user_aad_object_id);
