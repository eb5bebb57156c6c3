-- 013: which record each entry of the search index is, in a table of its own instead of
-- packed into the entry's rowid (id * 16 + the record type's code), which allowed no more
-- than 15 record types. An entry's rowid is its row's id here; the existing entries keep
-- theirs, so nothing needs to be indexed again.
CREATE TABLE search_docs (
    id     INTEGER PRIMARY KEY, -- the rowid of the entry in search
    entity INTEGER NOT NULL,    -- the record type's code
    rid    INTEGER NOT NULL,    -- the record's id
    UNIQUE (entity, rid)
);
INSERT INTO search_docs(id, entity, rid) SELECT rowid, rowid & 15, rowid >> 4 FROM search;
