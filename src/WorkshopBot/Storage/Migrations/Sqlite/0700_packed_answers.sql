-- The answer kept with a processed mark, compressed by the bot (PackedAnswer): a vote's ballot took a page of its own in
-- the write-ahead log and in the file for every vote. New marks fill response_packed and leave response_json empty;
-- marks stored before keep their text, and are read as before until they are pruned.
ALTER TABLE processed_activities ADD COLUMN response_packed BLOB NULL;
