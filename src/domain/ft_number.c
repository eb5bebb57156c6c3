/* The field type of decimal numbers (amounts, counts; see ftypes.h): typed as people write
 * them ("1 234 567", "1.234.567,50", "68,2"), stored "-1234.5", shown grouped in the page's
 * language, a real number in JSON and in a spreadsheet. F_NONNEG refuses negative ones. */
#include <stdlib.h>
#include <string.h>

#include "../base/msg.h"
#include "ftypes.h"

/* Digits grouped by sep in threes after a first group of one to three ("120.000.000"). */
static bool grouped(const char *d, size_t n, char sep)
{
    size_t first = 0;
    while (first < n && d[first] != sep)
        first++;
    if (first < 1 || first > 3) return false;
    for (size_t i = first; i < n; i += 4)
        if (d[i] != sep || i + 3 >= n + 0 || strspn(d + i + 1, "0123456789") < 3 ||
            (i + 4 < n && d[i + 4] != sep))
            return false;
    return true;
}

/* A decimal number as people type it, written "-1234.5". Spaces (also no-break spaces)
 * between digits group thousands. Of "." and ",": when both appear, the last one is the
 * decimal mark and the other groups thousands ("1.234.567,50" as in Vietnam, "1,234,567.50"
 * as in English); one that appears more than once groups thousands ("120.000.000"); a
 * single one followed by exactly three digits groups thousands too ("25.000" đồng, "1,500")
 * unless the number begins "0" ("0.125") or more than three digits come before it
 * ("1234.567", as a number is stored and JSON gives it); otherwise it is the decimal mark
 * ("68,2"). A stored number is read as itself. */
const char *parse_number(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *c = arena_alloc(a, n + 1); /* without spaces */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') continue;
        if ((unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0) { /* U+00A0 */
            i++;
            continue;
        }
        if ((unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0xaf) { /* U+202F */
            i += 2;
            continue;
        }
        c[m++] = s[i];
    }
    c[m] = 0;
    const char *p = c;
    bool neg = *p == '-';
    if (neg) p++;
    size_t len = strlen(p);
    if (!len || strspn(p, "0123456789.,") != len || !(*p >= '0' && *p <= '9')) return NULL;
    const char *ld = strrchr(p, '.'), *lc = strrchr(p, ',');
    int nd = 0, nc = 0;
    for (const char *q = p; *q; q++)
        nd += *q == '.', nc += *q == ',';
    char dec = 0, grp = 0;
    if (nd && nc) {
        dec = ld > lc ? '.' : ',';
        grp = dec == '.' ? ',' : '.';
        if ((dec == '.' ? nd : nc) > 1) return NULL;
    } else if (nd || nc) {
        char only = nd ? '.' : ',';
        const char *last = nd ? ld : lc;
        if ((nd ? nd : nc) > 1 || (strlen(last + 1) == 3 && *p != '0' && last - p <= 3))
            grp = only;
        else
            dec = only;
    }
    const char *dp = dec ? strchr(p, dec) : NULL;
    size_t intlen = dp ? (size_t)(dp - p) : len;
    if (grp && !grouped(p, intlen, grp)) return NULL;
    if (dp && (!dp[1] || strspn(dp + 1, "0123456789") != strlen(dp + 1))) return NULL;
    char *out = arena_alloc(a, len + 2);
    size_t o = 0;
    if (neg) out[o++] = '-';
    for (size_t i = 0; i < intlen; i++)
        if (p[i] >= '0' && p[i] <= '9') out[o++] = p[i];
    if (dp) {
        out[o++] = '.';
        for (const char *q = dp + 1; *q; q++)
            out[o++] = *q;
    }
    out[o] = 0;
    if (o - (neg ? 1 : 0) > 30) return NULL;
    return out;
}

/* Significant digits of a number as parse_number writes it ("-0012.50" has 4). */
static int significant_digits(const char *n)
{
    int d = 0;
    bool started = false;
    for (; *n; n++) {
        if (*n < '0' || *n > '9') continue;
        if (*n != '0') started = true;
        if (started) d++;
    }
    return d;
}

static void validate_number(ctx *x, record *r, int fi, verrs *ve)
{
    const field *f = &r->e->fields[fi];
    const char *n = parse_number(x->a, r->v[fi]);
    if (!n)
        verrs_add(ve, f->name, M_BAD_NUMBER, 0);
    else if (significant_digits(n) > 15) /* more than a stored number keeps */
        verrs_add(ve, f->name, M_NUMBER_RANGE, 0);
    else if ((f->flags & F_NONNEG) && n[0] == '-' && significant_digits(n) > 0)
        verrs_add(ve, f->name, M_NEGATIVE, 0);
    else if ((f->flags & F_YEAR) && (strchr(n, '.') || atol(n) < 2000 || atol(n) > 2100))
        verrs_add(ve, f->name, M_YEAR_RANGE, 0); /* a whole year, from 2000 to 2100 */
    else
        r->v[fi] = n;
}

static void number_from_json(arena *a, const field *f, json_t *val, const char *key,
                             const char **out, verrs *ve)
{
    (void)f;
    if (json_is_integer(val))
        *out = arena_printf(a, "%lld", (long long)json_integer_value(val));
    else if (json_is_real(val)) /* 15 digits: what a double holds exactly in decimal */
        *out = arena_printf(a, "%.15g", json_real_value(val));
    else
        verrs_add(ve, key, M_BAD_PARAM, 0);
}

/* A whole number is a JSON integer however it was written ("228600.00", a computed amount
 * of two places, as PostgreSQL's numeric gives it back, and "228600", as SQLite does), so
 * that a write's answer and a later read say the same; else a real. */
static json_t *number_to_json(const char *v)
{
    const char *dot = strchr(v, '.');
    if (!dot) return json_integer(strtoll(v, NULL, 10));
    bool whole = dot[1] != 0;
    for (const char *p = dot + 1; *p && whole; p++)
        whole = *p == '0';
    if (whole && dot - v <= 18) return json_integer(strtoll(v, NULL, 10));
    return json_real(strtod(v, NULL));
}

/* "1234567.5" as people read it: "1.234.567,5" in Vietnamese, "1,234,567.5" in English. */
static const char *display_number(ctx *x, const field *f, const char *v)
{
    if (f->flags & F_YEAR) return v; /* 2027, not 2.027 */
    bool en = x->lang && !strcmp(x->lang, "en");
    const char *dot = strchr(v, '.');
    const char *digits = v[0] == '-' ? v + 1 : v;
    size_t ni = dot ? (size_t)(dot - digits) : strlen(digits);
    buf b = {0};
    if (v[0] == '-') buf_putc(&b, '-');
    for (size_t i = 0; i < ni; i++) {
        if (i && (ni - i) % 3 == 0) buf_putc(&b, en ? ',' : '.');
        buf_putc(&b, digits[i]);
    }
    if (dot) {
        buf_putc(&b, en ? '.' : ',');
        buf_puts(&b, dot + 1);
    }
    const char *s = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* A number the spreadsheet shows in its own locale. */
static ftype_cell cell_number(ctx *x, const field *f, const char *v)
{
    (void)x, (void)f;
    return (ftype_cell){CELL_NUMBER, v};
}

static json_t *schema_number(const field *f)
{
    (void)f;
    return json_pack("{s:[ss]}", "type", "number", "null");
}

const ftype ft_number = {
    .name = "number",
    .props = 0,
    .maxlen = 200,
    .validate = validate_number,
    .from_json = number_from_json,
    .to_json = number_to_json,
    .display = display_number,
    .export_text = ftype_as_stored,
    .import_cell = ftype_import_as_is,
    .cell = cell_number,
    .schema = schema_number,
    .filter = ftype_filter_as_is,
    .search = ftype_search_value,
};
