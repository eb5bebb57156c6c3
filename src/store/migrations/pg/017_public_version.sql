-- PostgreSQL 017, as SQLite 029: the public version, which moves with what the bulletin's
-- public pages show and with nothing else: articles, issues, categories, approved comments
-- (one that waits for moderation, or is rejected, is on no public page), the articles'
-- images, the settings (the province profile) and the names. The public pages are kept
-- until it moves (web/ui_public.c, public_version) rather than until any write. Row
-- triggers, whoever writes (a node, a command, an administrator's UPDATE).
INSERT INTO meta(key, value) VALUES ('public_version', 0);
CREATE FUNCTION bump_public_version() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'public_version';
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_public_ins AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER articles_public_upd AFTER UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER articles_public_del AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_issues_public_ins AFTER INSERT ON bulletin_issues
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_issues_public_upd AFTER UPDATE ON bulletin_issues
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_issues_public_del AFTER DELETE ON bulletin_issues
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_categories_public_ins AFTER INSERT ON bulletin_categories
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_categories_public_upd AFTER UPDATE ON bulletin_categories
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER bulletin_categories_public_del AFTER DELETE ON bulletin_categories
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER comments_public_ins AFTER INSERT ON comments
    FOR EACH ROW WHEN (NEW.status = 'approved') EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER comments_public_upd AFTER UPDATE ON comments
    FOR EACH ROW WHEN (OLD.status = 'approved' OR NEW.status = 'approved')
    EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER comments_public_del AFTER DELETE ON comments
    FOR EACH ROW WHEN (OLD.status = 'approved') EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER attachments_public_ins AFTER INSERT ON attachments
    FOR EACH ROW WHEN (NEW.entity = 'articles') EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER attachments_public_upd AFTER UPDATE ON attachments
    FOR EACH ROW WHEN (OLD.entity = 'articles' OR NEW.entity = 'articles')
    EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER attachments_public_del AFTER DELETE ON attachments
    FOR EACH ROW WHEN (OLD.entity = 'articles') EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER settings_public_ins AFTER INSERT ON settings
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER settings_public_upd AFTER UPDATE ON settings
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER settings_public_del AFTER DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER name_overrides_public_ins AFTER INSERT ON name_overrides
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER name_overrides_public_upd AFTER UPDATE ON name_overrides
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER name_overrides_public_del AFTER DELETE ON name_overrides
    FOR EACH ROW EXECUTE FUNCTION bump_public_version();
