/* The public bulletin (tập san đối ngoại): what strangers read, with no login, in the
 * language of its address (/bulletin/vi, /bulletin/en, /bulletin/lo, /bulletin/km): the front
 * page, an article with its approved comments and the comment form, an issue, a category,
 * a tag, a search (without diacritics), an Atom feed per language, sitemap.xml and
 * robots.txt, the articles' images (copies resized and stripped of their metadata).
 *
 * Every page is kept in memory until what it shows changes: its key is its address, its
 * version the data version and the count of publication times that have come (an article
 * published for 08:00 appears at 08:00 with no write). A reader's browser gets an ETag and a
 * Last-Modified and is answered 304 when it has the page. The same Content-Security-Policy
 * as every answer (server.c).
 *
 * Nothing a reader or an editor typed reaches a page unescaped: the Markdown goes through
 * md_html (raw HTML dropped, links checked), everything else through html_printf. A
 * commenter's e-mail is read by no code here. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/image.h"
#include "../base/log.h"
#include "../base/markdown.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/app.h"
#include "../domain/attach.h"
#include "../domain/bulletin.h"
#include "../domain/issue_pdf.h"
#include "cache.h"
#include "public.h"
#include "routes.h"

extern const char *const ngv_bulletin_css;

enum { PAGE_SIZE = 12, FEED_SIZE = 30, COMMENTS_MAX = 300 };
static const int image_widths[] = {480, 960, 1600};

static const char *const lang_names[BULLETIN_LANGS] = {"Tiếng Việt", "English", "ພາສາລາວ",
                                                       "ភាសាខ្មែរ"};
static const char *const og_locales[BULLETIN_LANGS] = {"vi_VN", "en_US", "lo_LA", "km_KH"};

/* ---- what every public page shares */

static int L(req *r)
{
    int l = bulletin_lang(r->plang);
    return l < 0 ? 0 : l;
}

/* The page's own words: Vietnamese on a Vietnamese page, else English (the catalogue has
 * no Lao or Khmer; the articles do). */
static const char *W(req *r, int m)
{
    return msg(m, L(r) == 0 ? "vi" : "en");
}

/* A reader: may read what is published, nothing else (the queries below say what). */
static ctx reader(req *r)
{
    ctx x = r->x;
    x.role = ROLE_VIEWER;
    x.lang = L(r) == 0 ? "vi" : "en";
    return x;
}

static const char *base_url; /* NGOAIVU_BASE_URL without its last '/', or NULL */
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static void base_read(void)
{
    const char *b = getenv("NGOAIVU_BASE_URL");
    if (!b || !*b) return;
    size_t n = strlen(b);
    base_url = n && b[n - 1] == '/' ? strndup(b, n - 1) : b;
}

const char *public_base(req *r)
{
    pthread_once(&base_once, base_read);
    if (base_url) return base_url;
    const char *host = header_get(r, "Host");
    /* a Host is a name and a port, nothing to run: anything else is not believed */
    if (!host || !*host ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789.-:[]") != strlen(host))
        host = "localhost";
    return arena_cat(&r->a, "http://", host, (char *)NULL);
}

/* A text in the page's language, else the Vietnamese one (*other set). */
static const char *in_lang(const record *a, const char *base, int l, bool *other)
{
    const char *v = article_text(a, base, l);
    if (other) *other = !v && l != 0;
    return v ? v : article_text(a, base, 0);
}

static const char *category_name(const record *c, int l)
{
    static const char *const names[BULLETIN_LANGS] = {"name_vi", "name_en", "name_lo", "name_km"};
    const char *v = record_get(c, names[l]);
    return v ? v : record_get(c, "name_vi");
}

/* An issue's title or introduction in the page's language: English on a page that is not
 * Vietnamese when it has one, else Vietnamese. */
static const char *issue_text(const record *is, const char *base, int l)
{
    char vi[16], en[16];
    snprintf(vi, sizeof vi, "%s_vi", base);
    snprintf(en, sizeof en, "%s_en", base);
    return l == 0 || !record_get(is, en) ? record_get(is, vi) : record_get(is, en);
}

/* "2026-12-05 08:00" as the page says it: 05/12/2026 */
static const char *day_of(req *r, const char *at)
{
    if (!at || strlen(at) < 10) return "";
    return arena_printf(&r->a, "%.2s/%.2s/%.4s", at + 8, at + 5, at);
}

/* What the public pages are kept for: the public version (migration 029), which moves with
 * what they show and with nothing else (a comment waiting for moderation, a delegation's
 * report: no public page is made again), and the count of publication times that have come
 * since this process first asked (an article set to appear at 08:00 is on the pages from
 * 08:00 on, with no write then). The public version is read once per data version: a
 * request that sees a data version not seen before reads it, after, so that what it reads
 * is at least as new as that version, and a page made after is never older than the
 * version it is kept for. -1 when it cannot be read: nothing is kept then. */
static pthread_mutex_t sched_mu = PTHREAD_MUTEX_INITIALIZER;
static long long seen_data = -1, seen_public = -1; /* a data version, the public one read at it */
static long long sched_version = -1, sched_epoch;  /* the public version the next was read at */
static char sched_next[17];

static long long public_version(req *r)
{
    long long v = req_version(r);
    if (v < 0) return -1;
    pthread_mutex_lock(&sched_mu);
    long long pv = v == seen_data ? seen_public : -1;
    pthread_mutex_unlock(&sched_mu);
    if (pv < 0) {
        if ((pv = st_public_version(r->c)) < 0) return -1;
        pthread_mutex_lock(&sched_mu);
        if (v > seen_data) {
            seen_data = v;
            seen_public = pv;
        }
        pthread_mutex_unlock(&sched_mu);
    }
    /* the minute, read once a second per thread */
    static _Thread_local long long now_sec = -1;
    static _Thread_local char now[17];
    if (clock_unix() != now_sec) {
        now_sec = clock_unix();
        bulletin_now(now);
    }
    pthread_mutex_lock(&sched_mu);
    bool again = pv != sched_version || (sched_next[0] && strcmp(now, sched_next) >= 0);
    if (again && sched_next[0] && strcmp(now, sched_next) >= 0) sched_epoch++;
    long long epoch = sched_epoch;
    pthread_mutex_unlock(&sched_mu);
    if (again) {
        ctx x = reader(r);
        char next[17];
        if (bulletin_next_publication(&x, now, next) == 0) {
            pthread_mutex_lock(&sched_mu);
            sched_version = pv;
            memcpy(sched_next, next, sizeof next);
            pthread_mutex_unlock(&sched_mu);
        }
    }
    return pv * 1000 + epoch % 1000;
}

static void http_date(long long t, char out[40])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static long long parse_http_date(const char *s)
{
    struct tm tm = {0};
    if (!s || !strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm)) return -1;
    return (long long)timegm(&tm);
}

/* The cached page of this address, answered (200, or 304 to a matching If-None-Match or an
 * If-Modified-Since not older than it): true. Else false, with *key and *version for
 * keep_in once the page is made. An entry is the page after a first line of its own, the
 * time it was made: "1764633294 Tue, 01 Dec 2026 23:54:54 GMT\n" (one lookup a request,
 * nothing formatted to answer). */
/* v in hex digits at p, as %llx would (no format parsed at every request); after them. */
static char *put_hex(char *p, unsigned long long v)
{
    int i = 60;
    while (i > 0 && !(v >> i))
        i -= 4;
    for (; i >= 0; i -= 4)
        *p++ = "0123456789abcdef"[(v >> i) & 15];
    return p;
}

static bool cached_in(req *r, resp_cache *c, const char **key, long long *version)
{
    *version = public_version(r);
    /* the address the page's links are made with is part of it (public_base: the Host
     * header unless NGOAIVU_BASE_URL is set): a page asked for under another name is never
     * served to those who asked under theirs */
    *key = arena_cat(&r->a, "pub|", public_base(r), "|", request_uri(r), (char *)NULL);
    if (*version < 0) return false;
    unsigned long h = 5381;
    for (const char *p = *key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    char *etag = arena_alloc(&r->a, 40), *e = etag; /* "p<version>-<hash>", in hex */
    *e++ = '"';
    *e++ = 'p';
    e = put_hex(e, (unsigned long long)*version);
    *e++ = '-';
    e = put_hex(e, h);
    *e = '"';
    add_header(r, "ETag", etag);
    add_header(r, "Cache-Control", "public, no-cache");
    cache_body *b = cache_get_shared(c, *key, *version);
    if (!b) return false;
    size_t n;
    const char *d = cache_body_data(b, &n);
    const char *nl = memchr(d, '\n', n), *sp = memchr(d, ' ', n);
    if (!nl || !sp || sp > nl) { /* not one of ours: made again */
        cache_unref(b);
        return false;
    }
    add_header(r, "Last-Modified", arena_strndup(&r->a, sp + 1, (size_t)(nl - sp - 1)));
    const char *inm = header_get(r, "If-None-Match"), *ims = header_get(r, "If-Modified-Since");
    if ((inm && !strcmp(inm, etag)) ||
        (!inm && ims && parse_http_date(ims) >= strtoll(d, NULL, 10))) {
        cache_unref(b);
        r->status = 304;
        return true;
    }
    r->shared = b;
    r->shared_skip = (size_t)(nl - d) + 1;
    return true;
}

static bool public_cached(req *r, const char **key, long long *version)
{
    return cached_in(r, r->w->cache, key, version);
}

static void keep_in(req *r, resp_cache *c, const char *key, long long version)
{
    if (r->status != 200 || version < 0) return;
    long long now = clock_unix();
    char date[40];
    http_date(now, date);
    add_header(r, "Last-Modified", arena_strdup(&r->a, date));
    buf e = {0};
    buf_printf(&e, "%lld %s\n", now, date);
    buf_put(&e, r->out.data, r->out.len);
    cache_put(c, key, version, e.data, e.len);
    buf_free(&e);
}

static void public_keep(req *r, const char *key, long long version)
{
    keep_in(r, r->w->cache, key, version);
}

typedef struct {
    const char *title, *description, *image, *type;
    const char *path;                /* this page's address in its language, "/bulletin/vi/..." */
    const char *alt[BULLETIN_LANGS]; /* the same page in each language it exists in, or NULL */
    const char *canonical;           /* when another address is the page (a translation missing) */
} page_meta;

static void public_begin(req *r, const page_meta *m)
{
    r->ctype = "text/html; charset=utf-8";
    buf *o = &r->out;
    const char *base = public_base(r);
    ctx x = reader(r);
    province pv;
    province_get(&x, &pv);
    const char *dept = province_dept(&pv, x.lang);
    int l = L(r);
    html_printf(o,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · %s</title>"
                "<link rel=\"stylesheet\" href=\"/bulletin/static/bulletin.css\">"
                "<link rel=\"icon\" href=\"data:,\">",
                bulletin_langs[l], m->title, W(r, M_BULLETIN));
    if (m->description)
        html_printf(o, "<meta name=\"description\" content=\"%s\">", m->description);
    html_printf(o,
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" "
                "href=\"/bulletin/%s/feed.atom\">",
                W(r, M_BULLETIN), bulletin_langs[l]);
    html_printf(o, "<link rel=\"canonical\" href=\"%s%s\">", base,
                m->canonical ? m->canonical : m->path);
    for (int k = 0; k < BULLETIN_LANGS; k++)
        if (m->alt[k])
            html_printf(o, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s%s\">",
                        bulletin_langs[k], base, m->alt[k]);
    if (m->alt[0])
        html_printf(o, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"%s%s\">", base,
                    m->alt[0]);
    /* Open Graph: what a link to the page shows where it is shared */
    html_printf(o,
                "<meta property=\"og:site_name\" content=\"%s\"><meta property=\"og:type\" "
                "content=\"%s\"><meta property=\"og:title\" content=\"%s\">"
                "<meta property=\"og:url\" content=\"%s%s\"><meta property=\"og:locale\" "
                "content=\"%s\">",
                W(r, M_BULLETIN), m->type ? m->type : "website", m->title, base, m->path,
                og_locales[l]);
    for (int k = 0; k < BULLETIN_LANGS; k++)
        if (m->alt[k] && k != l)
            html_printf(o, "<meta property=\"og:locale:alternate\" content=\"%s\">", og_locales[k]);
    if (m->description)
        html_printf(o, "<meta property=\"og:description\" content=\"%s\">", m->description);
    if (m->image)
        html_printf(o, "<meta property=\"og:image\" content=\"%s%s\">",
                    m->image[0] == '/' ? base : "", m->image);
    html_printf(o,
                "</head><body>\n<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"site\">"
                "<div class=\"in\"><a class=\"masthead\" href=\"/bulletin/%s\"><strong>%s</strong>"
                "<small>%s</small></a>",
                W(r, M_SKIP_MAIN), bulletin_langs[l], W(r, M_BULLETIN), dept ? dept : "");
    /* the categories */
    const entity *ce = &bulletin_category_entity;
    list_query q = {.sort = -1, .limit = 20};
    record *cats;
    int nc = 0;
    st_rec_list(r->c, &r->a, ce, &q, &cats, &nc);
    html_printf(o, "<nav class=\"cats\" aria-label=\"%s\">", W(r, M_BULLETIN_CATEGORIES));
    for (int i = 0; i < nc; i++)
        html_printf(o, "<a href=\"/bulletin/%s/c/%s\">%s</a>", bulletin_langs[l],
                    record_get(&cats[i], "slug"), category_name(&cats[i], l));
    html_printf(o, "</nav><nav class=\"langs\" aria-label=\"%s\">", W(r, M_BULLETIN_LANGS));
    for (int k = 0; k < BULLETIN_LANGS; k++) {
        const char *href =
            m->alt[k] ? m->alt[k] : arena_printf(&r->a, "/bulletin/%s", bulletin_langs[k]);
        if (k == l)
            html_printf(o,
                        "<a lang=\"%s\" hreflang=\"%s\" href=\"%s\" aria-current=\"page\">%s</a>",
                        bulletin_langs[k], bulletin_langs[k], href, lang_names[k]);
        else
            html_printf(o, "<a lang=\"%s\" hreflang=\"%s\" href=\"%s\">%s</a>", bulletin_langs[k],
                        bulletin_langs[k], href, lang_names[k]);
    }
    html_printf(o,
                "</nav><form class=\"find\" role=\"search\" method=\"get\" "
                "action=\"/bulletin/%s/search\"><input type=\"search\" name=\"q\" value=\"%s\" "
                "aria-label=\"%s\" placeholder=\"%s\"><button type=\"submit\">%s</button></form>"
                "</div></header>\n<main id=\"main\">\n",
                bulletin_langs[l], q_get(r, "q"), W(r, M_SEARCH), W(r, M_BULLETIN_SEARCH_HINT),
                W(r, M_SEARCH));
}

static void public_end(req *r)
{
    ctx x = reader(r);
    province pv;
    province_get(&x, &pv);
    html_printf(&r->out,
                "</main>\n<footer class=\"site\"><div class=\"in\">%s · <a href=\"/bulletin/%s/"
                "feed.atom\">Atom</a></div></footer>\n</body></html>\n",
                province_dept(&pv, x.lang), bulletin_langs[L(r)]);
}

static void public_error(req *r, int status, int m)
{
    r->status = status;
    page_meta pm = {.title = W(r, m), .path = arena_printf(&r->a, "/bulletin/%s", r->plang)};
    public_begin(r, &pm);
    html_printf(&r->out, "<h1>%s</h1><p><a href=\"/bulletin/%s\">%s</a></p>", W(r, m), r->plang,
                W(r, M_BULLETIN_HOME));
    public_end(r);
}

/* ---- articles as readers see them */

/* The first image attached to an article (its lead), or NULL. */
static const char *lead_image(req *r, const record *a)
{
    attach_row *rows;
    int n = 0;
    if (st_attach_list(r->c, &r->a, article_entity.name, a->id, &rows, &n) != ST_OK) return NULL;
    for (int i = 0; i < n; i++)
        if (rows[i].mime && !strncmp(rows[i].mime, "image/", 6)) return rows[i].sha256;
    return NULL;
}

static void image_tag(req *r, const char *sha, const char *alt, const char *sizes)
{
    html_printf(&r->out,
                "<img src=\"/bulletin/images/%s/960\" srcset=\"/bulletin/images/%s/480 480w, "
                "/bulletin/images/%s/960 960w, /bulletin/images/%s/1600 1600w\" sizes=\"%s\" "
                "alt=\"%s\" loading=\"lazy\">",
                sha, sha, sha, sha, sizes, alt ? alt : "");
}

static const char *summary_of(req *r, const record *a, int l)
{
    bool other;
    const char *s = in_lang(a, "summary", l, &other);
    if (s && (!other || !article_text(a, "body", l))) return s;
    const char *body = in_lang(a, "body", l, NULL);
    char *t = body ? md_text(body, strlen(body), 220) : NULL;
    const char *out = t ? arena_strdup(&r->a, t) : "";
    free(t);
    return out;
}

static void card(req *r, const record *a, bool heading2)
{
    int l = L(r);
    bool other;
    const char *title = in_lang(a, "title", l, &other);
    buf *o = &r->out;
    html_printf(o, "<li>");
    const char *img = lead_image(r, a);
    if (img) image_tag(r, img, title, "(max-width: 40rem) 100vw, 20rem");
    const char *tag = heading2 ? "h2" : "h3";
    if (other)
        html_printf(o, heading2 ? "<h2 lang=\"vi\">" : "<h3 lang=\"vi\">");
    else
        html_printf(o, heading2 ? "<h2>" : "<h3>");
    html_printf(o, "<a href=\"/bulletin/%s/a/%s\">%s</a>", bulletin_langs[l], record_get(a, "slug"),
                title);
    html_printf(o, heading2 ? "</h2>" : "</h3>");
    (void)tag;
    html_printf(o, "<p class=\"meta\"><time datetime=\"%s\">%s</time></p><p%s>%s</p></li>",
                arena_printf(&r->a, "%.10s", record_get(a, "publish_at")),
                day_of(r, record_get(a, "publish_at")), other ? " lang=\"vi\"" : "",
                summary_of(r, a, l));
}

/* Published articles matching q's filters (q holds room for two more), the latest first. */
static int public_list(req *r, list_query *q, record **rows, int *n)
{
    char now[17];
    bulletin_public_filter(q, arena_strdup(&r->a, bulletin_now(now)));
    q->sort = entity_field_index(&article_entity, "publish_at");
    q->desc = true;
    ctx x = reader(r);
    return st_rec_list(x.c, &r->a, &article_entity, q, rows, n);
}

static long long page_no(req *r)
{
    const char *p = q_get(r, "page");
    long long n = p ? strtoll(p, NULL, 10) : 1;
    return n < 1 || n > 100000 ? 1 : n;
}

static void pager(req *r, long long page, bool more, const char *path)
{
    if (page <= 1 && !more) return;
    buf *o = &r->out;
    html_printf(o, "<nav class=\"pager\">");
    if (page > 1)
        html_printf(o, "<a rel=\"prev\" href=\"%s?page=%D\">← %s</a>", path, page - 1,
                    W(r, M_BULLETIN_NEWER));
    else
        html_printf(o, "<span></span>");
    if (more)
        html_printf(o, "<a rel=\"next\" href=\"%s?page=%D\">%s →</a>", path, page + 1,
                    W(r, M_BULLETIN_OLDER));
    html_printf(o, "</nav>");
}

/* A list page: its heading, its articles (q: its filters), a pager. */
static void list_page(req *r, const page_meta *pm, const char *heading, list_query *q,
                      const char *intro)
{
    long long page = page_no(r);
    q->limit = PAGE_SIZE + 1;
    q->offset = (page - 1) * PAGE_SIZE;
    record *rows;
    int n = 0;
    if (public_list(r, q, &rows, &n) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    public_begin(r, pm);
    buf *o = &r->out;
    html_printf(o, "<h1>%s</h1>", heading);
    if (intro) html_printf(o, "<p class=\"lead\">%s</p>", intro);
    if (!n) html_printf(o, "<p>%s</p>", W(r, M_BULLETIN_NONE));
    html_printf(o, "<ul class=\"cards\">");
    for (int i = 0; i < n && i < PAGE_SIZE; i++)
        card(r, &rows[i], true);
    html_printf(o, "</ul>");
    pager(r, page, n > PAGE_SIZE, pm->path);
    public_end(r);
}

static void all_langs(req *r, page_meta *pm, const char *rest)
{
    for (int k = 0; k < BULLETIN_LANGS; k++)
        pm->alt[k] = arena_printf(&r->a, "/bulletin/%s%s", bulletin_langs[k], rest);
}

void ui_bulletin_root(req *r)
{
    const char *al = header_get(r, "Accept-Language");
    /* Vietnamese unless the reader's browser puts another of ours first */
    const char *to = "vi";
    if (al)
        for (int k = 1; k < BULLETIN_LANGS; k++)
            if (!strncmp(al, bulletin_langs[k], 2)) to = bulletin_langs[k];
    redirect(r, arena_printf(&r->a, "/bulletin/%s", to));
}

void ui_bulletin_front(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    int l = L(r);
    page_meta pm = {.title = W(r, M_BULLETIN),
                    .path = arena_printf(&r->a, "/bulletin/%s", bulletin_langs[l])};
    all_langs(r, &pm, "");
    ctx x = reader(r);
    province pv;
    province_get(&x, &pv);
    pm.description = arena_printf(&r->a, "%s · %s", W(r, M_BULLETIN), province_dept(&pv, x.lang));
    /* the latest issue an article published belongs to */
    list_query iq = {.nf = 1};
    iq.f[0] = (list_filter){entity_field_index(&article_entity, "issue_id"), NULL, 'N'};
    iq.limit = 1;
    record *ia;
    int nia = 0;
    public_list(r, &iq, &ia, &nia);
    record issue;
    bool has_issue =
        nia && rec_get(&x, &bulletin_issue_entity,
                       strtoll(record_get(&ia[0], "issue_id"), NULL, 10), &issue) == RS_OK;
    long long page = page_no(r);
    list_query q = {.limit = PAGE_SIZE + 1, .offset = (page - 1) * PAGE_SIZE};
    record *rows;
    int n = 0;
    if (public_list(r, &q, &rows, &n) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    public_begin(r, &pm);
    buf *o = &r->out;
    html_printf(o, "<h1>%s</h1>", W(r, M_BULLETIN_LATEST));
    if (has_issue && page == 1) {
        const char *it = issue_text(&issue, "title", l);
        html_printf(o,
                    "<aside class=\"issue-box\"><a href=\"/bulletin/%s/issues/%s\"><strong>%s"
                    "</strong></a> · <span class=\"meta\">%s</span></aside>",
                    bulletin_langs[l], record_get(&issue, "number"), it,
                    day_of(r, record_get(&issue, "published_on")));
    }
    if (!n) html_printf(o, "<p>%s</p>", W(r, M_BULLETIN_NONE));
    html_printf(o, "<ul class=\"cards\">");
    for (int i = 0; i < n && i < PAGE_SIZE; i++)
        card(r, &rows[i], true);
    html_printf(o, "</ul>");
    pager(r, page, n > PAGE_SIZE, pm.path);
    public_end(r);
    public_keep(r, key, version);
}

/* The published article of this address, or false (answered 404). */
static bool public_article(req *r, record *a)
{
    list_query q = {.nf = 1, .limit = 1};
    q.f[0] = (list_filter){entity_field_index(&article_entity, "slug"), r->slug, '='};
    record *rows;
    int n = 0;
    if (public_list(r, &q, &rows, &n) != ST_OK || !n) {
        public_error(r, 404, M_NOT_FOUND);
        return false;
    }
    *a = rows[0];
    return true;
}

static void comments_section(req *r, const record *a, const verrs *ve, const char *name,
                             const char *email, const char *body)
{
    int l = L(r);
    buf *o = &r->out;
    const entity *ce = &comment_entity;
    list_query q = {.sort = -1, .limit = COMMENTS_MAX, .nf = 2};
    q.f[0] = (list_filter){entity_field_index(ce, "article_id"), arena_printf(&r->a, "%lld", a->id),
                           '='};
    q.f[1] = (list_filter){entity_field_index(ce, "status"), "approved", '='};
    record *rows;
    int n = 0;
    st_rec_list(r->c, &r->a, ce, &q, &rows, &n);
    html_printf(o, "<section class=\"comments\" id=\"comments\"><h2>%s (%d)</h2>",
                W(r, M_BULLETIN_COMMENTS), n);
    for (int i = 0; i < n; i++) {
        char t[32];
        /* the name and the text only: the e-mail stays with the staff */
        html_printf(o,
                    "<div class=\"comment\"><span class=\"who\">%s</span> <span class=\"meta\">"
                    "%s</span><p>%s</p></div>",
                    record_get(&rows[i], "name"), clock_local(rows[i].created_at, t),
                    record_get(&rows[i], "body"));
    }
    if (q_get(r, "sent"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", W(r, M_COMMENT_SENT));
    html_printf(o,
                "<h3>%s</h3><form class=\"comment-form\" method=\"post\" "
                "action=\"/bulletin/%s/a/%s/comments\"><p class=\"note\">%s</p>",
                W(r, M_COMMENT_WRITE), bulletin_langs[l], record_get(a, "slug"),
                W(r, M_COMMENT_PRIVACY));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", W(r, M_INVALID));
    const char *fields[3][3] = {{"name", "text", name}, {"email", "email", email}};
    const int labels[3] = {M_COMMENT_NAME, M_COMMENT_EMAIL, M_COMMENT_TEXT};
    for (int k = 0; k < 3; k++) {
        const char *err = NULL;
        const char *fname = k < 2 ? fields[k][0] : "body";
        for (int i = 0; ve && i < ve->n; i++)
            if (ve->e[i].field && !strcmp(ve->e[i].field, fname))
                err = arena_printf(&r->a, W(r, ve->e[i].msg), ve->e[i].arg);
        html_printf(o, "<label>%s *", W(r, labels[k]));
        if (k < 2)
            html_printf(o,
                        "<input type=\"%s\" name=\"%s\" value=\"%s\" required maxlength=\"%d\" "
                        "autocomplete=\"%s\"></label>",
                        fields[k][1], fname, fields[k][2], k ? 200 : 100, k ? "email" : "name");
        else
            html_printf(o,
                        "<textarea name=\"body\" rows=\"5\" required maxlength=\"3000\">%s"
                        "</textarea></label>",
                        body);
        if (err) html_printf(o, "<span class=\"error\">%s</span>", err);
    }
    /* the honeypot: a field no person sees or fills; a program that fills it is thanked and
     * forgotten */
    html_printf(o,
                "<div class=\"hp\" aria-hidden=\"true\"><label>Website <input type=\"text\" "
                "name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>"
                "<p class=\"note\">%s</p><button type=\"submit\">%s</button></form></section>",
                W(r, M_COMMENT_MODERATED), W(r, M_COMMENT_SEND));
}

static void article_page(req *r, const record *a, const verrs *ve, const char *name,
                         const char *email, const char *body, bool preview)
{
    int l = L(r);
    bool other;
    const char *title = in_lang(a, "title", l, &other);
    const char *text = in_lang(a, "body", l, NULL);
    page_meta pm = {
        .title = title,
        .type = "article",
        .path = arena_printf(&r->a, "/bulletin/%s/a/%s", bulletin_langs[l], record_get(a, "slug"))};
    for (int k = 0; k < BULLETIN_LANGS; k++)
        if (article_has_lang(a, k))
            pm.alt[k] =
                arena_printf(&r->a, "/bulletin/%s/a/%s", bulletin_langs[k], record_get(a, "slug"));
    if (other) pm.canonical = pm.alt[0];
    pm.description = summary_of(r, a, l);
    const char *img = lead_image(r, a);
    char *first = text ? md_first_image(text, strlen(text)) : NULL;
    pm.image = img     ? arena_printf(&r->a, "/bulletin/images/%s/1600", img)
               : first ? arena_strdup(&r->a, first)
                       : NULL;
    free(first);
    public_begin(r, &pm);
    buf *o = &r->out;
    ctx x = reader(r);
    record cat, issue;
    bool has_cat = record_get(a, "category_id") &&
                   rec_get(&x, &bulletin_category_entity,
                           strtoll(record_get(a, "category_id"), NULL, 10), &cat) == RS_OK;
    bool has_issue = record_get(a, "issue_id") &&
                     rec_get(&x, &bulletin_issue_entity,
                             strtoll(record_get(a, "issue_id"), NULL, 10), &issue) == RS_OK;
    html_printf(o, other ? "<article class=\"post\" lang=\"vi\">" : "<article class=\"post\">");
    if (other)
        html_printf(o, "<p class=\"note\" lang=\"%s\">%s</p>", bulletin_langs[l],
                    W(r, M_BULLETIN_NOT_TRANSLATED));
    html_printf(o, "<h1>%s</h1><p class=\"meta\">", title);
    if (has_cat)
        html_printf(o, "<a href=\"/bulletin/%s/c/%s\">%s</a> · ", bulletin_langs[l],
                    record_get(&cat, "slug"), category_name(&cat, l));
    html_printf(o, "<time datetime=\"%s\">%s</time>",
                arena_printf(&r->a, "%.10s", record_get(a, "publish_at")),
                day_of(r, record_get(a, "publish_at")));
    if (record_get(a, "author")) html_printf(o, " · %s", record_get(a, "author"));
    if (has_issue)
        html_printf(o, " · <a href=\"/bulletin/%s/issues/%s\">%s</a>", bulletin_langs[l],
                    record_get(&issue, "number"), issue_text(&issue, "title", l));
    html_printf(o, "</p>");
    /* the summary of the language shown: a translation without one has none */
    const char *sum = other ? article_text(a, "summary", 0) : article_text(a, "summary", l);
    if (sum) html_printf(o, "<p class=\"lead\">%s</p>", sum);
    if (img) {
        html_printf(o, "<figure>");
        image_tag(r, img, title, "(max-width: 62rem) 100vw, 62rem");
        html_printf(o, "</figure>");
    }
    char *html = text ? md_html(text, strlen(text)) : NULL;
    html_printf(o, "<div class=\"body\">");
    html_raw(o, html ? html : ""); /* md_html: raw HTML dropped, links and images checked */
    free(html);
    html_printf(o, "</div>");
    const char *slugs[20], *names[20];
    int nt = article_tags(&r->a, a, slugs, names, 20);
    if (nt) {
        html_printf(o, "<ul class=\"tags\" aria-label=\"%s\">", W(r, M_BULLETIN_TAGS));
        for (int i = 0; i < nt; i++)
            html_printf(o, "<li><a href=\"/bulletin/%s/t/%s\">%s</a></li>", bulletin_langs[l],
                        slugs[i], names[i]);
        html_printf(o, "</ul>");
    }
    bool any = false;
    for (int k = 0; k < BULLETIN_LANGS; k++)
        if (k != l && pm.alt[k]) {
            html_printf(o, any ? " · " : "<p class=\"other-langs\">%s: ", W(r, M_BULLETIN_READ_IN));
            html_printf(o, "<a lang=\"%s\" hreflang=\"%s\" href=\"%s\">%s</a>", bulletin_langs[k],
                        bulletin_langs[k], pm.alt[k], lang_names[k]);
            any = true;
        }
    if (any) html_printf(o, "</p>");
    html_printf(o, "</article>");
    if (!preview) comments_section(r, a, ve, name, email, body);
    public_end(r);
}

void public_article_page(req *r, const record *a, bool preview)
{
    article_page(r, a, NULL, NULL, NULL, NULL, preview);
}

void ui_bulletin_article(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    record a;
    if (!public_article(r, &a)) return;
    article_page(r, &a, NULL, NULL, NULL, NULL, false);
    public_keep(r, key, version);
}

/* The client's comments in the last 10 minutes: at most this many. */
enum { COMMENT_RATE = 5, COMMENT_WINDOW = 600 };

void ui_bulletin_comment(req *r)
{
    record a;
    if (!public_article(r, &a)) return;
    const char *name = f_get(r, "name"), *email = f_get(r, "email"), *body = f_get(r, "body");
    const char *back = arena_printf(&r->a, "/bulletin/%s/a/%s?sent=1#comments", r->plang, r->slug);
    const char *hp = f_get(r, "website");
    if (hp && *hp) { /* a program filled the field no person sees: thanked, not kept */
        log_info("comment honeypot filled from %s: dropped", r->client);
        redirect(r, back);
        return;
    }
    const char *key = arena_printf(&r->a, "comment|%s", r->client);
    long long now = clock_unix(), n = 0, last = 0;
    if (st_login_failure_count(r->c, key, now - COMMENT_WINDOW, &n, &last) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    if (n >= COMMENT_RATE) {
        add_header(r, "Retry-After", arena_printf(&r->a, "%lld", last + COMMENT_WINDOW - now));
        public_error(r, 429, M_COMMENT_TOO_MANY);
        return;
    }
    ctx x = r->x;
    x.role = ROLE_NONE; /* a reader: the comment type lets one create (entity.public_create) */
    x.user_id = 0;
    x.username = "public";
    verrs ve = {0};
    rstatus rs = comment_add(&x, a.id, name, email, body, &ve);
    if (rs == RS_OK) {
        st_login_failure_add(r->c, key, now);
        redirect(r, back);
        return;
    }
    if (rs == RS_INVALID) {
        r->status = 422;
        article_page(r, &a, &ve, name, email, body, false);
        return;
    }
    if (rs != RS_NOTFOUND)
        log_error("comment on article %lld: %d (%s)", a.id, rs, store_errmsg(r->c));
    public_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
}

void ui_bulletin_category(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    const entity *ce = &bulletin_category_entity;
    list_query cq = {.sort = -1, .limit = 1, .nf = 1};
    cq.f[0] = (list_filter){entity_field_index(ce, "slug"), r->slug, '='};
    record *cats;
    int nc = 0;
    if (st_rec_list(r->c, &r->a, ce, &cq, &cats, &nc) != ST_OK || !nc) {
        public_error(r, 404, M_NOT_FOUND);
        return;
    }
    int l = L(r);
    const char *rest = arena_printf(&r->a, "/c/%s", r->slug);
    page_meta pm = {.title = category_name(&cats[0], l),
                    .path = arena_printf(&r->a, "/bulletin/%s%s", bulletin_langs[l], rest)};
    all_langs(r, &pm, rest);
    list_query q = {.nf = 1};
    q.f[0] = (list_filter){entity_field_index(&article_entity, "category_id"),
                           arena_printf(&r->a, "%lld", cats[0].id), '='};
    list_page(r, &pm, pm.title, &q, NULL);
    public_keep(r, key, version);
}

void ui_bulletin_tag(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    int l = L(r);
    const char *rest = arena_printf(&r->a, "/t/%s", r->slug);
    /* the articles whose words hold the tag's, then those whose tags say it exactly */
    list_query q = {.words = text_fold(&r->a, arena_printf(&r->a, "%s", r->slug))};
    for (char *p = (char *)q.words; p && *p; p++)
        if (*p == '-') *p = ' ';
    q.limit = 500;
    record *rows;
    int n = 0;
    if (public_list(r, &q, &rows, &n) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    const char *name = r->slug;
    int k = 0;
    for (int i = 0; i < n; i++) {
        const char *slugs[20], *names[20];
        int nt = article_tags(&r->a, &rows[i], slugs, names, 20);
        bool has = false;
        for (int j = 0; j < nt; j++)
            if (!strcmp(slugs[j], r->slug)) has = true, name = names[j];
        if (has) rows[k++] = rows[i];
    }
    page_meta pm = {.title = arena_printf(&r->a, "%s: %s", W(r, M_BULLETIN_TAG), name),
                    .path = arena_printf(&r->a, "/bulletin/%s%s", bulletin_langs[l], rest)};
    all_langs(r, &pm, rest);
    public_begin(r, &pm);
    buf *o = &r->out;
    html_printf(o, "<h1>%s</h1>", pm.title);
    if (!k) html_printf(o, "<p>%s</p>", W(r, M_BULLETIN_NONE));
    html_printf(o, "<ul class=\"cards\">");
    for (int i = 0; i < k; i++)
        card(r, &rows[i], true);
    html_printf(o, "</ul>");
    public_end(r);
    public_keep(r, key, version);
}

/* The issue of this address (its number) and its published articles, the latest first; or
 * false (answered 404, or 500). */
static bool public_issue(req *r, record *is, record **rows, int *n)
{
    const entity *ie = &bulletin_issue_entity;
    list_query iq = {.sort = -1, .limit = 1, .nf = 1};
    iq.f[0] =
        (list_filter){entity_field_index(ie, "number"), arena_printf(&r->a, "%lld", r->id), '='};
    record *issues;
    int ni = 0;
    if (st_rec_list(r->c, &r->a, ie, &iq, &issues, &ni) != ST_OK || !ni) {
        public_error(r, 404, M_NOT_FOUND);
        return false;
    }
    *is = issues[0];
    list_query q = {.nf = 1, .limit = 200};
    q.f[0] = (list_filter){entity_field_index(&article_entity, "issue_id"),
                           arena_printf(&r->a, "%lld", is->id), '='};
    *n = 0;
    if (public_list(r, &q, rows, n) != ST_OK || !*n) {
        public_error(r, 404, M_NOT_FOUND); /* an issue with nothing published is none yet */
        return false;
    }
    return true;
}

void ui_bulletin_issue(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    record issue, *rows;
    int n = 0;
    if (!public_issue(r, &issue, &rows, &n)) return;
    int l = L(r);
    const record *is = &issue;
    const char *title = issue_text(is, "title", l), *intro = issue_text(is, "intro", l);
    const char *rest = arena_printf(&r->a, "/issues/%lld", r->id);
    page_meta pm = {.title = title,
                    .path = arena_printf(&r->a, "/bulletin/%s%s", bulletin_langs[l], rest),
                    .description = intro};
    all_langs(r, &pm, rest);
    public_begin(r, &pm);
    buf *o = &r->out;
    html_printf(o,
                "<h1>%s</h1><p class=\"meta\">%s · <a href=\"/bulletin/%s/issues/%D/pdf\">%s"
                "</a></p>",
                title, day_of(r, record_get(is, "published_on")), bulletin_langs[l], r->id,
                W(r, M_BULLETIN_ISSUE_PDF));
    if (intro) html_printf(o, "<p class=\"lead\">%s</p>", intro);
    html_printf(o, "<ul class=\"cards\">");
    for (int i = n - 1; i >= 0; i--)
        card(r, &rows[i], true); /* in the order published */
    html_printf(o, "</ul>");
    public_end(r);
    public_keep(r, key, version);
}

void ui_bulletin_search(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    int l = L(r);
    const char *words = q_get(r, "q");
    const char *folded = words ? text_fold(&r->a, words) : NULL;
    page_meta pm = {.title = W(r, M_SEARCH_RESULTS),
                    .path = arena_printf(&r->a, "/bulletin/%s/search", bulletin_langs[l])};
    if (!folded || text_is_blank(folded)) {
        public_begin(r, &pm);
        html_printf(&r->out, "<h1>%s</h1><p>%s</p>", pm.title, W(r, M_BULLETIN_SEARCH_HINT));
        public_end(r);
        public_keep(r, key, version);
        return;
    }
    list_query q = {.words = folded};
    list_page(r, &pm, arena_printf(&r->a, "%s: %s", W(r, M_SEARCH_RESULTS), words), &q, NULL);
    public_keep(r, key, version);
}

/* ---- the feeds, the site map, robots.txt */

/* "2026-12-05 08:00" (Vietnam time) as RFC 3339 */
static const char *rfc3339(req *r, const char *at)
{
    if (!at || strlen(at) < 16) return "1970-01-01T00:00:00Z";
    return arena_printf(&r->a, "%.10sT%.5s:00+07:00", at, at + 11);
}

void ui_bulletin_feed(req *r)
{
    const char *key;
    long long version;
    if (public_cached(r, &key, &version)) return;
    int l = L(r);
    list_query q = {.limit = FEED_SIZE * 3};
    record *rows;
    int n = 0;
    if (public_list(r, &q, &rows, &n) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    const char *base = public_base(r);
    ctx x = reader(r);
    province pv;
    province_get(&x, &pv);
    buf *o = &r->out;
    r->ctype = "application/atom+xml; charset=utf-8";
    const char *updated = n ? rfc3339(r, record_get(&rows[0], "publish_at")) : rfc3339(r, NULL);
    html_printf(
        o,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/"
        "Atom\" xml:lang=\"%s\"><title>%s</title><subtitle>%s</subtitle>"
        "<id>%s/bulletin/%s</id><updated>%s</updated>"
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s/bulletin/%s/feed.atom\"/>"
        "<link rel=\"alternate\" type=\"text/html\" href=\"%s/bulletin/%s\"/>"
        "<author><name>%s</name></author>\n",
        bulletin_langs[l], W(r, M_BULLETIN), province_dept(&pv, x.lang), base, bulletin_langs[l],
        updated, base, bulletin_langs[l], base, bulletin_langs[l], province_dept(&pv, x.lang));
    int k = 0;
    for (int i = 0; i < n && k < FEED_SIZE; i++) {
        const record *a = &rows[i];
        if (!article_has_lang(a, l)) continue; /* a feed in one language: its articles */
        k++;
        const char *url = arena_printf(&r->a, "%s/bulletin/%s/a/%s", base, bulletin_langs[l],
                                       record_get(a, "slug"));
        const char *text = article_text(a, "body", l);
        char *html = md_html(text, strlen(text));
        const char *at = rfc3339(r, record_get(a, "publish_at"));
        html_printf(o,
                    "<entry><title>%s</title><id>%s</id><link rel=\"alternate\" type=\"text/html\" "
                    "href=\"%s\"/><published>%s</published><updated>%s</updated>"
                    "<summary>%s</summary><content type=\"html\">%s</content></entry>\n",
                    article_text(a, "title", l), url, url, at, at, summary_of(r, a, l),
                    html ? html : "");
        free(html);
    }
    html_printf(o, "</feed>\n");
    public_keep(r, key, version);
}

void ui_sitemap(req *r)
{
    const char *key;
    long long version;
    r->plang = "vi";
    if (public_cached(r, &key, &version)) return;
    list_query q = {.limit = 50000};
    record *rows;
    int n = 0;
    if (public_list(r, &q, &rows, &n) != ST_OK) {
        public_error(r, 500, M_INTERNAL);
        return;
    }
    const char *base = public_base(r);
    buf *o = &r->out;
    r->ctype = "application/xml; charset=utf-8";
    html_printf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www."
                   "sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/"
                   "xhtml\">\n");
    for (int k = 0; k < BULLETIN_LANGS; k++) {
        html_printf(o, "<url><loc>%s/bulletin/%s</loc>", base, bulletin_langs[k]);
        for (int j = 0; j < BULLETIN_LANGS; j++)
            html_printf(o,
                        "<xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s/bulletin/%s\"/>",
                        bulletin_langs[j], base, bulletin_langs[j]);
        html_printf(o, "</url>\n");
    }
    for (int i = 0; i < n; i++) {
        const record *a = &rows[i];
        for (int k = 0; k < BULLETIN_LANGS; k++) {
            if (!article_has_lang(a, k)) continue;
            html_printf(o, "<url><loc>%s/bulletin/%s/a/%s</loc><lastmod>%s</lastmod>", base,
                        bulletin_langs[k], record_get(a, "slug"),
                        arena_printf(&r->a, "%.10s", a->updated_at));
            for (int j = 0; j < BULLETIN_LANGS; j++)
                if (article_has_lang(a, j))
                    html_printf(o,
                                "<xhtml:link rel=\"alternate\" hreflang=\"%s\" "
                                "href=\"%s/bulletin/%s/a/%s\"/>",
                                bulletin_langs[j], base, bulletin_langs[j], record_get(a, "slug"));
            html_printf(o, "</url>\n");
        }
    }
    html_printf(o, "</urlset>\n");
    public_keep(r, key, version);
}

void ui_robots(req *r)
{
    r->ctype = "text/plain; charset=utf-8";
    buf_printf(&r->out, "User-agent: *\nAllow: /bulletin/\nDisallow: /\nSitemap: %s/sitemap.xml\n",
               public_base(r));
}

void ui_bulletin_css(req *r)
{
    r->ctype = "text/css; charset=utf-8";
    add_header(r, "Cache-Control", "public, max-age=3600");
    buf_puts(&r->out, ngv_bulletin_css);
}

/* ---- images */

/* Whether the attachment with this content belongs to an article readers may see. */
static bool image_public(req *r, const char *sha)
{
    attach_row *rows;
    int n = 0;
    if (st_attach_by_sha(r->c, &r->a, sha, &rows, &n) != ST_OK) return false;
    char now[17];
    bulletin_now(now);
    ctx x = reader(r);
    for (int i = 0; i < n; i++) {
        if (strcmp(rows[i].entity, article_entity.name) || !rows[i].mime ||
            strncmp(rows[i].mime, "image/", 6))
            continue;
        record a;
        if (rec_get(&x, &article_entity, rows[i].rid, &a) != RS_OK) continue;
        const char *st = record_get(&a, "status"), *at = record_get(&a, "publish_at");
        if (st && !strcmp(st, "published") && at && strcmp(at, now) <= 0) return true;
    }
    return false;
}

/* The copy of the picture sha at width w (one of image_widths) into out, kept in memory once
 * made (the same content at the same width is the same copy, whatever the data version): 0,
 * or -1 (no such picture readers may see, or it cannot be read). */
static int public_image(req *r, const char *sha, int w, buf *out, const char **mime)
{
    if (!image_public(r, sha)) return -1;
    const char *key = arena_printf(&r->a, "img|%s|%d", sha, w);
    if (cache_get(r->w->media, key, 0, out)) {
        *mime = out->len > 3 && (unsigned char)out->data[0] == 0x89 ? "image/png" : "image/jpeg";
        return 0;
    }
    buf orig = {0};
    char err[200];
    if (files_get(r->c, sha, &orig, err, sizeof err) != 0) {
        buf_free(&orig);
        return -1;
    }
    image_variant v;
    int rc = image_variants(orig.data, orig.len, &w, 1, &v, err, sizeof err);
    buf_free(&orig);
    if (rc) {
        log_error("image %s at %d: %s", sha, w, err);
        return -1;
    }
    *mime = v.mime;
    buf_put(out, v.data, v.len);
    cache_put(r->w->media, key, 0, (const char *)v.data, v.len);
    image_variants_free(&v, 1);
    return 0;
}

void ui_bulletin_image(req *r)
{
    int w = (int)r->sub;
    bool offered = false;
    for (size_t i = 0; i < sizeof image_widths / sizeof *image_widths; i++)
        offered |= image_widths[i] == w;
    r->plang = "vi";
    const char *mime = NULL;
    if (!offered || public_image(r, r->hash, w, &r->out, &mime)) {
        buf_reset(&r->out);
        public_error(r, 404, M_NOT_FOUND);
        return;
    }
    r->ctype = mime;
    add_header(r, "Cache-Control", "public, max-age=31536000, immutable");
    if (header_get(r, "If-None-Match") || header_get(r, "If-Modified-Since")) {
        buf_reset(&r->out); /* an image's address names its content: the reader has it */
        r->status = 304;
    }
}

/* ---- the issue as a PDF */

/* The images of the issue's articles, from their addresses (/bulletin/images/SHA/WIDTH). */
static int issue_image(void *arg, const char *url, buf *out)
{
    req *r = arg;
    const char *p = "/bulletin/images/";
    size_t pl = strlen(p);
    if (!url || strncmp(url, p, pl) || strlen(url) < pl + 65 || url[pl + 64] != '/') return -1;
    char sha[65];
    memcpy(sha, url + pl, 64);
    sha[64] = 0;
    if (strspn(sha, "0123456789abcdef") != 64) return -1;
    const char *mime;
    return public_image(r, sha, 960, out, &mime);
}

void ui_bulletin_issue_pdf(req *r)
{
    const char *key;
    long long version;
    if (cached_in(r, r->w->media, &key, &version)) {
        r->ctype = "application/pdf";
        return;
    }
    record issue, *rows;
    int n = 0;
    if (!public_issue(r, &issue, &rows, &n)) return;
    const record *is = &issue;
    int l = L(r);
    ctx x = reader(r);
    province pv;
    province_get(&x, &pv);
    const char *title = issue_text(is, "title", l), *intro = issue_text(is, "intro", l);
    json_t *arts = json_array();
    for (int i = n - 1; i >= 0; i--) { /* in the order published */
        const record *a = &rows[i];
        bool other;
        const char *t = in_lang(a, "title", l, &other);
        record cat;
        const char *cname =
            record_get(a, "category_id") &&
                    rec_get(&x, &bulletin_category_entity,
                            strtoll(record_get(a, "category_id"), NULL, 10), &cat) == RS_OK
                ? category_name(&cat, l)
                : "";
        const char *img = lead_image(r, a);
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", t, "category", cname ? cname : "", "date",
                      day_of(r, record_get(a, "publish_at")), "lang", bulletin_langs[other ? 0 : l],
                      "markdown", in_lang(a, "body", l, NULL));
        const char *sum = other ? article_text(a, "summary", 0) : article_text(a, "summary", l);
        if (sum) json_object_set_new(o, "summary", json_string(sum));
        if (record_get(a, "author"))
            json_object_set_new(o, "author", json_string(record_get(a, "author")));
        if (img)
            json_object_set_new(o, "image",
                                json_string(arena_printf(&r->a, "/bulletin/images/%s/960", img)));
        json_array_append_new(arts, o);
    }
    json_t *doc = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:o}", "lang", bulletin_langs[l], "title", title, "publisher",
        province_dept(&pv, x.lang), "date", record_get(is, "published_on"), "url",
        arena_printf(&r->a, "%s/bulletin/%s/issues/%lld", public_base(r), bulletin_langs[l], r->id),
        "articles", arts);
    if (intro) json_object_set_new(doc, "intro", json_string(intro));
    char err[300] = "";
    int rc = issue_pdf(doc, issue_image, r, &r->out, err, sizeof err);
    json_decref(doc);
    if (rc) {
        log_error("issue %lld as a PDF: %s", r->id, err);
        buf_reset(&r->out);
        public_error(r, 500, M_INTERNAL);
        return;
    }
    r->ctype = "application/pdf";
    add_header(r, "Content-Disposition",
               arena_printf(&r->a, "inline; filename=\"tap-san-so-%lld-%s.pdf\"", r->id,
                            bulletin_langs[l]));
    keep_in(r, r->w->media, key, version);
}
