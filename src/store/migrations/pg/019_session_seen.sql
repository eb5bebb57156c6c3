-- PostgreSQL 019, as SQLite 031: when a session was last seen (unix seconds), for the idle
-- limit; 0: not yet seen since this migration, taken as now.
ALTER TABLE sessions ADD COLUMN seen bigint NOT NULL DEFAULT 0;
