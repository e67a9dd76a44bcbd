-- Every object belongs to a tenant, and so does each audit-log entry about one: the tenant of the person who acted, or
-- for the bot's own entries (jobs, download links used outside Teams) the tenant of the subject. Adding a column leaves
-- the append-only triggers as they are; entries stored before this have none (NULL) and keep it.
ALTER TABLE audit_events ADD COLUMN tenant_id text NULL;
