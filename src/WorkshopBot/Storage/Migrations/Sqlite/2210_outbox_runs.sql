-- The outbox dispatcher's running incarnations (lease owners "{instance id}/{incarnation}"), each renewing beat_at while it
-- runs and removing its row when it stops. At start-up and at each beat a run takes back what earlier runs of the same
-- instance id left in flight only when their row is gone or their beat is stale: never what a live run holds, as when two
-- running processes resolve to the same Outbox:InstanceId. Times are unix milliseconds.
CREATE TABLE outbox_runs (
    owner       TEXT    NOT NULL PRIMARY KEY,
    instance    TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    beat_at     INTEGER NOT NULL
);
CREATE INDEX ix_outbox_runs_instance ON outbox_runs (instance, beat_at);
