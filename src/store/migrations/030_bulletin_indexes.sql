-- 030: the indexes the public pages read by. The lists sort on publish_at_sort (a field
-- sortable as text sorts on its key, store/sql.c), which the indexes of 028 did not hold:
-- each page of the bulletin sorted every published article (10 ms at 2,000). An article is
-- found by its address (slug), which had no index of its own (slug_key is its folded form).
DROP INDEX articles_public;
DROP INDEX articles_category;
DROP INDEX articles_issue;
CREATE INDEX articles_public ON articles(status, publish_at_sort, id);
CREATE INDEX articles_category ON articles(category_id, publish_at_sort, id);
CREATE INDEX articles_issue ON articles(issue_id, publish_at_sort, id);
CREATE INDEX articles_slug ON articles(slug);
