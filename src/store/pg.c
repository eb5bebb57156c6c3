/* The PostgreSQL engine (libpq): the driver of db.h for a database named by a postgres://
 * connection string, with any number of processes (nodes) on the same database.
 *
 * Connections come from a pool as SQLite's do; a statement is prepared once per connection
 * (?1 .. ?N turned into $1 .. $N) and run with its parameters as text (blobs as binary),
 * its whole result read at the first step. A write unit is a transaction of its own
 * (PostgreSQL runs them side by side); the data version moves in each commit and is read
 * from the database by each request, so that any node's write moves it. Full-text
 * search is a tsvector over the same folded text SQLite's FTS5 indexes, in search_docs.
 * Attachments' files are kept in the database (blobs), or in a directory every node
 * shares when NGOAIVU_FILES_DIR names one. */
#include "db.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/log.h"

extern const char *const ngv_pg_migrations[];
extern const int ngv_pg_migrations_n;

/* ---- libpq, loaded when a PostgreSQL database is first opened rather than at start: its
 * libraries (OpenSSL, Kerberos, LDAP) hold about 5 MB of memory that a server on an SQLite
 * file never uses. Each function is called through a pointer of its own prototype. */

#define PQ_FUNCS(X)                                                                                \
    X(PQclear)                                                                                     \
    X(PQcmdTuples)                                                                                 \
    X(PQconnectdb)                                                                                 \
    X(PQconnectdbParams)                                                                           \
    X(PQconninfoFree)                                                                              \
    X(PQconninfoParse)                                                                             \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecPrepared)                                                                              \
    X(PQfinish)                                                                                    \
    X(PQconsumeInput)                                                                              \
    X(PQfreemem)                                                                                   \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQisBusy)                                                                                    \
    X(PQnotifies)                                                                                  \
    X(PQntuples)                                                                                   \
    X(PQprepare)                                                                                   \
    X(PQresultErrorField)                                                                          \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsendQuery)                                                                                 \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQsocket)                                                                                    \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)                                                                         \
    X(PQunescapeBytea)

#define PQ_POINTER(f) static __typeof__(f) *pq_##f;
PQ_FUNCS(PQ_POINTER)

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static bool pq_loaded;
static char pq_error[256];

static void pq_load(void)
{
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(pq_error, sizeof pq_error, "%s", dlerror());
        return;
    }
#define PQ_RESOLVE(f)                                                                              \
    if (!(pq_##f = (__typeof__(pq_##f))dlsym(h, #f))) {                                            \
        snprintf(pq_error, sizeof pq_error, "libpq.so.5 has no %s", #f);                           \
        return;                                                                                    \
    }
    PQ_FUNCS(PQ_RESOLVE)
    pq_loaded = true;
}

enum { PG_CACHE = 64, PG_PARAMS = 64, FOLLOW_NODES = 64 };

/* A statement prepared on a connection. */
typedef struct {
    char *sql; /* as the store wrote it, with ?N */
    char name[16];
    int nparams;
    unsigned used;
} pstmt;

typedef struct {
    conn base;
    PGconn *pg;
    pstmt cache[PG_CACHE];
    unsigned tick, names;
    long long changes; /* rows the last statement changed */
    /* the unit's changes to row counts, written with its commit (count_later) */
    struct {
        const char *table; /* a description's: lives as long as the program */
        long long delta;
    } counts[16];
    int ncounts;
} pg_conn;

#define PG(c) (((pg_conn *)(c))->pg)

/* One run of a statement: its parameters, then its result. */
typedef struct {
    pstmt *ps;
    char *vals[PG_PARAMS];
    int lens[PG_PARAMS], fmts[PG_PARAMS];
    PGresult *res;
    int row, nrows;
} prun;

struct store {
    const driver *d;
    char *conninfo;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    conn **idle;
    int nidle, open, max;
    int version;
    pthread_mutex_t stats_mu;
    long long units, commits;
    /* the data version's reads, shared by the requests that wait for one (pg_data_version) */
    struct {
        unsigned begun, ended; /* reads begun and ended, in order; a futex word, ended */
        int busy;              /* one is in flight */
        long long value;       /* what the last one to end read */
    } ver;
    /* following the version: the listener's thread (pg_follow) */
    struct {
        pthread_t thread;
        bool started;
        int wake; /* an eventfd: stop */
        int stop;
        int live;         /* listening, and its last check answered: known is current */
        long long known;  /* the highest version committed that this process knows of */
        unsigned heard_n; /* a futex word: moves with what the listener hears */
        char me[20];      /* this node's name in the acknowledgements */
        pthread_mutex_t mu;
        struct {
            char id[20];
            long long heard, seen; /* what it knows; when it last said so */
        } nodes[FOLLOW_NODES];
        int nnodes;
    } follow;
};

static const driver pg_driver;
static void follow_stop(store *s);

/* ---- statements */

/* The SQLSTATE of a failure, as an ST_* code; the message says which constraint the way
 * SQLite's does ("UNIQUE constraint failed: partners.name_vi_key"), which st_unique_field
 * reads: the unique indexes are named <table>_<column>. */
static int fail_res(conn *c, const PGresult *res, const char *sql)
{
    const char *state = res ? pq_PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? pq_PQresultErrorMessage(res) : pq_PQerrorMessage(PG(c));
    int rc = ST_ERROR;
    if (state && !strcmp(state, "23505")) {
        const char *table = pq_PQresultErrorField(res, PG_DIAG_TABLE_NAME);
        const char *cons = pq_PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
        size_t tn = table ? strlen(table) : 0;
        if (table && cons && !strncmp(cons, table, tn) && cons[tn] == '_')
            snprintf(c->err, sizeof c->err, "UNIQUE constraint failed: %s.%s", table,
                     cons + tn + 1);
        else
            snprintf(c->err, sizeof c->err, "%s", msg);
        rc = ST_CONSTRAINT;
    } else {
        snprintf(c->err, sizeof c->err, "%s", msg && *msg ? msg : "connection lost");
        if (state && !strncmp(state, "23", 2))
            rc = ST_CONSTRAINT;
        else if (state &&
                 (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
            rc = ST_BUSY;
    }
    size_t n = strlen(c->err);
    while (n && (c->err[n - 1] == '\n' || c->err[n - 1] == ' '))
        c->err[--n] = 0;
    log_error("sql error: %s [%s]", c->err, sql ? sql : "");
    return rc;
}

/* The store's ?N placeholders as PostgreSQL's $N (outside quoted text); *nparams: the
 * highest N. */
static char *translate(const char *sql, int *nparams)
{
    buf b = {0};
    *nparams = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
            int n = (int)strtol(p + 1, NULL, 10);
            if (n > *nparams) *nparams = n;
            buf_putc(&b, '$');
            continue;
        }
        buf_putc(&b, *p);
    }
    char *r = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return r;
}

static int pg_prep(conn *c, stmt *s, const char *sql)
{
    pg_conn *pc = (pg_conn *)c;
    s->c = c;
    s->st = NULL;
    pstmt *ps = NULL;
    int lru = 0;
    for (int i = 0; i < PG_CACHE; i++) {
        if (pc->cache[i].sql && !strcmp(pc->cache[i].sql, sql)) {
            ps = &pc->cache[i];
            break;
        }
        if (pc->cache[i].used < pc->cache[lru].used) lru = i;
    }
    if (!ps) {
        ps = &pc->cache[lru];
        if (ps->sql) {
            char q[48];
            snprintf(q, sizeof q, "DEALLOCATE %s", ps->name);
            pq_PQclear(pq_PQexec(pc->pg, q));
            free(ps->sql);
            ps->sql = NULL;
        }
        int n;
        char *text = translate(sql, &n);
        if (n > PG_PARAMS) {
            free(text);
            snprintf(c->err, sizeof c->err, "more than %d parameters", PG_PARAMS);
            log_error("sql error: %s [%s]", c->err, sql);
            return ST_ERROR;
        }
        snprintf(ps->name, sizeof ps->name, "s%u", ++pc->names);
        PGresult *res = pq_PQprepare(pc->pg, ps->name, text, 0, NULL);
        free(text);
        if (pq_PQresultStatus(res) != PGRES_COMMAND_OK) {
            int rc = fail_res(c, res, sql);
            pq_PQclear(res);
            return rc;
        }
        pq_PQclear(res);
        ps->sql = xstrdup(sql);
        ps->nparams = n;
    }
    ps->used = ++pc->tick;
    prun *r = calloc(1, sizeof *r);
    if (!r) abort();
    r->ps = ps;
    r->row = -1;
    s->st = r;
    return ST_OK;
}

static void set_param(stmt *s, int i, char *v, int len, int fmt)
{
    prun *r = s->st;
    if (i < 1 || i > r->ps->nparams) {
        free(v);
        return;
    }
    free(r->vals[i - 1]);
    r->vals[i - 1] = v;
    r->lens[i - 1] = len;
    r->fmts[i - 1] = fmt;
}

static void pg_b_textn(stmt *s, int i, const char *v, size_t n)
{
    char *copy = malloc(n + 1);
    if (!copy) abort();
    memcpy(copy, v, n);
    copy[n] = 0;
    set_param(s, i, copy, (int)n, 0);
}

static void pg_b_text(stmt *s, int i, const char *v)
{
    if (v)
        pg_b_textn(s, i, v, strlen(v));
    else
        set_param(s, i, NULL, 0, 0);
}

static void pg_b_int(stmt *s, int i, long long v)
{
    char n[24];
    snprintf(n, sizeof n, "%lld", v);
    pg_b_text(s, i, n);
}

static void pg_b_blob(stmt *s, int i, const void *v, size_t n)
{
    if (!v) {
        set_param(s, i, NULL, 0, 0);
        return;
    }
    char *copy = malloc(n ? n : 1);
    if (!copy) abort();
    memcpy(copy, v, n);
    set_param(s, i, copy, (int)n, 1); /* binary: bytea as is */
}

static void pg_done(stmt *s)
{
    prun *r = s->st;
    if (!r) return;
    for (int i = 0; i < PG_PARAMS; i++)
        free(r->vals[i]);
    pq_PQclear(r->res);
    free(r);
    s->st = NULL;
}

static void autocommitted(conn *c);

static int pg_step(stmt *s)
{
    prun *r = s->st;
    pg_conn *pc = (pg_conn *)s->c;
    if (!r) return ST_ERROR;
    if (r->row < 0) {
        r->res = pq_PQexecPrepared(pc->pg, r->ps->name, r->ps->nparams,
                                   (const char *const *)r->vals, r->lens, r->fmts, 0);
        ExecStatusType st = pq_PQresultStatus(r->res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
            int rc = fail_res(s->c, r->res, r->ps->sql);
            pg_done(s);
            return rc;
        }
        r->nrows = st == PGRES_TUPLES_OK ? pq_PQntuples(r->res) : 0;
        const char *ct = pq_PQcmdTuples(r->res);
        pc->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
        r->row = 0;
        if (st == PGRES_COMMAND_OK && !s->c->in_tx && pc->changes > 0) autocommitted(s->c);
    } else {
        r->row++;
    }
    return r->row < r->nrows ? DB_ROW : DB_DONE;
}

static bool pg_col_null(stmt *s, int i)
{
    prun *r = s->st;
    return pq_PQgetisnull(r->res, r->row, i);
}

static long long pg_col_int(stmt *s, int i)
{
    prun *r = s->st;
    return strtoll(pq_PQgetvalue(r->res, r->row, i), NULL, 10);
}

static const char *pg_col_raw(stmt *s, int i, size_t *n)
{
    prun *r = s->st;
    if (pq_PQgetisnull(r->res, r->row, i)) {
        *n = 0;
        return NULL;
    }
    *n = (size_t)pq_PQgetlength(r->res, r->row, i);
    return pq_PQgetvalue(r->res, r->row, i);
}

static long long pg_changes(conn *c)
{
    return ((pg_conn *)c)->changes;
}

static int pg_exec_script(conn *c, const char *sql)
{
    PGresult *res = pq_PQexec(PG(c), sql);
    ExecStatusType st = pq_PQresultStatus(res);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? ST_OK : fail_res(c, res, sql);
    pq_PQclear(res);
    return rc;
}

/* ---- the dialect */

static void pg_id_list(buf *sql, const char *table, const char *name)
{
    buf_printf(sql, "(SELECT string_agg(ref::text, ',' ORDER BY pos) FROM %s_%s WHERE rid = %s.id)",
               table, name, table);
}

static void pg_search_ids(buf *sql, int code, int param)
{
    buf_printf(sql,
               "id IN (SELECT rid FROM search_docs WHERE entity = %d AND "
               "tsv @@ to_tsquery('simple', ?%d))",
               code, param);
}

/* Folded words as a tsquery: each a quoted lexeme, all required; with prefix the last one
 * also matches longer words. The words are folded (letters, digits, single spaces), and a
 * quote is doubled all the same. */
static const char *pg_search_query(arena *a, const char *words, bool prefix)
{
    buf b = {0};
    const char *p = words;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p == w) continue;
        if (b.len) buf_puts(&b, " & ");
        buf_putc(&b, '\'');
        for (const char *q = w; q < p; q++) {
            if (*q == '\'' || *q == '\\') buf_putc(&b, *q);
            buf_putc(&b, *q);
        }
        buf_putc(&b, '\'');
        if (prefix && !*p) buf_puts(&b, ":*");
    }
    char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

/* JSON as SQLite's json_object writes it, compact: PostgreSQL's own functions put spaces
 * after colons and commas, so the object is put together here, each value written by
 * to_json (strings escaped as SQLite escapes them). */
static void pg_json_value(buf *sql, const entity *e, const field *f)
{
    switch (field_store_of(f)->json) {
    case FJ_BOOL:
        buf_printf(sql, "CASE WHEN %s <> 0 THEN 'true' ELSE 'false' END", f->name);
        break;
    case FJ_CODES:
        buf_printf(sql, "coalesce(to_json(string_to_array(%s, ','))::text, 'null')", f->name);
        break;
    case FJ_IDS:
        buf_printf(sql,
                   "'[' || coalesce((SELECT string_agg(ref::text, ',' ORDER BY pos) FROM %s_%s "
                   "WHERE rid = %s.id), '') || ']'",
                   e->table, f->name, e->table);
        break;
    case FJ_NUMBER:
        buf_printf(sql, "coalesce(%s::text, 'null')", f->name);
        break;
    case FJ_STRING:
        buf_printf(sql, "coalesce(to_json(%s)::text, 'null')", f->name);
        break;
    }
}

static void pg_json_row(buf *sql, const entity *e)
{
    buf_puts(sql, "('{\"id\":' || id || ',\"version\":' || version || ',\"created_at\":' || "
                  "coalesce(to_json(created_at)::text, 'null') || ',\"updated_at\":' || "
                  "coalesce(to_json(updated_at)::text, 'null')");
    for (int i = 0; i < e->nfields; i++) {
        buf_printf(sql, " || ',\"%s\":' || ", e->fields[i].name);
        pg_json_value(sql, e, &e->fields[i]);
    }
    buf_puts(sql, " || '}')");
}

/* A failed statement ends a PostgreSQL transaction: the ones the unit goes on after run
 * in a savepoint (outside a unit, a statement is a transaction already). */
static void pg_guard(conn *c, int op)
{
    if (!c->in_tx) return;
    const char *sql = op == GUARD_BEGIN ? "SAVEPOINT guard"
                      : op == GUARD_END ? "RELEASE SAVEPOINT guard"
                                        : "ROLLBACK TO SAVEPOINT guard";
    pq_PQclear(pq_PQexec(PG(c), sql));
}

/* Attachments' files: in the database (blobs), which every node reaches, or in the
 * directory NGOAIVU_FILES_DIR when one is named (shared storage every node mounts). */
static bool pg_files_dir(conn *c, char *out, size_t n, const char *sha)
{
    (void)c;
    const char *dir = getenv("NGOAIVU_FILES_DIR");
    if (!dir || !*dir) return false;
    if (sha)
        snprintf(out, n, "%s/%.2s", dir, sha);
    else
        snprintf(out, n, "%s", dir);
    return true;
}
/* ---- connections, the schema, the pool */

/* What the server says besides answers (a NOTICE, a WARNING such as ANALYZE's on the
 * catalogues a non-superuser may not analyze) goes to the log, not to standard error. */
static void on_notice(void *unused, const char *message)
{
    (void)unused;
    size_t n = strlen(message);
    while (n && message[n - 1] == '\n')
        n--;
    log_info("postgres: %.*s", (int)n, message);
}

static conn *pg_conn_open(store *s, char *err, size_t errlen)
{
    pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc) abort();
    pc->base.d = &pg_driver;
    pc->base.s = s;
    pc->pg = pq_PQconnectdb(s->conninfo);
    if (pq_PQstatus(pc->pg) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", pq_PQerrorMessage(pc->pg));
        size_t k = strlen(err);
        while (k && err[k - 1] == '\n')
            err[--k] = 0;
        pq_PQfinish(pc->pg);
        free(pc);
        return NULL;
    }
    pq_PQsetNoticeProcessor(pc->pg, on_notice, NULL);
    pq_PQclear(pq_PQexec(pc->pg, "SET client_min_messages = warning"));
    return &pc->base;
}

static void pg_conn_close(conn *c)
{
    if (!c) return;
    pg_conn *pc = (pg_conn *)c;
    for (int i = 0; i < PG_CACHE; i++)
        free(pc->cache[i].sql);
    pq_PQfinish(pc->pg);
    free(pc);
}

/* One value of a query on a connection, or -1. */
static long long pg_value(conn *c, const char *sql)
{
    PGresult *res = pq_PQexec(PG(c), sql);
    long long v = -1;
    if (pq_PQresultStatus(res) == PGRES_TUPLES_OK && pq_PQntuples(res) == 1 &&
        !pq_PQgetisnull(res, 0, 0))
        v = strtoll(pq_PQgetvalue(res, 0, 0), NULL, 10);
    pq_PQclear(res);
    return v;
}

/* The schema: refuses a database of another program or a newer schema, applies this
 * program's missing migrations (migrations/pg/), each in its transaction. Two programs
 * starting at once take turns on an advisory lock. */
static int pg_migrate(conn *c, char *err, size_t errlen)
{
    if (pg_exec_script(c, "SELECT pg_advisory_lock(4739665)") != ST_OK) {
        snprintf(err, errlen, "%s", c->err);
        return -1;
    }
    int rc = -1;
    long long tables = pg_value(c, "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                   "current_schema()");
    long long has_info = pg_value(c, "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                     "current_schema() AND tablename = 'schema_info'");
    long long ver = 0;
    if (has_info == 1) {
        if (pg_value(c, "SELECT count(*) FROM schema_info WHERE application = 'ngoaivu'") != 1) {
            snprintf(err, errlen, "the database is not an ngoaivu database (schema_info)");
            goto out;
        }
        ver = pg_value(c, "SELECT version FROM schema_info");
    } else if (tables > 0) {
        snprintf(err, errlen,
                 "the database holds tables of another program, not of ngoaivu; refusing to "
                 "touch it");
        goto out;
    }
    if (ver > ngv_pg_migrations_n) {
        snprintf(err, errlen,
                 "the database has schema version %lld, newer than this program's "
                 "%d: use a newer ngoaivu",
                 ver, ngv_pg_migrations_n);
        goto out;
    }
    for (long long v = ver; v < ngv_pg_migrations_n; v++) {
        char set[96];
        snprintf(set, sizeof set, "UPDATE schema_info SET version = %lld", v + 1);
        if (pg_exec_script(c, "BEGIN") != ST_OK ||
            pg_exec_script(c, ngv_pg_migrations[v]) != ST_OK || pg_exec_script(c, set) != ST_OK ||
            pg_exec_script(c, "COMMIT") != ST_OK) {
            snprintf(err, errlen, "migration %lld failed: %s", v + 1, c->err);
            pg_exec_script(c, "ROLLBACK");
            goto out;
        }
        log_info("database: applied PostgreSQL migration %lld", v + 1);
    }
    c->s->version = ngv_pg_migrations_n;
    rc = 0;
out:
    pg_exec_script(c, "SELECT pg_advisory_unlock(4739665)");
    return rc;
}

static void pg_close(store *s)
{
    if (!s) return;
    follow_stop(s);
    for (int i = 0; i < s->nidle; i++)
        pg_conn_close(s->idle[i]);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->stats_mu);
    free(s->idle);
    free(s->conninfo);
    free(s);
}

int pg_open(const char *conninfo, bool create, int pool_size, store **out, char *err, size_t errlen)
{
    (void)create; /* a PostgreSQL database is created by its administrator, then filled */
    pthread_once(&pq_once, pq_load);
    if (!pq_loaded) {
        snprintf(err, errlen, "PostgreSQL's client library cannot be loaded (%s): install libpq5",
                 pq_error);
        return -1;
    }
    /* a password written in --db shows in every process list: libpq takes it from
     * PGPASSWORD or ~/.pgpass instead */
    char *perr = NULL;
    PQconninfoOption *opts = pq_PQconninfoParse(conninfo, &perr);
    if (!opts) {
        snprintf(err, errlen, "not a PostgreSQL connection string: %s", perr ? perr : "?");
        pq_PQfreemem(perr);
        return -1;
    }
    bool password = false;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (!strcmp(o->keyword, "password") && o->val && *o->val) password = true;
    pq_PQconninfoFree(opts);
    if (password) {
        snprintf(err, errlen,
                 "the connection string holds a password, which every user of this machine "
                 "can see in the list of processes: put it in ~/.pgpass or PGPASSWORD instead");
        return -1;
    }
    store *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->d = &pg_driver;
    s->conninfo = xstrdup(conninfo);
    s->max = pool_size > 0 ? pool_size : 4;
    s->idle = calloc((size_t)s->max, sizeof *s->idle);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->stats_mu, NULL);
    conn *c = pg_conn_open(s, err, errlen);
    if (!c || pg_migrate(c, err, errlen) != 0) {
        pg_conn_close(c);
        pg_close(s);
        return -1;
    }
    s->idle[s->nidle++] = c;
    s->open = 1;
    *out = s;
    return 0;
}

static int pg_schema_version(store *s)
{
    return s->version;
}

static int pg_schema_latest(void)
{
    return ngv_pg_migrations_n;
}

static conn *pg_try_acquire(store *s)
{
    pthread_mutex_lock(&s->mu);
    for (;;) {
        if (s->nidle) {
            conn *c = s->idle[--s->nidle];
            pthread_mutex_unlock(&s->mu);
            return c;
        }
        if (s->open < s->max) {
            s->open++;
            pthread_mutex_unlock(&s->mu);
            char err[512];
            conn *c = pg_conn_open(s, err, sizeof err);
            if (!c) { /* the next request tries again */
                log_error("%s", err);
                pthread_mutex_lock(&s->mu);
                s->open--;
                pthread_cond_signal(&s->cv);
                pthread_mutex_unlock(&s->mu);
            }
            return c;
        }
        pthread_cond_wait(&s->cv, &s->mu);
    }
}

static void pg_rollback(conn *c);

static void pg_release(store *s, conn *c)
{
    if (c->in_tx) pg_rollback(c);
    c->alone = false;
    pthread_mutex_lock(&s->mu);
    if (pq_PQstatus(PG(c)) != CONNECTION_OK || pq_PQtransactionStatus(PG(c)) != PQTRANS_IDLE) {
        pg_conn_close(c); /* a broken connection is not kept: the next one is opened anew */
        s->open--;
    } else {
        s->idle[s->nidle++] = c;
    }
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void pg_set_alone(conn *c, bool alone)
{
    c->alone = alone; /* nothing to gain here: every unit is a transaction of its own */
}

/* ---- write units */

static int pg_begin(conn *c)
{
    if (pg_exec_script(c, "BEGIN") != ST_OK) return ST_ERROR;
    c->in_tx = 1;
    return ST_OK;
}

/* A unit's last statements and its COMMIT, sent at once: each result checked, the new data
 * version (the RETURNING of the UPDATE of meta) in *version. */
static int exec_commit(conn *c, const char *sql, long long *version)
{
    if (!pq_PQsendQuery(PG(c), sql)) return fail_res(c, NULL, sql);
    int rc = ST_OK;
    PGresult *res;
    while ((res = pq_PQgetResult(PG(c)))) {
        ExecStatusType st = pq_PQresultStatus(res);
        if (st == PGRES_TUPLES_OK && pq_PQntuples(res) == 1)
            *version = strtoll(pq_PQgetvalue(res, 0, 0), NULL, 10);
        else if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && rc == ST_OK)
            rc = fail_res(c, res, sql);
        pq_PQclear(res);
    }
    return rc;
}

static void follow_committed(store *s, long long version);

/* The data version and the unit's row counts move in the commit, as the unit's last
 * statements: a reader sees the new version exactly when it sees the unit's data, and
 * those rows, which every write unit changes, are locked only while the commit is written
 * (one round trip for all), so units of many nodes run side by side. */
static int pg_count_later(conn *c, const char *table, int delta)
{
    pg_conn *pc = (pg_conn *)c;
    for (int i = 0; i < pc->ncounts; i++)
        if (!strcmp(pc->counts[i].table, table)) {
            pc->counts[i].delta += delta;
            return ST_OK;
        }
    if (pc->ncounts == (int)(sizeof pc->counts / sizeof *pc->counts)) { /* many types: now */
        char q[160];
        snprintf(q, sizeof q, "UPDATE counts SET n = n + %d WHERE entity = '%s'", delta, table);
        return pg_exec_script(c, q);
    }
    pc->counts[pc->ncounts].table = table;
    pc->counts[pc->ncounts++].delta = delta;
    return ST_OK;
}

static int pg_commit(conn *c)
{
    pg_conn *pc = (pg_conn *)c;
    buf q = {0};
    for (int i = 0; i < pc->ncounts; i++) /* table names come from the descriptions */
        if (pc->counts[i].delta)
            buf_printf(&q, "UPDATE counts SET n = n + %lld WHERE entity = '%s'; ",
                       pc->counts[i].delta, pc->counts[i].table);
    pc->ncounts = 0;
    buf_puts(&q, "UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value; "
                 "COMMIT");
    long long version = -1;
    int rc = exec_commit(c, buf_cstr(&q), &version);
    buf_free(&q);
    if (rc) {
        pg_exec_script(c, "ROLLBACK");
        c->in_tx = 0;
        return rc;
    }
    c->in_tx = 0;
    store *s = c->s;
    if (version > 0) follow_committed(s, version);
    pthread_mutex_lock(&s->stats_mu);
    s->units++;
    s->commits++;
    pthread_mutex_unlock(&s->stats_mu);
    return ST_OK;
}

static void pg_rollback(conn *c)
{
    ((pg_conn *)c)->ncounts = 0;
    if (!c->in_tx) return;
    pg_exec_script(c, "ROLLBACK");
    c->in_tx = 0;
}

static void pg_write_stats(store *s, long long *units, long long *commits)
{
    pthread_mutex_lock(&s->stats_mu);
    *units = s->units;
    *commits = s->commits;
    pthread_mutex_unlock(&s->stats_mu);
}

static long long read_version(conn *c)
{
    stmt s;
    long long v = -1;
    if (prep(c, &s, "SELECT value FROM meta WHERE key = 'data_version'")) return -1;
    if (step(&s) == DB_ROW) v = col_int(&s, 0);
    done(&s);
    return v;
}

/* The data version, read from the database: what lets a node see another node's write
 * from its commit on. The requests that ask at the same time share one read: a request
 * takes the value of a read that began after it asked (so that it sees every write
 * committed before), which is the next read to begin. While one is in flight, those that
 * ask wait for it to end, then one of them reads for all. Under load that is one round
 * trip for as many requests as arrive during one, rather than one each; unloaded it is
 * one each, as before. The waiters sleep on the count of reads ended (a futex) and wake
 * without taking a lock, all at once. Inside a transaction the connection reads its own.
 * (While the version is followed, pg_data_version takes it from memory instead.) */
static long long shared_read(conn *c)
{
    if (c->in_tx) return read_version(c);
    __typeof__(c->s->ver) *v = &c->s->ver;
    unsigned need = __atomic_load_n(&v->begun, __ATOMIC_ACQUIRE) + 1;
    for (;;) {
        unsigned ended = __atomic_load_n(&v->ended, __ATOMIC_ACQUIRE);
        if ((int)(ended - need) >= 0) { /* read for us, by a read that began after we asked */
            long long value = __atomic_load_n(&v->value, __ATOMIC_ACQUIRE);
            return value >= 0 ? value : read_version(c); /* its connection failed, not ours */
        }
        int idle = 0;
        if (__atomic_compare_exchange_n(&v->busy, &idle, 1, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            /* no read is in flight, so begun == ended (read again: another may have ended
             * since), and this one begins after we asked */
            unsigned n = __atomic_load_n(&v->ended, __ATOMIC_ACQUIRE) + 1;
            __atomic_store_n(&v->begun, n, __ATOMIC_RELEASE);
            long long value = read_version(c);
            __atomic_store_n(&v->value, value, __ATOMIC_RELEASE);
            __atomic_store_n(&v->ended, n, __ATOMIC_RELEASE);
            __atomic_store_n(&v->busy, 0, __ATOMIC_RELEASE);
            syscall(SYS_futex, &v->ended, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
            return value;
        }
        /* one is in flight: it ends by moving ended, which wakes us (or we do not sleep) */
        syscall(SYS_futex, &v->ended, FUTEX_WAIT_PRIVATE, ended, NULL, NULL, 0);
    }
}

/* ---- following the version (a serving node). One connection of its own listens to
 * ngoaivu_version, which every change of the data version announces at its commit
 * (migration 004), so that a request takes the version from memory rather than from a
 * round trip to the database.
 *
 * A notice arrives a little after the commit, and a node may take it later than the
 * writer's client hears back. So the nodes acknowledge: each says on ngoaivu_heard what it
 * knows ("<node> <version>", once it knows it), when it has heard something new and once
 * a second besides, and a write's answer waits until every node heard from in the last
 * FOLLOW_GONE_MS knows its version (at most FOLLOW_WAIT_MS: a node that slow is late, and
 * says so in the log; 50 ms was passed on a loaded machine, whose nodes then served what
 * had changed). A request that comes after a write's answer therefore finds its
 * version on every node. A node counts as listening (live) once it has heard its own
 * first acknowledgement: notices come in commit order, so it has heard by then every
 * version announced before it joined, and whoever commits after has heard it join.
 *
 * The listener checks its connection each second. While it is not listening (starting, a
 * broken or silent connection, the database away), every request reads the version
 * (shared_read), and it listens again as soon as it can. What is written by a command
 * (ngoaivu import, remind) or by hand reaches the nodes as a notice, unacknowledged. */

enum { FOLLOW_CHECK_MS = 1000, FOLLOW_SILENT_MS = 3000, FOLLOW_WAIT_MS = 1000 };
/* longer than a node takes to find its own connection silent (check + silent) */
enum { FOLLOW_GONE_MS = 5000 };

static void follow_raise(long long *at, long long v)
{
    long long cur = __atomic_load_n(at, __ATOMIC_ACQUIRE);
    while (v > cur &&
           !__atomic_compare_exchange_n(at, &cur, v, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    }
}

static void follow_wake(store *s)
{
    __atomic_add_fetch(&s->follow.heard_n, 1, __ATOMIC_ACQ_REL);
    syscall(SYS_futex, &s->follow.heard_n, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void follow_set_live(store *s, int live)
{
    __atomic_store_n(&s->follow.live, live, __ATOMIC_RELEASE);
    follow_wake(s);
}

/* An acknowledgement heard: the node's version, and that it is there. */
static void follow_node(store *s, const char *payload)
{
    char id[20];
    long long v;
    if (sscanf(payload, "%19s %lld", id, &v) != 2) return;
    long long now = clock_micros();
    pthread_mutex_lock(&s->follow.mu);
    int i = 0;
    while (i < s->follow.nnodes && strcmp(s->follow.nodes[i].id, id))
        i++;
    if (i == s->follow.nnodes) { /* a new one, or the place of one long gone */
        for (int j = 0; j < s->follow.nnodes && i == s->follow.nnodes; j++)
            if (now - s->follow.nodes[j].seen > FOLLOW_GONE_MS * 1000LL) i = j;
        if (i == s->follow.nnodes && s->follow.nnodes < FOLLOW_NODES) s->follow.nnodes++;
        if (i < s->follow.nnodes) {
            snprintf(s->follow.nodes[i].id, sizeof s->follow.nodes[i].id, "%s", id);
            s->follow.nodes[i].heard = 0;
        }
    }
    if (i < s->follow.nnodes) {
        if (v > s->follow.nodes[i].heard) s->follow.nodes[i].heard = v;
        s->follow.nodes[i].seen = v < 0 ? 0 : now; /* -1: it stops, none to wait for */
    }
    pthread_mutex_unlock(&s->follow.mu);
    follow_wake(s);
}

/* Whether every node there knows version; the name of one that does not, in late. */
static bool follow_all_know(store *s, long long version, char *late, size_t n)
{
    long long now = clock_micros();
    bool all = true;
    pthread_mutex_lock(&s->follow.mu);
    for (int i = 0; i < s->follow.nnodes && all; i++)
        if (now - s->follow.nodes[i].seen <= FOLLOW_GONE_MS * 1000LL &&
            s->follow.nodes[i].heard < version) {
            all = false;
            snprintf(late, n, "%s", s->follow.nodes[i].id);
        }
    pthread_mutex_unlock(&s->follow.mu);
    return all;
}

static void follow_committed(store *s, long long version)
{
    follow_raise(&s->follow.known, version);
    if (!s->follow.started) return;
    long long until = clock_micros() + FOLLOW_WAIT_MS * 1000LL;
    char late[20] = "";
    for (;;) {
        unsigned n = __atomic_load_n(&s->follow.heard_n, __ATOMIC_ACQUIRE);
        if (!__atomic_load_n(&s->follow.live, __ATOMIC_ACQUIRE) ||
            follow_all_know(s, version, late, sizeof late))
            return;
        long long left = until - clock_micros();
        if (left <= 0) { /* said once a second at most */
            static long long said;
            long long now = clock_micros(), last = __atomic_load_n(&said, __ATOMIC_RELAXED);
            if (now - last > 1000000 &&
                __atomic_compare_exchange_n(&said, &last, now, false, __ATOMIC_RELAXED,
                                            __ATOMIC_RELAXED))
                log_error("node %s has not acknowledged data version %lld within %d ms", late,
                          version, FOLLOW_WAIT_MS);
            return;
        }
        struct timespec ts = {.tv_sec = left / 1000000, .tv_nsec = (left % 1000000) * 1000};
        syscall(SYS_futex, &s->follow.heard_n, FUTEX_WAIT_PRIVATE, n, &ts, NULL, 0);
    }
}

/* A write outside a unit (a session ended, a user changed) commits on its own, and a
 * trigger may have raised the data version with it (migrations: sessions_end_version,
 * users_change_version). Its version is then this node's own commit's, as in pg_commit:
 * known here at once, not when the notice comes back, and heard by the other nodes before
 * the answer goes, so that no node serves what it made stale (a kept session after its
 * logout). Unchanged, every node knows the version already and nothing is waited for. */
static void autocommitted(conn *c)
{
    long long version = read_version(c);
    if (version > 0) follow_committed(c->s, version);
}

/* Waits for the socket, or the stop; false when stopping. */
static bool follow_poll(store *s, int sock, int ms, bool *readable)
{
    struct pollfd p[2] = {{.fd = s->follow.wake, .events = POLLIN}, {.fd = sock, .events = POLLIN}};
    int n = poll(p, sock >= 0 ? 2 : 1, ms);
    if (__atomic_load_n(&s->follow.stop, __ATOMIC_ACQUIRE)) return false;
    *readable = n > 0 && sock >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR));
    return true;
}

/* The notices libpq has read (with input, or with a query's results). */
static void follow_notices(store *s, PGconn *pg)
{
    PGnotify *n;
    while ((n = pq_PQnotifies(pg))) {
        if (!strcmp(n->relname, "ngoaivu_version")) {
            follow_raise(&s->follow.known, strtoll(n->extra, NULL, 10));
        } else {
            follow_node(s, n->extra);
            size_t k = strlen(s->follow.me);
            if (!strncmp(n->extra, s->follow.me, k) && n->extra[k] == ' ' &&
                !__atomic_load_n(&s->follow.live, __ATOMIC_ACQUIRE))
                follow_set_live(s, 1); /* its own first: it has heard all before */
        }
        pq_PQfreemem(n);
    }
}

/* One connection's life: LISTEN, the version, then notices, acknowledgements and checks,
 * one query at a time, until it fails. */
static void follow_one(store *s, PGconn *pg)
{
    PGresult *res = pq_PQexec(pg, "SET synchronous_commit = off; " /* a notice needs no fsync */
                                  "LISTEN ngoaivu_version; LISTEN ngoaivu_heard");
    bool ok = pq_PQresultStatus(res) == PGRES_COMMAND_OK;
    pq_PQclear(res);
    if (!ok) return;
    enum { NONE, CHECK, ACK } asking = CHECK;
    if (!pq_PQsendQuery(pg, "SELECT value FROM meta WHERE key = 'data_version'")) return;
    long long asked = clock_micros(), checked = 0, acked = -1;
    for (;;) {
        bool readable = false;
        long long now = clock_micros();
        int ms = asking ? FOLLOW_SILENT_MS - (int)((now - asked) / 1000)
                        : FOLLOW_CHECK_MS - (int)((now - checked) / 1000);
        if (!follow_poll(s, pq_PQsocket(pg), ms > 0 ? ms : 0, &readable)) return;
        if (readable && !pq_PQconsumeInput(pg)) return;
        follow_notices(s, pg);
        now = clock_micros();
        if (asking && !pq_PQisBusy(pg)) {
            while ((res = pq_PQgetResult(pg))) {
                ExecStatusType st = pq_PQresultStatus(res);
                if (st != PGRES_TUPLES_OK || pq_PQntuples(res) != 1)
                    ok = false;
                else if (asking == CHECK)
                    follow_raise(&s->follow.known, strtoll(pq_PQgetvalue(res, 0, 0), NULL, 10));
                pq_PQclear(res);
            }
            if (!ok) return;
            follow_notices(s, pg); /* those that came with the results */
            if (asking == CHECK) {
                checked = now;
                acked = -1; /* and say so, whatever it knew before */
            }
            asking = NONE;
        } else if (asking && now - asked >= FOLLOW_SILENT_MS * 1000LL) {
            return; /* no answer: the connection or the database is gone quiet */
        }
        if (asking) continue;
        long long known = __atomic_load_n(&s->follow.known, __ATOMIC_ACQUIRE);
        char q[160];
        if (now - checked >= FOLLOW_CHECK_MS * 1000LL) {
            snprintf(q, sizeof q, "SELECT value FROM meta WHERE key = 'data_version'");
            asking = CHECK;
        } else if (known != acked) { /* what it knows now, which it knew before saying so */
            snprintf(q, sizeof q, "SELECT pg_notify('ngoaivu_heard', '%s %lld')", s->follow.me,
                     known);
            asking = ACK;
            acked = known;
        } else {
            continue;
        }
        if (!pq_PQsendQuery(pg, q)) return;
        asked = now;
    }
}

static void *follow_main(void *arg)
{
    store *s = arg;
    bool logged = false;
    while (!__atomic_load_n(&s->follow.stop, __ATOMIC_ACQUIRE)) {
        /* named, for whoever looks at pg_stat_activity */
        const char *keys[] = {"dbname", "application_name", NULL};
        const char *vals[] = {s->conninfo, "ngoaivu follow", NULL};
        PGconn *pg = pq_PQconnectdbParams(keys, vals, 1);
        bool connected = pq_PQstatus(pg) == CONNECTION_OK;
        if (connected) {
            pq_PQsetNoticeProcessor(pg, on_notice, NULL);
            if (logged)
                log_info("following the data version again");
            else
                log_info("following the data version, as node %s", s->follow.me);
            logged = false;
            follow_one(s, pg);
            if (__atomic_load_n(&s->follow.stop, __ATOMIC_ACQUIRE) &&
                pq_PQstatus(pg) == CONNECTION_OK) { /* goodbye, so that nobody waits for it */
                PGresult *res;
                while ((res = pq_PQgetResult(pg)))
                    pq_PQclear(res);
                char q[96];
                snprintf(q, sizeof q, "SELECT pg_notify('ngoaivu_heard', '%s -1')", s->follow.me);
                pq_PQclear(pq_PQexec(pg, q));
            }
        }
        follow_set_live(s, 0);
        if (!logged && !__atomic_load_n(&s->follow.stop, __ATOMIC_ACQUIRE)) {
            log_error("not following the data version (%s): each request reads it meanwhile",
                      connected ? "its connection was lost" : "cannot connect");
            logged = true;
        }
        pq_PQfinish(pg);
        bool readable;
        if (!follow_poll(s, -1, 1000, &readable)) break; /* and try again in a second */
    }
    return NULL;
}

static void pg_follow(store *s)
{
    if (s->follow.started) return;
    s->follow.wake = eventfd(0, EFD_CLOEXEC);
    if (s->follow.wake < 0) return;
    unsigned char r[8];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, r, sizeof r) != (ssize_t)sizeof r) {
        if (fd >= 0) close(fd);
        close(s->follow.wake);
        return;
    }
    close(fd);
    for (int i = 0; i < 8; i++)
        snprintf(s->follow.me + 2 * i, 3, "%02x", r[i]);
    pthread_mutex_init(&s->follow.mu, NULL);
    s->follow.started = pthread_create(&s->follow.thread, NULL, follow_main, s) == 0;
    if (!s->follow.started) {
        close(s->follow.wake);
        pthread_mutex_destroy(&s->follow.mu);
    }
}

static bool pg_following(store *s)
{
    return s->follow.started && __atomic_load_n(&s->follow.live, __ATOMIC_ACQUIRE);
}

static void follow_stop(store *s)
{
    if (!s->follow.started) return;
    __atomic_store_n(&s->follow.stop, 1, __ATOMIC_RELEASE);
    uint64_t one = 1;
    if (write(s->follow.wake, &one, sizeof one) < 0) {
    }
    pthread_join(s->follow.thread, NULL);
    close(s->follow.wake);
    pthread_mutex_destroy(&s->follow.mu);
    s->follow.started = false;
}

static long long pg_data_version(conn *c)
{
    if (!c->in_tx && __atomic_load_n(&c->s->follow.live, __ATOMIC_ACQUIRE))
        return __atomic_load_n(&c->s->follow.known, __ATOMIC_ACQUIRE);
    return shared_read(c);
}

static bool pg_broken(conn *c)
{
    return pq_PQstatus(PG(c)) != CONNECTION_OK;
}

/* ---- search: one row per record in search_docs, its folded words in a tsvector */

static int pg_search_add(conn *c, const entity *e, long long id, const char *title,
                         const char *body)
{
    stmt q;
    int rc = prep(c, &q,
                  "INSERT INTO search_docs(entity, rid, title, body) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (entity, rid) DO UPDATE SET title = excluded.title, "
                  "body = excluded.body");
    if (rc) return rc;
    b_int(&q, 1, e->code);
    b_int(&q, 2, id);
    b_text(&q, 3, title);
    b_text(&q, 4, body ? body : "");
    return exec1(&q);
}

static int pg_search_del(conn *c, const entity *e, long long id)
{
    stmt q;
    int rc = prep(c, &q, "DELETE FROM search_docs WHERE entity = ?1 AND rid = ?2");
    if (rc) return rc;
    b_int(&q, 1, e->code);
    b_int(&q, 2, id);
    return exec1(&q);
}

static int pg_search_clear(conn *c)
{
    return pg_exec_script(c, "DELETE FROM search_docs");
}

/* ---- the copy between databases (copy.c) */

/* A bytea read as text is hex ("\x0a1b..."): its bytes. */
static const void *pg_col_blob(stmt *s, int i, arena *a, size_t *n)
{
    size_t len;
    const char *t = pg_col_raw(s, i, &len);
    *n = 0;
    if (!t) return NULL;
    unsigned char *bytes = pq_PQunescapeBytea((const unsigned char *)t, n);
    if (!bytes) abort();
    char *copy = arena_alloc(a, *n + 1); /* an empty bytea is not NULL */
    memcpy(copy, bytes, *n);
    pq_PQfreemem(bytes);
    return copy;
}

static int pg_search_load(conn *c, long long id, long long code, long long rid, const char *title,
                          const char *body)
{
    stmt q;
    int rc = prep(c, &q,
                  "INSERT INTO search_docs(id, entity, rid, title, body) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (rc) return rc;
    b_int(&q, 1, id);
    b_int(&q, 2, code);
    b_int(&q, 3, rid);
    b_text(&q, 4, title);
    b_text(&q, 5, body);
    return exec1(&q);
}

static const driver pg_driver = {
    .name = "postgres",
    .prep = pg_prep,
    .b_text = pg_b_text,
    .b_textn = pg_b_textn,
    .b_int = pg_b_int,
    .b_blob = pg_b_blob,
    .step = pg_step,
    .col_null = pg_col_null,
    .col_int = pg_col_int,
    .col_raw = pg_col_raw,
    .done = pg_done,
    .changes = pg_changes,
    .exec_script = pg_exec_script,
    .id_list = pg_id_list,
    .search_ids = pg_search_ids,
    .search_query = pg_search_query,
    .files_dir = pg_files_dir,
    .now_seconds = "CAST(extract(epoch FROM now()) AS BIGINT)",
    .json_row = pg_json_row,
    .guard = pg_guard,
    .schema_latest = pg_schema_latest,
    .schema_version = pg_schema_version,
    .close = pg_close,
    .try_acquire = pg_try_acquire,
    .release = pg_release,
    .set_alone = pg_set_alone,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .write_stats = pg_write_stats,
    .data_version = pg_data_version,
    .data_version_read = shared_read,
    .follow = pg_follow,
    .following = pg_following,
    .integrity = NULL, /* the server checks pages as it reads them (checksums: initdb -k) */
    .heap = NULL,      /* libpq does not count what it holds */
    .broken = pg_broken,
    .count_later = pg_count_later,
    .search_put = pg_search_add, /* an upsert */
    .search_add = pg_search_add,
    .search_del = pg_search_del,
    .search_clear = pg_search_clear,
    .search_sql = "SELECT entity, rid, title FROM search_docs WHERE tsv @@ "
                  "to_tsquery('simple', ?1) ORDER BY id LIMIT ?2",
    /* the base tables of the schema but schema_info (the engine's own) and search_docs (the
     * search index), without their generated columns; a column's kind from its type */
    .copy_columns = "SELECT c.table_name, c.column_name, CASE "
                    "WHEN c.data_type IN ('bigint', 'integer', 'smallint') THEN 'i' "
                    "WHEN c.data_type IN ('numeric', 'real', 'double precision') THEN 'n' "
                    "WHEN c.data_type = 'boolean' THEN 'o' WHEN c.data_type = 'bytea' THEN 'b' "
                    "ELSE 't' END FROM information_schema.columns c "
                    "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                    "AND t.table_name = c.table_name WHERE c.table_schema = current_schema() "
                    "AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' "
                    "AND c.table_name NOT IN ('schema_info', 'search_docs', 'blobs') "
                    "ORDER BY c.table_name, c.ordinal_position",
    .copy_refs = "SELECT c.relname, p.relname FROM pg_constraint k "
                 "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
                 "WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace",
    .col_blob = pg_col_blob,
    .search_rows = "SELECT id, entity, rid, title, body FROM search_docs ORDER BY id",
    .search_empty = pg_search_clear,
    .search_load = pg_search_load,
    /* the statement of migrations/pg/001_schema.sql, for every identity column */
    .ids_move = "DO $$ DECLARE r record; BEGIN FOR r IN SELECT table_name, column_name "
                "FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND is_identity = 'YES' LOOP EXECUTE format('SELECT setval("
                "pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I', "
                "quote_ident(r.table_name), r.column_name, r.column_name, r.table_name); "
                "END LOOP; END $$",
    .snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    .online = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", /* writers go on */
};
