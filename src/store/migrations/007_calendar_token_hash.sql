-- 007: calendar tokens are kept as their hash, like session tokens, so that a copy of the
-- database opens nobody's calendar feed. The address is shown once, when it is made. The
-- addresses made before this version cannot be hashed here (SQL has no BLAKE2b): they end,
-- and each user makes a new one on the calendar page.
DROP TABLE calendar_tokens;
CREATE TABLE calendar_tokens (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TEXT NOT NULL
);
