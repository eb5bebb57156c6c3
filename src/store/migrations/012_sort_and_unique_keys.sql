-- 012: Vietnamese order and unique names without a collation of the program's own.
-- Each field sortable as text gets <name>_sort, its ICU sort key ("vi", CLDR: Đ after D,
-- Ê after E, tones secondary), and lists sort on it bytewise; each unique field gets
-- <name>_key, its folded form (no case, no diacritics, đ = d), under a unique index, so
-- that the database itself refuses a second "tỉnh attapeu" beside "Tỉnh Attapeu". The
-- program computes both on every write, and fills them for older rows when it opens the
-- database (st_rec_backfill). The indexes that used the old "vi" collation go: the file
-- no longer needs this program to be checked or queried (PRAGMA integrity_check).
DROP INDEX agencies_name_vi;
DROP INDEX commitments_title;
DROP INDEX agreements_title;
DROP INDEX delegations_title;
DROP INDEX partners_name_vi;
DROP INDEX partners_name_en;
DROP INDEX contacts_full_name;

ALTER TABLE agencies ADD COLUMN name_vi_sort BLOB;
ALTER TABLE agencies ADD COLUMN name_vi_key TEXT;
ALTER TABLE agreements ADD COLUMN title_vi_sort BLOB;
ALTER TABLE commitments ADD COLUMN title_sort BLOB;
ALTER TABLE contacts ADD COLUMN full_name_sort BLOB;
ALTER TABLE delegations ADD COLUMN title_sort BLOB;
ALTER TABLE partners ADD COLUMN name_vi_sort BLOB;
ALTER TABLE partners ADD COLUMN name_vi_key TEXT;
ALTER TABLE partners ADD COLUMN name_en_sort BLOB;

CREATE INDEX agencies_name_vi ON agencies(name_vi_sort);
CREATE UNIQUE INDEX agencies_name_vi_key ON agencies(name_vi_key);
CREATE INDEX agreements_title ON agreements(title_vi_sort);
CREATE INDEX commitments_title ON commitments(title_sort);
CREATE INDEX contacts_full_name ON contacts(full_name_sort);
CREATE INDEX delegations_title ON delegations(title_sort);
CREATE INDEX partners_name_vi ON partners(name_vi_sort);
CREATE UNIQUE INDEX partners_name_vi_key ON partners(name_vi_key);
CREATE INDEX partners_name_en ON partners(name_en_sort);
