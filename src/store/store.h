/* The store: everything that speaks SQL. The rest of the program sees only these
 * functions, so a second engine (PostgreSQL) is another implementation of this file's
 * contract, not a rewrite. Engine-specific matters (full-text search, collation,
 * pragmas, upserts, the online backup) stay behind it.
 *
 * A store is a database plus a pool of connections; a thread takes one connection for
 * the length of a request (store_acquire) and gives it back (store_release). Writes run
 * between store_begin and store_commit, a write unit; every unit also bumps the data
 * version that response caches key on. Units that run at the same time may share one
 * database transaction (group commit, see sqlite.c); store_commit returns only once the
 * unit is committed, with the result of that commit, and a unit rolled back takes
 * nothing of the others with it.
 *
 * Functions return ST_OK (0) or an ST_* code; on ST_ERROR the connection's message
 * (store_errmsg) says what failed, and the SQL and the error were logged. */
#ifndef NGV_STORE_H
#define NGV_STORE_H
#include "../base/arena.h"
#include "../base/buf.h"
#include "record.h"
#include <stdbool.h>

typedef struct store store;
typedef struct conn conn;

enum { ST_OK = 0, ST_NOTFOUND, ST_CONFLICT, ST_CONSTRAINT, ST_BUSY, ST_ERROR };

/* Opens (creating when create is true) and brings the schema up to date. Refuses a
 * file that is not an ngoaivu database and one newer than this program. */
int store_open(const char *path, bool create, int pool_size, store **out, char *err, size_t errlen);
/* Whether a --db names a PostgreSQL database (postgres:// or postgresql://), not a file. */
bool store_is_postgres(const char *name);
void store_close(store *s);
int store_schema_version(store *s); /* the database's */
int store_schema_latest(store *s);  /* this program's, for the store's engine */
const char *store_engine(store *s); /* "sqlite", "postgres" */
/* Bytes the engine's library holds in this process (SQLite: the page caches, schemas and
 * statements of every connection, as each was when last given back), -1 when it does not
 * say (PostgreSQL's libpq). */
long long store_engine_heap(store *s);
/* A connection of the pool, opened when none is idle; NULL (logged) when the database
 * cannot be opened now: a server answers 503 and the next request tries again. */
conn *store_try_acquire(store *s);
conn *store_acquire(store *s); /* the same for a command: ends the process when it cannot */
void store_release(store *s, conn *c);
/* The connection was lost (the database server went away): what failed on it failed for
 * that, and store_release drops it; the next request opens another. */
bool store_conn_broken(conn *c);
const char *store_errmsg(conn *c);

int store_begin(conn *c); /* a write unit; bumps the data version */
int store_commit(conn *c);
void store_rollback(conn *c);
/* The caller knows that no other write is in flight (until store_release): a unit then
 * need not wait for others to share its commit, and runs on c's own connection. */
void store_set_alone(conn *c, bool alone);
/* Write units that wrote, and the commits that wrote them, since the store was opened. */
void store_write_stats(store *s, long long *units, long long *commits);
/* The data version: moves with every commit, by any connection of any process. Cheap
 * (no transaction) while nothing was committed since it was last read. */
long long store_data_version(conn *c);
/* The same, always read from the database (a health check: can it be read now?). */
long long store_data_version_read(conn *c);
/* A serving process: the data version kept current from the database's notices where the
 * engine gives them (PostgreSQL), rather than read at each request; stopped by store_close */
void store_follow(store *s);
/* Whether the data version is followed now (else it is read at each request). */
bool store_following(store *s);
/* The engine's own check of the whole database (SQLite: integrity_check and
 * foreign_key_check; PostgreSQL checks its pages itself: nothing to run). 0: it passed;
 * else what it found in err. */
int store_integrity(store *s, char *err, size_t errlen);

/* A whole database copied into another, of either engine (copy.c: `ngoaivu migrate-db`). */
/* What was compared of one table: its rows and their checksum (hex), on each side. */
typedef struct {
    const char *table; /* a table, "search_docs" (the search index) or "files" (attachments') */
    long long rows, target_rows;
    char sum[65], target_sum[65];
} copy_check;
typedef struct {
    bool replace; /* a target that holds data is emptied first (else refused) */
    /* the source stays in service (a backup): read from one state of it while its writers
     * go on, rather than holding them off until the copy ends (a move: migrate-db) */
    bool online;
    /* the rows of a table copied so far, told as the copy goes and once more at its end */
    void (*progress)(void *arg, const char *table, long long rows, bool end);
    void *arg;
    /* Whether a target that holds data holds only what the program writes into a new
     * database (its first records: entity.seed), which the copy replaces as it would an
     * empty one's; may be NULL (then any data refuses the copy without replace). */
    bool (*only_first)(conn *c);
    /* The record types (NULL-terminated): the files their F_FILE fields name are copied
     * with the attachments'. May be NULL (the attachments' only). */
    const entity *const *entities;
} copy_opts;
/* Copies every table of from, every row with its id, its search index and its attachments'
 * files into to, in one unit of to read from one state of from; moves to's identities past
 * the ids; then reads every table of to back and compares it with from's (*checks, *n: one
 * each, in a). ST_OK: the same, and committed. ST_CONFLICT: to holds data and o->replace is
 * false; nothing was done. Else ST_ERROR and err; nothing was written to to's tables. */
int store_copy(store *from, store *to, const copy_opts *o, arena *a, copy_check **checks, int *n,
               char *err, size_t errlen);
/* A backup of s, of either engine, in service: a new SQLite database at path (and its
 * attachments' folder path.files), copied by store_copy from one state of s while its
 * writers go on (o->online), every table read back and compared before it commits, then
 * the file's own integrity check; written under another name and renamed into place only
 * when all of it passed, so that path is a whole, checked backup or absent. ST_CONFLICT:
 * path or path.files exists. The checks as store_copy's. */
int store_backup(store *s, const char *path, const copy_opts *o, arena *a, copy_check **checks,
                 int *n, char *err, size_t errlen);
/* The kinds of column the copy tells apart, and the digest of a row as it compares rows:
 * values (NULL: NULL) as either engine prints them, so that 1.50 and 1.5 of a number, t and 1
 * of a flag, are the same (the normal form: copy.c). */
enum { CK_INT = 'i', CK_NUM = 'n', CK_BOOL = 'o', CK_TEXT = 't', CK_BLOB = 'b' };
enum { ST_DIGEST = 32 };
void st_row_digest(const char *kinds, int n, const char *const *v, const size_t *len,
                   unsigned char out[ST_DIGEST]);

/* Records, driven by their descriptions. */
int st_rec_get(conn *c, arena *a, const entity *e, long long id, record *out);
int st_rec_insert(conn *c, const record *r, const char *now, long long *id);
/* Updates the row whose id and version match r; ST_CONFLICT when the version moved. */
int st_rec_update(conn *c, const record *r, const char *now);
int st_rec_delete(conn *c, const entity *e, long long id);
int st_rec_exists(conn *c, const entity *e, long long id);
/* Another record (id != except) whose field equals value: its id in *found, or 0. */
int st_rec_find_dup(conn *c, const entity *e, int field, const char *value, long long except,
                    long long *found);
/* After ST_CONSTRAINT from st_rec_insert or st_rec_update: the unique field whose
 * folded value another record holds (the database refused it), or -1. */
int st_unique_field(conn *c, const entity *e);
/* Fills the derived columns (sort keys, folded keys) of rows written before they existed;
 * a folded key another row already holds is left empty and logged. */
int st_rec_backfill(conn *c, const entity *e, int *filled, int *clashes);
/* How many records of e have field fi equal to id (references into another type). */
int st_rec_count_refs(conn *c, const entity *e, int fi, long long id, long long *n);
/* Brings field fi of record id of type e, a summary of other records (record.h,
 * field_summary), up to what they hold now. */
int st_summary_refresh(conn *c, const entity *e, int fi, long long id);
/* How many rows a table of the schema holds (table: a name the program knows). */
int st_table_rows(conn *c, const char *table, long long *n);
/* Numbers the revisions of the figure r is one of (entity.revision_key: the records equal
 * to r in those fields) by revision_order then id, and marks the last one latest. */
int st_revisions_refresh(conn *c, const record *r);

/* list_filter and list_query: see record.h */

int st_rec_list(conn *c, arena *a, const entity *e, const list_query *q, record **rows, int *n);
/* The same rows as a JSON array, encoded by the database itself; *last is the id of the
 * last row (0 when none), the cursor for the next page. */
int st_rec_list_json(conn *c, const entity *e, const list_query *q, buf *out, long long *last);
int st_rec_count(conn *c, const entity *e, const list_query *q, long long *n);
/* Row counts per value of one field, largest first (NULL values left out). */
typedef struct {
    const char *value;
    long long n;
    const char *sum[2]; /* st_rec_group_sums: the sums of its rows' fields, or NULL */
} group_count;
int st_rec_group(conn *c, arena *a, const entity *e, int field, const list_query *q, int limit,
                 group_count **rows, int *n); /* q: filters only */
/* The same with the sums of up to two number fields (sums[i] >= 0; -1: none) per value,
 * rounded to 2 decimals (a stage's committed amounts; a year's commitments and
 * disbursements), in the value's order when by_value, else the largest count first. */
int st_rec_group_sums(conn *c, arena *a, const entity *e, int field, const int sums[2],
                      bool by_value, const list_query *q, int limit, group_count **rows, int *n);

/* The search index (derived: st_search_clear + st_search_put for every record rebuilds it). */
int st_search_put(conn *c, const entity *e, long long id, const char *title, const char *body);
/* The same for a record not yet in the index (a new one, a rebuild): no delete first. */
int st_search_add(conn *c, const entity *e, long long id, const char *title, const char *body);
int st_search_del(conn *c, const entity *e, long long id);
int st_search_clear(conn *c);
/* Gathers the query planner's statistics (after bulk loads; part of reindex). */
int st_analyze(conn *c);
/* Recounts the rows of a record type into the counts table (derived data). */
int st_count_rebuild(conn *c, const entity *e);
typedef struct {
    int code; /* entity code */
    long long id;
    const char *title;
} search_hit;
int st_search(conn *c, arena *a, const char *words, int limit, search_hit **hits, int *n);

/* Audit trail. old and new are JSON texts (NULL for none). */
int st_audit_add(conn *c, long long user_id, const char *username, const char *entity,
                 long long rid, const char *action, const char *old_json, const char *new_json,
                 const char *now);
typedef struct {
    long long id, rid;
    const char *at, *username, *entity, *action, *old_json, *new_json;
} audit_row;
int st_audit_list(conn *c, arena *a, const char *entity, long long rid, int limit, audit_row **rows,
                  int *n);
/* The newest entries over every record type. */
int st_audit_recent(conn *c, arena *a, int limit, audit_row **rows, int *n);

/* Files attached to records: the bytes are kept once per content (SHA-256) in a folder
 * beside the database (DB.files/ab/cdef...), the table says which record each belongs to.
 * files_put writes atomically (temporary file, then rename) and returns the hex digest. */
int files_put(conn *c, const void *data, size_t n, char sha[65], char *err, size_t errlen);
int files_get(conn *c, const char *sha, buf *out, char *err, size_t errlen);
typedef struct {
    long long id, rid, size;
    const char *entity, *sha256, *name, *mime, *username, *at;
} attach_row;
int st_attach_add(conn *c, const attach_row *a, long long user_id, long long *id);
int st_attach_list(conn *c, arena *a, const char *ename, long long rid, attach_row **rows, int *n);
/* The attachments holding this content (any record), newest first. */
int st_attach_by_sha(conn *c, arena *a, const char *sha, attach_row **rows, int *n);
int st_attach_get(conn *c, arena *a, long long id, attach_row *row);
int st_attach_del(conn *c, long long id);

/* Workflow steps taken (who, when, from, to, note). */
int st_transition_add(conn *c, const char *ename, long long rid, const char *from, const char *to,
                      const char *note, long long user_id, const char *username, const char *now);
typedef struct {
    const char *from, *to, *note, *username, *at;
} transition_row;
int st_transition_list(conn *c, arena *a, const char *ename, long long rid, int limit,
                       transition_row **rows, int *n);

/* Dated progress updates of a commitment (text and percent). */
typedef struct {
    long long id;
    const char *date, *text, *username, *at;
    int percent;
} progress_row;
int st_progress_add(conn *c, long long cid, const char *date, const char *text, int percent,
                    long long user_id, const char *username, const char *now, long long *id);
int st_progress_list(conn *c, arena *a, long long cid, int limit, progress_row **rows, int *n);

/* Users and sessions. */
typedef struct {
    long long id;
    const char *username, *role, *pwhash, *display_name, *lang;
    bool disabled;
    long long agency_id; /* role "agency": the agency the user belongs to; else 0 */
    bool must_change;    /* a password an admin reset: the user must set their own first */
    /* the second factor (st_user_get, _get_id, _list only): the TOTP secret in base32, NULL
     * when the user has none; the last time step a code was taken for */
    const char *totp_secret;
    long long totp_step;
} user_row;
int st_user_get(conn *c, arena *a, const char *username, user_row *u);
int st_user_get_id(conn *c, arena *a, long long id, user_row *u);
int st_user_insert(conn *c, const user_row *u, const char *now, long long *id);
int st_user_set_password(conn *c, long long id, const char *pwhash);
int st_user_set_agency(conn *c, long long id, long long agency_id); /* 0 clears it */
int st_user_list(conn *c, arena *a, user_row **rows, int *n);

/* name: a personal access token's (kind "api"), else NULL */
int st_session_put(conn *c, const char *token_hash, long long user_id, const char *csrf,
                   const char *kind, const char *name, long long expires);
/* The user of a live session (one query: this runs on every request). */
int st_session_get(conn *c, arena *a, const char *token_hash, long long now, user_row *u,
                   const char **csrf, const char **kind, long long *seen);
/* Notes that the session was used at now (unix seconds; outside a unit: it moves no data
 * version). */
int st_session_seen(conn *c, const char *token_hash, long long now);
int st_session_del(conn *c, const char *token_hash);
int st_login_failure_add(conn *c, const char *key, long long now);
/* Failures of key since a time: how many, and when the last was (0 when none). */
int st_login_failure_count(conn *c, const char *key, long long since, long long *n,
                           long long *last);
int st_login_failure_clear(conn *c, const char *key);
/* Each user's secret calendar token (64 hex digits; see domain/calendar.h). get:
 * ST_NOTFOUND when the user has none. put: replace false keeps a token already there
 * (two first visits at once agree on one), true replaces it (the old one stops working).
 * user: the user a token belongs to, ST_NOTFOUND for an unknown token. */
/* Calendar tokens, kept as their hash: when the user's was made (ST_NOTFOUND: none), a new
 * one (replacing theirs), and the user a hash belongs to. */
int st_calendar_token_when(conn *c, arena *a, long long user_id, const char **created_at);
int st_calendar_token_put(conn *c, long long user_id, const char *token_hash, const char *now);
int st_calendar_token_user(conn *c, arena *a, const char *token_hash, user_row *u);

/* Settings (the province profile) and reviewed reference-name overrides. */
/* The public version (migration 029): it moves with what the bulletin's public pages show
 * (articles, issues, categories, approved comments, the articles' images, settings, names)
 * and with nothing else; -1 when it cannot be read. */
long long st_public_version(conn *c);
int st_setting_get(conn *c, arena *a, const char *key, const char **value);
int st_setting_set(conn *c, const char *key, const char *value);
int st_name_overrides(conn *c, void (*fn)(void *ctx, const char *code, const char *name),
                      void *ctx);
int st_name_override_set(conn *c, const char *code, const char *name);

/* Reminders (domain/remind.h): each user's notices, where the sweep stopped reading
 * changed records, and the users' e-mail addresses for the daily digest. */
typedef struct {
    long long id, user_id, rid;
    const char *kind, *entity, *tag, *day, *created_at, *read_at;
    const char *resolved_at; /* its cause is gone (a report filed, a commitment done) */
} notice_row;
/* Adds the notice (user_id, kind, entity, rid, tag, day) unless the same one (all but the
 * day) is there; *added is 1 or 0. */
int st_notice_add(conn *c, const notice_row *n, const char *now, int *added);
int st_notice_exists(conn *c, const notice_row *n, bool *exists);
/* Ends the notices of kind about a record whose cause is gone: all of them, or those whose
 * tag is not keep_tag (a moved deadline ends the notices of the old one). */
int st_notice_resolve(conn *c, const char *ename, long long rid, const char *kind,
                      const char *keep_tag, const char *now);
/* Whether st_notice_resolve with the same arguments would end any notice. */
int st_notice_unresolved(conn *c, const char *ename, long long rid, const char *kind,
                         const char *keep_tag, bool *any);
/* A user's notices, newest first. */
int st_notice_list(conn *c, arena *a, long long user_id, long long limit, long long offset,
                   notice_row **rows, int *n);
int st_notice_count(conn *c, long long user_id, long long *total, long long *unread);
/* Marks one notice (id) or all of them (id 0) of the user read; *changed: how many were
 * unread. ST_NOTFOUND: the user has no notice id. */
int st_notice_read(conn *c, long long user_id, long long id, const char *now, long long *changed);
/* The user's unread notices not yet sent, made on since_day or later, newest first (at
 * most limit); *total counts them all, *max_id is the newest one's id (0: none). */
int st_notice_unmailed(conn *c, arena *a, long long user_id, const char *since_day, int limit,
                       notice_row **rows, int *n, long long *total, long long *max_id);
/* Marks those unread, unsent notices of the user sent (made on since_day or later, id up to
 * max_id). */
int st_notice_mailed(conn *c, long long user_id, const char *since_day, long long max_id,
                     const char *now);
/* Records of e written at or after since (updated_at), in id order past after_id. */
int st_rec_changed(conn *c, arena *a, const entity *e, const char *since, long long after_id,
                   int limit, record **rows, int *n);
int st_remind_mark_get(conn *c, arena *a, const char **mark); /* NULL when none */
int st_remind_mark_set(conn *c, const char *mark);
int st_user_email_set(conn *c, long long id, const char *email); /* NULL clears */
typedef struct {
    long long id;
    const char *username, *display_name, *lang, *email;
} mail_user;
/* Enabled users who have an e-mail address, by user name. */
int st_user_emails(conn *c, arena *a, mail_user **rows, int *n);

/* ---- administration (domain/users.h): users' roles, state and passwords, their sessions,
 * and the audit log of the whole system. */
/* Role, agency (0: none) and display name (NULL: none) of a user; ST_NOTFOUND: no such id. */
int st_user_admin_set(conn *c, long long id, const char *role, long long agency_id,
                      const char *display_name);
/* Disables (ending every session of the user and their calendar address) or enables. */
int st_user_set_disabled(conn *c, long long id, bool disabled);
/* A new password hash and its must_change flag; ends every session of the user but the one
 * whose hash is keep_hash (NULL: all of them), and their calendar address. */
int st_user_set_password_keep(conn *c, long long id, const char *pwhash, bool must_change,
                              const char *keep_hash);
typedef struct {
    long long id, created, expires; /* Unix times */
    const char *kind;               /* "web" or "api" */
    bool current;                   /* the session the asking request came with */
    const char *name;               /* a personal access token's, else NULL */
    long long seen;                 /* last use noted (0: none yet) */
} session_row;
/* The live sessions of a user, newest first; current_hash marks the asker's own. */
int st_session_list(conn *c, arena *a, long long user_id, long long now, const char *current_hash,
                    session_row **rows, int *n);
/* Ends one session (sid) of the user, or all of them (sid 0); *ended: how many. */
int st_session_revoke(conn *c, long long user_id, long long sid, long long *ended);
/* A browser the user completed a login from (the hash of its cookie), seen at now
 * (ST_NOTFOUND: the hash is another user's device); whether a device is one of the user's. */
int st_device_seen(conn *c, const char *hash, long long user_id, long long now);
int st_device_known(conn *c, const char *hash, const char *username);
/* The second factor (domain/auth.c). Sets (or, secret NULL, removes with the recovery
 * codes) a user's TOTP secret and last step. */
int st_user_totp_set(conn *c, long long id, const char *secret, long long step);
/* Takes time step `step` for the user's code: ST_OK when it is later than the last one
 * taken (one statement, so that a code is taken once whichever node sees it), else
 * ST_NOTFOUND. */
int st_user_totp_take(conn *c, long long id, long long step);
/* Replaces the user's recovery codes by these hashes. */
int st_recovery_set(conn *c, long long user_id, const char *const *hashes, int n);
/* Uses up the recovery code of this hash: ST_OK, or ST_NOTFOUND when it is not one. */
int st_recovery_use(conn *c, long long user_id, const char *hash);
int st_recovery_count(conn *c, long long user_id, long long *n);
/* A login between its password and its second factor: ticket hash, user, the secret of an
 * enrolment (else NULL), until expires; expired ones are forgotten. */
int st_ticket_put(conn *c, const char *hash, long long user_id, const char *secret, long long now,
                  long long expires);
/* Counts a try of a live ticket with fewer than max_tries: its user and secret; ST_NOTFOUND
 * when there is no such live ticket. */
int st_ticket_try(conn *c, arena *a, const char *hash, long long now, int max_tries,
                  long long *user_id, const char **secret);
int st_ticket_del(conn *c, const char *hash);
/* The audit log filtered (NULL or "" for any): user name, record type, days from..to
 * ("YYYY-MM-DD", both included); newest first, one page, and how many match in all. */
typedef struct {
    const char *username, *entity, *from, *to;
    long long limit, offset;
} audit_query;
int st_audit_search(conn *c, arena *a, const audit_query *q, audit_row **rows, int *n,
                    long long *total);
/* ---- leases (for stateless nodes): one node of several at a time does a job (migration
 * 015). Each is written at once, outside any write unit, and moves no data version: a
 * renewal every few seconds must not empty every cache. Times are the database's clock. */
/* Takes the lease name for holder for seconds from now, or renews it when holder has it:
 * one conditional statement, so two nodes cannot both take it; one whose lease has
 * expired loses it to whoever asks next. *held: whether holder has it now. A new holder's
 * progress starts at 0. */
int st_lease_take(conn *c, const char *name, const char *holder, int seconds, bool *held);
/* Gives the lease up (when holder has it), so that another node takes it at once. */
int st_lease_release(conn *c, const char *name, const char *holder);
/* The holder's note of how far it got (only while holder has the lease). */
int st_lease_progress(conn *c, const char *name, const char *holder, long long progress);
/* Who holds it, for how many more seconds (0 or less: expired) and their progress;
 * ST_NOTFOUND when nobody has ever taken it or it was given up. */
int st_lease_get(conn *c, arena *a, const char *name, const char **holder, long long *left,
                 long long *progress);
#endif
