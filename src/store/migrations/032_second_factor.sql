-- 032: the second factor (TOTP, RFC 6238; domain/auth.c) and personal access tokens.
-- users.totp_secret: the shared secret in base32 (NULL: no second factor); totp_step: the
-- last time step a code was accepted for, so that a code is taken once.
-- recovery_codes: each user's one-time recovery codes, only their hash (as a session's).
-- login_tickets: a login between its password and its second factor (or its enrolment,
-- when the user's role requires one they have not set up): the hash of a random ticket,
-- five minutes, five tries; secret: the new secret of an enrolment.
-- sessions.name: a personal access token's name (an "api" session made from a signed-in
-- session, with the life its owner chose); NULL for every other session.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE login_tickets (
    hash    TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret  TEXT,
    expires INTEGER NOT NULL,
    tries   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
ALTER TABLE sessions ADD COLUMN name TEXT;
-- known_devices: the browsers a user has completed a login from (the hash of a random
-- cookie): when an account is under attack from many clients, those still get in
-- (auth_login). Forgotten after 180 days unseen.
CREATE TABLE known_devices (
    hash    TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen    INTEGER NOT NULL
) WITHOUT ROWID;
