-- PostgreSQL 003: attachments' files in the database, as SQLite migration 016 says: where
-- every node reaches them when NGOAIVU_FILES_DIR names no shared directory.
CREATE TABLE blobs (
    sha256 text COLLATE "C" PRIMARY KEY,
    data   bytea NOT NULL
);
