-- Votes at conference scale (issue 13): a vote reads and writes a constant number of rows whatever the size of the
-- poll. Running counts replace the aggregates that read every vote: per option (dots, voters), per poll (voters) and
-- per workshop (participants). Each voter has one row with their dots in use and a version that every change of
-- their ballot raises: a vote is written only if the version is the one its ballot was read at and the poll is open
-- (a failed condition is a conflict, and the turn runs again from fresh reads). Voter rows are never deleted (a reset
-- empties them), so a version is never seen twice. Redelivered votes are caught by the turn's processed mark, written
-- in the same transaction, so workshop_vote_requests is no longer written (kept: retention purges still name it).
ALTER TABLE workshop_polls ADD COLUMN voters INTEGER NOT NULL DEFAULT 0;

CREATE TABLE workshop_voters (
    poll_id     TEXT    NOT NULL,
    voter_key   TEXT    NOT NULL,
    dots        INTEGER NOT NULL CHECK (dots >= 0),
    version     INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, voter_key)
) WITHOUT ROWID;

CREATE TABLE workshop_poll_counts (
    poll_id     TEXT    NOT NULL,
    option_id   TEXT    NOT NULL,
    dots        INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    PRIMARY KEY (poll_id, option_id)
) WITHOUT ROWID;

CREATE TABLE workshop_counts (
    workshop_id   TEXT    NOT NULL PRIMARY KEY,
    participants  INTEGER NOT NULL CHECK (participants >= 0)
) WITHOUT ROWID;

-- Participants in the order they joined, read without sorting the workshop (card refresh lists the first 60).
CREATE INDEX ix_workshop_participants_joined ON workshop_participants (workshop_id, joined_at, user_key);

INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at)
SELECT poll_id, voter_key, SUM(dots), 1, MAX(updated_at) FROM workshop_votes GROUP BY poll_id, voter_key;
INSERT INTO workshop_poll_counts (poll_id, option_id, dots, voters)
SELECT poll_id, option_id, SUM(dots), COUNT(*) FROM workshop_votes GROUP BY poll_id, option_id;
UPDATE workshop_polls SET voters = (SELECT COUNT(*) FROM workshop_voters v WHERE v.poll_id = workshop_polls.poll_id AND v.dots > 0);
INSERT INTO workshop_counts (workshop_id, participants)
SELECT workshop_id, COUNT(*) FROM workshop_participants GROUP BY workshop_id;
