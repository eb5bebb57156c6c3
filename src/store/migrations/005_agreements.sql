-- 005: cooperation agreements and the files attached to records (signed scans).

CREATE TABLE agreements (
    id               INTEGER PRIMARY KEY,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    title_vi         TEXT NOT NULL,
    title_en         TEXT,
    kind             TEXT NOT NULL,
    partner_ids      TEXT NOT NULL,
    country          TEXT,
    fields           TEXT,
    signed_date      TEXT,
    place            TEXT,
    signatory_ours   TEXT,
    signatory_theirs TEXT,
    valid_from       TEXT,
    valid_to         TEXT,
    renewal          TEXT,
    terminated_date  TEXT,
    notes            TEXT
);
CREATE INDEX agreements_id ON agreements(id);
CREATE INDEX agreements_valid_to ON agreements(valid_to);
CREATE INDEX agreements_signed ON agreements(signed_date);
CREATE INDEX agreements_title ON agreements(title_vi);
INSERT INTO counts VALUES ('agreements', 0);

-- A commitment may come from an agreement.
ALTER TABLE commitments ADD COLUMN agreement_id INTEGER REFERENCES agreements(id);
ALTER TABLE commitments ADD COLUMN country TEXT;
CREATE INDEX agreements_country ON agreements(country);
CREATE INDEX commitments_country ON commitments(country);
CREATE INDEX commitments_agreement ON commitments(agreement_id);

-- Files are stored once by content (their SHA-256) beside the database; this table says
-- which record each belongs to, under what name and type.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    rid        INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    name       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    user_id    INTEGER,
    username   TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX attachments_record ON attachments(entity, rid);
CREATE INDEX attachments_sha ON attachments(sha256);
