-- Which counts of a poll its live card last showed: the poll's counts_version (moved by every vote) as read before the
-- card was drawn, written after each live update (at most one a conversation a second), never by a vote. An open poll
-- whose counts moved past what its card shows, and that has been quiet a while, had its update lost with an instance that
-- stopped (crash, deploy, scale-in): the live card catch-up (LiveCardCatchUp) sends it. A table of its own, so the write
-- never waits on, nor holds, the poll's row that votes update. Polls stored before this migration count as shown.
CREATE TABLE workshop_poll_cards (
    poll_id text PRIMARY KEY,
    shown_version bigint NOT NULL
);
INSERT INTO workshop_poll_cards (poll_id, shown_version)
SELECT poll_id, counts_version FROM workshop_polls WHERE counts_version > 0;
