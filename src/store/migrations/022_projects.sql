-- 022: projects, aid and investment leads (stage workflow, the procedure's dates, summaries
-- of their sectors' shares, amounts in USD and the latest meeting), their partners with IATI
-- roles, DAC sectors and amounts by year; contacts and meetings (a commitment may come from
-- one); the province's administrative units, where projects take place.
CREATE TABLE admin_units (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT,
    kind TEXT NOT NULL,
    former TEXT,
    lat NUMERIC,
    lon NUMERIC,
    name_vi_sort BLOB,
    name_vi_key TEXT
);
CREATE INDEX admin_units_id ON admin_units(id);
CREATE INDEX admin_units_name_vi ON admin_units(name_vi_sort);
CREATE UNIQUE INDEX admin_units_name_vi_key ON admin_units(name_vi_key);
INSERT INTO counts VALUES ('admin_units', 0);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    code TEXT NOT NULL,
    title_vi TEXT NOT NULL,
    title_en TEXT,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    description_vi TEXT,
    description_en TEXT,
    fields TEXT,
    agency_id INTEGER REFERENCES agencies(id),
    officer TEXT,
    currency TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    planned_start TEXT,
    planned_end TEXT,
    actual_start TEXT,
    actual_end TEXT,
    file_complete TEXT,
    appraised_on TEXT,
    approved_on TEXT,
    decision TEXT,
    notified_on TEXT,
    annual_report_year NUMERIC,
    closing_report_on TEXT,
    last_contact TEXT,
    sector_total NUMERIC,
    committed_usd NUMERIC,
    disbursed_usd NUMERIC,
    iati_id TEXT,
    notes TEXT,
    code_sort BLOB,
    code_key TEXT,
    title_vi_sort BLOB
);
CREATE INDEX projects_id ON projects(id);
CREATE INDEX projects_code ON projects(code_sort);
CREATE UNIQUE INDEX projects_code_key ON projects(code_key);
CREATE INDEX projects_title_vi ON projects(title_vi_sort);
CREATE INDEX projects_stage ON projects(stage, id);
CREATE INDEX projects_kind ON projects(kind, id);
CREATE INDEX projects_agency ON projects(agency_id, id);
CREATE INDEX projects_opened ON projects(opened_on, id);
CREATE INDEX projects_committed ON projects(committed_usd, id);
CREATE INDEX projects_last_contact ON projects(last_contact, id);
INSERT INTO counts VALUES ('projects', 0);
CREATE TABLE projects_unit_ids (
    rid INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES admin_units(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX projects_unit_ids_ref ON projects_unit_ids(ref);

CREATE TABLE project_partners (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    role TEXT NOT NULL,
    note TEXT
);
CREATE INDEX project_partners_id ON project_partners(id);
CREATE INDEX project_partners_project ON project_partners(project_id, role);
CREATE INDEX project_partners_partner ON project_partners(partner_id);
INSERT INTO counts VALUES ('project_partners', 0);

CREATE TABLE project_sectors (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    sector TEXT NOT NULL,
    percent NUMERIC NOT NULL
);
CREATE INDEX project_sectors_id ON project_sectors(id);
CREATE INDEX project_sectors_project ON project_sectors(project_id, percent);
CREATE INDEX project_sectors_sector ON project_sectors(sector);
INSERT INTO counts VALUES ('project_sectors', 0);

CREATE TABLE project_amounts (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    year NUMERIC NOT NULL,
    currency TEXT NOT NULL,
    committed NUMERIC,
    disbursed NUMERIC,
    rate_usd NUMERIC,
    rate_vnd NUMERIC,
    rate_date TEXT NOT NULL,
    committed_usd NUMERIC,
    disbursed_usd NUMERIC,
    committed_vnd NUMERIC,
    disbursed_vnd NUMERIC,
    note TEXT
);
CREATE INDEX project_amounts_id ON project_amounts(id);
CREATE INDEX project_amounts_project ON project_amounts(project_id, year);
CREATE INDEX project_amounts_year ON project_amounts(year);
INSERT INTO counts VALUES ('project_amounts', 0);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    our_side TEXT,
    project_id INTEGER REFERENCES projects(id),
    outcome TEXT,
    follow_up TEXT
);
CREATE INDEX meetings_id ON meetings(id);
CREATE INDEX meetings_date ON meetings(date, id);
CREATE INDEX meetings_project ON meetings(project_id, date);
INSERT INTO counts VALUES ('meetings', 0);
CREATE TABLE meetings_partner_ids (
    rid INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES partners(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX meetings_partner_ids_ref ON meetings_partner_ids(ref);
CREATE TABLE meetings_contact_ids (
    rid INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES contacts(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX meetings_contact_ids_ref ON meetings_contact_ids(ref);

ALTER TABLE commitments ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);
CREATE INDEX commitments_meeting ON commitments(meeting_id);
