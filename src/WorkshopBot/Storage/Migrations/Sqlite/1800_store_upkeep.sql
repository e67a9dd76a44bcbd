-- Upkeep the store owes itself, kept across restarts (SQLite only). A row 'wipe' is written before a purge deletes
-- anything, and removed once the file has been rewritten (VACUUM) and its log emptied: a restart in between, or a
-- rewrite that could not have the write lock, leaves the row, and the next retention run (at start) does it. `owed`
-- counts the purges since, so a purge that comes while a rewrite runs keeps the row. PostgreSQL needs none: the bot does
-- nothing there to wipe deleted bytes (see README, deleted bytes on PostgreSQL).
CREATE TABLE store_upkeep (
    task TEXT PRIMARY KEY,
    owed INTEGER NOT NULL
);
