-- 016: attachments' files kept in the database itself, for an engine whose nodes share no
-- folder (PostgreSQL without NGOAIVU_FILES_DIR). SQLite keeps them in the folder beside
-- its file, and this table stays empty; it is here so that both engines have one schema
-- (and `migrate-db` copies files through the store, whichever way each side keeps them).
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY, -- the content's SHA-256, 64 hex digits
    data   BLOB NOT NULL
) WITHOUT ROWID;
