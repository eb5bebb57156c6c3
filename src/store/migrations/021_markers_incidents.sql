-- 021: border sections (demarcation progress, kept from their markers), markers and their
-- inspections (a marker keeps the latest condition found and its date), incident categories
-- (the first five written by the program, entity.seed), incidents and their action log.
CREATE TABLE border_sections (
    id                INTEGER PRIMARY KEY,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    name_vi           TEXT NOT NULL,
    name_en           TEXT,
    country           TEXT NOT NULL,
    subdivision       TEXT,
    length_km         NUMERIC,
    positions_planned NUMERIC,
    markers_planned   NUMERIC,
    planted           NUMERIC,
    remaining         NUMERIC,
    notes             TEXT,
    name_vi_sort      BLOB,
    name_vi_key       TEXT
);
CREATE INDEX border_sections_id ON border_sections(id);
CREATE INDEX border_sections_name_vi ON border_sections(name_vi_sort);
CREATE UNIQUE INDEX border_sections_name_vi_key ON border_sections(name_vi_key);
INSERT INTO counts VALUES ('border_sections', 0);

CREATE TABLE markers (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    number         TEXT NOT NULL,
    section_id     INTEGER NOT NULL REFERENCES border_sections(id),
    kind           TEXT NOT NULL,
    lat            NUMERIC,
    lon            NUMERIC,
    commune        TEXT,
    agency_id      INTEGER REFERENCES agencies(id),
    planted_on     TEXT,
    condition      TEXT,
    last_inspected TEXT,
    note           TEXT,
    number_sort    BLOB
);
CREATE INDEX markers_id ON markers(id);
CREATE INDEX markers_number ON markers(number_sort);
CREATE INDEX markers_section ON markers(section_id, planted_on);
CREATE INDEX markers_condition ON markers(condition, last_inspected);
CREATE INDEX markers_last ON markers(last_inspected);
CREATE INDEX markers_agency ON markers(agency_id);
INSERT INTO counts VALUES ('markers', 0);

CREATE TABLE marker_inspections (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    title      TEXT NOT NULL,
    marker_id  INTEGER NOT NULL REFERENCES markers(id),
    date       TEXT NOT NULL,
    condition  TEXT NOT NULL,
    team       TEXT,
    note       TEXT
);
CREATE INDEX marker_inspections_id ON marker_inspections(id);
CREATE INDEX marker_inspections_marker ON marker_inspections(marker_id, date);
CREATE INDEX marker_inspections_date ON marker_inspections(date);
INSERT INTO counts VALUES ('marker_inspections', 0);

CREATE TABLE incident_categories (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    name_vi      TEXT NOT NULL,
    name_en      TEXT,
    description  TEXT,
    name_vi_sort BLOB,
    name_vi_key  TEXT
);
CREATE INDEX incident_categories_id ON incident_categories(id);
CREATE INDEX incident_categories_name_vi ON incident_categories(name_vi_sort);
CREATE UNIQUE INDEX incident_categories_name_vi_key ON incident_categories(name_vi_key);
INSERT INTO counts VALUES ('incident_categories', 0);

CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    title             TEXT NOT NULL,
    category_id       INTEGER NOT NULL REFERENCES incident_categories(id),
    date              TEXT NOT NULL,
    status            TEXT NOT NULL,
    marker_id         INTEGER REFERENCES markers(id),
    gate_id           INTEGER REFERENCES gates(id),
    commune           TEXT,
    lat               NUMERIC,
    lon               NUMERIC,
    other_country     TEXT,
    other_subdivision TEXT,
    partner_id        INTEGER REFERENCES partners(id),
    description       TEXT,
    people_count      NUMERIC,
    people            TEXT,
    goods             TEXT,
    agency_id         INTEGER REFERENCES agencies(id)
);
CREATE INDEX incidents_id ON incidents(id);
CREATE INDEX incidents_date ON incidents(date, id);
CREATE INDEX incidents_category ON incidents(category_id, date, id);
CREATE INDEX incidents_status ON incidents(status, date, id);
CREATE INDEX incidents_filter ON incidents(category_id, status, date, id);
CREATE INDEX incidents_agency ON incidents(agency_id);
CREATE INDEX incidents_marker ON incidents(marker_id);
CREATE INDEX incidents_gate ON incidents(gate_id);
CREATE INDEX incidents_partner ON incidents(partner_id);
INSERT INTO counts VALUES ('incidents', 0);

CREATE TABLE incident_actions (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    incident_id   INTEGER NOT NULL REFERENCES incidents(id),
    date          TEXT NOT NULL,
    text          TEXT NOT NULL,
    delegation_id INTEGER REFERENCES delegations(id),
    note          TEXT
);
CREATE INDEX incident_actions_id ON incident_actions(id);
CREATE INDEX incident_actions_incident ON incident_actions(incident_id, date);
CREATE INDEX incident_actions_delegation ON incident_actions(delegation_id);
INSERT INTO counts VALUES ('incident_actions', 0);

CREATE TABLE incidents_delegation_ids (
    rid INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES delegations(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX incidents_delegation_ids_ref ON incidents_delegation_ids(ref);
