-- PostgreSQL 007: the notice kind 'milestone_late', as SQLite migration 019.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('assigned','due_soon','overdue','report_late','to_approve','milestone_late'));
