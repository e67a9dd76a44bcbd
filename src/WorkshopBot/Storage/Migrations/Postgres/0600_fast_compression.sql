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
