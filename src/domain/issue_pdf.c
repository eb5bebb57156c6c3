/* The PDF of a bulletin issue (issue_pdf.h), drawn with pango on a cairo PDF surface that
 * writes into the caller's buffer.
 *
 * Steps: the JSON is read into a model first (every key checked, every text made valid
 * UTF-8 without control characters, each article's Markdown parsed by cmark and turned into
 * a list of blocks, each image fetched once through the callback and decoded by libvips),
 * so that a bad issue gives -1 before anything is drawn. The model is then laid out twice:
 * the first pass draws nothing and notes the page each article starts on, the second draws,
 * with those pages in the table of contents (the cover's page count does not depend on
 * them: the numbers sit in a column of their own).
 *
 * Page: A4 portrait, margins of 20 mm; nothing is drawn outside the text area (the drawing
 * is clipped to it). Every page but the cover has, at the top of the text area, the issue's
 * title (left, cut with "…" when too long) and "Trang N" / "Page N" (right) over a thin
 * rule. Text: Liberation Serif with the Noto fonts of pdf_fonts.h after it (Lao, Khmer, Thai,
 * CJK), code in Liberation Mono; each article's text is tagged with its language.
 *
 * The cover: the publisher (upper case), the title large, the date, the URL, the
 * introduction, then "Mục lục" / "Contents": each article's title, its category and date,
 * and the page it starts on (a link to it; the PDF's outline lists the articles too).
 *
 * An article: its category (small, upper case, spaced), title (large, bold), date and
 * author, summary (italic), lead image (the text width), then the body: paragraphs
 * justified, 11 pt; headings (# the largest, all smaller than the title) kept with what
 * follows; strong, emphasis, code spans (monospace); links as their text followed by the
 * URL in parentheses when the two differ; images each a block of their own, scaled down to
 * the width (a pixel a 0.75 pt at most), the description as a caption under them; lists
 * (bullets, numbers as written) and block quotes (with a rule on their left) indented;
 * thematic breaks as a short rule; code blocks in monospace on a grey band. Raw HTML is
 * never drawn, nor its text. A paragraph's first or last line is not left alone on a page.
 *
 * Images: JPEG or PNG only (by their bytes), at most 40 megapixels and 12000 pixels a side
 * (image.h), decoded by libvips with fail_on=error (a corrupt file is left out), the EXIF
 * orientation applied, made sRGB, 8 bits, with alpha; larger than 2000 pixels a side they
 * are shrunk. A JPEG that needs none of that is put in the PDF as it is (smaller, faster),
 * one that does is encoded again as a JPEG for the PDF (quality 88); a PNG goes in
 * losslessly.
 *
 * Nothing is shared between calls but the font maps (pdf_fonts.c) and libvips' state set
 * up once by image_init(). */
#include "issue_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <vips/vips.h>
#pragma GCC diagnostic pop

#include "../base/arena.h"
#include "../base/image.h"
#include "doc.h"
#include "pdf_fonts.h"
#include "pdf_lines.h"

/* ---- geometry (points) ---- */

#define MM (72.0 / 25.4)
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN (20 * MM)
#define LEFT MARGIN
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define TOP MARGIN
#define BOTTOM (PAGE_H - MARGIN)
#define HEAD_H 24.0 /* the running header, its rule and the space under it */
#define BODY_PT 11.0
#define BODY_LEAD 0.22 /* space between lines, times the size */
#define PARA_GAP 6.0
#define TIGHT_GAP 2.0   /* between the items of a tight list */
#define LIST_STEP 20.0  /* a list's indent */
#define QUOTE_STEP 16.0 /* a block quote's indent */
#define MAX_NEST 6      /* lists and quotes deeper than this are not indented further */
#define MAX_OPEN 32     /* emphasis deeper than this is not styled */
#define CODE_PAD 5.0
#define PAGE_COL 40.0 /* the table of contents' page numbers */
#define IMG_PT 0.75   /* an image's pixel at most this wide */
#define IMG_MAX_SIDE 2000
#define MAX_IMAGES 500 /* distinct images in an issue */
#define EPS 0.01

#define INK 0x111111
#define ACCENT 0x1d3f6e
#define GREY 0x595959
#define LIGHT 0xb8b8b8
#define CODE_BG 0xf0f0f0

enum { ST_BOLD = 1, ST_ITALIC = 2, ST_MONO = 4 };
enum { K_PARA = 1, K_HEAD, K_CODE, K_IMAGE, K_RULE };

/* ---- the model ---- */

typedef struct block block;
struct block {
    int kind;
    const char *text; /* K_PARA, K_HEAD: pango markup; K_CODE: markup without tags */
    int level;        /* K_HEAD: 1-6 */
    double indent;    /* from the left margin */
    double gap;       /* space before, unless at the top of a page */
    int nrule;        /* block quotes around it, outermost first (at most MAX_NEST) */
    double rule_x[MAX_NEST];
    int rule_id[MAX_NEST];
    const char *label; /* a list item's bullet or number, markup, or NULL */
    int img;           /* K_IMAGE: the image's index */
    const char *alt;   /* K_IMAGE: the caption, markup ("" none) */
    block *next;
};

typedef struct {
    const char *title, *category, *date, *author, *summary, *lang; /* markup, author, summary
                                                                       may be NULL */
    const char *plain_title;                                       /* for the outline */
    int lead; /* the lead image's index, or -1 */
    block *body;
    int page; /* where it starts: noted by the first pass */
} article;

typedef struct {
    const char *url;
    cairo_surface_t *s; /* NULL: no image */
    int w, h;
} image;

typedef struct {
    const char *lang, *title, *plain_title, *publisher, *plain_publisher, *date, *intro, *url;
    bool vi;
    int y, m, d;
    article *a;
    size_t na;
    image *img;
    size_t nimg;
    int (*fetch)(void *arg, const char *url, buf *out);
    void *arg;
    bool vips_used;
} issue;

typedef struct {
    double pt;
    int st;
    PangoAlignment al;
    bool justify;
    unsigned rgb;
    double lead; /* space between lines, points */
    bool keep;   /* no lone first or last line on a page */
} style;

typedef struct {
    arena a;
    char *err;
    size_t errlen;
    issue *is;
    cairo_surface_t *surface;
    cairo_t *cr;
    bool draw; /* the second pass */
    PangoContext *pc;
    PangoLayout *l, *m, *lab, *deco; /* what flows, measuring ahead, labels, the header */
    PangoFontDescription *fd;
    buf tmp;
    double y;
    int page;
    const char *lang; /* of what is being set */
    pdf_metrics metrics;
} rend;

static bool fail(rend *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(rend *r, const char *fmt, ...)
{
    if (r->err && r->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err, r->errlen, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* ---- text: made valid, cleaned, escaped ---- */

enum { T_NL = 1, T_TAB = 2, T_RAW = 4 };

/* Appends n bytes of s to b: invalid UTF-8 as U+FFFD; control characters (C0, DEL, C1) and
 * the line and paragraph separators as spaces, but "\n" (and those separators) with T_NL
 * and "\t" with T_TAB; "\r\n" as "\n"; & < > " ' as entities unless T_RAW. */
static void put_text(buf *b, const char *s, size_t n, int flags)
{
    gchar *valid = NULL;
    if (!g_utf8_validate(s, (gssize)n, NULL)) {
        valid = g_utf8_make_valid(s, (gssize)n);
        s = valid;
        n = strlen(valid);
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    for (; p < end; p++) {
        unsigned char c = *p;
        if (c == '\r' && p + 1 < end && p[1] == '\n') continue;
        if (c == '\n' || c == '\r') {
            buf_putc(b, flags & T_NL ? '\n' : ' ');
        } else if (c == '\t') {
            buf_putc(b, flags & T_TAB ? '\t' : ' ');
        } else if (c < 0x20 || c == 0x7F) {
            buf_putc(b, ' ');
        } else if (c == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F) {
            buf_putc(b, ' ');
            p++;
        } else if (c == 0xE2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            buf_putc(b, flags & T_NL ? '\n' : ' ');
            p += 2;
        } else if (flags & T_RAW) {
            buf_putc(b, (char)c);
        } else if (c == '&') {
            buf_puts(b, "&amp;");
        } else if (c == '<') {
            buf_puts(b, "&lt;");
        } else if (c == '>') {
            buf_puts(b, "&gt;");
        } else if (c == '"') {
            buf_puts(b, "&quot;");
        } else if (c == '\'') {
            buf_puts(b, "&#39;");
        } else {
            buf_putc(b, (char)c);
        }
    }
    g_free(valid);
}

/* s as put_text makes it, in the arena. */
static const char *text(rend *r, const char *s, int flags)
{
    buf_reset(&r->tmp);
    put_text(&r->tmp, s, strlen(s), flags);
    return arena_strdup(&r->a, buf_cstr(&r->tmp));
}

/* Whether s (UTF-8) has anything but white space. */
static bool has_ink(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\n\r", s[i])) return true;
    return false;
}

/* Whether the text of markup is mostly in scripts that do not put spaces between words (Thai, Lao,
 * Khmer, Myanmar, Tibetan, Chinese, Japanese): such text is not justified (pango would stretch the
 * few spaces it has) nor letter-spaced (that would split its clusters). */
static bool unspaced(const char *markup)
{
    size_t letters = 0, unsp = 0;
    for (const char *p = markup; *p; p = g_utf8_next_char(p)) {
        if (*p == '<' || *p == '&') { /* a tag or an entity: not text */
            const char *e = strchr(p, *p == '<' ? '>' : ';');
            if (!e) break;
            p = e;
            continue;
        }
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isalpha(c) && !g_unichar_ismark(c)) continue;
        letters++;
        switch (g_unichar_get_script(c)) {
        case G_UNICODE_SCRIPT_THAI:
        case G_UNICODE_SCRIPT_LAO:
        case G_UNICODE_SCRIPT_KHMER:
        case G_UNICODE_SCRIPT_MYANMAR:
        case G_UNICODE_SCRIPT_TIBETAN:
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
            unsp++;
            break;
        default:
            break;
        }
    }
    return unsp * 5 > letters; /* more than a fifth */
}

/* ---- images ---- */

/* The RGBA pixels of a libvips image as a cairo surface: RGB24 when opaque, else ARGB32
 * (premultiplied, native-endian). */
static cairo_surface_t *to_surface(const unsigned char *px, int w, int h)
{
    size_t npx = (size_t)w * (size_t)h;
    bool opaque = true;
    for (size_t i = 0; i < npx && opaque; i++)
        opaque = px[i * 4 + 3] == 255;
    cairo_surface_t *s =
        cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        const unsigned char *p = px + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++, p += 4) {
            uint32_t a = p[3];
            uint32_t rr = (p[0] * a + 127) / 255, gg = (p[1] * a + 127) / 255,
                     bb = (p[2] * a + 127) / 255;
            row[x] = a << 24 | rr << 16 | gg << 8 | bb;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

/* The image in data[0..n) as a cairo surface, or NULL: not a JPEG or PNG, too large,
 * corrupt. A JPEG carries JPEG data that cairo puts in the PDF instead of the pixels: its
 * own bytes when it is drawn as it is decoded (no rotation, no shrinking, RGB or grey),
 * else the pixels encoded again. */
static cairo_surface_t *decode(const void *data, size_t n)
{
    const char *mime = image_sniff(data, n);
    bool jpeg = mime && !strcmp(mime, "image/jpeg");
    if (!jpeg && !(mime && !strcmp(mime, "image/png"))) return NULL;
    if (image_init() != 0) return NULL;
    VipsImage *im = NULL, *t[4] = {NULL, NULL, NULL, NULL};
    cairo_surface_t *s = NULL;
    void *px = NULL, *again = NULL; /* again: a JPEG changed (turned, shrunk, made sRGB) */
    size_t again_len = 0;
    int rc = jpeg ? vips_jpegload_buffer((void *)data, n, &im, "fail_on", VIPS_FAIL_ON_ERROR, NULL)
                  : vips_pngload_buffer((void *)data, n, &im, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (rc) goto done;
    int64_t w = vips_image_get_width(im), h = vips_image_get_height(im);
    if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS)
        goto done;
    VipsInterpretation in = vips_image_get_interpretation(im);
    int bands = vips_image_get_bands(im);
    bool as_is = jpeg && vips_image_get_orientation(im) <= 1 && w <= IMG_MAX_SIDE &&
                 h <= IMG_MAX_SIDE && vips_image_get_format(im) == VIPS_FORMAT_UCHAR &&
                 ((bands == 3 && in == VIPS_INTERPRETATION_sRGB) ||
                  (bands == 1 && in == VIPS_INTERPRETATION_B_W));
    VipsImage *cur = im;
    if (vips_autorot(cur, &t[0], NULL)) goto done;
    cur = t[0];
    int side = vips_image_get_width(cur) > vips_image_get_height(cur) ? vips_image_get_width(cur)
                                                                      : vips_image_get_height(cur);
    if (side > IMG_MAX_SIDE) {
        if (vips_resize(cur, &t[1], (double)IMG_MAX_SIDE / side, NULL)) goto done;
        cur = t[1];
    }
    if (vips_colourspace(cur, &t[2], VIPS_INTERPRETATION_sRGB, NULL)) goto done;
    cur = t[2];
    if (vips_image_get_format(cur) != VIPS_FORMAT_UCHAR) {
        VipsImage *c8 = NULL;
        if (vips_cast(cur, &c8, VIPS_FORMAT_UCHAR, NULL)) goto done;
        g_object_unref(t[2]);
        cur = t[2] = c8;
    }
    if (vips_image_get_bands(cur) == 3) {
        if (jpeg && !as_is &&
            vips_jpegsave_buffer(cur, &again, &again_len, "Q", 88, "strip", TRUE, NULL))
            again = NULL; /* then without */
        if (vips_addalpha(cur, &t[3], NULL)) goto done;
        cur = t[3];
    }
    if (vips_image_get_bands(cur) != 4) goto done;
    size_t len = 0;
    int ow = vips_image_get_width(cur), oh = vips_image_get_height(cur);
    if (!(px = vips_image_write_to_memory(cur, &len)) || len != (size_t)ow * (size_t)oh * 4)
        goto done;
    if (!(s = to_surface(px, ow, oh))) goto done;
    const void *jpg = as_is && ow == w && oh == h ? data : again;
    size_t jpg_len = jpg == data ? n : again_len;
    unsigned char *copy = jpg ? malloc(jpg_len) : NULL;
    if (copy) {
        memcpy(copy, jpg, jpg_len);
        if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, jpg_len, free, copy) !=
            CAIRO_STATUS_SUCCESS)
            free(copy);
    }
done:
    g_free(again);
    g_free(px);
    for (int i = 0; i < 4; i++)
        if (t[i]) g_object_unref(t[i]);
    if (im) g_object_unref(im);
    if (!s) vips_error_clear();
    return s;
}

/* The index of the image at url, fetched and decoded the first time; -1 when there is no
 * image to draw. */
static int get_image(rend *r, const char *url)
{
    issue *is = r->is;
    if (!url || !*url || !is->fetch) return -1;
    for (size_t i = 0; i < is->nimg; i++)
        if (!strcmp(is->img[i].url, url)) return is->img[i].s ? (int)i : -1;
    if (is->nimg >= MAX_IMAGES) return -1;
    image *im = &is->img[is->nimg++];
    im->url = arena_strdup(&r->a, url);
    buf b = {0};
    if (is->fetch(is->arg, url, &b) == 0 && b.len > 0) {
        is->vips_used = true;
        im->s = decode(b.data, b.len);
    }
    buf_free(&b);
    if (!im->s) return -1;
    im->w = cairo_image_surface_get_width(im->s);
    im->h = cairo_image_surface_get_height(im->s);
    return (int)(is->nimg - 1);
}

/* ---- Markdown to blocks ---- */

typedef struct {
    const char *opener, *closer, *url;
    size_t from; /* where the link's text starts in plain */
} open_tag;

typedef struct {
    rend *r;
    block **tail;
    buf mk;       /* the markup of the heading or paragraph being collected */
    buf plain;    /* its text, for comparing a link's text with its URL */
    buf alt;      /* the description of the image being collected */
    bool ink;     /* mk has text to show */
    int kind;     /* K_PARA or K_HEAD while collecting */
    int level;    /* K_HEAD */
    bool tight;   /* a paragraph of a tight list's item */
    int in_image; /* images open (their text is the description) */
    int nopen;    /* inline tags open, some of them in open[] */
    open_tag open[MAX_OPEN];
    int nest;      /* lists and block quotes open */
    int nlists;    /* lists open */
    int quotes;    /* block quotes opened so far: each one's id */
    double indent; /* the current indent */
    struct {
        bool quote;
        int id;
        double x;
    } lv[MAX_NEST];
    const char *label; /* for the next block */
} md;

static block *emit(md *m, int kind)
{
    block *b = arena_alloc(&m->r->a, sizeof *b);
    b->kind = kind;
    b->indent = m->indent;
    b->img = -1;
    for (int i = 0; i < m->nest && i < MAX_NEST; i++)
        if (m->lv[i].quote) {
            b->rule_x[b->nrule] = m->lv[i].x;
            b->rule_id[b->nrule++] = m->lv[i].id;
        }
    b->gap = kind == K_HEAD ? 12 : kind == K_PARA && m->tight ? TIGHT_GAP : PARA_GAP;
    if (kind == K_IMAGE || kind == K_RULE) b->gap = 8;
    b->label = m->label;
    m->label = NULL;
    *m->tail = b;
    m->tail = &b->next;
    return b;
}

/* A pending list label as a block of its own (an item that starts with no paragraph). */
static void flush_label(md *m)
{
    if (!m->label) return;
    block *b = emit(m, K_PARA);
    b->text = "";
}

/* Ends the paragraph or heading being collected (or the part of it before an image):
 * emitted unless it has no text; the inline tags open stay open in what follows. */
static void flush_inline(md *m)
{
    int n = m->nopen < MAX_OPEN ? m->nopen : MAX_OPEN;
    for (int i = n - 1; i >= 0; i--)
        buf_puts(&m->mk, m->open[i].closer);
    if (m->ink) {
        block *b = emit(m, m->kind ? m->kind : K_PARA);
        b->text = arena_strdup(&m->r->a, buf_cstr(&m->mk));
        b->level = m->level;
    }
    buf_reset(&m->mk);
    m->ink = false;
    for (int i = 0; i < n; i++)
        buf_puts(&m->mk, m->open[i].opener);
}

static void push_tag(md *m, const char *opener, const char *closer, const char *url)
{
    if (m->nopen < MAX_OPEN) {
        m->open[m->nopen] = (open_tag){opener, closer, url, m->plain.len};
        buf_puts(&m->mk, opener);
    }
    m->nopen++;
}

static void pop_tag(md *m)
{
    if (m->nopen <= 0) return;
    if (--m->nopen >= MAX_OPEN) return;
    open_tag *t = &m->open[m->nopen];
    buf_puts(&m->mk, t->closer);
    if (t->url && *t->url) {
        const char *shown = buf_cstr(&m->plain) + t->from;
        const char *url = t->url;
        bool same = !strcmp(shown, url) || (!strncmp(url, "mailto:", 7) && !strcmp(shown, url + 7));
        if (!same) {
            buf_puts(&m->mk, " (");
            put_text(&m->mk, url, strlen(url), 0);
            buf_puts(&m->mk, ")");
            m->ink = true;
        }
    }
}

static void inline_text(md *m, const char *s, bool code)
{
    size_t n = strlen(s);
    if (m->in_image) {
        put_text(&m->alt, s, n, T_RAW);
        return;
    }
    if (code) buf_puts(&m->mk, "<span font_family=\"" PDF_MONO_FAMILIES "\" size=\"10240\">");
    put_text(&m->mk, s, n, 0);
    if (code) buf_puts(&m->mk, "</span>");
    put_text(&m->plain, s, n, T_RAW);
    if (has_ink(s, n)) m->ink = true;
}

/* Pushes a list or a block quote. */
static void nest_in(md *m, bool quote)
{
    if (m->nest < MAX_NEST) {
        m->lv[m->nest].quote = quote;
        m->lv[m->nest].id = quote ? ++m->quotes : 0;
        m->lv[m->nest].x = LEFT + m->indent + 1.5;
        m->indent += quote ? QUOTE_STEP : LIST_STEP;
    }
    m->nest++;
}

static void nest_out(md *m, bool quote)
{
    if (m->nest <= 0) return;
    if (--m->nest < MAX_NEST) m->indent -= quote ? QUOTE_STEP : LIST_STEP;
}

static void item_label(md *m, cmark_node *item)
{
    flush_label(m);
    cmark_node *list = cmark_node_parent(item);
    intptr_t k = (intptr_t)cmark_node_get_user_data(list);
    cmark_node_set_user_data(list, (void *)(k + 1));
    if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
        long long num = (long long)cmark_node_get_list_start(list) + (long long)k;
        bool paren = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM;
        m->label = arena_printf(&m->r->a, "%lld%s", num, paren ? ")" : ".");
    } else {
        m->label = m->nlists % 2 ? "•" : "–";
    }
}

/* Whether a paragraph is the child of an item of a tight list. */
static bool in_tight(cmark_node *para)
{
    cmark_node *item = cmark_node_parent(para);
    if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
    cmark_node *list = cmark_node_parent(item);
    return list && cmark_node_get_list_tight(list);
}

static void md_event(md *m, cmark_event_type ev, cmark_node *node)
{
    bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
        enter ? nest_in(m, true) : nest_out(m, true);
        break;
    case CMARK_NODE_LIST:
        if (enter) {
            cmark_node_set_user_data(node, NULL);
            m->nlists++;
            nest_in(m, false);
        } else {
            m->nlists--;
            nest_out(m, false);
        }
        break;
    case CMARK_NODE_ITEM:
        if (enter)
            item_label(m, node);
        else
            flush_label(m);
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        if (enter) {
            bool head = cmark_node_get_type(node) == CMARK_NODE_HEADING;
            m->kind = head ? K_HEAD : K_PARA;
            m->level = head ? cmark_node_get_heading_level(node) : 0;
            m->tight = !head && in_tight(node);
            m->nopen = m->in_image = 0;
            buf_reset(&m->mk);
            buf_reset(&m->plain);
            m->ink = false;
        } else {
            m->nopen = 0;
            flush_inline(m);
            m->kind = 0;
            m->tight = false;
        }
        break;
    case CMARK_NODE_CODE_BLOCK: {
        const char *s = cmark_node_get_literal(node);
        size_t n = s ? strlen(s) : 0;
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        buf_reset(&m->mk);
        put_text(&m->mk, s ? s : "", n, T_NL | T_TAB);
        block *b = emit(m, K_CODE);
        b->text = arena_strdup(&m->r->a, buf_cstr(&m->mk));
        buf_reset(&m->mk);
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        flush_label(m);
        emit(m, K_RULE);
        break;
    case CMARK_NODE_TEXT:
        inline_text(m, cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "", false);
        break;
    case CMARK_NODE_CODE:
        inline_text(m, cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "", true);
        break;
    case CMARK_NODE_SOFTBREAK:
        if (m->in_image)
            buf_putc(&m->alt, ' ');
        else
            buf_putc(&m->mk, ' '), buf_putc(&m->plain, ' ');
        break;
    case CMARK_NODE_LINEBREAK:
        if (m->in_image)
            buf_putc(&m->alt, ' ');
        else
            buf_putc(&m->mk, '\n'), buf_putc(&m->plain, ' ');
        break;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
        if (m->in_image) break;
        if (!enter) {
            pop_tag(m);
        } else if (cmark_node_get_type(node) == CMARK_NODE_EMPH) {
            push_tag(m, "<i>", "</i>", NULL);
        } else {
            push_tag(m, "<b>", "</b>", NULL);
        }
        break;
    case CMARK_NODE_LINK:
        if (m->in_image) break;
        if (enter)
            push_tag(m, "", "", cmark_node_get_url(node));
        else
            pop_tag(m);
        break;
    case CMARK_NODE_IMAGE:
        if (enter) {
            if (!m->in_image++) {
                flush_inline(m);
                buf_reset(&m->alt);
            }
        } else if (!--m->in_image) {
            int img = get_image(m->r, cmark_node_get_url(node));
            if (img >= 0) {
                flush_label(m);
                block *b = emit(m, K_IMAGE);
                b->img = img;
                buf_reset(&m->mk);
                put_text(&m->mk, buf_cstr(&m->alt), m->alt.len, 0);
                b->alt = arena_strdup(&m->r->a, has_ink(m->alt.data ? m->alt.data : "", m->alt.len)
                                                    ? buf_cstr(&m->mk)
                                                    : "");
                buf_reset(&m->mk);
                int n = m->nopen < MAX_OPEN ? m->nopen : MAX_OPEN;
                for (int i = 0; i < n; i++)
                    buf_puts(&m->mk, m->open[i].opener);
            }
        }
        break;
    default: /* the document; raw HTML (never drawn); custom nodes (cmark makes none) */
        break;
    }
}

/* The blocks of an article's Markdown, or NULL (an empty body, or out of memory: *ok). */
static block *md_blocks(rend *r, const char *src, bool *ok)
{
    cmark_node *doc =
        cmark_parse_document(src, strlen(src), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    *ok = doc != NULL;
    if (!doc) return NULL;
    block *head = NULL;
    md m = {.r = r, .tail = &head};
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        md_event(&m, ev, cmark_iter_get_node(it));
    cmark_iter_free(it);
    cmark_node_free(doc);
    buf_free(&m.mk);
    buf_free(&m.plain);
    buf_free(&m.alt);
    return head;
}

/* ---- reading the issue ---- */

/* o's key as put_text makes it (flags), NULL when absent or null and optional; *bad when
 * missing or not a string, with the error set. */
static const char *get_str(rend *r, const json_t *o, const char *key, const char *where,
                           bool optional, int flags, bool *bad)
{
    const json_t *v = json_object_get(o, key);
    if (!v || (optional && json_is_null(v))) {
        if (optional) return NULL;
        *bad = true;
        return fail(r, "%s: \"%s\" is missing", where, key), NULL;
    }
    if (!json_is_string(v)) {
        *bad = true;
        return fail(r, "%s: \"%s\" is not a string", where, key), NULL;
    }
    return text(r, json_string_value(v), flags);
}

/* A language tag pango can take ("vi", "lo", "zh-Hant"), else def. */
static const char *lang_tag(const char *s, const char *def)
{
    size_t n = s ? strlen(s) : 0;
    if (!n || n > 15 ||
        strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
        return def;
    return s;
}

/* s upper case, escaped. */
static const char *upper(rend *r, const char *plain)
{
    gchar *u = g_utf8_strup(plain, -1);
    const char *o = text(r, u, 0);
    g_free(u);
    return o;
}

/* Article i into a; with build, its images fetched and its Markdown parsed too (without,
 * only checked, so that no image is fetched for an issue that is refused). */
static bool read_article(rend *r, const json_t *o, size_t i, article *a, bool build)
{
    char where[64];
    bool bad = false;
    snprintf(where, sizeof where, "issue: article %zu", i + 1);
    if (!json_is_object(o)) return fail(r, "%s is not an object", where);
    a->title = get_str(r, o, "title", where, false, 0, &bad);
    if (!bad) a->plain_title = get_str(r, o, "title", where, false, T_RAW, &bad);
    const char *cat = bad ? NULL : get_str(r, o, "category", where, false, T_RAW, &bad);
    if (!bad) a->date = get_str(r, o, "date", where, false, 0, &bad);
    if (!bad) a->author = get_str(r, o, "author", where, true, 0, &bad);
    if (!bad) a->summary = get_str(r, o, "summary", where, true, T_NL, &bad);
    const char *lang = bad ? NULL : get_str(r, o, "lang", where, true, T_RAW, &bad);
    const char *img = bad ? NULL : get_str(r, o, "image", where, true, T_RAW, &bad);
    const json_t *mdv = json_object_get(o, "markdown");
    if (bad) return false;
    if (!mdv) return fail(r, "%s: \"markdown\" is missing", where);
    if (!json_is_string(mdv)) return fail(r, "%s: \"markdown\" is not a string", where);
    if (!build) return true;
    a->category = upper(r, cat);
    a->lang = lang_tag(lang, r->is->lang);
    if (a->author && !*a->author) a->author = NULL;
    if (a->summary && !has_ink(a->summary, strlen(a->summary))) a->summary = NULL;
    a->lead = get_image(r, img);
    bool ok;
    a->body = md_blocks(r, json_string_value(mdv), &ok);
    if (!ok) return fail(r, "%s: the Markdown cannot be read (out of memory)", where);
    return true;
}

static bool read_issue(rend *r, const json_t *o, issue *is)
{
    bool bad = false;
    if (!json_is_object(o)) return fail(r, "issue: the issue is not a JSON object");
    const char *lang = get_str(r, o, "lang", "issue", false, T_RAW, &bad);
    if (!bad) is->title = get_str(r, o, "title", "issue", false, 0, &bad);
    if (!bad) is->plain_title = get_str(r, o, "title", "issue", false, T_RAW, &bad);
    if (!bad) is->plain_publisher = get_str(r, o, "publisher", "issue", false, T_RAW, &bad);
    if (!bad) is->date = get_str(r, o, "date", "issue", false, T_RAW, &bad);
    if (!bad) is->intro = get_str(r, o, "intro", "issue", true, T_NL | T_RAW, &bad);
    if (!bad) is->url = get_str(r, o, "url", "issue", true, 0, &bad);
    if (bad) return false;
    if (!doc_date(is->date, &is->y, &is->m, &is->d))
        return fail(r, "issue: \"date\" is not a date \"YYYY-MM-DD\"");
    is->vi = !strcmp(lang, "vi");
    is->lang = lang_tag(lang, "vi");
    is->publisher = upper(r, is->plain_publisher);
    const json_t *arts = json_object_get(o, "articles");
    if (!arts) return fail(r, "issue: \"articles\" is missing");
    if (!json_is_array(arts)) return fail(r, "issue: \"articles\" is not an array");
    is->na = json_array_size(arts);
    if (is->na > 10000) return fail(r, "issue: too many articles");
    is->a = arena_alloc(&r->a, sizeof(article) * (is->na + 1));
    is->img = arena_alloc(&r->a, sizeof(image) * MAX_IMAGES);
    for (int build = 0; build < 2; build++)
        for (size_t i = 0; i < is->na; i++)
            if (!read_article(r, json_array_get(arts, i), i, &is->a[i], build)) return false;
    return true;
}

/* ---- text helpers ---- */

static void set_rgb(rend *r, unsigned rgb)
{
    cairo_set_source_rgb(r->cr, (rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0);
}

/* Sets l to markup in style s, wrapped to width (<= 0: not wrapped), in r->lang. */
static void setup(rend *r, PangoLayout *l, const char *markup, const style *s, double width)
{
    pango_font_description_set_family(r->fd, s->st & ST_MONO ? PDF_MONO_FAMILIES : PDF_FAMILIES);
    pango_font_description_set_size(r->fd, (gint)lround(s->pt * PANGO_SCALE));
    pango_font_description_set_weight(r->fd,
                                      s->st & ST_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(r->fd,
                                     s->st & ST_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, r->fd);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_width(l, width > 0 ? pango_units_from_double(width) : -1);
    pango_layout_set_alignment(l, s->al);
    pango_layout_set_justify(l, s->justify);
    buf_reset(&r->tmp);
    buf_printf(&r->tmp, "<span lang=\"%s\">%s</span>", r->lang, markup);
    pango_layout_set_markup(l, buf_cstr(&r->tmp), (int)r->tmp.len);
}

static double width_of(PangoLayout *l)
{
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    return pango_units_to_double(lr.width);
}

static double baseline_of(PangoLayout *l)
{
    return pango_units_to_double(pango_layout_get_baseline(l));
}

static void rule(rend *r, double x0, double x1, double y, double w, unsigned rgb)
{
    if (!r->draw) return;
    set_rgb(r, rgb);
    cairo_set_line_width(r->cr, w);
    cairo_move_to(r->cr, x0, y);
    cairo_line_to(r->cr, x1, y);
    cairo_stroke(r->cr);
}

/* ---- pages ---- */

static double body_top(const rend *r)
{
    return r->page > 1 ? TOP + HEAD_H : TOP;
}

static bool at_top(const rend *r)
{
    return r->y <= body_top(r) + EPS;
}

/* The running header (from page 2): the issue's title and the page number over a rule. */
static void running_head(rend *r)
{
    const char *lang = r->lang;
    r->lang = r->is->lang;
    style s = {.pt = 8.5, .st = ST_ITALIC, .al = PANGO_ALIGN_RIGHT};
    char num[64];
    snprintf(num, sizeof num, "%s %d", r->is->vi ? "Trang" : "Page", r->page);
    setup(r, r->deco, num, &s, 0);
    double nw = width_of(r->deco), base = TOP + baseline_of(r->deco);
    set_rgb(r, GREY);
    cairo_move_to(r->cr, LEFT + TEXT_W - nw, TOP);
    pango_cairo_show_layout(r->cr, r->deco);
    s.al = PANGO_ALIGN_LEFT;
    setup(r, r->deco, r->is->title, &s, TEXT_W - nw - 18);
    pango_layout_set_ellipsize(r->deco, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(r->deco, 0); /* one line */
    cairo_move_to(r->cr, LEFT, base - baseline_of(r->deco));
    pango_cairo_show_layout(r->cr, r->deco);
    pango_layout_set_height(r->deco, -1);
    rule(r, LEFT, LEFT + TEXT_W, base + 6, 0.4, LIGHT);
    r->lang = lang;
}

static void begin_page(rend *r)
{
    if (r->draw) {
        cairo_reset_clip(r->cr);
        cairo_rectangle(r->cr, LEFT, TOP, TEXT_W, BOTTOM - TOP);
        cairo_clip(r->cr);
        if (r->page > 1) running_head(r);
    }
    r->y = body_top(r);
}

static void new_page(rend *r)
{
    if (r->draw) cairo_show_page(r->cr);
    r->page++;
    begin_page(r);
}

/* A new page unless h more points fit on this one (or this one is still empty). */
static void need(rend *r, double h)
{
    if (r->y + h > BOTTOM + EPS && !at_top(r)) new_page(r);
}

/* The lines of l (g_free the array), lead points apart: each as high as its font's line in
 * the text's language, higher only where its glyphs reach beyond that (pdf_lines.h). */
static int lines_of(rend *r, PangoLayout *l, double lead, pdf_line **out)
{
    double asc, desc;
    pdf_nominal(&r->metrics, r->pc, l, r->lang, &asc, &desc);
    return pdf_lines(l, asc, desc, lead, lead / 2, out);
}

/* The height of the first max lines of l (all when max < 0). */
static double lines_height(rend *r, PangoLayout *l, double lead, int max)
{
    pdf_line *li;
    int n = lines_of(r, l, lead, &li);
    double h = pdf_lines_height(li, n, max);
    g_free(li);
    return h;
}

/* The rules of the block quotes around b from y0 to y1. */
static void quote_rules(rend *r, const block *b, int n, double y0, double y1)
{
    for (int i = 0; r->draw && b && i < n; i++) {
        set_rgb(r, LIGHT);
        cairo_rectangle(r->cr, b->rule_x[i], y0, 1.6, y1 - y0);
        cairo_fill(r->cr);
    }
}

/* The space before b (none at the top of a page), with the rules of the quotes b shares
 * with the block before it (prev) across it. */
static void gap(rend *r, const block *prev, const block *b)
{
    if (at_top(r)) return;
    int k = 0;
    while (prev && k < prev->nrule && k < b->nrule && prev->rule_id[k] == b->rule_id[k])
        k++;
    double y1 = fmin(r->y + b->gap, BOTTOM);
    quote_rules(r, b, k, r->y, y1);
    r->y += b->gap;
}

typedef struct {
    const block *b;     /* quote rules, label */
    PangoLayout *label; /* drawn on the first line's baseline, ending at label_x */
    double label_x;
    bool band; /* code: a grey band behind the lines */
    double band_x, band_w;
} deco;

/* Draws the lines of l with its left edge at x from r->y down in style s, breaking pages
 * between lines (with s->keep never leaving a first or a last line alone on a page). */
static void flow(rend *r, PangoLayout *l, double x, const style *s, const deco *d)
{
    pdf_line *li;
    int n = lines_of(r, l, s->lead, &li);
    for (int i = 0; i < n;) {
        int k = 0; /* lines that fit on this page */
        for (double y = r->y; i + k < n && y + li[i + k].h <= BOTTOM + EPS; k++)
            y += li[i + k].h;
        int stop = i + k;
        if (s->keep && stop < n) {
            if (n - stop == 1) stop--;
            if (i == 0 && stop < 2) stop = 0;
        }
        if (stop <= i && at_top(r)) stop = i + (k ? k : 1); /* a page takes at least a line */
        for (; i < stop; i++) {
            if (r->draw) {
                if (d && d->band) {
                    set_rgb(r, CODE_BG);
                    cairo_rectangle(r->cr, d->band_x, r->y, d->band_w, li[i].h);
                    cairo_fill(r->cr);
                }
                if (d && d->b) quote_rules(r, d->b, d->b->nrule, r->y, r->y + li[i].h);
                set_rgb(r, s->rgb);
                if (i == 0 && d && d->label) {
                    double lw = width_of(d->label);
                    cairo_move_to(r->cr, d->label_x - lw,
                                  r->y + li[i].ascent - baseline_of(d->label));
                    pango_cairo_show_layout(r->cr, d->label);
                }
                cairo_move_to(r->cr, x + li[i].x, r->y + li[i].ascent);
                pango_cairo_show_layout_line(r->cr, li[i].line);
            }
            r->y += li[i].h;
        }
        if (i < n) new_page(r);
    }
    g_free(li);
}

/* markup in style s across width from x, flowing. */
static void put_flow(rend *r, const char *markup, const style *s, double x, double width)
{
    setup(r, r->l, markup, s, width);
    flow(r, r->l, x, s, NULL);
}

/* ---- the blocks of an article ---- */

static const double head_pt[7] = {0, 15, 13, 12, 11, 11, 11};

static style block_style(const block *b)
{
    style s = {.pt = BODY_PT, .rgb = INK, .lead = BODY_PT * BODY_LEAD, .keep = true};
    if (b->kind == K_PARA) {
        s.justify = !unspaced(b->text);
        if (b->nrule) s.rgb = 0x333333;
    } else if (b->kind == K_HEAD) {
        int lv = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
        s.pt = head_pt[lv];
        s.st = ST_BOLD | (lv >= 4 ? ST_ITALIC : 0);
        s.rgb = ACCENT;
        s.lead = s.pt * 0.15;
        s.keep = false;
    } else if (b->kind == K_CODE) {
        s.pt = 9.5;
        s.st = ST_MONO;
        s.lead = 9.5 * 0.25;
        s.keep = false;
    }
    return s;
}

static double block_width(const block *b)
{
    return TEXT_W - b->indent - (b->kind == K_CODE ? 2 * CODE_PAD : 0);
}

typedef struct {
    double w, h; /* the image as drawn */
    double cap_h;
} img_box;

static const style caption_style = {
    .pt = 9, .st = ST_ITALIC, .al = PANGO_ALIGN_CENTER, .rgb = GREY, .lead = 9 * 0.2};

/* The size of image i drawn across width (full: the whole width, else a pixel IMG_PT at
 * most), no taller than a page; with its caption's height in l. */
static img_box image_box(rend *r, int i, double width, bool full, const char *caption,
                         PangoLayout *l)
{
    const image *im = &r->is->img[i];
    img_box bx = {0};
    if (caption && *caption) {
        setup(r, l, caption, &caption_style, width);
        bx.cap_h = 4 + lines_height(r, l, caption_style.lead, -1);
    }
    bx.w = full ? width : fmin(width, im->w * IMG_PT);
    bx.h = bx.w * im->h / im->w;
    double room = BOTTOM - TOP - HEAD_H - bx.cap_h - 4;
    if (bx.h > room) {
        bx.h = room;
        bx.w = bx.h * im->w / im->h;
    }
    return bx;
}

/* Image i across width from x (centred), with its caption, on one page. */
static void draw_image(rend *r, int i, double x, double width, bool full, const char *caption,
                       const block *b)
{
    img_box bx = image_box(r, i, width, full, caption, r->l);
    double room = BOTTOM - r->y - bx.cap_h;
    if (!full && bx.h > room && room >= 0.6 * bx.h) { /* smaller rather than a page's gap */
        bx.w *= room / bx.h;
        bx.h = room;
    }
    need(r, bx.h + bx.cap_h);
    double top = r->y, left = x + (width - bx.w) / 2;
    const image *im = &r->is->img[i];
    if (r->draw) {
        quote_rules(r, b, b ? b->nrule : 0, top, top + bx.h + bx.cap_h);
        cairo_save(r->cr);
        cairo_translate(r->cr, left, top);
        cairo_scale(r->cr, bx.w / im->w, bx.h / im->h);
        cairo_set_source_surface(r->cr, im->s, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(r->cr), CAIRO_FILTER_GOOD);
        cairo_rectangle(r->cr, 0, 0, im->w, im->h);
        cairo_fill(r->cr);
        cairo_restore(r->cr);
    }
    r->y += bx.h;
    if (bx.cap_h > 0) {
        r->y += 4;
        flow(r, r->l, x, &caption_style, &(deco){.b = b});
    }
}

/* How much of b must be on a page with the heading before it. */
static double lead_of(rend *r, const block *b)
{
    if (!b) return 0;
    if (b->kind == K_IMAGE)
        return b->gap + image_box(r, b->img, block_width(b), false, NULL, r->m).h;
    if (b->kind == K_RULE) return b->gap + 2;
    style s = block_style(b);
    setup(r, r->m, b->text, &s, block_width(b));
    return b->gap + lines_height(r, r->m, s.lead, 2);
}

static void draw_block(rend *r, const block *prev, const block *b)
{
    if (b->kind == K_IMAGE) {
        gap(r, prev, b);
        draw_image(r, b->img, LEFT + b->indent, block_width(b), false, b->alt, b);
        return;
    }
    if (b->kind == K_RULE) {
        need(r, b->gap + 4);
        gap(r, prev, b);
        double w = block_width(b), x = LEFT + b->indent + w / 3;
        rule(r, x, x + w / 3, r->y + 1, 0.6, LIGHT);
        r->y += 2;
        return;
    }
    style s = block_style(b);
    setup(r, r->l, b->text, &s, block_width(b));
    if (b->kind == K_HEAD) /* with the start of what follows */
        need(r, b->gap + lines_height(r, r->l, s.lead, -1) + lead_of(r, b->next));
    gap(r, prev, b);
    deco d = {.b = b};
    double x = LEFT + b->indent;
    if (b->label) {
        style ls = s;
        ls.st = b->kind == K_HEAD ? s.st : 0;
        setup(r, r->lab, b->label, &ls, 0);
        d.label = r->lab;
        d.label_x = x - 5;
    }
    if (b->kind == K_CODE) {
        d.band = true;
        d.band_x = x;
        d.band_w = TEXT_W - b->indent;
        x += CODE_PAD;
    }
    flow(r, r->l, x, &s, &d);
}

/* ---- the cover, the articles ---- */

static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

static void draw_cover(rend *r)
{
    issue *is = r->is;
    r->lang = is->lang;
    style s = {.pt = 11, .st = ST_BOLD, .al = PANGO_ALIGN_CENTER, .rgb = ACCENT};
    put_flow(r,
             unspaced(is->publisher)
                 ? is->publisher
                 : arena_printf(&r->a, "<span letter_spacing=\"1200\">%s</span>", is->publisher),
             &s, LEFT, TEXT_W);
    r->y += 6;
    rule(r, LEFT, LEFT + TEXT_W, r->y, 1.2, ACCENT);
    r->y += 64;
    s = (style){.pt = 28, .st = ST_BOLD, .al = PANGO_ALIGN_CENTER, .rgb = ACCENT, .lead = 4};
    put_flow(r, is->title, &s, LEFT, TEXT_W);
    r->y += 14;
    const char *when = is->vi
                           ? arena_printf(&r->a, "Ngày %02d tháng %02d năm %d", is->d, is->m, is->y)
                           : arena_printf(&r->a, "%d %s %d", is->d, months[is->m - 1], is->y);
    s = (style){.pt = 13, .st = ST_ITALIC, .al = PANGO_ALIGN_CENTER, .rgb = INK};
    put_flow(r, when, &s, LEFT, TEXT_W);
    if (is->url && *is->url) {
        r->y += 4;
        s = (style){.pt = 9, .al = PANGO_ALIGN_CENTER, .rgb = GREY};
        put_flow(r, is->url, &s, LEFT, TEXT_W);
    }
    r->y += 14;
    rule(r, LEFT + TEXT_W * 0.4, LEFT + TEXT_W * 0.6, r->y, 0.8, ACCENT);
    r->y += 22;
    /* the introduction: paragraphs */
    s = (style){
        .pt = BODY_PT, .justify = true, .rgb = INK, .lead = BODY_PT * BODY_LEAD, .keep = true};
    for (const char *p = is->intro; p && *p;) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (*p == '\n' || *p == ' '))
            p++, n--;
        if (has_ink(p, n)) {
            buf para = {0};
            put_text(&para, p, n, T_NL);
            if (!at_top(r)) r->y += PARA_GAP;
            s.justify = !unspaced(buf_cstr(&para));
            put_flow(r, buf_cstr(&para), &s, LEFT, TEXT_W);
            buf_free(&para);
        }
        p += n;
        while (*p == '\n')
            p++;
    }
    if (!is->na) return;
    /* the table of contents */
    r->y += 20;
    s = (style){.pt = 14, .st = ST_BOLD, .rgb = ACCENT};
    setup(r, r->l, is->vi ? "Mục lục" : "Contents", &s, TEXT_W);
    need(r, lines_height(r, r->l, 0, -1) + 40);
    flow(r, r->l, LEFT, &s, NULL);
    r->y += 4;
    rule(r, LEFT, LEFT + TEXT_W, r->y, 0.6, ACCENT);
    r->y += 8;
    style ts = {.pt = 11, .rgb = INK, .lead = 2};
    style ns = {.pt = 11, .al = PANGO_ALIGN_RIGHT, .rgb = INK};
    for (size_t i = 0; i < is->na; i++) {
        const article *a = &is->a[i];
        r->lang = a->lang;
        const char *entry = arena_printf(
            &r->a, "<b>%s</b>\n<span size=\"8704\" foreground=\"#595959\">%s · %s</span>", a->title,
            a->category, a->date);
        setup(r, r->l, entry, &ts, TEXT_W - PAGE_COL);
        double h = lines_height(r, r->l, ts.lead, -1);
        need(r, h + 6);
        /* the page number on the title's first baseline; the entry a link to the page when
         * it is on one page (a link's tag must not span pages) */
        bool link = r->draw && r->y + h <= BOTTOM + EPS;
        char num[16];
        snprintf(num, sizeof num, "%d", a->page);
        r->lang = is->lang;
        setup(r, r->lab, num, &ns, PAGE_COL);
        if (link) cairo_tag_begin(r->cr, CAIRO_TAG_LINK, arena_printf(&r->a, "dest='a%zu'", i + 1));
        if (r->draw) {
            pdf_line *li;
            lines_of(r, r->l, ts.lead, &li);
            set_rgb(r, INK);
            cairo_move_to(r->cr, LEFT + TEXT_W - PAGE_COL,
                          r->y + li[0].ascent - baseline_of(r->lab));
            pango_cairo_show_layout(r->cr, r->lab);
            g_free(li);
        }
        flow(r, r->l, LEFT, &ts, NULL);
        if (link) cairo_tag_end(r->cr, CAIRO_TAG_LINK);
        r->y += 3;
        rule(r, LEFT, LEFT + TEXT_W, r->y, 0.3, LIGHT);
        r->y += 5;
    }
}

static void draw_article(rend *r, article *a)
{
    r->lang = a->lang;
    style s = {.pt = 8.5, .st = ST_BOLD, .rgb = ACCENT};
    const char *cat =
        unspaced(a->category)
            ? a->category
            : arena_printf(&r->a, "<span letter_spacing=\"1500\">%s</span>", a->category);
    put_flow(r, cat, &s, LEFT, TEXT_W);
    r->y += 6;
    s = (style){.pt = 21, .st = ST_BOLD, .rgb = INK, .lead = 3};
    put_flow(r, a->title, &s, LEFT, TEXT_W);
    r->y += 6;
    s = (style){.pt = 9.5, .rgb = GREY};
    put_flow(r, a->author ? arena_printf(&r->a, "%s · %s", a->date, a->author) : a->date, &s, LEFT,
             TEXT_W);
    r->y += 6;
    rule(r, LEFT, LEFT + TEXT_W, r->y, 0.5, LIGHT);
    r->y += 10;
    if (a->summary) {
        s = (style){.pt = 12,
                    .st = ST_ITALIC,
                    .justify = !unspaced(a->summary),
                    .rgb = 0x333333,
                    .lead = 12 * 0.2,
                    .keep = true};
        put_flow(r, a->summary, &s, LEFT, TEXT_W);
        r->y += 10;
    }
    if (a->lead >= 0) {
        draw_image(r, a->lead, LEFT, TEXT_W, true, NULL, NULL);
        r->y += 12;
    }
    const block *prev = NULL;
    for (const block *b = a->body; b; prev = b, b = b->next)
        draw_block(r, prev, b);
}

static void render(rend *r)
{
    issue *is = r->is;
    r->page = 1;
    begin_page(r);
    draw_cover(r);
    for (size_t i = 0; i < is->na; i++) {
        article *a = &is->a[i];
        new_page(r);
        if (!r->draw) {
            a->page = r->page;
        } else { /* a named destination (cairo 1.16 links to a later page by name only) */
            cairo_tag_begin(r->cr, CAIRO_TAG_DEST,
                            arena_printf(&r->a, "name='a%zu' x=%.2f y=%.2f", i + 1, LEFT, TOP));
            cairo_tag_end(r->cr, CAIRO_TAG_DEST);
            cairo_pdf_surface_add_outline(r->surface, CAIRO_PDF_OUTLINE_ROOT, a->plain_title,
                                          arena_printf(&r->a, "dest='a%zu'", i + 1), 0);
        }
        draw_article(r, a);
    }
    if (r->draw) cairo_show_page(r->cr);
}

/* ---- the surface ---- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    buf_put(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void free_images(issue *is)
{
    for (size_t i = 0; i < is->nimg; i++)
        if (is->img[i].s) cairo_surface_destroy(is->img[i].s);
    is->nimg = 0;
    if (is->vips_used) vips_thread_shutdown(); /* per-thread buffers: threads come and go */
}

int issue_pdf(const json_t *issue_json, int (*image_fn)(void *arg, const char *url, buf *out),
              void *arg, buf *out, char *err, size_t errlen)
{
    issue is = {.fetch = image_fn, .arg = arg};
    rend r = {.err = err, .errlen = errlen, .is = &is};
    if (err && errlen) err[0] = 0;
    if (!out) {
        fail(&r, "issue: no output buffer");
        return -1;
    }
    if (!read_issue(&r, issue_json, &is)) {
        free_images(&is);
        buf_free(&r.tmp);
        arena_free(&r.a);
        return -1;
    }
    const char *fonts_err = NULL;
    PangoFontMap *fm = pdf_fontmap_take(&fonts_err);
    if (!fm) {
        fail(&r, "issue: %s", fonts_err);
        free_images(&is);
        buf_free(&r.tmp);
        arena_free(&r.a);
        return -1;
    }
    size_t start = out->len;
    cairo_surface_t *s = r.surface =
        cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, is.plain_title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, is.plain_publisher);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ngoaivu");
    const char *when = arena_printf(&r.a, "%sT00:00:00+07:00", is.date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, when);
    r.cr = cairo_create(s);

    PangoContext *pc = r.pc = pango_font_map_create_context(fm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72); /* 1 pt = 1 unit */
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_context_set_language(pc, pango_language_from_string(is.lang));
    pango_cairo_update_context(r.cr, pc);
    r.fd = pango_font_description_new();
    r.l = pango_layout_new(pc);
    r.m = pango_layout_new(pc);
    r.lab = pango_layout_new(pc);
    r.deco = pango_layout_new(pc);

    r.draw = false; /* the first pass: where each article starts */
    render(&r);
    r.draw = true;
    render(&r);

    g_object_unref(r.l);
    g_object_unref(r.m);
    g_object_unref(r.lab);
    g_object_unref(r.deco);
    pango_font_description_free(r.fd);
    g_object_unref(pc);
    cairo_status_t st = cairo_status(r.cr);
    cairo_destroy(r.cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    pdf_fontmap_give(fm);
    free_images(&is);
    buf_free(&r.tmp);
    arena_free(&r.a);
    if (st != CAIRO_STATUS_SUCCESS) {
        out->len = start;
        if (out->data) out->data[start] = 0;
        fail(&r, "issue: cairo: %s", cairo_status_to_string(st));
        return -1;
    }
    return 0;
}
