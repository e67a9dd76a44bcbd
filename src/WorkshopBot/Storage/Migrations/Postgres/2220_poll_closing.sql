-- A close of voting is stored in the vote store before the turn that saves the closed poll, so that no vote lands after
-- the card's final tally is read. Until that turn commits, the poll's row says a close is unfinished: when it was made
-- (closing_at) and which opening of the poll it closed (closing_opening). A turn that never commits (the process died, or
-- the turn was given up after conflicts) leaves the mark behind, and the phase timer finishes the close: the saved poll,
-- its log entry and its card. Rows from before this migration have no unfinished close.
ALTER TABLE workshop_polls ADD COLUMN closing_at bigint NULL;
ALTER TABLE workshop_polls ADD COLUMN closing_opening integer NULL;
CREATE INDEX ix_workshop_polls_closing ON workshop_polls (closing_at) WHERE closing_at IS NOT NULL;
