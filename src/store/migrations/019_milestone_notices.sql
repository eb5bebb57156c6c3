-- 019: a new kind of notice, 'milestone_late': a gate milestone past its target date and
-- not done, for its agency's users and the staff. SQLite cannot change a CHECK: the table
-- is made again (as in 009).
CREATE TABLE notifications_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('assigned','due_soon','overdue','report_late','to_approve',
                                'milestone_late')),
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
