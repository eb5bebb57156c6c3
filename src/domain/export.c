#include "export.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

#include "records.h"
#include <string.h>

/* A cell a spreadsheet would run as a formula: it begins with = + - @, a tab or a carriage
 * return (OWASP's list), and it is not simply a number ("-12.5", "+84" stay numbers). */
static bool formula_like(const char *v)
{
    if (!strchr("=+-@\t\r", v[0]) || !v[0]) return false;
    const char *p = v + (v[0] == '-' || v[0] == '+');
    size_t digits = strspn(p, "0123456789");
    if (digits == 0) return true;
    p += digits;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        if (frac == 0) return true;
        p += 1 + frac;
    }
    return *p != 0;
}

const char *csv_unguard(const char *cell)
{
    return cell && cell[0] == '\'' && formula_like(cell + 1) ? cell + 1 : cell;
}

void csv_field(buf *out, const char *v, bool first)
{
    if (!first) buf_putc(out, ',');
    if (!v || !*v) return;
    if (formula_like(v)) {
        /* neutralised: a leading apostrophe makes the cell text (import takes it off) */
        buf grd = {0};
        buf_putc(&grd, '\'');
        buf_puts(&grd, v);
        csv_field(out, buf_cstr(&grd), true);
        buf_free(&grd);
        return;
    }
    size_t n = strlen(v);
    buf_grow(out, n * 2 + 3);
    out->len += csv_write(out->data + out->len, out->cap - out->len, v, n);
    out->data[out->len] = 0;
}

const char *export_text(ctx *x, const record *r, int fi)
{
    const field *f = &r->e->fields[fi];
    const char *v = r->v[fi];
    return v && *v ? ftype_of(f)->export_text(x, f, v) : v;
}

/* Walks all matching rows a page at a time, each page in its own arena. */
static int each_page(ctx *x, const entity *e, const list_query *q0,
                     void (*fn)(ctx *x, const record *r, buf *out, int *k), buf *out)
{
    list_query q = *q0;
    q.limit = 500;
    q.offset = 0;
    q.after = 0;
    int k = 0;
    for (;;) {
        arena a = {0};
        arena *keep = x->a;
        x->a = &a; /* what the rows' cells need lives as long as the page */
        record *rows;
        int n;
        int rc = st_rec_list(x->c, &a, e, &q, &rows, &n);
        for (int i = 0; !rc && i < n; i++)
            fn(x, &rows[i], out, &k);
        x->a = keep;
        if (q.sort < 0 && n)
            q.after = rows[n - 1].id;
        else
            q.offset += n;
        arena_free(&a);
        if (rc) return rc;
        if (n < q.limit) return ST_OK;
    }
}

static void csv_row(ctx *x, const record *r, buf *out, int *k)
{
    (void)k;
    char id[24];
    snprintf(id, sizeof id, "%lld", r->id);
    csv_field(out, id, true);
    for (int i = 0; i < r->e->nfields; i++)
        if (!(r->e->fields[i].flags & F_PRIVATE)) csv_field(out, export_text(x, r, i), false);
    csv_field(out, r->created_at, false);
    csv_field(out, r->updated_at, false);
    char ver[24]; /* the version exported: importing the row back updates only that one */
    snprintf(ver, sizeof ver, "%lld", r->version);
    csv_field(out, ver, false);
    if (r->e->derived) csv_field(out, rec_derived_label(r, x->lang), false);
    buf_puts(out, "\r\n");
}

int export_csv(ctx *x, const entity *e, const list_query *q, buf *out)
{
    if (!role_can(x->role, PERM_READ)) return ST_ERROR;
    buf_puts(out, "\xEF\xBB\xBF"
                  "id");
    for (int i = 0; i < e->nfields; i++)
        if (!(e->fields[i].flags & F_PRIVATE)) csv_field(out, e->fields[i].name, false);
    buf_puts(out, ",created_at,updated_at,version");
    if (e->derived) csv_field(out, e->derived->name, false); /* computed: import skips it */
    buf_puts(out, "\r\n");
    return each_page(x, e, q, csv_row, out);
}

static void json_row(ctx *x, const record *r, buf *out, int *k)
{
    (void)x;
    json_t *j = rec_to_json(r);
    for (int i = 0; i < r->e->nfields; i++) /* an export leaves them out */
        if (r->e->fields[i].flags & F_PRIVATE) json_object_del(j, r->e->fields[i].name);
    char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    if ((*k)++) buf_puts(out, ",\n");
    buf_puts(out, s);
    free(s);
}

int export_json(ctx *x, const entity *e, const list_query *q, buf *out)
{
    if (!role_can(x->role, PERM_READ)) return ST_ERROR;
    buf_puts(out, "[\n");
    int rc = each_page(x, e, q, json_row, out);
    buf_puts(out, "\n]\n");
    return rc;
}
