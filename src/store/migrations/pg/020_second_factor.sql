-- PostgreSQL 020, as SQLite 032: the second factor (TOTP) and personal access tokens.
ALTER TABLE users ADD COLUMN totp_secret text COLLATE "C";
ALTER TABLE users ADD COLUMN totp_step bigint NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
    user_id   bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash text COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE login_tickets (
    hash    text COLLATE "C" PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret  text COLLATE "C",
    expires bigint NOT NULL,
    tries   bigint NOT NULL DEFAULT 0
);
ALTER TABLE sessions ADD COLUMN name text COLLATE "C";
CREATE TABLE known_devices (
    hash    text COLLATE "C" PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen    bigint NOT NULL
);
