-- A version of a poll's running counts (issue 13). Every write that changes workshop_poll_counts adds to it in the same
-- transaction, so a vote's read can ask for the counts only when they changed since the copy the bot keeps: the 40 rows
-- of a 40-idea board were read and parsed on every vote to draw the voter's ballot.
ALTER TABLE workshop_polls ADD COLUMN counts_version INTEGER NOT NULL DEFAULT 0;
