/* CSV import (see import.h). Two passes: the whole file is read first (encoding, CSV syntax,
 * the header, the row count), so that a file that cannot be read never opens a write
 * transaction; then every row is created inside one transaction, and every problem of every
 * row is collected before it is rolled back.
 *
 * Line numbers are physical lines. libcsv does not report positions, so the file is fed to
 * it one line at a time: a row ends on the line being fed when its end is reported, and it
 * began as many lines earlier as its cells hold line breaks. */
#include "import.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"
#include "export.h"
#include "records.h"

typedef struct {
    long long line; /* where it starts */
    int n;
    char **cells;
    bool blank; /* every cell empty */
} row;

typedef struct {
    ctx *x;
    arena *a; /* the caller's: rows and the report live there */
    import_result *res;
    /* the row being read */
    buf cells;    /* its cells, each NUL-terminated */
    size_t *offs; /* where each starts in cells */
    int ncells, capcells;
    long long breaks; /* line breaks inside its cells */
    /* position */
    long long line;     /* the physical line being fed */
    long long last_end; /* the line on which the last complete row ended */
    /* every row read */
    row *rows;
    long long nrows, caprows, data_rows;
    bool too_many;
    cell_reader cr; /* what the cells' types keep from one cell to the next */
} reader;

static void add_error(import_result *res, arena *a, long long line, const char *fname, int fi,
                      const char *message)
{
    if (res->nerrors >= IMPORT_MAX_ERRORS) {
        res->more++;
        return;
    }
    if (!res->errors) res->errors = arena_alloc(a, sizeof(import_error) * IMPORT_MAX_ERRORS);
    res->errors[res->nerrors++] = (import_error){
        .line = line,
        .field = arena_strdup(a, fname),
        .fi = fi,
        .message = arena_strdup(a, message),
    };
}

/* An error whose message is a catalogue entry with its argument. */
static void add_msg(reader *rd, long long line, const char *fname, int fi, int m, long long arg)
{
    add_error(rd->res, rd->a, line, fname, fi, arena_printf(rd->a, msg(m, rd->x->lang), arg));
}

/* ---- reading */

static void on_cell(void *s, size_t len, void *data)
{
    reader *rd = data;
    if (rd->ncells == rd->capcells) {
        rd->capcells = rd->capcells ? rd->capcells * 2 : 32;
        rd->offs = xrealloc(rd->offs, sizeof(size_t) * (size_t)rd->capcells);
    }
    rd->offs[rd->ncells++] = rd->cells.len;
    if (s && len) buf_put(&rd->cells, s, len);
    buf_putc(&rd->cells, 0);
    for (size_t i = 0; s && i < len; i++)
        if (((const char *)s)[i] == '\n') rd->breaks++;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *rd = data;
    row r = {.line = rd->line - rd->breaks, .n = rd->ncells, .blank = true};
    r.cells = arena_alloc(rd->a, sizeof(char *) * (size_t)(r.n ? r.n : 1));
    for (int i = 0; i < r.n; i++) {
        const char *v = rd->cells.data + rd->offs[i];
        r.cells[i] = arena_strdup(rd->a, v);
        if (!text_is_blank(v)) r.blank = false;
    }
    rd->ncells = 0;
    rd->breaks = 0;
    buf_reset(&rd->cells);
    rd->last_end = rd->line;
    if (rd->nrows > 0 && r.blank) return; /* an empty row, as spreadsheets leave at the end */
    if (rd->nrows > 0 && ++rd->data_rows > IMPORT_MAX_ROWS) {
        rd->too_many = true;
        return;
    }
    if (rd->nrows == rd->caprows) {
        rd->caprows = rd->caprows ? rd->caprows * 2 : 256;
        rd->rows = xrealloc(rd->rows, sizeof(row) * (size_t)rd->caprows);
    }
    rd->rows[rd->nrows++] = r;
}

/* The first line after `after` that is not empty (where an unfinished row began). */
static long long next_nonblank_line(const char *p, const char *end, long long after)
{
    long long line = 1;
    for (; p < end && line <= after; p++)
        if (*p == '\n') line++;
    while (p < end && (*p == '\n' || *p == '\r')) {
        if (*p == '\n') line++;
        p++;
    }
    return line;
}

/* Every line that is not valid UTF-8 (an embedded NUL counts as invalid). */
static bool check_utf8(reader *rd, const char *p, const char *end)
{
    if (utf8_valid(p, (size_t)(end - p))) return true;
    for (long long line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (!utf8_valid(p, (size_t)(le - p))) add_msg(rd, line, NULL, -1, M_IMPORT_BAD_UTF8, 0);
        p = nl ? nl + 1 : end;
    }
    return false;
}

/* Parses the whole file into rd->rows; false (with the errors added) when it cannot. */
static bool read_rows(reader *rd, const char *start, const char *end)
{
    const char *p = start;
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return false;
    /* libcsv grows a cell by this much at a time (128 bytes by default): a 10 MB cell took
     * 80,000 reallocations, each a copy of the cell where realloc cannot grow in place
     * (more than 20 s under AddressSanitizer) */
    csv_set_blk_size(&cp, 1024 * 1024);
    bool ok = true;
    rd->line = 1;
    while (p < end && !rd->too_many) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
        if (csv_parse(&cp, p, n, on_cell, on_row, rd) != n) {
            add_msg(rd, rd->line, NULL, -1, M_IMPORT_BAD_CSV, 0);
            ok = false;
            break;
        }
        p += n;
        if (nl && p < end) rd->line++;
    }
    if (ok && !rd->too_many && csv_fini(&cp, on_cell, on_row, rd) != 0) {
        add_msg(rd, next_nonblank_line(start, end, rd->last_end), NULL, -1, M_IMPORT_UNCLOSED, 0);
        ok = false;
    }
    csv_free(&cp);
    if (rd->too_many) {
        add_msg(rd, 0, NULL, -1, M_IMPORT_TOO_MANY, IMPORT_MAX_ROWS);
        ok = false;
    }
    return ok;
}

/* ---- the header */

typedef struct {
    int *fi;         /* per column: field index, or -1 to ignore the column */
    int id, version; /* the columns "id" and "version" (an export's), or -1 */
} columns;

enum { COL_IGNORED = -2, COL_ID = -3, COL_VERSION = -4 };

static bool same_folded(arena *a, const char *folded, const char *s)
{
    return s && !strcmp(folded, text_fold(a, s));
}

/* The field a column header names: exact name or label first, then ignoring case and
 * accents. -2 for a column to ignore (id, version, time stamps), -1 for none. */
static int header_field(arena *a, const entity *e, const char *h)
{
    static const char *ignored[] = {"id", "version", "created_at", "updated_at", NULL};
    if (!strcasecmp(h, "id")) return COL_ID;
    if (!strcasecmp(h, "version")) return COL_VERSION;
    for (int i = 0; ignored[i]; i++)
        if (!strcasecmp(h, ignored[i])) return -2;
    /* the computed value an export adds (an agreement's status, a figure's check) */
    const derived_field *d = e->derived;
    if (d && (!strcasecmp(h, d->name) || !strcmp(h, d->vi) || !strcmp(h, d->en))) return -2;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!strcasecmp(h, f->name) || !strcmp(h, f->vi) || !strcmp(h, f->en)) return i;
    }
    const char *k = text_fold(a, h);
    if (!k || !*k) return -1;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (same_folded(a, k, f->name) || same_folded(a, k, f->vi) || same_folded(a, k, f->en))
            return i;
    }
    for (int i = 0; ignored[i]; i++)
        if (same_folded(a, k, ignored[i])) return -2;
    const int stamps[] = {M_CREATED_AT, M_UPDATED_AT};
    for (int i = 0; i < 2; i++)
        if (same_folded(a, k, msg(stamps[i], "vi")) || same_folded(a, k, msg(stamps[i], "en")))
            return -2;
    return -1;
}

/* Maps the header's columns to fields; false (with the errors added) when it cannot. */
static bool read_header(reader *rd, const entity *e, columns *cols)
{
    const row *h = &rd->rows[0];
    cols->fi = arena_alloc(rd->a, sizeof(int) * (size_t)(h->n ? h->n : 1));
    bool *seen = arena_alloc(rd->a, sizeof(bool) * (size_t)e->nfields);
    bool ok = true;
    cols->id = cols->version = -1;
    for (int c = 0; c < h->n; c++) {
        char *name = text_trim(arena_strdup(rd->a, h->cells[c]));
        cols->fi[c] = -1;
        if (!*name) { /* a nameless column: fine while it is empty */
            bool used = false;
            for (long long k = 1; k < rd->nrows && !used; k++)
                used = c < rd->rows[k].n && !text_is_blank(rd->rows[k].cells[c]);
            if (used) {
                add_msg(rd, h->line, NULL, -1, M_IMPORT_UNNAMED_COLUMN, c + 1);
                ok = false;
            }
            continue;
        }
        int fi = header_field(rd->a, e, name);
        if (fi == COL_ID || fi == COL_VERSION) {
            if (fi == COL_ID)
                cols->id = c;
            else
                cols->version = c;
            continue;
        }
        if (fi == -1) {
            add_msg(rd, h->line, name, -1, M_IMPORT_UNKNOWN_COLUMN, 0);
            ok = false;
        } else if (fi >= 0 && seen[fi]) {
            add_msg(rd, h->line, name, fi, M_IMPORT_DUP_COLUMN, 0);
            ok = false;
        } else if (fi >= 0) {
            seen[fi] = true;
            /* workflow fields are set by the record type's rules, not by input */
            if (!(e->fields[fi].flags & F_READONLY)) cols->fi[c] = fi;
        }
    }
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if ((f->flags & F_REQUIRED) && !(f->flags & F_READONLY) && !seen[i]) {
            add_msg(rd, h->line, f->name, i, M_IMPORT_MISSING_COLUMN, 0);
            ok = false;
        }
    }
    return ok;
}

/* ---- cells as people write them */

/* The value a form would send for this cell (its type reads labels, names and titles);
 * NULL for an empty one. Validation has the last word. */
static const char *cell_value(reader *rd, const field *f, const char *cell)
{
    /* our own exports guard formula-like cells with an apostrophe: a round trip keeps them */
    char *v = text_trim(arena_strdup(rd->x->a, csv_unguard(cell)));
    return *v ? ftype_of(f)->import_cell(&rd->cr, f, v) : NULL;
}

/* ---- storing */

typedef struct {
    long long id, line;
} stored;

/* The line of the file whose record got this id in this import, or 0. */
static long long line_of(const stored *s, long long n, long long id)
{
    long long lo = 0, hi = n - 1;
    while (lo <= hi) {
        long long mid = (lo + hi) / 2;
        if (s[mid].id == id) return s[mid].line;
        if (s[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

static int store_rows(reader *rd, const entity *e, const columns *cols)
{
    ctx *x = rd->x;
    import_result *res = rd->res;
    const row *h = &rd->rows[0];
    if (store_begin(x->c)) return RS_ERROR;
    stored *done = xmalloc(sizeof(stored) * (size_t)(rd->nrows ? rd->nrows : 1));
    long long ndone = 0;
    int status = RS_OK;
    arena *keep = x->a;
    for (long long k = 1; k < rd->nrows && status == RS_OK; k++) {
        const row *r = &rd->rows[k];
        if (r->n != h->n) {
            add_msg(rd, r->line, NULL, -1, M_IMPORT_CELLS, r->n);
            continue;
        }
        arena ra = {0};
        x->a = &ra;
        record rec = rec_new(&ra, e);
        verrs ve = {0};
        /* a row with an id updates that record (an export edited and imported back), at the
         * version it was exported at when the file says it; else it is a new record */
        long long id = 0, version = 0;
        const char *idc = cols->id >= 0 ? text_trim(arena_strdup(&ra, r->cells[cols->id])) : "";
        const char *vc =
            cols->version >= 0 ? text_trim(arena_strdup(&ra, r->cells[cols->version])) : "";
        rstatus rs = RS_OK;
        if (*idc) {
            char *end;
            id = strtoll(idc, &end, 10);
            if (*end || id <= 0) {
                add_msg(rd, r->line, "id", -1, M_IMPORT_BAD_ID, 0);
                rs = RS_NOTFOUND;
            } else if ((rs = rec_get(x, e, id, &rec)) == RS_NOTFOUND) {
                /* none here (an export of another database): a new record, as without id */
                rec = rec_new(&ra, e);
                id = 0;
                rs = RS_OK;
            } else if (rs != RS_OK) {
                status = rs;
            } else if (*vc) {
                version = strtoll(vc, &end, 10);
                if (*end || version <= 0) version = -1;
            }
        }
        const char **before = NULL;
        if (rs == RS_OK && id) {
            before = arena_alloc(&ra, sizeof *before * (size_t)e->nfields);
            memcpy(before, rec.v, sizeof *before * (size_t)e->nfields);
        }
        for (int c = 0; c < r->n && rs == RS_OK; c++)
            if (cols->fi[c] >= 0) {
                const field *f = &e->fields[cols->fi[c]];
                rec_set(&rec, f->name, cell_value(rd, f, r->cells[c]), &ve);
            }
        bool same = before && !ve.n;
        for (int i = 0; same && i < e->nfields; i++)
            same = (!before[i] && !rec.v[i]) ||
                   (before[i] && rec.v[i] && !strcmp(before[i], rec.v[i]));
        if (same) { /* a row as exported: nothing to write */
            x->a = keep;
            arena_free(&ra);
            continue;
        }
        if (rs == RS_OK && id) {
            long long now_version = rec.version;
            if (version && version != now_version) {
                add_msg(rd, r->line, "version", -1, M_IMPORT_CHANGED, now_version);
                rs = RS_CONFLICT;
            } else
                rs = rec_update_in_tx(x, &rec, &ve);
        } else if (rs == RS_OK)
            rs = rec_create_in_tx(x, &rec, &ve);
        x->a = keep;
        if (status != RS_OK || rs == RS_NOTFOUND || (rs == RS_CONFLICT && id)) {
            /* said above, on the line */
        } else if (rs == RS_OK) {
            done[ndone++] = (stored){rec.id, r->line};
            if (id) res->updated++;
        } else if (rs == RS_INVALID) {
            for (int i = 0; i < ve.n; i++) {
                const char *fname = ve.e[i].field;
                int fi = fname ? entity_field_index(e, fname) : -1;
                int m = ve.e[i].msg;
                long long arg = ve.e[i].arg;
                if (m == M_DUPLICATE) { /* which line of the file, or which record */
                    long long other = line_of(done, ndone, arg);
                    m = other ? M_IMPORT_DUP_IN_FILE : M_IMPORT_DUP_EXISTING;
                    if (other) arg = other;
                }
                add_msg(rd, r->line, fname, fi, m, arg);
            }
        } else {
            status = rs;
        }
        arena_free(&ra);
    }
    free(done);
    if (status == RS_OK && (res->nerrors || res->more)) status = RS_INVALID;
    if (status != RS_OK) {
        store_rollback(x->c);
        return status;
    }
    if (store_commit(x->c) != ST_OK) return RS_ERROR;
    res->imported = ndone;
    return RS_OK;
}

int import_csv(ctx *x, const entity *e, const char *data, size_t len, import_result *res)
{
    *res = (import_result){.status = RS_INVALID};
    reader rd = {.x = x, .a = x->a, .res = res, .cr = {.x = x, .a = x->a}};
    if (!role_can(x->role, PERM_WRITE)) return res->status = RS_FORBIDDEN;
    if (!data) data = "", len = 0; /* no file at all reads as an empty one (found by fuzz_form) */
    const char *p = data, *end = data + len;
    if (len > IMPORT_MAX_BYTES) {
        add_msg(&rd, 0, NULL, -1, M_IMPORT_TOO_BIG, 0);
        return res->status;
    }
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    /* a workbook (zip: .xlsx, .ods) or an old binary .xls given instead of its CSV */
    if ((end - p >= 4 && !memcmp(p, "PK\x03\x04", 4)) ||
        (end - p >= 4 && !memcmp(p, "\xD0\xCF\x11\xE0", 4))) {
        add_msg(&rd, 0, NULL, -1, M_IMPORT_NOT_CSV, 0);
        return res->status;
    }
    bool blank = true;
    for (const char *q = p; q < end && blank; q++)
        blank = strchr(" \t\r\n", *q) != NULL;
    if (blank) {
        add_msg(&rd, 0, NULL, -1, M_IMPORT_EMPTY, 0);
        return res->status;
    }
    if (!check_utf8(&rd, p, end)) return res->status;
    columns cols = {0};
    bool ok = read_rows(&rd, p, end);
    if (ok && rd.nrows == 0) {
        add_msg(&rd, 0, NULL, -1, M_IMPORT_EMPTY, 0);
        ok = false;
    }
    if (ok) ok = read_header(&rd, e, &cols);
    if (ok && rd.nrows == 1) {
        add_msg(&rd, 0, NULL, -1, M_IMPORT_NO_ROWS, 0);
        ok = false;
    }
    res->rows = rd.nrows > 0 ? rd.nrows - 1 : 0;
    if (ok) res->status = store_rows(&rd, e, &cols);
    buf_free(&rd.cells);
    free(rd.offs);
    free(rd.rows);
    return res->status;
}
