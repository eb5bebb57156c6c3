-- 012: the search index merges its segments when a level holds 16 of them (FTS5's
-- crisismerge) rather than a little after every write (automerge): each write then costs
-- one small segment, and the merges come in batches. Measured on the bench data (100,000
-- partners, 64 clients): audited creates 880-1,100 -> 1,030-1,400 a second with it and the
-- larger checkpoint interval (store/sqlite.c), searches unchanged within the noise.
INSERT INTO search(search, rank) VALUES ('automerge', 0);
