-- 008: administration in the browser. A password an admin resets is shown once and must be
-- replaced by the user at their next login (must_change).
ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;

-- Sessions get a number and the time they were made, so that an admin can list a user's
-- sessions and end one without anybody ever seeing a token (only its hash is kept). The
-- sessions made before this version are kept; their start is taken as 12 hours before
-- their end (every session lasted 12 hours).
CREATE TABLE sessions_new (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('web','api')),
    expires    INTEGER NOT NULL,
    created    INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
);
INSERT INTO sessions_new(token_hash, user_id, csrf, kind, expires, created)
    SELECT token_hash, user_id, csrf, kind, expires, expires - 43200 FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions(user_id, expires);

-- The audit log of the whole system is read newest first, filtered by user and date.
CREATE INDEX audit_at ON audit(at);
