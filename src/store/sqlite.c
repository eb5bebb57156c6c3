/* The SQLite implementation of store.h. */
#include "store.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/log.h"

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
struct conn {
    store *s;
    handle own;
    handle *h;
    char err[512];
    int in_tx;
    bool alone; /* store_set_alone: no other write is in flight */
};

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
    char op; /* 'a' add, 'd' delete, 'c' clear */
    long long rowid;
    char *title, *body;
} search_op;

/* A unit waiting for its batch's commit: batch_end fills it in. */
typedef struct {
    bool ended;
    int rc;
} unit_wait;

struct store {
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
};

#define DV_MAP 4096 /* bytes of the WAL index mapped: its header is the first 136 */
#define WAL_INDEX_VERSION 3007000
static void dv_map(store *s);
static void sq_free(store *s, int from);
static int sq_apply(conn *c, bool in_unit);

const char *store_engine(void)
{
    return "sqlite";
}

int store_schema_latest(void)
{
    return ngv_migrations_n;
}

int store_schema_version(store *s)
{
    return s->version;
}

const char *store_errmsg(conn *c)
{
    return c->err;
}

/* ---- the "vi" collation: compares the folded forms (no case, no diacritics, đ = d),
 * then the raw bytes so that different strings are never equal. */

typedef struct {
    const utf8proc_uint8_t *p, *end;
    utf8proc_int32_t pend[8];
    int npend, ipend;
} fold_iter;

static utf8proc_int32_t fold_next(fold_iter *it)
{
    while (it->ipend >= it->npend) {
        if (it->p >= it->end) return -1;
        if (*it->p < 0x80) { /* ASCII, most of most names: no table look-up needed */
            utf8proc_int32_t c = *it->p++;
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(it->p, it->end - it->p, &cp);
        if (k <= 0) {
            it->p++;
            continue;
        }
        it->p += k;
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(
            cp, it->pend, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
        if (n < 0 || n > 8) {
            it->pend[0] = cp;
            n = 1;
        }
        it->npend = (int)n;
        it->ipend = 0;
    }
    utf8proc_int32_t cp = it->pend[it->ipend++];
    if (cp == 0x0111 || cp == 0x0110) cp = 'd';
    return cp;
}

static int collate_vi(void *unused, int na, const void *a, int nb, const void *b)
{
    (void)unused;
    fold_iter x = {.p = a, .end = (const utf8proc_uint8_t *)a + na};
    fold_iter y = {.p = b, .end = (const utf8proc_uint8_t *)b + nb};
    for (;;) {
        utf8proc_int32_t ca = fold_next(&x), cb = fold_next(&y);
        if (ca != cb) return ca < cb ? -1 : 1;
        if (ca < 0) break;
    }
    int n = na < nb ? na : nb;
    int r = memcmp(a, b, (size_t)n);
    return r ? r : (na > nb) - (na < nb);
}

/* ---- statements: prepared once per connection and kept; every failure is logged
 * with its SQL and reported through the connection's message. */

typedef struct {
    conn *c;
    sqlite3_stmt *st;
} stmt;

static int fail(conn *c, const char *sql)
{
    snprintf(c->err, sizeof c->err, "%s", sqlite3_errmsg(c->h->db));
    log_error("sql error: %s [%s]", c->err, sql ? sql : "");
    int rc = sqlite3_errcode(c->h->db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return ST_BUSY;
    if (rc == SQLITE_CONSTRAINT) return ST_CONSTRAINT;
    return ST_ERROR;
}

static int prep(conn *c, stmt *s, const char *sql)
{
    s->c = c;
    s->st = NULL;
    int lru = 0;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->h->cache[i].sql && strcmp(c->h->cache[i].sql, sql) == 0) {
            c->h->cache[i].used = ++c->h->tick;
            s->st = c->h->cache[i].st;
            return ST_OK;
        }
        if (c->h->cache[i].used < c->h->cache[lru].used) lru = i;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(c->h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return fail(c, sql);
    if (c->h->cache[lru].st) sqlite3_finalize(c->h->cache[lru].st);
    free(c->h->cache[lru].sql);
    c->h->cache[lru].sql = xstrdup(sql);
    c->h->cache[lru].st = st;
    c->h->cache[lru].used = ++c->h->tick;
    s->st = st;
    return ST_OK;
}

static void done(stmt *s)
{
    if (!s->st) return;
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
}

static void b_text(stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s->st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s->st, i);
}

static void b_int(stmt *s, int i, long long v)
{
    sqlite3_bind_int64(s->st, i, v);
}

/* Steps once: SQLITE_ROW, SQLITE_DONE, or an ST_* error (negative-free: ST codes are small
 * and distinct from SQLITE_ROW (100) and SQLITE_DONE (101)). */
static int step(stmt *s)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
    int r = fail(s->c, sqlite3_sql(s->st));
    done(s);
    return r;
}

/* Runs a statement that returns no rows. */
static int exec1(stmt *s)
{
    int rc = step(s);
    done(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? ST_OK : rc;
}

static const char *col_text(arena *a, stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s->st, i);
    if (!t) return NULL;
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s->st, i));
}

static int exec_script(conn *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c->h->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
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
    conn *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->s = s;
    c->h = &c->own;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(s->path, &c->h->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", s->path,
                 c->h->db ? sqlite3_errmsg(c->h->db) : "out of memory");
        sqlite3_close(c->h->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->h->db, 5000);
    sqlite3_extended_result_codes(c->h->db, 0);
    if (slow_us < 0) {
        const char *e = getenv("NGOAIVU_SQL_SLOW_US");
        slow_us = e && *e ? strtoll(e, NULL, 10) : 0x7fffffff;
    }
    if (slow_us < 0x7fffffff) sqlite3_trace_v2(c->h->db, SQLITE_TRACE_PROFILE, on_profile, NULL);
    sqlite3_create_collation(c->h->db, "vi", SQLITE_UTF8, NULL, collate_vi);
    /* 2 MiB of page cache per connection (SQLite's default): less keeps the server smaller
     * but re-reads index pages through system calls on every write (8 MiB, for the writer
     * too, was measured: no faster). SQLite's own checkpoints every 1,000 pages of log, and FTS5's
     * automerge: a checkpoint every 10,000 pages, and merges left to FTS5's crisismerge, were each
     * tried and each made a create wait up to 4 s when it came (make bench: p99 3.9 s). The log is
     * copied into the database by the checkpointer thread (see ckpt_main), not by the
     * writer whose commit passes 1,000 pages. */
    if (exec_script(c, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
                       "PRAGMA cache_size = -2048;") != ST_OK) {
        if (sqlite3_errcode(c->h->db) == SQLITE_NOTADB)
            snprintf(err, errlen, "%s is not an ngoaivu database (not an SQLite file)", s->path);
        else
            snprintf(err, errlen, "%s: %s", s->path, c->err);
        sqlite3_close(c->h->db);
        free(c);
        return NULL;
    }
    sqlite3_wal_hook(c->h->db, on_wal, s);
    return c;
}

static void conn_close(conn *c)
{
    if (!c) return;
    c->h = &c->own;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->h->cache[i].st) sqlite3_finalize(c->h->cache[i].st);
        free(c->h->cache[i].sql);
    }
    sqlite3_close(c->h->db);
    free(c);
}

static long long pragma_int(conn *c, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(c->h->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
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
                 sqlite3_errmsg(c->h->db));
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

int store_open(const char *path, bool create, int pool_size, store **out, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) abort();
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

void store_close(store *s)
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
    if (s->shm) munmap((void *)s->shm, DV_MAP); /* before SQLite may truncate the file */
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

conn *store_try_acquire(store *s)
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

conn *store_acquire(store *s)
{
    conn *c = store_try_acquire(s);
    if (!c) {
        fprintf(stderr, "ngoaivu: cannot open the database %s\n", s->path);
        exit(1);
    }
    return c;
}

void store_set_alone(conn *c, bool alone)
{
    c->alone = alone;
}

void store_release(store *s, conn *c)
{
    if (c->in_tx) store_rollback(c);
    c->alone = false;
    pthread_mutex_lock(&s->mu);
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
    if (sqlite3_get_autocommit(w->h->db)) { /* SQLite rolled it back itself (an I/O error) */
        rc = ST_ERROR;
    } else if (ok) {
        stmt q;
        if ((rc = sq_apply(w, false)) == ST_OK && (rc = prep(w, &q, "COMMIT")) == ST_OK)
            rc = exec1(&q);
        if (rc != ST_OK && !sqlite3_get_autocommit(w->h->db)) exec_script(w, "ROLLBACK");
    } else {
        exec_script(w, "ROLLBACK");
        rc = ST_ERROR;
    }
    s->tx_open = s->solo = false;
    if (rc == ST_OK && ok) s->commits++;
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
    c->h = &c->own;
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

int store_begin(conn *c)
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
        c->h = s->txc->h;
        if ((rc = prep(c, &q, "BEGIN IMMEDIATE")) || (rc = exec1(&q))) {
            c->h = &c->own;
            s->solo = false;
            pthread_mutex_unlock(&s->write_mu);
            return rc;
        }
        s->tx_open = true;
        s->batch_units = 0;
    } else {
        c->h = s->writer->h;
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

int store_commit(conn *c)
{
    stmt q;
    int rc = prep(c, &q, "RELEASE unit");
    if (rc || (rc = exec1(&q))) {
        store_rollback(c);
        return rc;
    }
    return unit_end(c, true);
}

void store_rollback(conn *c)
{
    if (!c->in_tx) return;
    store *s = c->s;
    if (sqlite3_get_autocommit(c->h->db)) {
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

void store_write_stats(store *s, long long *units, long long *commits)
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
 * as when the version was last read, the version is the same. The file is mapped read
 * only; SQLite never shrinks it while one of this store's connections has it open, and
 * the writer's stays open until store_close unmaps it first. */

static void dv_map(store *s)
{
    sqlite3_stmt *st = NULL;
    bool wal = false;
    if (sqlite3_prepare_v2(s->writer->own.db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal) return;
    char *shm_path = NULL;
    if (asprintf(&shm_path, "%s-shm", s->path) < 0) return;
    int fd = open(shm_path, O_RDONLY | O_CLOEXEC);
    free(shm_path);
    if (fd < 0) return;
    struct stat sb;
    if (fstat(fd, &sb) == 0 && sb.st_size >= 136) {
        void *m = mmap(NULL, DV_MAP, PROT_READ, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) s->shm = m;
    }
    close(fd);
    if (s->shm && s->shm[0] != WAL_INDEX_VERSION) { /* not the layout this code reads */
        munmap((void *)s->shm, DV_MAP);
        s->shm = NULL;
    }
}

static long long dv_read(conn *c)
{
    stmt s;
    long long v = -1;
    if (prep(c, &s, "SELECT value FROM meta WHERE key = 'data_version'")) return -1;
    if (step(&s) == SQLITE_ROW) v = sqlite3_column_int64(s.st, 0);
    done(&s);
    return v;
}

long long store_data_version(conn *c)
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

long long store_data_version_read(conn *c)
{
    return dv_read(c);
}

int store_backup(store *s, const char *path, char *err, size_t errlen)
{
    conn *c = store_acquire(s);
    sqlite3 *dst = NULL;
    int rc = -1;
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, "cannot create %s: %s", path, sqlite3_errmsg(dst));
        goto out;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", c->h->db, "main");
    if (!b) {
        snprintf(err, errlen, "backup failed: %s", sqlite3_errmsg(dst));
        goto out;
    }
    int r;
    while ((r = sqlite3_backup_step(b, 256)) == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED)
        sqlite3_sleep(5);
    sqlite3_backup_finish(b);
    if (r != SQLITE_DONE) {
        snprintf(err, errlen, "backup failed: %s", sqlite3_errmsg(dst));
        goto out;
    }
    sqlite3_close(dst);
    dst = NULL;
    /* Reopen the copy as a database of ours and check it from end to end. */
    store *t;
    if (store_open(path, false, 1, &t, err, errlen) != 0) goto out;
    conn *tc = store_acquire(t);
    stmt q;
    const char *res = NULL;
    arena a = {0};
    if (prep(tc, &q, "PRAGMA integrity_check") == ST_OK && step(&q) == SQLITE_ROW)
        res = col_text(&a, &q, 0);
    done(&q);
    if (res && strcmp(res, "ok") == 0)
        rc = 0;
    else
        snprintf(err, errlen, "the copy in %s failed its integrity check: %s", path,
                 res ? res : tc->err);
    arena_free(&a);
    store_release(t, tc);
    store_close(t);
out:
    if (dst) sqlite3_close(dst);
    store_release(s, c);
    return rc;
}

/* ---- records. The SQL text is built from the record description: identifiers come
 * only from the compiled-in descriptions, every value is a bound parameter. */

static bool is_int_field(const field *f)
{
    return f->type == FT_BOOL || f->type == FT_REF;
}

/* Fields compared as words (with the vi collation) rather than as codes, dates, numbers. */
static bool is_words_field(const field *f)
{
    return f->type == FT_TEXT || f->type == FT_LONGTEXT || f->type == FT_EMAIL || f->type == FT_URL;
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
    if (sqlite3_column_type(s->st, i) == SQLITE_NULL) return NULL;
    return col_text(a, s, i);
}

static void select_cols(buf *b, const entity *e)
{
    buf_puts(b, "SELECT id, version, created_at, updated_at");
    for (int i = 0; i < e->nfields; i++)
        buf_printf(b, ", %s", e->fields[i].name);
    buf_printf(b, " FROM %s", e->table);
}

static void row_to_record(arena *a, stmt *s, const entity *e, record *r)
{
    r->e = e;
    r->id = sqlite3_column_int64(s->st, 0);
    r->version = sqlite3_column_int64(s->st, 1);
    r->created_at = col_text(a, s, 2);
    r->updated_at = col_text(a, s, 3);
    r->v = arena_alloc(a, sizeof(char *) * (size_t)e->nfields);
    for (int i = 0; i < e->nfields; i++)
        r->v[i] = col_value(a, s, 4 + i);
}

int st_rec_get(conn *c, arena *a, const entity *e, long long id, record *out)
{
    buf sql = {0};
    select_cols(&sql, e);
    buf_puts(&sql, " WHERE id = ?1");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    if (rc == SQLITE_ROW) {
        row_to_record(a, &s, e, out);
        rc = ST_OK;
    } else if (rc == SQLITE_DONE) {
        rc = ST_NOTFOUND;
    }
    done(&s);
    return rc;
}

static int bump_count(conn *c, const entity *e, int delta)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE counts SET n = n + ?1 WHERE entity = ?2");
    if (rc) return rc;
    b_int(&s, 1, delta);
    b_text(&s, 2, e->table);
    return exec1(&s);
}

int st_rec_insert(conn *c, const record *r, const char *now, long long *id)
{
    const entity *e = r->e;
    buf sql = {0};
    buf_printf(&sql, "INSERT INTO %s (created_at, updated_at", e->table);
    for (int i = 0; i < e->nfields; i++)
        buf_printf(&sql, ", %s", e->fields[i].name);
    buf_puts(&sql, ") VALUES (?1, ?1");
    for (int i = 0; i < e->nfields; i++)
        buf_printf(&sql, ", ?%d", i + 2);
    buf_puts(&sql, ")");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    b_text(&s, 1, now);
    for (int i = 0; i < e->nfields; i++)
        bind_value(&s, i + 2, &e->fields[i], r->v[i]);
    if ((rc = exec1(&s))) return rc;
    *id = sqlite3_last_insert_rowid(c->h->db);
    return bump_count(c, e, 1);
}

int st_rec_update(conn *c, const record *r, const char *now)
{
    const entity *e = r->e;
    buf sql = {0};
    buf_printf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?1", e->table);
    for (int i = 0; i < e->nfields; i++)
        buf_printf(&sql, ", %s = ?%d", e->fields[i].name, i + 4);
    buf_puts(&sql, " WHERE id = ?2 AND version = ?3");
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    b_text(&s, 1, now);
    b_int(&s, 2, r->id);
    b_int(&s, 3, r->version);
    for (int i = 0; i < e->nfields; i++)
        bind_value(&s, i + 4, &e->fields[i], r->v[i]);
    if ((rc = exec1(&s))) return rc;
    return sqlite3_changes(c->h->db) == 1 ? ST_OK : ST_CONFLICT;
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
    if (sqlite3_changes(c->h->db) != 1) return ST_NOTFOUND;
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
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
}

int st_rec_find_dup(conn *c, const entity *e, int fi, const char *value, long long except,
                    long long *found)
{
    char sql[256];
    /* COLLATE vi lets the lookup use the field's index; vi equality is byte equality */
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?1 COLLATE vi AND id <> ?2 LIMIT 1",
             e->table, e->fields[fi].name);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_text(&s, 1, value);
    b_int(&s, 2, except);
    rc = step(&s);
    *found = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_rec_count_refs(conn *c, const entity *e, int fi, long long id, long long *n)
{
    char sql[256];
    if (e->fields[fi].type == FT_REFS)
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s WHERE (',' || %s || ',') LIKE ('%%,' || ?1 || ',%%')",
                 e->table, e->fields[fi].name);
    else
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?1", e->table,
                 e->fields[fi].name);
    stmt s;
    int rc = prep(c, &s, sql);
    if (rc) return rc;
    b_int(&s, 1, id);
    rc = step(&s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc;
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

/* WHERE ... ORDER BY ... LIMIT for a list query; binds are numbered from 1 in order. */
static void list_where(buf *sql, const entity *e, const list_query *q, bool paging)
{
    int n = 0;
    const char *and = " WHERE ";
    for (int i = 0; i < q->nf; i++) {
        const field *f = &e->fields[q->f[i].field];
        if (f->type == FT_SET || f->type == FT_REFS) /* a set matches when it holds the code */
            buf_printf(sql, "%s(',' || %s || ',') LIKE ('%%,' || ?%d || ',%%')", and, f->name, ++n);
        else if (q->f[i].op == 'n' || q->f[i].op == 'N')
            buf_printf(sql, "%s%s IS %sNULL", and, f->name, q->f[i].op == 'N' ? "NOT " : "");
        else if (q->f[i].op == 'g')
            buf_printf(sql, "%s(%s IS NULL OR %s > ?%d)", and, f->name, f->name, ++n);
        else if (q->f[i].op == 'i') { /* one of several values: IN (...), so indexes serve */
            buf_printf(sql, "%s%s IN (", and, f->name);
            int k = count_values(q->f[i].value);
            for (int v = 0; v < k; v++)
                buf_printf(sql, "%s?%d", v ? ", " : "", ++n);
            buf_putc(sql, ')');
        } else
            buf_printf(sql, "%s%s %s ?%d", and, f->name,
                       q->f[i].op == '>'   ? ">="
                       : q->f[i].op == '<' ? "<="
                                           : "=",
                       ++n);
        and = " AND ";
    }
    if (q->words && *q->words) {
        buf_printf(sql,
                   "%sid IN (SELECT rowid >> 4 FROM search WHERE search MATCH ?%d AND "
                   "(rowid & 15) = %d)",
                   and, ++n, e->code);
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
    const char *dir = q->desc ? " DESC" : "";
    if (q->sort >= 0) {
        const field *f = &e->fields[q->sort];
        bool text = is_words_field(f);
        buf_printf(sql, " ORDER BY %s%s%s, id%s", f->name, text ? " COLLATE vi" : "", dir, dir);
    } else {
        buf_printf(sql, " ORDER BY id%s", dir);
    }
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
        if (q->f[i].op != 'i') {
            bind_value(s, ++n, &e->fields[q->f[i].field], q->f[i].value);
            continue;
        }
        const char *p = q->f[i].value; /* each value of the list in its own parameter */
        for (int v = count_values(p); v > 0; v--) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            sqlite3_bind_text(s->st, ++n, p, (int)len, SQLITE_TRANSIENT);
            p += len + (end ? 1 : 0);
        }
    }
    if (q->words && *q->words) {
        char *fq = fts_query(a, q->words, true);
        sqlite3_bind_text(s->st, ++n, fq, -1, SQLITE_TRANSIENT);
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
        buf_printf(sql, " ORDER BY %s%s%s, id%s", f->name, is_words_field(f) ? " COLLATE vi" : "",
                   dir, dir);
    } else {
        buf_printf(sql, " ORDER BY id%s", dir);
    }
}

/* A filtered page first finds the ids of its rows (on the indexes), then reads only those
 * rows: an OFFSET then skips index entries, not whole rows. */
static void where_ids_first(buf *sql, const entity *e, const list_query *q)
{
    if (skip_on_index(q) || (q->nf == 0 && !(q->words && *q->words))) {
        list_where(sql, e, q, true);
        return;
    }
    buf_printf(sql, " WHERE id IN (SELECT id FROM %s", e->table);
    list_where(sql, e, q, true);
    buf_putc(sql, ')');
    order_by(sql, e, q);
}

int st_rec_list(conn *c, arena *a, const entity *e, const list_query *q, record **rows, int *n)
{
    buf sql = {0};
    select_cols(&sql, e);
    where_ids_first(&sql, e, q);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    list_bind(&s, a, e, q, true);
    int cap = q->limit > 0 && q->limit < 1000 ? (int)q->limit : 1000;
    *rows = arena_alloc(a, sizeof(record) * (size_t)cap);
    *n = 0;
    while ((rc = step(&s)) == SQLITE_ROW && *n < cap)
        row_to_record(a, &s, e, &(*rows)[(*n)++]);
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_rec_list_json(conn *c, const entity *e, const list_query *q, buf *out, long long *last)
{
    buf sql = {0};
    buf_puts(&sql, "SELECT json_object('id', id, 'version', version, 'created_at', created_at, "
                   "'updated_at', updated_at");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->type == FT_BOOL)
            buf_printf(&sql, ", '%s', json(CASE WHEN %s THEN 'true' ELSE 'false' END)", f->name,
                       f->name);
        else if (f->type == FT_SET) /* codes are [a-z_] only: safe to quote this way */
            buf_printf(&sql, ", '%s', json('[\"' || replace(%s, ',', '\",\"') || '\"]')", f->name,
                       f->name);
        else if (f->type == FT_REFS) /* "3,17" is the body of a JSON array of numbers */
            buf_printf(&sql, ", '%s', json('[' || %s || ']')", f->name, f->name);
        else
            buf_printf(&sql, ", '%s', %s", f->name, f->name);
    }
    buf_printf(&sql, "), id FROM %s", e->table);
    where_ids_first(&sql, e, q);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    arena a = {0};
    list_bind(&s, &a, e, q, true);
    buf_putc(out, '[');
    int k = 0;
    *last = 0;
    while ((rc = step(&s)) == SQLITE_ROW) {
        if (k++) buf_putc(out, ',');
        buf_put(out, sqlite3_column_text(s.st, 0), (size_t)sqlite3_column_bytes(s.st, 0));
        *last = sqlite3_column_int64(s.st, 1);
    }
    buf_putc(out, ']');
    done(&s);
    arena_free(&a);
    return rc == SQLITE_DONE ? ST_OK : rc;
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
        list_where(&sql, e, q, false);
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
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    done(&s);
    arena_free(&a);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_rec_group(conn *c, arena *a, const entity *e, int fi, const list_query *q, int limit,
                 group_count **rows, int *n)
{
    const char *col = e->fields[fi].name;
    buf sql = {0};
    buf_printf(&sql, "SELECT %s, count(*) AS n FROM %s", col, e->table);
    list_where(&sql, e, q, false);
    buf_printf(&sql, "%s%s IS NOT NULL GROUP BY %s ORDER BY n DESC, %s LIMIT %d",
               q->nf || (q->words && *q->words) ? " AND " : " WHERE ", col, col, col, limit);
    stmt s;
    int rc = prep(c, &s, buf_cstr(&sql));
    buf_free(&sql);
    if (rc) return rc;
    list_bind(&s, a, e, q, false);
    *rows = arena_alloc(a, sizeof(group_count) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(&s)) == SQLITE_ROW && *n < limit) {
        (*rows)[*n].value = col_text(a, &s, 0);
        (*rows)[*n].n = sqlite3_column_int64(s.st, 1);
        (*n)++;
    }
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

/* ---- search index */

static int search_exec(conn *c, const search_op *o)
{
    stmt q;
    int rc;
    if (o->op == 'c') {
        rc = prep(c, &q, "DELETE FROM search");
    } else if (o->op == 'd') {
        rc = prep(c, &q, "DELETE FROM search WHERE rowid = ?1");
        if (!rc) b_int(&q, 1, o->rowid);
    } else {
        rc = prep(c, &q, "INSERT INTO search(rowid, body, title) VALUES (?1, ?2, ?3)");
        if (!rc) {
            b_int(&q, 1, o->rowid);
            b_text(&q, 2, o->body);
            b_text(&q, 3, o->title);
        }
    }
    return rc ? rc : exec1(&q);
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
static int sq_push(conn *c, char op, long long rowid, const char *title, const char *body)
{
    search_op o = {.op = op, .rowid = rowid};
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

int st_search_put(conn *c, const entity *e, long long id, const char *title, const char *body)
{
    int rc = st_search_del(c, e, id);
    return rc ? rc : st_search_add(c, e, id, title, body);
}

int st_search_add(conn *c, const entity *e, long long id, const char *title, const char *body)
{
    return sq_push(c, 'a', id * 16 + e->code, title, body);
}

int st_search_del(conn *c, const entity *e, long long id)
{
    return sq_push(c, 'd', id * 16 + e->code, NULL, NULL);
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

int st_search_clear(conn *c)
{
    return sq_push(c, 'c', 0, NULL, NULL);
}

/* Whole words first: cheap, and what people usually type. Only when they do not fill
 * the page does the last word match as a prefix too. */
int st_search(conn *c, arena *a, const char *words, int limit, search_hit **hits, int *n)
{
    *n = 0;
    *hits = arena_alloc(a, sizeof(search_hit) * (size_t)(limit > 0 ? limit : 1));
    if (!words || !*words) return ST_OK;
    for (int pass = 0; pass < 2 && *n < limit; pass++) {
        stmt s;
        int rc = prep(c, &s, "SELECT rowid, title FROM search WHERE search MATCH ?1 LIMIT ?2");
        if (rc) return rc;
        b_text(&s, 1, fts_query(a, words, pass == 1));
        b_int(&s, 2, limit);
        while ((rc = step(&s)) == SQLITE_ROW && *n < limit) {
            long long rowid = sqlite3_column_int64(s.st, 0);
            bool seen = false;
            for (int i = 0; i < *n && !seen; i++)
                seen = (*hits)[i].id * 16 + (*hits)[i].code == rowid;
            if (seen) continue;
            search_hit *h = &(*hits)[(*n)++];
            h->code = (int)(rowid & 15);
            h->id = rowid >> 4;
            h->title = col_text(a, &s, 1);
        }
        done(&s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;
    }
    return ST_OK;
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
    while ((rc = step(s)) == SQLITE_ROW && *n < limit) {
        audit_row *r = &(*rows)[(*n)++];
        r->id = sqlite3_column_int64(s->st, 0);
        r->rid = sqlite3_column_int64(s->st, 1);
        r->at = col_text(a, s, 2);
        r->username = col_text(a, s, 3);
        r->entity = col_text(a, s, 4);
        r->action = col_text(a, s, 5);
        r->old_json = col_value(a, s, 6);
        r->new_json = col_value(a, s, 7);
    }
    done(s);
    (void)c;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
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

static void dir_of(conn *c, char *out, size_t n, const char *sha)
{
    if (sha)
        snprintf(out, n, "%s.files/%.2s", c->s->path, sha);
    else
        snprintf(out, n, "%s.files", c->s->path);
}

int files_put(conn *c, const void *data, size_t n, char sha[65], char *err, size_t errlen)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(sha, 65, h, sizeof h);
    char dir[1024], path[1100], tmp[1200];
    dir_of(c, dir, sizeof dir, NULL);
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
    dir_of(c, dir, sizeof dir, sha);
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
    while ((rc = step(s)) == SQLITE_ROW && *n < limit) {
        attach_row *x = &(*rows)[(*n)++];
        x->id = sqlite3_column_int64(s->st, 0);
        x->rid = sqlite3_column_int64(s->st, 1);
        x->size = sqlite3_column_int64(s->st, 2);
        x->entity = col_text(a, s, 3);
        x->sha256 = col_text(a, s, 4);
        x->name = col_text(a, s, 5);
        x->mime = col_text(a, s, 6);
        x->username = col_text(a, s, 7);
        x->at = col_text(a, s, 8);
    }
    done(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_attach_add(conn *c, const attach_row *a, long long user_id, long long *id)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO attachments(entity, rid, sha256, name, mime, size, user_id, "
                  "username, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
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
    if ((rc = exec1(&s))) return rc;
    *id = sqlite3_last_insert_rowid(c->h->db);
    return ST_OK;
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
    return sqlite3_changes(c->h->db) == 1 ? ST_OK : ST_NOTFOUND;
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
    while ((rc = step(&s)) == SQLITE_ROW && *n < limit) {
        transition_row *t = &(*rows)[(*n)++];
        t->from = col_value(a, &s, 0);
        t->to = col_text(a, &s, 1);
        t->note = col_value(a, &s, 2);
        t->username = col_text(a, &s, 3);
        t->at = col_text(a, &s, 4);
    }
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

/* ---- progress updates of commitments */

int st_progress_add(conn *c, long long cid, const char *date, const char *text, int percent,
                    long long user_id, const char *username, const char *now, long long *id)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO progress(commitment_id, date, text, percent, user_id, username, at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (rc) return rc;
    b_int(&s, 1, cid);
    b_text(&s, 2, date);
    b_text(&s, 3, text);
    b_int(&s, 4, percent);
    if (user_id > 0) b_int(&s, 5, user_id);
    b_text(&s, 6, username);
    b_text(&s, 7, now);
    if ((rc = exec1(&s))) return rc;
    *id = sqlite3_last_insert_rowid(c->h->db);
    return ST_OK;
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
    while ((rc = step(&s)) == SQLITE_ROW && *n < limit) {
        progress_row *p = &(*rows)[(*n)++];
        p->id = sqlite3_column_int64(s.st, 0);
        p->date = col_text(a, &s, 1);
        p->text = col_text(a, &s, 2);
        p->percent = sqlite3_column_int(s.st, 3);
        p->username = col_text(a, &s, 4);
        p->at = col_text(a, &s, 5);
    }
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

/* ---- users, sessions, login failures */

#define USER_COLS                                                                                  \
    "SELECT id, username, role, pwhash, display_name, lang, disabled, agency_id, must_change "     \
    "FROM users "

static void row_to_user(arena *a, stmt *s, user_row *u)
{
    u->id = sqlite3_column_int64(s->st, 0);
    u->username = col_text(a, s, 1);
    u->role = col_text(a, s, 2);
    u->pwhash = col_text(a, s, 3);
    u->display_name = col_value(a, s, 4);
    u->lang = col_text(a, s, 5);
    u->disabled = sqlite3_column_int(s->st, 6) != 0;
    u->agency_id = sqlite3_column_int64(s->st, 7);
    u->must_change = sqlite3_column_int(s->st, 8) != 0;
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
    if (rc == SQLITE_ROW) row_to_user(a, &s, u);
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
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
                  "agency_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (rc) return rc;
    b_text(&s, 1, u->username);
    b_text(&s, 2, u->role);
    b_text(&s, 3, u->pwhash);
    b_text(&s, 4, u->display_name);
    b_text(&s, 5, u->lang ? u->lang : "vi");
    b_text(&s, 6, now);
    if (u->agency_id > 0) b_int(&s, 7, u->agency_id);
    if ((rc = exec1(&s))) return rc;
    *id = sqlite3_last_insert_rowid(c->h->db);
    return ST_OK;
}

int st_user_set_password(conn *c, long long id, const char *pwhash)
{
    stmt s;
    int rc = prep(c, &s, "UPDATE users SET pwhash = ?1 WHERE id = ?2");
    if (rc) return rc;
    b_text(&s, 1, pwhash);
    b_int(&s, 2, id);
    if ((rc = exec1(&s))) return rc;
    if (sqlite3_changes(c->h->db) != 1) return ST_NOTFOUND;
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
    return sqlite3_changes(c->h->db) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_user_list(conn *c, arena *a, user_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s, USER_COLS "ORDER BY username");
    if (rc) return rc;
    int cap = 16;
    *rows = arena_alloc(a, sizeof(user_row) * (size_t)cap);
    *n = 0;
    while ((rc = step(&s)) == SQLITE_ROW) {
        if (*n == cap) {
            user_row *bigger = arena_alloc(a, sizeof(user_row) * (size_t)cap * 2);
            memcpy(bigger, *rows, sizeof(user_row) * (size_t)cap);
            *rows = bigger;
            cap *= 2;
        }
        row_to_user(a, &s, &(*rows)[(*n)++]);
    }
    done(&s);
    return rc == SQLITE_DONE ? ST_OK : rc;
}

int st_session_put(conn *c, const char *token_hash, long long user_id, const char *csrf,
                   const char *kind, long long expires)
{
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO sessions(token_hash, user_id, csrf, kind, expires) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    b_int(&s, 2, user_id);
    b_text(&s, 3, csrf);
    b_text(&s, 4, kind);
    b_int(&s, 5, expires);
    if ((rc = exec1(&s))) return rc;
    /* forget expired sessions as new ones come, so the table stays small */
    if ((rc = prep(c, &s, "DELETE FROM sessions WHERE expires <= ?1"))) return rc;
    b_int(&s, 1, expires - 2 * 86400);
    return exec1(&s);
}

int st_session_get(conn *c, arena *a, const char *token_hash, long long now, user_row *u,
                   const char **csrf, const char **kind)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT u.id, u.username, u.role, u.pwhash, u.display_name, u.lang, u.disabled, "
                  "u.agency_id, u.must_change, s.csrf, s.kind FROM sessions s "
                  "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires > ?2");
    if (rc) return rc;
    b_text(&s, 1, token_hash);
    b_int(&s, 2, now);
    rc = step(&s);
    if (rc == SQLITE_ROW) {
        row_to_user(a, &s, u);
        *csrf = col_text(a, &s, 9);
        *kind = col_text(a, &s, 10);
    }
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
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
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    *last = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 1) : 0;
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc;
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
    *created_at = rc == SQLITE_ROW ? col_text(a, &s, 0) : NULL;
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
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

int st_setting_get(conn *c, arena *a, const char *key, const char **value)
{
    stmt s;
    int rc = prep(c, &s, "SELECT value FROM settings WHERE key = ?1");
    if (rc) return rc;
    b_text(&s, 1, key);
    rc = step(&s);
    *value = rc == SQLITE_ROW ? col_text(a, &s, 0) : NULL;
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
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
    while ((rc = step(&s)) == SQLITE_ROW)
        fn(ctx, (const char *)sqlite3_column_text(s.st, 0),
           (const char *)sqlite3_column_text(s.st, 1));
    done(&s);
    return rc == SQLITE_DONE ? ST_OK : rc;
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
    *added = sqlite3_changes(c->h->db) > 0;
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
    *exists = rc == SQLITE_ROW;
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

#define NOTICE_COLS                                                                                \
    "SELECT id, user_id, rid, kind, entity, tag, day, created_at, read_at, resolved_at "

static int notice_rows(arena *a, stmt *s, int limit, notice_row **rows, int *n)
{
    int rc;
    *rows = arena_alloc(a, sizeof(notice_row) * (size_t)(limit > 0 ? limit : 1));
    *n = 0;
    while ((rc = step(s)) == SQLITE_ROW && *n < limit) {
        notice_row *r = &(*rows)[(*n)++];
        r->id = sqlite3_column_int64(s->st, 0);
        r->user_id = sqlite3_column_int64(s->st, 1);
        r->rid = sqlite3_column_int64(s->st, 2);
        r->kind = col_text(a, s, 3);
        r->entity = col_text(a, s, 4);
        r->tag = col_text(a, s, 5);
        r->day = col_text(a, s, 6);
        r->created_at = col_text(a, s, 7);
        r->read_at = col_value(a, s, 8);
        r->resolved_at = col_value(a, s, 9);
    }
    done(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
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
    *total = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    *unread = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 1) : 0;
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc;
}

int st_notice_unresolved(conn *c, const char *ename, long long rid, const char *kind,
                         const char *keep_tag, bool *any)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT 1 FROM notifications WHERE entity = ?1 AND rid = ?2 AND kind = ?3 "
                  "AND resolved_at IS NULL AND (?4 IS NULL OR tag <> ?4) LIMIT 1");
    if (rc) return rc;
    b_text(&s, 1, ename);
    b_int(&s, 2, rid);
    b_text(&s, 3, kind);
    b_text(&s, 4, keep_tag);
    rc = step(&s);
    *any = rc == SQLITE_ROW;
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_notice_resolve(conn *c, const char *ename, long long rid, const char *kind,
                      const char *keep_tag, const char *now)
{
    stmt s;
    int rc = prep(c, &s,
                  "UPDATE notifications SET resolved_at = ?1 WHERE entity = ?2 AND rid = ?3 "
                  "AND kind = ?4 AND resolved_at IS NULL AND (?5 IS NULL OR tag <> ?5)");
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
        if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? ST_NOTFOUND : rc;
    }
    if ((rc = prep(c, &s,
                   "UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL "
                   "AND (?3 = 0 OR id = ?3)")))
        return rc;
    b_text(&s, 1, now);
    b_int(&s, 2, user_id);
    b_int(&s, 3, id);
    if ((rc = exec1(&s))) return rc;
    *changed = sqlite3_changes(c->h->db);
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
    if (rc == SQLITE_ROW) {
        *total = sqlite3_column_int64(s.st, 0);
        *max_id = sqlite3_column_int64(s.st, 1);
    }
    done(&s);
    if (rc != SQLITE_ROW) return rc;
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
    select_cols(&sql, e);
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
    while ((rc = step(&s)) == SQLITE_ROW && *n < limit)
        row_to_record(a, &s, e, &(*rows)[(*n)++]);
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_remind_mark_get(conn *c, arena *a, const char **mark)
{
    stmt s;
    *mark = NULL;
    int rc = prep(c, &s, "SELECT value FROM remind_state WHERE key = 'mark'");
    if (rc) return rc;
    rc = step(&s);
    if (rc == SQLITE_ROW) *mark = col_text(a, &s, 0);
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
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
    return sqlite3_changes(c->h->db) == 1 ? ST_OK : ST_NOTFOUND;
}

int st_user_emails(conn *c, arena *a, mail_user **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, username, display_name, lang, email FROM users "
                  "WHERE email IS NOT NULL AND email <> '' AND NOT disabled ORDER BY username");
    if (rc) return rc;
    int cap = 16;
    *rows = arena_alloc(a, sizeof(mail_user) * (size_t)cap);
    *n = 0;
    while ((rc = step(&s)) == SQLITE_ROW) {
        if (*n == cap) {
            mail_user *bigger = arena_alloc(a, sizeof(mail_user) * (size_t)cap * 2);
            memcpy(bigger, *rows, sizeof(mail_user) * (size_t)cap);
            *rows = bigger;
            cap *= 2;
        }
        mail_user *u = &(*rows)[(*n)++];
        u->id = sqlite3_column_int64(s.st, 0);
        u->username = col_text(a, &s, 1);
        u->display_name = col_value(a, &s, 2);
        u->lang = col_text(a, &s, 3);
        u->email = col_text(a, &s, 4);
    }
    done(&s);
    return rc == SQLITE_DONE ? ST_OK : rc;
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
    return sqlite3_changes(c->h->db) == 1 ? ST_OK : ST_NOTFOUND;
}

/* Ends every session of a user but keep_hash's (NULL: all), and their calendar address. */
static int end_access(conn *c, long long id, const char *keep_hash)
{
    stmt s;
    int rc =
        prep(c, &s, "DELETE FROM sessions WHERE user_id = ?1 AND (?2 IS NULL OR token_hash <> ?2)");
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
    if (sqlite3_changes(c->h->db) != 1) return ST_NOTFOUND;
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
    if (sqlite3_changes(c->h->db) != 1) return ST_NOTFOUND;
    return end_access(c, id, keep_hash);
}

int st_session_list(conn *c, arena *a, long long user_id, long long now, const char *current_hash,
                    session_row **rows, int *n)
{
    stmt s;
    int rc = prep(c, &s,
                  "SELECT id, kind, created, expires, coalesce(token_hash = ?3, 0) FROM sessions "
                  "WHERE user_id = ?1 AND expires > ?2 ORDER BY created DESC, id DESC LIMIT 200");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_int(&s, 2, now);
    b_text(&s, 3, current_hash);
    *rows = arena_alloc(a, sizeof(session_row) * 200);
    *n = 0;
    while ((rc = step(&s)) == SQLITE_ROW && *n < 200) {
        session_row *r = &(*rows)[(*n)++];
        r->id = sqlite3_column_int64(s.st, 0);
        r->kind = col_text(a, &s, 1);
        r->created = sqlite3_column_int64(s.st, 2);
        r->expires = sqlite3_column_int64(s.st, 3);
        r->current = sqlite3_column_int(s.st, 4) != 0;
    }
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
}

int st_session_revoke(conn *c, long long user_id, long long sid, long long *ended)
{
    stmt s;
    int rc = prep(c, &s, "DELETE FROM sessions WHERE user_id = ?1 AND (?2 = 0 OR id = ?2)");
    if (rc) return rc;
    b_int(&s, 1, user_id);
    b_int(&s, 2, sid);
    if ((rc = exec1(&s))) return rc;
    *ended = sqlite3_changes(c->h->db);
    return ST_OK;
}

/* One statement for every combination of filters: an absent one (NULL) holds for every row. */
#define AUDIT_WHERE                                                                                \
    "FROM audit WHERE (?1 IS NULL OR username = ?1) AND (?2 IS NULL OR entity = ?2) "              \
    "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) "

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
    *total = rc == SQLITE_ROW ? sqlite3_column_int64(s.st, 0) : 0;
    done(&s);
    if (rc != SQLITE_ROW) return rc;
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
 * they move no data version. The one expression that differs by engine is the database's
 * clock, SQL_NOW_SECONDS; PostgreSQL's is CAST(extract(epoch FROM now()) AS BIGINT). The
 * rest is the same on both (INSERT ... ON CONFLICT ... DO UPDATE ... WHERE, RETURNING). */

#define SQL_NOW_SECONDS "CAST(strftime('%s', 'now') AS INTEGER)"

int st_lease_take(conn *c, const char *name, const char *holder, int seconds, bool *held)
{
    *held = false;
    stmt s;
    int rc = prep(c, &s,
                  "INSERT INTO leases(name, holder, expires, progress) "
                  "VALUES (?1, ?2, " SQL_NOW_SECONDS " + ?3, 0) "
                  "ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, "
                  "expires = excluded.expires, "
                  "progress = CASE WHEN leases.holder = excluded.holder "
                  "THEN leases.progress ELSE 0 END "
                  "WHERE leases.holder = excluded.holder OR leases.expires <= " SQL_NOW_SECONDS
                  " RETURNING holder");
    if (rc) return rc;
    b_text(&s, 1, name);
    b_text(&s, 2, holder);
    b_int(&s, 3, seconds);
    rc = step(&s);
    if (rc == SQLITE_ROW) *held = true;
    done(&s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : rc;
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
    stmt s;
    int rc = prep(c, &s,
                  "SELECT holder, expires - " SQL_NOW_SECONDS ", progress FROM leases "
                  "WHERE name = ?1");
    if (rc) return rc;
    b_text(&s, 1, name);
    rc = step(&s);
    if (rc == SQLITE_ROW) {
        *holder = col_text(a, &s, 0);
        *left = sqlite3_column_int64(s.st, 1);
        *progress = sqlite3_column_int64(s.st, 2);
    }
    done(&s);
    return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : rc;
}
