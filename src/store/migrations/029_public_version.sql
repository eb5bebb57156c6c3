-- 029: the public version, which moves with what the bulletin's public pages show and with
-- nothing else: articles, issues, categories, approved comments (one that waits for
-- moderation, or is rejected, is on no public page), the articles' images, the settings
-- (the province profile) and the names. The public pages are kept until it moves
-- (web/ui_public.c, public_version) rather than until any write: a reader's comment,
-- which waits for moderation, or an officer's work elsewhere, no longer makes every
-- public page again. Row triggers, whoever writes (the server, a command, another node).
INSERT INTO meta(key, value) VALUES ('public_version', 0);
CREATE TRIGGER articles_public_ins AFTER INSERT ON articles
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER articles_public_upd AFTER UPDATE ON articles
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER articles_public_del AFTER DELETE ON articles
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_issues_public_ins AFTER INSERT ON bulletin_issues
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_issues_public_upd AFTER UPDATE ON bulletin_issues
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_issues_public_del AFTER DELETE ON bulletin_issues
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_categories_public_ins AFTER INSERT ON bulletin_categories
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_categories_public_upd AFTER UPDATE ON bulletin_categories
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER bulletin_categories_public_del AFTER DELETE ON bulletin_categories
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER comments_public_ins AFTER INSERT ON comments WHEN NEW.status = 'approved'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER comments_public_upd AFTER UPDATE ON comments
    WHEN OLD.status = 'approved' OR NEW.status = 'approved'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER comments_public_del AFTER DELETE ON comments WHEN OLD.status = 'approved'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER attachments_public_ins AFTER INSERT ON attachments WHEN NEW.entity = 'articles'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER attachments_public_upd AFTER UPDATE ON attachments
    WHEN OLD.entity = 'articles' OR NEW.entity = 'articles'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER attachments_public_del AFTER DELETE ON attachments WHEN OLD.entity = 'articles'
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER settings_public_ins AFTER INSERT ON settings
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER settings_public_upd AFTER UPDATE ON settings
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER settings_public_del AFTER DELETE ON settings
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER name_overrides_public_ins AFTER INSERT ON name_overrides
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER name_overrides_public_upd AFTER UPDATE ON name_overrides
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
CREATE TRIGGER name_overrides_public_del AFTER DELETE ON name_overrides
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'public_version'; END;
