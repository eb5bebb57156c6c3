/* The store's SQL, written once for every engine against the driver calls of db.h:
 * records (driven by their descriptions), audit, attachments, workflow steps, progress,
 * users and sessions, settings, reminders, administration. */
#include "db.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/log.h"
#include "../base/text.h"

/* ---- records. The SQL text is built from the record description: identifiers come
 * only from the compiled-in descriptions, every value is a bound parameter. */

static bool is_int_field(const field *f)
{
    return field_store_of(f)->storage == FS_INTEGER;
}

/* Fields compared as words (with the vi collation) rather than as codes, dates, numbers. */
static bool is_words_field(const field *f)
{
    return field_store_of(f)->words;
}

static void bind_value(stmt *s, int i, const field *f, const char *v)
{
    if (v && is_int_field(f))
        b_int(s, i, strtoll(v, NULL, 10));
    else
        b_text(s, i, v);
}

static const char *col_value(arena *a, stmt *s, int i)
{
    if (col_null(s, i)) return NULL;
    return col_text(a, s, i);
}

/* A list of references (FT_REFS) lives in a table of its own, <table>_<field> (rid, ref,
 * pos); a record's is read back as "3,17,42" in the order given. */
static bool in_own_table(const field *f)
{
    return field_store_of(f)->own_table;
}

/* The expression that reads field f of a row of e. */
static void field_expr(buf *b, const entity *e, const field *f, const driver *d)
{
    if (in_own_table(f))
        d->id_list(b, e->table, f->name);
    else
        buf_puts(b, f->name);
}

/* The columns of a row of e; without_lists: its lists of references as NULL (each is a
 * query of its own per row, which choices in a form do not need). */
static void select_cols(buf *b, const entity *e, const driver *d, bool without_lists)
{
    buf_puts(b, "SELECT id, version, created_at, updated_at");
    for (int i = 0; i < e->nfields; i++) {
        buf_puts(b, ", ");
        if (without_lists && in_own_table(&e->fields[i]))
            buf_puts(b, "NULL");
        else
            field_expr(b, e, &e->fields[i], d);
    }
    buf_printf(b, " FROM %s", e->table);
}

static void row_to_record(arena *a, stmt *s, const entity *e, record *r)
{
    r->e = e;
    r->id = col_int(s, 0);
    r->version = col_int(s, 1);
    r->created_at = col_text(a, s, 2);
    r->updated_at = col_text(a, s, 3);
    r->v = arena_alloc(a, sizeof(char *) * (size_t)e->nfields);
    for (int i = 0; i < e->nfields; i++)
        r->v[i] = col_value(a, s, 4 + i);
}

int st_rec_get(conn *c, arena *a, const entity *e, long long id, record *out)
{
    buf sql = {0};
    select_cols(&sql, e, c->d, false);
    buf_puts(&sql, " WHERE id = ?1");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    if (rc == DB_ROW) {
        row_to_record(a, &s, e, out);
        rc = ST_OK;
    } else if (rc == DB_DONE) {
        rc = ST_NOTFOUND;
    }
    done(&s);
    return rc;
}

/* The row count of e's table moves by delta. An engine whose units run side by side
 * (count_later) adds it at the unit's commit, so that the counts row is locked only while
 * the commit is written, not for the whole unit. */
static int bump_count(conn *c, const entity *e, int delta)
{
    if (c->in_tx && c->d->count_later) return c->d->count_later(c, e->table, delta);
    stmt s;
    int rc = prep(c, &s, "UPDATE counts SET n = n + ?1 WHERE entity = ?2");
    if (rc) return rc;
    b_int(&s, 1, delta);
    b_text(&s, 2, e->table);
    return exec1(&s);
}

/* ---- derived columns. A field sortable as text has <name>_sort beside it, its ICU sort
 * key in Vietnamese order (base/text.c): lists sort on it, bytewise, with no collation
 * the database must know (any tool can open and check the file). A unique field has
 * <name>_key, its folded form (no case, no diacritics, đ = d) under a unique index: two
 * names that differ only so are the same name, and the database refuses the second
 * whoever writes it. Both are computed here on every write, and by st_rec_backfill for
 * rows written before they existed. */

static bool has_sort_col(const field *f)
{
    return (f->flags & F_SORT) && is_words_field(f);
}

static bool has_key_col(const field *f)
{
    return (f->flags & F_UNIQUE) != 0;
}

/* The columns a row of e is written to, its fields' (but lists of references) then the
 * derived ones, ", kind, name_vi, ..., name_vi_sort, name_vi_key", each counted in *n;
 * with assign, as an UPDATE's ", kind = ?k" numbered from *n + 1. */
static void row_cols(buf *sql, const entity *e, bool assign, int *n)
{
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (in_own_table(f)) continue;
        buf_printf(sql, ", %s", f->name);
        ++*n;
        if (assign) buf_printf(sql, " = ?%d", *n);
    }
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        for (int d = 0; d < 2; d++) {
            if (!(d == 0 ? has_sort_col(f) : has_key_col(f))) continue;
            buf_printf(sql, ", %s_%s", f->name, d == 0 ? "sort" : "key");
            ++*n;
            if (assign) buf_printf(sql, " = ?%d", *n);
        }
    }
}

static const char *fold_key(arena *a, const char *v)
{
    const char *k = v ? text_fold(a, v) : NULL;
    return k && *k ? k : NULL;
}

/* Binds the values of r in the order row_cols names them, from *n + 1. */
static void bind_row(stmt *s, arena *a, const record *r, int *n)
{
    const entity *e = r->e;
    for (int i = 0; i < e->nfields; i++)
        if (!in_own_table(&e->fields[i])) bind_value(s, ++*n, &e->fields[i], r->v[i]);
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (has_sort_col(f)) {
            size_t len;
            const unsigned char *k = text_sort_key(a, r->v[i], &len);
            b_blob(s, ++*n, k, len);
        }
        if (has_key_col(f)) b_text(s, ++*n, fold_key(a, r->v[i]));
    }
}

/* Writes r's lists of references into their tables (after its row: they refer to it). */
static int write_refs(conn *c, const record *r, bool replace)
{
    const entity *e = r->e;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!in_own_table(f)) continue;
        char sql[192];
        stmt s;
        int rc;
        if (replace) {
            snprintf(sql, sizeof sql, "DELETE FROM %s_%s WHERE rid = ?1", e->table, f->name);
            if ((rc = prep(c, &s, sql))) return rc;
            b_int(&s, 1, r->id);
            if ((rc = exec1(&s))) return rc;
        }
        snprintf(sql, sizeof sql,
                 "INSERT INTO %s_%s(rid, ref, pos) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                 e->table, f->name);
        int pos = 0;
        for (const char *p = r->v[i]; p && *p;) {
            char *end;
            long long ref = strtoll(p, &end, 10);
            if (end == p) break; /* validated before: "3,17,42" */
            if ((rc = prep(c, &s, sql))) return rc;
            b_int(&s, 1, r->id);
            b_int(&s, 2, ref);
            b_int(&s, 3, pos++);
            if ((rc = exec1(&s))) return rc;
            p = *end == ',' ? end + 1 : end;
        }
    }
    return ST_OK;
}

int st_unique_field(conn *c, const entity *e)
{
    /* SQLite says "UNIQUE constraint failed: partners.name_vi_key" */
    const char *p = strstr(c->err, "UNIQUE constraint failed: ");
    if (!p) return -1;
    p += strlen("UNIQUE constraint failed: ");
    size_t tn = strlen(e->table);
    if (strncmp(p, e->table, tn) != 0 || p[tn] != '.') return -1;
    p += tn + 1;
    for (int i = 0; i < e->nfields; i++) {
        size_t fn = strlen(e->fields[i].name);
        if (has_key_col(&e->fields[i]) && strncmp(p, e->fields[i].name, fn) == 0 &&
            strncmp(p + fn, "_key", 4) == 0 && (p[fn + 4] == 0 || p[fn + 4] == ','))
            return i;
    }
    return -1;
}

int st_rec_insert(conn *c, const record *r, const char *now, long long *id)
{
    const entity *e = r->e;
    buf sql = {0};
    int n = 0;
    buf_printf(&sql, "INSERT INTO %s (created_at, updated_at", e->table);
    row_cols(&sql, e, false, &n);
    buf_puts(&sql, ") VALUES (?1, ?1");
    for (int i = 0; i < n; i++)
        buf_printf(&sql, ", ?%d", i + 2);
    buf_puts(&sql, ") RETURNING id");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    arena a = {0};
    b_text(&s, 1, now);
    n = 1;
    bind_row(&s, &a, r, &n);
    c->d->guard(c, GUARD_BEGIN);
    rc = insert_id(&s, id);
    c->d->guard(c, rc ? GUARD_UNDO : GUARD_END);
    arena_free(&a);
    if (rc) return rc;
    record w = *r;
    w.id = *id;
    if ((rc = write_refs(c, &w, false))) return rc;
    return bump_count(c, e, 1);
}

int st_rec_update(conn *c, const record *r, const char *now)
{
    const entity *e = r->e;
    buf sql = {0};
    buf_printf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?1", e->table);
    int n = 3;
    row_cols(&sql, e, true, &n);
    buf_puts(&sql, " WHERE id = ?2 AND version = ?3");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    arena a = {0};
    b_text(&s, 1, now);
    b_int(&s, 2, r->id);
    b_int(&s, 3, r->version);
    n = 3;
    bind_row(&s, &a, r, &n);
    c->d->guard(c, GUARD_BEGIN);
    rc = exec1(&s);
    c->d->guard(c, rc ? GUARD_UNDO : GUARD_END);
    arena_free(&a);
    if (rc) return rc;
    if (changes(c) != 1) return ST_CONFLICT;
    return write_refs(c, r, true);
}

int st_rec_backfill(conn *c, const entity *e, int *filled, int *clashes)
{
    *filled = *clashes = 0;
    buf sql = {0}, cond = {0};
    buf_puts(&sql, "SELECT id");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        buf_puts(&sql, ", ");
        field_expr(&sql, e, f, c->d);
        if (has_sort_col(f))
            buf_printf(&cond, "%s(%s IS NOT NULL AND %s_sort IS NULL)", cond.len ? " OR " : "",
                       f->name, f->name);
        if (has_key_col(f))
            buf_printf(&cond, "%s(%s IS NOT NULL AND %s_key IS NULL)", cond.len ? " OR " : "",
                       f->name, f->name);
    }
    if (!cond.len) {
        buf_free(&sql);
        return ST_OK;
    }
    buf_printf(&sql, " FROM %s WHERE %s", e->table, buf_cstr(&cond));
    buf_free(&cond);
    arena a = {0};
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    /* the rows first (a statement reading while the same table is written: no) */
    record *rows = NULL;
    int nrows = 0, cap = 0;
    while (!rc && (rc = step(&s)) == DB_ROW) {
        rc = ST_OK;
        if (nrows == cap) {
            cap = cap ? cap * 2 : 256;
            record *bigger = arena_alloc(&a, sizeof *rows * (size_t)cap);
            if (nrows) memcpy(bigger, rows, sizeof *rows * (size_t)nrows);
            rows = bigger;
        }
        record *r = &rows[nrows++];
        r->e = e;
        r->id = col_int(&s, 0);
        r->v = arena_alloc(&a, sizeof(char *) * (size_t)e->nfields);
        for (int i = 0; i < e->nfields; i++)
            r->v[i] = col_value(&a, &s, 1 + i);
    }
    if (rc == DB_DONE) rc = ST_OK;
    if (!rc) done(&s);
    /* then each derived column of each row on its own: a key that clashes with another
     * row's (names written before keys existed) is left empty, and said */
    for (int k = 0; !rc && k < nrows; k++) {
        const record *r = &rows[k];
        for (int i = 0; !rc && i < e->nfields; i++) {
            const field *f = &e->fields[i];
            for (int d = 0; d < 2; d++) {
                if (!r->v[i] || !(d == 0 ? has_sort_col(f) : has_key_col(f))) continue;
                char q[256];
                size_t len = 0;
                const void *v = d == 0 ? (const void *)text_sort_key(&a, r->v[i], &len)
                                       : (const void *)fold_key(&a, r->v[i]);
                if (!v) continue; /* a name of signs only has no folded key */
                const char *kind = d == 0 ? "sort" : "key";
                snprintf(q, sizeof q, "UPDATE %s SET %s_%s = ?1 WHERE id = ?2 AND %s_%s IS NULL",
                         e->table, f->name, kind, f->name, kind);
                if ((rc = prep(c, &s, q))) break;
                if (d == 0)
                    b_blob(&s, 1, v, len);
                else
                    b_text(&s, 1, v);
                b_int(&s, 2, r->id);
                c->d->guard(c, GUARD_BEGIN);
                rc = exec1(&s);
                c->d->guard(c, rc ? GUARD_UNDO : GUARD_END);
                if (rc == ST_CONSTRAINT) {
                    long long other = 0;
                    st_rec_find_dup(c, e, i, r->v[i], r->id, &other);
                    log_error("%s %lld: its %s \"%s\" is the same name as that of %s %lld (they "
                              "differ only by case or diacritics): rename one of them",
                              e->name, r->id, f->name, r->v[i], e->name, other);
                    (*clashes)++;
                    rc = ST_OK;
                } else if (!rc) {
                    *filled += changes(c);
                }
            }
        }
    }
    arena_free(&a);
    return rc;
}

int st_rec_delete(conn *c, const entity *e, long long id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", e->table);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND;
    return bump_count(c, e, -1);
}

int st_rec_exists(conn *c, const entity *e, long long id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?1", e->table);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_rec_find_dup(conn *c, const entity *e, int fi, const char *value, long long except,
                    long long *found)
{
    char sql[256];
    const field *f = &e->fields[fi];
    bool key = has_key_col(f); /* a unique field: the same folded name; else the same text */
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s%s = ?1 AND id <> ?2 LIMIT 1", e->table,
             f->name, key ? "_key" : "");
    *found = 0;
    arena a = {0};
    const char *v = key ? fold_key(&a, value) : value;
    stmt s;
    int rc = v ? prep(c, &s, sql) : ST_OK;
    if (rc || !v) {
        arena_free(&a);
        return rc;
    }
    b_text(&s, 1, v);
    b_int(&s, 2, except);
    rc = step(&s);
    *found = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    arena_free(&a);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_rec_count_refs(conn *c, const entity *e, int fi, long long id, long long *n)
{
    char sql[256];
    if (in_own_table(&e->fields[fi]))
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s_%s WHERE ref = ?1", e->table,
                 e->fields[fi].name);
    else
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?1", e->table,
                 e->fields[fi].name);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    *n = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc;
}

int st_table_rows(conn *c, const char *table, long long *n)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    rc = step(&s);
    *n = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc;
}

int st_summary_refresh(conn *c, const entity *e, int fi, long long id)
{
    const field *f = &e->fields[fi];
    const field_summary *m = f->summary;
    char sql[512]; /* names from the descriptions (entities_check) */
    if (m->sum)
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET %s = (SELECT round(sum(%s), 4) FROM %s WHERE %s = ?1) "
                 "WHERE id = ?1",
                 e->table, f->name, m->sum, m->of, m->ref);
    else if (m->count)
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET %s = %s%s(SELECT count(*) FROM %s WHERE %s = ?1 AND %s IS NOT "
                 "NULL) WHERE id = ?1",
                 e->table, f->name, m->minus ? m->minus : "", m->minus ? " - " : "", m->of, m->ref,
                 m->count);
    else if (!m->min)
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET %s = (SELECT %s FROM %s WHERE %s = ?1 "
                 "ORDER BY %s DESC, id DESC LIMIT 1) WHERE id = ?1",
                 e->table, f->name, m->take, m->of, m->ref, m->latest);
    else if (m->unless)
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET %s = (SELECT min(%s) FROM %s WHERE %s = ?1 AND %s IS NULL) "
                 "WHERE id = ?1",
                 e->table, f->name, m->min, m->of, m->ref, m->unless);
    else
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET %s = (SELECT min(%s) FROM %s WHERE %s = ?1) WHERE id = ?1",
                 e->table, f->name, m->min, m->of, m->ref);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    done(&s);
    return rc == DB_DONE ? ST_OK : rc;
}

int st_revisions_refresh(conn *c, const record *r)
{
    const entity *e = r->e;
    const char *ord = e->revision_order;
    buf same = {0}, sql = {0};
    for (const char *const *k = e->revision_key; *k; k++)
        buf_printf(&same, " AND o.%s = %s.%s", *k, e->table, *k);
    buf_printf(&sql,
               "UPDATE %s SET revision = (SELECT count(*) FROM %s o WHERE (o.%s < %s.%s OR "
               "(o.%s = %s.%s AND o.id <= %s.id))%s), latest = CASE WHEN EXISTS (SELECT 1 "
               "FROM %s o WHERE (o.%s > %s.%s OR (o.%s = %s.%s AND o.id > %s.id))%s) "
               "THEN 0 ELSE 1 END WHERE ",
               e->table, e->table, ord, e->table, ord, ord, e->table, ord, e->table,
               buf_cstr(&same), e->table, ord, e->table, ord, ord, e->table, ord, e->table,
               buf_cstr(&same));
    int n = 0;
    for (const char *const *k = e->revision_key; *k; k++)
        buf_printf(&sql, "%s%s = ?%d", n ? " AND " : "", *k, n + 1), n++;
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&same);
    buf_free(&sql);
    if (rc) return rc;
    n = 0;
    for (const char *const *k = e->revision_key; *k; k++) {
        int fi = entity_field_index(e, *k);
        bind_value(&s, ++n, &e->fields[fi], r->v[fi]);
    }
    rc = step(&s);
    done(&s);
    return rc == DB_DONE ? ST_OK : rc;
}

/* How many values a comma-separated list holds (at least one). */
static int count_values(const char *v)
{
    int k = 1;
    for (; v && *v; v++)
        k += *v == ',';
    return k;
}

/* Whether the offset of a page is taken on the id index (unfiltered, creation order). */
static bool skip_on_index(const list_query *q)
{
    return q->sort < 0 && q->after <= 0 && q->nf == 0 && !(q->words && *q->words) && q->offset > 0;
}

static void order_by(buf *sql, const entity *e, const list_query *q);

/* WHERE ... ORDER BY ... LIMIT for a list query; binds are numbered from 1 in order. */
/* Filter 'r' ("stage=a,b" on a reference): the values after the field's name (of nl
 * characters, lower case and _ only, since it goes into the SQL), or NULL when the value
 * is not of that form or f no reference. */
static const char *ref_filter_values(const field *f, const char *v, size_t *nl)
{
    const char *eq = v ? strchr(v, '=') : NULL;
    if (!eq || eq == v || f->type != FT_REF) return NULL;
    *nl = (size_t)(eq - v);
    return strspn(v, "abcdefghijklmnopqrstuvwxyz_") == *nl ? eq + 1 : NULL;
}

static void list_where(buf *sql, const entity *e, const list_query *q, bool paging, const driver *d)
{
    int n = 0;
    const char *and = " WHERE ";
    for (int i = 0; i < q->nf; i++) {
        const field *f = &e->fields[q->f[i].field];
        char op = q->f[i].op;
        if (op == 'r') { /* a reference to a record whose field is one of: "stage=a,b" */
            size_t nl;
            const char *eq = ref_filter_values(f, q->f[i].value, &nl);
            if (!eq) { /* a caller's slip: selects nothing */
                buf_printf(sql, "%s1 = 0", and);
                and = " AND ";
                continue;
            }
            buf_printf(sql, "%s%s IN (SELECT id FROM %s WHERE %.*s IN (", and, f->name, f->ref,
                       (int)nl, q->f[i].value);
            int k = count_values(eq);
            for (int v = 0; v < k; v++)
                buf_printf(sql, "%s?%d", v ? ", " : "", ++n);
            buf_puts(sql, "))");
        } else if (in_own_table(f) && (op == 'n' || op == 'N')) /* no reference, or some */
            buf_printf(sql, "%s%sEXISTS (SELECT 1 FROM %s_%s WHERE rid = %s.id)", and,
                       op == 'n' ? "NOT " : "", e->table, f->name, e->table);
        else if (in_own_table(f)) { /* one of the references is this one (or one of these) */
            buf_printf(sql, "%sid IN (SELECT rid FROM %s_%s WHERE ref IN (", and, e->table,
                       f->name);
            int k = op == 'i' ? count_values(q->f[i].value) : 1;
            for (int v = 0; v < k; v++)
                buf_printf(sql, "%s?%d", v ? ", " : "", ++n);
            buf_puts(sql, "))");
        } else if (field_store_of(f)->codes) /* a set matches when it holds the code */
            buf_printf(sql, "%s(',' || %s || ',') LIKE ('%%,' || ?%d || ',%%')", and, f->name, ++n);
        else if (q->f[i].op == 'n' || q->f[i].op == 'N')
            buf_printf(sql, "%s%s IS %sNULL", and, f->name, q->f[i].op == 'N' ? "NOT " : "");
        else if (q->f[i].op == 'g' || q->f[i].op == 'l')
            buf_printf(sql, "%s(%s IS NULL OR %s %s ?%d)", and, f->name, f->name,
                       q->f[i].op == 'g' ? ">" : "<=", ++n);
        else if (q->f[i].op == 'i' || q->f[i].op == 'o') { /* IN (...), so indexes serve */
            if (q->f[i].op == 'o')
                buf_printf(sql, "%s(%s IS NULL OR ", and, f->name);
            else
                buf_puts(sql, and);
            buf_printf(sql, "%s IN (", f->name);
            int k = count_values(q->f[i].value);
            for (int v = 0; v < k; v++)
                buf_printf(sql, "%s?%d", v ? ", " : "", ++n);
            buf_puts(sql, q->f[i].op == 'o' ? "))" : ")");
        } else
            buf_printf(sql, "%s%s %s ?%d", and, f->name,
                       q->f[i].op == '>'   ? ">="
                       : q->f[i].op == '<' ? "<="
                                           : "=",
                       ++n);
        and = " AND ";
    }
    if (q->words && *q->words) {
        buf_puts(sql, and);
        d->search_ids(sql, e->code, ++n);
        and = " AND ";
    }
    if (!paging) return;
    if (q->after > 0 && q->sort < 0) {
        buf_printf(sql, "%sid %s ?%d", and, q->desc ? "<" : ">", ++n);
        and = " AND ";
    } else if (skip_on_index(q)) {
        /* a deep page in creation order: count the offset off the narrow id index, then
         * read only the rows of the page */
        buf_printf(sql, "%sid %s (SELECT id FROM %s ORDER BY id%s LIMIT 1 OFFSET ?%d)", and,
                   q->desc ? "<=" : ">=", e->table, q->desc ? " DESC" : "", ++n);
        and = " AND ";
    }
    order_by(sql, e, q);
    if (skip_on_index(q))
        buf_printf(sql, " LIMIT ?%d", n + 1);
    else
        buf_printf(sql, " LIMIT ?%d OFFSET ?%d", n + 1, n + 2);
}

static void list_bind(stmt *s, arena *a, const entity *e, const list_query *q, bool paging)
{
    int n = 0;
    for (int i = 0; i < q->nf; i++) {
        if (q->f[i].op == 'n' || q->f[i].op == 'N') continue;
        size_t nl;
        const char *sub = q->f[i].op == 'r'
                              ? ref_filter_values(&e->fields[q->f[i].field], q->f[i].value, &nl)
                              : NULL;
        if (q->f[i].op == 'r' && !sub) continue; /* "1 = 0": nothing to bind */
        if (q->f[i].op != 'i' && q->f[i].op != 'o' && q->f[i].op != 'r') {
            bind_value(s, ++n, &e->fields[q->f[i].field], q->f[i].value);
            continue;
        }
        const char *p = q->f[i].value; /* each value of the list in its own parameter */
        if (sub) p = sub;
        for (int v = count_values(p); v > 0; v--) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            b_textn(s, ++n, p, len);
            p += len + (end ? 1 : 0);
        }
    }
    if (q->words && *q->words) {
        b_text(s, ++n, s->c->d->search_query(a, q->words, true));
    }
    if (!paging) return;
    if (q->after > 0 && q->sort < 0)
        b_int(s, ++n, q->after);
    else if (skip_on_index(q))
        b_int(s, ++n, q->offset);
    b_int(s, ++n, q->limit);
    if (!skip_on_index(q)) b_int(s, ++n, q->offset);
}

/* ORDER BY of a list query (again, for the outer query of ids_first). */
static void order_by(buf *sql, const entity *e, const list_query *q)
{
    const char *dir = q->desc ? " DESC" : "";
    if (q->sort >= 0) {
        const field *f = &e->fields[q->sort];
        buf_printf(sql, " ORDER BY %s%s%s, id%s", f->name, has_sort_col(f) ? "_sort" : "", dir,
                   dir);
    } else {
        buf_printf(sql, " ORDER BY id%s", dir);
    }
}

/* A filtered page first finds the ids of its rows (on the indexes), then reads only those
 * rows: an OFFSET then skips index entries, not whole rows. */
static void where_ids_first(buf *sql, const entity *e, const list_query *q, const driver *d)
{
    if (skip_on_index(q) || (q->nf == 0 && !(q->words && *q->words))) {
        list_where(sql, e, q, true, d);
        return;
    }
    buf_printf(sql, " WHERE id IN (SELECT id FROM %s", e->table);
    list_where(sql, e, q, true, d);
    buf_putc(sql, ')');
    order_by(sql, e, q);
}

int st_rec_list(conn *c, arena *a, const entity *e, const list_query *q, record **rows, int *n)
{
    buf sql = {0};
    select_cols(&sql, e, c->d, q->no_lists);
    where_ids_first(&sql, e, q, c->d);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    list_bind(&s, a, e, q, true);
    /* as many as the caller asks for (a chart of every figure; an API page is at most 500),
     * 1000 when it names no limit; room grows as rows come */
    long long want = q->limit > 0 ? q->limit : 1000;
    int cap = want < 1024 ? (int)want : 1024;
    *rows = arena_alloc(a, sizeof(record) * (size_t)cap);
    *n = 0;
    while (*n < want && (rc = step(&s)) == DB_ROW) {
        if (*n == cap) {
            record *more = arena_alloc(a, sizeof(record) * (size_t)cap * 2);
            memcpy(more, *rows, sizeof(record) * (size_t)cap);
            *rows = more, cap *= 2;
        }
        row_to_record(a, &s, e, &(*rows)[(*n)++]);
    }
    if (*n == want) rc = DB_DONE; /* the rest not read */
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_rec_list_json(conn *c, const entity *e, const list_query *q, buf *out, long long *last)
{
    buf sql = {0};
    buf_puts(&sql, "SELECT ");
    c->d->json_row(&sql, e);
    buf_printf(&sql, ", id FROM %s", e->table);
    where_ids_first(&sql, e, q, c->d);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    arena a = {0};
    list_bind(&s, &a, e, q, true);
    buf_putc(out, '[');
    int k = 0;
    *last = 0;
    while ((rc = step(&s)) == DB_ROW) {
        if (k++) buf_putc(out, ',');
        size_t len;
        const char *j = c->d->col_raw(&s, 0, &len);
        buf_put(out, j, len);
        *last = col_int(&s, 1);
    }
    buf_putc(out, ']');
    done(&s);
    arena_free(&a);
    return rc == DB_DONE ? ST_OK : rc;
}

int st_rec_count(conn *c, const entity *e, const list_query *q, long long *n)
{
    buf sql = {0};
    stmt s;
    bool plain = q->nf == 0 && !(q->words && *q->words);
    if (plain) {
        buf_puts(&sql, "SELECT n FROM counts WHERE entity = ?1");
    } else {
        buf_printf(&sql, "SELECT count(*) FROM %s", e->table);
        list_where(&sql, e, q, false, c->d);
    }
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    arena a = {0};
    if (plain)
        b_text(&s, 1, e->table);
    else
        list_bind(&s, &a, e, q, false);
    rc = step(&s);
    *n = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    arena_free(&a);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_rec_group(conn *c, arena *a, const entity *e, int fi, const list_query *q, int limit,
                 group_count **rows, int *n)
{
    return st_rec_group_sums(c, a, e, fi, (const int[2]){-1, -1}, false, q, limit, rows, n);
}

int st_rec_group_sums(conn *c, arena *a, const entity *e, int fi, const int sums[2], bool by_value,
                      const list_query *q, int limit, group_count **rows, int *n)
{
    const char *col = e->fields[fi].name;
    buf sql = {0};
    buf_printf(&sql, "SELECT %s, count(*) AS n", col);
    for (int k = 0; k < 2; k++)
        if (sums[k] >= 0)
            buf_printf(&sql, ", round(sum(%s), 2)", e->fields[sums[k]].name);
        else
            buf_printf(&sql, ", NULL");
    buf_printf(&sql, " FROM %s", e->table);
    list_where(&sql, e, q, false, c->d);
    buf_printf(&sql, "%s%s IS NOT NULL GROUP BY %s ORDER BY %s%s LIMIT %d",
               q->nf || (q->words && *q->words) ? " AND " : " WHERE ", col, col,
               by_value ? col : "n DESC, ", by_value ? "" : col, limit);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    list_bind(&s, a, e, q, false);
    *rows = arena_alloc(a, sizeof(group_count) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(&s)) == DB_ROW && *n < limit) {
        (*rows)[*n].value = col_text(a, &s, 0);
        (*rows)[*n].n = col_int(&s, 1);
        for (int k = 0; k < 2; k++)
            (*rows)[*n].sum[k] = sums[k] >= 0 ? col_text(a, &s, 2 + k) : NULL;
        (*n)++;
    }
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_count_rebuild(conn *c, const entity *e)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "INSERT INTO counts(entity, n) SELECT ?1, count(*) FROM %s WHERE true "
             "ON CONFLICT(entity) DO UPDATE SET n = excluded.n",
             e->table);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_text(&s, 1, e->table);
    return exec1(&s);
}

int st_analyze(conn *c)
{
    return exec_script(c, "ANALYZE");
}

/* ---- audit */

int st_audit_add(conn *c, long long user_id, const char *username, const char *ename, long long rid,
                 const char *action, const char *old_json, const char *new_json, const char *now)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO audit(at, user_id, username, entity, rid, action, old, new) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (rc) return rc;
    b_text(&s, 1, now);
    if (user_id > 0) b_int(&s, 2, user_id);
    b_text(&s, 3, username);
    b_text(&s, 4, ename);
    b_int(&s, 5, rid);
    b_text(&s, 6, action);
    b_text(&s, 7, old_json);
    b_text(&s, 8, new_json);
    return exec1(&s);
}

static int audit_rows(conn *c, arena *a, stmt *s, int limit, audit_row **rows, int *n)
{
    int rc;
    *rows = arena_alloc(a, sizeof(audit_row) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(s)) == DB_ROW && *n < limit) {
        audit_row *r = &(*rows)[(*n)++];
        r->id = col_int(s, 0);
        r->rid = col_int(s, 1);
        r->at = col_text(a, s, 2);
        r->username = col_text(a, s, 3);
        r->entity = col_text(a, s, 4);
        r->action = col_text(a, s, 5);
        r->old_json = col_value(a, s, 6);
        r->new_json = col_value(a, s, 7);
    }
    done(s);
    (void)c;
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_audit_recent(conn *c, arena *a, int limit, audit_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, rid, at, username, entity, action, old, new FROM audit "
                  "ORDER BY id DESC LIMIT ?1");
    if (rc) return rc;
    b_int(&s, 1, limit);
    return audit_rows(c, a, &s, limit, rows, n);
}

int st_audit_list(conn *c, arena *a, const char *ename, long long rid, int limit, audit_row **rows,
                  int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, rid, at, username, entity, action, old, new FROM audit "
                  "WHERE entity = ?1 AND rid = ?2 ORDER BY id DESC LIMIT ?3");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    b_int(&s, 3, limit);
    return audit_rows(c, a, &s, limit, rows, n);
}

/* ---- attachments */

static bool dir_of(conn *c, char *out, size_t n, const char *sha)
{
    return c->d->files_dir(c, out, n, sha);
}

/* A file kept in the database (an engine whose nodes share no folder): one row per
 * content, written once. */
static int blob_put(conn *c, const char *sha, const void *data, size_t n, char *err, size_t errlen)
{
    stmt s;
    int rc = prep(c, &s, "INSERT INTO blobs(sha256, data) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    if (!rc) {
        b_text(&s, 1, sha);
        b_blob(&s, 2, data, n);
        rc = exec1(&s);
    }
    if (rc) snprintf(err, errlen, "cannot store the file: %s", c->err);
    return rc ? -1 : 0;
}

static int blob_get(conn *c, const char *sha, buf *out, char *err, size_t errlen)
{
    stmt s;
    int rc = prep(c, &s, "SELECT data FROM blobs WHERE sha256 = ?1");
    if (rc) {
        snprintf(err, errlen, "cannot read the file: %s", c->err);
        return -1;
    }
    b_text(&s, 1, sha);
    rc = step(&s);
    if (rc == DB_ROW) {
        arena a = {0};
        size_t n = 0;
        const void *v = c->d->col_blob(&s, 0, &a, &n);
        buf_put(out, v, n);
        arena_free(&a);
    } else {
        snprintf(err, errlen, "missing file %s%s%s", sha, rc == DB_DONE ? "" : ": ",
                 rc == DB_DONE ? "" : c->err);
    }
    done(&s);
    return rc == DB_ROW ? 0 : -1;
}

int files_put(conn *c, const void *data, size_t n, char sha[65], char *err, size_t errlen)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(sha, 65, h, sizeof h);
    char dir[1024], path[1100], tmp[1200];
    if (!dir_of(c, dir, sizeof dir, NULL)) return blob_put(c, sha, data, n, err, errlen);
    mkdir(dir, 0750);
    dir_of(c, dir, sizeof dir, sha);
    mkdir(dir, 0750);
    snprintf(path, sizeof path, "%s/%s", dir, sha + 2);
    if (access(path, F_OK) == 0) return 0; /* the same content is kept once */
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write in %s: %s", dir, strerror(errno));
        return -1;
    }
    const char *p = data;
    size_t left = n;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot store %s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int files_get(conn *c, const char *sha, buf *out, char *err, size_t errlen)
{
    char dir[1024], path[1100];
    if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64) {
        snprintf(err, errlen, "not a SHA-256");
        return -1;
    }
    if (!dir_of(c, dir, sizeof dir, sha)) return blob_get(c, sha, out, err, errlen);
    snprintf(path, sizeof path, "%s/%s", dir, sha + 2);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "missing file %s: %s", path, strerror(errno));
        return -1;
    }
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(out, chunk, k);
    fclose(f);
    return 0;
}

#define ATTACH_COLS                                                                                \
    "SELECT id, rid, size, entity, sha256, name, mime, username, at FROM attachments "

static int attach_rows(arena *a, stmt *s, attach_row **rows, int *n, int limit)
{
    int rc;
    *rows = arena_alloc(a, sizeof(attach_row) * (size_t)limit);
    *n = 0;
    while ((rc = step(s)) == DB_ROW && *n < limit) {
        attach_row *x = &(*rows)[(*n)++];
        x->id = col_int(s, 0);
        x->rid = col_int(s, 1);
        x->size = col_int(s, 2);
        x->entity = col_text(a, s, 3);
        x->sha256 = col_text(a, s, 4);
        x->name = col_text(a, s, 5);
        x->mime = col_text(a, s, 6);
        x->username = col_text(a, s, 7);
        x->at = col_text(a, s, 8);
    }
    done(s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_attach_add(conn *c, const attach_row *a, long long user_id, long long *id)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO attachments(entity, rid, sha256, name, mime, size, user_id, "
                  "username, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    if (rc) return rc;
    b_text(&s, 1, a->entity);
    b_int(&s, 2, a->rid);
    b_text(&s, 3, a->sha256);
    b_text(&s, 4, a->name);
    b_text(&s, 5, a->mime);
    b_int(&s, 6, a->size);
    if (user_id > 0) b_int(&s, 7, user_id);
    b_text(&s, 8, a->username);
    b_text(&s, 9, a->at);
    return insert_id(&s, id);
}

int st_attach_list(conn *c, arena *a, const char *ename, long long rid, attach_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s, ATTACH_COLS "WHERE entity = ?1 AND rid = ?2 ORDER BY id");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    return attach_rows(a, &s, rows, n, 200);
}

int st_attach_by_sha(conn *c, arena *a, const char *sha, attach_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s, ATTACH_COLS "WHERE sha256 = ?1 ORDER BY id DESC");
    if (rc) return rc;
    b_text(&s, 1, sha);
    return attach_rows(a, &s, rows, n, 50);
}

int st_attach_get(conn *c, arena *a, long long id, attach_row *row)
{
    stmt s;
    int rc = prep(c, &s, ATTACH_COLS "WHERE id = ?1");
    if (rc) return rc;
    b_int(&s, 1, id);
    attach_row *rows;
    int n = 0;
    rc = attach_rows(a, &s, &rows, &n, 1);
    if (rc) return rc;
    if (!n) return ST_NOTFOUND;
    *row = rows[0];
    return ST_OK;
}

int st_attach_del(conn *c, long long id)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM attachments WHERE id = ?1");
    if (rc) return rc;
    b_int(&s, 1, id);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

/* ---- workflow steps */

int st_transition_add(conn *c, const char *ename, long long rid, const char *from, const char *to,
                      const char *note, long long user_id, const char *username, const char *now)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO transitions(entity, rid, from_state, to_state, note, user_id, "
                  "username, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    b_text(&s, 3, from);
    b_text(&s, 4, to);
    b_text(&s, 5, note);
    if (user_id > 0) b_int(&s, 6, user_id);
    b_text(&s, 7, username);
    b_text(&s, 8, now);
    return exec1(&s);
}

int st_transition_list(conn *c, arena *a, const char *ename, long long rid, int limit,
                       transition_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT from_state, to_state, note, username, at FROM transitions "
                  "WHERE entity = ?1 AND rid = ?2 ORDER BY id LIMIT ?3");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    b_int(&s, 3, limit);
    *rows = arena_alloc(a, sizeof(transition_row) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(&s)) == DB_ROW && *n < limit) {
        transition_row *t = &(*rows)[(*n)++];
        t->from = col_value(a, &s, 0);
        t->to = col_text(a, &s, 1);
        t->note = col_value(a, &s, 2);
        t->username = col_text(a, &s, 3);
        t->at = col_text(a, &s, 4);
    }
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

/* ---- progress updates of commitments */

int st_progress_add(conn *c, long long cid, const char *date, const char *text, int percent,
                    long long user_id, const char *username, const char *now, long long *id)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO progress(commitment_id, date, text, percent, user_id, username, at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (rc) return rc;
    b_int(&s, 1, cid);
    b_text(&s, 2, date);
    b_text(&s, 3, text);
    b_int(&s, 4, percent);
    if (user_id > 0) b_int(&s, 5, user_id);
    b_text(&s, 6, username);
    b_text(&s, 7, now);
    return insert_id(&s, id);
}

int st_progress_list(conn *c, arena *a, long long cid, int limit, progress_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, date, text, percent, username, at FROM progress "
                  "WHERE commitment_id = ?1 ORDER BY date DESC, id DESC LIMIT ?2");
    if (rc) return rc;
    b_int(&s, 1, cid);
    b_int(&s, 2, limit);
    *rows = arena_alloc(a, sizeof(progress_row) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(&s)) == DB_ROW && *n < limit) {
        progress_row *p = &(*rows)[(*n)++];
        p->id = col_int(&s, 0);
        p->date = col_text(a, &s, 1);
        p->text = col_text(a, &s, 2);
        p->percent = (int)col_int(&s, 3);
        p->username = col_text(a, &s, 4);
        p->at = col_text(a, &s, 5);
    }
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

/* ---- users, sessions, login failures */

#define USER_COLS                                                                                  \
    "SELECT id, username, role, pwhash, display_name, lang, disabled, agency_id, must_change, "    \
    "totp_secret, totp_step FROM users "

static void row_to_user(arena *a, stmt *s, user_row *u)
{
    u->id = col_int(s, 0);
    u->username = col_text(a, s, 1);
    u->role = col_text(a, s, 2);
    u->pwhash = col_text(a, s, 3);
    u->display_name = col_value(a, s, 4);
    u->lang = col_text(a, s, 5);
    u->disabled = (int)col_int(s, 6) != 0;
    u->agency_id = col_int(s, 7);
    u->must_change = (int)col_int(s, 8) != 0;
}

/* The second factor's columns of USER_COLS (a session's lookup does not read them). */
static void row_to_user_totp(arena *a, stmt *s, user_row *u)
{
    u->totp_secret = col_value(a, s, 9);
    u->totp_step = col_int(s, 10);
}

static int user_one(conn *c, arena *a, const char *sql, const char *name, long long id, user_row *u)
{
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    if (name)
        b_text(&s, 1, name);
    else
        b_int(&s, 1, id);
    rc = step(&s);
    if (rc == DB_ROW) {
        row_to_user(a, &s, u);
        row_to_user_totp(a, &s, u);
    }
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_user_get(conn *c, arena *a, const char *username, user_row *u)
{
    return user_one(c, a, USER_COLS "WHERE username = ?1", username, 0, u);
}

int st_user_get_id(conn *c, arena *a, long long id, user_row *u)
{
    return user_one(c, a, USER_COLS "WHERE id = ?1", NULL, id, u);
}

int st_user_insert(conn *c, const user_row *u, const char *now, long long *id)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO users(username, role, pwhash, display_name, lang, created_at, "
                  "agency_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (rc) return rc;
    b_text(&s, 1, u->username);
    b_text(&s, 2, u->role);
    b_text(&s, 3, u->pwhash);
    b_text(&s, 4, u->display_name);
    b_text(&s, 5, u->lang ? u->lang : "vi");
    b_text(&s, 6, now);
    if (u->agency_id > 0) b_int(&s, 7, u->agency_id);
    return insert_id(&s, id);
}

int st_user_set_password(conn *c, long long id, const char *pwhash)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET pwhash = ?1 WHERE id = ?2");
    if (rc) return rc;
    b_text(&s, 1, pwhash);
    b_int(&s, 2, id);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND;
    /* a new password ends every session of that user, and their calendar address */
    if ((rc = prep(c, &s, "DELETE FROM sessions WHERE user_id = ?1"))) return rc;
    b_int(&s, 1, id);
    if ((rc = exec1(&s))) return rc;
    if ((rc = prep(c, &s, "DELETE FROM calendar_tokens WHERE user_id = ?1"))) return rc;
    b_int(&s, 1, id);
    return exec1(&s);
}

int st_user_set_agency(conn *c, long long id, long long agency_id)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET agency_id = ?1 WHERE id = ?2");
    if (rc) return rc;
    if (agency_id > 0) b_int(&s, 1, agency_id);
    b_int(&s, 2, id);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_user_list(conn *c, arena *a, user_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s, USER_COLS "ORDER BY username");
    if (rc) return rc;
    int cap = 16;
    *rows = arena_alloc(a, sizeof(user_row) * (size_t)cap);
    *n = 0;
    while ((rc = step(&s)) == DB_ROW) {
        if (*n == cap) {
            user_row *bigger = arena_alloc(a, sizeof(user_row) * (size_t)cap * 2);
            memcpy(bigger, *rows, sizeof(user_row) * (size_t)cap);
            *rows = bigger;
            cap *= 2;
        }
        row_to_user(a, &s, &(*rows)[*n]);
        row_to_user_totp(a, &s, &(*rows)[(*n)++]);
    }
    done(&s);
    return rc == DB_DONE ? ST_OK : rc;
}

int st_session_put(conn *c, const char *token_hash, long long user_id, const char *csrf,
                   const char *kind, const char *name, long long expires)
{
    stmt s;
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO sessions(token_hash, user_id, csrf, kind, name, expires, seen) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, %s)",
             c->d->now_seconds);
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    b_int(&s, 2, user_id);
    b_text(&s, 3, csrf);
    b_text(&s, 4, kind);
    b_text(&s, 5, name);
    b_int(&s, 6, expires);
    if ((rc = exec1(&s))) return rc;
    /* forget sessions ended two days ago as new ones come, so the table stays small */
    snprintf(sql, sizeof sql, "DELETE FROM sessions WHERE expires <= %s - 172800",
             c->d->now_seconds);
    if ((rc = prep(c, &s, sql))) return rc;
    return exec1(&s);
}

int st_session_get(conn *c, arena *a, const char *token_hash, long long now, user_row *u,
                   const char **csrf, const char **kind, long long *seen)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT u.id, u.username, u.role, u.pwhash, u.display_name, u.lang, u.disabled, "
                  "u.agency_id, u.must_change, s.csrf, s.kind, s.seen FROM sessions s "
                  "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires > ?2");
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    b_int(&s, 2, now);
    rc = step(&s);
    if (rc == DB_ROW) {
        row_to_user(a, &s, u);
        *csrf = col_text(a, &s, 9);
        *kind = col_text(a, &s, 10);
        *seen = col_int(&s, 11);
    }
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_session_seen(conn *c, const char *token_hash, long long now)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE sessions SET seen = ?2 WHERE token_hash = ?1");
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    b_int(&s, 2, now);
    return exec1(&s);
}

int st_session_del(conn *c, const char *token_hash)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM sessions WHERE token_hash = ?1");
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    return exec1(&s);
}

int st_login_failure_add(conn *c, const char *key, long long now)
{
    stmt s;
    int rc = prep(c, &s, "INSERT INTO login_failures(key, at) VALUES (?1, ?2)");
    if (rc) return rc;
    b_text(&s, 1, key);
    b_int(&s, 2, now);
    if ((rc = exec1(&s))) return rc;
    /* forget failures older than a day, so the table stays small */
    if ((rc = prep(c, &s, "DELETE FROM login_failures WHERE at < ?1"))) return rc;
    b_int(&s, 1, now - 86400);
    return exec1(&s);
}

int st_login_failure_count(conn *c, const char *key, long long since, long long *n, long long *last)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT count(*), coalesce(max(at), 0) FROM login_failures "
                  "WHERE key = ?1 AND at >= ?2");
    if (rc) return rc;
    b_text(&s, 1, key);
    b_int(&s, 2, since);
    rc = step(&s);
    *n = rc == DB_ROW ? col_int(&s, 0) : 0;
    *last = rc == DB_ROW ? col_int(&s, 1) : 0;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc;
}

int st_login_failure_clear(conn *c, const char *key)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM login_failures WHERE key = ?1");
    if (rc) return rc;
    b_text(&s, 1, key);
    return exec1(&s);
}

int st_calendar_token_when(conn *c, arena *a, long long user_id, const char **created_at)
{
    stmt s;
    int rc = prep(c, &s, "SELECT created_at FROM calendar_tokens WHERE user_id = ?1");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    rc = step(&s);
    *created_at = rc == DB_ROW ? col_text(a, &s, 0) : NULL;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_calendar_token_put(conn *c, long long user_id, const char *token_hash, const char *now)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO calendar_tokens(user_id, token_hash, created_at) "
                  "VALUES (?1, ?2, ?3) ON CONFLICT(user_id) DO UPDATE SET "
                  "token_hash = excluded.token_hash, created_at = excluded.created_at");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_text(&s, 2, token_hash);
    b_text(&s, 3, now);
    return exec1(&s);
}

int st_calendar_token_user(conn *c, arena *a, const char *token_hash, user_row *u)
{
    return user_one(
        c, a, USER_COLS "WHERE id = (SELECT user_id FROM calendar_tokens WHERE token_hash = ?1)",
        token_hash, 0, u);
}

/* ---- settings and name overrides */

long long st_public_version(conn *c)
{
    stmt s;
    if (prep(c, &s, "SELECT value FROM meta WHERE key = 'public_version'")) return -1;
    long long v = step(&s) == DB_ROW ? col_int(&s, 0) : -1;
    done(&s);
    return v;
}

int st_setting_get(conn *c, arena *a, const char *key, const char **value)
{
    stmt s;
    int rc = prep(c, &s, "SELECT value FROM settings WHERE key = ?1");
    if (rc) return rc;
    b_text(&s, 1, key);
    rc = step(&s);
    *value = rc == DB_ROW ? col_text(a, &s, 0) : NULL;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_setting_set(conn *c, const char *key, const char *value)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO settings(key, value) VALUES (?1, ?2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (rc) return rc;
    b_text(&s, 1, key);
    b_text(&s, 2, value);
    return exec1(&s);
}

int st_name_overrides(conn *c, void (*fn)(void *ctx, const char *code, const char *name), void *ctx)
{
    stmt s;
    int rc = prep(c, &s, "SELECT code, name_vi FROM name_overrides ORDER BY code");
    if (rc) return rc;
    arena a = {0};
    while ((rc = step(&s)) == DB_ROW)
        fn(ctx, col_text(&a, &s, 0), col_text(&a, &s, 1));
    done(&s);
    arena_free(&a);
    return rc == DB_DONE ? ST_OK : rc;
}

int st_name_override_set(conn *c, const char *code, const char *name)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO name_overrides(code, name_vi) VALUES (?1, ?2) "
                  "ON CONFLICT(code) DO UPDATE SET name_vi = excluded.name_vi");
    if (rc) return rc;
    b_text(&s, 1, code);
    b_text(&s, 2, name);
    return exec1(&s);
}

/* ---- reminders: notices, the sweep's mark, e-mail addresses */

int st_notice_add(conn *c, const notice_row *n, const char *now, int *added)
{
    stmt s;
    *added = 0;
    int rc = prep(c, &s,
                  "INSERT INTO notifications(user_id, kind, entity, rid, tag, day, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                  "ON CONFLICT(user_id, kind, entity, rid, tag) DO NOTHING");
    if (rc) return rc;
    b_int(&s, 1, n->user_id);
    b_text(&s, 2, n->kind);
    b_text(&s, 3, n->entity);
    b_int(&s, 4, n->rid);
    b_text(&s, 5, n->tag);
    b_text(&s, 6, n->day);
    b_text(&s, 7, now);
    if ((rc = exec1(&s))) return rc;
    *added = changes(c) > 0;
    return ST_OK;
}

int st_notice_exists(conn *c, const notice_row *n, bool *exists)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT 1 FROM notifications WHERE user_id = ?1 AND kind = ?2 AND entity = ?3 "
                  "AND rid = ?4 AND tag = ?5");
    if (rc) return rc;
    b_int(&s, 1, n->user_id);
    b_text(&s, 2, n->kind);
    b_text(&s, 3, n->entity);
    b_int(&s, 4, n->rid);
    b_text(&s, 5, n->tag);
    rc = step(&s);
    *exists = rc == DB_ROW;
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

#define NOTICE_COLS                                                                                \
    "SELECT id, user_id, rid, kind, entity, tag, day, created_at, read_at, resolved_at "

static int notice_rows(arena *a, stmt *s, int limit, notice_row **rows, int *n)
{
    int rc;
    *rows = arena_alloc(a, sizeof(notice_row) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(s)) == DB_ROW && *n < limit) {
        notice_row *r = &(*rows)[(*n)++];
        r->id = col_int(s, 0);
        r->user_id = col_int(s, 1);
        r->rid = col_int(s, 2);
        r->kind = col_text(a, s, 3);
        r->entity = col_text(a, s, 4);
        r->tag = col_text(a, s, 5);
        r->day = col_text(a, s, 6);
        r->created_at = col_text(a, s, 7);
        r->read_at = col_value(a, s, 8);
        r->resolved_at = col_value(a, s, 9);
    }
    done(s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_notice_list(conn *c, arena *a, long long user_id, long long limit, long long offset,
                   notice_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  NOTICE_COLS "FROM notifications WHERE user_id = ?1 ORDER BY id DESC "
                              "LIMIT ?2 OFFSET ?3");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_int(&s, 2, limit);
    b_int(&s, 3, offset);
    return notice_rows(a, &s, (int)limit, rows, n);
}

int st_notice_count(conn *c, long long user_id, long long *total, long long *unread)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT count(*), count(*) FILTER (WHERE read_at IS NULL AND resolved_at IS "
                  "NULL) FROM notifications "
                  "WHERE user_id = ?1");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    rc = step(&s);
    *total = rc == DB_ROW ? col_int(&s, 0) : 0;
    *unread = rc == DB_ROW ? col_int(&s, 1) : 0;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc;
}

int st_notice_unresolved(conn *c, const char *ename, long long rid, const char *kind,
                         const char *keep_tag, bool *any)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT 1 FROM notifications WHERE entity = ?1 AND rid = ?2 AND kind = ?3 "
                  "AND resolved_at IS NULL AND (CAST(?4 AS TEXT) IS NULL OR tag <> ?4) LIMIT 1");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    b_text(&s, 3, kind);
    b_text(&s, 4, keep_tag);
    rc = step(&s);
    *any = rc == DB_ROW;
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_notice_resolve(conn *c, const char *ename, long long rid, const char *kind,
                      const char *keep_tag, const char *now)
{
    stmt s;
    int rc =
        prep(c, &s,
             "UPDATE notifications SET resolved_at = ?1 WHERE entity = ?2 AND rid = ?3 "
             "AND kind = ?4 AND resolved_at IS NULL AND (CAST(?5 AS TEXT) IS NULL OR tag <> ?5)");
    if (rc) return rc;
    b_text(&s, 1, now);
    b_text(&s, 2, ename);
    b_int(&s, 3, rid);
    b_text(&s, 4, kind);
    b_text(&s, 5, keep_tag);
    return exec1(&s);
}

int st_notice_read(conn *c, long long user_id, long long id, const char *now, long long *changed)
{
    stmt s;
    *changed = 0;
    int rc;
    if (id > 0) {
        if ((rc = prep(c, &s, "SELECT 1 FROM notifications WHERE id = ?1 AND user_id = ?2")))
            return rc;
        b_int(&s, 1, id);
        b_int(&s, 2, user_id);
        rc = step(&s);
        done(&s);
        if (rc != DB_ROW) return rc == DB_DONE ? ST_NOTFOUND : rc;
    }
    if ((rc = prep(c, &s,
                   "UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL "
                   "AND (?3 = 0 OR id = ?3)")))
        return rc;
    b_text(&s, 1, now);
    b_int(&s, 2, user_id);
    b_int(&s, 3, id);
    if ((rc = exec1(&s))) return rc;
    *changed = changes(c);
    return ST_OK;
}

int st_notice_unmailed(conn *c, arena *a, long long user_id, const char *since_day, int limit,
                       notice_row **rows, int *n, long long *total, long long *max_id)
{
    stmt s;
    *total = *max_id = 0;
    int rc =
        prep(c, &s,
             "SELECT count(*), coalesce(max(id), 0) FROM notifications WHERE user_id = ?1 "
             "AND mailed_at IS NULL AND read_at IS NULL AND resolved_at IS NULL AND day >= ?2");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_text(&s, 2, since_day);
    rc = step(&s);
    if (rc == DB_ROW) {
        *total = col_int(&s, 0);
        *max_id = col_int(&s, 1);
    }
    done(&s);
    if (rc != DB_ROW) return rc;
    if ((rc = prep(c, &s,
                   NOTICE_COLS "FROM notifications WHERE user_id = ?1 AND mailed_at IS NULL "
                               "AND read_at IS NULL AND resolved_at IS NULL AND day >= ?2 "
                               "AND id <= ?3 "
                               "ORDER BY id DESC LIMIT ?4")))
        return rc;
    b_int(&s, 1, user_id);
    b_text(&s, 2, since_day);
    b_int(&s, 3, *max_id);
    b_int(&s, 4, limit);
    return notice_rows(a, &s, limit, rows, n);
}

int st_notice_mailed(conn *c, long long user_id, const char *since_day, long long max_id,
                     const char *now)
{
    stmt s;
    int rc = prep(c, &s,
                  "UPDATE notifications SET mailed_at = ?1 WHERE user_id = ?2 AND mailed_at IS "
                  "NULL AND read_at IS NULL AND day >= ?3 AND id <= ?4");
    if (rc) return rc;
    b_text(&s, 1, now);
    b_int(&s, 2, user_id);
    b_text(&s, 3, since_day);
    b_int(&s, 4, max_id);
    return exec1(&s);
}

int st_rec_changed(conn *c, arena *a, const entity *e, const char *since, long long after_id,
                   int limit, record **rows, int *n)
{
    buf sql = {0};
    select_cols(&sql, e, c->d, false);
    /* "+id": let the updated_at index lead rather than a walk of the whole table by id */
    buf_puts(&sql, " WHERE updated_at >= ?1 AND +id > ?2 ORDER BY +id LIMIT ?3");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    b_text(&s, 1, since);
    b_int(&s, 2, after_id);
    b_int(&s, 3, limit);
    *rows = arena_alloc(a, sizeof(record) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(&s)) == DB_ROW && *n < limit)
        row_to_record(a, &s, e, &(*rows)[(*n)++]);
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_remind_mark_get(conn *c, arena *a, const char **mark)
{
    stmt s;
    *mark = NULL;
    int rc = prep(c, &s, "SELECT value FROM remind_state WHERE key = 'mark'");
    if (rc) return rc;
    rc = step(&s);
    if (rc == DB_ROW) *mark = col_text(a, &s, 0);
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_remind_mark_set(conn *c, const char *mark)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO remind_state(key, value) VALUES ('mark', ?1) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (rc) return rc;
    b_text(&s, 1, mark);
    return exec1(&s);
}

int st_user_email_set(conn *c, long long id, const char *email)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET email = ?1 WHERE id = ?2");
    if (rc) return rc;
    b_text(&s, 1, email);
    b_int(&s, 2, id);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_user_emails(conn *c, arena *a, mail_user **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, username, display_name, lang, email FROM users "
                  "WHERE email IS NOT NULL AND email <> '' AND disabled = 0 ORDER BY username");
    if (rc) return rc;
    int cap = 16;
    *rows = arena_alloc(a, sizeof(mail_user) * (size_t)cap);
    *n = 0;
    while ((rc = step(&s)) == DB_ROW) {
        if (*n == cap) {
            mail_user *bigger = arena_alloc(a, sizeof(mail_user) * (size_t)cap * 2);
            memcpy(bigger, *rows, sizeof(mail_user) * (size_t)cap);
            *rows = bigger;
            cap *= 2;
        }
        mail_user *u = &(*rows)[(*n)++];
        u->id = col_int(&s, 0);
        u->username = col_text(a, &s, 1);
        u->display_name = col_value(a, &s, 2);
        u->lang = col_text(a, &s, 3);
        u->email = col_text(a, &s, 4);
    }
    done(&s);
    return rc == DB_DONE ? ST_OK : rc;
}

/* ---- administration: users' roles, state and passwords, sessions, the audit log */

int st_user_admin_set(conn *c, long long id, const char *role, long long agency_id,
                      const char *display_name)
{
    stmt s;
    int rc =
        prep(c, &s, "UPDATE users SET role = ?1, agency_id = ?2, display_name = ?3 WHERE id = ?4");
    if (rc) return rc;
    b_text(&s, 1, role);
    if (agency_id > 0) b_int(&s, 2, agency_id);
    b_text(&s, 3, display_name);
    b_int(&s, 4, id);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

/* Ends every session of a user but keep_hash's (NULL: all), and their calendar address. */
static int end_access(conn *c, long long id, const char *keep_hash)
{
    stmt s;
    int rc = prep(c, &s,
                  "DELETE FROM sessions WHERE user_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR "
                  "token_hash <> ?2)");
    if (rc) return rc;
    b_int(&s, 1, id);
    b_text(&s, 2, keep_hash);
    if ((rc = exec1(&s))) return rc;
    if ((rc = prep(c, &s, "DELETE FROM calendar_tokens WHERE user_id = ?1"))) return rc;
    b_int(&s, 1, id);
    return exec1(&s);
}

int st_user_set_disabled(conn *c, long long id, bool disabled)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET disabled = ?1 WHERE id = ?2");
    if (rc) return rc;
    b_int(&s, 1, disabled ? 1 : 0);
    b_int(&s, 2, id);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND;
    return disabled ? end_access(c, id, NULL) : ST_OK;
}

int st_user_set_password_keep(conn *c, long long id, const char *pwhash, bool must_change,
                              const char *keep_hash)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET pwhash = ?1, must_change = ?2 WHERE id = ?3");
    if (rc) return rc;
    b_text(&s, 1, pwhash);
    b_int(&s, 2, must_change ? 1 : 0);
    b_int(&s, 3, id);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND;
    return end_access(c, id, keep_hash);
}

int st_session_list(conn *c, arena *a, long long user_id, long long now, const char *current_hash,
                    session_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, kind, created, expires, CASE WHEN token_hash = ?3 THEN 1 ELSE 0 END, "
                  "name, seen FROM sessions "
                  "WHERE user_id = ?1 AND expires > ?2 ORDER BY created DESC, id DESC LIMIT 200");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_int(&s, 2, now);
    b_text(&s, 3, current_hash);
    *rows = arena_alloc(a, sizeof(session_row) * 200);
    *n = 0;
    while ((rc = step(&s)) == DB_ROW && *n < 200) {
        session_row *r = &(*rows)[(*n)++];
        r->id = col_int(&s, 0);
        r->kind = col_text(a, &s, 1);
        r->created = col_int(&s, 2);
        r->expires = col_int(&s, 3);
        r->current = (int)col_int(&s, 4) != 0;
        r->name = col_value(a, &s, 5);
        r->seen = col_int(&s, 6);
    }
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_session_revoke(conn *c, long long user_id, long long sid, long long *ended)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM sessions WHERE user_id = ?1 AND (?2 = 0 OR id = ?2)");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_int(&s, 2, sid);
    if ((rc = exec1(&s))) return rc;
    *ended = changes(c);
    return ST_OK;
}

/* ---- known devices (auth.c) */

int st_device_seen(conn *c, const char *hash, long long user_id, long long now)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO known_devices(hash, user_id, seen) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (hash) DO UPDATE SET seen = excluded.seen "
                  "WHERE known_devices.user_id = excluded.user_id");
    if (rc) return rc;
    b_text(&s, 1, hash);
    b_int(&s, 2, user_id);
    b_int(&s, 3, now);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND; /* the device of another user */
    if ((rc = prep(c, &s, "DELETE FROM known_devices WHERE seen < ?1"))) return rc;
    b_int(&s, 1, now - 180LL * 86400);
    return exec1(&s);
}

int st_device_known(conn *c, const char *hash, const char *username)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT 1 FROM known_devices d JOIN users u ON u.id = d.user_id "
                  "WHERE d.hash = ?1 AND u.username = ?2");
    if (rc) return rc;
    b_text(&s, 1, hash);
    b_text(&s, 2, username);
    rc = step(&s);
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

/* ---- the second factor (auth.c) */

int st_user_totp_set(conn *c, long long id, const char *secret, long long step)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET totp_secret = ?1, totp_step = ?2 WHERE id = ?3");
    if (rc) return rc;
    b_text(&s, 1, secret);
    b_int(&s, 2, step);
    b_int(&s, 3, id);
    if ((rc = exec1(&s))) return rc;
    if (changes(c) != 1) return ST_NOTFOUND;
    if (secret) return ST_OK;
    if ((rc = prep(c, &s, "DELETE FROM recovery_codes WHERE user_id = ?1"))) return rc;
    b_int(&s, 1, id);
    return exec1(&s);
}

int st_user_totp_take(conn *c, long long id, long long step)
{
    stmt s;
    int rc = prep(c, &s,
                  "UPDATE users SET totp_step = ?2 WHERE id = ?1 AND totp_step < ?2 AND "
                  "totp_secret IS NOT NULL");
    if (rc) return rc;
    b_int(&s, 1, id);
    b_int(&s, 2, step);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_recovery_set(conn *c, long long user_id, const char *const *hashes, int n)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM recovery_codes WHERE user_id = ?1");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    if ((rc = exec1(&s))) return rc;
    for (int i = 0; i < n && !rc; i++) {
        if ((rc = prep(c, &s, "INSERT INTO recovery_codes(user_id, code_hash) VALUES (?1, ?2)")))
            return rc;
        b_int(&s, 1, user_id);
        b_text(&s, 2, hashes[i]);
        rc = exec1(&s);
    }
    return rc;
}

int st_recovery_use(conn *c, long long user_id, const char *hash)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM recovery_codes WHERE user_id = ?1 AND code_hash = ?2");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_text(&s, 2, hash);
    if ((rc = exec1(&s))) return rc;
    return changes(c) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_recovery_count(conn *c, long long user_id, long long *n)
{
    stmt s;
    int rc = prep(c, &s, "SELECT count(*) FROM recovery_codes WHERE user_id = ?1");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    rc = step(&s);
    *n = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    return rc == DB_ROW ? ST_OK : rc;
}

int st_ticket_put(conn *c, const char *hash, long long user_id, const char *secret, long long now,
                  long long expires)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM login_tickets WHERE expires <= ?1");
    if (rc) return rc;
    b_int(&s, 1, now);
    if ((rc = exec1(&s))) return rc;
    if ((rc = prep(c, &s,
                   "INSERT INTO login_tickets(hash, user_id, secret, expires) VALUES (?1, ?2, ?3, "
                   "?4)")))
        return rc;
    b_text(&s, 1, hash);
    b_int(&s, 2, user_id);
    b_text(&s, 3, secret);
    b_int(&s, 4, expires);
    return exec1(&s);
}

int st_ticket_try(conn *c, arena *a, const char *hash, long long now, int max_tries,
                  long long *user_id, const char **secret)
{
    stmt s;
    int rc = prep(c, &s,
                  "UPDATE login_tickets SET tries = tries + 1 WHERE hash = ?1 AND expires > ?2 "
                  "AND tries < ?3 RETURNING user_id, secret");
    if (rc) return rc;
    b_text(&s, 1, hash);
    b_int(&s, 2, now);
    b_int(&s, 3, max_tries);
    rc = step(&s);
    if (rc == DB_ROW) {
        *user_id = col_int(&s, 0);
        *secret = col_value(a, &s, 1);
    }
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}

int st_ticket_del(conn *c, const char *hash)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM login_tickets WHERE hash = ?1");
    if (rc) return rc;
    b_text(&s, 1, hash);
    return exec1(&s);
}

/* One statement for every combination of filters: an absent one (NULL) holds for every row. */
#define AUDIT_WHERE                                                                                \
    "FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR username = ?1) AND (CAST(?2 AS TEXT) IS NULL "  \
    "OR entity = ?2) "                                                                             \
    "AND (CAST(?3 AS TEXT) IS NULL OR at >= ?3) AND (CAST(?4 AS TEXT) IS NULL OR at < ?4) "

static void audit_bind(stmt *s, arena *a, const audit_query *q)
{
    b_text(s, 1, q->username && *q->username ? q->username : NULL);
    b_text(s, 2, q->entity && *q->entity ? q->entity : NULL);
    /* "at" is an ISO time: a day's entries are those from "DAY" up to "DAY~" ('~' sorts
     * after 'T' and every digit) */
    b_text(s, 3, q->from && *q->from ? q->from : NULL);
    b_text(s, 4, q->to && *q->to ? arena_printf(a, "%s~", q->to) : NULL);
}

int st_audit_search(conn *c, arena *a, const audit_query *q, audit_row **rows, int *n,
                    long long *total)
{
    stmt s;
    int rc = prep(c, &s, "SELECT count(*) " AUDIT_WHERE);
    if (rc) return rc;
    audit_bind(&s, a, q);
    rc = step(&s);
    *total = rc == DB_ROW ? col_int(&s, 0) : 0;
    done(&s);
    if (rc != DB_ROW) return rc;
    rc = prep(c, &s,
              "SELECT id, rid, at, username, entity, action, old, new " AUDIT_WHERE
              "ORDER BY id DESC LIMIT ?5 OFFSET ?6");
    if (rc) return rc;
    audit_bind(&s, a, q);
    int limit = q->limit > 0 && q->limit <= 500 ? (int)q->limit : 50;
    b_int(&s, 5, limit);
    b_int(&s, 6, q->offset > 0 ? q->offset : 0);
    return audit_rows(c, a, &s, limit, rows, n);
}

/* ---- leases (for stateless nodes)
 *
 * Written outside any write unit (autocommit statements on the caller's own connection):
 * they move no data version. Times are the database's clock (the driver's now_seconds), so
 * that nodes whose clocks differ agree on when a lease ends. */

int st_lease_take(conn *c, const char *name, const char *holder, int seconds, bool *held)
{
    *held = false;
    char sql[640];
    snprintf(sql, sizeof sql,
             "INSERT INTO leases(name, holder, expires, progress) VALUES (?1, ?2, %s + ?3, 0) "
             "ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, "
             "expires = excluded.expires, "
             "progress = CASE WHEN leases.holder = excluded.holder "
             "THEN leases.progress ELSE 0 END "
             "WHERE leases.holder = excluded.holder OR leases.expires <= %s RETURNING holder",
             c->d->now_seconds, c->d->now_seconds);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_text(&s, 1, name);
    b_text(&s, 2, holder);
    b_int(&s, 3, seconds);
    rc = step(&s);
    if (rc == DB_ROW) *held = true;
    done(&s);
    return rc == DB_ROW || rc == DB_DONE ? ST_OK : rc;
}

int st_lease_release(conn *c, const char *name, const char *holder)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM leases WHERE name = ?1 AND holder = ?2");
    if (rc) return rc;
    b_text(&s, 1, name);
    b_text(&s, 2, holder);
    return exec1(&s);
}

int st_lease_progress(conn *c, const char *name, const char *holder, long long progress)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE leases SET progress = ?3 WHERE name = ?1 AND holder = ?2");
    if (rc) return rc;
    b_text(&s, 1, name);
    b_text(&s, 2, holder);
    b_int(&s, 3, progress);
    return exec1(&s);
}

int st_lease_get(conn *c, arena *a, const char *name, const char **holder, long long *left,
                 long long *progress)
{
    *holder = NULL;
    *left = *progress = 0;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT holder, expires - %s, progress FROM leases WHERE name = ?1",
             c->d->now_seconds);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_text(&s, 1, name);
    rc = step(&s);
    if (rc == DB_ROW) {
        *holder = col_text(a, &s, 0);
        *left = col_int(&s, 1);
        *progress = col_int(&s, 2);
    }
    done(&s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : rc;
}
