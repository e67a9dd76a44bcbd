-- The workshop version at which what a vote on the poll is decided on last changed (Poll.VoteBasis: its ideas shown, its
-- phase, openings, resets and dots rules). A save of the workshop that changes a poll's basis sets it, in the same
-- transaction; a vote decided on the workshop read at some version counts only while the poll's basis_version is no later.
-- Before, a vote was checked against the whole workshop document's version, so every idea posted to another board, every
-- other poll created and every card posted sent the votes in flight back to fresh reads, and some ran out of attempts.
-- Existing polls start at their workshop's current version: a vote decided before this migration reads again.
ALTER TABLE workshop_polls ADD COLUMN basis_version bigint NOT NULL DEFAULT 0;
UPDATE workshop_polls SET basis_version = COALESCE((SELECT d.version FROM documents d
    WHERE d.collection = 'workshops' AND d.id = workshop_polls.workshop_id), 0);
