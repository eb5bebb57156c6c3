-- PostgreSQL 014: the notice kinds of projects and NGOs, as SQLite migration 026.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('assigned','due_soon','overdue','report_late','to_approve','milestone_late',
                    'aid_deadline','lead_stalled','ngo_expiring','ngo_plan_late'));
