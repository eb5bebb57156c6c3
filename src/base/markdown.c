/* Markdown for the public bulletin (see markdown.h for what is guaranteed).
 *
 * cmark parses with CMARK_OPT_VALIDATE_UTF8 and renders in its default, safe mode: raw
 * HTML becomes a comment. cmark cannot add attributes to the tags it writes, so before
 * rendering each link and image node is replaced in the tree by a custom inline node
 * whose opening and closing markup is built here, from the node's URL and title, with
 * the URL checked against a short list of allowed schemes, percent-encoded and
 * HTML-escaped. A link's children (its text) move into the custom node and are rendered
 * and escaped by cmark as usual; an image's description is flattened to text for alt=.
 * Nothing is done to the rendered HTML as a string. */
#include "markdown.h"

#include <cmark.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MD_OPTS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)

/* ---- a small growable string; a failed allocation sets oom and later writes do nothing */

typedef struct {
    char *s;
    size_t len, cap;
    bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *p, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = true;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    if (s) sb_put(b, s, strlen(s));
}

/* The string (malloc'd, "" when nothing was written), or NULL after a failed allocation. */
static char *sb_take(sbuf *b)
{
    if (!b->oom && !b->s) sb_put(b, "", 0);
    if (b->oom) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

/* Text for a double- or single-quoted attribute value. */
static void sb_attr(sbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&':
            sb_puts(b, "&amp;");
            break;
        case '<':
            sb_puts(b, "&lt;");
            break;
        case '>':
            sb_puts(b, "&gt;");
            break;
        case '"':
            sb_puts(b, "&quot;");
            break;
        case '\'':
            sb_puts(b, "&#39;");
            break;
        default:
            sb_put(b, p, 1);
        }
    }
}

/* ---- URLs */

/* Bytes that may stay as they are in a URL; everything else (spaces, controls, quotes,
 * backslashes, non-ASCII bytes, ...) is percent-encoded. '%' stays: the author may have
 * encoded the URL already. */
static bool url_safe_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("-._~!$&'()*+,;=:@/?#[]%", c));
}

static void sb_url(sbuf *b, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (url_safe_byte(*p)) {
            sb_put(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_put(b, e, 3);
        }
    }
}

/* The length of url's scheme (the part before ':'), 0 when it has none (relative). The
 * check is on the URL as it will be written: anything before a would-be scheme that is
 * not a scheme character gets percent-encoded, and then a browser sees a relative URL. */
static size_t url_scheme_len(const char *url)
{
    const char *p = url;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':' ? (size_t)(p - url) : 0;
}

static bool scheme_is(const char *url, size_t len, const char *scheme)
{
    return len == strlen(scheme) && strncasecmp(url, scheme, len) == 0;
}

static bool url_is_web(const char *url)
{
    size_t k = url_scheme_len(url);
    return k == 0 || scheme_is(url, k, "http") || scheme_is(url, k, "https");
}

static bool link_url_ok(const char *url)
{
    size_t k = url_scheme_len(url);
    return url_is_web(url) || scheme_is(url, k, "mailto") || scheme_is(url, k, "tel");
}

static bool image_url_ok(const char *url)
{
    static const char *const data_ok[] = {"data:image/png", "data:image/gif", "data:image/jpeg",
                                          "data:image/webp"};
    if (url_is_web(url)) return true;
    for (size_t i = 0; i < sizeof data_ok / sizeof *data_ok; i++) {
        size_t k = strlen(data_ok[i]);
        if (strncasecmp(url, data_ok[i], k) == 0 && (url[k] == ';' || url[k] == ',')) return true;
    }
    return false;
}

/* A link to another site: an absolute http(s) URL or a scheme-relative one. */
static bool url_is_external(const char *url)
{
    size_t k = url_scheme_len(url);
    return scheme_is(url, k, "http") || scheme_is(url, k, "https") ||
           (url[0] == '/' && url[1] == '/');
}

/* ---- the tree */

/* The text of node and its descendants: text and code literals, a space for a line
 * break. For an image's alt= (cmark writes it the same way). */
static void collect_text(sbuf *b, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *cur = cmark_iter_get_node(it);
        switch (cmark_node_get_type(cur)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            sb_puts(b, cmark_node_get_literal(cur));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            sb_puts(b, " ");
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

static void sb_title(sbuf *b, cmark_node *node)
{
    const char *title = cmark_node_get_title(node);
    if (title && *title) {
        sb_puts(b, " title=\"");
        sb_attr(b, title);
        sb_puts(b, "\"");
    }
}

/* Replaces a link or image node by a custom inline node carrying our markup. */
static bool replace_node(cmark_node *node)
{
    bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    const char *url = cmark_node_get_url(node);
    if (!url) url = "";
    sbuf open = {0};
    if (image) {
        sbuf alt = {0};
        collect_text(&alt, node);
        sb_puts(&open, "<img src=\"");
        if (image_url_ok(url)) sb_url(&open, url);
        sb_puts(&open, "\" alt=\"");
        sb_attr(&open, alt.s);
        sb_puts(&open, "\"");
        sb_title(&open, node);
        sb_puts(&open, " loading=\"lazy\" />");
        if (alt.oom) open.oom = true;
        free(alt.s);
    } else {
        sb_puts(&open, "<a href=\"");
        if (link_url_ok(url)) {
            sbuf enc = {0};
            sb_url(&enc, url);
            sb_attr(&open, enc.s);
            if (enc.oom) open.oom = true;
            free(enc.s);
        }
        sb_puts(&open, "\"");
        sb_title(&open, node);
        if (link_url_ok(url) && url_is_external(url)) sb_puts(&open, " rel=\"nofollow noopener\"");
        sb_puts(&open, ">");
    }
    char *markup = sb_take(&open);
    if (!markup) return false;

    cmark_node *custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    bool ok = custom && cmark_node_set_on_enter(custom, markup) &&
              cmark_node_set_on_exit(custom, image ? "" : "</a>") &&
              cmark_node_insert_before(node, custom);
    free(markup);
    if (!ok) {
        cmark_node_free(custom);
        return false;
    }
    if (!image) { /* the link's text moves into the new node, cmark renders it */
        cmark_node *child;
        while ((child = cmark_node_first_child(node)))
            if (!cmark_node_append_child(custom, child)) return false;
    }
    cmark_node_free(node); /* unlinks it; an image's description goes with it */
    return true;
}

/* Shifts the headings down a level and replaces the links and images. */
static bool prepare(cmark_node *doc)
{
    cmark_node **nodes = NULL;
    size_t count = 0, cap = 0;
    bool ok = true;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(cur);
        if (type == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(cur) + 1;
            cmark_node_set_heading_level(cur, level > 6 ? 6 : level);
        } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            if (count == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                cmark_node **n = realloc(nodes, ncap * sizeof *n);
                if (!n) {
                    ok = false;
                    break;
                }
                nodes = n;
                cap = ncap;
            }
            nodes[count++] = cur;
            /* an image's description becomes its alt text: do not visit it */
            if (type == CMARK_NODE_IMAGE) cmark_iter_reset(it, cur, CMARK_EVENT_EXIT);
        }
    }
    cmark_iter_free(it);
    /* the tree changes only now that the iterator is gone; a link found before an image
     * inside it stays a valid node when the image is replaced, and the other way round */
    for (size_t i = 0; ok && i < count; i++)
        ok = replace_node(nodes[i]);
    free(nodes);
    return ok;
}

char *md_html(const char *src, size_t n)
{
    cmark_node *doc = cmark_parse_document(src ? src : "", src ? n : 0, MD_OPTS);
    if (!doc) return NULL;
    char *html = prepare(doc) ? cmark_render_html(doc, MD_OPTS) : NULL;
    cmark_node_free(doc);
    return html; /* cmark's default allocator is the C library's */
}

/* ---- plain text */

/* Length of the white-space character at p (ASCII white space or U+00A0), else 0. */
static size_t space_at(const char *p)
{
    if (*p == ' ' || (*p >= '\t' && *p <= '\r')) return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;
    return 0;
}

static bool is_block(cmark_node_type t)
{
    return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

char *md_text(const char *src, size_t n, size_t max_chars)
{
    cmark_node *doc = cmark_parse_document(src ? src : "", src ? n : 0, MD_OPTS);
    if (!doc) return NULL;
    sbuf raw = {0};
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(cur);
        if (is_block(type)) {
            sb_puts(&raw, " "); /* on entering and leaving: blocks never run together */
            if (type == CMARK_NODE_CODE_BLOCK) sb_puts(&raw, cmark_node_get_literal(cur));
        } else if (ev == CMARK_EVENT_ENTER) {
            if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
                sb_puts(&raw, cmark_node_get_literal(cur));
            else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
                sb_puts(&raw, " ");
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    if (raw.oom) {
        free(raw.s);
        return NULL;
    }

    /* collapse white space; count code points, remembering where the first
     * max_chars - 1 of them end (room for the "…") and the last space among them */
    sbuf out = {0};
    size_t chars = 0, keep = 0, last_space = 0;
    bool cut = false;
    for (const char *p = raw.s ? raw.s : ""; *p;) {
        const char *c = p;
        size_t k = space_at(p);
        bool sp = k > 0;
        if (sp) {
            while ((k = space_at(p)))
                p += k;
            if (out.len == 0 || !*p) continue; /* leading or trailing */
            c = " ";
            k = 1;
        } else {
            k = 1;
            while ((p[k] & 0xC0) == 0x80)
                k++;
            p += k;
        }
        if (max_chars && chars == max_chars) {
            cut = true;
            break;
        }
        if (max_chars && chars == max_chars - 1) keep = out.len;
        if (sp && (!max_chars || chars < max_chars - 1)) last_space = out.len;
        sb_put(&out, c, k);
        chars++;
    }
    free(raw.s);
    if (cut && !out.oom) {
        /* at a word boundary when there is one before the limit, else inside the word */
        size_t end = out.s[keep] == ' ' || last_space == 0 ? keep : last_space;
        while (end > 0 && strchr(" ,;:", out.s[end - 1]))
            end--;
        out.len = end;
        sb_puts(&out, "\xE2\x80\xA6"); /* … */
    }
    return sb_take(&out);
}

char *md_first_image(const char *src, size_t n)
{
    cmark_node *doc = cmark_parse_document(src ? src : "", src ? n : 0, MD_OPTS);
    if (!doc) return NULL;
    char *url = NULL;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while (!url && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_IMAGE) continue;
        const char *u = cmark_node_get_url(cur);
        if (u && *u && url_is_web(u)) {
            sbuf b = {0};
            sb_url(&b, u);
            url = sb_take(&b);
            break; /* NULL here means no memory: report "none" rather than a later one */
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return url;
}
