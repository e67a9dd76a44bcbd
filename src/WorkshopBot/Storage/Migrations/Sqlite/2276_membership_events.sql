-- Membership as Teams reports it. left_with_team marks a conversation made inactive because the bot left its team (or the
-- team was deleted or archived), so the team's return (the bot added back, the team restored or unarchived) makes it usable
-- again; a channel deleted on its own, or refused by Teams, stays inactive. channel_members.user_id is the member's
-- Bot Framework id ("29:..."): Teams' teamMemberRemoved and channelMemberRemoved may name a person by it alone.
ALTER TABLE conversations ADD COLUMN left_with_team INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel_members ADD COLUMN user_id TEXT NULL;
CREATE INDEX ix_channel_members_user_id ON channel_members (user_id) WHERE user_id IS NOT NULL;
