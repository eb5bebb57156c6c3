-- 017: border gates (cửa khẩu) and their counterparts across the border.
CREATE TABLE gates (
    id                      INTEGER PRIMARY KEY,
    version                 INTEGER NOT NULL DEFAULT 1,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    name_vi                 TEXT NOT NULL,
    name_en                 TEXT,
    class                   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    commune                 TEXT,
    lat                     NUMERIC,
    lon                     NUMERIC,
    counterpart_name        TEXT,
    counterpart_country     TEXT NOT NULL,
    counterpart_subdivision TEXT,
    agency_id               INTEGER REFERENCES agencies(id),
    notes                   TEXT,
    name_vi_sort            BLOB,
    name_vi_key             TEXT
);
CREATE INDEX gates_id ON gates(id);
CREATE INDEX gates_name_vi ON gates(name_vi_sort);
CREATE UNIQUE INDEX gates_name_vi_key ON gates(name_vi_key);
CREATE INDEX gates_class ON gates(class);
CREATE INDEX gates_agency ON gates(agency_id);
INSERT INTO counts VALUES ('gates', 0);
