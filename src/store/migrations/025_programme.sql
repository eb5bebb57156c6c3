-- 025: the international integration programme: programmes, their targets (indicators with a
-- baseline and the agency responsible), and each target's values by year (the target set,
-- the measurement entered).
CREATE TABLE programmes (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT,
    decision TEXT,
    period_from NUMERIC NOT NULL,
    period_to NUMERIC NOT NULL,
    vision_year NUMERIC,
    objectives TEXT,
    name_vi_sort BLOB,
    name_vi_key TEXT
);
CREATE INDEX programmes_id ON programmes(id);
CREATE INDEX programmes_name_vi ON programmes(name_vi_sort);
CREATE UNIQUE INDEX programmes_name_vi_key ON programmes(name_vi_key);
INSERT INTO counts VALUES ('programmes', 0);

CREATE TABLE programme_targets (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    title TEXT NOT NULL,
    objective TEXT,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    baseline NUMERIC NOT NULL,
    baseline_year NUMERIC,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    title_sort BLOB
);
CREATE INDEX programme_targets_id ON programme_targets(id);
CREATE INDEX programme_targets_programme ON programme_targets(programme_id, title_sort);
CREATE INDEX programme_targets_title ON programme_targets(title_sort);
CREATE INDEX programme_targets_agency ON programme_targets(agency_id);
INSERT INTO counts VALUES ('programme_targets', 0);

CREATE TABLE programme_values (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    target_id INTEGER NOT NULL REFERENCES programme_targets(id),
    year NUMERIC NOT NULL,
    target NUMERIC,
    actual NUMERIC,
    source TEXT,
    measured_on TEXT
);
CREATE INDEX programme_values_id ON programme_values(id);
CREATE INDEX programme_values_target ON programme_values(target_id, year);
CREATE INDEX programme_values_year ON programme_values(year);
INSERT INTO counts VALUES ('programme_values', 0);

