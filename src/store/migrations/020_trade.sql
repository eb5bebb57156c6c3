-- 020: a gate plan's progress log, and border trade figures. A trade figure's difference
-- (total minus the parts given, exactly) is computed by the program; revision and latest
-- are kept by it in the unit of every write of a figure of the same gate and period
-- (entity.revision_key).
CREATE TABLE gate_plan_updates (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    plan_id    INTEGER NOT NULL REFERENCES gate_plans(id),
    date       TEXT NOT NULL,
    text       TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX gate_plan_updates_id ON gate_plan_updates(id);
CREATE INDEX gate_plan_updates_plan ON gate_plan_updates(plan_id, date);
INSERT INTO counts VALUES ('gate_plan_updates', 0);

CREATE TABLE trade_reports (
    id               INTEGER PRIMARY KEY,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    gate_id          INTEGER NOT NULL REFERENCES gates(id),
    period_kind      TEXT NOT NULL,
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    period_label     TEXT,
    currency         TEXT NOT NULL,
    total            NUMERIC NOT NULL,
    exports          NUMERIC,
    imports          NUMERIC,
    transit          NUMERIC,
    reexport         NUMERIC,
    difference       NUMERIC,
    source_doc       TEXT,
    source_agency_id INTEGER REFERENCES agencies(id),
    reported_on      TEXT NOT NULL,
    revision         INTEGER,
    latest           INTEGER,
    note             TEXT
);
CREATE INDEX trade_reports_id ON trade_reports(id);
CREATE INDEX trade_reports_figure ON trade_reports(gate_id, period_kind, period_start, period_end);
CREATE INDEX trade_reports_period ON trade_reports(period_start);
CREATE INDEX trade_reports_latest ON trade_reports(latest, period_start);
CREATE INDEX trade_reports_agency ON trade_reports(source_agency_id);
INSERT INTO counts VALUES ('trade_reports', 0);
