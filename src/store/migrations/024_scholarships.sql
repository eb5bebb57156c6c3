-- 024: scholarships for partner provinces: quotas per province and year (how many awarded
-- and remain, kept from the awards) and the awards, each a student in a workflow.
CREATE TABLE scholarship_quotas (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT,
    year NUMERIC NOT NULL,
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    quota NUMERIC NOT NULL,
    awarded NUMERIC,
    remaining NUMERIC,
    quota_key TEXT,
    note TEXT,
    quota_key_key TEXT
);
CREATE INDEX scholarship_quotas_id ON scholarship_quotas(id);
CREATE INDEX scholarship_quotas_year ON scholarship_quotas(year, id);
CREATE INDEX scholarship_quotas_partner ON scholarship_quotas(partner_id);
CREATE UNIQUE INDEX scholarship_quotas_quota_key_key ON scholarship_quotas(quota_key_key);
CREATE INDEX scholarship_quotas_remaining ON scholarship_quotas(remaining);
INSERT INTO counts VALUES ('scholarship_quotas', 0);

CREATE TABLE scholarship_awards (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    student_vi TEXT NOT NULL,
    student_native TEXT,
    quota_id INTEGER NOT NULL REFERENCES scholarship_quotas(id),
    school TEXT NOT NULL,
    programme TEXT,
    level TEXT NOT NULL,
    start_date TEXT NOT NULL,
    expected_end TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    student_vi_sort BLOB
);
CREATE INDEX scholarship_awards_id ON scholarship_awards(id);
CREATE INDEX scholarship_awards_student ON scholarship_awards(student_vi_sort);
CREATE INDEX scholarship_awards_quota ON scholarship_awards(quota_id, start_date);
CREATE INDEX scholarship_awards_status ON scholarship_awards(status, expected_end);
CREATE INDEX scholarship_awards_end ON scholarship_awards(expected_end);
CREATE INDEX scholarship_awards_start ON scholarship_awards(start_date);
INSERT INTO counts VALUES ('scholarship_awards', 0);

