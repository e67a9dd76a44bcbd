-- The Microsoft 365 group of the team whose channel an upload's intent names (briefing_files.group_id, an id only), kept on
-- the intent's row when its organisation is erased (erase-tenant): the erase takes away the channel's conversation record
-- and the team's group id the deletion would otherwise look the group up in, and without the group the deletion cannot
-- look for the file in the channel's folder. Rows stored before, and every other row, have none and are looked up as before.
ALTER TABLE briefing_files ADD COLUMN group_id TEXT NULL;
