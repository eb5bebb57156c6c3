/* The PDF of a document (doc.h): a report in the layout of Decree 30/2020/NĐ-CP (form 1.4),
 * drawn with pango on a cairo PDF surface that writes into the caller's buffer.
 *
 * Two passes: the JSON is first read into a model (every key checked, every text cleaned of
 * control characters, every table cell formatted), so that a bad document gives -1 before
 * anything is drawn; then the model is drawn, top to bottom, breaking pages as it goes.
 *
 * Page: A4 portrait; margins top 20, bottom 20, left 30, right 15 mm (the decree allows
 * 20-25, 20-25, 30-35, 15-20). Everything is drawn inside the text area (the drawing is
 * clipped to it) except the page number, centred in the top margin from page 2 on.
 *
 * Fonts: "Liberation Serif" (Times New Roman's metrics) with Noto Sans Lao, Khmer, Thai and
 * CJK after it for the names in those scripts, from the private fontconfig configuration and
 * the pool of pango font maps of pdf_fonts.c (each lent to one call at a time).
 *
 * Page 1, the header in two columns (left 40 % of the text width, right 60 %):
 *   left: the parent body (13 pt, upper case), the issuer (13 pt bold, upper case) with a
 *         line of a third of its width under it, centred; then the number (13 pt);
 *   right: Quốc hiệu (13 pt bold, upper case), Tiêu ngữ (14 pt bold) with a line as long as
 *         it under it; then the place and date (14 pt italic) on the number's baseline.
 * Then, centred on the whole width, the type (14 pt bold, upper case), the summary (14 pt
 * bold) and a short line under it, and "Kính gửi:" (one recipient: on the label's line;
 * several: one "- X;" a line, starting where the label ends, the block centred).
 *
 * Body, 14 pt: paragraphs justified with a first-line indent of 1.27 cm, 6 pt after each,
 * lines 1.15 times Liberation Serif's line height apart (17.8 pt, 1.27 times the size; a
 * line is taller only where glyphs of a fallback font reach beyond that); a paragraph's
 * first or last line is not left alone on a page; a "\n" in a paragraph starts a new line,
 * not indented. h1 (bold, upper case) and h2 (bold) are indented like paragraphs and kept on
 * the page of what follows them.
 *
 * Tables: the title bold and centred, then a grid of thin lines across the text width, 12 pt,
 * the header row bold and centred, text left, numbers right (Vietnamese style: 1.234,50),
 * dates centred (dd/mm/yyyy), the total row bold. Number and date columns are as wide as
 * their widest cell, text columns share the rest (and most of any surplus). A table breaks
 * between rows and repeats its header row on the next page. A table without rows that has
 * an "empty" text shows that text, in italics, instead of its grid.
 *
 * The signature (right column, centred: authority and title bold upper case, four lines of
 * room, the name bold) and "Nơi nhận:" (left column, 12 pt bold italic, then 11 pt "- ..."
 * lines) start on the same baseline and move to a new page together when they do not fit.
 *
 * A draft has a light grey diagonal "DỰ THẢO" under the text of every page (as outlines, so
 * that it stays out of the text a reader extracts). The PDF's title
 * is type + summary, its creator "ngoaivu", its dates the document's "date" (midnight,
 * Vietnam time): nothing comes from the clock, and the same document gives the same bytes. */
#include "doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "pdf_fonts.h"
#include "pdf_lines.h"

/* ---- geometry (points) ---- */

#define MM (72.0 / 25.4)
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_TOP (20 * MM)
#define MARGIN_BOTTOM (20 * MM)
#define MARGIN_LEFT (30 * MM)
#define MARGIN_RIGHT (15 * MM)
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define TEXT_BOTTOM (PAGE_H - MARGIN_BOTTOM)
#define LEFT_W (0.4 * TEXT_W)          /* the header's and the signature's left column */
#define RIGHT_X (MARGIN_LEFT + LEFT_W) /* the right column, to the right margin */
#define RIGHT_W (TEXT_W - LEFT_W)
#define INDENT (12.7 * MM) /* first-line indent, 1.27 cm */
#define PARA_GAP 6.0       /* after a paragraph */
#define LINE_FACTOR 1.15   /* body line pitch, times the font's line height */
#define RULE_W 0.6         /* the lines under the issuer, the motto and the summary */
#define RULE_GAP 2.5       /* between such a line and the text's line box */
#define GRID_W 0.5         /* table lines */
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.5
#define SIGN_ROOM 4 /* blank lines for the signature */
#define EPS 0.01

enum { ST_BOLD = 1, ST_ITALIC = 2 };

/* ---- fonts (pdf_fonts.c) ---- */

void doc_pdf_release(void)
{
    pdf_fonts_release();
}

/* ---- the model ---- */

typedef struct {
    const char *title, *empty;
    int nc;            /* columns */
    int nrows;         /* rows of the grid: the header, the data rows, the total row if any */
    int ndata;         /* data rows */
    bool total;        /* the last row is the total */
    int *type;         /* per column */
    const char **cell; /* nrows x nc, formatted; "" is an empty cell */
    /* filled by table_prepare */
    double *w; /* column widths */
    double *h; /* row heights */
    double pt; /* the cells' size: 12, less for a table too wide */
} table;

enum { B_H1, B_H2, B_P, B_TABLE };

typedef struct {
    int kind;
    const char *text; /* h1, h2, p */
    table *t;
} block;

typedef struct {
    const char *lang, *date, *parent, *issuer, *motto1, *motto2, *number, *place_date, *type,
        *summary, *authority, *title, *name;
    bool draft;
    const char **to, **cc;
    size_t nto, ncc;
    block *b;
    size_t nb;
} model;

typedef struct {
    arena a;
    char *err;
    size_t errlen;
    cairo_t *cr;
    /* body: what flows; meas: measuring ahead; cell: table cells; deco: page number, mark */
    PangoLayout *body, *meas, *cell, *deco;
    PangoFontDescription *fd;
    PangoContext *pc;
    pdf_metrics metrics;
    double y; /* where the next thing goes */
    int page;
    bool draft;
    cairo_surface_t *mark; /* the draft mark, made for the first page */
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

/* s in the arena with control characters (C0, DEL, C1) and the line and paragraph separators
 * as spaces, but "\n" (and those separators) as "\n" with nl. */
static const char *clean(rend *r, const char *s, bool nl)
{
    size_t n = strlen(s);
    char *o = arena_alloc(&r->a, n + 1), *p = o;
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
        if (*q == '\n' && nl) {
            *p++ = '\n';
        } else if (*q == '\r' && q[1] == '\n') {
            continue;
        } else if (*q < 0x20 || *q == 0x7F) {
            *p++ = ' ';
        } else if (*q == 0xC2 && q[1] >= 0x80 && q[1] <= 0x9F) {
            *p++ = ' ';
            q++;
        } else if (*q == 0xE2 && q[1] == 0x80 && (q[2] == 0xA8 || q[2] == 0xA9)) {
            *p++ = nl ? '\n' : ' '; /* U+2028, U+2029: pango would break the line there */
            q += 2;
        } else {
            *p++ = (char)*q;
        }
    }
    *p = 0;
    return o;
}

/* Upper case (the texts the decree sets in capitals), in the arena. */
static const char *upper(rend *r, const char *s)
{
    gchar *u = g_utf8_strup(s, -1);
    char *o = arena_strdup(&r->a, u);
    g_free(u);
    return o;
}

static const char *get_str(rend *r, const json_t *o, const char *key, const char *where, bool nl)
{
    const json_t *v = json_object_get(o, key);
    if (!v) return fail(r, "%s: \"%s\" is missing", where, key), NULL;
    if (!json_is_string(v)) return fail(r, "%s: \"%s\" is not a string", where, key), NULL;
    return clean(r, json_string_value(v), nl);
}

static bool get_list(rend *r, const json_t *o, const char *key, const char ***out, size_t *n)
{
    const json_t *v = json_object_get(o, key);
    if (!v) return fail(r, "doc: \"%s\" is missing", key);
    if (!json_is_array(v)) return fail(r, "doc: \"%s\" is not an array", key);
    *n = json_array_size(v);
    *out = arena_alloc(&r->a, sizeof(char *) * (*n + 1));
    for (size_t i = 0; i < *n; i++) {
        const json_t *e = json_array_get(v, i);
        if (!json_is_string(e)) return fail(r, "doc: \"%s\" item %zu is not a string", key, i + 1);
        (*out)[i] = clean(r, json_string_value(e), false);
    }
    return true;
}

/* The text of one cell, or NULL with the error set; at names the row. */
static const char *fmt_cell(rend *r, const json_t *v, int type, const char *at, int col)
{
    if (json_is_null(v)) return "";
    if (type == DOC_TEXT || type == DOC_DATE) {
        if (!json_is_string(v)) return fail(r, "%s, column %d is not a string", at, col), NULL;
        const char *s = json_string_value(v);
        if (type == DOC_TEXT) return clean(r, s, false);
        if (!doc_date(s, NULL, NULL, NULL))
            return fail(r, "%s, column %d is not a date \"YYYY-MM-DD\"", at, col), NULL;
    } else if (!json_is_number(v) || !isfinite(json_number_value(v) * 100)) {
        return fail(r, "%s, column %d is not a number", at, col), NULL;
    }
    char text[512];
    return arena_strdup(&r->a, doc_cell_text(v, type, text, sizeof text));
}

/* Fills row i of t from the JSON array a; at names it ("...: row 3"). */
static bool read_row(rend *r, table *t, int i, const json_t *a, const char *at)
{
    if (!json_is_array(a)) return fail(r, "%s is not an array", at);
    if (json_array_size(a) != (size_t)t->nc)
        return fail(r, "%s has %zu cells, expected %d", at, json_array_size(a), t->nc);
    for (int j = 0; j < t->nc; j++) {
        const char *s = fmt_cell(r, json_array_get(a, (size_t)j), t->type[j], at, j + 1);
        if (!s) return false;
        t->cell[i * t->nc + j] = s;
    }
    return true;
}

static bool read_table(rend *r, const json_t *o, const char *where, table *t)
{
    const json_t *v = json_object_get(o, "sheet");
    if (!json_is_string(v)) return fail(r, "%s: \"sheet\" is missing or not a string", where);
    if (!(t->title = get_str(r, o, "title", where, false))) return false;
    if ((v = json_object_get(o, "chart")) && !json_is_object(v)) /* drawn in the XLSX only */
        return fail(r, "%s: \"chart\" is not an object", where);
    t->empty = NULL;
    if ((v = json_object_get(o, "empty")) && !(t->empty = get_str(r, o, "empty", where, false)))
        return false;
    const json_t *cols = json_object_get(o, "cols");
    if (!json_is_array(cols)) return fail(r, "%s: \"cols\" is missing or not an array", where);
    if (!json_array_size(cols)) return fail(r, "%s: \"cols\" is empty", where);
    if (json_array_size(cols) > 1000) return fail(r, "%s: too many columns", where);
    const json_t *rows = json_object_get(o, "rows");
    if (!json_is_array(rows)) return fail(r, "%s: \"rows\" is missing or not an array", where);
    const json_t *total = json_object_get(o, "total");
    if ((json_array_size(rows) + 2) * json_array_size(cols) > 5000000)
        return fail(r, "%s: too many cells", where);
    char at[160];
    t->pt = 12;
    t->nc = (int)json_array_size(cols);
    t->ndata = (int)json_array_size(rows);
    t->total = total != NULL;
    t->nrows = 1 + t->ndata + t->total;
    t->type = arena_alloc(&r->a, sizeof(int) * (size_t)t->nc);
    t->cell = arena_alloc(&r->a, sizeof(char *) * (size_t)t->nc * (size_t)t->nrows);
    for (int j = 0; j < t->nc; j++) {
        const json_t *c = json_array_get(cols, (size_t)j);
        snprintf(at, sizeof at, "%s: column %d", where, j + 1);
        if (!json_is_object(c)) return fail(r, "%s is not an object", at);
        if (!(t->cell[j] = get_str(r, c, "label", at, false))) return false;
        const char *ty = get_str(r, c, "type", at, false);
        if (!ty) return false;
        if ((t->type[j] = doc_col_type(ty)) < 0)
            return fail(r, "%s: unknown type \"%s\" (text, int, num, money, pct, date)", at, ty);
    }
    for (int i = 0; i < t->ndata; i++) {
        snprintf(at, sizeof at, "%s: row %d", where, i + 1);
        if (!read_row(r, t, 1 + i, json_array_get(rows, (size_t)i), at)) return false;
    }
    snprintf(at, sizeof at, "%s: \"total\"", where);
    if (t->total && !read_row(r, t, t->nrows - 1, total, at)) return false;
    return true;
}

static bool read_doc(rend *r, const json_t *doc, model *m)
{
    memset(m, 0, sizeof *m);
    if (!json_is_object(doc)) return fail(r, "doc: the document is not a JSON object");
    struct {
        const char *key;
        const char **to;
    } keys[] = {{"lang", &m->lang},     {"date", &m->date},
                {"parent", &m->parent}, {"issuer", &m->issuer},
                {"motto1", &m->motto1}, {"motto2", &m->motto2},
                {"number", &m->number}, {"place_date", &m->place_date},
                {"type", &m->type},     {"summary", &m->summary}};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (!(*keys[i].to = get_str(r, doc, keys[i].key, "doc", false))) return false;
    if (!doc_date(m->date, NULL, NULL, NULL))
        return fail(r, "doc: \"date\" is not a date \"YYYY-MM-DD\"");
    m->parent = upper(r, m->parent);
    m->issuer = upper(r, m->issuer);
    m->motto1 = upper(r, m->motto1);
    m->type = upper(r, m->type);
    const json_t *v = json_object_get(doc, "draft");
    if (!json_is_boolean(v)) return fail(r, "doc: \"draft\" is missing or not true/false");
    m->draft = json_is_true(v);
    if (!get_list(r, doc, "to", &m->to, &m->nto) || !get_list(r, doc, "cc", &m->cc, &m->ncc))
        return false;
    const json_t *sign = json_object_get(doc, "sign");
    if (!json_is_object(sign)) return fail(r, "doc: \"sign\" is missing or not an object");
    if (!(m->authority = get_str(r, sign, "authority", "doc: \"sign\"", false)) ||
        !(m->title = get_str(r, sign, "title", "doc: \"sign\"", false)) ||
        !(m->name = get_str(r, sign, "name", "doc: \"sign\"", false)))
        return false;
    m->authority = upper(r, m->authority);
    m->title = upper(r, m->title);
    const json_t *blocks = json_object_get(doc, "blocks");
    if (!blocks) return fail(r, "doc: \"blocks\" is missing");
    if (!json_is_array(blocks)) return fail(r, "doc: \"blocks\" is not an array");
    m->nb = json_array_size(blocks);
    m->b = arena_alloc(&r->a, sizeof(block) * (m->nb + 1));
    for (size_t i = 0; i < m->nb; i++) {
        const json_t *b = json_array_get(blocks, i);
        block *o = &m->b[i];
        char where[64];
        snprintf(where, sizeof where, "doc: block %zu", i + 1);
        if (!json_is_object(b)) return fail(r, "%s is not an object", where);
        const char *k = get_str(r, b, "k", where, false);
        if (!k) return false;
        if (!strcmp(k, "h1") || !strcmp(k, "h2") || !strcmp(k, "p")) {
            o->kind = k[0] == 'p' ? B_P : k[1] == '1' ? B_H1 : B_H2;
            snprintf(where, sizeof where, "doc: block %zu (%s)", i + 1, k);
            if (!(o->text = get_str(r, b, "text", where, o->kind == B_P))) return false;
            if (o->kind == B_H1) o->text = upper(r, o->text);
        } else if (!strcmp(k, "table")) {
            o->kind = B_TABLE;
            o->t = arena_alloc(&r->a, sizeof(table));
            snprintf(where, sizeof where, "doc: block %zu (table)", i + 1);
            if (!read_table(r, b, where, o->t)) return false;
        } else {
            return fail(r, "%s: unknown kind \"%.20s\" (h1, h2, p, table)", where, k);
        }
    }
    return true;
}

/* ---- text helpers ---- */

static void set_style(rend *r, PangoLayout *l, double pt, int st)
{
    pango_font_description_set_size(r->fd, (gint)lround(pt * PANGO_SCALE));
    pango_font_description_set_weight(r->fd,
                                      st & ST_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(r->fd,
                                     st & ST_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, r->fd);
}

/* Sets l to text in pt points of style st, wrapped to width (<= 0: not wrapped), aligned al,
 * justified or not, the first line of each paragraph indented by indent (negative: the
 * others, a hanging indent). */
static void setup(rend *r, PangoLayout *l, const char *text, double pt, int st, double width,
                  PangoAlignment al, bool justify, double indent)
{
    set_style(r, l, pt, st);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(l, width > 0 ? pango_units_from_double(width) : -1);
    pango_layout_set_alignment(l, al);
    pango_layout_set_justify(l, justify);
    pango_layout_set_indent(l, pango_units_from_double(indent));
    pango_layout_set_text(l, text, -1);
}

static double width_of(PangoLayout *l)
{
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    return pango_units_to_double(lr.width);
}

static double height_of(PangoLayout *l)
{
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    return pango_units_to_double(lr.height);
}

static double baseline_of(PangoLayout *l)
{
    return pango_units_to_double(pango_layout_get_baseline(l));
}

/* Draws all of l with its top left corner at (x, top); returns its height. */
static double put(rend *r, PangoLayout *l, double x, double top)
{
    cairo_move_to(r->cr, x, top);
    pango_cairo_show_layout(r->cr, l);
    return height_of(l);
}

static void rule(rend *r, double x0, double x1, double y, double w)
{
    cairo_set_line_width(r->cr, w);
    cairo_move_to(r->cr, x0, y);
    cairo_line_to(r->cr, x1, y);
    cairo_stroke(r->cr);
}

/* ---- pages ---- */

/* "DỰ THẢO", light grey, across the text area from its bottom left to its top right: drawn
 * once into a recording surface that every page paints (the PDF has it once, as a form), as
 * outlines, not text, so that a reader's text of the page is the document's alone. */
static void draft_mark(rend *r)
{
    if (!r->mark) {
        double area_h = TEXT_BOTTOM - MARGIN_TOP;
        cairo_rectangle_t area = {MARGIN_LEFT, MARGIN_TOP, TEXT_W, area_h};
        r->mark = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &area);
        cairo_t *c = cairo_create(r->mark);
        PangoLayout *l = r->deco;
        setup(r, l, "DỰ THẢO", 90, ST_BOLD, 0, PANGO_ALIGN_LEFT, false, 0);
        cairo_set_source_rgb(c, 0.86, 0.86, 0.86);
        cairo_translate(c, MARGIN_LEFT + TEXT_W / 2, MARGIN_TOP + area_h / 2);
        cairo_rotate(c, -atan2(area_h, TEXT_W));
        cairo_move_to(c, -width_of(l) / 2, -height_of(l) / 2);
        pango_cairo_layout_path(c, l);
        cairo_fill(c);
        cairo_destroy(c);
    }
    cairo_save(r->cr);
    cairo_set_source_surface(r->cr, r->mark, 0, 0);
    cairo_paint(r->cr);
    cairo_restore(r->cr);
}

/* Starts page r->page: its number (from page 2), the clip to the text area, the draft mark. */
static void begin_page(rend *r)
{
    cairo_reset_clip(r->cr);
    if (r->page > 1) {
        char num[16];
        snprintf(num, sizeof num, "%d", r->page);
        setup(r, r->deco, num, 13, 0, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
        put(r, r->deco, MARGIN_LEFT, (MARGIN_TOP - height_of(r->deco)) / 2);
    }
    cairo_rectangle(r->cr, MARGIN_LEFT, MARGIN_TOP, TEXT_W, TEXT_BOTTOM - MARGIN_TOP);
    cairo_clip(r->cr);
    if (r->draft) draft_mark(r);
    r->y = MARGIN_TOP;
}

static void new_page(rend *r)
{
    cairo_show_page(r->cr);
    r->page++;
    begin_page(r);
}

static bool at_top(const rend *r)
{
    return r->y <= MARGIN_TOP + EPS;
}

/* A new page unless h more points fit on this one (or this one is still empty). */
static void need(rend *r, double h)
{
    if (r->y + h > TEXT_BOTTOM + EPS && !at_top(r)) new_page(r);
}

/* The lines of l (g_free the array): each as high as its font's line times factor, higher
 * only where its glyphs reach beyond it (pdf_lines.h). */
static int line_geometry(rend *r, PangoLayout *l, double factor, pdf_line **out)
{
    double asc, desc;
    pdf_nominal(&r->metrics, r->pc, l, NULL, &asc, &desc);
    return pdf_lines(l, asc, desc, (asc + desc) * (factor - 1), 0, out);
}

/* The height of the first max lines of l (all when max < 0), as flow sets them. */
static double lines_height(rend *r, PangoLayout *l, double factor, int max)
{
    pdf_line *li;
    int n = line_geometry(r, l, factor, &li);
    double h = pdf_lines_height(li, n, max);
    g_free(li);
    return h;
}

/* Draws the lines of l with the layout's left edge at x from r->y down, breaking pages
 * between lines; with keep, never leaving a first or a last line alone on a page (a
 * paragraph of two or three lines that does not fit moves whole). */
static void flow(rend *r, PangoLayout *l, double x, double factor, bool keep)
{
    pdf_line *li;
    int n = line_geometry(r, l, factor, &li);
    for (int i = 0; i < n;) {
        int k = 0; /* lines that fit on this page */
        for (double y = r->y; i + k < n && y + li[i + k].h <= TEXT_BOTTOM + EPS; k++)
            y += li[i + k].h;
        int stop = i + k;
        if (keep && stop < n) {
            if (n - stop == 1) stop--;
            if (i == 0 && stop < 2) stop = 0;
        }
        if (stop <= i && at_top(r)) stop = i + (k ? k : 1); /* a page takes at least a line */
        for (; i < stop; i++) {
            cairo_move_to(r->cr, x + li[i].x, r->y + li[i].ascent);
            pango_cairo_show_layout_line(r->cr, li[i].line);
            r->y += li[i].h;
        }
        if (i < n) new_page(r);
    }
    g_free(li);
}

/* ---- body blocks ---- */

static void setup_para(rend *r, PangoLayout *l, const char *text, int st)
{
    setup(r, l, text, 14, st, TEXT_W, PANGO_ALIGN_LEFT, true, INDENT);
}

/* A paragraph: each "\n" in it starts a line of its own, not indented, and the line before
 * it is not stretched (pango justifies a line ended by U+2028, so each is a layout). */
static void draw_para(rend *r, const char *text, int st)
{
    for (bool first = true;; first = false) {
        size_t n = strcspn(text, "\n");
        setup(r, r->body, arena_strndup(&r->a, text, n), 14, st, TEXT_W, PANGO_ALIGN_LEFT, true,
              first ? INDENT : 0);
        flow(r, r->body, MARGIN_LEFT, LINE_FACTOR, true);
        if (!text[n]) break;
        text += n + 1;
    }
    r->y += PARA_GAP;
}

static void setup_heading(rend *r, PangoLayout *l, const block *b)
{
    setup_para(r, l, b->text, ST_BOLD);
}

static void table_prepare(rend *r, table *t);
static double table_lead(rend *r, table *t);

/* How much of block i must be on a page with what comes before it: a paragraph's first two
 * lines, a heading and the lead of what follows it, a table's title, header and first row. */
static double lead(rend *r, const model *m, size_t i, int depth)
{
    if (i >= m->nb) return 0;
    const block *b = &m->b[i];
    switch (b->kind) {
    case B_P:
        setup_para(r, r->meas, arena_strndup(&r->a, b->text, strcspn(b->text, "\n")), 0);
        return lines_height(r, r->meas, LINE_FACTOR, 2);
    case B_H1:
    case B_H2:
        setup_heading(r, r->meas, b);
        double h = lines_height(r, r->meas, LINE_FACTOR, -1) + PARA_GAP;
        return h + (depth < 3 ? lead(r, m, i + 1, depth + 1) : 0);
    default:
        return table_lead(r, b->t);
    }
}

/* Sets r->cell to cell (i, j) of t, wrapped to width (<= 0: not wrapped). */
static void setup_cell(rend *r, const table *t, int i, int j, double width)
{
    bool head = i == 0, bold = head || (t->total && i == t->nrows - 1);
    PangoAlignment al = head                     ? PANGO_ALIGN_CENTER
                        : t->type[j] == DOC_TEXT ? PANGO_ALIGN_LEFT
                        : t->type[j] == DOC_DATE ? PANGO_ALIGN_CENTER
                                                 : PANGO_ALIGN_RIGHT;
    setup(r, r->cell, t->cell[i * t->nc + j], t->pt, bold ? ST_BOLD : 0, width, al, false, 0);
}

typedef struct {
    double *nw, *nh; /* each cell's width and height on one line */
    double *nat;     /* each column's widest data cell */
    double *word;    /* each header's longest word */
    double *base;    /* each column's minimum, padding included */
    double fixed;    /* the number and date columns' widths */
    double tmin;     /* the text columns' minimums */
    double tnat;     /* the text columns' natural widths */
} measures;

static double text_nat(const measures *ms, int j)
{
    return fmax(fmax(ms->nat[j], ms->nw[j]), ms->word[j]) + 2 * CELL_PAD_X;
}

/* Measures every cell of t at t->pt; returns whether the columns fit the width. */
static bool table_measure(rend *r, table *t, measures *ms)
{
    int nc = t->nc;
    setup(r, r->cell, "0", t->pt, 0, 0, PANGO_ALIGN_LEFT, false, 0);
    double line = height_of(r->cell);
    memset(ms->nat, 0, sizeof(double) * (size_t)nc);
    for (int i = 0; i < t->nrows; i++)
        for (int j = 0; j < nc; j++) {
            size_t k = (size_t)i * nc + j;
            ms->nw[k] = 0;
            ms->nh[k] = line;
            if (!*t->cell[k]) continue;
            setup_cell(r, t, i, j, 0);
            PangoRectangle lr;
            pango_layout_get_extents(r->cell, NULL, &lr);
            ms->nw[k] = pango_units_to_double(lr.width);
            ms->nh[k] = pango_units_to_double(lr.height);
            if (i > 0 && ms->nw[k] > ms->nat[j]) ms->nat[j] = ms->nw[k];
        }
    for (int j = 0; j < nc; j++) {
        setup_cell(r, t, 0, j, 0);
        pango_layout_set_wrap(r->cell, PANGO_WRAP_WORD);
        pango_layout_set_width(r->cell, 1); /* every word on a line of its own */
        ms->word[j] = width_of(r->cell);
    }
    /* number columns with their headers on one line if that leaves the text columns their
     * headers' words, else with the headers wrapped */
    for (int pass = 0; pass < 2; pass++) {
        ms->fixed = ms->tmin = ms->tnat = 0;
        for (int j = 0; j < nc; j++) {
            if (t->type[j] == DOC_TEXT) {
                ms->base[j] = ms->word[j] + 2 * CELL_PAD_X;
                ms->tmin += ms->base[j];
                ms->tnat += text_nat(ms, j);
            } else {
                ms->base[j] = fmax(ms->nat[j], pass ? ms->word[j] : ms->nw[j]) + 2 * CELL_PAD_X;
                ms->fixed += ms->base[j];
            }
        }
        if (ms->fixed + ms->tmin <= TEXT_W) return true;
    }
    return false;
}

/* Column widths and row heights. A number or date column is as wide as its widest cell and
 * its header (the header's words wrapped when room is short); the text columns share the
 * rest, at least their headers' longest words, beyond that in proportion to their widest
 * cells; a surplus goes three parts to text columns for one to the others. A table too wide
 * for that at 12 pt is set smaller, down to 9 pt, and beyond that in proportion (its cells
 * wrapping even inside words). */
static void table_prepare(rend *r, table *t)
{
    if (t->w) return;
    int nc = t->nc, nr = t->nrows;
    size_t n = (size_t)nc * (size_t)nr;
    measures ms = {.nw = g_new(double, n),
                   .nh = g_new(double, n),
                   .nat = arena_alloc(&r->a, sizeof(double) * (size_t)nc),
                   .word = arena_alloc(&r->a, sizeof(double) * (size_t)nc),
                   .base = arena_alloc(&r->a, sizeof(double) * (size_t)nc)};
    t->w = arena_alloc(&r->a, sizeof(double) * (size_t)nc);
    t->h = arena_alloc(&r->a, sizeof(double) * (size_t)nr);
    bool fits = table_measure(r, t, &ms);
    if (!fits) {
        double pad = 2 * CELL_PAD_X * nc, k = (TEXT_W - pad) / (ms.fixed + ms.tmin - pad);
        t->pt = k > 0 ? fmax(9, floor(t->pt * k * 2) / 2) : 9;
        fits = table_measure(r, t, &ms);
    }
    if (!fits) {
        for (int j = 0; j < nc; j++)
            t->w[j] = ms.base[j] * TEXT_W / (ms.fixed + ms.tmin);
    } else if (ms.tnat > TEXT_W - ms.fixed) {
        /* text columns from their minimum toward their natural width */
        double rest = TEXT_W - ms.fixed - ms.tmin, want = ms.tnat - ms.tmin;
        for (int j = 0; j < nc; j++) {
            t->w[j] = ms.base[j];
            if (t->type[j] == DOC_TEXT && want > 0)
                t->w[j] += rest * (text_nat(&ms, j) - ms.base[j]) / want;
        }
    } else {
        /* room to spare: natural widths, then the surplus by weight */
        double surplus = TEXT_W - ms.fixed - ms.tnat, weights = 0;
        for (int j = 0; j < nc; j++)
            weights += t->type[j] == DOC_TEXT ? 3 : 1;
        for (int j = 0; j < nc; j++) {
            t->w[j] = t->type[j] == DOC_TEXT ? text_nat(&ms, j) : ms.base[j];
            t->w[j] += surplus * (t->type[j] == DOC_TEXT ? 3 : 1) / weights;
        }
    }
    for (int i = 0; i < nr; i++) {
        double h = 0;
        for (int j = 0; j < nc; j++) {
            size_t k = (size_t)i * nc + j;
            double inner = fmax(t->w[j] - 2 * CELL_PAD_X, 1), ch = ms.nh[k];
            if (ms.nw[k] > inner + EPS) {
                setup_cell(r, t, i, j, inner);
                ch = height_of(r->cell);
            }
            h = fmax(h, ch);
        }
        t->h[i] = h + 2 * CELL_PAD_Y;
    }
    g_free(ms.nw);
    g_free(ms.nh);
}

static double table_lead(rend *r, table *t)
{
    setup(r, r->meas, t->title, 14, ST_BOLD, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
    double h = lines_height(r, r->meas, LINE_FACTOR, -1);
    if (!t->ndata && t->empty) {
        setup_para(r, r->meas, t->empty, ST_ITALIC);
        return h + lines_height(r, r->meas, LINE_FACTOR, 2);
    }
    table_prepare(r, t);
    return h + t->h[0] + (t->nrows > 1 ? t->h[1] : 0);
}

/* Draws row i of t at r->y, with its top line when it is the first on the page. */
static void table_row(rend *r, const table *t, int i, bool first)
{
    double x = MARGIN_LEFT, top = r->y, h = t->h[i];
    for (int j = 0; j < t->nc; j++) {
        if (*t->cell[i * t->nc + j]) {
            setup_cell(r, t, i, j, fmax(t->w[j] - 2 * CELL_PAD_X, 1));
            double ty = top + CELL_PAD_Y;
            if (i == 0) ty = top + (h - height_of(r->cell)) / 2; /* header: centred */
            put(r, r->cell, x + CELL_PAD_X, ty);
        }
        x += t->w[j];
    }
    cairo_set_line_width(r->cr, GRID_W);
    if (first) {
        cairo_move_to(r->cr, MARGIN_LEFT, top);
        cairo_line_to(r->cr, MARGIN_LEFT + TEXT_W, top);
    }
    cairo_move_to(r->cr, MARGIN_LEFT, top + h);
    cairo_line_to(r->cr, MARGIN_LEFT + TEXT_W, top + h);
    x = MARGIN_LEFT;
    for (int j = 0; j <= t->nc; j++) {
        double xl = j == t->nc ? MARGIN_LEFT + TEXT_W : x;
        cairo_move_to(r->cr, xl, top);
        cairo_line_to(r->cr, xl, top + h);
        if (j < t->nc) x += t->w[j];
    }
    cairo_stroke(r->cr);
    r->y += h;
}

static void draw_table(rend *r, table *t)
{
    need(r, table_lead(r, t));
    setup(r, r->body, t->title, 14, ST_BOLD, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
    flow(r, r->body, MARGIN_LEFT, LINE_FACTOR, false);
    if (!t->ndata && t->empty) {
        draw_para(r, t->empty, ST_ITALIC);
        return;
    }
    table_prepare(r, t);
    r->y += 2;
    table_row(r, t, 0, true);
    for (int i = 1; i < t->nrows; i++) {
        if (r->y + t->h[i] > TEXT_BOTTOM + EPS) {
            new_page(r);
            table_row(r, t, 0, true);
        }
        table_row(r, t, i, false);
    }
    r->y += 2 * PARA_GAP;
}

/* ---- page 1's header, "Kính gửi", the signature ---- */

static void draw_head(rend *r, const model *m)
{
    PangoLayout *l = r->body;
    double yl = MARGIN_TOP, yr = MARGIN_TOP;
    /* left: parent body, issuer and its line */
    if (*m->parent) {
        setup(r, l, m->parent, 13, 0, LEFT_W, PANGO_ALIGN_CENTER, false, 0);
        yl += put(r, l, MARGIN_LEFT, yl);
    }
    setup(r, l, m->issuer, 13, ST_BOLD, LEFT_W, PANGO_ALIGN_CENTER, false, 0);
    yl += put(r, l, MARGIN_LEFT, yl) + RULE_GAP;
    double w = width_of(l) / 3, cx = MARGIN_LEFT + LEFT_W / 2;
    rule(r, cx - w / 2, cx + w / 2, yl, RULE_W);
    /* right: Quốc hiệu, Tiêu ngữ and its line */
    setup(r, l, m->motto1, 13, ST_BOLD, RIGHT_W, PANGO_ALIGN_CENTER, false, 0);
    yr += put(r, l, RIGHT_X, yr);
    setup(r, l, m->motto2, 14, ST_BOLD, RIGHT_W, PANGO_ALIGN_CENTER, false, 0);
    yr += put(r, l, RIGHT_X, yr) + RULE_GAP;
    w = width_of(l);
    cx = RIGHT_X + RIGHT_W / 2;
    rule(r, cx - w / 2, cx + w / 2, yr, RULE_W);
    /* the number and the place and date, on one baseline */
    double row = fmax(yl, yr) + 9;
    setup(r, r->body, m->number, 13, 0, LEFT_W, PANGO_ALIGN_CENTER, false, 0);
    setup(r, r->meas, m->place_date, 14, ST_ITALIC, RIGHT_W, PANGO_ALIGN_CENTER, false, 0);
    double b1 = baseline_of(r->body), b2 = baseline_of(r->meas), base = row + fmax(b1, b2);
    double end1 = base - b1 + put(r, r->body, MARGIN_LEFT, base - b1);
    double end2 = base - b2 + put(r, r->meas, RIGHT_X, base - b2);
    /* type, summary and its line */
    double y = fmax(end1, end2) + 20;
    setup(r, l, m->type, 14, ST_BOLD, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
    y += put(r, l, MARGIN_LEFT, y);
    setup(r, l, m->summary, 14, ST_BOLD, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
    y += put(r, l, MARGIN_LEFT, y) + RULE_GAP;
    w = fmax(width_of(l) / 3, 40);
    cx = MARGIN_LEFT + TEXT_W / 2;
    rule(r, cx - w / 2, cx + w / 2, y, RULE_W);
    r->y = y + 14;
}

/* s followed by ";" unless it ends with punctuation already. */
static const char *item(rend *r, const char *s)
{
    size_t n = strlen(s);
    bool punct = n && strchr(";.,:", s[n - 1]);
    return arena_printf(&r->a, "- %s%s", s, punct ? "" : ";");
}

static void draw_to(rend *r, const model *m)
{
    const char *label = "Kính gửi:";
    if (!m->nto) return;
    if (m->nto == 1) {
        setup(r, r->body, arena_printf(&r->a, "%s %s", label, m->to[0]), 14, 0, TEXT_W,
              PANGO_ALIGN_CENTER, false, 0);
        flow(r, r->body, MARGIN_LEFT, LINE_FACTOR, false);
    } else {
        setup(r, r->meas, label, 14, 0, 0, PANGO_ALIGN_LEFT, false, 0);
        double lw = width_of(r->meas) + 4, widest = 0;
        for (size_t i = 0; i < m->nto; i++) {
            setup(r, r->meas, item(r, m->to[i]), 14, 0, 0, PANGO_ALIGN_LEFT, false, 0);
            widest = fmax(widest, width_of(r->meas));
        }
        widest = fmin(widest, TEXT_W - lw);
        double x = MARGIN_LEFT + (TEXT_W - lw - widest) / 2;
        setup(r, r->body, label, 14, 0, 0, PANGO_ALIGN_LEFT, false, 0);
        flow(r, r->body, x, LINE_FACTOR, false);
        setup(r, r->meas, "- ", 14, 0, 0, PANGO_ALIGN_LEFT, false, 0);
        double dash = width_of(r->meas);
        for (size_t i = 0; i < m->nto; i++) {
            setup(r, r->body, item(r, m->to[i]), 14, 0, MARGIN_LEFT + TEXT_W - x - lw,
                  PANGO_ALIGN_LEFT, false, -dash);
            flow(r, r->body, x + lw, LINE_FACTOR, false);
        }
    }
    r->y += 10;
}

/* The signature and "Nơi nhận:" from top (drawn when draw); returns their height. */
static double sign_block(rend *r, const model *m, double top, bool draw)
{
    PangoLayout *l = r->meas;
    /* right: authority and title, room, name */
    const char *head =
        *m->authority ? arena_printf(&r->a, "%s\n%s", m->authority, m->title) : m->title;
    setup(r, l, head, 14, ST_BOLD, RIGHT_W, PANGO_ALIGN_CENTER, false, 0);
    double base = top + baseline_of(l), y = top + height_of(l);
    if (draw) put(r, l, RIGHT_X, top);
    setup(r, l, "Ag", 14, 0, 0, PANGO_ALIGN_LEFT, false, 0);
    y += SIGN_ROOM * height_of(l) * LINE_FACTOR;
    setup(r, l, m->name, 14, ST_BOLD, RIGHT_W, PANGO_ALIGN_CENTER, false, 0);
    if (draw) put(r, l, RIGHT_X, y);
    double right = y + height_of(l) - top;
    if (!m->ncc) return right;
    /* left: "Nơi nhận:" on the authority's baseline, then the recipients */
    setup(r, l, "Nơi nhận:", 12, ST_BOLD | ST_ITALIC, LEFT_W, PANGO_ALIGN_LEFT, false, 0);
    y = base - baseline_of(l);
    y += draw ? put(r, l, MARGIN_LEFT, y) : height_of(l);
    buf items = {0};
    for (size_t i = 0; i < m->ncc; i++)
        buf_printf(&items, "%s- %s", i ? "\n" : "", m->cc[i]);
    setup(r, l, "- ", 11, 0, 0, PANGO_ALIGN_LEFT, false, 0);
    double dash = width_of(l);
    setup(r, l, buf_cstr(&items), 11, 0, LEFT_W - 6, PANGO_ALIGN_LEFT, false, -dash);
    buf_free(&items);
    y += draw ? put(r, l, MARGIN_LEFT, y) : height_of(l);
    return fmax(right, y - top);
}

static void draw_sign(rend *r, const model *m)
{
    r->y += 8;
    need(r, sign_block(r, m, r->y, false));
    sign_block(r, m, r->y, true);
}

static void render(rend *r, const model *m)
{
    r->page = 1;
    begin_page(r);
    draw_head(r, m);
    draw_to(r, m);
    for (size_t i = 0; i < m->nb; i++) {
        const block *b = &m->b[i];
        switch (b->kind) {
        case B_H1:
        case B_H2:
            need(r, lead(r, m, i, 0));
            setup_heading(r, r->body, b);
            flow(r, r->body, MARGIN_LEFT, LINE_FACTOR, false);
            r->y += PARA_GAP;
            break;
        case B_P:
            draw_para(r, b->text, 0);
            break;
        default:
            draw_table(r, b->t);
        }
    }
    draw_sign(r, m);
    cairo_show_page(r->cr);
}

/* ---- the surface ---- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    buf_put(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

int doc_pdf(const json_t *doc, buf *out, char *err, size_t errlen)
{
    rend r = {.err = err, .errlen = errlen};
    model m;
    if (err && errlen) err[0] = 0;
    if (!read_doc(&r, doc, &m)) {
        arena_free(&r.a);
        return -1;
    }
    const char *fonts_err = NULL;
    PangoFontMap *fm = pdf_fontmap_take(&fonts_err);
    if (!fm) {
        fail(&r, "doc: %s", fonts_err);
        arena_free(&r.a);
        return -1;
    }
    size_t start = out->len;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                   arena_printf(&r.a, "%s %s", m.type, m.summary));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ngoaivu");
    const char *when = arena_printf(&r.a, "%sT00:00:00+07:00", m.date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, when);
    r.cr = cairo_create(s);
    cairo_set_source_rgb(r.cr, 0, 0, 0);

    PangoContext *pc = r.pc = pango_font_map_create_context(fm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72); /* 1 pt = 1 unit */
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_context_set_language(pc, pango_language_from_string(*m.lang ? m.lang : "vi"));
    pango_cairo_update_context(r.cr, pc);
    r.fd = pango_font_description_new();
    pango_font_description_set_family(r.fd, PDF_FAMILIES);
    r.body = pango_layout_new(pc);
    r.meas = pango_layout_new(pc);
    r.cell = pango_layout_new(pc);
    r.deco = pango_layout_new(pc);
    r.draft = m.draft;

    render(&r, &m);

    g_object_unref(r.body);
    g_object_unref(r.meas);
    g_object_unref(r.cell);
    g_object_unref(r.deco);
    pango_font_description_free(r.fd);
    g_object_unref(pc);
    if (r.mark) cairo_surface_destroy(r.mark);
    cairo_status_t st = cairo_status(r.cr);
    cairo_destroy(r.cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    pdf_fontmap_give(fm);
    arena_free(&r.a);
    if (st != CAIRO_STATUS_SUCCESS) {
        out->len = start;
        if (out->data) out->data[start] = 0;
        fail(&r, "doc: cairo: %s", cairo_status_to_string(st));
        return -1;
    }
    return 0;
}
