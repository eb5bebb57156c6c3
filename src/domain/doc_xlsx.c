/* The XLSX of a document (doc.h): a workbook whose first sheet ("Báo cáo") reads as the
 * document's text (header, headings, paragraphs, signature, Nơi nhận) and which has one sheet
 * per table, with typed cells (numbers, shares, real Excel dates), a frozen header, an
 * autofilter and, when the table asks for one, a native Excel chart beside it.
 *
 * The whole document is checked before anything is written, so bad input is a message, never
 * half a workbook. libxlsxwriter 1.1.4 writes only to a named file: the workbook goes to a
 * private temporary file (mkstemp in $TMPDIR or /tmp, mode 0600), is read back into the
 * caller's buffer and removed on every path. Nothing here is global: calls from several
 * threads at once each have their own arena, workbook and file (libxlsxwriter 1.1.4 formats
 * the dates of docProps/core.xml with gmtime(), whose result the whole process shares: the
 * workbook is closed under xlsx.h's lock). Every text goes through
 * clean() before libxlsxwriter sees it: the library does not escape the characters XML 1.0
 * forbids in every place (titles, chart caches, sheet names). */
#include "doc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "../base/arena.h"
#include "../base/clock.h"
#include "xlsx.h"

enum { MIN_WIDTH = 8, MAX_WIDTH = 60, COVER_WIDTH = 100, SHEET_MAX = 31, CELL_MAX = 32767 };
/* Where a table sits on its sheet (0-based rows): the title, the header, the first row. */
enum { TITLE_ROW = 0, HEAD_ROW = 2, FIRST_ROW = 3 };

static const char *const num_formats[DOC_NTYPES] = {NULL,    "#,##0", "#,##0.00",
                                                    "#,##0", "0.0%",  "dd/mm/yyyy"};

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* "YYYY-MM-DD", a real day from 1900 (Excel's first year) to 9999; false otherwise. */
static bool parse_date(const char *s, lxw_datetime *dt)
{
    int y, m, d;
    if (!doc_date(s, &y, &m, &d) || y < 1900) return false;
    *dt = (lxw_datetime){.year = y, .month = m, .day = d};
    return true;
}

/* Code points of a string (an approximation of its length for Excel's limits). */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A copy of s for an XML part: a byte that is not UTF-8, U+FFFE/U+FFFF and the control
 * characters XML 1.0 forbids become U+FFFD or a space. Tabs and line breaks stay unless
 * oneline (names and titles), where they are spaces too. */
static char *clean(arena *a, const char *s, bool oneline)
{
    size_t n = strlen(s);
    char *o = arena_alloc(a, 3 * n + 1), *q = o;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + n;
    while (p < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
        if (k <= 0 || cp == 0xFFFE || cp == 0xFFFF) {
            memcpy(q, "\xEF\xBF\xBD", 3);
            q += 3;
            p += k > 0 ? k : 1;
            continue;
        }
        if (cp < 0x20 && (oneline || (cp != '\n' && cp != '\t'))) {
            if (!(cp == '\r' && p[1] == '\n' && !oneline)) *q++ = ' '; /* CR LF is LF */
        } else {
            memcpy(q, p, (size_t)k);
            q += k;
        }
        p += k;
    }
    *q = 0;
    return o;
}

/* The width of the longest line of a cleaned text, in character cells. */
static int text_width(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    int w = 0, best = 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0) break;
        if (cp == '\n')
            w = 0;
        else
            w += utf8proc_charwidth(cp);
        if (w > best) best = w;
        p += k;
        left -= k;
    }
    return best;
}

/* ---- checking the document ---------------------------------------------------------- */

/* s quoted for a message: at most 40 bytes, cut at a character. */
static const char *quote(char *tmp, size_t n, const char *s)
{
    size_t len = strlen(s), max = n - 1 < 40 ? n - 1 : 40;
    if (len > max) {
        len = max;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(tmp, s, len);
    tmp[len] = 0;
    return tmp;
}

static int check_text(const json_t *v, const char *what, char *err, size_t errlen)
{
    if (!json_is_string(v)) return fail(err, errlen, "%s: expected a string", what);
    if (chars_of(json_string_value(v)) > CELL_MAX)
        return fail(err, errlen, "%s: longer than the %d characters an Excel cell holds", what,
                    CELL_MAX);
    return 0;
}

static int check_texts(const json_t *v, const char *what, char *err, size_t errlen)
{
    if (!json_is_array(v)) return fail(err, errlen, "\"%s\": expected an array of strings", what);
    for (size_t i = 0; i < json_array_size(v); i++) {
        char at[64];
        snprintf(at, sizeof at, "\"%s\" item %zu", what, i + 1);
        if (check_text(json_array_get(v, i), at, err, errlen)) return -1;
    }
    return 0;
}

/* One row of a table (where names it for messages). A text may stand in any column of
 * the total row (its label); elsewhere each cell has its column's type. */
static int check_row(const json_t *row, const int *types, size_t ncols, bool total,
                     const char *where, char *err, size_t errlen)
{
    if (!json_is_array(row)) return fail(err, errlen, "%s: expected an array of cells", where);
    if (json_array_size(row) != ncols)
        return fail(err, errlen, "%s: %zu cells for %zu columns", where, json_array_size(row),
                    ncols);
    for (size_t j = 0; j < ncols; j++) {
        const json_t *v = json_array_get(row, j);
        char at[160];
        snprintf(at, sizeof at, "%s, column %zu", where, j + 1);
        if (json_is_null(v)) continue;
        int t = types[j];
        if (json_is_string(v) && (t == DOC_TEXT || total)) {
            if (check_text(v, at, err, errlen)) return -1;
        } else if (t == DOC_DATE) {
            lxw_datetime dt;
            if (!json_is_string(v) || !parse_date(json_string_value(v), &dt))
                return fail(err, errlen, "%s: expected a date \"YYYY-MM-DD\" (1900 to 9999)", at);
        } else if (doc_type_numeric(t)) {
            if (!json_is_number(v) || !isfinite(json_number_value(v)))
                return fail(err, errlen, "%s: expected a number", at);
        } else {
            return fail(err, errlen, "%s: expected a string", at);
        }
    }
    return 0;
}

static int check_chart(const json_t *c, const int *types, size_t ncols, const char *where,
                       char *err, size_t errlen)
{
    if (!json_is_object(c)) return fail(err, errlen, "%s: \"chart\" must be an object", where);
    const char *t = json_string_value(json_object_get(c, "type"));
    if (!t || (strcmp(t, "column") && strcmp(t, "bar") && strcmp(t, "pie")))
        return fail(err, errlen, "%s: chart \"type\" must be \"column\", \"bar\" or \"pie\"",
                    where);
    const json_t *cat = json_object_get(c, "cat");
    if (!json_is_integer(cat) || json_integer_value(cat) < 0 ||
        json_integer_value(cat) >= (json_int_t)ncols)
        return fail(err, errlen, "%s: chart \"cat\" must be a column number from 0 to %zu", where,
                    ncols - 1);
    const json_t *vals = json_object_get(c, "vals");
    if (!json_is_array(vals) || !json_array_size(vals))
        return fail(err, errlen, "%s: chart \"vals\" must be a non-empty array of columns", where);
    for (size_t i = 0; i < json_array_size(vals); i++) {
        const json_t *v = json_array_get(vals, i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            json_integer_value(v) >= (json_int_t)ncols)
            return fail(err, errlen, "%s: chart value column %zu is not a column from 0 to %zu",
                        where, i + 1, ncols - 1);
        if (!doc_type_numeric(types[json_integer_value(v)]))
            return fail(err, errlen, "%s: chart value column %lld is not a number column", where,
                        (long long)json_integer_value(v));
    }
    return 0;
}

static int check_table(arena *a, const json_t *b, const char *where, char *err, size_t errlen)
{
    if (!json_is_string(json_object_get(b, "sheet")))
        return fail(err, errlen, "%s: \"sheet\" must be a string", where);
    char at[128];
    snprintf(at, sizeof at, "%s: \"title\"", where);
    if (check_text(json_object_get(b, "title"), at, err, errlen)) return -1;
    const json_t *cols = json_object_get(b, "cols");
    size_t ncols = json_array_size(cols);
    if (!json_is_array(cols) || !ncols)
        return fail(err, errlen, "%s: \"cols\" must be a non-empty array", where);
    if (ncols > LXW_COL_MAX - 2) /* and room for the chart */
        return fail(err, errlen, "%s: %zu columns, more than a sheet holds", where, ncols);
    int *types = arena_alloc(a, sizeof(int) * ncols);
    for (size_t j = 0; j < ncols; j++) {
        const json_t *c = json_array_get(cols, j);
        snprintf(at, sizeof at, "%s: column %zu label", where, j + 1);
        if (!json_is_object(c))
            return fail(err, errlen, "%s: column %zu: expected an object", where, j + 1);
        if (check_text(json_object_get(c, "label"), at, err, errlen)) return -1;
        types[j] = doc_col_type(json_string_value(json_object_get(c, "type")));
        if (types[j] < 0)
            return fail(err, errlen,
                        "%s: column %zu: \"type\" must be one of text, int, num, money, pct, date",
                        where, j + 1);
    }
    const json_t *rows = json_object_get(b, "rows");
    if (!json_is_array(rows)) return fail(err, errlen, "%s: \"rows\" must be an array", where);
    if (json_array_size(rows) > LXW_ROW_MAX - FIRST_ROW - 2)
        return fail(err, errlen, "%s: more rows than a sheet holds", where);
    for (size_t i = 0; i < json_array_size(rows); i++) {
        snprintf(at, sizeof at, "%s: row %zu", where, i + 1);
        if (check_row(json_array_get(rows, i), types, ncols, false, at, err, errlen)) return -1;
    }
    const json_t *total = json_object_get(b, "total");
    snprintf(at, sizeof at, "%s: total row", where);
    if (total && check_row(total, types, ncols, true, at, err, errlen)) return -1;
    const json_t *chart = json_object_get(b, "chart");
    if (chart && check_chart(chart, types, ncols, where, err, errlen)) return -1;
    const json_t *empty = json_object_get(b, "empty");
    snprintf(at, sizeof at, "%s: \"empty\"", where);
    if (empty && check_text(empty, at, err, errlen)) return -1;
    return 0;
}

static int check_doc(arena *a, const json_t *doc, char *err, size_t errlen)
{
    static const char *const keys[] = {"lang",   "date",   "parent",     "issuer", "motto1",
                                       "motto2", "number", "place_date", "type",   "summary"};
    if (!json_is_object(doc)) return fail(err, errlen, "the document must be a JSON object");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        char at[32];
        snprintf(at, sizeof at, "\"%s\"", keys[i]);
        if (!json_object_get(doc, keys[i])) return fail(err, errlen, "%s is missing", at);
        if (check_text(json_object_get(doc, keys[i]), at, err, errlen)) return -1;
    }
    lxw_datetime day;
    if (!parse_date(json_string_value(json_object_get(doc, "date")), &day))
        return fail(err, errlen, "\"date\": expected \"YYYY-MM-DD\" (1900 to 9999)");
    if (!json_is_boolean(json_object_get(doc, "draft")))
        return fail(err, errlen, "\"draft\": expected true or false");
    if (check_texts(json_object_get(doc, "to"), "to", err, errlen)) return -1;
    if (check_texts(json_object_get(doc, "cc"), "cc", err, errlen)) return -1;
    const json_t *sign = json_object_get(doc, "sign");
    if (!json_is_object(sign)) return fail(err, errlen, "\"sign\": expected an object");
    static const char *const sign_keys[] = {"authority", "title", "name"};
    for (int i = 0; i < 3; i++) {
        char at[32];
        snprintf(at, sizeof at, "\"sign\".\"%s\"", sign_keys[i]);
        if (check_text(json_object_get(sign, sign_keys[i]), at, err, errlen)) return -1;
    }
    const json_t *blocks = json_object_get(doc, "blocks");
    if (!json_is_array(blocks)) return fail(err, errlen, "\"blocks\": expected an array");
    for (size_t i = 0; i < json_array_size(blocks); i++) {
        const json_t *b = json_array_get(blocks, i);
        char where[64], tmp[48];
        snprintf(where, sizeof where, "block %zu", i + 1);
        if (!json_is_object(b)) return fail(err, errlen, "%s: expected an object", where);
        const char *k = json_string_value(json_object_get(b, "k"));
        if (!k) return fail(err, errlen, "%s: \"k\" must be a string", where);
        if (!strcmp(k, "h1") || !strcmp(k, "h2") || !strcmp(k, "p")) {
            char at[80];
            snprintf(at, sizeof at, "%s (%s): \"text\"", where, k);
            if (check_text(json_object_get(b, "text"), at, err, errlen)) return -1;
        } else if (!strcmp(k, "table")) {
            snprintf(where, sizeof where, "block %zu (table)", i + 1);
            if (check_table(a, b, where, err, errlen)) return -1;
        } else {
            return fail(err, errlen, "%s: unknown kind \"%s\"", where, quote(tmp, sizeof tmp, k));
        }
    }
    return 0;
}

/* ---- writing the workbook ------------------------------------------------------------ */

typedef struct {
    arena *a;
    lxw_workbook *wb;
    bool en;
    lxw_error lerr; /* the first error libxlsxwriter gave */
    char **used;    /* the sheet names so far, case-folded */
    int nused, ntables;
    lxw_format *bold, *italic, *wrap, *head, *draft, *link;
    lxw_format *title, *header, *empty, *wide, *cell[DOC_NTYPES], *total[DOC_NTYPES];
} book;

static void note(book *b, lxw_error rc)
{
    if (rc && !b->lerr) b->lerr = rc;
}

static void put_text(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                     lxw_format *f)
{
    if (s && *s) note(b, worksheet_write_string(ws, r, c, clean(b->a, s, false), f));
}

/* A name compared as Excel compares sheet names: case-folded (Unicode, NFC). */
static char *fold(arena *a, const char *s)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    char *r = n < 0 ? arena_strdup(a, s) : arena_strndup(a, (const char *)m, (size_t)n);
    free(m);
    return r;
}

static bool name_used(book *b, const char *name)
{
    char *k = fold(b->a, name);
    if (!strcmp(k, "history")) return true; /* reserved by Excel */
    for (int i = 0; i < b->nused; i++)
        if (!strcmp(b->used[i], k)) return true;
    return false;
}

/* Cuts s (in place) to at most max UTF-16 units, Excel's measure of a sheet name, and
 * trims spaces and apostrophes (a name may not start or end with one) from both ends. */
static char *fit(char *s, int max)
{
    while (*s == ' ' || *s == '\'')
        s++;
    int units = 0;
    for (char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) == 0x80) continue;
        units += c >= 0xF0 ? 2 : 1;
        if (units > max) {
            *p = 0;
            break;
        }
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\''))
        s[--n] = 0;
    return s;
}

/* libxlsxwriter 1.1.4 quotes a sheet name in its formulas (the chart's ranges, the
 * autofilter's defined name) only when it has a character other than a letter, a digit,
 * '_' or '.'; Excel also needs quotes around a name it could read as a cell ("Q1",
 * "R1C1"), a number or a boolean. True for such a name: it is given a prefix. */
static bool needs_prefix(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.'))
            return false; /* libxlsxwriter quotes it */
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return true;
    size_t letters = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    if (letters <= 3 && s[letters] && strspn(s + letters, "0123456789") == strlen(s + letters))
        return true; /* A1 */
    const char *p = s;
    if (*p == 'R' || *p == 'r') p += 1 + strspn(p + 1, "0123456789");
    if (*p == 'C' || *p == 'c') p += 1 + strspn(p + 1, "0123456789");
    if (!*p) return true; /* R1C1, R, C, RC */
    return !strcasecmp(s, "true") || !strcasecmp(s, "false");
}

/* The name of a new sheet from the one the document asks for: without the characters Excel
 * forbids, at most 31 characters, unique ("Đoàn (2)"), never one libxlsxwriter refuses. */
static const char *sheet_name(book *b, const char *want)
{
    const char *pfx = b->en ? "Table " : "Bảng ";
    char *s = clean(b->a, want, true);
    char *w = s; /* each forbidden character a space, and runs of spaces one */
    for (char *p = s; *p; p++) {
        char c = strchr("[]:*?/\\", *p) ? ' ' : *p;
        if (c != ' ' || (w > s && w[-1] != ' ')) *w++ = c;
    }
    *w = 0;
    s = fit(s, SHEET_MAX);
    if (!*s) s = arena_printf(b->a, "%s%d", pfx, b->ntables);
    if (needs_prefix(s)) s = fit(arena_printf(b->a, "%s%s", pfx, s), SHEET_MAX);
    const char *asked = s;
    for (int n = 2; name_used(b, s); n++) {
        char suffix[16];
        int k = snprintf(suffix, sizeof suffix, " (%d)", n);
        char *base = fit(arena_strdup(b->a, asked), SHEET_MAX - k);
        s = arena_printf(b->a, "%s%s", base, suffix);
    }
    if (workbook_validate_sheet_name(b->wb, s)) return NULL;
    b->used[b->nused++] = fold(b->a, s);
    return s;
}

static void make_formats(book *b)
{
    lxw_workbook *wb = b->wb;
    b->bold = workbook_add_format(wb);
    format_set_bold(b->bold);
    format_set_text_wrap(b->bold);
    format_set_align(b->bold, LXW_ALIGN_VERTICAL_TOP);
    b->italic = workbook_add_format(wb);
    format_set_italic(b->italic);
    format_set_text_wrap(b->italic);
    format_set_align(b->italic, LXW_ALIGN_VERTICAL_TOP);
    b->wrap = workbook_add_format(wb);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->head = workbook_add_format(wb); /* Nơi nhận: */
    format_set_bold(b->head);
    format_set_italic(b->head);
    b->draft = workbook_add_format(wb);
    format_set_bold(b->draft);
    format_set_font_color(b->draft, LXW_COLOR_RED);
    b->link = workbook_add_format(wb);
    format_set_italic(b->link);
    format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(b->link, 0x0563C1);
    b->title = workbook_add_format(wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 12);
    b->header = workbook_add_format(wb);
    format_set_bold(b->header);
    format_set_text_wrap(b->header);
    format_set_align(b->header, LXW_ALIGN_CENTER);
    format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(b->header, 0xD9E1F2);
    format_set_border(b->header, LXW_BORDER_THIN);
    b->empty = workbook_add_format(wb);
    format_set_italic(b->empty);
    b->wide = workbook_add_format(wb); /* a text wider than its column */
    format_set_text_wrap(b->wide);
    format_set_align(b->wide, LXW_ALIGN_VERTICAL_TOP);
    for (int t = 0; t < DOC_NTYPES; t++) {
        b->cell[t] = NULL;
        if (num_formats[t]) {
            b->cell[t] = workbook_add_format(wb);
            format_set_num_format(b->cell[t], num_formats[t]);
        }
        b->total[t] = workbook_add_format(wb);
        format_set_bold(b->total[t]);
        format_set_top(b->total[t], LXW_BORDER_THIN);
        if (num_formats[t]) format_set_num_format(b->total[t], num_formats[t]);
    }
}

/* The width a number takes as its format shows it, in characters. */
static int number_width(double v, int t)
{
    char s[64];
    int n = snprintf(s, sizeof s,
                     t == DOC_PCT   ? "%.1f"
                     : t == DOC_NUM ? "%.2f"
                                    : "%.0f",
                     t == DOC_PCT ? v * 100 : v);
    if (n < 0 || n >= (int)sizeof s) return 20;
    int digits = (int)strspn(s + (s[0] == '-'), "0123456789");
    return n + (t == DOC_PCT ? 1 : (digits - 1) / 3);
}

typedef struct {
    lxw_worksheet *ws;
    const int *types;
    int *width;
} table_sheet;

static void put_cell(book *b, table_sheet *s, lxw_row_t r, lxw_col_t j, const json_t *v, bool total)
{
    int t = s->types[j], w = 0;
    lxw_format *f = total ? b->total[t] : b->cell[t];
    lxw_datetime dt;
    if (json_is_null(v)) {
        if (total) note(b, worksheet_write_blank(s->ws, r, j, f));
    } else if (json_is_number(v)) {
        note(b, worksheet_write_number(s->ws, r, j, json_number_value(v), f));
        w = number_width(json_number_value(v), t);
    } else if (t == DOC_DATE && parse_date(json_string_value(v), &dt)) {
        note(b, worksheet_write_datetime(s->ws, r, j, &dt, f));
        w = 10;
    } else { /* a text (in the total row, maybe a label in another column) */
        char *text = clean(b->a, json_string_value(v), false);
        w = text_width(text);
        if (total)
            f = b->total[DOC_TEXT];
        else
            f = w > MAX_WIDTH ? b->wide : NULL;
        note(b, *text ? worksheet_write_string(s->ws, r, j, text, f)
                : f   ? worksheet_write_blank(s->ws, r, j, f)
                      : LXW_NO_ERROR);
    }
    if (w > s->width[j]) s->width[j] = w;
}

static int put_chart(book *b, table_sheet *s, const char *name, const json_t *c, bool titled,
                     size_t nrows, size_t ncols)
{
    const char *t = json_string_value(json_object_get(c, "type"));
    uint8_t type = !strcmp(t, "pie")   ? LXW_CHART_PIE
                   : !strcmp(t, "bar") ? LXW_CHART_BAR
                                       : LXW_CHART_COLUMN;
    lxw_chart *ch = workbook_add_chart(b->wb, type);
    if (!ch) return -1;
    lxw_col_t cat = (lxw_col_t)json_integer_value(json_object_get(c, "cat"));
    lxw_row_t last = (lxw_row_t)(FIRST_ROW + nrows - 1); /* the total row is not charted */
    const json_t *vals = json_object_get(c, "vals");
    for (size_t i = 0; i < json_array_size(vals); i++) {
        lxw_col_t v = (lxw_col_t)json_integer_value(json_array_get(vals, i));
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (!se) return -1;
        chart_series_set_categories(se, name, FIRST_ROW, cat, last, cat);
        chart_series_set_values(se, name, FIRST_ROW, v, last, v);
        chart_series_set_name_range(se, name, HEAD_ROW, v);
    }
    /* the title from its cell (a text set directly would be a formula if it began with =) */
    if (titled) chart_title_set_name_range(ch, name, TITLE_ROW, 0);
    note(b, worksheet_insert_chart(s->ws, HEAD_ROW, (lxw_col_t)(ncols + 1), ch));
    return 0;
}

static int put_table(book *b, const json_t *tb, const char *name, int nth, char *err, size_t errlen)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws) return fail(err, errlen, "table %d: cannot add its sheet", nth);
    const json_t *cols = json_object_get(tb, "cols"), *rows = json_object_get(tb, "rows");
    const json_t *total = json_object_get(tb, "total"), *chart = json_object_get(tb, "chart");
    const char *empty = json_string_value(json_object_get(tb, "empty"));
    const char *title = json_string_value(json_object_get(tb, "title"));
    size_t ncols = json_array_size(cols), nrows = json_array_size(rows);
    int *types = arena_alloc(b->a, sizeof(int) * ncols);
    table_sheet s = {.ws = ws, .types = types, .width = arena_alloc(b->a, sizeof(int) * ncols)};
    worksheet_set_paper(ws, 9); /* A4 */
    put_text(b, ws, TITLE_ROW, 0, title, b->title);
    for (size_t j = 0; j < ncols; j++) {
        const json_t *c = json_array_get(cols, j);
        types[j] = doc_col_type(json_string_value(json_object_get(c, "type")));
        char *label = clean(b->a, json_string_value(json_object_get(c, "label")), false);
        note(b, *label ? worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)j, label, b->header)
                       : worksheet_write_blank(ws, HEAD_ROW, (lxw_col_t)j, b->header));
        s.width[j] = text_width(label);
    }
    lxw_row_t r = FIRST_ROW;
    for (size_t i = 0; i < nrows; i++, r++) {
        const json_t *row = json_array_get(rows, i);
        for (size_t j = 0; j < ncols; j++)
            put_cell(b, &s, r, (lxw_col_t)j, json_array_get(row, j), false);
    }
    if (!nrows && empty) put_text(b, ws, r++, 0, empty, b->empty);
    if (total) {
        for (size_t j = 0; j < ncols; j++)
            put_cell(b, &s, r, (lxw_col_t)j, json_array_get(total, j), true);
        r++;
    }
    for (size_t j = 0; j < ncols; j++) {
        int w = s.width[j] + 2;
        w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
        note(b, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, w, NULL));
    }
    worksheet_freeze_panes(ws, FIRST_ROW, 0);
    if (nrows)
        note(b, worksheet_autofilter(ws, HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + nrows),
                                     (lxw_col_t)(ncols - 1)));
    if (chart && nrows && put_chart(b, &s, name, chart, title && *title, nrows, ncols))
        return fail(err, errlen, "table %d: cannot add its chart", nth);
    return 0;
}

/* An internal link to cell A1 of a sheet: the name quoted, its apostrophes doubled. */
static char *sheet_link(arena *a, const char *name)
{
    buf q = {0};
    buf_puts(&q, "internal:'");
    for (const char *p = name; *p; p++) {
        if (*p == '\'') buf_putc(&q, '\'');
        buf_putc(&q, *p);
    }
    buf_puts(&q, "'!A1");
    char *r = arena_strdup(a, buf_cstr(&q));
    buf_free(&q);
    return r;
}

#define S(o, k) json_string_value(json_object_get((o), (k)))

/* Each entry of a list of texts in its own row, after "- ". */
static lxw_row_t put_list(book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *list)
{
    for (size_t i = 0; i < json_array_size(list); i++)
        put_text(b, ws, r++, 0,
                 arena_printf(b->a, "- %s", json_string_value(json_array_get(list, i))), b->wrap);
    return r;
}

/* The cover: the document's text in column A, one paragraph a row, each table named where
 * it stands in the text by a link to its sheet (names: the tables' sheets, in order). */
static int put_cover(book *b, const json_t *doc, const char *cover, const char *const *names,
                     char *err, size_t errlen)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, cover);
    if (!ws) return fail(err, errlen, "cannot add the cover sheet");
    note(b, worksheet_set_column(ws, 0, 0, COVER_WIDTH, NULL));
    worksheet_set_paper(ws, 9); /* A4 */
    lxw_row_t r = 0;
    if (json_is_true(json_object_get(doc, "draft")))
        put_text(b, ws, r++, 0, b->en ? "DRAFT" : "DỰ THẢO", b->draft);
    if (*S(doc, "parent")) put_text(b, ws, r++, 0, S(doc, "parent"), b->wrap);
    put_text(b, ws, r++, 0, S(doc, "issuer"), b->bold);
    put_text(b, ws, r++, 0, S(doc, "number"), b->wrap);
    r++;
    put_text(b, ws, r++, 0, S(doc, "motto1"), b->bold);
    put_text(b, ws, r++, 0, S(doc, "motto2"), b->bold);
    put_text(b, ws, r++, 0, S(doc, "place_date"), b->italic);
    r++;
    put_text(b, ws, r++, 0, S(doc, "type"), b->bold);
    put_text(b, ws, r++, 0, S(doc, "summary"), b->bold);
    r++;
    const json_t *to = json_object_get(doc, "to");
    const char *to_label = b->en ? "To:" : "Kính gửi:";
    if (json_array_size(to) == 1) {
        const char *one = json_string_value(json_array_get(to, 0));
        put_text(b, ws, r++, 0, arena_printf(b->a, "%s %s", to_label, one), b->wrap);
        r++;
    } else if (json_array_size(to) > 1) {
        put_text(b, ws, r++, 0, to_label, b->wrap);
        r = put_list(b, ws, r, to) + 1;
    }
    const json_t *blocks = json_object_get(doc, "blocks");
    int nth = 0;
    for (size_t i = 0; i < json_array_size(blocks); i++) {
        const json_t *bl = json_array_get(blocks, i);
        const char *k = S(bl, "k");
        if (strcmp(k, "table")) {
            put_text(b, ws, r++, 0, S(bl, "text"), strcmp(k, "p") ? b->bold : b->wrap);
            continue;
        }
        const char *name = names[nth++];
        char *title = clean(b->a, S(bl, "title"), true);
        note(b, worksheet_write_url_opt(ws, r++, 0, sheet_link(b->a, name), b->link,
                                        *title ? title : name, NULL));
    }
    r++;
    const json_t *sign = json_object_get(doc, "sign");
    if (*S(sign, "authority")) put_text(b, ws, r++, 0, S(sign, "authority"), b->bold);
    put_text(b, ws, r++, 0, S(sign, "title"), b->bold);
    r += 3; /* room for the signature */
    put_text(b, ws, r++, 0, S(sign, "name"), b->bold);
    r++;
    put_text(b, ws, r++, 0, b->en ? "Distribution:" : "Nơi nhận:", b->head);
    put_list(b, ws, r, json_object_get(doc, "cc"));
    return 0;
}

/* Every sheet of a checked document. The names come first, so that the cover can link to
 * the tables' sheets. */
static int put_book(book *b, const json_t *doc, char *err, size_t errlen)
{
    const json_t *blocks = json_object_get(doc, "blocks");
    size_t nblocks = json_array_size(blocks);
    b->used = arena_alloc(b->a, sizeof(char *) * (nblocks + 1));
    const char **names = arena_alloc(b->a, sizeof(char *) * (nblocks + 1));
    const char *cover = sheet_name(b, b->en ? "Report" : "Báo cáo");
    for (size_t i = 0; cover && i < nblocks; i++)
        if (!strcmp(S(json_array_get(blocks, i), "k"), "table")) {
            b->ntables++;
            names[b->ntables - 1] = sheet_name(
                b, json_string_value(json_object_get(json_array_get(blocks, i), "sheet")));
            if (!names[b->ntables - 1])
                return fail(err, errlen, "table %d: no sheet name Excel accepts", b->ntables);
        }
    if (!cover) return fail(err, errlen, "no cover sheet name Excel accepts");
    make_formats(b);
    if (put_cover(b, doc, cover, names, err, errlen)) return -1;
    for (size_t i = 0, nth = 0; i < nblocks; i++) {
        const json_t *bl = json_array_get(blocks, i);
        if (!strcmp(S(bl, "k"), "table")) {
            if (put_table(b, bl, names[nth], (int)nth + 1, err, errlen)) return -1;
            nth++;
        }
    }
    if (b->lerr) return fail(err, errlen, "spreadsheet: %s", lxw_strerror(b->lerr));
    return 0;
}
#undef S

/* The whole of a file (from its start) appended to out. */
static int read_all(int fd, buf *out)
{
    char chunk[65536];
    off_t at = 0;
    for (;;) {
        ssize_t n = pread(fd, chunk, sizeof chunk, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 0;
        buf_put(out, chunk, (size_t)n);
        at += n;
    }
}

int doc_xlsx(const json_t *doc, buf *out, char *err, size_t errlen)
{
    if (err && errlen) *err = 0;
    arena a = {0};
    if (check_doc(&a, doc, err, errlen)) {
        arena_free(&a);
        return -1;
    }
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char *path = arena_printf(&a, "%s/ngoaivu-doc-xlsx-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        fail(err, errlen, "cannot create a temporary file in %s: %s", dir, strerror(errno));
        arena_free(&a);
        return -1;
    }
    /* The file is written by name by libxlsxwriter (over this one, mode 0600) and read back
     * through fd, so what is read is the file mkstemp made. */
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
    book b = {.a = &a, .en = !strcmp(json_string_value(json_object_get(doc, "lang")), "en")};
    b.wb = workbook_new_opt(path, &opts);
    int rc = b.wb ? 0 : fail(err, errlen, "cannot start a workbook in %s", dir);
    if (!rc) {
        /* the metadata from the document: its title, issuer and date (midnight UTC; 0 would
         * mean "now" to libxlsxwriter, so 1970-01-01 is one second later) */
        lxw_datetime day = {0};
        parse_date(json_string_value(json_object_get(doc, "date")), &day);
        const char *type = json_string_value(json_object_get(doc, "type"));
        const char *summary = json_string_value(json_object_get(doc, "summary"));
        char *issuer = clean(&a, json_string_value(json_object_get(doc, "issuer")), true);
        lxw_doc_properties props = {
            .title = clean(
                &a, arena_printf(&a, "%s%s%s", type, *type && *summary ? " " : "", summary), true),
            .author = issuer,
            .company = issuer,
            .created = (time_t)(clock_civil_days(day.year, day.month, day.day) * 86400),
        };
        if (!props.created) props.created = 1;
        lxw_error e = workbook_set_properties(b.wb, &props);
        rc = e ? fail(err, errlen, "spreadsheet: %s", lxw_strerror(e)) : 0;
    }
    if (!rc) rc = put_book(&b, doc, err, errlen);
    if (b.wb) {
        /* frees it, whatever happened before; under the process's lock (xlsx.h) */
        lxw_error e = (lxw_error)xlsx_workbook_close(b.wb);
        if (!rc && e) rc = fail(err, errlen, "spreadsheet: %s", lxw_strerror(e));
    }
    size_t start = out->len;
    if (!rc && read_all(fd, out)) {
        rc = fail(err, errlen, "cannot read back %s: %s", path, strerror(errno));
        out->len = start;
    }
    unlink(path);
    close(fd);
    arena_free(&a);
    return rc;
}
