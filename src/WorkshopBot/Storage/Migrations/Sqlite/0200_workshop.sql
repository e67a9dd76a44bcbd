-- Workshop live polls: who joined, each poll's voting state, votes, and the requests already counted.
-- Votes are rows, not JSON, so counting is exact: one row per (poll, voter, option), and a request id
-- (the activity id) is recorded in the same transaction so a redelivered vote never counts twice.

CREATE TABLE workshop_participants (
    workshop_id     TEXT    NOT NULL,
    user_key        TEXT    NOT NULL,
    channel_user_id TEXT    NOT NULL,
    name            TEXT    NULL,
    agency_id       TEXT    NULL,
    agency_name     TEXT    NULL,
    joined_at       INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, user_key)
);

CREATE TABLE workshop_polls (
    poll_id          TEXT    NOT NULL PRIMARY KEY,
    workshop_id      TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    dots_per_voter   INTEGER NOT NULL,
    max_per_option   INTEGER NOT NULL,
    closes_at        INTEGER NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX ix_workshop_polls_due ON workshop_polls (status, closes_at);

CREATE TABLE workshop_votes (
    poll_id     TEXT    NOT NULL,
    voter_key   TEXT    NOT NULL,
    option_id   TEXT    NOT NULL,
    dots        INTEGER NOT NULL CHECK (dots > 0),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, voter_key, option_id)
);

CREATE TABLE workshop_vote_requests (
    poll_id     TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    voter_key   TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (poll_id, request_id)
);
