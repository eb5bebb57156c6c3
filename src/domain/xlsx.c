/* The Excel export. libxlsxwriter 1.1.4 writes only to a named file (no output buffer), so
 * the workbook goes to a private temporary file (mkstemp in $TMPDIR or /tmp, mode 0600),
 * is read back into the caller's buffer and removed, on every path. */
#include "xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <xlsxwriter.h>

#include "../base/msg.h"
#include "../base/clock.h"
#include "../base/text.h"
#include "records.h"

enum { PAGE = 500, MIN_WIDTH = 6, MAX_WIDTH = 60 };

/* Excel's serial day number of 1970-01-01 (the 1900 date system). */
#define EXCEL_UNIX_EPOCH 25569.0

/* "YYYY-MM-DD" as an Excel date; false when it is not one. */
static bool excel_date(const char *v, double *out)
{
    int y, m, d, n = 0;
    if (!v || sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || v[n] || m < 1 || m > 12 || d < 1 ||
        d > 31 || y < 1900)
        return false;
    *out = (double)clock_civil_days(y, m, d) + EXCEL_UNIX_EPOCH;
    return true;
}

/* A stored UTC time stamp "YYYY-MM-DDTHH:MM:SSZ" as an Excel date-time in Vietnam time
 * (UTC+7, no daylight saving). */
static bool excel_datetime_vn(const char *v, double *out)
{
    int y, mo, d, h, mi, s, n = 0;
    if (!v || sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || v[n] ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900)
        return false;
    long long secs = clock_civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s + 7 * 3600;
    *out = (double)secs / 86400.0 + EXCEL_UNIX_EPOCH;
    return true;
}

typedef struct {
    ctx *x;
    const entity *e;
    lxw_worksheet *ws;
    lxw_format *bold, *id, *date, *datetime, *integer, *decimal;
    int *width; /* in characters, per column */
    lxw_row_t row;
    lxw_error err;
} sheet;

static void widen(sheet *s, int col, size_t chars)
{
    int w = (int)chars + 2;
    if (w > MAX_WIDTH) w = MAX_WIDTH;
    if (w > s->width[col]) s->width[col] = w;
}

static void put_string(sheet *s, int col, const char *v, lxw_format *fmt)
{
    if (!v || !*v) return;
    lxw_error rc = worksheet_write_string(s->ws, s->row, (lxw_col_t)col, v, fmt);
    if (rc && !s->err) s->err = rc;
    widen(s, col, utf8_chars(v));
}

static void put_number(sheet *s, int col, double v, lxw_format *fmt, size_t chars)
{
    lxw_error rc = worksheet_write_number(s->ws, s->row, (lxw_col_t)col, v, fmt);
    if (rc && !s->err) s->err = rc;
    widen(s, col, chars);
}

/* One field of one record as a cell: text, a number, or a date (a date that is not one
 * stays text). */
static void put_field(sheet *s, const record *r, int fi, int col)
{
    const field *f = &s->e->fields[fi];
    ftype_cell c = ftype_of(f)->cell(s->x, f, r->v[fi]);
    const char *v = c.text;
    double d;
    switch (c.kind) {
    case CELL_NUMBER: /* the spreadsheet shows it in its own locale */
        if (v)
            put_number(s, col, strtod(v, NULL), strchr(v, '.') ? s->decimal : s->integer,
                       strlen(v) + strlen(v) / 3);
        break;
    case CELL_DATE: /* an Excel date, shown dd/mm/yyyy */
        if (excel_date(v, &d))
            put_number(s, col, d, s->date, 10);
        else
            put_string(s, col, v, NULL);
        break;
    case CELL_TEXT:
        put_string(s, col, v, NULL);
        break;
    }
}

/* The columns of the fields an export holds (all but the private ones: F_PRIVATE). */
static int exported_fields(const entity *e)
{
    int n = 0;
    for (int i = 0; i < e->nfields; i++)
        n += !(e->fields[i].flags & F_PRIVATE);
    return n;
}

static void put_record(sheet *s, const record *r)
{
    s->row++;
    char id[24];
    int n = snprintf(id, sizeof id, "%lld", r->id);
    put_number(s, 0, (double)r->id, s->id, (size_t)n);
    int col = 1;
    for (int i = 0; i < s->e->nfields; i++)
        if (!(s->e->fields[i].flags & F_PRIVATE)) put_field(s, r, i, col++);
    const char *stamps[2] = {r->created_at, r->updated_at};
    for (int k = 0; k < 2; k++, col++) {
        double d;
        if (excel_datetime_vn(stamps[k], &d))
            put_number(s, col, d, s->datetime, 16);
        else
            put_string(s, col, stamps[k], NULL);
    }
    if (s->e->derived) put_string(s, col, rec_derived_label(r, s->x->lang), NULL);
}

/* Every matching record, a page at a time, each page in its own arena. */
static int put_records(sheet *s, const list_query *q0)
{
    list_query q = *q0;
    q.limit = PAGE;
    q.offset = 0;
    q.after = 0;
    arena *saved = s->x->a;
    for (;;) {
        arena a = {0};
        s->x->a = &a;
        record *rows;
        int n = 0;
        int rc = st_rec_list(s->x->c, &a, s->e, &q, &rows, &n);
        for (int i = 0; !rc && i < n; i++)
            put_record(s, &rows[i]);
        if (q.sort < 0 && n)
            q.after = rows[n - 1].id;
        else
            q.offset += n;
        s->x->a = saved;
        arena_free(&a);
        if (rc) return rc;
        if (n < q.limit) return ST_OK;
    }
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
static char *sheet_name(arena *a, const char *label)
{
    char *s = arena_strdup(a, label && *label ? label : "Sheet1");
    size_t chars = 0;
    for (char *p = s; *p; p++) {
        if (strchr("[]:*?/\\", *p)) *p = ' ';
        if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > 31) {
            *p = 0;
            break;
        }
    }
    return s;
}

static int read_file(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(out, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

static pthread_mutex_t close_lock = PTHREAD_MUTEX_INITIALIZER;

int xlsx_workbook_close(struct lxw_workbook *wb)
{
    pthread_mutex_lock(&close_lock);
    lxw_error e = workbook_close(wb);
    pthread_mutex_unlock(&close_lock);
    return (int)e;
}

int export_xlsx(ctx *x, const entity *e, const list_query *q, buf *out, char *err, size_t errlen)
{
    if (!role_can(x->role, PERM_READ)) {
        snprintf(err, errlen, "%s", msg(M_FORBIDDEN, x->lang));
        return ST_ERROR;
    }
    bool en = x->lang && !strcmp(x->lang, "en");
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char *path = arena_printf(x->a, "%s/ngoaivu-xlsx-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file in %s: %s", dir, strerror(errno));
        return ST_ERROR;
    }
    close(fd);
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    if (!wb) {
        unlink(path);
        snprintf(err, errlen, "cannot start the workbook in %s", dir);
        return ST_ERROR;
    }
    int ncols = exported_fields(e) + 3 + (e->derived ? 1 : 0);
    sheet s = {.x = x, .e = e};
    s.width = arena_alloc(x->a, sizeof(int) * (size_t)ncols);
    s.ws = workbook_add_worksheet(wb, sheet_name(x->a, en ? e->plural_en : e->plural_vi));
    s.bold = workbook_add_format(wb);
    format_set_bold(s.bold);
    format_set_bottom(s.bold, LXW_BORDER_THIN);
    s.date = workbook_add_format(wb);
    format_set_num_format(s.date, "dd/mm/yyyy");
    s.datetime = workbook_add_format(wb);
    format_set_num_format(s.datetime, "dd/mm/yyyy hh:mm");
    s.id = workbook_add_format(wb);
    format_set_num_format(s.id, "0");
    s.integer = workbook_add_format(wb); /* numbers grouped; whole ones without a point */
    format_set_num_format(s.integer, "#,##0");
    s.decimal = workbook_add_format(wb);
    format_set_num_format(s.decimal, "#,##0.##");
    int rc = ST_OK;
    if (!s.ws) {
        snprintf(err, errlen, "cannot add a worksheet");
        rc = ST_ERROR;
    }
    if (!rc) {
        /* header row: labels in the user's language */
        put_string(&s, 0, "ID", s.bold);
        int col = 1;
        for (int i = 0; i < e->nfields; i++)
            if (!(e->fields[i].flags & F_PRIVATE))
                put_string(&s, col++, en ? e->fields[i].en : e->fields[i].vi, s.bold);
        put_string(&s, col++, msg(M_CREATED_AT, x->lang), s.bold);
        put_string(&s, col++, msg(M_UPDATED_AT, x->lang), s.bold);
        if (e->derived) put_string(&s, col, en ? e->derived->en : e->derived->vi, s.bold);
        rc = put_records(&s, q);
        if (rc) snprintf(err, errlen, "database: %s", store_errmsg(x->c));
    }
    if (!rc && s.err) {
        snprintf(err, errlen, "spreadsheet: %s", lxw_strerror(s.err));
        rc = ST_ERROR;
    }
    if (!rc) {
        worksheet_freeze_panes(s.ws, 1, 0);
        worksheet_autofilter(s.ws, 0, 0, s.row, (lxw_col_t)(ncols - 1));
        for (int c = 0; c < ncols; c++) {
            int w = s.width[c] < MIN_WIDTH ? MIN_WIDTH : s.width[c];
            worksheet_set_column(s.ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        }
    }
    lxw_error cerr = (lxw_error)xlsx_workbook_close(wb);
    if (!rc && cerr) {
        snprintf(err, errlen, "spreadsheet: %s", lxw_strerror(cerr));
        rc = ST_ERROR;
    }
    if (!rc && read_file(path, out)) {
        snprintf(err, errlen, "cannot read back %s: %s", path, strerror(errno));
        rc = ST_ERROR;
    }
    unlink(path);
    return rc;
}
