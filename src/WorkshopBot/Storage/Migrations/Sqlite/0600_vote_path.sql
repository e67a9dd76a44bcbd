-- Every write of a document gives it a new random stamp. A reader that holds the text of a version and stamp asks for
-- the text only if either changed (SqlDocumentStore.GetAsync): a vote no longer reads its 12 KB workshop each time.
-- Rows written before this (and by a bot that predates it) have no stamp and are always read in full.
ALTER TABLE documents ADD COLUMN stamp INTEGER NULL;
