-- 027: periodic reports: the period, the summary line, recipients, the narrative, the signer;
-- the workflow state (draft, issued); once issued its number and symbol, the day, and the
-- SHA-256 of the frozen document and of each of its files (kept in the files store).
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    period TEXT NOT NULL,
    period_kind TEXT,
    summary TEXT,
    recipients TEXT,
    results TEXT,
    difficulties TEXT,
    proposals TEXT,
    signer_authority TEXT,
    signer_title TEXT,
    signer_name TEXT,
    cc TEXT,
    status TEXT NOT NULL,
    number NUMERIC,
    symbol TEXT,
    issued_on TEXT,
    frozen_sha TEXT,
    pdf_sha TEXT,
    docx_sha TEXT,
    xlsx_sha TEXT,
    html_sha TEXT,
    period_sort BLOB
);
CREATE INDEX reports_id ON reports(id);
CREATE INDEX reports_period ON reports(period_sort);
CREATE INDEX reports_issued ON reports(issued_on);
INSERT INTO counts VALUES ('reports', 0);
