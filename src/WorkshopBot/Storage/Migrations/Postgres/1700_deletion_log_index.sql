-- The retention deletion-log entries by time: the hourly pruner asks for those of the last two days (a turn that read
-- an audit before its purge and stored its answer just after; see ProcessedActivityPruner). Partial: a handful of rows.
CREATE INDEX ix_audit_events_deletions ON audit_events (at) WHERE action IN ('retention.purged', 'retention.orphans.purged');
