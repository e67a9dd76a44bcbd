-- A voter's dots per option in the voter's own row (issue 13, the fiftieth round in ROUNDS.md). The voter's version and
-- dots in use (workshop_voters) and their dots per option (workshop_votes) were two b-trees with the same key (poll,
-- voter), so a vote wrote a page of each. The ballot is now a column of the voter's row, in the text the voter's read
-- already built: entries "dots, option id", the fields apart by char(31) and the entries by char(30), '' for none
-- (VoterBallots). A vote writes it in the statement that checks the voter's version. Every dot stored is kept: a voter's
-- rows become their ballot; a voter with dots but no row (none is written so) gets one, at version 1. The running counts
-- and the polls' rows are not touched.
ALTER TABLE workshop_voters ADD COLUMN ballot TEXT NOT NULL DEFAULT '';

INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at)
SELECT poll_id, voter_key, SUM(dots), 1, MAX(updated_at) FROM workshop_votes WHERE true GROUP BY poll_id, voter_key
ON CONFLICT (poll_id, voter_key) DO NOTHING;

UPDATE workshop_voters SET ballot = (
    SELECT string_agg(v.dots || char(31) || v.option_id, char(30) ORDER BY v.option_id) FROM workshop_votes v
    WHERE v.poll_id = workshop_voters.poll_id AND v.voter_key = workshop_voters.voter_key)
WHERE EXISTS (SELECT 1 FROM workshop_votes v WHERE v.poll_id = workshop_voters.poll_id AND v.voter_key = workshop_voters.voter_key);

DROP TABLE workshop_votes;
