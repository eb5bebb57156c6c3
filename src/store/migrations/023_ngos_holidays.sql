-- 023: the register of foreign NGOs (their certificates, with the activity plan's due day
-- counted in working days) and the public holidays those days skip (the first rows written
-- by the program, entity.seed).
CREATE TABLE ngo_certificates (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    fields TEXT,
    plan_due TEXT,
    plan_received_on TEXT,
    report_year NUMERIC,
    renewal_filed_on TEXT,
    notes TEXT
);
CREATE INDEX ngo_certificates_id ON ngo_certificates(id);
CREATE INDEX ngo_certificates_partner ON ngo_certificates(partner_id, expires_on);
CREATE INDEX ngo_certificates_expires ON ngo_certificates(expires_on, id);
CREATE INDEX ngo_certificates_issued ON ngo_certificates(issued_on);
CREATE INDEX ngo_certificates_plan ON ngo_certificates(plan_due);
INSERT INTO counts VALUES ('ngo_certificates', 0);
CREATE TABLE ngo_certificates_unit_ids (
    rid INTEGER NOT NULL REFERENCES ngo_certificates(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES admin_units(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX ngo_certificates_unit_ids_ref ON ngo_certificates_unit_ids(ref);

CREATE TABLE holidays (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    date TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT,
    date_key TEXT
);
CREATE INDEX holidays_id ON holidays(id);
CREATE INDEX holidays_date ON holidays(date);
CREATE UNIQUE INDEX holidays_date_key ON holidays(date_key);
INSERT INTO counts VALUES ('holidays', 0);

