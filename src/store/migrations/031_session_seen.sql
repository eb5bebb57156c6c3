-- 031: when a session was last seen (unix seconds), for the idle limit (auth.c,
-- auth_session_get: a browser session unused for longer than the setting
-- session_idle_minutes ends). Written at most every 5 minutes of use, outside any unit (it
-- moves no data version). 0: not yet seen since this migration, taken as now.
ALTER TABLE sessions ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;
