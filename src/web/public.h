/* The public bulletin's pages (ui_public.c), answered with no login; and the staff's pages of
 * the bulletin (ui_bulletin.c). */
#ifndef NGV_PUBLIC_H
#define NGV_PUBLIC_H
#include "http.h"

/* This site's address as links outside it need it (feeds, Open Graph, the site map):
 * $NGOAIVU_BASE_URL, else http:// and the request's Host. */
const char *public_base(req *r);

/* An article's page as readers see it (preview: for the staff, whatever its state, without
 * the comments). */
void public_article_page(req *r, const record *a, bool preview);

void ui_bulletin_root(req *r);      /* GET /bulletin: to the reader's language */
void ui_bulletin_front(req *r);     /* GET /bulletin/:lang */
void ui_bulletin_article(req *r);   /* GET /bulletin/:lang/a/:slug */
void ui_bulletin_comment(req *r);   /* POST /bulletin/:lang/a/:slug/comments */
void ui_bulletin_category(req *r);  /* GET /bulletin/:lang/c/:slug */
void ui_bulletin_tag(req *r);       /* GET /bulletin/:lang/t/:slug */
void ui_bulletin_issue(req *r);     /* GET /bulletin/:lang/issues/:id (the issue's number) */
void ui_bulletin_issue_pdf(req *r); /* GET /bulletin/:lang/issues/:id/pdf */
void ui_bulletin_search(req *r);    /* GET /bulletin/:lang/search?q= */
void ui_bulletin_feed(req *r);      /* GET /bulletin/:lang/feed.atom */
void ui_bulletin_image(req *r);     /* GET /bulletin/images/:hash/:sub (a width) */
void ui_bulletin_css(req *r);       /* GET /bulletin/static/bulletin.css */
void ui_sitemap(req *r);            /* GET /sitemap.xml */
void ui_robots(req *r);             /* GET /robots.txt */
#endif
