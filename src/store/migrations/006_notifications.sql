-- 006: reminders. Each user's notices (a commitment assigned to their agency, a deadline
-- within 7 days, overdue, a late delegation report), made by the sweep of
-- src/domain/remind.c, and the users' e-mail addresses for the daily digest.

-- Where the daily digest goes (ngoaivu user email NAME ADDRESS); NULL: no digest.
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('assigned','due_soon','overdue','report_late')),
    entity     TEXT NOT NULL,  -- the record type's name: 'commitment', 'delegation'
    rid        INTEGER NOT NULL,
    -- what makes the notice new: the agency (assigned), the deadline (due_soon, overdue),
    -- the end date (report_late); a moved deadline makes a new notice, a repeat does not
    tag        TEXT NOT NULL,
    day        TEXT NOT NULL,  -- Vietnam's date of the sweep that made it
    created_at TEXT NOT NULL,
    read_at    TEXT,
    mailed_at  TEXT,           -- sent in a digest
    UNIQUE (user_id, kind, entity, rid, tag)
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(day) WHERE mailed_at IS NULL;

-- The sweep reads the records changed since it last looked.
CREATE INDEX commitments_updated ON commitments(updated_at);
CREATE INDEX delegations_updated ON delegations(updated_at);

-- The sweep's own state: 'mark', the updated_at from which records count as changed.
-- Records older than the upgrade were assigned before reminders existed: no "assigned".
CREATE TABLE remind_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO remind_state(key, value) VALUES ('mark', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
