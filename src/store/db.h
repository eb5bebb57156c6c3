/* Inside the store: what an engine provides, and the statement calls the engine-neutral
 * SQL of the store (sql.c: records, audit, users, ...) is written against.
 *
 * An engine (sqlite.c, pg.c) is a driver: it opens the database, keeps its connections,
 * runs write units, and prepares, binds, steps and reads statements. SQL is written once,
 * with ?1, ?2 ... for parameters (the PostgreSQL driver turns them into $1, $2 ...), in
 * the SQL both engines share: INSERT ... RETURNING id, ON CONFLICT ... DO ..., LIMIT and
 * OFFSET. What must differ is asked of the driver (its dialect functions below): the
 * full-text predicate, a list of ids read as "3,17,42", JSON built by the database.
 *
 * Nothing outside src/store/ includes this file. */
#ifndef NGV_STORE_DB_H
#define NGV_STORE_DB_H
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* What step returns besides the ST_* errors (which are all smaller). */
enum { DB_ROW = 100, DB_DONE = 101 };

/* A statement the unit goes on after when it fails (a name already taken): SQLite undoes
 * just the statement; PostgreSQL would end the whole transaction, so its driver puts the
 * statement in a savepoint of its own. */
enum { GUARD_BEGIN, GUARD_END, GUARD_UNDO };

typedef struct driver driver;

/* The part of a connection every engine has; an engine's own connection begins with it. */
struct conn {
    const driver *d;
    store *s;
    char err[512];
    int in_tx;
    bool alone; /* store_set_alone: no other write is in flight */
};

/* A statement being run: the engine's prepared statement, reset by done(). */
typedef struct {
    conn *c;
    void *st;
} stmt;

struct driver {
    const char *name; /* "sqlite", "postgres" */
    /* statements; on failure prep and step log the SQL and the error, fill c->err and
     * return an ST_* code */
    int (*prep)(conn *c, stmt *s, const char *sql);
    void (*b_text)(stmt *s, int i, const char *v); /* NULL binds NULL; v must outlive step */
    void (*b_textn)(stmt *s, int i, const char *v, size_t n); /* copied */
    void (*b_int)(stmt *s, int i, long long v);
    void (*b_blob)(stmt *s, int i, const void *v, size_t n); /* NULL binds NULL */
    int (*step)(stmt *s);                                    /* DB_ROW, DB_DONE or an ST_* error */
    bool (*col_null)(stmt *s, int i);
    long long (*col_int)(stmt *s, int i);
    const char *(*col_raw)(stmt *s, int i, size_t *n); /* valid until the next step */
    void (*done)(stmt *s);
    long long (*changes)(conn *c); /* rows the last statement changed */
    int (*exec_script)(conn *c, const char *sql);
    /* the dialect */
    /* an expression reading a list of references (table_field: rid, ref, pos) of the row
     * of table as "3,17,42" */
    void (*id_list)(buf *sql, const char *table, const char *name);
    /* "id IN (ids of the records of type code whose entry matches parameter ?param)" */
    void (*search_ids)(buf *sql, int code, int param);
    /* the value of that parameter for folded words (prefix: the last may be cut short) */
    const char *(*search_query)(arena *a, const char *words, bool prefix);
    /* JSON built by the database: the expression of a row of e as one compact object,
     * {"id":1,"version":1,"created_at":...,"updated_at":..., then its fields}, the same
     * bytes on every engine (true/false, arrays of codes or of ids, numbers, strings) */
    void (*json_row)(buf *sql, const entity *e);
    void (*guard)(conn *c, int op); /* GUARD_*: see above */
    const char *now_seconds;        /* the database's clock, in seconds since 1970 */
    /* where attachments' files are kept: a folder for sha's, or the root when sha NULL;
     * false: in the database itself, the table blobs (sha256, data) */
    bool (*files_dir)(conn *c, char *out, size_t n, const char *sha);
    /* the engine: what store.h says of the functions of the same names */
    int (*schema_latest)(void);
    int (*schema_version)(store *s);
    void (*close)(store *s);
    conn *(*try_acquire)(store *s);
    void (*release)(store *s, conn *c);
    void (*set_alone)(conn *c, bool alone);
    int (*begin)(conn *c);
    int (*commit)(conn *c);
    void (*rollback)(conn *c);
    void (*write_stats)(store *s, long long *units, long long *commits);
    long long (*data_version)(conn *c);
    long long (*data_version_read)(conn *c);
    /* NULL, or: keeps the data version current in memory from the engine's own notices,
     * for a serving process (store_follow) */
    void (*follow)(store *s);
    bool (*following)(store *s); /* NULL, or: follow is current now */
    /* NULL, or: the engine's own check of a whole database's pages and indexes (SQLite's
     * integrity_check); 0 when it passes, else the first problems in err */
    int (*integrity)(conn *c, char *err, size_t errlen);
    /* bytes the engine's library holds in this process now (its page caches, statements),
     * or NULL when it does not say */
    long long (*heap)(store *s);
    bool (*broken)(conn *c);
    /* NULL, or: keeps a row count's change (the counts table) for the unit's commit */
    int (*count_later)(conn *c, const char *table, int delta);
    int (*search_put)(conn *c, const entity *e, long long id, const char *title, const char *body);
    int (*search_add)(conn *c, const entity *e, long long id, const char *title, const char *body);
    int (*search_del)(conn *c, const entity *e, long long id);
    int (*search_clear)(conn *c);
    /* the hits of words (parameter ?1, from search_query) as rows (entity code, record id,
     * title) in the order entries were made, at most ?2 */
    const char *search_sql;
    /* the copy of a whole database into another (copy.c) */
    /* the catalogue: rows (table, column, kind: a CK_* letter) of every column of the
     * tables that hold data, a table's rows together and in its order; every table but the
     * engine's own (catalogue, schema version, statistics) and the search index's; and
     * rows (table, table its foreign key refers to) */
    const char *copy_columns, *copy_refs;
    /* column i of a BLOB (bytea) column as its bytes, in a; NULL for NULL */
    const void *(*col_blob)(stmt *s, int i, arena *a, size_t *n);
    /* the search index as rows (id, entity, rid, title, body); search_empty empties it at
     * once, even in a unit; search_load writes an entry with its id */
    const char *search_rows;
    int (*search_empty)(conn *c);
    int (*search_load)(conn *c, long long id, long long code, long long rid, const char *title,
                       const char *body);
    /* moves every identity past the ids rows were written with (NULL: none to move) */
    const char *ids_move;
    /* begins a transaction that only reads (ended by ROLLBACK), in which every statement
     * reads the same state of the database: snapshot also holds off every other write
     * until it ends (a move to another database leaves none behind); online lets writes go
     * on beside it (a backup of a database in service) */
    const char *snapshot, *online;
};

/* Every engine's store begins with its driver. */
static inline const driver *store_driver(store *s)
{
    return *(const driver *const *)s;
}

/* Calls through the connection's driver, under the names the store's SQL uses. */
static inline int prep(conn *c, stmt *s, const char *sql)
{
    return c->d->prep(c, s, sql);
}
static inline void b_text(stmt *s, int i, const char *v)
{
    s->c->d->b_text(s, i, v);
}
static inline void b_textn(stmt *s, int i, const char *v, size_t n)
{
    s->c->d->b_textn(s, i, v, n);
}
static inline void b_int(stmt *s, int i, long long v)
{
    s->c->d->b_int(s, i, v);
}
static inline void b_blob(stmt *s, int i, const void *v, size_t n)
{
    s->c->d->b_blob(s, i, v, n);
}
static inline int step(stmt *s)
{
    return s->c->d->step(s);
}
static inline bool col_null(stmt *s, int i)
{
    return s->c->d->col_null(s, i);
}
static inline long long col_int(stmt *s, int i)
{
    return s->c->d->col_int(s, i);
}
static inline void done(stmt *s)
{
    if (s->st) s->c->d->done(s);
}
static inline long long changes(conn *c)
{
    return c->d->changes(c);
}
static inline int exec_script(conn *c, const char *sql)
{
    return c->d->exec_script(c, sql);
}

/* Runs a statement that returns no rows (or whose rows are not read). */
static inline int exec1(stmt *s)
{
    int rc = step(s);
    done(s);
    return rc == DB_DONE || rc == DB_ROW ? ST_OK : rc;
}

/* Column i as text in the arena; NULL for NULL. */
static inline const char *col_text(arena *a, stmt *s, int i)
{
    size_t n;
    const char *t = s->c->d->col_raw(s, i, &n);
    return t ? arena_strndup(a, t, n) : NULL;
}

/* Runs an INSERT ... RETURNING id and gives the id. */
static inline int insert_id(stmt *s, long long *id)
{
    int rc = step(s);
    *id = rc == DB_ROW ? col_int(s, 0) : 0;
    done(s);
    return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_ERROR : rc;
}

/* The engines (each file's one driver, and its store_open). */
int sqlite_open(const char *path, bool create, int pool_size, store **out, char *err,
                size_t errlen);
int pg_open(const char *conninfo, bool create, int pool_size, store **out, char *err,
            size_t errlen);
#endif
