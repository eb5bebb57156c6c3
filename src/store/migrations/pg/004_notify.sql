-- PostgreSQL 004: every change of the data version is announced at its commit, whoever
-- makes it (a node, a command, the triggers of 001, an administrator's UPDATE): NOTIFY
-- ngoaivu_version with the new value. A serving node listens, and knows the version
-- without asking for it at each request (src/store/pg.c, "following the version").
CREATE FUNCTION announce_data_version() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ngoaivu_version', NEW.value::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER meta_version_announced AFTER UPDATE ON meta
    FOR EACH ROW WHEN (NEW.key = 'data_version') EXECUTE FUNCTION announce_data_version();
