-- 026: the notices of projects, aid and NGOs: 'aid_deadline' (a project past a deadline
-- of the aid procedure), 'lead_stalled' (no contact for 60 days), 'ngo_expiring' (a
-- certificate to renew), 'ngo_plan_late' (an NGO's activity plan overdue). SQLite cannot
-- change a CHECK: the table is made again (as in 019).
CREATE TABLE notifications_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('assigned','due_soon','overdue','report_late','to_approve',
                                'milestone_late','aid_deadline','lead_stalled','ngo_expiring',
                                'ngo_plan_late')),
    entity      TEXT NOT NULL,
    rid         INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    day         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    read_at     TEXT,
    mailed_at   TEXT,
    resolved_at TEXT,
    UNIQUE (user_id, kind, entity, rid, tag)
);
INSERT INTO notifications_new(id, user_id, kind, entity, rid, tag, day, created_at, read_at,
                              mailed_at, resolved_at)
    SELECT id, user_id, kind, entity, rid, tag, day, created_at, read_at, mailed_at,
           resolved_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id)
    WHERE read_at IS NULL AND resolved_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(day) WHERE mailed_at IS NULL;
CREATE INDEX notifications_record ON notifications(entity, rid) WHERE resolved_at IS NULL;
