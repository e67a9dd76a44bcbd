-- An upload's intent, recorded before the bot puts a Word file in a channel's Files: a row of briefing_files with no drive
-- or item id yet, and a keyed fingerprint of the file's name (name_hash: HMAC-SHA256 under a key derived from the
-- deployment's, see FileNameFingerprints; never the name, which carries the briefing's title), so a
-- withdrawal or a purge that follows a crash between Graph storing the file and the bot recording its ids still finds the
-- file in the channel's folder and deletes it. The row is replaced by the file's own once the upload's outcome is kept.
ALTER TABLE briefing_files ALTER COLUMN drive_id DROP NOT NULL;
ALTER TABLE briefing_files ALTER COLUMN item_id DROP NOT NULL;
ALTER TABLE briefing_files ADD COLUMN name_hash text NULL;
CREATE UNIQUE INDEX ux_briefing_files_intent ON briefing_files (audit_id, version, channel_id) WHERE drive_id IS NULL;
-- Rows of files deleted long ago are pruned by their completion time.
CREATE INDEX ix_briefing_files_completed ON briefing_files (completed_at) WHERE status = 'Deleted';
