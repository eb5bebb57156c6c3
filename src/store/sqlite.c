/* The SQLite implementation of store.h. */
#include "db.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/log.h"
#include "../base/text.h"

extern const char *const ngv_migrations[];
extern const int ngv_migrations_n;

/* "NGVU" in the database header: a foreign SQLite file is refused. */
#define NGV_APPLICATION_ID 0x4E475655

enum { STMT_CACHE = 48 };

/* An SQLite connection and the statements prepared on it. */
typedef struct handle {
    sqlite3 *db;
    struct {
        char *sql;
        sqlite3_stmt *st;
        unsigned used;
    } cache[STMT_CACHE];
    unsigned tick;
} handle;

/* A request's connection: its own handle for reads, the store's writer handle (h) from
 * store_begin to the end of the write unit. */
typedef struct {
    conn base;
    handle own;
    handle *h;
    long long heap; /* what its handle held when it was last given back (store_engine_heap) */
} sq_conn;

#define H(c) (((sq_conn *)(c))->h)
#define OWN(c) (&((sq_conn *)(c))->own)

static const driver sqlite_driver;

/* Group commit. Every write unit (store_begin .. store_commit) of this process runs on one
 * writer connection, each in a savepoint of a transaction that several units share: a unit
 * that ends while others wait for the writer leaves the transaction open for them, and the
 * last unit of the batch commits it for all. Each waits for that commit and answers with
 * its result, so a unit is never reported written before it is. One commit then writes
 * the pages the units share (table and index leaves, the search index's new segment, the
 * data version) once instead of once per unit. Writers of other processes still meet the
 * database's own lock and busy_timeout. */
enum { BATCH_MAX = 64 };

/* A change to the search index, kept until the batch commits: FTS5 writes its pending
 * entries out as a new segment at every savepoint, so entries made in the units' savepoints
 * would cost a segment (and its merges) per unit; made just before the commit, outside any
 * savepoint, they cost one per batch. */
typedef struct {
    char op;  /* 'a' add, 'd' delete, 'c' clear */
    int code; /* the record type's */
    long long rid;
    char *title, *body;
} search_op;

/* A unit waiting for its batch's commit: batch_end fills it in. */
typedef struct {
    bool ended;
    int rc;
} unit_wait;

struct store {
    const driver *d; /* first, as in every engine's store (store.c) */
    char *path;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    conn **idle;
    int nidle, open, max;
    int version;
    /* the writer: held by the unit running now */
    pthread_mutex_t write_mu;
    conn *writer;
    bool tx_open;    /* a batch's transaction is open (on txc) */
    bool solo;       /* ... for one unit alone, on its own connection */
    conn *txc;       /* the writer, or the solo unit's connection */
    int batch_units; /* units ended in it so far */
    /* waiting and the results of finished batches, under gc_mu */
    pthread_mutex_t gc_mu;
    pthread_cond_t gc_cv;
    int waiting;                   /* threads waiting for write_mu */
    long long units, commits;      /* write units that wrote, and commits (store_write_stats) */
    unit_wait *waiters[BATCH_MAX]; /* the open batch's ended units, told its result */
    int nwaiters;
    /* search changes of the open batch (under write_mu): [0, sq_applied) are in the index,
     * the unit running now made [sq_mark, sq_n); sq_applied_mark: sq_applied when it began */
    search_op *sq;
    int sq_n, sq_cap, sq_applied, sq_mark, sq_applied_mark;
    /* the checkpointer: copies the log into the database off the writers' path */
    pthread_t ckpt_thread;
    bool ckpt_running, ckpt_stop;
    int ckpt_frames; /* log frames after the last commit (wal hook) */
    pthread_cond_t ckpt_cv;
    /* the data version without a read transaction (store_data_version): the log index's
     * header as it was when dv_value was read; NULL when the database has none */
    const volatile uint32_t *shm;
    pthread_mutex_t dv_mu;
    uint32_t dv_hdr[12];
    long long dv_value;
    bool dv_known;
    /* what the connections' handles hold (their pages, schemas, statements), as each was
     * when last given back, and the writer's when its last batch ended (store_engine_heap;
     * counted so: SQLite's own count, SQLITE_CONFIG_MEMSTATUS, takes a lock at every
     * malloc, and is off) */
    long long heap, writer_heap;
};

#define WAL_INDEX_VERSION 3007000
static void dv_map(store *s);
static void sq_free(store *s, int from);
static int sq_apply(conn *c, bool in_unit);

static int sq_schema_version(store *s)
{
    return s->version;
}

static int sq_schema_latest(void)
{
    return ngv_migrations_n;
}

/* ---- statements: prepared once per connection and kept; every failure is logged
 * with its SQL and reported through the connection's message. */

static int fail(conn *c, const char *sql)
{
    snprintf(c->err, sizeof c->err, "%s", sqlite3_errmsg(H(c)->db));
    log_error("sql error: %s [%s]", c->err, sql ? sql : "");
    int rc = sqlite3_errcode(H(c)->db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return ST_BUSY;
    if (rc == SQLITE_CONSTRAINT) return ST_CONSTRAINT;
    return ST_ERROR;
}

static int sq_prep(conn *c, stmt *s, const char *sql)
{
    s->c = c;
    s->st = NULL;
    int lru = 0;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (H(c)->cache[i].sql && strcmp(H(c)->cache[i].sql, sql) == 0) {
            H(c)->cache[i].used = ++H(c)->tick;
            s->st = H(c)->cache[i].st;
            return ST_OK;
        }
        if (H(c)->cache[i].used < H(c)->cache[lru].used) lru = i;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(H(c)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return fail(c, sql);
    if (H(c)->cache[lru].st) sqlite3_finalize(H(c)->cache[lru].st);
    free(H(c)->cache[lru].sql);
    H(c)->cache[lru].sql = xstrdup(sql);
    H(c)->cache[lru].st = st;
    H(c)->cache[lru].used = ++H(c)->tick;
    s->st = st;
    return ST_OK;
}

static void sq_done(stmt *s)
{
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
}

static void sq_b_text(stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s->st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s->st, i);
}

static void sq_b_textn(stmt *s, int i, const char *v, size_t n)
{
    sqlite3_bind_text(s->st, i, v, (int)n, SQLITE_TRANSIENT);
}

static void sq_b_int(stmt *s, int i, long long v)
{
    sqlite3_bind_int64(s->st, i, v);
}

static void sq_b_blob(stmt *s, int i, const void *v, size_t n)
{
    if (v)
        sqlite3_bind_blob(s->st, i, v, (int)n, SQLITE_STATIC);
    else
        sqlite3_bind_null(s->st, i);
}

/* Steps once: DB_ROW (SQLITE_ROW), DB_DONE (SQLITE_DONE), or an ST_* error. */
static int sq_step(stmt *s)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
    int r = fail(s->c, sqlite3_sql(s->st));
    sq_done(s);
    return r;
}

static bool sq_col_null(stmt *s, int i)
{
    return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static long long sq_col_int(stmt *s, int i)
{
    return sqlite3_column_int64(s->st, i);
}

static const char *sq_col_raw(stmt *s, int i, size_t *n)
{
    const char *t = (const char *)sqlite3_column_text(s->st, i);
    *n = t ? (size_t)sqlite3_column_bytes(s->st, i) : 0;
    return t;
}

static long long sq_changes(conn *c)
{
    return sqlite3_changes(H(c)->db);
}

static int sq_exec_script(conn *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(H(c)->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(c->err, sizeof c->err, "%s", msg ? msg : "error");
        sqlite3_free(msg);
        return ST_ERROR;
    }
    return ST_OK;
}

/* ---- opening, migrations, the pool */

/* NGOAIVU_SQL_SLOW_US=N logs every statement that took N microseconds or more, with its
 * SQL: to find where a page's time goes (docs/architecture.md, "Finding slow pages"). */
static long long slow_us = -1;

static int on_profile(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    if (type != SQLITE_TRACE_PROFILE) return 0;
    long long us = (long long)(*(sqlite3_int64 *)x / 1000);
    if (us >= slow_us) {
        char *sql = sqlite3_expanded_sql((sqlite3_stmt *)p);
        log_info("slow sql %lldus: %s", us, sql ? sql : sqlite3_sql((sqlite3_stmt *)p));
        sqlite3_free(sql);
    }
    return 0;
}

/* ---- the checkpointer: SQLite's own checkpoint runs in the commit that passes 1,000 pages
 * of log, with the writer waiting on its copying and fsyncs; here a thread does it
 * (PASSIVE: it never blocks a writer or a reader) when a commit leaves that much log. */
enum { CKPT_FRAMES = 1000 };

static int on_wal(void *ctx, sqlite3 *db, const char *name, int frames)
{
    (void)db;
    (void)name;
    store *s = ctx;
    if (frames >= CKPT_FRAMES) {
        pthread_mutex_lock(&s->gc_mu);
        s->ckpt_frames = frames;
        if (s->ckpt_running) {
            pthread_cond_signal(&s->ckpt_cv);
        } else { /* no thread (it could not start): do it here, as SQLite would */
            pthread_mutex_unlock(&s->gc_mu);
            sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
            return SQLITE_OK;
        }
        pthread_mutex_unlock(&s->gc_mu);
    }
    return SQLITE_OK;
}

static void *ckpt_main(void *arg)
{
    store *s = arg;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        log_error("checkpointer: cannot open %s: %s", s->path, sqlite3_errmsg(db));
        sqlite3_close(db);
        pthread_mutex_lock(&s->gc_mu);
        s->ckpt_running = false;
        pthread_mutex_unlock(&s->gc_mu);
        return NULL;
    }
    sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    pthread_mutex_lock(&s->gc_mu);
    for (;;) {
        while (!s->ckpt_stop && s->ckpt_frames < CKPT_FRAMES)
            pthread_cond_wait(&s->ckpt_cv, &s->gc_mu);
        if (s->ckpt_stop) break;
        s->ckpt_frames = 0;
        pthread_mutex_unlock(&s->gc_mu);
        int log = 0, copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) log_error("checkpoint: %s", sqlite3_errmsg(db));
        pthread_mutex_lock(&s->gc_mu);
    }
    pthread_mutex_unlock(&s->gc_mu);
    sqlite3_close(db);
    return NULL;
}

static conn *conn_open(store *s, bool create, char *err, size_t errlen)
{
    conn *c = calloc(1, sizeof(sq_conn));
    if (!c) abort();
    c->d = &sqlite_driver;
    c->s = s;
    H(c) = OWN(c);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(s->path, &H(c)->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", s->path,
                 H(c)->db ? sqlite3_errmsg(H(c)->db) : "out of memory");
        sqlite3_close(H(c)->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(H(c)->db, 5000);
    sqlite3_extended_result_codes(H(c)->db, 0);
    if (slow_us < 0) {
        const char *e = getenv("NGOAIVU_SQL_SLOW_US");
        slow_us = e && *e ? strtoll(e, NULL, 10) : 0x7fffffff;
    }
    if (slow_us < 0x7fffffff) sqlite3_trace_v2(H(c)->db, SQLITE_TRACE_PROFILE, on_profile, NULL);
    /* 2 MiB of page cache per connection (SQLite's default): less keeps the server smaller
     * but re-reads index pages through system calls on every write (8 MiB, for the writer
     * too, was measured: no faster). SQLite's own checkpoints every 1,000 pages of log, and FTS5's
     * automerge: a checkpoint every 10,000 pages, and merges left to FTS5's crisismerge, were each
     * tried and each made a create wait up to 4 s when it came (make bench: p99 3.9 s). The log is
     * copied into the database by the checkpointer thread (see ckpt_main), not by the
     * writer whose commit passes 1,000 pages. */
    if (exec_script(c, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
                       "PRAGMA cache_size = -2048;") != ST_OK) {
        if (sqlite3_errcode(H(c)->db) == SQLITE_NOTADB)
            snprintf(err, errlen, "%s is not an ngoaivu database (not an SQLite file)", s->path);
        else
            snprintf(err, errlen, "%s: %s", s->path, c->err);
        sqlite3_close(H(c)->db);
        free(c);
        return NULL;
    }
    sqlite3_wal_hook(H(c)->db, on_wal, s);
    return c;
}

static void conn_close(conn *c)
{
    if (!c) return;
    H(c) = OWN(c);
    for (int i = 0; i < STMT_CACHE; i++) {
        if (H(c)->cache[i].st) sqlite3_finalize(H(c)->cache[i].st);
        free(H(c)->cache[i].sql);
    }
    sqlite3_close(H(c)->db);
    free(c);
}

static long long pragma_int(conn *c, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(H(c)->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Checks the file is ours, refuses one from a newer program, applies what is missing. */
static int migrate(conn *c, char *err, size_t errlen)
{
    long long app = pragma_int(c, "PRAGMA application_id");
    long long ver = pragma_int(c, "PRAGMA user_version");
    if (app < 0) {
        snprintf(err, errlen, "%s is not an ngoaivu database (%s)", c->s->path,
                 sqlite3_errmsg(H(c)->db));
        return -1;
    }
    if (app == 0) {
        long long tables = pragma_int(c, "SELECT count(*) FROM sqlite_schema");
        if (tables != 0) {
            snprintf(err, errlen,
                     "%s is an SQLite database of another program, not an ngoaivu database; "
                     "refusing to touch it",
                     c->s->path);
            return -1;
        }
    } else if (app != NGV_APPLICATION_ID) {
        snprintf(err, errlen, "%s is not an ngoaivu database (application id %lld)", c->s->path,
                 app);
        return -1;
    }
    if (ver > ngv_migrations_n) {
        snprintf(err, errlen,
                 "%s has schema version %lld, newer than this program's %d: "
                 "use a newer ngoaivu",
                 c->s->path, ver, ngv_migrations_n);
        return -1;
    }
    if (exec_script(c, "PRAGMA journal_mode = WAL") != ST_OK) {
        snprintf(err, errlen, "%s: cannot switch to WAL: %s", c->s->path, c->err);
        return -1;
    }
    for (long long v = ver; v < ngv_migrations_n; v++) {
        char set[96];
        snprintf(set, sizeof set, "PRAGMA application_id = %d; PRAGMA user_version = %lld;",
                 NGV_APPLICATION_ID, v + 1);
        if (exec_script(c, "BEGIN IMMEDIATE") != ST_OK ||
            exec_script(c, ngv_migrations[v]) != ST_OK || exec_script(c, set) != ST_OK) {
            snprintf(err, errlen, "migration %lld failed: %s", v + 1, c->err);
            exec_script(c, "ROLLBACK");
            return -1;
        }
        if (exec_script(c, "COMMIT") != ST_OK) {
            snprintf(err, errlen, "migration %lld failed: %s", v + 1, c->err);
            return -1;
        }
        log_info("database %s: applied migration %lld", c->s->path, v + 1);
    }
    c->s->version = ngv_migrations_n;
    return 0;
}

int sqlite_open(const char *path, bool create, int pool_size, store **out, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->d = &sqlite_driver;
    s->path = xstrdup(path);
    s->max = pool_size > 0 ? pool_size : 4;
    s->idle = calloc((size_t)s->max, sizeof *s->idle);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->write_mu, NULL);
    pthread_mutex_init(&s->gc_mu, NULL);
    pthread_cond_init(&s->gc_cv, NULL);
    pthread_cond_init(&s->ckpt_cv, NULL);
    pthread_mutex_init(&s->dv_mu, NULL);
    conn *c = conn_open(s, create, err, errlen);
    if (!c || migrate(c, err, errlen) != 0 || !(s->writer = conn_open(s, false, err, errlen))) {
        conn_close(c);
        store_close(s);
        return -1;
    }
    s->idle[s->nidle++] = c;
    s->open = 1;
    dv_map(s);
    s->ckpt_running = pthread_create(&s->ckpt_thread, NULL, ckpt_main, s) == 0;
    *out = s;
    return 0;
}

static void sq_close(store *s)
{
    if (!s) return;
    /* keep the planner's statistics fresh for what this process asked (cheap when not) */
    for (int i = 0; i < s->nidle; i++)
        exec_script(s->idle[i], "PRAGMA optimize");
    pthread_mutex_lock(&s->gc_mu);
    bool joined = s->ckpt_running;
    s->ckpt_stop = true;
    pthread_cond_signal(&s->ckpt_cv);
    pthread_mutex_unlock(&s->gc_mu);
    if (joined) pthread_join(s->ckpt_thread, NULL);
    for (int i = 0; i < s->nidle; i++)
        conn_close(s->idle[i]);
    sq_free(s, 0);
    free(s->sq);
    s->shm = NULL;         /* SQLite's mapping, gone with the writer's connection */
    conn_close(s->writer); /* the last connection: SQLite checkpoints and removes the log */
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->write_mu);
    pthread_mutex_destroy(&s->gc_mu);
    pthread_cond_destroy(&s->gc_cv);
    pthread_cond_destroy(&s->ckpt_cv);
    pthread_mutex_destroy(&s->dv_mu);
    free(s->idle);
    free(s->path);
    free(s);
}

static conn *sq_try_acquire(store *s)
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
            char err[256];
            conn *c = conn_open(s, false, err, sizeof err);
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

static void sq_set_alone(conn *c, bool alone)
{
    c->alone = alone;
}

/* bytes of its pages, its schema and its statements */
static long long handle_heap(handle *h)
{
    long long all = 0;
    int ops[] = {SQLITE_DBSTATUS_CACHE_USED, SQLITE_DBSTATUS_SCHEMA_USED,
                 SQLITE_DBSTATUS_STMT_USED};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        int cur = 0, hi = 0;
        if (sqlite3_db_status(h->db, ops[i], &cur, &hi, 0) == SQLITE_OK) all += cur;
    }
    return all;
}

static void sq_release(store *s, conn *c)
{
    if (c->in_tx) store_rollback(c);
    c->alone = false;
    long long now = handle_heap(OWN(c));
    pthread_mutex_lock(&s->mu);
    s->heap += now - ((sq_conn *)c)->heap;
    ((sq_conn *)c)->heap = now;
    s->idle[s->nidle++] = c;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Ends the open batch: commits it (ok) or rolls it back, publishes the result to the units
 * waiting for it, and closes the transaction. Called with write_mu held. */
static int batch_end(store *s, bool ok)
{
    conn *w = s->txc;
    int rc = ST_OK;
    if (sqlite3_get_autocommit(H(w)->db)) { /* SQLite rolled it back itself (an I/O error) */
        rc = ST_ERROR;
    } else if (ok) {
        stmt q;
        if ((rc = sq_apply(w, false)) == ST_OK && (rc = prep(w, &q, "COMMIT")) == ST_OK)
            rc = exec1(&q);
        if (rc != ST_OK && !sqlite3_get_autocommit(H(w)->db)) exec_script(w, "ROLLBACK");
    } else {
        exec_script(w, "ROLLBACK");
        rc = ST_ERROR;
    }
    s->tx_open = s->solo = false;
    if (rc == ST_OK && ok) s->commits++;
    if (w == s->writer) __atomic_store_n(&s->writer_heap, handle_heap(H(w)), __ATOMIC_RELAXED);
    sq_free(s, 0);
    s->sq_mark = s->sq_applied_mark = 0;
    pthread_mutex_lock(&s->gc_mu);
    for (int i = 0; i < s->nwaiters; i++) {
        s->waiters[i]->rc = rc;
        s->waiters[i]->ended = true;
    }
    s->nwaiters = 0;
    pthread_cond_broadcast(&s->gc_cv);
    pthread_mutex_unlock(&s->gc_mu);
    s->batch_units = 0;
    return rc;
}

/* Whether another unit waits for the writer (then the batch stays open for it). */
static bool others_waiting(store *s)
{
    pthread_mutex_lock(&s->gc_mu);
    bool w = s->waiting > 0;
    pthread_mutex_unlock(&s->gc_mu);
    return w;
}

/* The unit of c has ended (its savepoint released, or rolled back when it had done
 * nothing the batch keeps): commits the batch now (a solo unit always), or leaves it to
 * the unit that waits and waits for its end. Returns the batch's result for a unit that
 * wrote. */
static int unit_end(conn *c, bool wrote)
{
    store *s = c->s;
    if (wrote) {
        s->batch_units++;
        s->units++;
    }
    H(c) = OWN(c);
    c->in_tx = 0;
    int rc = ST_OK;
    if (!s->tx_open) { /* the batch was lost with this unit's error: batch_end ran */
        pthread_mutex_unlock(&s->write_mu);
        return ST_ERROR;
    }
    if (s->solo || s->batch_units == 0 || s->batch_units >= BATCH_MAX || !others_waiting(s)) {
        if (s->batch_units == 0) { /* nothing written: no batch to wait for */
            batch_end(s, false);
            pthread_mutex_unlock(&s->write_mu);
            return ST_OK;
        }
        rc = batch_end(s, true);
        pthread_mutex_unlock(&s->write_mu);
        return rc;
    }
    if (!wrote) {
        pthread_mutex_unlock(&s->write_mu);
        return ST_OK;
    }
    unit_wait me = {0};
    pthread_mutex_lock(&s->gc_mu);
    s->waiters[s->nwaiters++] = &me; /* at most BATCH_MAX - 1: the last unit commits */
    pthread_mutex_unlock(&s->write_mu);
    while (!me.ended)
        pthread_cond_wait(&s->gc_cv, &s->gc_mu);
    pthread_mutex_unlock(&s->gc_mu);
    return me.rc;
}

static int sq_begin(conn *c)
{
    store *s = c->s;
    pthread_mutex_lock(&s->gc_mu);
    s->waiting++;
    pthread_mutex_unlock(&s->gc_mu);
    pthread_mutex_lock(&s->write_mu);
    pthread_mutex_lock(&s->gc_mu);
    bool alone = --s->waiting == 0 && c->alone;
    pthread_mutex_unlock(&s->gc_mu);
    stmt q;
    int rc;
    if (!s->tx_open) {
        /* A unit of a caller that knows no other write is in flight (store_set_alone), and
         * that nobody waits behind, runs on its own connection and commits at once: the
         * connection's page cache stays valid for the reads that follow on it (the page
         * after its form), where another connection's commit would make SQLite drop it. */
        s->solo = alone;
        s->txc = alone ? c : s->writer;
        H(c) = H(s->txc);
        if ((rc = prep(c, &q, "BEGIN IMMEDIATE")) || (rc = exec1(&q))) {
            H(c) = OWN(c);
            s->solo = false;
            pthread_mutex_unlock(&s->write_mu);
            return rc;
        }
        s->tx_open = true;
        s->batch_units = 0;
    } else {
        H(c) = H(s->writer);
    }
    c->in_tx = 1;
    s->sq_mark = s->sq_n;
    s->sq_applied_mark = s->sq_applied;
    if ((rc = prep(c, &q, "SAVEPOINT unit")) || (rc = exec1(&q)) ||
        (rc = prep(c, &q, "UPDATE meta SET value = value + 1 WHERE key = 'data_version'")) ||
        (rc = exec1(&q))) {
        store_rollback(c);
        return rc;
    }
    return ST_OK;
}

static int sq_commit(conn *c)
{
    stmt q;
    int rc = prep(c, &q, "RELEASE unit");
    if (rc || (rc = exec1(&q))) {
        store_rollback(c);
        return rc;
    }
    return unit_end(c, true);
}

static void sq_rollback(conn *c)
{
    if (!c->in_tx) return;
    store *s = c->s;
    if (sqlite3_get_autocommit(H(c)->db)) {
        /* SQLite ended the whole transaction (an I/O or memory error): the batch is lost,
         * and the units waiting for it are told so */
        if (s->tx_open) batch_end(s, false);
    } else {
        exec_script(c, "ROLLBACK TO unit");
        exec_script(c, "RELEASE unit");
        /* the unit's search changes are gone; earlier units' written in it are undone */
        sq_free(s, s->sq_mark);
        s->sq_applied = s->sq_applied_mark;
    }
    unit_end(c, false);
}

static void sq_write_stats(store *s, long long *units, long long *commits)
{
    pthread_mutex_lock(&s->write_mu);
    *units = s->units;
    *commits = s->commits;
    pthread_mutex_unlock(&s->write_mu);
}

/* ---- the data version, read without a transaction
 *
 * Every response cache asks for the data version, and a read transaction to read it
 * (two file locks and the WAL index) cost a sixth of a cached answer. A commit by any
 * connection of any process changes the header of the WAL index (the -shm file, whose
 * layout the SQLite file format documents: 48 bytes, the first of them iVersion,
 * iChange counting transactions, mxFrame, the salts), so while that header is the same
 * as when the version was last read, the version is the same. The header is read through
 * SQLite's own mapping of the index (the writer's xShmMap): opening the -shm file here
 * and closing it would drop every POSIX lock this process holds on it, SQLite's "someone
 * has it open" lock among them, and the next process to open the database would rebuild
 * the index under this one's feet (a SIGBUS in SQLite, seen in the end-to-end suite).
 * The mapping lives as long as the writer's connection; store_close forgets it first. */

static void dv_map(store *s)
{
    sqlite3 *db = OWN(s->writer)->db;
    sqlite3_stmt *st = NULL;
    bool wal = false;
    /* a read in WAL mode: the connection has the index open and mapped afterwards */
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal || sqlite3_exec(db, "SELECT count(*) FROM meta", NULL, NULL, NULL) != SQLITE_OK)
        return;
    sqlite3_file *f = NULL;
    volatile void *region = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
        !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap ||
        f->pMethods->xShmMap(f, 0, 32768, 0, &region) != SQLITE_OK || !region)
        return;
    const volatile uint32_t *h = region;
    if (h[0] == WAL_INDEX_VERSION) s->shm = h; /* else not the layout this code reads */
}

static long long dv_read(conn *c)
{
    stmt s;
    long long v = -1;
    if (prep(c, &s, "SELECT value FROM meta WHERE key = 'data_version'")) return -1;
    if (step(&s) == DB_ROW) v = col_int(&s, 0);
    done(&s);
    return v;
}

static long long sq_data_version(conn *c)
{
    store *s = c->s;
    /* inside a unit its own bump counts; without the index's header, ask */
    if (c->in_tx || !s->shm) return dv_read(c);
    uint32_t hdr[12];
    for (int i = 0; i < 12; i++)
        hdr[i] = __atomic_load_n(&s->shm[i], __ATOMIC_ACQUIRE);
    pthread_mutex_lock(&s->dv_mu);
    if (s->dv_known && memcmp(hdr, s->dv_hdr, sizeof hdr) == 0) {
        long long v = s->dv_value;
        pthread_mutex_unlock(&s->dv_mu);
        return v;
    }
    pthread_mutex_unlock(&s->dv_mu);
    /* read after the header: the version read is at least that of the header kept */
    long long v = dv_read(c);
    if (v >= 0) {
        pthread_mutex_lock(&s->dv_mu);
        memcpy(s->dv_hdr, hdr, sizeof hdr);
        s->dv_value = v;
        s->dv_known = true;
        pthread_mutex_unlock(&s->dv_mu);
    }
    return v;
}

static long long sq_data_version_read(conn *c)
{
    return dv_read(c);
}

/* The whole file's pages, indexes and foreign keys (a backup or a restore checks its copy). */
static long long sq_heap(store *s)
{
    pthread_mutex_lock(&s->mu);
    long long n = s->heap;
    pthread_mutex_unlock(&s->mu);
    return n + __atomic_load_n(&s->writer_heap, __ATOMIC_RELAXED);
}

static int sq_integrity(conn *c, char *err, size_t errlen)
{
    const char *checks[] = {"PRAGMA integrity_check", "PRAGMA foreign_key_check"};
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(H(c)->db, checks[i], -1, &st, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s: %s", checks[i], sqlite3_errmsg(H(c)->db));
            return -1;
        }
        int r = sqlite3_step(st);
        const char *v = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        bool ok = i == 0 ? r == SQLITE_ROW && v && !strcmp(v, "ok") : r == SQLITE_DONE;
        if (!ok)
            snprintf(err, errlen, "%s: %s", checks[i],
                     r == SQLITE_ROW ? (v ? v : "a row refers to none") : sqlite3_errmsg(H(c)->db));
        sqlite3_finalize(st);
        if (!ok) return -1;
    }
    return 0;
}

/* FTS5 query from folded words: each word a quoted term, all required, so that no user
 * text is ever read as FTS syntax. With prefix, the last word also matches longer words
 * (it may be the one still being typed). */
static char *fts_query(arena *a, const char *words, bool prefix)
{
    buf b = {0};
    const char *p = words;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p > w) {
            if (b.len) buf_putc(&b, ' ');
            buf_putc(&b, '"');
            for (const char *q = w; q < p; q++) {
                if (*q == '"') buf_putc(&b, '"');
                buf_putc(&b, *q);
            }
            buf_putc(&b, '"');
        }
    }
    if (prefix && b.len) buf_putc(&b, '*');
    char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

/* ---- search index */

/* An entry of the index (FTS5, search) has the rowid of its row in search_docs, which
 * says whose entry it is. */
static int search_exec(conn *c, const search_op *o)
{
    stmt q;
    int rc;
    if (o->op == 'c') return exec_script(c, "DELETE FROM search; DELETE FROM search_docs;");
    if (o->op == 'd') {
        if ((rc = prep(c, &q,
                       "DELETE FROM search WHERE rowid = "
                       "(SELECT id FROM search_docs WHERE entity = ?1 AND rid = ?2)")))
            return rc;
        b_int(&q, 1, o->code);
        b_int(&q, 2, o->rid);
        if ((rc = exec1(&q)) ||
            (rc = prep(c, &q, "DELETE FROM search_docs WHERE entity = ?1 AND rid = ?2")))
            return rc;
        b_int(&q, 1, o->code);
        b_int(&q, 2, o->rid);
        return exec1(&q);
    }
    if ((rc = prep(c, &q, "INSERT INTO search_docs(entity, rid) VALUES (?1, ?2)"))) return rc;
    b_int(&q, 1, o->code);
    b_int(&q, 2, o->rid);
    if ((rc = exec1(&q))) return rc;
    long long doc = sqlite3_last_insert_rowid(H(c)->db);
    if ((rc = prep(c, &q, "INSERT INTO search(rowid, body, title) VALUES (?1, ?2, ?3)"))) return rc;
    b_int(&q, 1, doc);
    b_text(&q, 2, o->body);
    b_text(&q, 3, o->title);
    return exec1(&q);
}

static void sq_free(store *s, int from)
{
    for (int i = from; i < s->sq_n; i++) {
        free(s->sq[i].title);
        free(s->sq[i].body);
    }
    s->sq_n = from;
    if (s->sq_applied > from) s->sq_applied = from;
}

/* Writes the kept changes into the index. In a unit, the unit's own are then forgotten
 * (its savepoint holds them now); the earlier units' are kept, to be written again if this
 * unit rolls back. */
static int sq_apply(conn *c, bool in_unit)
{
    store *s = c->s;
    for (; s->sq_applied < s->sq_n; s->sq_applied++) {
        int rc = search_exec(c, &s->sq[s->sq_applied]);
        if (rc) return rc;
    }
    if (in_unit) sq_free(s, s->sq_mark);
    return ST_OK;
}

/* Keeps a change for the batch's end; a unit that makes many (an import, a rebuild) writes
 * them as it goes, in its own savepoint. Outside a unit, at once. */
static int sq_push(conn *c, char op, const entity *e, long long rid, const char *title,
                   const char *body)
{
    search_op o = {.op = op, .code = e ? e->code : 0, .rid = rid};
    if (!c->in_tx) return search_exec(c, &o);
    store *s = c->s;
    if (s->sq_n == s->sq_cap) {
        s->sq_cap = s->sq_cap ? s->sq_cap * 2 : 64;
        s->sq = realloc(s->sq, sizeof *s->sq * (size_t)s->sq_cap);
        if (!s->sq) abort();
    }
    o.title = title ? xstrdup(title) : NULL;
    o.body = body ? xstrdup(body) : NULL;
    s->sq[s->sq_n++] = o;
    return s->sq_n - s->sq_applied >= 256 ? sq_apply(c, true) : ST_OK;
}

static int sq_search_add(conn *c, const entity *e, long long id, const char *title,
                         const char *body)
{
    return sq_push(c, 'a', e, id, title, body);
}

static int sq_search_del(conn *c, const entity *e, long long id)
{
    return sq_push(c, 'd', e, id, NULL, NULL);
}

static int sq_search_put(conn *c, const entity *e, long long id, const char *title,
                         const char *body)
{
    int rc = sq_search_del(c, e, id);
    return rc ? rc : sq_search_add(c, e, id, title, body);
}

static int sq_search_clear(conn *c)
{
    return sq_push(c, 'c', NULL, 0, NULL, NULL);
}

/* ---- the dialect, and the driver */

static void sq_id_list(buf *sql, const char *table, const char *name)
{
    buf_printf(sql,
               "(SELECT group_concat(ref, ',') FROM (SELECT ref FROM %s_%s WHERE rid = %s.id "
               "ORDER BY pos))",
               table, name, table);
}

static void sq_search_ids(buf *sql, int code, int param)
{
    buf_printf(sql,
               "id IN (SELECT d.rid FROM search s CROSS JOIN search_docs d ON d.id = s.rowid "
               "WHERE search MATCH ?%d AND d.entity = %d)",
               param, code);
}

static const char *sq_search_query(arena *a, const char *words, bool prefix)
{
    return fts_query(a, words, prefix);
}

static void sq_json_value(buf *sql, const entity *e, const field *f)
{
    switch (field_store_of(f)->json) {
    case FJ_BOOL:
        buf_printf(sql, "json(CASE WHEN %s THEN 'true' ELSE 'false' END)", f->name);
        break;
    case FJ_CODES: /* codes are [a-z_] only: safe to quote this way */
        buf_printf(sql, "json('[\"' || replace(%s, ',', '\",\"') || '\"]')", f->name);
        break;
    case FJ_IDS: /* "3,17" is the body of a JSON array of numbers */
        buf_puts(sql, "json('[' || coalesce(");
        sq_id_list(sql, e->table, f->name);
        buf_puts(sql, ", '') || ']')");
        break;
    case FJ_STRING:
    case FJ_NUMBER: /* SQLite writes a column's own type */
        buf_puts(sql, f->name);
        break;
    }
}

static void sq_json_row(buf *sql, const entity *e)
{
    buf_puts(sql, "json_object('id', id, 'version', version, 'created_at', created_at, "
                  "'updated_at', updated_at");
    for (int i = 0; i < e->nfields; i++) {
        buf_printf(sql, ", '%s', ", e->fields[i].name);
        sq_json_value(sql, e, &e->fields[i]);
    }
    buf_putc(sql, ')');
}

/* A file is never lost while it is open. */
static bool sq_broken(conn *c)
{
    (void)c;
    return false;
}

/* A failed statement undoes only itself in SQLite: nothing to guard. */
static void sq_guard(conn *c, int op)
{
    (void)c;
    (void)op;
}

/* Attachments' files: in a folder beside the database, DB.files/ab/cdef... */
static bool sq_files_dir(conn *c, char *out, size_t n, const char *sha)
{
    if (sha)
        snprintf(out, n, "%s.files/%.2s", c->s->path, sha);
    else
        snprintf(out, n, "%s.files", c->s->path);
    return true;
}

/* ---- the copy between databases (copy.c) */

static const void *sq_col_blob(stmt *s, int i, arena *a, size_t *n)
{
    *n = 0;
    if (sqlite3_column_type(s->st, i) == SQLITE_NULL) return NULL;
    const void *v = sqlite3_column_blob(s->st, i);
    *n = (size_t)sqlite3_column_bytes(s->st, i);
    char *copy = arena_alloc(a, *n + 1); /* an empty blob is not NULL */
    if (*n) memcpy(copy, v, *n);
    return copy;
}

static int sq_search_empty(conn *c)
{
    return search_exec(c, &(search_op){.op = 'c'});
}

/* An entry of the index with its number (search_docs.id, the entry's rowid in search). */
static int sq_search_load(conn *c, long long id, long long code, long long rid, const char *title,
                          const char *body)
{
    stmt q;
    int rc = prep(c, &q, "INSERT INTO search_docs(id, entity, rid) VALUES (?1, ?2, ?3)");
    if (rc) return rc;
    b_int(&q, 1, id);
    b_int(&q, 2, code);
    b_int(&q, 3, rid);
    if ((rc = exec1(&q)) ||
        (rc = prep(c, &q, "INSERT INTO search(rowid, body, title) VALUES (?1, ?2, ?3)")))
        return rc;
    b_int(&q, 1, id);
    b_text(&q, 2, body);
    b_text(&q, 3, title);
    return exec1(&q);
}

static const driver sqlite_driver = {
    .name = "sqlite",
    .prep = sq_prep,
    .b_text = sq_b_text,
    .b_textn = sq_b_textn,
    .b_int = sq_b_int,
    .b_blob = sq_b_blob,
    .step = sq_step,
    .col_null = sq_col_null,
    .col_int = sq_col_int,
    .col_raw = sq_col_raw,
    .done = sq_done,
    .changes = sq_changes,
    .exec_script = sq_exec_script,
    .id_list = sq_id_list,
    .search_ids = sq_search_ids,
    .search_query = sq_search_query,
    .files_dir = sq_files_dir,
    .now_seconds = "CAST(strftime('%s', 'now') AS INTEGER)",
    .json_row = sq_json_row,
    .guard = sq_guard,
    .schema_latest = sq_schema_latest,
    .schema_version = sq_schema_version,
    .close = sq_close,
    .try_acquire = sq_try_acquire,
    .release = sq_release,
    .set_alone = sq_set_alone,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .write_stats = sq_write_stats,
    .data_version = sq_data_version,
    .data_version_read = sq_data_version_read,
    .integrity = sq_integrity,
    .heap = sq_heap,
    .broken = sq_broken,
    .search_put = sq_search_put,
    .search_add = sq_search_add,
    .search_del = sq_search_del,
    .search_clear = sq_search_clear,
    .search_sql = "SELECT d.entity, d.rid, s.title FROM search s CROSS JOIN search_docs d "
                  "ON d.id = s.rowid WHERE search MATCH ?1 LIMIT ?2",
    /* the tables of the main schema but SQLite's own (sqlite_*) and the search index's (the
     * FTS5 table search, whose shadow tables pragma_table_list calls "shadow", and
     * search_docs); a column's kind from its declared type, by SQLite's rules of affinity */
    .copy_columns = "SELECT m.name, p.name, CASE WHEN p.type LIKE '%INT%' THEN 'i' "
                    "WHEN p.type LIKE '%CHAR%' OR p.type LIKE '%CLOB%' OR p.type LIKE '%TEXT%' "
                    "THEN 't' WHEN p.type = '' OR p.type LIKE '%BLOB%' THEN 'b' ELSE 'n' END "
                    "FROM pragma_table_list m, pragma_table_info(m.name) p "
                    "WHERE m.schema = 'main' AND m.type IN ('table', 'virtual') "
                    "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    "AND m.name NOT IN ('search', 'search_docs', 'blobs') ORDER BY m.name, p.cid",
    .copy_refs = "SELECT m.name, f.\"table\" FROM pragma_table_list m, "
                 "pragma_foreign_key_list(m.name) f WHERE m.schema = 'main' AND m.type = 'table'",
    .col_blob = sq_col_blob,
    .search_rows = "SELECT d.id, d.entity, d.rid, s.title, s.body FROM search_docs d "
                   "JOIN search s ON s.rowid = d.id ORDER BY d.id",
    .search_empty = sq_search_empty,
    .search_load = sq_search_load,
    .ids_move = NULL,              /* a new rowid is the largest one plus one */
    .snapshot = "BEGIN IMMEDIATE", /* and no other write meanwhile: none is left behind */
    /* a reader of the WAL: its first statement fixes the state it reads, writers go on */
    .online = "BEGIN DEFERRED",
};
