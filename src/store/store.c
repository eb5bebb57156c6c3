/* The store's entry points: each asks the engine of the store or connection (db.h). The
 * engine is chosen when the database is opened, by the form of its name: a
 * postgres:// or postgresql:// connection string is PostgreSQL, anything else a file. */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_is_postgres(const char *name)
{
    return name && (!strncmp(name, "postgres://", 11) || !strncmp(name, "postgresql://", 13));
}

int store_open(const char *path, bool create, int pool_size, store **out, char *err, size_t errlen)
{
    if (field_store_check(err, errlen) != 0) return -1;
    if (store_is_postgres(path)) return pg_open(path, create, pool_size, out, err, errlen);
    return sqlite_open(path, create, pool_size, out, err, errlen);
}

void store_close(store *s)
{
    if (s) store_driver(s)->close(s);
}

int store_schema_version(store *s)
{
    return store_driver(s)->schema_version(s);
}

int store_schema_latest(store *s)
{
    return store_driver(s)->schema_latest();
}

const char *store_engine(store *s)
{
    return store_driver(s)->name;
}

long long store_engine_heap(store *s)
{
    const driver *d = store_driver(s);
    return d->heap ? d->heap(s) : -1;
}

const char *store_errmsg(conn *c)
{
    return c->err;
}

conn *store_try_acquire(store *s)
{
    return store_driver(s)->try_acquire(s);
}

conn *store_acquire(store *s)
{
    conn *c = store_try_acquire(s);
    if (!c) {
        fprintf(stderr, "ngoaivu: cannot open the database (the log says why)\n");
        exit(1);
    }
    return c;
}

void store_release(store *s, conn *c)
{
    store_driver(s)->release(s, c);
}

void store_set_alone(conn *c, bool alone)
{
    c->d->set_alone(c, alone);
}

int store_begin(conn *c)
{
    return c->d->begin(c);
}

int store_commit(conn *c)
{
    return c->d->commit(c);
}

void store_rollback(conn *c)
{
    c->d->rollback(c);
}

void store_write_stats(store *s, long long *units, long long *commits)
{
    store_driver(s)->write_stats(s, units, commits);
}

long long store_data_version(conn *c)
{
    return c->d->data_version(c);
}

void store_follow(store *s)
{
    if (store_driver(s)->follow) store_driver(s)->follow(s);
}

bool store_following(store *s)
{
    return store_driver(s)->following && store_driver(s)->following(s);
}

long long store_data_version_read(conn *c)
{
    return c->d->data_version_read(c);
}

bool store_conn_broken(conn *c)
{
    return c->d->broken(c);
}

int store_integrity(store *s, char *err, size_t errlen)
{
    if (!store_driver(s)->integrity) return 0;
    conn *c = store_acquire(s);
    int rc = store_driver(s)->integrity(c, err, errlen);
    store_release(s, c);
    return rc;
}

int st_search_put(conn *c, const entity *e, long long id, const char *title, const char *body)
{
    return c->d->search_put(c, e, id, title, body);
}

int st_search_add(conn *c, const entity *e, long long id, const char *title, const char *body)
{
    return c->d->search_add(c, e, id, title, body);
}

int st_search_del(conn *c, const entity *e, long long id)
{
    return c->d->search_del(c, e, id);
}

int st_search_clear(conn *c)
{
    return c->d->search_clear(c);
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
        int rc = prep(c, &s, c->d->search_sql);
        if (rc) return rc;
        b_text(&s, 1, c->d->search_query(a, words, pass == 1));
        b_int(&s, 2, limit);
        while ((rc = step(&s)) == DB_ROW && *n < limit) {
            int code = (int)col_int(&s, 0);
            long long rid = col_int(&s, 1);
            bool seen = false;
            for (int i = 0; i < *n && !seen; i++)
                seen = (*hits)[i].id == rid && (*hits)[i].code == code;
            if (seen) continue;
            search_hit *h = &(*hits)[(*n)++];
            h->code = code;
            h->id = rid;
            h->title = col_text(a, &s, 2);
        }
        done(&s);
        if (rc != DB_ROW && rc != DB_DONE) return rc;
    }
    return ST_OK;
}
