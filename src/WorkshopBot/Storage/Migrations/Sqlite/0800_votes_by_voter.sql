-- A voter's dots kept together (issue 13). workshop_votes was a rowid table with its key in a separate index: a row went
-- to the end of the table when first written, so a voter's dots lay on as many pages as they had options, and reading
-- a ballot or moving a dot read and wrote the index and the table. WITHOUT ROWID keeps the rows in key order (poll,
-- voter, option), so a voter's rows share a page or two and a vote writes one tree. Same columns, same key, same rows.
CREATE TABLE workshop_votes_by_voter (
    poll_id     TEXT    NOT NULL,
    voter_key   TEXT    NOT NULL,
    option_id   TEXT    NOT NULL,
    dots        INTEGER NOT NULL CHECK (dots > 0),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, voter_key, option_id)
) WITHOUT ROWID;
INSERT INTO workshop_votes_by_voter (poll_id, voter_key, option_id, dots, updated_at)
SELECT poll_id, voter_key, option_id, dots, updated_at FROM workshop_votes;
DROP TABLE workshop_votes;
ALTER TABLE workshop_votes_by_voter RENAME TO workshop_votes;
