/* issue_pdf: the sample issue (tests/unit/data/issue-sample.json: a Vietnamese article with
 * images, an English one, a Lao one with Khmer text) renders to a PDF of a cover and a page
 * or more for each article, the same bytes every time and from several threads at once;
 * images are fetched once each, and a missing, corrupt or foreign image is left out without
 * failing the issue; raw HTML in the Markdown is dropped (the PDF is the same as without
 * it); text that looks like markup is only text; bad issues give -1 and a message, never a
 * crash, and leave the output buffer as it was. The images are made here: PNGs drawn with
 * cairo, a JPEG encoded by libvips. */
#include <cairo.h>
#include <glib.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <vips/vips.h>
#pragma GCC diagnostic pop

#include "base/image.h"
#include "domain/issue_pdf.h"
#include "t.h"
#include "t_doc.h"

static bool has(const buf *b, const char *s)
{
    return b->len && memmem(b->data, b->len, s, strlen(s)) != NULL;
}

/* Warnings and criticals of pango and GLib (a markup pango could not parse, a bad call). */
static gint warnings;

static void count_warning(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer p)
{
    (void)level;
    (void)p;
    fprintf(stderr, "    %s: %s\n", domain ? domain : "?", msg);
    g_atomic_int_inc(&warnings);
}

static cairo_status_t png_out(void *closure, const unsigned char *data, unsigned int len)
{
    buf_put(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A w x h PNG: a gradient, with a transparent hole when alpha. */
static void make_png(buf *out, int w, int h, bool alpha)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.1, 0.3, 0.6);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.9, 0.7, 0.2);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_arc(cr, w / 2.0, h / 2.0, h / 4.0, 0, 6.2832);
    if (alpha) cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png_stream(s, png_out, out);
    cairo_surface_destroy(s);
}

/* A JPEG of the opaque PNG (libvips). */
static void make_jpeg(buf *out, int w, int h)
{
    buf png = {0};
    make_png(&png, w, h, false);
    VipsImage *im = NULL;
    void *jpg = NULL;
    size_t n = 0;
    if (image_init() == 0 && !vips_pngload_buffer(png.data, png.len, &im, NULL) &&
        !vips_jpegsave_buffer(im, &jpg, &n, "Q", 80, NULL))
        buf_put(out, jpg, n);
    g_free(jpg);
    if (im) g_object_unref(im);
    buf_free(&png);
}

typedef struct {
    int mode; /* 0: images; 1: none (-1); 2: garbage bytes for all */
    int calls, aaaa, missing;
} fetcher;

static int fetch(void *arg, const char *url, buf *out)
{
    fetcher *f = arg;
    f->calls++;
    if (f->mode == 1) return -1;
    if (f->mode == 2) {
        buf_puts(out, "\x89PNG\r\n\x1A\n this is not a PNG at all");
        return 0;
    }
    if (!strcmp(url, "/bulletin/images/aaaa/960")) {
        f->aaaa++;
        make_png(out, 640, 400, false);
    } else if (!strcmp(url, "/bulletin/images/bbbb/960")) {
        make_png(out, 120, 80, true);
    } else if (!strcmp(url, "/bulletin/images/cccc/960")) {
        make_jpeg(out, 480, 320);
    } else if (!strcmp(url, "/garbage.png")) {
        buf_puts(out, "\xFF\xD8\xFF\xE0 truncated JPEG");
    } else if (!strncmp(url, "/many/", 6)) {
        make_png(out, 8, 8, false);
    } else {
        f->missing++;
        return -1;
    }
    return 0;
}

static void test_issue_pdf_sample(void)
{
    json_t *d = t_load_json(ISSUE_SAMPLE);
    CHECK(d);
    if (!d) return;
    fetcher f = {0};
    buf a = {0}, b = {0};
    char err[256] = "x";
    CHECK(issue_pdf(d, fetch, &f, &a, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(a.len > 1000 && !memcmp(a.data, "%PDF-", 5));
    CHECK(a.len > 6 && memmem(a.data + a.len - 6, 6, "%%EOF", 5));
    CHECK(t_pdf_pages(&a) >= 1 + 3);
    CHECK(has(&a, "/DCTDecode")); /* the JPEG as it is */
    CHECK(has(&a, "/Creator (ngoaivu)"));
    CHECK(has(&a, "/CreationDate (20261205000000+07'00)"));
    CHECK(has(&a, "/ModDate (20261205000000+07'00)"));
    CHECK(f.aaaa == 1); /* the lead image and the same one in the text: fetched once */
    CHECK(f.calls == 5);
    CHECK(f.missing == 1);
    CHECK(issue_pdf(d, fetch, &f, &b, err, sizeof err) == 0);
    CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
    /* appended: what was in the buffer stays */
    buf c = {0};
    buf_puts(&c, "head");
    CHECK(issue_pdf(d, fetch, &f, &c, err, sizeof err) == 0);
    CHECK(c.len == 4 + a.len && !memcmp(c.data, "head", 4) && !memcmp(c.data + 4, a.data, a.len));
    buf_free(&a);
    buf_free(&b);
    buf_free(&c);
    json_decref(d);
}

static void test_issue_pdf_images(void)
{
    json_t *d = t_load_json(ISSUE_SAMPLE);
    CHECK(d);
    if (!d) return;
    buf with = {0}, none = {0}, garbage = {0}, null = {0};
    char err[256];
    fetcher f0 = {0}, f1 = {.mode = 1}, f2 = {.mode = 2};
    CHECK(issue_pdf(d, fetch, &f0, &with, err, sizeof err) == 0);
    CHECK(issue_pdf(d, fetch, &f1, &none, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(issue_pdf(d, fetch, &f2, &garbage, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(issue_pdf(d, NULL, NULL, &null, err, sizeof err) == 0);
    CHECK(f1.calls == 5 && f2.calls == 5);
    CHECK(t_pdf_pages(&none) >= 4 && t_pdf_pages(&garbage) >= 4);
    CHECK(!has(&none, "/Subtype /Image") && has(&with, "/Subtype /Image"));
    /* no image drawn: the same file, whatever the reason */
    CHECK(none.len == garbage.len && !memcmp(none.data, garbage.data, none.len));
    CHECK(none.len == null.len && !memcmp(none.data, null.data, none.len));
    CHECK(with.len > none.len);
    buf_free(&with);
    buf_free(&none);
    buf_free(&garbage);
    buf_free(&null);

    /* more images than an issue takes, each once; a corrupt one among them */
    json_t *art = json_array_get(json_object_get(d, "articles"), 1);
    buf md = {0};
    for (int i = 0; i < 600; i++)
        buf_printf(&md, "![](/many/%d) ![](/many/%d)\n\n", i, i);
    buf_puts(&md, "![x](/garbage.png)\n");
    json_object_set_new(art, "markdown", json_string(buf_cstr(&md)));
    buf_free(&md);
    fetcher f3 = {0};
    buf many = {0};
    CHECK(issue_pdf(d, fetch, &f3, &many, err, sizeof err) == 0);
    CHECK(f3.calls > 400 && f3.calls <= 600);
    CHECK(many.len > 1000);
    buf_free(&many);
    json_decref(d);
}

/* The PDF of the sample with article 1's Markdown set to md. */
static void render_md(const char *markdown, buf *out)
{
    json_t *d = t_load_json(ISSUE_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    json_t *art = json_array_get(json_object_get(d, "articles"), 0);
    json_object_set_new(art, "markdown", json_string(markdown));
    char err[256];
    CHECK(issue_pdf(d, NULL, NULL, out, err, sizeof err) == 0);
    json_decref(d);
}

static void test_issue_pdf_html(void)
{
    buf a = {0}, b = {0};
    render_md("Một đoạn.\n\n<script>alert(\"x\")</script>\n\n<div onclick=\"x()\">\n<b>khối</b>\n"
              "</div>\n\nĐoạn <span style=\"color:red\">hai</span> với <b>thẻ</b>.<!-- c -->\n\n"
              "<iframe src=\"https://evil.example\"></iframe>\n",
              &a);
    render_md("Một đoạn.\n\nĐoạn hai với thẻ.\n", &b);
    CHECK(a.len > 1000);
    CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
    buf_free(&a);
    buf_free(&b);
}

static void test_issue_pdf_markup(void)
{
    /* text that looks like pango markup, control characters, separators, bad UTF-8 */
    json_t *d = t_load_json(ISSUE_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    json_object_set_new(d, "title", json_string("A </span><b>title & \"quotes\" 'x' \x01\x1b[31m"));
    json_object_set_new(d, "intro", json_string("&lt;i&gt; <span>\n\n\xe2\x80\xa8\t\r\n<b>"));
    json_t *art = json_array_get(json_object_get(d, "articles"), 1);
    static const char bad_title[] = "bad \xff\xfe utf-8 \xc3", bad_md[] = "text \xff\xfe\x00 more";
    json_object_set_new(art, "title", json_stringn_nocheck(bad_title, sizeof bad_title - 1));
    json_object_set_new(art, "category", json_string("</span>"));
    json_object_set_new(art, "lang", json_string("\"><b>"));
    json_object_set_new(art, "markdown",
                        json_string("&lt;/span&gt; &amp;amp; \\<b\\> `</tt><b>` [&lt;a&gt;](<x>y>)"
                                    "\n\n```\n</span>\x01\t\n```\n\n# <i>x</i> &#0; \xc2\x85"));
    json_object_set_new(json_array_get(json_object_get(d, "articles"), 2), "markdown",
                        json_stringn_nocheck(bad_md, sizeof bad_md - 1));
    buf a = {0};
    char err[256] = "";
    CHECK(issue_pdf(d, NULL, NULL, &a, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(t_pdf_pages(&a) >= 4);
    buf_free(&a);
    json_decref(d);
}

static void test_issue_pdf_nesting(void)
{
    /* deep nesting of quotes, lists and emphasis; long words; empty items */
    buf md = {0};
    for (int i = 0; i < 300; i++)
        buf_puts(&md, "> ");
    buf_puts(&md, "deep quote\n\n");
    for (int i = 0; i < 100; i++)
        buf_printf(&md, "%*s- item %d\n", i * 2, "", i);
    buf_puts(&md, "\n\n");
    for (int i = 0; i < 200; i++)
        buf_puts(&md, "*");
    buf_puts(&md, "x");
    for (int i = 0; i < 200; i++)
        buf_puts(&md, "*");
    buf_puts(&md, "\n\n");
    for (int i = 0; i < 3000; i++)
        buf_putc(&md, 'w');
    buf_puts(&md, "\n\n-\n-\n- \n\n1. \n2.\n\n999999999. big\n1000000000. not a list\n\n");
    buf_puts(&md, "- > quoted item\n  > ```\n  > code\n  > ```\n\n# \n\n###### h6 *x*\n\n---\n");
    buf a = {0};
    render_md(buf_cstr(&md), &a);
    CHECK(a.len > 1000 && t_pdf_pages(&a) >= 4);
    buf_free(&a);
    buf_free(&md);

    /* an issue without articles: the cover alone */
    json_t *d = t_load_json(ISSUE_SAMPLE);
    if (!d) return;
    json_object_set_new(d, "articles", json_array());
    json_object_del(d, "intro");
    json_object_set_new(d, "url", json_null());
    char err[256];
    CHECK(issue_pdf(d, NULL, NULL, &a, err, sizeof err) == 0);
    CHECK(t_pdf_pages(&a) == 1);
    buf_free(&a);
    json_decref(d);
}

/* issue_pdf with the test's images, as a renderer of a document */
static int issue_with_images(const json_t *doc, buf *out, char *err, size_t errlen)
{
    fetcher f = {0};
    return issue_pdf(doc, fetch, &f, out, err, errlen);
}

static void test_issue_pdf_threads(void)
{
    json_t *d = t_load_json(ISSUE_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    CHECK(t_same_in_threads(issue_with_images, d, 4, 2) == 8);
    json_decref(d);
}

/* issue_pdf(d) fails with a message containing want, leaves the buffer alone and has fetched
 * no image. */
static void issue_fails(json_t *d, const char *want)
{
    buf b = {0};
    buf_puts(&b, "x");
    char err[256] = "";
    fetcher f = {0};
    CHECK(issue_pdf(d, fetch, &f, &b, err, sizeof err) == -1);
    CHECK(b.len == 1);
    CHECK(f.calls == 0); /* refused before any image is fetched */
    if (!strstr(err, want)) {
        fprintf(stderr, "    message \"%s\", expected it to contain \"%s\"\n", err, want);
        t_failed_checks++;
    }
    buf_free(&b);
}

static json_t *article(json_t *d, size_t i)
{
    return json_array_get(json_object_get(d, "articles"), i);
}

static void test_issue_pdf_bad(void)
{
    json_t *d = t_load_json(ISSUE_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    issue_fails(NULL, "not a JSON object");
    json_t *v = json_array();
    issue_fails(v, "not a JSON object");
    json_decref(v);
    v = json_string("x");
    issue_fails(v, "not a JSON object");
    json_decref(v);

    static const char *const keys[] = {"lang", "title", "publisher", "date"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *c = json_deep_copy(d);
        char want[64];
        json_object_set_new(c, keys[i], json_integer(3));
        snprintf(want, sizeof want, "issue: \"%s\" is not a string", keys[i]);
        issue_fails(c, want);
        json_object_del(c, keys[i]);
        snprintf(want, sizeof want, "issue: \"%s\" is missing", keys[i]);
        issue_fails(c, want);
        json_decref(c);
    }
    json_t *c = json_deep_copy(d);
    json_object_set_new(c, "date", json_string("2026-02-30"));
    issue_fails(c, "\"date\" is not a date");
    json_object_set_new(c, "date", json_string("05/12/2026"));
    issue_fails(c, "\"date\" is not a date");
    json_decref(c);

    c = json_deep_copy(d);
    json_object_set_new(c, "intro", json_array());
    issue_fails(c, "issue: \"intro\" is not a string");
    json_object_set_new(c, "intro", json_null()); /* null: none */
    json_object_set_new(c, "url", json_true());
    issue_fails(c, "issue: \"url\" is not a string");
    json_decref(c);

    c = json_deep_copy(d);
    json_object_set_new(c, "articles", json_string("x"));
    issue_fails(c, "issue: \"articles\" is not an array");
    json_object_set_new(c, "articles", json_object());
    issue_fails(c, "issue: \"articles\" is not an array");
    json_object_del(c, "articles");
    issue_fails(c, "issue: \"articles\" is missing");
    json_decref(c);

    json_t *odd[] = {json_null(), json_integer(1), json_string("a"), json_array(), json_true()};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        c = json_deep_copy(d);
        json_array_append_new(json_object_get(c, "articles"), odd[i]);
        issue_fails(c, "issue: article 4 is not an object");
        json_decref(c);
    }

    static const char *const akeys[] = {"title", "category", "date", "markdown"};
    for (size_t i = 0; i < sizeof akeys / sizeof *akeys; i++) {
        c = json_deep_copy(d);
        char want[80];
        json_object_set_new(article(c, 1), akeys[i], json_real(1.5));
        snprintf(want, sizeof want, "issue: article 2: \"%s\" is not a string", akeys[i]);
        issue_fails(c, want);
        json_object_del(article(c, 1), akeys[i]);
        snprintf(want, sizeof want, "issue: article 2: \"%s\" is missing", akeys[i]);
        issue_fails(c, want);
        json_decref(c);
    }
    static const char *const optional[] = {"author", "summary", "lang", "image"};
    for (size_t i = 0; i < sizeof optional / sizeof *optional; i++) {
        c = json_deep_copy(d);
        char want[80];
        json_object_set_new(article(c, 2), optional[i], json_object());
        snprintf(want, sizeof want, "issue: article 3: \"%s\" is not a string", optional[i]);
        issue_fails(c, want);
        json_object_set_new(article(c, 2), optional[i], json_null()); /* null: none */
        buf b = {0};
        char err[256];
        CHECK(issue_pdf(c, NULL, NULL, &b, err, sizeof err) == 0);
        buf_free(&b);
        json_decref(c);
    }
    /* no buffer */
    char err[256] = "";
    CHECK(issue_pdf(d, NULL, NULL, NULL, err, sizeof err) == -1 && *err);
    CHECK(issue_pdf(NULL, NULL, NULL, NULL, NULL, 0) == -1);
    json_decref(d);
}

/* None of the tests above made pango or GLib complain. */
static void test_issue_pdf_no_warnings(void)
{
    CHECK(g_atomic_int_get(&warnings) == 0);
}

void suite_issue_pdf(void)
{
    guint h1 =
        g_log_set_handler("Pango", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL, count_warning, NULL);
    guint h2 =
        g_log_set_handler("GLib", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL, count_warning, NULL);
    guint h3 = g_log_set_handler("GLib-GObject", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL,
                                 count_warning, NULL);
    RUN(test_issue_pdf_sample);
    RUN(test_issue_pdf_images);
    RUN(test_issue_pdf_html);
    RUN(test_issue_pdf_markup);
    RUN(test_issue_pdf_nesting);
    RUN(test_issue_pdf_threads);
    RUN(test_issue_pdf_bad);
    RUN(test_issue_pdf_no_warnings);
    g_log_remove_handler("Pango", h1);
    g_log_remove_handler("GLib", h2);
    g_log_remove_handler("GLib-GObject", h3);
}
