-- 015: leases. Of several servers on one database one at a time does a job that must not
-- run everywhere at once (the reminders' sweep, domain/remind.c): it holds the job's row
-- until `expires` (seconds since 1970 by the database's clock, so that the nodes' own
-- clocks do not matter), renews it while it runs, and another node takes the row over
-- once it has expired. `progress` is the holder's note of how far it got (the reminders:
-- the data version its last sweep began at), for the other nodes to read. Plain SQL, the
-- same on SQLite and PostgreSQL.
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    expires  BIGINT NOT NULL,
    progress BIGINT NOT NULL DEFAULT 0
);
