-- 003: the province's agencies, the commitments assigned to them, and their progress.

CREATE TABLE agencies (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name_vi    TEXT NOT NULL,
    name_en    TEXT,
    kind       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    notes      TEXT
);
CREATE INDEX agencies_id ON agencies(id);
CREATE INDEX agencies_name_vi ON agencies(name_vi);
INSERT INTO counts VALUES ('agencies', 0);

-- A user of role "agency" belongs to one agency.
ALTER TABLE users ADD COLUMN agency_id INTEGER REFERENCES agencies(id);

CREATE TABLE commitments (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    title         TEXT NOT NULL,
    source        TEXT NOT NULL,
    delegation_id INTEGER REFERENCES delegations(id),
    meeting       TEXT,
    partner_id    INTEGER REFERENCES partners(id),
    agency_id     INTEGER NOT NULL REFERENCES agencies(id),
    deadline      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open',
    percent       INTEGER NOT NULL DEFAULT 0,
    notes         TEXT
);
CREATE INDEX commitments_id ON commitments(id);
CREATE INDEX commitments_agency ON commitments(agency_id, status, deadline);
CREATE INDEX commitments_deadline ON commitments(status, deadline);
CREATE INDEX commitments_delegation ON commitments(delegation_id);
CREATE INDEX commitments_partner ON commitments(partner_id);
CREATE INDEX commitments_title ON commitments(title);
INSERT INTO counts VALUES ('commitments', 0);

CREATE TABLE progress (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    text          TEXT NOT NULL,
    percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    user_id       INTEGER,
    username      TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX progress_commitment ON progress(commitment_id, date);
