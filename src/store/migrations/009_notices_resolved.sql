-- 009: a notice ends when its cause does (a commitment done or dropped, its deadline moved,
-- a report filed, a proposal decided): resolved_at, set by the reminders' sweep; a
-- resolved notice no longer counts as unread. And a new kind, 'to_approve': a delegation
-- proposed, for the leaders. SQLite cannot change a CHECK: the table is made again.
CREATE TABLE notifications_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('assigned','due_soon','overdue','report_late','to_approve')),
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
                              mailed_at)
    SELECT id, user_id, kind, entity, rid, tag, day, created_at, read_at, mailed_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id)
    WHERE read_at IS NULL AND resolved_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(day) WHERE mailed_at IS NULL;
CREATE INDEX notifications_record ON notifications(entity, rid) WHERE resolved_at IS NULL;
