-- 004: each user's secret calendar address (/ical/TOKEN.ics), at most one per user; a new
-- one replaces the old. The token is kept as it is, not hashed like session tokens: the
-- calendar page shows the address again on every visit, and the token opens only a
-- read-only feed of what the same database holds (see domain/calendar.h).
CREATE TABLE calendar_tokens (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE CHECK (length(token) = 64),
    created_at TEXT NOT NULL
);
