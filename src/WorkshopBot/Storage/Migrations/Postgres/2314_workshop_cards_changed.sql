-- What a workshop's shared cards show besides a poll's counts (which workshop_poll_cards follows): the ideas on a board, a
-- grade poll's grades, who may vote, and on the workshop's own card (card_id '') who chairs it and how many joined.
-- changed_version moves with every change a live update carries, in the change's own transaction (an idea added or
-- hidden, a join, a handover, a poll created; never a vote); each live update, after its send, records as shown_version the
-- changed_version it read before the card was drawn. due_at is when the last change's update was to go at the latest
-- without an instance stopping (an idea board's waits for a quiet spell). A card whose changes moved past what it shows,
-- long past due_at, had its update lost with an instance that stopped (crash, deploy, scale-in): the live card catch-up
-- (LiveCardCatchUp) sends it. The partial index holds only such cards, so the catch-up's look reads nothing when none is
-- behind. Cards of workshops stored before this migration have no row: nothing is known to be behind.
CREATE TABLE workshop_cards (
    workshop_id     text    NOT NULL,
    card_id         text    NOT NULL,
    changed_version bigint  NOT NULL,
    shown_version   bigint  NOT NULL,
    due_at          bigint  NOT NULL,
    PRIMARY KEY (workshop_id, card_id)
);
CREATE INDEX ix_workshop_cards_behind ON workshop_cards (due_at) WHERE changed_version > shown_version;
