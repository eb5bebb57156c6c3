-- PostgreSQL 002: leases, as SQLite migration 015 (../015_leases.sql says what they are).
CREATE TABLE leases (
    name     text COLLATE "C" PRIMARY KEY,
    holder   text COLLATE "C" NOT NULL,
    expires  bigint NOT NULL,
    progress bigint NOT NULL DEFAULT 0
);
