-- Every vote stores the ballot it answered with its processed mark (about 5 KB, to replay to a redelivery) and reads its
-- workshop (about 12 KB). Values that large are compressed, by default with pglz, which cost the database more than any
-- other statement of a vote. lz4 does the same several times faster. A server built without lz4 (or older than 14)
-- keeps pglz: nothing else depends on it.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE processed_activities ALTER COLUMN response_json SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE documents ALTER COLUMN json SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value OR undefined_object THEN
    RAISE NOTICE 'lz4 is not available on this server: large values stay compressed with pglz';
END
$$;

-- Every write of a document gives it a new random stamp. A reader that holds the text of a version and stamp asks for
-- the text only if either changed (SqlDocumentStore.GetAsync): a vote no longer reads its 12 KB workshop each time.
-- Rows written before this (and by a bot that predates it) have no stamp and are always read in full.
ALTER TABLE documents ADD COLUMN stamp bigint NULL;
