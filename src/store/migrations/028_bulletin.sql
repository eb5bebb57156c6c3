-- 028: the foreign-affairs bulletin: categories, numbered issues, articles (Markdown in four
-- languages, a URL word, the publication time) and readers' comments (pending until staff
-- moderate them; the e-mail kept for staff alone).
CREATE TABLE bulletin_categories (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT,
    name_lo TEXT,
    name_km TEXT,
    slug TEXT,
    name_vi_sort BLOB,
    name_vi_key TEXT,
    slug_key TEXT
);
CREATE INDEX bulletin_categories_id ON bulletin_categories(id);
CREATE INDEX bulletin_categories_name ON bulletin_categories(name_vi_sort);
CREATE UNIQUE INDEX bulletin_categories_name_key ON bulletin_categories(name_vi_key);
CREATE UNIQUE INDEX bulletin_categories_slug_key ON bulletin_categories(slug_key);
INSERT INTO counts VALUES ('bulletin_categories', 0);

CREATE TABLE bulletin_issues (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    number NUMERIC NOT NULL,
    title_vi TEXT,
    title_en TEXT,
    published_on TEXT NOT NULL,
    intro_vi TEXT,
    intro_en TEXT,
    number_key TEXT
);
CREATE INDEX bulletin_issues_id ON bulletin_issues(id);
CREATE UNIQUE INDEX bulletin_issues_number_key ON bulletin_issues(number_key);
CREATE INDEX bulletin_issues_published ON bulletin_issues(published_on);
INSERT INTO counts VALUES ('bulletin_issues', 0);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    title_vi TEXT NOT NULL,
    title_en TEXT,
    title_lo TEXT,
    title_km TEXT,
    slug TEXT,
    category_id INTEGER NOT NULL REFERENCES bulletin_categories(id),
    issue_id INTEGER REFERENCES bulletin_issues(id),
    tags TEXT,
    author TEXT,
    summary_vi TEXT,
    summary_en TEXT,
    summary_lo TEXT,
    summary_km TEXT,
    body_vi TEXT NOT NULL,
    body_en TEXT,
    body_lo TEXT,
    body_km TEXT,
    status TEXT NOT NULL,
    publish_at TEXT,
    source_table TEXT,
    source_id NUMERIC,
    title_vi_sort BLOB,
    publish_at_sort BLOB,
    slug_key TEXT
);
CREATE INDEX articles_id ON articles(id);
CREATE INDEX articles_title ON articles(title_vi_sort);
CREATE UNIQUE INDEX articles_slug_key ON articles(slug_key);
CREATE INDEX articles_public ON articles(status, publish_at);
CREATE INDEX articles_category ON articles(category_id, publish_at);
CREATE INDEX articles_issue ON articles(issue_id, publish_at);
INSERT INTO counts VALUES ('articles', 0);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    body TEXT NOT NULL,
    has_links INTEGER,
    status TEXT NOT NULL
);
CREATE INDEX comments_id ON comments(id);
CREATE INDEX comments_article ON comments(article_id, status);
CREATE INDEX comments_status ON comments(status, id);
INSERT INTO counts VALUES ('comments', 0);
