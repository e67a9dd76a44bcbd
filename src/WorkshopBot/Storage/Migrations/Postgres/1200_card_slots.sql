-- Live card updates paced across instances: one row per conversation holding the last claim of its update slot (when,
-- and by which attempt). An instance sends a live card update only once its claim succeeded, and a claim succeeds only
-- one update interval after the one before, so several instances on one store send at most one update per interval.
CREATE TABLE card_slots (
    conversation_id text PRIMARY KEY,
    claimed_at bigint NOT NULL,
    claim text NOT NULL
);
