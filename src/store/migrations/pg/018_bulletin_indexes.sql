-- PostgreSQL 018, as SQLite 030: the indexes the public pages read by. The lists sort on
-- publish_at_sort, which the indexes of 016 did not hold; an article is found by its
-- address (slug), which had no index of its own.
DROP INDEX articles_public;
DROP INDEX articles_category;
DROP INDEX articles_issue;
CREATE INDEX articles_public ON articles(status, publish_at_sort, id);
CREATE INDEX articles_category ON articles(category_id, publish_at_sort, id);
CREATE INDEX articles_issue ON articles(issue_id, publish_at_sort, id);
CREATE INDEX articles_slug ON articles(slug);
