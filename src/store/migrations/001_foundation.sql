-- 001: the foundation: accounts, sessions, audit, search index, settings,
-- partners and contacts. Column names are the field names of the record
-- descriptions (src/domain/partner.c, contact.c); the test suite checks that
-- every described field has its column.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('data_version', 0);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Reviewed Vietnamese names of countries and subdivisions that override the
-- iso-codes catalogue (seeded from data/names-vi.tsv, corrected by an admin).
CREATE TABLE name_overrides (
    code    TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    username     TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('admin','leader','officer','agency','viewer')),
    pwhash       TEXT NOT NULL,
    display_name TEXT,
    lang         TEXT NOT NULL DEFAULT 'vi',
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('web','api')),
    expires    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    user_id  INTEGER,
    username TEXT NOT NULL,
    entity   TEXT NOT NULL,
    rid      INTEGER NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('create','update','delete')),
    old      TEXT,
    new      TEXT
);
CREATE INDEX audit_record ON audit(entity, rid, id);

-- Row counts per record type, kept in the write transactions (derived).
CREATE TABLE counts (
    entity TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counts VALUES ('partners', 0), ('contacts', 0);

CREATE TABLE partners (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name_vi     TEXT NOT NULL,
    name_en     TEXT,
    name_native TEXT,
    country     TEXT NOT NULL,
    subdivision TEXT,
    address     TEXT,
    website     TEXT,
    email       TEXT,
    phone       TEXT,
    notes       TEXT
);
CREATE INDEX partners_name_vi ON partners(name_vi);
CREATE INDEX partners_name_en ON partners(name_en);
CREATE INDEX partners_country ON partners(country, subdivision);
CREATE INDEX partners_kind ON partners(kind);
-- A narrow index on id: deep pages in creation order count their offset on it.
CREATE INDEX partners_id ON partners(id);

CREATE TABLE contacts (
    id                  INTEGER PRIMARY KEY,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    full_name           TEXT NOT NULL,
    name_native         TEXT,
    partner_id          INTEGER REFERENCES partners(id),
    title               TEXT,
    phone               TEXT,
    email               TEXT,
    languages           TEXT,
    overseas_vietnamese INTEGER NOT NULL DEFAULT 0,
    country             TEXT,
    notes               TEXT
);
CREATE INDEX contacts_full_name ON contacts(full_name);
CREATE INDEX contacts_partner ON contacts(partner_id);
CREATE INDEX contacts_id ON contacts(id);

-- Full-text index over folded text (lower case, no diacritics, đ -> d): the
-- rowid is id * 16 + the record type's code, so one record's entry is found
-- and replaced without a scan.
-- Prefix indexes of 2 and 3 characters make the word being typed cheap to match.
CREATE VIRTUAL TABLE search USING fts5(body, title UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
