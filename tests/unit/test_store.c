/* store/: opening, migrations and refusals, records, counts, search, collation. */
#include <pthread.h>
#include <stdatomic.h>
#include <sched.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "domain/entities.h"
#include "store/store.h"
#include "t.h"

static char dir[64];
/* With NGOAIVU_UNIT_PG (a postgres:// URI), the tests that hold for every engine run
 * against PostgreSQL: each database name is a schema of that database of its own. */
static const char *pg_base;

/* A fresh schema for name ("rec.db" -> t_rec), made once per run. */
static void pg_schema(const char *schema)
{
    static char made[32][32];
    static int nmade;
    for (int i = 0; i < nmade; i++)
        if (!strcmp(made[i], schema)) return;
    PGconn *pg = PQconnectdb(pg_base);
    char q[192];
    snprintf(q, sizeof q,
             "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; "
             "CREATE SCHEMA %s",
             schema, schema);
    PGresult *res = PQexec(pg, q);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        fprintf(stderr, "    cannot make schema %s: %s\n", schema, PQerrorMessage(pg));
    PQclear(res);
    PQfinish(pg);
    if (nmade < 32) snprintf(made[nmade++], sizeof made[0], "%s", schema);
}

static const char *path(const char *name)
{
    static char p[512];
    if (!pg_base) {
        snprintf(p, sizeof p, "%s/%s", dir, name);
        return p;
    }
    char schema[32];
    snprintf(schema, sizeof schema, "t_%.*s", (int)strcspn(name, "."), name);
    pg_schema(schema);
    snprintf(p, sizeof p, "%s%coptions=-csearch_path%%3D%s", pg_base,
             strchr(pg_base, '?') ? '&' : '?', schema);
    return p;
}

static void sql(const char *file, const char *text)
{
    sqlite3 *db;
    sqlite3_open(file, &db);
    sqlite3_exec(db, text, NULL, NULL, NULL);
    sqlite3_close(db);
}

static void creates_and_reopens(void)
{
    store *s;
    char err[256] = "";
    CHECK(store_open(path("a.db"), true, 2, &s, err, sizeof err) == 0);
    CHECK(store_schema_version(s) == store_schema_latest(s));
    store_close(s);
    CHECK(store_open(path("a.db"), false, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    CHECK(store_data_version(c) == 0);
    store_release(s, c);
    store_close(s);
}

static void refuses_missing_file_without_create(void)
{
    store *s;
    char err[256] = "";
    CHECK(store_open(path("none.db"), false, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "cannot open") != NULL);
    CHECK(access(path("none.db"), F_OK) != 0);
}

static void refuses_foreign_sqlite_file(void)
{
    sql(path("other.db"), "CREATE TABLE accounts(x); INSERT INTO accounts VALUES (1);");
    store *s;
    char err[256] = "";
    CHECK(store_open(path("other.db"), true, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "not an ngoaivu database") != NULL);
    /* and nothing was added to it */
    sqlite3 *db;
    sqlite3_open(path("other.db"), &db);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
    sqlite3_step(st);
    CHECK(sqlite3_column_int(st, 0) == 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void refuses_non_sqlite_file(void)
{
    FILE *f = fopen(path("text.db"), "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs("this is a text file, not a database, and it is long enough to have a header\n", f);
    fclose(f);
    store *s;
    char err[256] = "";
    CHECK(store_open(path("text.db"), true, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "not an ngoaivu database") != NULL);
}

static void refuses_newer_schema(void)
{
    store *s;
    char err[256] = "";
    CHECK(store_open(path("new.db"), true, 2, &s, err, sizeof err) == 0);
    store_close(s);
    sql(path("new.db"), "PRAGMA user_version = 99");
    CHECK(store_open(path("new.db"), false, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "newer than this program") != NULL);
}

/* Every field of every description has its column: a field added without a migration
 * is caught here, not by a user. */
static void descriptions_match_schema(void)
{
    store *s;
    char err[256];
    CHECK(store_open(path("cols.db"), true, 2, &s, err, sizeof err) == 0);
    store_close(s);
    sqlite3 *db;
    sqlite3_open(path("cols.db"), &db);
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *e = ngv_entities[k];
        for (int i = 0; i < e->nfields; i++) {
            char q[256];
            /* a list of references is a table of its own, <table>_<field>(rid, ref, pos) */
            if (e->fields[i].type == FT_REFS)
                snprintf(q, sizeof q,
                         "SELECT count(*) = 3 FROM pragma_table_info('%s_%s') WHERE name IN "
                         "('rid', 'ref', 'pos') HAVING count(*) = 3",
                         e->table, e->fields[i].name);
            else
                snprintf(q, sizeof q, "SELECT 1 FROM pragma_table_info('%s') WHERE name = '%s'",
                         e->table, e->fields[i].name);
            sqlite3_stmt *st;
            int ok = sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK &&
                     sqlite3_step(st) == SQLITE_ROW;
            sqlite3_finalize(st);
            if (!ok) fprintf(stderr, "    missing column %s.%s\n", e->table, e->fields[i].name);
            CHECK(ok);
            /* a text sortable field has its sort key, a unique one its folded key */
            const field *f = &e->fields[i];
            bool words = f->type == FT_TEXT || f->type == FT_LONGTEXT || f->type == FT_EMAIL ||
                         f->type == FT_URL;
            for (int d = 0; d < 2; d++) {
                if (!(d == 0 ? (f->flags & F_SORT) && words : (f->flags & F_UNIQUE) != 0)) continue;
                snprintf(q, sizeof q, "SELECT 1 FROM pragma_table_info('%s') WHERE name = '%s_%s'",
                         e->table, f->name, d == 0 ? "sort" : "key");
                ok = sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK &&
                     sqlite3_step(st) == SQLITE_ROW;
                sqlite3_finalize(st);
                if (!ok)
                    fprintf(stderr, "    missing column %s.%s_%s\n", e->table, f->name,
                            d == 0 ? "sort" : "key");
                CHECK(ok);
            }
        }
    }
    /* and the file needs nothing of this program to be checked (no collation of its own) */
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static record partner(arena *a, const char *name, const char *country)
{
    record r = {.e = &partner_entity};
    r.v = arena_alloc(a, sizeof(char *) * (size_t)partner_entity.nfields);
    r.v[entity_field_index(&partner_entity, "kind")] = "ngo";
    r.v[entity_field_index(&partner_entity, "name_vi")] = name;
    r.v[entity_field_index(&partner_entity, "country")] = country;
    return r;
}

static void records_counts_and_versions(void)
{
    store *s;
    char err[256];
    arena a = {0};
    CHECK(store_open(path("rec.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    CHECK(store_begin(c) == ST_OK);
    long long ids[3];
    const char *names[] = {"Đà Nẵng", "An Giang", "Dương Kinh"};
    for (int i = 0; i < 3; i++) {
        record r = partner(&a, names[i], "VN");
        CHECK(st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &ids[i]) == ST_OK);
    }
    CHECK(store_commit(c) == ST_OK);
    CHECK(store_data_version(c) == 1);
    list_query q = {.sort = -1, .limit = 10};
    long long n = 0;
    CHECK(st_rec_count(c, &partner_entity, &q, &n) == ST_OK && n == 3);
    /* Vietnamese order: Đ after D (ICU's "vi"), both before Z */
    q.sort = entity_field_index(&partner_entity, "name_vi");
    record *rows;
    int got;
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &got) == ST_OK && got == 3);
    CHECK_STR(rows[0].v[q.sort], "An Giang");
    CHECK_STR(rows[1].v[q.sort], "Dương Kinh");
    CHECK_STR(rows[2].v[q.sort], "Đà Nẵng");
    /* optimistic lock: updating an old version is a conflict */
    record r;
    CHECK(st_rec_get(c, &a, &partner_entity, ids[0], &r) == ST_OK && r.version == 1);
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_rec_update(c, &r, "2026-01-02T00:00:00Z") == ST_OK);
    CHECK(st_rec_update(c, &r, "2026-01-02T00:00:00Z") == ST_CONFLICT);
    CHECK(st_rec_delete(c, &partner_entity, ids[2]) == ST_OK);
    CHECK(st_rec_delete(c, &partner_entity, ids[2]) == ST_NOTFOUND);
    CHECK(store_commit(c) == ST_OK);
    q = (list_query){.sort = -1, .limit = 10};
    CHECK(st_rec_count(c, &partner_entity, &q, &n) == ST_OK && n == 2);
    /* keyset cursor */
    q.after = ids[0];
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &got) == ST_OK && got == 1);
    CHECK(got == 1 && rows[0].id == ids[1]);
    /* JSON encoded by the database */
    buf j = {0};
    q.after = 0;
    long long last = -1;
    CHECK(st_rec_list_json(c, &partner_entity, &q, &j, &last) == ST_OK);
    CHECK(last == ids[1]);
    CHECK(strstr(buf_cstr(&j), "\"name_vi\":\"Đà Nẵng\"") != NULL);
    CHECK(j.data[0] == '[' && j.data[j.len - 1] == ']');
    buf_free(&j);
    /* a deep page by offset (taken on the id index) and descending */
    q = (list_query){.sort = -1, .limit = 10, .offset = 1};
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &got) == ST_OK && got == 1);
    CHECK(got == 1 && rows[0].id == ids[1]);
    q.desc = true;
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &got) == ST_OK && got == 1);
    CHECK(got == 1 && rows[0].id == ids[0]);
    q = (list_query){.sort = -1, .limit = 10, .offset = 5};
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &got) == ST_OK && got == 0);
    store_release(s, c);
    store_close(s);
    arena_free(&a);
}

static void rollback_leaves_nothing(void)
{
    store *s;
    char err[256];
    arena a = {0};
    CHECK(store_open(path("rb.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    CHECK(store_begin(c) == ST_OK);
    record r = partner(&a, "Tạm", "LA");
    long long id;
    CHECK(st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id) == ST_OK);
    store_rollback(c);
    list_query q = {.sort = -1};
    long long n = -1;
    CHECK(st_rec_count(c, &partner_entity, &q, &n) == ST_OK && n == 0);
    CHECK(st_rec_exists(c, &partner_entity, id) == ST_NOTFOUND);
    CHECK(store_data_version(c) == 0);
    store_release(s, c);
    store_close(s);
    arena_free(&a);
}

static void search_index_finds_prefixes_and_is_safe(void)
{
    store *s;
    char err[256];
    arena a = {0};
    CHECK(store_open(path("fts.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_search_put(c, &partner_entity, 7, "Sở Ngoại vụ", "so ngoai vu") == ST_OK);
    CHECK(st_search_put(c, &contact_entity, 7, "Ngô", "ngo") == ST_OK);
    CHECK(st_search_put(c, &partner_entity, 7, "Sở Ngoại vụ", "so ngoai vu attapeu") == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    search_hit *h;
    int n;
    CHECK(st_search(c, &a, "ngoai vu", 10, &h, &n) == ST_OK && n == 1);
    CHECK(n == 1 && h[0].id == 7 && h[0].code == partner_entity.code);
    CHECK(st_search(c, &a, "atta", 10, &h, &n) == ST_OK && n == 1); /* prefix */
    CHECK(st_search(c, &a, "ngo", 10, &h, &n) == ST_OK && n == 2);
    /* FTS syntax in user words is taken literally, not as a query language */
    CHECK(st_search(c, &a, "ngo\" OR \"x", 10, &h, &n) == ST_OK);
    CHECK(st_search(c, &a, "NEAR(ngo", 10, &h, &n) == ST_OK && n == 0);
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_search_del(c, &partner_entity, 7) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    CHECK(st_search(c, &a, "attapeu", 10, &h, &n) == ST_OK && n == 0);
    store_release(s, c);
    store_close(s);
    arena_free(&a);
}

/* Group commit: units of many threads share commits, each unit's result is its own (a unit
 * rolled back loses nothing of the others, its search entries included), and every
 * committed unit is there with its search entry. */
enum { GC_THREADS = 8, GC_UNITS = 60 };
static store *gc_store;
static int gc_bad[GC_THREADS];

static void *gc_worker(void *arg)
{
    int t = (int)(long)arg;
    arena a = {0};
    for (int i = 0; i < GC_UNITS; i++) {
        conn *c = store_acquire(gc_store);
        char name[64], word[32];
        snprintf(name, sizeof name, "Nhóm %d-%d", t, i);
        snprintf(word, sizeof word, "gc%dx%dz", t, i);
        record r = partner(&a, name, "LA");
        long long id;
        bool keep = i % 5 != 3;
        if (store_begin(c) != ST_OK || st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id) ||
            st_search_add(c, &partner_entity, id, name, word)) {
            gc_bad[t]++;
        } else if (!keep) {
            /* a unit with many search changes (written as it goes), then rolled back */
            for (int k = 0; k < 300; k++)
                st_search_put(c, &partner_entity, id, name, "gcgone");
            store_rollback(c);
        } else if (store_commit(c) != ST_OK) {
            gc_bad[t]++;
        }
        store_release(gc_store, c);
    }
    arena_free(&a);
    return NULL;
}

static void group_commit_keeps_each_unit_whole(void)
{
    char err[256];
    arena a = {0};
    CHECK(store_open(path("gc.db"), true, GC_THREADS + 2, &gc_store, err, sizeof err) == 0);
    pthread_t th[GC_THREADS];
    for (long t = 0; t < GC_THREADS; t++)
        pthread_create(&th[t], NULL, gc_worker, (void *)t);
    for (int t = 0; t < GC_THREADS; t++)
        pthread_join(th[t], NULL);
    int kept = 0;
    for (int t = 0; t < GC_THREADS; t++) {
        CHECK(gc_bad[t] == 0);
        for (int i = 0; i < GC_UNITS; i++)
            kept += i % 5 != 3;
    }
    conn *c = store_acquire(gc_store);
    list_query q = {.sort = -1};
    long long n = -1;
    CHECK(st_rec_count(c, &partner_entity, &q, &n) == ST_OK && n == kept);
    CHECK(store_data_version(c) == kept);
    search_hit *h;
    int got, missing = 0;
    for (int t = 0; t < GC_THREADS; t++)
        for (int i = 0; i < GC_UNITS; i++) {
            char word[32];
            snprintf(word, sizeof word, "gc%dx%dz", t, i);
            st_search(c, &a, word, 5, &h, &got);
            missing += got != (i % 5 != 3);
        }
    CHECK(missing == 0);
    CHECK(st_search(c, &a, "gcgone", 5, &h, &got) == ST_OK && got == 0);
    long long units, commits;
    store_write_stats(gc_store, &units, &commits);
    CHECK(units == kept);
    CHECK(commits >= 1 && commits <= units);
    printf("    group commit: %lld units in %lld commits\n", units, commits);
    store_release(gc_store, c);
    store_close(gc_store);
    arena_free(&a);
}

/* The data version is read without a transaction while nothing was committed: a commit
 * by another process, which this store's connections never saw, must still move it. */
static void data_version_sees_other_processes(void)
{
    store *s;
    char err[256];
    CHECK(store_open(path("dv.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    long long v0 = store_data_version(c);
    CHECK(v0 >= 0 && store_data_version(c) == v0);
    for (int round = 1; round <= 3; round++) {
        pid_t pid = fork();
        if (pid == 0) { /* another process, with connections of its own */
            store *t;
            char e2[256];
            int ok = store_open(path("dv.db"), false, 1, &t, e2, sizeof e2) == 0;
            if (ok) {
                conn *tc = store_acquire(t);
                ok = store_begin(tc) == ST_OK && store_commit(tc) == ST_OK;
                store_release(t, tc);
                store_close(t);
            }
            _exit(ok ? 0 : 1);
        }
        int st = -1;
        waitpid(pid, &st, 0);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        CHECK(store_data_version(c) == v0 + round);
        CHECK(store_data_version_read(c) == v0 + round);
    }
    /* and one of its own units, read from another of its connections */
    conn *c2 = store_acquire(s);
    CHECK(store_begin(c2) == ST_OK && store_commit(c2) == ST_OK);
    CHECK(store_data_version(c) == v0 + 4);
    store_release(s, c2);
    store_release(s, c);
    store_close(s);
}

/* Requests that ask for the data version at once share reads of it (on PostgreSQL), and
 * each still sees every commit made before it asked: a reader that takes the value of a
 * read already in flight when it asked would miss the commit made meanwhile. A writer
 * commits units one after another and publishes how many; readers on connections of
 * their own check, each time, that the version they are given counts them all. */
enum { DV_READERS = 6, DV_UNITS = 300 };

typedef struct {
    store *s;
    long long v0;
    long long floor; /* the version every reader must see from now on */
    int writing, stale, reads;
} dv_shared;

static void *dv_reader(void *arg)
{
    dv_shared *sh = arg;
    conn *c = store_acquire(sh->s);
    while (__atomic_load_n(&sh->writing, __ATOMIC_ACQUIRE)) {
        long long floor = __atomic_load_n(&sh->floor, __ATOMIC_ACQUIRE);
        long long v = store_data_version(c);
        if (v < floor) __atomic_add_fetch(&sh->stale, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&sh->reads, 1, __ATOMIC_RELAXED);
    }
    store_release(sh->s, c);
    return NULL;
}

static void data_version_shared_reads_see_every_commit(void)
{
    dv_shared sh = {.writing = 1};
    char err[256];
    CHECK(store_open(path("dvc.db"), true, DV_READERS + 2, &sh.s, err, sizeof err) == 0);
    conn *w = store_acquire(sh.s);
    sh.v0 = sh.floor = store_data_version(w);
    pthread_t t[DV_READERS];
    for (int i = 0; i < DV_READERS; i++)
        pthread_create(&t[i], NULL, dv_reader, &sh);
    int ok = 0;
    for (int i = 1; i <= DV_UNITS; i++) {
        ok += store_begin(w) == ST_OK && store_commit(w) == ST_OK;
        __atomic_store_n(&sh.floor, sh.v0 + i, __ATOMIC_RELEASE); /* one a unit */
        /* the next commit only once a reader has read since this one: the reads interleave
         * with the commits however the machine schedules the threads (on a busy machine
         * the writer could otherwise finish before a reader ran) */
        int r0 = __atomic_load_n(&sh.reads, __ATOMIC_ACQUIRE);
        while (__atomic_load_n(&sh.reads, __ATOMIC_ACQUIRE) == r0)
            sched_yield();
    }
    __atomic_store_n(&sh.writing, 0, __ATOMIC_RELEASE);
    for (int i = 0; i < DV_READERS; i++)
        pthread_join(t[i], NULL);
    CHECK(ok == DV_UNITS);
    CHECK(sh.reads >= DV_UNITS);
    CHECK(sh.stale == 0);
    CHECK(store_data_version(w) == sh.v0 + DV_UNITS);
    store_release(sh.s, w);
    store_close(sh.s);
}

/* A serving node follows the data version from the database's notices (PostgreSQL): what
 * another process commits, a unit or an UPDATE of meta by hand, reaches it without a read,
 * in order; when its listening connection is cut, it listens again. B follows, A writes.
 * (On SQLite store_follow does nothing, and the same holds by reading.) */
static long long wait_version(conn *c, long long want)
{
    long long v = -1;
    for (int i = 0; i < 400 && (v = store_data_version(c)) < want; i++)
        usleep(10000);
    return v;
}

static void followed_version_reaches_every_node(void)
{
    store *a, *b;
    char err[256];
    CHECK(store_open(path("fol.db"), true, 2, &a, err, sizeof err) == 0);
    CHECK(store_open(path("fol.db"), false, 2, &b, err, sizeof err) == 0);
    store_follow(b);
    conn *ca = store_acquire(a), *cb = store_acquire(b);
    long long v0 = store_data_version(ca);
    CHECK(wait_version(cb, v0) == v0);
    int seen = 0;
    for (int i = 1; i <= 20; i++) {
        CHECK(store_begin(ca) == ST_OK && store_commit(ca) == ST_OK);
        seen += wait_version(cb, v0 + i) == v0 + i;
    }
    CHECK(seen == 20);
    if (pg_base) {
        PGconn *pg = PQconnectdb(path("fol.db"));
        /* by hand, as an administrator might */
        PQclear(PQexec(pg, "UPDATE meta SET value = value + 5 WHERE key = 'data_version'"));
        CHECK(wait_version(cb, v0 + 25) == v0 + 25);
        /* the listener's connection cut: it comes back, and follows again (once it is
         * there: on a loaded machine it may still be connecting) */
        for (int i = 0; i < 300 && !store_following(b); i++)
            usleep(10000);
        CHECK(store_following(b));
        const char *cut = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                          "application_name = 'ngoaivu follow' AND datname = current_database()";
        PGresult *res = PQexec(pg, cut);
        CHECK(PQresultStatus(res) == PGRES_TUPLES_OK && !strcmp(PQgetvalue(res, 0, 0), "1"));
        PQclear(res);
        CHECK(store_begin(ca) == ST_OK && store_commit(ca) == ST_OK);
        CHECK(wait_version(cb, v0 + 26) == v0 + 26);
        int back = 0;
        for (int i = 0; i < 50 && !back; i++) {
            usleep(100000);
            res = PQexec(pg, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                             "'ngoaivu follow' AND datname = current_database() AND "
                             "state = 'idle'");
            back = PQresultStatus(res) == PGRES_TUPLES_OK && !strcmp(PQgetvalue(res, 0, 0), "1");
            PQclear(res);
        }
        CHECK(back);
        CHECK(store_begin(ca) == ST_OK && store_commit(ca) == ST_OK);
        CHECK(wait_version(cb, v0 + 27) == v0 + 27);
        PQfinish(pg);
    }
    store_release(a, ca);
    store_release(b, cb);
    store_close(b); /* stops its listener */
    store_close(a);
}

/* Two stores on one database, as two serving nodes: both follow the version (PostgreSQL),
 * and are following once this returns. */
static void two_nodes(const char *name, store **a, store **b)
{
    char err[256];
    CHECK(store_open(path(name), true, 2, a, err, sizeof err) == 0);
    CHECK(store_open(path(name), false, 2, b, err, sizeof err) == 0);
    store_follow(*a);
    store_follow(*b);
    for (int i = 0; pg_base && i < 300 && !(store_following(*a) && store_following(*b)); i++)
        usleep(10000);
    CHECK(store_following(*a) == (pg_base != NULL) && store_following(*b) == (pg_base != NULL));
}

/* A write's commit returns once every node that follows the version knows it (PostgreSQL:
 * the nodes acknowledge), so a request that comes after the answer finds it on any node,
 * without a read of its own. Two following stores, each writing in turn; the other's
 * version, read at once, is the new one. (On SQLite, where nothing follows, it is read.) */
static void followed_version_known_everywhere_at_commit(void)
{
    store *a, *b;
    two_nodes("ack.db", &a, &b);
    conn *ca = store_acquire(a), *cb = store_acquire(b);
    int same = 0;
    for (int i = 0; i < 100; i++) {
        conn *w = i % 2 ? cb : ca, *o = i % 2 ? ca : cb;
        CHECK(store_begin(w) == ST_OK && store_commit(w) == ST_OK);
        same += store_data_version(o) == store_data_version(w);
    }
    CHECK(same == 100);
    store_release(a, ca);
    store_release(b, cb);
    store_close(b);
    store_close(a);
}

/* A write outside a unit that raises the data version by a trigger (a session ended at
 * logout, a user changed) is known on every node once it returns, as a unit's commit is:
 * otherwise a node kept the ended session (server.c, session_cached) until the notice came
 * back, and a token still opened the API after its logout. */
static void *spin(void *arg)
{
    atomic_int *stop = arg;
    while (!atomic_load(stop)) {
    }
    return NULL;
}

static void ended_session_known_everywhere_at_once(void)
{
    store *a, *b;
    two_nodes("end.db", &a, &b);
    conn *ca = store_acquire(a), *cb = store_acquire(b);
    user_row u = {.username = "ended", .role = "viewer", .pwhash = "x", .lang = "vi"};
    CHECK(st_user_insert(ca, &u, "2026-12-02T00:00:00Z", &u.id) == ST_OK);
    /* busy threads, as on a loaded machine: the listening thread is late to run */
    pthread_t busy[2];
    atomic_int stop = 0;
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&busy[i], NULL, spin, &stop) == 0);
    int known = 0;
    for (int i = 0; i < 50; i++) {
        char hash[16];
        snprintf(hash, sizeof hash, "h%d", i);
        CHECK(st_session_put(ca, hash, u.id, "c", "web", NULL, clock_unix() + 60) == ST_OK);
        long long before = store_data_version(ca);
        CHECK(st_session_del(ca, hash) == ST_OK);
        known += store_data_version(ca) > before && store_data_version(cb) > before;
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(busy[i], NULL);
    CHECK(known == 50);
    store_release(a, ca);
    store_release(b, cb);
    store_close(b);
    store_close(a);
}

/* An open store keeps SQLite's lock that says the database's shared memory (the -shm file)
 * is in use: a process that finds no such lock rebuilds that memory, under the feet of
 * the one still using it. (Reading the data version once opened and closed the file
 * itself, which drops every lock the process holds on it: the end-to-end suite's server
 * died of a SIGBUS in SQLite.) Byte 128 of the -shm is the lock (SQLite's os_unix.c,
 * UNIX_SHM_DMS); another process asks whether it could take it for writing. */
static void store_keeps_the_shared_memory_lock(void)
{
    store *s;
    char err[256];
    CHECK(store_open(path("dms.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    CHECK(store_data_version(c) >= 0);
    pid_t pid = fork();
    if (pid == 0) {
        char shm[600];
        snprintf(shm, sizeof shm, "%s-shm", path("dms.db"));
        int fd = open(shm, O_RDWR);
        struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
        int held = fd >= 0 && fcntl(fd, F_GETLK, &l) == 0 && l.l_type != F_UNLCK;
        _exit(held ? 0 : 1);
    }
    int st = -1;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    store_release(s, c);
    store_close(s);
}

/* Names that differ only by case or diacritics are one name, and the database itself
 * refuses the second; rows written before the keys existed get them when opened. */
static void unique_names_are_folded_and_enforced(void)
{
    store *s;
    char err[256];
    arena a = {0};
    CHECK(store_open(path("uniq.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    int fi = entity_field_index(&partner_entity, "name_vi");
    long long id1 = 0, id2 = 0, found = 0;
    record r = partner(&a, "Tỉnh Attapeu", "LA");
    CHECK(store_begin(c) == ST_OK && st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id1) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    CHECK(st_rec_find_dup(c, &partner_entity, fi, "tỉnh  ATTAPEU", 0, &found) == ST_OK &&
          found == id1);
    r = partner(&a, "tinh attapeu", "LA");
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id2) == ST_CONSTRAINT);
    CHECK(st_unique_field(c, &partner_entity) == fi);
    store_rollback(c);
    r = partner(&a, "Tỉnh Champasak", "LA");
    CHECK(store_begin(c) == ST_OK && st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id2) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    /* an update to the other's name is refused too */
    record got;
    CHECK(st_rec_get(c, &a, &partner_entity, id2, &got) == ST_OK);
    got.v[fi] = "TỈNH ATTAPEU";
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_rec_update(c, &got, "2026-01-02T00:00:00Z") == ST_CONSTRAINT);
    CHECK(st_unique_field(c, &partner_entity) == fi);
    store_rollback(c);
    store_release(s, c);
    store_close(s);
    if (pg_base) { /* what follows writes the file with sqlite3 itself */
        arena_free(&a);
        return;
    }
    /* rows from before the keys (a migration): written without them, then filled */
    sql(path("uniq.db"), "UPDATE partners SET name_vi_key = NULL, name_vi_sort = NULL;"
                         "INSERT INTO partners(created_at, updated_at, kind, name_vi, country) "
                         "VALUES ('x', 'x', 'ngo', 'tỉnh attapeu', 'LA');");
    CHECK(store_open(path("uniq.db"), false, 2, &s, err, sizeof err) == 0);
    c = store_acquire(s);
    int filled = 0, clashes = 0;
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_rec_backfill(c, &partner_entity, &filled, &clashes) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    CHECK(clashes == 1 && filled == 3 * 2 - 1); /* 3 sort keys, 2 of 3 name keys */
    CHECK(st_rec_backfill(c, &partner_entity, &filled, &clashes) == ST_OK);
    CHECK(filled == 0 && clashes == 1); /* the clash stays, and is said again */
    list_query q = {.sort = fi, .limit = 10};
    record *rows;
    int n;
    CHECK(st_rec_list(c, &a, &partner_entity, &q, &rows, &n) == ST_OK && n == 3);
    CHECK_STR(rows[2].v[fi], "Tỉnh Champasak");
    store_release(s, c);
    store_close(s);
    arena_free(&a);
}

/* Lists of references live in tables of their own: kept in the order given, filtered on,
 * held by foreign keys (a partner in a list cannot go; a delegation takes its lists). */
static void reference_lists_are_tables_with_foreign_keys(void)
{
    store *s;
    char err[256];
    arena a = {0};
    CHECK(store_open(path("refs.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    long long p[3], d = 0;
    CHECK(store_begin(c) == ST_OK);
    for (int i = 0; i < 3; i++) {
        record r = partner(&a, arena_printf(&a, "Đối tác %d", i), "LA");
        CHECK(st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &p[i]) == ST_OK);
    }
    const entity *de = &delegation_entity;
    record r = {.e = de, .v = arena_alloc(&a, sizeof(char *) * (size_t)de->nfields)};
    const char *set[][2] = {{"title", "Đoàn công tác"},   {"direction", "outbound"},
                            {"level", "provincial"},      {"channel", "party"},
                            {"start_date", "2026-02-01"}, {"end_date", "2026-02-03"},
                            {"status", "proposed"}};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        r.v[entity_field_index(de, set[i][0])] = set[i][1];
    int pf = entity_field_index(de, "partner_ids");
    r.v[pf] = arena_printf(&a, "%lld,%lld", p[2], p[0]);
    CHECK(st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &d) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    record got;
    CHECK(st_rec_get(c, &a, de, d, &got) == ST_OK);
    CHECK_STR(got.v[pf], arena_printf(&a, "%lld,%lld", p[2], p[0])); /* the order given */
    long long n = -1;
    CHECK(st_rec_count_refs(c, de, pf, p[0], &n) == ST_OK && n == 1);
    CHECK(st_rec_count_refs(c, de, pf, p[1], &n) == ST_OK && n == 0);
    list_query q = {.sort = -1, .limit = 10, .nf = 1};
    q.f[0] = (list_filter){.field = pf, .op = '=', .value = arena_printf(&a, "%lld", p[2])};
    CHECK(st_rec_count(c, de, &q, &n) == ST_OK && n == 1);
    q.f[0].value = arena_printf(&a, "%lld", p[1]);
    CHECK(st_rec_count(c, de, &q, &n) == ST_OK && n == 0);
    /* the database refuses to delete a partner in a list */
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_rec_delete(c, &partner_entity, p[0]) == ST_CONSTRAINT);
    store_rollback(c);
    /* an update replaces the list; a delete of the delegation takes it along */
    got.v[pf] = arena_printf(&a, "%lld", p[1]);
    CHECK(store_begin(c) == ST_OK && st_rec_update(c, &got, "2026-01-02T00:00:00Z") == ST_OK);
    CHECK(st_rec_delete(c, &partner_entity, p[0]) == ST_OK);
    CHECK(st_rec_delete(c, de, d) == ST_OK);
    CHECK(st_rec_delete(c, &partner_entity, p[1]) == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    store_release(s, c);
    store_close(s);
    arena_free(&a);
}

/* A lease: one holder at a time, renewed by it, taken over once expired or given up; none of
 * it moves the data version. */
static void leases_one_holder_at_a_time(void)
{
    store *s;
    char err[256];
    CHECK(store_open(path("lease.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    arena a = {0};
    long long v0 = store_data_version(c);
    bool held = false;
    const char *holder = NULL;
    long long left = 0, progress = -1;
    CHECK(st_lease_get(c, &a, "job", &holder, &left, &progress) == ST_NOTFOUND);
    CHECK(st_lease_take(c, "job", "node-a", 30, &held) == ST_OK && held);
    CHECK(st_lease_take(c, "job", "node-b", 30, &held) == ST_OK && !held);
    CHECK(st_lease_progress(c, "job", "node-b", 7) == ST_OK); /* not its lease: no effect */
    CHECK(st_lease_progress(c, "job", "node-a", 42) == ST_OK);
    CHECK(st_lease_get(c, &a, "job", &holder, &left, &progress) == ST_OK);
    CHECK_STR(holder, "node-a");
    CHECK(left >= 29 && left <= 30 && progress == 42);
    CHECK(st_lease_take(c, "job", "node-a", 30, &held) == ST_OK && held); /* renewed */
    CHECK(st_lease_get(c, &a, "job", &holder, &left, &progress) == ST_OK && progress == 42);
    CHECK(st_lease_take(c, "other", "node-b", 30, &held) == ST_OK && held); /* another job */
    /* expired (a lease of 0 s ends now): the next to ask takes it, its progress from 0 */
    CHECK(st_lease_take(c, "job", "node-a", 0, &held) == ST_OK && held);
    CHECK(st_lease_take(c, "job", "node-b", 30, &held) == ST_OK && held);
    CHECK(st_lease_take(c, "job", "node-a", 30, &held) == ST_OK && !held);
    CHECK(st_lease_get(c, &a, "job", &holder, &left, &progress) == ST_OK);
    CHECK_STR(holder, "node-b");
    CHECK(progress == 0);
    /* given up: free at once; a release by another changes nothing */
    CHECK(st_lease_release(c, "job", "node-a") == ST_OK);
    CHECK(st_lease_take(c, "job", "node-a", 30, &held) == ST_OK && !held);
    CHECK(st_lease_release(c, "job", "node-b") == ST_OK);
    CHECK(st_lease_get(c, &a, "job", &holder, &left, &progress) == ST_NOTFOUND);
    CHECK(st_lease_take(c, "job", "node-a", 30, &held) == ST_OK && held);
    CHECK(store_data_version(c) == v0);
    arena_free(&a);
    store_release(s, c);
    store_close(s);
}

static const copy_check *check_of(const copy_check *k, int n, const char *table)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(k[i].table, table)) return &k[i];
    return NULL;
}

/* A write made while the backup runs (from its progress callback, on another connection of
 * the same database): it goes through, not held off until the backup ends, and the backup
 * holds the state it began reading, not that write. */
typedef struct {
    store *s;
    int writes, failed;
    long long id;
} backup_writer;

static void write_meanwhile(void *arg, const char *table, long long rows, bool end)
{
    (void)table;
    (void)rows;
    backup_writer *w = arg;
    if (!end || w->writes) return;
    arena a = {0};
    conn *c = store_acquire(w->s);
    record r = partner(&a, "Ghi trong lúc sao lưu", "TH");
    w->writes++;
    w->failed = store_begin(c) != ST_OK || st_rec_insert(c, &r, "2026-01-02T00:00:00Z", &w->id) ||
                store_commit(c) != ST_OK;
    store_rollback(c);
    store_release(w->s, c);
    arena_free(&a);
}

static void backup_is_a_verified_copy_in_service(void)
{
    store *s;
    char err[256] = "", sha[65], file[512], files[600];
    arena a = {0};
    CHECK(store_open(path("bsrc.db"), true, 3, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    record r = partner(&a, "Sao lưu", "KH");
    long long id, att;
    CHECK(store_begin(c) == ST_OK && st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id) == ST_OK);
    CHECK(files_put(c, "%PDF-1.4 b", 10, sha, err, sizeof err) == 0);
    attach_row at = {.entity = "partner",
                     .rid = id,
                     .sha256 = sha,
                     .name = "b.pdf",
                     .mime = "application/pdf",
                     .size = 10,
                     .username = "u",
                     .at = "x"};
    CHECK(st_attach_add(c, &at, 0, &att) == ST_OK && store_commit(c) == ST_OK);
    store_release(s, c);

    snprintf(file, sizeof file, "%s/backup.db", dir);
    snprintf(files, sizeof files, "%s.files", file);
    backup_writer w = {.s = s};
    copy_opts o = {.progress = write_meanwhile, .arg = &w};
    copy_check *k;
    int n;
    CHECK(store_backup(s, file, &o, &a, &k, &n, err, sizeof err) == ST_OK);
    CHECK(w.writes == 1 && !w.failed); /* the writer was not held off */
    const copy_check *p = check_of(k, n, "partners"), *f = check_of(k, n, "files");
    CHECK(p && p->rows == 1 && !strcmp(p->sum, p->target_sum));
    CHECK(f && f->rows == 1 && !strcmp(f->sum, f->target_sum));
    CHECK(access(files, F_OK) == 0);
    char part[600];
    snprintf(part, sizeof part, "%s.part-%ld", file, (long)getpid());
    CHECK(access(part, F_OK) != 0);

    store *b;
    CHECK(store_open(file, false, 2, &b, err, sizeof err) == 0);
    CHECK(store_integrity(b, err, sizeof err) == 0);
    c = store_acquire(b);
    buf got = {0};
    CHECK(st_rec_exists(c, &partner_entity, id) == ST_OK);
    CHECK(st_rec_exists(c, &partner_entity, w.id) == ST_NOTFOUND); /* written after its state */
    CHECK(files_get(c, sha, &got, err, sizeof err) == 0 && got.len == 10);
    buf_free(&got);
    store_release(b, c);
    store_close(b);
    c = store_acquire(s);
    CHECK(st_rec_exists(c, &partner_entity, w.id) == ST_OK); /* and kept where it was written */
    store_release(s, c);

    /* a backup never overwrites one: the file or its folder there refuses it */
    CHECK(store_backup(s, file, &o, &a, &k, &n, err, sizeof err) == ST_CONFLICT);
    CHECK(strstr(err, "exists") != NULL);
    CHECK(rename(file, part) == 0);
    CHECK(store_backup(s, file, &o, &a, &k, &n, err, sizeof err) == ST_CONFLICT);
    CHECK(access(file, F_OK) != 0);
    store_close(s);
    arena_free(&a);
}

/* The file's own check finds a damaged page: a backup restored from it would be wrong. */
static void integrity_check_finds_damage(void)
{
    store *s;
    char err[256] = "";
    const char *db = path("damaged.db");
    CHECK(store_open(db, true, 2, &s, err, sizeof err) == 0);
    CHECK(store_integrity(s, err, sizeof err) == 0);
    store_close(s);
    sql(db, "CREATE TABLE x(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX x_b ON x(b); "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
            "INSERT INTO x(b) SELECT 'value ' || i FROM n;");
    sqlite3 *h;
    sqlite3_stmt *st;
    long long page = 0, size = 0;
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    if (sqlite3_prepare_v2(h,
                           "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM "
                           "sqlite_schema WHERE name = 'x_b'",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        page = sqlite3_column_int64(st, 0);
        size = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    CHECK(page > 1 && size > 0);
    FILE *fp = fopen(db, "r+b"); /* the index's page: its cells overwritten */
    CHECK(fp != NULL);
    if (!fp) return;
    fseek(fp, (page - 1) * size + size - 600, SEEK_SET); /* cells grow down from its end */
    for (int i = 0; i < 600; i++)
        fputc(0x5a, fp);
    fclose(fp);
    CHECK(store_open(db, false, 2, &s, err, sizeof err) == 0);
    err[0] = 0;
    CHECK(store_integrity(s, err, sizeof err) != 0);
    CHECK(strstr(err, "integrity_check") != NULL);
    store_close(s);
}

/* PostgreSQL refuses what SQLite refuses: a database of another program, a newer schema. */
static void pg_refuses_foreign_and_newer(void)
{
    store *s;
    char err[256] = "";
    PGconn *pg = PQconnectdb(path("foreign.db"));
    PQclear(PQexec(pg, "CREATE TABLE accounts(x integer)"));
    PQfinish(pg);
    CHECK(store_open(path("foreign.db"), true, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "another program") != NULL);
    CHECK(store_open(path("newer.db"), true, 2, &s, err, sizeof err) == 0);
    store_close(s);
    pg = PQconnectdb(path("newer.db"));
    PQclear(PQexec(pg, "UPDATE schema_info SET version = 99"));
    PQfinish(pg);
    CHECK(store_open(path("newer.db"), false, 2, &s, err, sizeof err) != 0);
    CHECK(strstr(err, "newer") != NULL);
}

/* The digest the copy compares rows by: the same for two printings of one value (a number
 * as SQLite and PostgreSQL print it, a flag as 1 or t), different for different values. */
static void row_digest_normalises_values(void)
{
    unsigned char x[ST_DIGEST], y[ST_DIGEST];
    const char *same[][3] = {
        {"n", "1.50", "1.5"}, {"n", "1500", "1500.00"}, {"n", "1.0e+15", "1000000000000000"},
        {"n", "-0.0", "0"},   {"n", "0.050", "5e-2"},   {"i", "42", "+42"},
        {"o", "t", "1"},      {"o", "false", "0"}};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        const char *v1[] = {same[i][1]}, *v2[] = {same[i][2]};
        size_t l1[] = {strlen(v1[0])}, l2[] = {strlen(v2[0])};
        st_row_digest(same[i][0], 1, v1, l1, x);
        st_row_digest(same[i][0], 1, v2, l2, y);
        CHECK(!memcmp(x, y, sizeof x));
    }
    const char *other[][3] = {{"n", "1.5", "1.51"}, {"n", "15", "1.5"}, {"t", "1.50", "1.5"},
                              {"n", "-1", "1"},     {"o", "t", "0"},    {"t", "", NULL},
                              {"n", "abc", "ABC"}};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        const char *v1[] = {other[i][1]}, *v2[] = {other[i][2]};
        size_t l1[] = {strlen(v1[0])}, l2[] = {v2[0] ? strlen(v2[0]) : 0};
        st_row_digest(other[i][0], 1, v1, l1, x);
        st_row_digest(other[i][0], 1, v2, l2, y);
        CHECK(memcmp(x, y, sizeof x) != 0);
    }
    /* two columns do not run together: ("ab", "c") is not ("a", "bc") */
    const char *v1[] = {"ab", "c"}, *v2[] = {"a", "bc"};
    size_t l1[] = {2, 1}, l2[] = {1, 2};
    st_row_digest("tt", 2, v1, l1, x);
    st_row_digest("tt", 2, v2, l2, y);
    CHECK(memcmp(x, y, sizeof x) != 0);
}

/* The check of one table the copy made, by name. */

/* store_copy between two SQLite files: every table, the search index and the files, each
 * checked; a second copy refused; a target whose rows differ from what was written (a
 * trigger changes them) found out, and left as it was. */
static void copy_checks_every_table(void)
{
    store *s, *t;
    char err[256] = "", sha[65];
    arena a = {0};
    CHECK(store_open(path("from.db"), true, 2, &s, err, sizeof err) == 0);
    conn *c = store_acquire(s);
    long long id, att;
    record r = partner(&a, "Tỉnh Chăm-pa-sắc", "LA");
    CHECK(store_begin(c) == ST_OK && st_rec_insert(c, &r, "2026-01-01T00:00:00Z", &id) == ST_OK);
    CHECK(st_search_put(c, &partner_entity, id, "Tỉnh Chăm-pa-sắc", "tinh cham pa sac") == 0);
    CHECK(files_put(c, "%PDF-1.4", 8, sha, err, sizeof err) == 0);
    attach_row at = {.entity = "partner",
                     .rid = id,
                     .sha256 = sha,
                     .name = "a.pdf",
                     .mime = "application/pdf",
                     .size = 8,
                     .username = "u",
                     .at = "x"};
    CHECK(st_attach_add(c, &at, 0, &att) == ST_OK && store_commit(c) == ST_OK);
    store_release(s, c);

    CHECK(store_open(path("to.db"), true, 2, &t, err, sizeof err) == 0);
    copy_opts o = {0};
    copy_check *k;
    int n;
    CHECK(store_copy(s, t, &o, &a, &k, &n, err, sizeof err) == ST_OK);
    const copy_check *p = check_of(k, n, "partners"), *f = check_of(k, n, "files");
    CHECK(p && p->rows == 1 && p->target_rows == 1 && !strcmp(p->sum, p->target_sum));
    CHECK(f && f->rows == 1 && !strcmp(f->sum, f->target_sum));
    CHECK(check_of(k, n, "search_docs") && check_of(k, n, "search_docs")->rows == 1);
    CHECK(check_of(k, n, "audit") && check_of(k, n, "sqlite_stat1") == NULL);
    c = store_acquire(t);
    search_hit *hits;
    int nh;
    buf got = {0};
    CHECK(st_search(c, &a, "cham", 10, &hits, &nh) == ST_OK && nh == 1 && hits[0].id == id);
    CHECK(files_get(c, sha, &got, err, sizeof err) == 0 && got.len == 8);
    buf_free(&got);
    store_release(t, c);
    CHECK(store_copy(s, t, &o, &a, &k, &n, err, sizeof err) == ST_CONFLICT);
    CHECK(strstr(err, "not empty") != NULL);
    o.replace = true;
    CHECK(store_copy(s, t, &o, &a, &k, &n, err, sizeof err) == ST_OK);
    store_close(t);

    CHECK(store_open(path("tampered.db"), true, 2, &t, err, sizeof err) == 0);
    sql(path("tampered.db"), "CREATE TRIGGER tamper AFTER INSERT ON partners BEGIN "
                             "UPDATE partners SET notes = 'changed' WHERE id = new.id; END;");
    o.replace = false;
    CHECK(store_copy(s, t, &o, &a, &k, &n, err, sizeof err) == ST_ERROR);
    CHECK(strstr(err, "differs") != NULL);
    p = check_of(k, n, "partners");
    CHECK(p && p->rows == 1 && p->target_rows == 1 && strcmp(p->sum, p->target_sum) != 0);
    CHECK(check_of(k, n, "audit") &&
          !strcmp(check_of(k, n, "audit")->sum, check_of(k, n, "audit")->target_sum));
    c = store_acquire(t);
    CHECK(st_rec_exists(c, &partner_entity, id) == ST_NOTFOUND); /* rolled back */
    store_release(t, c);
    store_close(t);
    store_close(s);
    arena_free(&a);
}

void suite_store(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-unit-XXXXXX");
    if (!mkdtemp(dir)) abort();
    pg_base = getenv("NGOAIVU_UNIT_PG");
    if (pg_base && !*pg_base) pg_base = NULL;
    RUN(creates_and_reopens);
    if (pg_base) {
        RUN(pg_refuses_foreign_and_newer);
    } else { /* files, and SQLite's own tools */
        RUN(refuses_missing_file_without_create);
        RUN(refuses_foreign_sqlite_file);
        RUN(refuses_non_sqlite_file);
        RUN(refuses_newer_schema);
        RUN(descriptions_match_schema);
        RUN(store_keeps_the_shared_memory_lock);
        RUN(integrity_check_finds_damage);
        RUN(copy_checks_every_table);
    }
    RUN(backup_is_a_verified_copy_in_service);
    RUN(records_counts_and_versions);
    RUN(rollback_leaves_nothing);
    RUN(search_index_finds_prefixes_and_is_safe);
    RUN(group_commit_keeps_each_unit_whole);
    RUN(data_version_sees_other_processes);
    RUN(data_version_shared_reads_see_every_commit);
    RUN(followed_version_reaches_every_node);
    RUN(followed_version_known_everywhere_at_commit);
    RUN(ended_session_known_everywhere_at_once);
    RUN(unique_names_are_folded_and_enforced);
    RUN(reference_lists_are_tables_with_foreign_keys);
    RUN(leases_one_holder_at_a_time);
    RUN(row_digest_normalises_values);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
