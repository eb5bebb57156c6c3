-- 010: the proposals waiting for approval, soonest first (the leaders' queue on the
-- dashboard): without it the list sorts every delegation by its start date (11 ms at
-- 20,000 delegations, found with NGOAIVU_SQL_SLOW_US).
CREATE INDEX delegations_status_start ON delegations(status, start_date);
