-- The answer kept with a processed mark, compressed by the bot (PackedAnswer): a vote's ballot was several KB that the
-- server compressed again for every vote. New marks fill response_packed and leave response_json empty; marks stored
-- before keep their text, and are read as before until they are pruned. MAIN: kept in the row, not moved out to the
-- TOAST table while the row fits a page (a packed 40-idea ballot is about 2 KB).
ALTER TABLE processed_activities ADD COLUMN response_packed bytea NULL;
ALTER TABLE processed_activities ALTER COLUMN response_packed SET STORAGE MAIN;
