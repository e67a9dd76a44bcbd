-- Workshop live polls: who joined, each poll's voting state, votes, and the requests already counted.
-- Votes are rows, not JSON, so counting is exact: one row per (poll, voter, option), and a request id
-- (the activity id) is recorded in the same transaction so a redelivered vote never counts twice.

CREATE TABLE workshop_participants (
    workshop_id     text    NOT NULL,
    user_key        text    NOT NULL,
    channel_user_id text    NOT NULL,
    name            text    NULL,
    agency_id       text    NULL,
    agency_name     text    NULL,
    joined_at       bigint NOT NULL,
    PRIMARY KEY (workshop_id, user_key)
);

CREATE TABLE workshop_polls (
    poll_id          text    NOT NULL PRIMARY KEY,
    workshop_id      text    NOT NULL,
    status           text    NOT NULL,
    dots_per_voter   integer NOT NULL,
    max_per_option   integer NOT NULL,
    closes_at        bigint NULL,
    updated_at       bigint NOT NULL
);
CREATE INDEX ix_workshop_polls_due ON workshop_polls (status, closes_at);

CREATE TABLE workshop_votes (
    poll_id     text    NOT NULL,
    voter_key   text    NOT NULL,
    option_id   text    NOT NULL,
    dots        integer NOT NULL CHECK (dots > 0),
    updated_at  bigint NOT NULL,
    PRIMARY KEY (poll_id, voter_key, option_id)
);

CREATE TABLE workshop_vote_requests (
    poll_id     text    NOT NULL,
    request_id  text    NOT NULL,
    voter_key   text    NOT NULL,
    at          bigint NOT NULL,
    PRIMARY KEY (poll_id, request_id)
);
