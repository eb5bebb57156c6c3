-- 002: delegations (đoàn ra, đoàn vào) and the log of workflow steps.

CREATE TABLE delegations (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    title          TEXT NOT NULL,
    direction      TEXT NOT NULL,
    level          TEXT NOT NULL,
    channel        TEXT NOT NULL,
    fields         TEXT,
    head           TEXT,
    head_id        INTEGER REFERENCES contacts(id),
    member_ids     TEXT,
    members        TEXT,
    partner_ids    TEXT,
    country        TEXT,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    purpose        TEXT,
    funding        TEXT,
    budget         NUMERIC,
    status         TEXT NOT NULL DEFAULT 'proposed',
    report         TEXT,
    report_date    TEXT
);
CREATE INDEX delegations_id ON delegations(id);
CREATE INDEX delegations_start ON delegations(start_date);
CREATE INDEX delegations_direction_start ON delegations(direction, start_date);
CREATE INDEX delegations_status ON delegations(status, end_date);

CREATE INDEX delegations_title ON delegations(title);
INSERT INTO counts VALUES ('delegations', 0);

CREATE TABLE transitions (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    rid        INTEGER NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    note       TEXT,
    user_id    INTEGER,
    username   TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX transitions_record ON transitions(entity, rid, id);
