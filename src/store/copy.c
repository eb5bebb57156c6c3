/* A whole database copied into another, of either engine (`ngoaivu migrate-db`): SQLite to
 * PostgreSQL when a department outgrows one machine, and the other ways too.
 *
 * Driven by the source's catalogue, not by a list of tables: every table its engine says
 * holds data (db.h: copy_columns) is copied, every column and every row with its id, so a
 * table or column a later migration adds is copied with no change here. The target must
 * have the same tables with the same columns of the same kinds (its own migrations made
 * them when it was opened): a table or column on one side only stops the copy before
 * anything is written. Tables are written parents first (copy_refs: their foreign keys).
 *
 * The search index is each engine's own (SQLite: the FTS5 table search and search_docs;
 * PostgreSQL: search_docs with its text): it is copied entry by entry, each with its
 * number, through the drivers (search_rows, search_load), not rebuilt from the records.
 * An entry keeps its number, which is the order searches list hits in on both engines,
 * so a search answers the same on both sides; and the copy is checked as a table is.
 * (`ngoaivu reindex` rebuilds it from the records, in the domain layer, which the store
 * does not call.) The attachments' files are copied through files_get and files_put, from
 * wherever the source keeps them into wherever the target does (a folder, or the table
 * blobs: db.h, files_dir), and read back; the blobs table is no table to copy.
 *
 * The copy is one unit of the target (all or nothing), read from one state of the source
 * (a transaction that only reads, db.h: snapshot; a SQLite source takes no other write
 * while it is read, unless the copy is a backup of a database in service: online, whose
 * writers go on beside it; a file written meanwhile is one the state read does not name,
 * and none is ever removed). Before the target commits, every table is read back from it and
 * compared with what was read from the source: the number of rows and a checksum computed the same
 * way on both sides (st_row_digest: each value in a normal form, whichever engine printed
 * it, hashed with BLAKE2b; a table's checksum is that of its rows' digests in sorted order,
 * so that the order an engine returns rows in does not count). A difference rolls the
 * target back. */
#include "db.h"

#include <sodium.h>
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_TABLES = 256, MAX_COLS = 64, MAX_REFS = 1024, PROGRESS_EVERY = 10000 };

/* The tables every new database has rows in, made by its migrations (the data version, the
 * row counts, the reminders' mark): a target with rows in these only is empty. */
static const char *const seeded[] = {"meta", "counts", "remind_state", NULL};

typedef struct {
    const char *name;
    int ncols;
    const char **cols;
    char *kinds; /* a CK_* letter per column */
} table;

/* What an engine's catalogue says: the tables, and the pairs (table, the table one of its
 * foreign keys refers to). */
typedef struct {
    table t[MAX_TABLES];
    int n, nrefs;
    const char *refs[MAX_REFS][2];
} catalogue;

/* The search index as the copy sees it: a table of the drivers' search_rows. */
static const char *search_cols[] = {"id", "entity", "rid", "title", "body"};
static char search_kinds[] = "iiitt";
static const table search_table = {"search_docs", 5, search_cols, search_kinds};

/* The digests of a table's rows, or of its files. */
typedef struct {
    unsigned char (*d)[ST_DIGEST];
    long long n, cap;
} digests;

static int failed(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failed(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return ST_ERROR;
}

/* ---- values and checksums */

/* A number as the copy writes and compares it, whichever engine printed it: decimal, no
 * exponent, no '+', no leading or trailing zeros, every zero "0" ("1.50", "1.5" and
 * "15e-1" are "1.5"; SQLite's REAL "1.0e+15" is "1000000000000000"; PostgreSQL's numeric
 * keeps the scale it was given). False, out untouched, for what is not a number. */
static bool number_normal(const char *v, size_t n, buf *out)
{
    size_t i = 0;
    bool neg = false, dot = false;
    long point = 0, exp = 0;
    buf d = {0}; /* the digits */
    if (i < n && (v[i] == '-' || v[i] == '+')) neg = v[i++] == '-';
    for (; i < n && ((v[i] >= '0' && v[i] <= '9') || (v[i] == '.' && !dot)); i++) {
        if (v[i] == '.') {
            dot = true;
            continue;
        }
        buf_putc(&d, v[i]);
        if (!dot) point++;
    }
    bool ok = d.len > 0;
    if (ok && i < n && (v[i] == 'e' || v[i] == 'E')) {
        bool eneg = ++i < n && v[i] == '-';
        if (i < n && (v[i] == '-' || v[i] == '+')) i++;
        ok = i < n;
        for (; i < n && v[i] >= '0' && v[i] <= '9' && exp <= 1000; i++)
            exp = exp * 10 + (v[i] - '0');
        if (eneg) exp = -exp;
    }
    ok = ok && i == n && exp >= -1000 && exp <= 1000;
    if (ok) {
        size_t start = 0, end = d.len;
        point += exp;
        for (; start < end && d.data[start] == '0'; start++)
            point--;
        while (end > start && d.data[end - 1] == '0')
            end--;
        long len = (long)(end - start);
        if (!len) {
            buf_putc(out, '0');
        } else {
            if (neg) buf_putc(out, '-');
            if (point <= 0) {
                buf_puts(out, "0.");
                for (long k = point; k < 0; k++)
                    buf_putc(out, '0');
                buf_put(out, d.data + start, (size_t)len);
            } else if (point >= len) {
                buf_put(out, d.data + start, (size_t)len);
                for (long k = len; k < point; k++)
                    buf_putc(out, '0');
            } else {
                buf_put(out, d.data + start, (size_t)point);
                buf_putc(out, '.');
                buf_put(out, d.data + start + point, (size_t)(len - point));
            }
        }
    }
    buf_free(&d);
    return ok;
}

/* A value of kind k (not NULL, not a blob) in its normal form: a number's (number_normal),
 * a flag as 1 or 0 (PostgreSQL prints a boolean t or f), text as it is. In b, or v itself. */
static const char *normal(char k, const char *v, size_t n, buf *b, size_t *len)
{
    *len = n;
    if (k == CK_INT || k == CK_NUM) {
        buf_reset(b);
        if (number_normal(v, n, b)) {
            *len = b->len;
            return buf_cstr(b);
        }
    } else if (k == CK_BOOL) {
        bool t = (n == 1 && *v == 't') || (n == 4 && !memcmp(v, "true", 4));
        bool f = (n == 1 && *v == 'f') || (n == 5 && !memcmp(v, "false", 5));
        if (t || f) {
            *len = 1;
            return t ? "1" : "0";
        }
    }
    return v;
}

/* Each value as a tag (0 NULL, 1 a value), then its length (8 bytes, little-endian) and
 * its bytes: NULL and '' differ, and no two rows run together into the same bytes. */
void st_row_digest(const char *kinds, int n, const char *const *v, const size_t *len,
                   unsigned char out[ST_DIGEST])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, ST_DIGEST);
    buf b = {0};
    for (int i = 0; i < n; i++) {
        unsigned char head[9] = {0};
        if (!v[i]) {
            crypto_generichash_update(&h, head, 1);
            continue;
        }
        size_t m = len[i];
        const char *x = kinds[i] == CK_BLOB ? v[i] : normal(kinds[i], v[i], len[i], &b, &m);
        head[0] = 1;
        for (int k = 0; k < 8; k++)
            head[1 + k] = (unsigned char)((unsigned long long)m >> (8 * k));
        crypto_generichash_update(&h, head, sizeof head);
        crypto_generichash_update(&h, (const unsigned char *)x, m);
    }
    crypto_generichash_final(&h, out, ST_DIGEST);
    buf_free(&b);
}

static void digests_add(digests *g, const unsigned char d[ST_DIGEST])
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 256;
        g->d = xrealloc(g->d, sizeof *g->d * (size_t)g->cap);
    }
    memcpy(g->d[g->n++], d, ST_DIGEST);
}

static int cmp_digest(const void *x, const void *y)
{
    return memcmp(x, y, ST_DIGEST);
}

/* The checksum of a table: the hash of its rows' digests in sorted order, in hex; frees them. */
static void digests_sum(digests *g, char hex[65])
{
    unsigned char sum[ST_DIGEST];
    if (g->n) qsort(g->d, (size_t)g->n, ST_DIGEST, cmp_digest);
    crypto_generichash(sum, sizeof sum, g->n ? g->d[0] : NULL, (size_t)g->n * ST_DIGEST, NULL, 0);
    sodium_bin2hex(hex, 65, sum, sizeof sum);
    free(g->d);
    *g = (digests){0};
}

/* ---- the catalogue */

/* Whether a name can be written into SQL as "name" by both engines: the copy writes the
 * names its catalogue gives (a-z, 0-9, _ in this program's schema). */
static bool plain(const char *name)
{
    return *name && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(name);
}

/* The tables of c's database and their references, from its engine's catalogue. */
static int read_catalogue(conn *c, arena *a, catalogue *cat, const char *side, char *err,
                          size_t errlen)
{
    stmt s;
    table *t = NULL;
    cat->n = cat->nrefs = 0;
    int rc = prep(c, &s, c->d->copy_columns);
    if (rc) goto out;
    while ((rc = step(&s)) == DB_ROW) {
        const char *name = col_text(a, &s, 0), *col = col_text(a, &s, 1);
        const char *kind = col_text(a, &s, 2);
        if (!t || strcmp(t->name, name)) {
            if (cat->n == MAX_TABLES) {
                done(&s);
                return failed(err, errlen, "the %s has more than %d tables", side, MAX_TABLES);
            }
            t = &cat->t[cat->n++];
            *t = (table){.name = name,
                         .cols = arena_alloc(a, sizeof(char *) * MAX_COLS),
                         .kinds = arena_alloc(a, MAX_COLS + 1)};
        }
        if (!plain(name) || !plain(col)) {
            done(&s);
            return failed(err, errlen, "%s.%s of the %s: a name other than a-z, 0-9 and _", name,
                          col, side);
        }
        if (t->ncols == MAX_COLS) {
            done(&s);
            return failed(err, errlen, "table %s of the %s has more than %d columns", name, side,
                          MAX_COLS);
        }
        t->kinds[t->ncols] = *kind;
        t->cols[t->ncols++] = col;
    }
    done(&s);
    if (rc != DB_DONE || (rc = prep(c, &s, c->d->copy_refs))) goto out;
    while ((rc = step(&s)) == DB_ROW && cat->nrefs < MAX_REFS) {
        cat->refs[cat->nrefs][0] = col_text(a, &s, 0);
        cat->refs[cat->nrefs++][1] = col_text(a, &s, 1);
    }
    done(&s);
out:
    if (rc != DB_DONE)
        return failed(err, errlen, "cannot read the tables of the %s: %s", side,
                      rc == DB_ROW ? "too many foreign keys" : store_errmsg(c));
    return ST_OK;
}

static const table *find(const catalogue *cat, const char *name)
{
    for (int i = 0; i < cat->n; i++)
        if (!strcmp(cat->t[i].name, name)) return &cat->t[i];
    return NULL;
}

static int col_index(const table *t, const char *col)
{
    for (int i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i], col)) return i;
    return -1;
}

/* The target has the source's tables and no other, each with the same columns (in any
 * order) of the same kinds. */
static int match(const catalogue *src, const catalogue *dst, char *err, size_t errlen)
{
    for (int i = 0; i < src->n; i++) {
        const table *s = &src->t[i], *d = find(dst, s->name);
        if (!d)
            return failed(err, errlen,
                          "table %s of the source is not in the target: is each at the schema "
                          "of this program?",
                          s->name);
        for (int k = 0; k < s->ncols; k++) {
            int j = col_index(d, s->cols[k]);
            if (j < 0)
                return failed(err, errlen, "column %s.%s of the source is not in the target",
                              s->name, s->cols[k]);
            if (d->kinds[j] != s->kinds[k])
                return failed(err, errlen,
                              "column %s.%s is of kind '%c' in the source, '%c' in the target",
                              s->name, s->cols[k], s->kinds[k], d->kinds[j]);
        }
        if (d->ncols != s->ncols)
            return failed(err, errlen, "table %s has %d columns in the source, %d in the target",
                          s->name, s->ncols, d->ncols);
    }
    for (int i = 0; i < dst->n; i++)
        if (!find(src, dst->t[i].name))
            return failed(err, errlen, "table %s of the target is not in the source",
                          dst->t[i].name);
    return ST_OK;
}

/* The source's tables in an order that writes every table after those its foreign keys
 * (the target's) refer to: ord[0..src->n). */
static int order(const catalogue *src, const catalogue *dst, int *ord, char *err, size_t errlen)
{
    bool placed[MAX_TABLES] = {0};
    for (int n = 0; n < src->n; n++) {
        int next = -1;
        for (int i = 0; i < src->n && next < 0; i++) {
            bool ready = !placed[i];
            for (int r = 0; r < dst->nrefs && ready; r++) {
                const char *const *ref = dst->refs[r];
                if (strcmp(ref[0], src->t[i].name) || !strcmp(ref[1], ref[0])) continue;
                for (int j = 0; j < src->n; j++)
                    if (!placed[j] && !strcmp(src->t[j].name, ref[1])) ready = false;
            }
            if (ready) next = i;
        }
        if (next < 0)
            return failed(err, errlen, "the foreign keys of the target's tables form a cycle");
        placed[next] = true;
        ord[n] = next;
    }
    return ST_OK;
}

/* ---- rows */

static const char *select_sql(arena *a, const table *t)
{
    buf b = {0};
    buf_puts(&b, "SELECT ");
    for (int i = 0; i < t->ncols; i++)
        buf_printf(&b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
    buf_printf(&b, " FROM \"%s\"", t->name);
    char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

static const char *insert_sql(arena *a, const table *t)
{
    buf b = {0};
    buf_printf(&b, "INSERT INTO \"%s\"(", t->name);
    for (int i = 0; i < t->ncols; i++)
        buf_printf(&b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
    buf_puts(&b, ") VALUES (");
    for (int i = 0; i < t->ncols; i++)
        buf_printf(&b, "%s?%d", i ? ", " : "", i + 1);
    buf_putc(&b, ')');
    char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

/* The values of the row s is on, in a: NULL, a blob's bytes, or text in its normal form,
 * which is what the target is given (a PostgreSQL bigint takes no "3.0"). */
static void read_row(stmt *s, const table *t, arena *a, buf *b, const char **v, size_t *len)
{
    for (int i = 0; i < t->ncols; i++) {
        size_t n;
        const char *raw;
        if (t->kinds[i] == CK_BLOB) {
            v[i] = s->c->d->col_blob(s, i, a, &len[i]);
        } else if (!(raw = s->c->d->col_raw(s, i, &n))) {
            v[i] = NULL;
            len[i] = 0;
        } else {
            const char *x = normal(t->kinds[i], raw, n, b, &len[i]);
            v[i] = arena_strndup(a, x, len[i]);
        }
    }
}

static int write_row(conn *to, const char *insert, const table *t, const char **v,
                     const size_t *len)
{
    if (!insert) /* the search index */
        return to->d->search_load(to, strtoll(v[0], NULL, 10), strtoll(v[1], NULL, 10),
                                  strtoll(v[2], NULL, 10), v[3], v[4]);
    stmt w;
    int rc = prep(to, &w, insert);
    if (rc) return rc;
    for (int i = 0; i < t->ncols; i++) {
        if (!v[i])
            b_text(&w, i + 1, NULL);
        else if (t->kinds[i] == CK_BLOB)
            b_blob(&w, i + 1, v[i], len[i]);
        else
            b_textn(&w, i + 1, v[i], len[i]);
    }
    return exec1(&w);
}

/* Reads the rows select gives on c, keeping their digests, and writes each into to with
 * insert (NULL: into the search index) when to is not NULL. */
static int rows(conn *c, const char *select, const table *t, conn *to, const char *insert,
                const copy_opts *o, digests *g)
{
    stmt s;
    arena a = {0};
    buf b = {0};
    const char *v[MAX_COLS];
    size_t len[MAX_COLS];
    unsigned char d[ST_DIGEST];
    int rc = prep(c, &s, select);
    if (rc) return rc;
    while ((rc = step(&s)) == DB_ROW) {
        read_row(&s, t, &a, &b, v, len);
        if (to && (rc = write_row(to, insert, t, v, len))) break;
        st_row_digest(t->kinds, t->ncols, v, len, d);
        digests_add(g, d);
        if (g->n % PROGRESS_EVERY == 0) {
            arena_free(&a);
            if (to && o->progress) o->progress(o->arg, t->name, g->n, false);
        }
    }
    done(&s);
    arena_free(&a);
    buf_free(&b);
    if (to && o->progress && rc == DB_DONE) o->progress(o->arg, t->name, g->n, true);
    return rc == DB_DONE ? ST_OK : rc ? rc : ST_ERROR;
}

/* Copies a table (insert NULL: the search index) and checks it: its rows read back from
 * the target, in the target's unit, against those read from the source. */
static int copy_table(conn *f, conn *to, const table *t, const char *select, const char *to_select,
                      const char *insert, const copy_opts *o, copy_check *k, char *err,
                      size_t errlen)
{
    digests src = {0}, dst = {0};
    k->table = t->name;
    f->err[0] = to->err[0] = 0; /* to tell which side failed */
    int rc = rows(f, select, t, to, insert, o, &src);
    k->rows = src.n;
    digests_sum(&src, k->sum);
    if (rc)
        return failed(err, errlen, "copying table %s: %s", t->name, to->err[0] ? to->err : f->err);
    rc = rows(to, to_select, t, NULL, NULL, o, &dst);
    k->target_rows = dst.n;
    digests_sum(&dst, k->target_sum);
    if (rc) return failed(err, errlen, "reading table %s back: %s", t->name, store_errmsg(to));
    return ST_OK;
}

/* ---- the attachments' files */

/* Each file the source's attachments (and records: F_FILE) name, read from the source's folder (its
 * content must be what its name says: its SHA-256), written into the target's and read back from
 * there. The check: the names on the source's side, the hashes of what the target's files
 * hold on the other. */
static int copy_files(conn *f, conn *to, const copy_opts *o, copy_check *k, char *err,
                      size_t errlen)
{
    stmt s;
    digests src = {0}, dst = {0};
    char e[512] = "", got[65];
    unsigned char d[ST_DIGEST];
    k->table = "files";
    /* the attachments' files, and those the records name themselves (F_FILE) */
    buf q = {0};
    buf_puts(&q, "SELECT sha256 FROM attachments");
    for (int i = 0; o->entities && o->entities[i]; i++)
        for (int j = 0; j < o->entities[i]->nfields; j++)
            if (o->entities[i]->fields[j].flags & F_FILE)
                buf_printf(&q, " UNION SELECT %s FROM %s WHERE %s IS NOT NULL",
                           o->entities[i]->fields[j].name, o->entities[i]->table,
                           o->entities[i]->fields[j].name);
    buf_puts(&q, " ORDER BY 1");
    int rc = prep(f, &s, buf_cstr(&q));
    buf_free(&q);
    if (rc) return failed(err, errlen, "cannot read the attachments: %s", store_errmsg(f));
    while ((rc = step(&s)) == DB_ROW) {
        size_t n;
        const char *raw = f->d->col_raw(&s, 0, &n);
        char sha[65] = "";
        if (n == 64) memcpy(sha, raw, 64);
        buf data = {0}, back = {0};
        if (files_get(f, sha, &data, e, sizeof e) == 0) {
            const void *bytes = data.data ? data.data : "";
            crypto_hash_sha256(d, bytes, data.len);
            sodium_bin2hex(got, sizeof got, d, sizeof d);
            if (strcmp(got, sha))
                snprintf(e, sizeof e, "the source's file %s holds other content (SHA-256 %s)", sha,
                         got);
            else if (files_put(to, bytes, data.len, got, e, sizeof e) == 0 &&
                     files_get(to, sha, &back, e, sizeof e) == 0)
                crypto_hash_sha256(d, (const unsigned char *)(back.data ? back.data : ""),
                                   back.len);
        }
        buf_free(&data);
        buf_free(&back);
        if (e[0]) {
            rc = ST_ERROR;
            break;
        }
        digests_add(&dst, d);
        sodium_hex2bin(d, sizeof d, sha, 64, NULL, NULL, NULL);
        digests_add(&src, d);
        if (o->progress && src.n % 100 == 0) o->progress(o->arg, "files", src.n, false);
    }
    done(&s);
    k->rows = src.n;
    k->target_rows = dst.n;
    digests_sum(&src, k->sum);
    digests_sum(&dst, k->target_sum);
    if (rc != DB_DONE)
        return failed(err, errlen, "copying the attachments' files: %s",
                      e[0] ? e : store_errmsg(f));
    if (o->progress) o->progress(o->arg, "files", k->rows, true);
    return ST_OK;
}

/* ---- the copy */

/* The first table of the target, other than the seeded ones, that has a row; NULL if none. */
static const char *holds_data(conn *c, arena *a, const catalogue *cat, int *rc)
{
    for (int i = 0; i < cat->n && !*rc; i++) {
        bool seed = false;
        for (int k = 0; seeded[k]; k++)
            seed |= !strcmp(seeded[k], cat->t[i].name);
        if (seed) continue;
        stmt s;
        if ((*rc = prep(c, &s, arena_printf(a, "SELECT 1 FROM \"%s\" LIMIT 1", cat->t[i].name))))
            break;
        int r = step(&s);
        done(&s);
        if (r == DB_ROW) return cat->t[i].name;
        if (r != DB_DONE) *rc = r;
    }
    return NULL;
}

/* Empties the target: its tables (the source's, which are the same) children first, then
 * its search index. */
static int empty_target(conn *c, arena *a, const catalogue *cat, const int *ord)
{
    int rc = ST_OK;
    for (int i = cat->n - 1; i >= 0 && !rc; i--) {
        stmt s;
        if (!(rc = prep(c, &s, arena_printf(a, "DELETE FROM \"%s\"", cat->t[ord[i]].name))))
            rc = exec1(&s);
    }
    return rc ? rc : c->d->search_empty(c);
}

/* The planner's statistics of the copied tables, as reindex gathers them (table by table:
 * a whole PostgreSQL database takes a superuser). */
static int analyze(conn *c, arena *a, const catalogue *cat)
{
    int rc = ST_OK;
    for (int i = 0; i < cat->n && !rc; i++)
        rc = exec_script(c, arena_printf(a, "ANALYZE \"%s\"", cat->t[i].name));
    return rc;
}

/* Everything the target's unit does after it was emptied: see store_copy. */
static int copy_all(conn *f, conn *t, const catalogue *src, const int *ord, const copy_opts *o,
                    arena *a, copy_check *checks, int *n, char *err, size_t errlen)
{
    int rc = ST_OK;
    /* a check is counted once it is complete: the report shows no half-copied table */
    for (int i = 0; i < src->n && !rc; i++) {
        const table *tb = &src->t[ord[i]];
        const char *select = select_sql(a, tb);
        rc = copy_table(f, t, tb, select, select, insert_sql(a, tb), o, &checks[*n], err, errlen);
        *n += !rc;
    }
    if (!rc) {
        rc = copy_table(f, t, &search_table, f->d->search_rows, t->d->search_rows, NULL, o,
                        &checks[*n], err, errlen);
        *n += !rc;
    }
    if (!rc && t->d->ids_move && (rc = exec_script(t, t->d->ids_move)))
        return failed(err, errlen, "moving the target's identities past the ids: %s",
                      store_errmsg(t));
    if (!rc) {
        rc = copy_files(f, t, o, &checks[*n], err, errlen);
        *n += !rc;
    }
    if (rc) return rc;
    int bad = 0;
    for (int i = 0; i < *n; i++)
        bad +=
            checks[i].rows != checks[i].target_rows || strcmp(checks[i].sum, checks[i].target_sum);
    if (bad)
        return failed(err, errlen,
                      "the target differs from the source in %d of %d tables: nothing was "
                      "written to it",
                      bad, *n);
    return ST_OK;
}

int store_copy(store *from, store *to, const copy_opts *o, arena *a, copy_check **checks, int *n,
               char *err, size_t errlen)
{
    conn *f = store_acquire(from), *t = store_acquire(to);
    catalogue *src = arena_alloc(a, sizeof *src), *dst = arena_alloc(a, sizeof *dst);
    int ord[MAX_TABLES];
    *n = 0;
    *checks = NULL;
    int rc = exec_script(f, o->online ? f->d->online : f->d->snapshot);
    if (rc) {
        failed(err, errlen, "cannot read the source: %s", store_errmsg(f));
        store_release(to, t);
        store_release(from, f);
        return rc;
    }
    rc = read_catalogue(f, a, src, "source", err, errlen);
    if (!rc) rc = read_catalogue(t, a, dst, "target", err, errlen);
    if (!rc) rc = match(src, dst, err, errlen);
    if (!rc) rc = order(src, dst, ord, err, errlen);
    if (rc) goto out;
    *checks = arena_alloc(a, sizeof **checks * (size_t)(src->n + 2));
    store_set_alone(t, true);
    if ((rc = store_begin(t))) {
        failed(err, errlen, "cannot write the target: %s", store_errmsg(t));
        goto out;
    }
    const char *full = holds_data(t, a, dst, &rc);
    if (rc) {
        failed(err, errlen, "cannot read the target: %s", store_errmsg(t));
    } else if (full && !o->replace && !(o->only_first && o->only_first(t))) {
        rc = ST_CONFLICT;
        snprintf(err, errlen,
                 "the target is not empty (table %s has rows): nothing was copied; "
                 "--replace empties it first, in the same transaction as the copy",
                 full);
    } else if ((rc = empty_target(t, a, src, ord))) {
        failed(err, errlen, "cannot empty the target: %s", store_errmsg(t));
    } else if (!(rc = copy_all(f, t, src, ord, o, a, *checks, n, err, errlen)) &&
               (rc = store_commit(t))) {
        failed(err, errlen, "the target's commit failed: %s", store_errmsg(t));
    } else if (!rc) {
        rc = analyze(t, a, src);
        if (rc)
            failed(err, errlen, "copied, but ANALYZE failed on the target: %s", store_errmsg(t));
    }
out:
    store_rollback(t);          /* nothing when committed */
    exec_script(f, "ROLLBACK"); /* the source was only read */
    store_release(to, t);
    store_release(from, f);
    return rc;
}

/* ---- the backup */

static int remove_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

/* A backup that did not finish: its file, the file's journal, its folder. */
static void remove_partial(arena *a, const char *part)
{
    unlink(part);
    unlink(arena_printf(a, "%s-wal", part));
    unlink(arena_printf(a, "%s-shm", part));
    nftw(arena_printf(a, "%s.files", part), remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

int store_backup(store *s, const char *path, const copy_opts *o, arena *a, copy_check **checks,
                 int *n, char *err, size_t errlen)
{
    *n = 0;
    *checks = NULL;
    if (store_is_postgres(path)) {
        snprintf(err, errlen, "a backup is written into a new file, not into %s", path);
        return ST_ERROR;
    }
    const char *files = arena_printf(a, "%s.files", path);
    if (access(path, F_OK) == 0 || access(files, F_OK) == 0) {
        snprintf(err, errlen, "%s exists; choose a new file", access(path, F_OK) ? files : path);
        return ST_CONFLICT;
    }
    const char *part = arena_printf(a, "%s.part-%ld", path, (long)getpid());
    const char *part_files = arena_printf(a, "%s.files", part);
    remove_partial(a, part); /* one an earlier process of this number left */
    store *t;
    if (store_open(part, true, 2, &t, err, errlen) != 0) {
        remove_partial(a, part);
        return ST_ERROR;
    }
    copy_opts oo = *o;
    oo.online = true;
    oo.replace = false;
    oo.only_first = NULL;
    int rc = store_copy(s, t, &oo, a, checks, n, err, errlen);
    if (rc == ST_OK && store_integrity(t, err, errlen) != 0) rc = ST_ERROR;
    store_close(t);
    if (rc == ST_OK && access(part_files, F_OK) == 0 && rename(part_files, files) != 0) {
        snprintf(err, errlen, "cannot name the backup's files %s: %s", files, strerror(errno));
        rc = ST_ERROR;
    }
    if (rc == ST_OK && rename(part, path) != 0) {
        snprintf(err, errlen, "cannot name the backup %s: %s", path, strerror(errno));
        rename(files, part_files);
        rc = ST_ERROR;
    }
    if (rc != ST_OK) remove_partial(a, part);
    return rc;
}
