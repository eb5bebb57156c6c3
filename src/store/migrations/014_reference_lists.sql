-- 014: references to several records (partners of a delegation or an agreement, the
-- members of a delegation) as tables of their own instead of "3,17,42" in a text column:
-- the database holds the references (foreign keys: a record in use cannot be deleted,
-- one that is deleted takes its lists along), and a filter by one of them uses an index.
-- Each is named <table>_<field>: rid is the record, ref the one it refers to, pos the
-- order the user gave.
CREATE TABLE delegations_partner_ids (
    rid INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES partners(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX delegations_partner_ids_ref ON delegations_partner_ids(ref);
CREATE TABLE delegations_member_ids (
    rid INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES contacts(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX delegations_member_ids_ref ON delegations_member_ids(ref);
CREATE TABLE agreements_partner_ids (
    rid INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    ref INTEGER NOT NULL REFERENCES partners(id),
    pos INTEGER NOT NULL,
    PRIMARY KEY (rid, ref)
);
CREATE INDEX agreements_partner_ids_ref ON agreements_partner_ids(ref);

-- the lists as they were, in their order (a reference to a record that no longer exists,
-- which the program never let happen, would have nowhere to point and is not copied)
INSERT OR IGNORE INTO delegations_partner_ids(rid, ref, pos)
    SELECT d.id, j.value, j.key FROM delegations d, json_each('[' || d.partner_ids || ']') j
    WHERE d.partner_ids IS NOT NULL AND d.partner_ids <> ''
      AND j.value IN (SELECT id FROM partners);
INSERT OR IGNORE INTO delegations_member_ids(rid, ref, pos)
    SELECT d.id, j.value, j.key FROM delegations d, json_each('[' || d.member_ids || ']') j
    WHERE d.member_ids IS NOT NULL AND d.member_ids <> ''
      AND j.value IN (SELECT id FROM contacts);
INSERT OR IGNORE INTO agreements_partner_ids(rid, ref, pos)
    SELECT a.id, j.value, j.key FROM agreements a, json_each('[' || a.partner_ids || ']') j
    WHERE a.partner_ids IS NOT NULL AND a.partner_ids <> ''
      AND j.value IN (SELECT id FROM partners);

ALTER TABLE delegations DROP COLUMN partner_ids;
ALTER TABLE delegations DROP COLUMN member_ids;
ALTER TABLE agreements DROP COLUMN partner_ids;
