-- 018: plans to open or upgrade a border-gate pair, and their milestones. next_due is the
-- earliest target date among a plan's milestones not done, kept by the program in the
-- unit of every milestone's write (field_summary).
CREATE TABLE gate_plans (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    title         TEXT NOT NULL,
    gate_id       INTEGER NOT NULL REFERENCES gates(id),
    kind          TEXT NOT NULL,
    from_class    TEXT,
    to_class      TEXT NOT NULL,
    decision      TEXT,
    decision_date TEXT,
    target_year   NUMERIC,
    next_due      TEXT,
    notes         TEXT,
    title_sort    BLOB
);
CREATE INDEX gate_plans_id ON gate_plans(id);
CREATE INDEX gate_plans_gate ON gate_plans(gate_id);
CREATE INDEX gate_plans_next_due ON gate_plans(next_due);
CREATE INDEX gate_plans_title ON gate_plans(title_sort);
INSERT INTO counts VALUES ('gate_plans', 0);

CREATE TABLE gate_milestones (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL,
    plan_id     INTEGER NOT NULL REFERENCES gate_plans(id),
    target_date TEXT NOT NULL,
    agency_id   INTEGER REFERENCES agencies(id),
    done_date   TEXT,
    note        TEXT
);
CREATE INDEX gate_milestones_id ON gate_milestones(id);
CREATE INDEX gate_milestones_plan ON gate_milestones(plan_id, done_date, target_date);
CREATE INDEX gate_milestones_agency ON gate_milestones(agency_id);
CREATE INDEX gate_milestones_updated ON gate_milestones(updated_at); -- the reminders' sweep
INSERT INTO counts VALUES ('gate_milestones', 0);
