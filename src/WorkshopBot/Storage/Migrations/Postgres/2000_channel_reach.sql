-- Which channels a chair may publish a briefing to. A channel's type as Teams names it in channelData.channel.type
-- ("standard", "private", "shared"; null when Teams has not said), and the people the bot has seen in a channel (who
-- wrote or pressed something there, or whom Teams reported added to it): Entra object ids only, no names.
ALTER TABLE conversations ADD COLUMN channel_type text NULL;

CREATE TABLE channel_members (
    conversation_id     text    NOT NULL,
    user_aad_object_id  text    NOT NULL,
    tenant_id           text    NULL,
    seen_at             bigint NOT NULL,
    PRIMARY KEY (conversation_id, user_aad_object_id)
);
CREATE INDEX ix_channel_members_user ON channel_members (user_aad_object_id);
