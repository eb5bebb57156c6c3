/* doc_docx: a document (doc.h) as a WordprocessingML package (.docx) that officers open and
 * edit in Word or LibreOffice before signing, in the layout of Decree 30/2020/NĐ-CP: A4,
 * margins 20/20/30/15 mm, Times New Roman 14 pt; the header block (issuer on the left, the
 * national motto on the right, number and place-date under them), type and summary, "Kính
 * gửi", the body, the signature block with "Nơi nhận", page numbers centred at the top from
 * page 2.
 *
 * The package: [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
 * word/settings.xml, word/_rels/document.xml.rels, word/header1.xml (the page number),
 * word/header2.xml (the first page's: empty, or the draft mark), docProps/core.xml and
 * docProps/app.xml, zipped by base/zip.h with every entry dated by "date".
 *
 * Elements follow the order of the OOXML schema (ECMA-376 transitional), which Word
 * enforces: in w:pPr pStyle, keepNext, keepLines, pBdr, spacing, ind, jc, rPr; in w:rPr b,
 * bCs, i, iCs, caps, sz, szCs; in w:tblPr tblW, tblBorders, tblLayout, tblCellMar; in w:tcPr
 * tcW, vAlign; in w:sectPr headerReference, pgSz, pgMar, cols, titlePg, docGrid.
 *
 * The short lines under the issuer, under the motto and under the summary are empty
 * paragraphs one point high whose top border is the line, indented from both sides so that
 * it has the wanted length and is centred. A bottom border on the text's own paragraph would
 * run as wide as the paragraph (the whole cell), and an underline (w:u) hugs the letters and
 * is cut by the descenders of "p" and "h", unlike the decree's rule; a border on a paragraph
 * of its own is drawn alike by Word and LibreOffice. Its length comes from the width of the
 * text, measured with Times New Roman's advance widths (which Liberation Serif, LibreOffice's
 * substitute, shares). The first-line indent of body paragraphs and headings is 720 twips
 * (1.27 cm), in their styles. */
#include "doc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/zip.h"

/* Lengths in twips (1/20 pt): A4 and the margins of Decree 30/2020 */
enum {
    PAGE_W = 11906,
    PAGE_H = 16838,
    MARGIN_TOP = 1134,    /* 20 mm */
    MARGIN_BOTTOM = 1134, /* 20 mm */
    MARGIN_LEFT = 1701,   /* 30 mm */
    MARGIN_RIGHT = 850,   /* 15 mm */
    HEADER_DIST = 567,    /* 10 mm */
    TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT,
    CELL_MAR = 108, /* Word's default left and right cell margins */
    MAX_COLS = 63,  /* Word's limit */
    LINE_SZ = 6,    /* the short lines: 3/4 pt (border widths are in 1/8 pt) */
};

/* Font sizes in half-points */
enum { SZ_BODY = 28, SZ_HEAD = 26, SZ_CELL = 24, SZ_CC = 22 };

/* ---- text ------------------------------------------------------------------------------ */

/* The code point at s[*i] (UTF-8), advancing *i; -1 for an invalid sequence (one byte
 * consumed). */
static long utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (!len || c > 0xf4 || *i + (size_t)len > n) {
        (*i)++;
        return -1;
    }
    long v = c & (0x7f >> len);
    for (int k = 1; k < len; k++) {
        unsigned char d = s[*i + (size_t)k];
        if ((d & 0xc0) != 0x80) {
            (*i)++;
            return -1;
        }
        v = v << 6 | (d & 0x3f);
    }
    static const long least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[len] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        (*i)++;
        return -1;
    }
    *i += (size_t)len;
    return v;
}

/* A character XML 1.0 allows (tab, newline and carriage return are dealt with before). */
static bool xml_char(long c)
{
    return (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
           (c >= 0x10000 && c <= 0x10ffff);
}

/* n bytes of s as XML character data: & < > " escaped; what XML 1.0 forbids (control
 * characters, U+FFFE, U+FFFF) and invalid UTF-8 dropped. flat: a tab or a line break
 * becomes a space (for the metadata). */
static void xml_esc(buf *b, const char *s, size_t n, bool flat)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        long c = utf8_next(u, n, &i);
        if (c == '&')
            buf_puts(b, "&amp;");
        else if (c == '<')
            buf_puts(b, "&lt;");
        else if (c == '>')
            buf_puts(b, "&gt;");
        else if (c == '"')
            buf_puts(b, "&quot;");
        else if (c == '\t' || c == '\n' || c == '\r')
            buf_putc(b, flat ? ' ' : (char)c);
        else if (xml_char(c))
            buf_put(b, s + at, i - at);
    }
}

static void xml_text(buf *b, const char *s, bool flat)
{
    if (s) xml_esc(b, s, strlen(s), flat);
}

/* Advance widths of Times New Roman, regular then bold, ' ' to '~', in 1/1000 em (those of
 * Liberation Serif, made to the same metrics). */
static const unsigned short adv[2][95] = {
    {250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
     500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
     556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
     722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
     278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541},
    {250, 333, 555, 500, 500, 1000, 833, 278,  333, 333, 500, 570, 250, 333, 250, 278,
     500, 500, 500, 500, 500, 500,  500, 500,  500, 500, 333, 333, 570, 570, 570, 500,
     930, 722, 667, 722, 722, 667,  611, 778,  778, 389, 500, 778, 667, 944, 722, 778,
     611, 778, 722, 556, 667, 722,  722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
     333, 500, 556, 444, 556, 444,  333, 500,  556, 278, 333, 556, 278, 833, 556, 500,
     556, 556, 444, 389, 333, 556,  500, 722,  500, 500, 444, 394, 220, 394, 520},
};
/* Ơ ơ Ư ư (with or without a tone), regular then bold: the horn widens them */
static const unsigned short horned[2][4] = {{722, 529, 776, 542}, {778, 554, 796, 600}};

/* The base letter of U+00C0..U+00FF (a letter with marks is as wide as the letter). */
static const char latin1_base[] =
    "AAAAAAACEEEEIIIIDNOOOOO+OUUUUYPsaaaaaaaceeeeiiiionooooo+ouuuuypy";

/* The width of one code point in 1/1000 em: exact for ASCII and the Vietnamese letters, a
 * guess for the rest. */
static int char_w(long c, bool bold)
{
    const unsigned short *a = adv[bold];
    char base = 0;
    int horn = -1; /* Ơ ơ Ư ư */
    if (c >= 0x20 && c < 0x7f)
        base = (char)c;
    else if (c >= 0xc0 && c <= 0xff)
        base = latin1_base[c - 0xc0];
    else if (c >= 0x300 && c < 0x370) /* combining marks */
        return 0;
    else if (c == 0x102 || c == 0x103) /* Ă ă */
        base = c & 1 ? 'a' : 'A';
    else if (c == 0x110 || c == 0x111) /* Đ đ */
        base = c & 1 ? 'd' : 'D';
    else if (c == 0x128 || c == 0x129) /* Ĩ ĩ */
        base = c & 1 ? 'i' : 'I';
    else if (c == 0x168 || c == 0x169) /* Ũ ũ */
        base = c & 1 ? 'u' : 'U';
    else if (c == 0x1a0 || c == 0x1a1)
        horn = (int)(c & 1);
    else if (c == 0x1af || c == 0x1b0)
        horn = 2 + !(c & 1);
    else if (c >= 0x1ea0 && c <= 0x1ef9) { /* Vietnamese: pairs, capital first */
        static const struct {
            long last;
            char base;
            int horn;
        } runs[] = {{0x1eb7, 'a', -1}, {0x1ec7, 'e', -1}, {0x1ecb, 'i', -1}, {0x1ed9, 'o', -1},
                    {0x1ee3, 0, 0},    {0x1ee7, 'u', -1}, {0x1ef1, 0, 2},    {0x1ef9, 'y', -1}};
        size_t k = 0;
        while (c > runs[k].last)
            k++;
        bool cap = !(c & 1);
        if (runs[k].horn >= 0) return horned[bold][runs[k].horn + !cap];
        base = cap ? (char)(runs[k].base - 'a' + 'A') : runs[k].base;
    } else if (c >= 0x2e80) /* CJK and the like */
        return 1000;
    else
        return 500;
    if (horn >= 0) return horned[bold][horn];
    return a[base - ' '];
}

/* The width of s in twips at sz half-points. */
static int text_w(const char *s, int sz, bool bold)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    long em = 0; /* 1/1000 em */
    while (i < n) {
        long c = utf8_next(u, n, &i);
        if (c >= 0) em += char_w(c, bold);
    }
    em = em * sz / 100;
    return em < 100000000 ? (int)em : 100000000; /* a far too long text stays countable */
}

/* ---- WordprocessingML pieces ----------------------------------------------------------- */

/* Run properties beyond the style's. sz: half-points, 0 for the style's. */
typedef struct {
    bool b, i, caps;
    int sz;
} rfmt;

/* Paragraph properties beyond the style's. */
typedef struct {
    const char *style;
    char jc; /* 'l', 'c', 'r', 'b' (justified); 0: the style's */
    bool keep_next;
    bool spacing; /* before, after and line (1/240 of a line, or twips when exact) are set */
    int before, after, line;
    bool exact;
    int left, right, first, hanging; /* indents; all 0: the style's */
    int top_line;                    /* a line above the paragraph, in 1/8 pt; 0: none */
} pfmt;

static void rpr(buf *b, const rfmt *f)
{
    if (!f || (!f->b && !f->i && !f->caps && !f->sz)) return;
    buf_puts(b, "<w:rPr>");
    if (f->b) buf_puts(b, "<w:b/><w:bCs/>");
    if (f->i) buf_puts(b, "<w:i/><w:iCs/>");
    if (f->caps) buf_puts(b, "<w:caps/>");
    if (f->sz) buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", f->sz, f->sz);
    buf_puts(b, "</w:rPr>");
}

static void ppr(buf *b, const pfmt *p, const rfmt *mark)
{
    buf_puts(b, "<w:pPr>");
    if (p->style) buf_printf(b, "<w:pStyle w:val=\"%s\"/>", p->style);
    if (p->keep_next) buf_puts(b, "<w:keepNext/>");
    if (p->top_line)
        buf_printf(b,
                   "<w:pBdr><w:top w:val=\"single\" w:sz=\"%d\" w:space=\"0\" "
                   "w:color=\"000000\"/></w:pBdr>",
                   p->top_line);
    if (p->spacing) {
        buf_printf(b, "<w:spacing w:before=\"%d\" w:after=\"%d\"", p->before, p->after);
        if (p->line)
            buf_printf(b, " w:line=\"%d\" w:lineRule=\"%s\"", p->line, p->exact ? "exact" : "auto");
        buf_puts(b, "/>");
    }
    if (p->left || p->right || p->first || p->hanging)
        buf_printf(b, "<w:ind w:left=\"%d\" w:right=\"%d\" w:%s=\"%d\"/>", p->left, p->right,
                   p->hanging ? "hanging" : "firstLine", p->hanging ? p->hanging : p->first);
    if (p->jc) {
        const char *v = p->jc == 'c'   ? "center"
                        : p->jc == 'r' ? "right"
                        : p->jc == 'b' ? "both"
                                       : "left";
        buf_printf(b, "<w:jc w:val=\"%s\"/>", v);
    }
    rpr(b, mark); /* the paragraph mark's, which sets an empty paragraph's height */
    buf_puts(b, "</w:pPr>");
}

/* One run of text: a "\n" in it is a line break, a tab a tab. */
static void run(buf *b, const char *text, const rfmt *f)
{
    if (!text || !*text) return;
    buf_puts(b, "<w:r>");
    rpr(b, f);
    const char *seg = text;
    for (const char *p = text;; p++) {
        if (*p && *p != '\n' && *p != '\t' && *p != '\r') continue;
        if (p > seg) {
            buf_puts(b, "<w:t xml:space=\"preserve\">");
            xml_esc(b, seg, (size_t)(p - seg), false);
            buf_puts(b, "</w:t>");
        }
        if (!*p) break;
        if (*p == '\t')
            buf_puts(b, "<w:tab/>");
        else if (*p == '\n' || p[1] != '\n') /* "\r\n" is one break */
            buf_puts(b, "<w:br/>");
        seg = p + 1;
    }
    buf_puts(b, "</w:r>");
}

static void para(buf *b, const pfmt *p, const char *text, const rfmt *f)
{
    buf_puts(b, "<w:p>");
    ppr(b, p, f);
    run(b, text, f);
    buf_puts(b, "</w:p>");
}

/* A centred line width twips long, in a space avail twips wide: an empty paragraph one
 * point high with a top border. before: space above it (twips), after: below. */
static void hline(buf *b, int avail, int width, int before, int after)
{
    if (width > avail) width = avail;
    int side = (avail - width) / 2;
    pfmt p = {.spacing = true,
              .before = before,
              .after = after,
              .line = 20,
              .exact = true,
              .left = side,
              .right = side,
              .top_line = LINE_SZ};
    rfmt mark = {.sz = 2};
    para(b, &p, NULL, &mark);
}

/* An empty paragraph h twips high: the space after a table, the end of the body. */
static void gap(buf *b, int h)
{
    pfmt p = {.spacing = true, .line = h, .exact = true};
    rfmt mark = {.sz = 2};
    para(b, &p, NULL, &mark);
}

static void tbl_open(buf *b, const int *cols, int ncols, bool grid, bool no_cell_mar)
{
    int total = 0;
    for (int i = 0; i < ncols; i++)
        total += cols[i];
    buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblBorders>", total);
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (int i = 0; i < 6; i++)
        if (grid)
            buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                       sides[i]);
        else
            buf_printf(b, "<w:%s w:val=\"nil\"/>", sides[i]);
    buf_puts(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
    if (no_cell_mar)
        buf_puts(b, "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
                    "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>");
    buf_puts(b, "</w:tblPr><w:tblGrid>");
    for (int i = 0; i < ncols; i++)
        buf_printf(b, "<w:gridCol w:w=\"%d\"/>", cols[i]);
    buf_puts(b, "</w:tblGrid>");
}

static void tr_open(buf *b, bool header)
{
    buf_printf(b, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", header ? "<w:tblHeader/>" : "");
}

static void tc_open(buf *b, int width, bool vcenter)
{
    buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>%s</w:tcPr>", width,
               vcenter ? "<w:vAlign w:val=\"center\"/>" : "");
}

/* ---- the input ------------------------------------------------------------------------- */

/* The writer of word/document.xml, and where a failure is told. */
typedef struct {
    buf *b;
    char *err;
    size_t errlen;
    int failed;
} wr;

static int fail(wr *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(wr *w, const char *fmt, ...)
{
    if (!w->failed && w->err && w->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(w->err, w->errlen, fmt, ap);
        va_end(ap);
    }
    w->failed = 1;
    return -1;
}

/* s shortened to fit a message: at most 32 bytes, anything but printable ASCII as '?'. */
static const char *quoted(const char *s, char q[36])
{
    size_t i = 0;
    for (; s[i] && i < 32; i++)
        q[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    if (s[i]) {
        memcpy(q + i, "...", 3);
        i += 3;
    }
    q[i] = 0;
    return q;
}

/* o[key] as a string; NULL (and the failure told) when it is missing or not one. where
 * names o in the message ("" for the document). */
static const char *need_str(wr *w, const json_t *o, const char *key, const char *where)
{
    const char *s = json_string_value(json_object_get(o, key));
    if (!s) fail(w, "%s\"%s\" is missing or not a string", where, key);
    return s;
}

/* o[key] as an array of strings; NULL when it is not one. */
static const json_t *need_strs(wr *w, const json_t *o, const char *key)
{
    const json_t *a = json_object_get(o, key);
    if (!json_is_array(a)) {
        fail(w, "\"%s\" is missing or not an array", key);
        return NULL;
    }
    for (size_t i = 0; i < json_array_size(a); i++)
        if (!json_is_string(json_array_get(a, i))) {
            fail(w, "\"%s\"[%zu] is not a string", key, i);
            return NULL;
        }
    return a;
}

/* The text of cell v of a column of type t into out (emptied first); -1 when v is not of
 * the column's type. */
static int cell_text(buf *out, const json_t *v, int t)
{
    buf_reset(out);
    if (json_is_null(v)) return 0;
    if (t == DOC_TEXT || t == DOC_DATE) {
        if (!json_is_string(v) || (t == DOC_DATE && !doc_date(json_string_value(v), 0, 0, 0)))
            return -1;
    } else if (!json_is_number(v)) {
        return -1;
    }
    char text[512];
    buf_puts(out, t == DOC_TEXT ? json_string_value(v) : doc_cell_text(v, t, text, sizeof text));
    return 0;
}

/* ---- the document's parts -------------------------------------------------------------- */

/* The header block: a borderless table of two columns and two rows (issuer | motto, then
 * number | place and date, so that these two stand on one line). */
static void header_block(wr *w, const char *parent, const char *issuer, const char *motto1,
                         const char *motto2, const char *number, const char *place_date)
{
    buf *b = w->b;
    int right = TEXT_W * 60 / 100;
    int need = text_w(motto1, SZ_HEAD, true) + 60; /* the motto on one line */
    if (right < need) right = need < TEXT_W * 68 / 100 ? need : TEXT_W * 68 / 100;
    int cols[2] = {TEXT_W - right, right};
    pfmt centre = {.jc = 'c'};

    tbl_open(b, cols, 2, false, true);
    tr_open(b, false);
    tc_open(b, cols[0], false);
    if (*parent) para(b, &centre, parent, &(rfmt){.caps = true, .sz = SZ_HEAD});
    para(b, &centre, issuer, &(rfmt){.b = true, .caps = true, .sz = SZ_HEAD});
    int iw = text_w(issuer, SZ_HEAD, true); /* a third of it (of a line when it wraps) */
    hline(b, cols[0], (iw < cols[0] ? iw : cols[0]) / 3, 20, 0);
    buf_puts(b, "</w:tc>");
    tc_open(b, cols[1], false);
    para(b, &centre, motto1, &(rfmt){.b = true, .sz = SZ_HEAD});
    para(b, &centre, motto2, &(rfmt){.b = true, .sz = SZ_BODY});
    hline(b, cols[1], text_w(motto2, SZ_BODY, true), 20, 0);
    buf_puts(b, "</w:tc></w:tr>");

    tr_open(b, false);
    pfmt below = {.jc = 'c', .spacing = true, .before = 100};
    tc_open(b, cols[0], false);
    para(b, &below, number, &(rfmt){.sz = SZ_HEAD});
    buf_puts(b, "</w:tc>");
    tc_open(b, cols[1], false);
    para(b, &below, place_date, &(rfmt){.i = true, .sz = SZ_BODY});
    buf_puts(b, "</w:tc></w:tr></w:tbl>");
}

/* "X" followed by end unless X already ends with a stop or a semicolon. */
static void with_end(buf *t, const char *x, char end)
{
    buf_puts(t, x);
    size_t n = strlen(x);
    if (!n || (x[n - 1] != '.' && x[n - 1] != ';')) buf_putc(t, end);
}

/* Kính gửi: one recipient on one centred line; several one "- X;" a line, starting where
 * the label ends, the block centred (as the PDF draws them). */
static void recipients(wr *w, const json_t *to)
{
    buf *b = w->b, t = {0};
    size_t n = json_array_size(to);
    if (n == 1) {
        buf_puts(&t, "Kính gửi: ");
        with_end(&t, json_string_value(json_array_get(to, 0)), '.');
        pfmt p = {.jc = 'c', .spacing = true, .after = 120};
        para(b, &p, buf_cstr(&t), NULL);
    } else if (n > 1) {
        int label = text_w("Kính gửi: ", SZ_BODY, false), dash = text_w("- ", SZ_BODY, false);
        int widest = 0;
        for (size_t i = 0; i < n; i++) {
            buf_reset(&t);
            buf_puts(&t, "- ");
            with_end(&t, json_string_value(json_array_get(to, i)), ';');
            int iw = text_w(buf_cstr(&t), SZ_BODY, false) + 60;
            if (iw > widest) widest = iw;
        }
        if (widest > TEXT_W - label) widest = TEXT_W - label;
        int x = (TEXT_W - label - widest) / 2;
        para(b, &(pfmt){.keep_next = true, .left = x}, "Kính gửi:", NULL);
        for (size_t i = 0; i < n; i++) {
            buf_reset(&t);
            buf_puts(&t, "- ");
            with_end(&t, json_string_value(json_array_get(to, i)), ';');
            /* a long name wraps under itself, past the dash */
            pfmt item = {.keep_next = i + 1 < n,
                         .spacing = true,
                         .after = i + 1 < n ? 0 : 120,
                         .left = x + label + dash,
                         .hanging = dash};
            para(b, &item, buf_cstr(&t), NULL);
        }
    }
    buf_free(&t);
}

/* The column widths of a table, by the rules of the PDF (doc_pdf.c): a number or date
 * column is as wide as its widest cell and its header (the header's words wrapped when room
 * is short); the text columns share the rest, at least their headers' longest words, beyond
 * that in proportion to their widest cells; a surplus goes three parts to each text column
 * for one to each other. A table too wide for that is scaled down alike (its cells wrap). */
static void col_widths(const json_t *cols, const json_t *rows, const json_t *total, int *wd)
{
    enum { PAD = 2 * CELL_MAR + 40 }; /* the cell margins and a little air */
    size_t nc = json_array_size(cols), nr = json_array_size(rows);
    int nat[MAX_COLS], low[MAX_COLS]; /* unwrapped, and the least (the longest word) */
    bool is_text[MAX_COLS];
    buf t = {0};
    for (size_t c = 0; c < nc; c++) {
        const json_t *col = json_array_get(cols, c);
        const char *label = json_string_value(json_object_get(col, "label"));
        int type = doc_col_type(json_string_value(json_object_get(col, "type")));
        is_text[c] = type == DOC_TEXT;
        int word_w = 0, cell_w = 0;
        char word[256];
        for (const char *p = label; *p;) {
            size_t k = strcspn(p, " ");
            if (k && k < sizeof word) {
                memcpy(word, p, k);
                word[k] = 0;
                int ww = text_w(word, SZ_CELL, true);
                if (ww > word_w) word_w = ww;
            }
            p += k;
            p += strspn(p, " ");
        }
        for (size_t r = 0; r <= nr; r++) {
            const json_t *row = r < nr ? json_array_get(rows, r) : total;
            if (row && cell_text(&t, json_array_get(row, c), type) == 0) {
                int cw = text_w(buf_cstr(&t), SZ_CELL, r == nr);
                if (cw > cell_w) cell_w = cw;
            }
        }
        int head_w = text_w(label, SZ_CELL, true);
        nat[c] = (cell_w > head_w ? cell_w : head_w) + PAD;
        low[c] = (cell_w > word_w ? cell_w : word_w) + PAD;
        if (is_text[c]) {
            low[c] = (word_w > 567 ? word_w : 567) + PAD;
            if (nat[c] < low[c]) nat[c] = low[c];
        }
    }
    buf_free(&t);

    long fixed = 0, tnat = 0, tlow = 0, weights = 0;
    for (size_t c = 0; c < nc; c++)
        if (is_text[c]) {
            tnat += nat[c];
            tlow += low[c];
            weights += 3;
        } else {
            fixed += nat[c];
            weights += 1;
        }
    if (fixed + tlow > TEXT_W) { /* the number headers wrapped too */
        fixed = 0;
        for (size_t c = 0; c < nc; c++)
            if (!is_text[c]) fixed += nat[c] = low[c];
    }
    long rest = TEXT_W - fixed;
    for (size_t c = 0; c < nc; c++) {
        if (fixed + tlow > TEXT_W) /* too wide: all in proportion */
            wd[c] = (int)((is_text[c] ? low[c] : nat[c]) * (long)TEXT_W / (fixed + tlow));
        else if (!is_text[c] && fixed + tnat > TEXT_W)
            wd[c] = nat[c];
        else if (fixed + tnat > TEXT_W) /* text columns from their least toward their width */
            wd[c] = low[c] + (int)((rest - tlow) * (nat[c] - low[c]) / (tnat - tlow));
        else /* room to spare */
            wd[c] = nat[c] + (int)((rest - tnat) * (is_text[c] ? 3 : 1) / weights);
    }
    int used = 0;
    for (size_t c = 0; c < nc; c++)
        used += wd[c];
    wd[nc - 1] += TEXT_W - used; /* what rounding left */
}

static int table_row(wr *w, const json_t *row, const int *types, const int *wd, size_t nc,
                     bool bold, size_t bi, const char *what)
{
    buf *b = w->b, t = {0};
    tr_open(b, false);
    for (size_t c = 0; c < nc; c++) {
        const json_t *v = json_array_get(row, c);
        if (cell_text(&t, v, types[c]) < 0) {
            buf_free(&t);
            return fail(w, "blocks[%zu] (table): %s, column %zu: not a %s", bi, what, c,
                        types[c] == DOC_TEXT   ? "string or null"
                        : types[c] == DOC_DATE ? "date (\"YYYY-MM-DD\") or null"
                                               : "number or null");
        }
        tc_open(b, wd[c], false);
        pfmt p = {.style = "TableText",
                  .jc = types[c] == DOC_TEXT   ? 'l'
                        : types[c] == DOC_DATE ? 'c'
                                               : 'r'};
        para(b, &p, buf_cstr(&t), bold ? &(rfmt){.b = true} : NULL);
        buf_puts(b, "</w:tc>");
    }
    buf_puts(b, "</w:tr>");
    buf_free(&t);
    return 0;
}

static int table_block(wr *w, const json_t *blk, size_t bi)
{
    buf *b = w->b;
    const json_t *cols = json_object_get(blk, "cols"), *rows = json_object_get(blk, "rows");
    const json_t *total = json_object_get(blk, "total"), *empty = json_object_get(blk, "empty");
    const char *title = json_string_value(json_object_get(blk, "title"));
    if (!title) return fail(w, "blocks[%zu] (table): \"title\" is missing or not a string", bi);
    size_t nc = json_array_size(cols);
    if (!json_is_array(cols) || !nc)
        return fail(w, "blocks[%zu] (table): \"cols\" is missing or not a non-empty array", bi);
    if (nc > MAX_COLS) return fail(w, "blocks[%zu] (table): more than %d columns", bi, MAX_COLS);
    if (!json_is_array(rows))
        return fail(w, "blocks[%zu] (table): \"rows\" is missing or not an array", bi);
    if (json_is_null(total)) total = NULL;
    if (total && (!json_is_array(total) || json_array_size(total) != nc))
        return fail(w, "blocks[%zu] (table): \"total\" is not an array of %zu cells", bi, nc);
    if (json_is_null(empty)) empty = NULL;
    if (empty && !json_is_string(empty))
        return fail(w, "blocks[%zu] (table): \"empty\" is not a string", bi);

    int types[MAX_COLS], wd[MAX_COLS];
    for (size_t c = 0; c < nc; c++) {
        const json_t *col = json_array_get(cols, c);
        if (!json_is_string(json_object_get(col, "label")))
            return fail(w, "blocks[%zu] (table): cols[%zu] has no \"label\" string", bi, c);
        types[c] = doc_col_type(json_string_value(json_object_get(col, "type")));
        if (types[c] < 0)
            return fail(w,
                        "blocks[%zu] (table): cols[%zu] \"type\" is not one of text, int, num, "
                        "money, pct, date",
                        bi, c);
    }
    for (size_t r = 0; r < json_array_size(rows); r++) {
        const json_t *row = json_array_get(rows, r);
        if (!json_is_array(row) || json_array_size(row) != nc)
            return fail(w, "blocks[%zu] (table): rows[%zu] is not an array of %zu cells", bi, r,
                        nc);
    }

    if (*title) {
        pfmt p = {.jc = 'c', .keep_next = true, .spacing = true, .before = 120, .after = 60};
        para(b, &p, title, &(rfmt){.b = true});
    }
    if (!json_array_size(rows) && empty) {
        para(b, &(pfmt){.style = "BodyText"}, json_string_value(empty), &(rfmt){.i = true});
        return 0;
    }

    col_widths(cols, rows, total, wd);
    tbl_open(b, wd, (int)nc, true, false);
    tr_open(b, true);
    for (size_t c = 0; c < nc; c++) {
        tc_open(b, wd[c], true);
        pfmt p = {.style = "TableText", .jc = 'c'};
        para(b, &p, json_string_value(json_object_get(json_array_get(cols, c), "label")),
             &(rfmt){.b = true});
        buf_puts(b, "</w:tc>");
    }
    buf_puts(b, "</w:tr>");
    char what[48];
    for (size_t r = 0; r < json_array_size(rows); r++) {
        snprintf(what, sizeof what, "rows[%zu]", r);
        if (table_row(w, json_array_get(rows, r), types, wd, nc, false, bi, what) < 0) return -1;
    }
    if (total && table_row(w, total, types, wd, nc, true, bi, "total") < 0) return -1;
    buf_puts(b, "</w:tbl>");
    gap(b, 120); /* 6 pt under the table; also keeps two tables from merging */
    return 0;
}

static int blocks(wr *w, const json_t *bl)
{
    for (size_t i = 0; i < json_array_size(bl); i++) {
        const json_t *blk = json_array_get(bl, i);
        const char *k = json_string_value(json_object_get(blk, "k"));
        if (!json_is_object(blk) || !k)
            return fail(w, "blocks[%zu]: not an object with a \"k\" string", i);
        if (!strcmp(k, "h1") || !strcmp(k, "h2") || !strcmp(k, "p")) {
            const char *text = json_string_value(json_object_get(blk, "text"));
            if (!text)
                return fail(w, "blocks[%zu] (%s): \"text\" is missing or not a string", i, k);
            const char *style = k[0] == 'p' ? "BodyText" : k[1] == '1' ? "Heading1" : "Heading2";
            para(w->b, &(pfmt){.style = style}, text, NULL);
        } else if (!strcmp(k, "table")) {
            if (table_block(w, blk, i) < 0) return -1;
        } else {
            char q[36];
            return fail(w, "blocks[%zu]: unknown kind \"%s\" (h1, h2, p, table)", i, quoted(k, q));
        }
    }
    return 0;
}

/* The signature block: Nơi nhận on the left, the signer on the right. */
static void signature(wr *w, const char *authority, const char *title, const char *name,
                      const json_t *cc)
{
    buf *b = w->b, t = {0};
    int cols[2] = {TEXT_W * 45 / 100, TEXT_W - TEXT_W * 45 / 100};
    para(b, &(pfmt){.keep_next = true}, NULL, NULL); /* a line of space above it */
    tbl_open(b, cols, 2, false, false);
    tr_open(b, false);
    tc_open(b, cols[0], false);
    if (json_array_size(cc)) {
        para(b, &(pfmt){.jc = 'l'}, "Nơi nhận:", &(rfmt){.b = true, .i = true, .sz = SZ_CELL});
        for (size_t i = 0; i < json_array_size(cc); i++) {
            buf_reset(&t);
            buf_puts(&t, "- ");
            buf_puts(&t, json_string_value(json_array_get(cc, i)));
            para(b, &(pfmt){.jc = 'l'}, buf_cstr(&t), &(rfmt){.sz = SZ_CC});
        }
    } else {
        para(b, &(pfmt){0}, NULL, NULL);
    }
    buf_puts(b, "</w:tc>");
    tc_open(b, cols[1], false);
    pfmt centre = {.jc = 'c'};
    if (*authority) para(b, &centre, authority, &(rfmt){.b = true, .caps = true});
    para(b, &centre, title, &(rfmt){.b = true, .caps = true});
    for (int i = 0; i < 4; i++) /* room for the signature and the seal */
        para(b, &centre, NULL, NULL);
    para(b, &centre, name, &(rfmt){.b = true});
    buf_puts(b, "</w:tc></w:tr></w:tbl>");
    buf_free(&t);
}

/* ---- the fixed parts ------------------------------------------------------------------- */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
    "relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML "styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_WML "settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_WML "header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" ContentType=\"" CT_WML "header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-"
    "package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char package_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char document_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL "header\" Target=\"header2.xml\"/>"
    "</Relationships>";

#define FONTS                                                                                      \
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "                           \
    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
/* A body style's run properties, complete so that LibreOffice's own defaults for its
 * built-in styles of the same name (Heading 1, Text Body) do not show through. */
#define RPR_BODY(bold)                                                                             \
    "<w:rPr>" FONTS bold "<w:color w:val=\"000000\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"   \
    "</w:rPr>"
#define HEADING(id, name, lvl)                                                                     \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>"              \
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:uiPriority w:val=\"9\"/>"         \
    "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>"                                               \
    "<w:spacing w:before=\"120\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"             \
    "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"720\"/><w:jc w:val=\"both\"/>"                \
    "<w:outlineLvl w:val=\"" lvl "\"/></w:pPr>" RPR_BODY("<w:b/><w:bCs/>") "</w:style>"

static const char styles[] = XML_DECL
    "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS
    "<w:color w:val=\"000000\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
    "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
    "w:lineRule=\"auto\"/></w:pPr>" RPR_BODY("") "</w:style>" HEADING("Heading1", "heading 1", "0")
        HEADING(
            "Heading2", "heading 2",
            "1") "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body "
                 "Text\"/>"
                 "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                 "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
                 "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"720\"/><w:jc "
                 "w:val=\"both\"/></w:pPr>" RPR_BODY(
                     "") "</w:style>"
                         "<w:style w:type=\"paragraph\" w:customStyle=\"1\" "
                         "w:styleId=\"TableText\">"
                         "<w:name w:val=\"Table Text\"/><w:basedOn "
                         "w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                         "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" "
                         "w:lineRule=\"auto\"/></w:pPr>"
                         "<w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>"
                         "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name "
                         "w:val=\"header\"/>"
                         "<w:basedOn w:val=\"Normal\"/><w:uiPriority "
                         "w:val=\"99\"/><w:unhideWhenUsed/><w:pPr>"
                         "<w:jc w:val=\"center\"/></w:pPr></w:style>"
                         "<w:style w:type=\"character\" w:default=\"1\" "
                         "w:styleId=\"DefaultParagraphFont\">"
                         "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority "
                         "w:val=\"1\"/><w:semiHidden/>"
                         "<w:unhideWhenUsed/></w:style>"
                         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
                         "<w:name w:val=\"Normal Table\"/><w:uiPriority "
                         "w:val=\"99\"/><w:semiHidden/>"
                         "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" "
                         "w:type=\"dxa\"/><w:tblCellMar>"
                         "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
                         "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
                         "</w:tblCellMar></w:tblPr></w:style>"
                         "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\">"
                         "<w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
                         "<w:unhideWhenUsed/></w:style>"
                         "</w:styles>";

static const char settings[] =
    XML_DECL "<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
             "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
             "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
             "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
             "<w:themeFontLang w:val=\"vi-VN\"/><w:decimalSymbol w:val=\",\"/>"
             "<w:listSeparator w:val=\";\"/></w:settings>";

/* The header of the pages after the first: the page number, centred. */
static const char header_page[] =
    XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr>"
             "<w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";

/* The first page's header: empty, or the draft mark at the right. */
static void header_first(buf *b, bool draft)
{
    buf_puts(b, XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">");
    pfmt p = {.style = "Header", .jc = draft ? 'r' : 0};
    para(b, &p, draft ? "DỰ THẢO" : NULL, draft ? &(rfmt){.b = true, .sz = SZ_CELL} : NULL);
    buf_puts(b, "</w:hdr>");
}

static void core_props(buf *b, const char *type, const char *summary, const char *lang,
                       const char *date)
{
    buf_puts(b, XML_DECL "<cp:coreProperties "
                         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                         "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
                         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    xml_text(b, type, true);
    buf_putc(b, ' ');
    xml_text(b, summary, true);
    buf_puts(b, "</dc:title><dc:creator>ngoaivu</dc:creator>");
    if (lang && *lang) {
        buf_puts(b, "<dc:language>");
        xml_text(b, lang, true);
        buf_puts(b, "</dc:language>");
    }
    buf_printf(b,
               "<cp:lastModifiedBy>ngoaivu</cp:lastModifiedBy>"
               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z</dcterms:created>"
               "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%sT00:00:00Z</dcterms:modified>"
               "</cp:coreProperties>",
               date, date);
}

static void app_props(buf *b, const char *issuer)
{
    buf_puts(b, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/"
                         "2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/docPropsVTypes\"><Application>ngoaivu</Application>"
                         "<DocSecurity>0</DocSecurity><Company>");
    xml_text(b, issuer, true);
    buf_puts(b, "</Company></Properties>");
}

/* ---- the whole ------------------------------------------------------------------------- */

int doc_docx(const json_t *doc, buf *out, char *err, size_t errlen)
{
    buf body = {0}, part = {0};
    wr w = {.b = &body, .err = err, .errlen = errlen};
    if (err && errlen) err[0] = 0;
    if (!out) return fail(&w, "no output buffer");
    if (!json_is_object(doc)) return fail(&w, "the document is not a JSON object");

    static const char *const keys[] = {"date",   "parent",     "issuer", "motto1", "motto2",
                                       "number", "place_date", "type",   "summary"};
    const char *v[9];
    for (int i = 0; i < 9; i++)
        if (!(v[i] = need_str(&w, doc, keys[i], ""))) return -1;
    const char *date = v[0], *parent = v[1], *issuer = v[2], *motto1 = v[3], *motto2 = v[4],
               *number = v[5], *place_date = v[6], *type = v[7], *summary = v[8];
    int y, m, d;
    char q[36];
    if (!doc_date(date, &y, &m, &d))
        return fail(&w, "\"date\" is not a date (\"YYYY-MM-DD\"): \"%s\"", quoted(date, q));
    const json_t *draft = json_object_get(doc, "draft");
    if (!json_is_boolean(draft)) return fail(&w, "\"draft\" is missing or not true or false");
    const json_t *lang = json_object_get(doc, "lang");
    if (lang && !json_is_string(lang)) return fail(&w, "\"lang\" is not a string");
    const json_t *to = need_strs(&w, doc, "to"), *cc = to ? need_strs(&w, doc, "cc") : NULL;
    if (!cc) return -1;
    const json_t *bl = json_object_get(doc, "blocks");
    if (!json_is_array(bl)) return fail(&w, "\"blocks\" is missing or not an array");
    const json_t *sign = json_object_get(doc, "sign");
    if (!json_is_object(sign)) return fail(&w, "\"sign\" is missing or not an object");
    const char *authority = need_str(&w, sign, "authority", "sign: ");
    const char *stitle = authority ? need_str(&w, sign, "title", "sign: ") : NULL;
    const char *name = stitle ? need_str(&w, sign, "name", "sign: ") : NULL;
    if (!name) return -1;

    /* word/document.xml */
    buf_puts(&body, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
    header_block(&w, parent, issuer, motto1, motto2, number, place_date);
    pfmt centre = {.jc = 'c', .keep_next = true, .spacing = true, .before = 360};
    para(&body, &centre, type, &(rfmt){.b = true, .caps = true});
    centre.before = 0;
    para(&body, &centre, summary, &(rfmt){.b = true});
    int sw = text_w(summary, SZ_BODY,
                    true); /* a third of it (of a line when it wraps), 40 pt at least */
    sw = (sw < TEXT_W ? sw : TEXT_W) / 3;
    hline(&body, TEXT_W, sw < 800 ? 800 : sw, 20, 240);
    recipients(&w, to);
    if (blocks(&w, bl) < 0) {
        buf_free(&body);
        return -1;
    }
    signature(&w, authority, stitle, name, cc);
    gap(&body, 20); /* the body ends with a paragraph, one point high */
    buf_printf(&body,
               "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
               "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
               "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
               "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
               "w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>"
               "<w:cols w:space=\"720\"/><w:titlePg/><w:docGrid w:linePitch=\"360\"/>"
               "</w:sectPr></w:body></w:document>",
               PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, HEADER_DIST,
               HEADER_DIST);

    /* the package; [Content_Types].xml first, as Office writes it */
    zipw *z = zipw_new(out, y, m, d);
    int rc = 0;
    rc |= zipw_add(z, "[Content_Types].xml", content_types, sizeof content_types - 1);
    rc |= zipw_add(z, "_rels/.rels", package_rels, sizeof package_rels - 1);
    rc |= zipw_add(z, "word/document.xml", body.data, body.len);
    rc |= zipw_add(z, "word/_rels/document.xml.rels", document_rels, sizeof document_rels - 1);
    rc |= zipw_add(z, "word/styles.xml", styles, sizeof styles - 1);
    rc |= zipw_add(z, "word/settings.xml", settings, sizeof settings - 1);
    rc |= zipw_add(z, "word/header1.xml", header_page, sizeof header_page - 1);
    header_first(&part, json_is_true(draft));
    rc |= zipw_add(z, "word/header2.xml", part.data, part.len);
    buf_reset(&part);
    core_props(&part, type, summary, json_string_value(lang), date);
    rc |= zipw_add(z, "docProps/core.xml", part.data, part.len);
    buf_reset(&part);
    app_props(&part, issuer);
    rc |= zipw_add(z, "docProps/app.xml", part.data, part.len);
    buf_free(&part);
    buf_free(&body);
    if (zipw_finish(z) < 0 || rc) return fail(&w, "the document is too large for a ZIP package");
    return 0;
}
