/* Reminders: the sweep that makes each user's notices, the sweeper of a server (under a lease), and
 * the daily digest by e-mail (libcurl's SMTP). See remind.h for who gets what. */
#include "remind.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "app.h"
#include "commitment.h"
#include "ngo.h"
#include "project.h"
#include "entities.h"
#include "settings.h"

/* The day offset days after day ("YYYY-MM-DD"). */
static const char *shift(arena *a, const char *day, int offset)
{
    struct tm tm = {0};
    strptime(day, "%Y-%m-%d", &tm);
    time_t t = timegm(&tm) + (time_t)offset * 86400;
    gmtime_r(&t, &tm);
    char out[11];
    strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return arena_strdup(a, out);
}

/* ---- the sweep */

typedef struct {
    ctx *x;
    arena *a; /* the sweep's own: freed when it ends */
    const char *today;
    const char *mark; /* records written at or after it are "changed" */
    const char *soon; /* the first day past the "due soon" window */
    user_row *users;
    int nusers;
    notice_row *want; /* notices missing so far */
    int nwant, cap;
    notice_row *gone; /* causes gone: kind, entity, rid, and the tag still current (or NULL) */
    int ngone, capgone;
    int err; /* the first store failure, ST_OK while none */
} sweep;

static void want(sweep *s, long long user_id, const char *kind, const record *r, const char *tag)
{
    if (s->err || !tag) return;
    notice_row n = {.user_id = user_id,
                    .kind = kind,
                    .entity = r->e->name,
                    .rid = r->id,
                    .tag = tag,
                    .day = s->today};
    bool have = false;
    int rc = st_notice_exists(s->x->c, &n, &have);
    if (rc) s->err = rc;
    if (rc || have) return;
    n.tag = arena_strdup(s->a, tag); /* the record is its page's, freed after the page */
    if (s->nwant == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        notice_row *bigger = arena_alloc(s->a, sizeof(notice_row) * (size_t)s->cap);
        if (s->nwant) memcpy(bigger, s->want, sizeof(notice_row) * (size_t)s->nwant);
        s->want = bigger;
    }
    s->want[s->nwant++] = n; /* a record seen twice adds it twice: the insert ignores repeats */
}

/* The notices of kind about r end, but for those tagged keep (NULL: all of them). */
static void resolve(sweep *s, const char *kind, const record *r, const char *keep)
{
    /* read first: a sweep with nothing to end writes nothing */
    bool any = false;
    int rc = s->err ? s->err : st_notice_unresolved(s->x->c, r->e->name, r->id, kind, keep, &any);
    if (rc) s->err = rc;
    if (rc || !any) return;
    if (s->ngone == s->capgone) {
        s->capgone = s->capgone ? s->capgone * 2 : 64;
        notice_row *bigger = arena_alloc(s->a, sizeof(notice_row) * (size_t)s->capgone);
        if (s->ngone) memcpy(bigger, s->gone, sizeof(notice_row) * (size_t)s->ngone);
        s->gone = bigger;
    }
    s->gone[s->ngone++] = (notice_row){.kind = kind,
                                       .entity = r->e->name,
                                       .rid = r->id,
                                       .tag = keep ? arena_strdup(s->a, keep) : NULL};
}

static bool is_staff(const user_row *u)
{
    role r = role_parse(u->role);
    return !u->disabled && (r == ROLE_OFFICER || r == ROLE_LEADER);
}

static bool of_agency(const user_row *u, const char *agency)
{
    return agency && !u->disabled && role_parse(u->role) == ROLE_AGENCY && u->agency_id > 0 &&
           u->agency_id == strtoll(agency, NULL, 10);
}

static long long json_id(const char *json, const char *key)
{
    json_t *j = json ? json_loads(json, 0, NULL) : NULL;
    json_t *v = j ? json_object_get(j, key) : NULL;
    long long id = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
    json_decref(j);
    return id;
}

/* Given to its agency since the mark: created since, or its agency changed since (the
 * audit trail, newest first, says; a progress report or a step is no news). */
static bool assigned_since(sweep *s, const record *r, const char *agency_field)
{
    if (r->created_at && strcmp(r->created_at, s->mark) >= 0) return true;
    audit_row *h;
    int n = 0;
    int rc = st_audit_list(s->x->c, s->a, r->e->name, r->id, 50, &h, &n);
    if (rc) s->err = rc;
    for (int i = 0; !rc && i < n && strcmp(h[i].at, s->mark) >= 0; i++)
        if (json_id(h[i].old_json, agency_field) != json_id(h[i].new_json, agency_field))
            return true;
    return false;
}

static void on_commitment(sweep *s, const record *r, bool changed)
{
    const char *agency = record_get(r, "agency_id"), *deadline = record_get(r, "deadline");
    if (changed) {
        /* what it was announced for may be over: done or dropped ends every notice of it;
         * another agency ends "assigned" to the old one; a moved deadline, the old dates */
        bool over = !commitment_pending(r);
        resolve(s, "assigned", r, over ? NULL : agency);
        resolve(s, "due_soon", r, over ? NULL : deadline);
        resolve(s, "overdue", r, over || !commitment_overdue(r, s->today) ? NULL : deadline);
    }
    if (!commitment_pending(r)) return;
    if (changed && assigned_since(s, r, "agency_id"))
        for (int i = 0; i < s->nusers; i++)
            if (of_agency(&s->users[i], agency)) want(s, s->users[i].id, "assigned", r, agency);
    /* overdue: the commitment's rule for today; due soon: overdue by the first day past
     * the window (the deadline falls within it) but not yet today */
    const char *kind = commitment_overdue(r, s->today)  ? "overdue"
                       : commitment_overdue(r, s->soon) ? "due_soon"
                                                        : NULL;
    if (!kind) return;
    for (int i = 0; i < s->nusers; i++)
        if (is_staff(&s->users[i]) || of_agency(&s->users[i], agency))
            want(s, s->users[i].id, kind, r, deadline);
}

/* When the delegation was last proposed: the time of the latest step into "proposed", or
 * its creation: what makes a proposal sent back and proposed again news again. */
static const char *proposed_at(sweep *s, const record *r)
{
    transition_row *t;
    int n = 0;
    int rc = st_transition_list(s->x->c, s->a, r->e->name, r->id, 50, &t, &n);
    if (rc) s->err = rc;
    for (int i = 0; !rc && i < n; i++) /* newest first */
        if (t[i].to && !strcmp(t[i].to, "proposed")) return t[i].at;
    return r->created_at;
}

static void on_delegation(sweep *s, const record *r, bool changed)
{
    const char *status = record_get(r, "status");
    bool late = r->e->warning && r->e->warning(r, s->today) == M_REPORT_LATE;
    if (changed) {
        if (!late) resolve(s, "report_late", r, NULL); /* filed, or the trip moved */
        if (!status || strcmp(status, "proposed")) resolve(s, "to_approve", r, NULL);
    }
    /* a proposal waits for a leader: each leader hears of it (once per time proposed) */
    if (changed && status && !strcmp(status, "proposed")) {
        const char *at = proposed_at(s, r);
        for (int i = 0; i < s->nusers; i++)
            if (!s->users[i].disabled && role_parse(s->users[i].role) == ROLE_LEADER)
                want(s, s->users[i].id, "to_approve", r, at);
    }
    /* the delegation's own warning says when its report is late */
    if (!late) return;
    for (int i = 0; i < s->nusers; i++)
        if (is_staff(&s->users[i]))
            want(s, s->users[i].id, "report_late", r, record_get(r, "end_date"));
}

/* A gate milestone past its target and not done (its own warning): its agency's users and
 * the staff hear of it, once per target date. */
static void on_milestone(sweep *s, const record *r, bool changed)
{
    const char *agency = record_get(r, "agency_id"), *due = record_get(r, "target_date");
    bool late = gate_milestone_late(r, s->today);
    if (changed) resolve(s, "milestone_late", r, late ? due : NULL); /* done, or moved */
    if (!late) return;
    for (int i = 0; i < s->nusers; i++)
        if (is_staff(&s->users[i]) || of_agency(&s->users[i], agency))
            want(s, s->users[i].id, "milestone_late", r, due);
}

/* A project past a deadline of the aid procedure (its own rule: project_deadline): the
 * staff and its agency's users hear of it, once per deadline; a lead gone quiet: the staff,
 * once per last contact. */
static void on_project(sweep *s, const record *r, bool changed)
{
    const char *code = project_deadline(r, s->today);
    bool stalled = !strcmp(code, "stalled"), procedure = !stalled && strcmp(code, "none");
    const char *since =
        record_get(r, "last_contact") ? record_get(r, "last_contact") : record_get(r, "opened_on");
    if (changed) {
        resolve(s, "aid_deadline", r, procedure ? code : NULL);
        resolve(s, "lead_stalled", r, stalled ? since : NULL);
    }
    const char *agency = record_get(r, "agency_id");
    for (int i = 0; i < s->nusers && (stalled || procedure); i++) {
        if (procedure && (is_staff(&s->users[i]) || of_agency(&s->users[i], agency)))
            want(s, s->users[i].id, "aid_deadline", r, code);
        if (stalled && is_staff(&s->users[i])) want(s, s->users[i].id, "lead_stalled", r, since);
    }
}

/* A foreign NGO's certificate expiring with no renewal filed, or its activity plan overdue
 * (ngo_state): the staff, once per expiry day or due day. */
static void on_ngo(sweep *s, const record *r, bool changed)
{
    const char *st = ngo_state(r, s->today);
    bool expiring = !strcmp(st, "expiring"), plan = !strcmp(st, "plan_late");
    if (changed) {
        resolve(s, "ngo_expiring", r, expiring ? record_get(r, "expires_on") : NULL);
        resolve(s, "ngo_plan_late", r, plan ? record_get(r, "plan_due") : NULL);
    }
    for (int i = 0; i < s->nusers && (expiring || plan); i++)
        if (is_staff(&s->users[i]))
            want(s, s->users[i].id, expiring ? "ngo_expiring" : "ngo_plan_late", r,
                 record_get(r, expiring ? "expires_on" : "plan_due"));
}

static void visit(sweep *s, const record *r, bool changed)
{
    if (r->e == &project_entity) {
        on_project(s, r, changed);
        return;
    }
    if (r->e == &ngo_certificate_entity) {
        on_ngo(s, r, changed);
        return;
    }
    if (r->e == &commitment_entity)
        on_commitment(s, r, changed);
    else if (r->e == &delegation_entity)
        on_delegation(s, r, changed);
    else if (r->e == &gate_milestone_entity)
        on_milestone(s, r, changed);
}

enum { PAGE = 500 };

/* Every record of a list query, a page at a time. */
static int walk_list(sweep *s, const entity *e, list_query *q)
{
    for (;;) { /* each page's rows in an arena of their own: memory stays one page */
        arena page = {0};
        record *rows;
        int n, rc = st_rec_list(s->x->c, &page, e, q, &rows, &n);
        for (int i = 0; !rc && i < n && !s->err; i++)
            visit(s, &rows[i], false);
        long long last = !rc && n ? rows[n - 1].id : 0;
        arena_free(&page);
        if (rc) return rc;
        if (s->err) return s->err;
        if (n < q->limit) return ST_OK;
        q->after = last;
    }
}

/* Every record of e written at or after since; *last: the latest updated_at seen. */
static int walk_changed(sweep *s, const entity *e, const char *since, const char **last)
{
    long long after = 0;
    for (;;) {
        arena page = {0};
        record *rows;
        int n, rc = st_rec_changed(s->x->c, &page, e, since, after, PAGE, &rows, &n);
        for (int i = 0; !rc && i < n && !s->err; i++) {
            visit(s, &rows[i], true);
            if (rows[i].updated_at && (!*last || strcmp(rows[i].updated_at, *last) > 0))
                *last = arena_strdup(s->a, rows[i].updated_at);
        }
        if (!rc && n) after = rows[n - 1].id;
        arena_free(&page);
        if (rc) return rc;
        if (s->err) return s->err;
        if (n < PAGE) return ST_OK;
    }
}

/* Reads first (nothing is written when nothing is missing), then writes the missing
 * notices and the new mark in one transaction. The mark is the latest updated_at read:
 * records are read from it on (>=), so a write within the same second is not missed, and
 * a record read twice makes no second notice. */
static rstatus do_sweep(ctx *x, const char *today, bool full, int *made)
{
    *made = 0;
    arena a = {0};
    sweep s = {.x = x,
               .a = &a,
               .today = today,
               .soon = shift(&a, today, (int)settings_value(SET_REMIND_DAYS) + 1)};
    char now[32];
    clock_iso_now(now);
    const char *mark = NULL, *last = NULL;
    int rc = st_user_list(x->c, &a, &s.users, &s.nusers);
    if (!rc) rc = st_remind_mark_get(x->c, &a, &mark);
    bool move = false;
    if (!rc && !mark) /* no mark yet: records written from now on are new */
        mark = last = arena_strdup(&a, now), move = true;
    s.mark = mark;
    if (!rc && full) {
        /* what is due soon or overdue (overdue as of the first day past the window), and
         * what is late: the rules' own filters; each record is then told apart by them */
        const entity *ce = &commitment_entity, *de = &delegation_entity;
        list_query q = {.sort = -1, .limit = PAGE};
        list_query d = {.sort = -1, .limit = PAGE};
        if (!commitment_overdue_filter(ce, s.soon, &q) || !delegation_late_filter(de, today, &d))
            rc = ST_ERROR;
        if (!rc) rc = walk_list(&s, ce, &q);
        if (!rc) rc = walk_list(&s, de, &d);
        list_query m = {.sort = -1, .limit = PAGE};
        if (!rc && !gate_milestone_late_filter(&gate_milestone_entity, today, &m)) rc = ST_ERROR;
        if (!rc) rc = walk_list(&s, &gate_milestone_entity, &m);
        /* projects past a deadline, NGO certificates to renew or whose plan is late: each
         * code of their rules' own filters */
        static const char *const pcodes[] = {"stalled", "appraisal", "notify",
                                             "unused",  "annual",    "closing"};
        const entity *pe = &project_entity, *ne = &ngo_certificate_entity;
        for (size_t i = 0; !rc && i < sizeof pcodes / sizeof pcodes[0]; i++) {
            list_query p = {.sort = -1, .limit = PAGE};
            if (pe->derived->filter(pe, pcodes[i], today, &p)) rc = walk_list(&s, pe, &p);
        }
        static const char *const ncodes[] = {"expiring", "plan_late"};
        for (size_t i = 0; !rc && i < 2; i++) {
            list_query p = {.sort = -1, .limit = PAGE};
            if (ne->derived->filter(ne, ncodes[i], today, &p)) rc = walk_list(&s, ne, &p);
        }
    }
    if (!rc) rc = walk_changed(&s, &commitment_entity, mark, &last);
    if (!rc) rc = walk_changed(&s, &delegation_entity, mark, &last);
    if (!rc) rc = walk_changed(&s, &gate_milestone_entity, mark, &last);
    if (!rc) rc = walk_changed(&s, &project_entity, mark, &last);
    if (!rc) rc = walk_changed(&s, &ngo_certificate_entity, mark, &last);
    if (last && strcmp(last, mark) > 0) move = true;
    int added_all = 0;
    if (!rc && (s.nwant || s.ngone || move)) {
        rc = store_begin(x->c);
        for (int i = 0; !rc && i < s.ngone; i++)
            rc = st_notice_resolve(x->c, s.gone[i].entity, s.gone[i].rid, s.gone[i].kind,
                                   s.gone[i].tag, now);
        for (int i = 0; !rc && i < s.nwant; i++) {
            int added = 0;
            rc = st_notice_add(x->c, &s.want[i], now, &added);
            added_all += added;
        }
        if (!rc && move) rc = st_remind_mark_set(x->c, last);
        if (!rc)
            rc = store_commit(x->c);
        else
            store_rollback(x->c);
    }
    arena_free(&a);
    if (rc) return RS_ERROR;
    *made = added_all;
    return RS_OK;
}

rstatus remind_sweep(ctx *x, const char *today, int *made)
{
    return do_sweep(x, today, true, made);
}

rstatus remind_sweep_changes(ctx *x, const char *today, int *made)
{
    return do_sweep(x, today, false, made);
}

/* ---- the sweeper of a server
 *
 * Of the servers (nodes) on one database, the one that holds the lease "remind" (a row of
 * table leases, taken and renewed with the database's clock: store.h) sweeps; the others
 * only read what it made. The holder sweeps everything at start, when it takes the lease
 * over and when the day changes, and the records written since its last look whenever the
 * data version has moved: it looks every second, and at once when one of its own notices
 * pages waits (remind_wait). The lease is for economy, not for safety: should two nodes
 * sweep at once (a holder stalled past its lease), the notices' unique key still makes
 * each notice once. */

enum {
    TICK_MS = 1000,     /* how often the holder looks at the data version */
    LEASE_SECONDS = 30, /* NGOAIVU_LEASE_SECONDS changes it (1..3600) */
    WAIT_MS = 3000,     /* the longest a notices page waits for the sweep */
    WAIT_POLL_MS = 50,  /* how often it looks at another node's progress */
};
static const char LEASE[] = "remind";

struct remind_node {
    store *st;
    char holder[160]; /* host:pid:random, unique to this process */
    int lease_seconds;
    long long renew_us;   /* a third of the lease */
    long long next_renew; /* clock_micros() of the next renewal */
    pthread_t thread;
    bool started;
    /* under mu */
    pthread_mutex_t mu;
    pthread_cond_t wake;     /* the sweeper: stop, or a page waits */
    pthread_cond_t swept_cv; /* the pages: a sweep ended, or the lease was lost */
    bool stop, poked;
    bool held;
    long day;        /* yyyymmdd of the last full sweep since the lease was taken; 0: none */
    long long swept; /* the data version the last sweep began at; -1: none */
};

static long day_number(const char *today)
{
    return strtol(today, NULL, 10) * 10000 + strtol(today + 5, NULL, 10) * 100 +
           strtol(today + 8, NULL, 10);
}

/* Renews (or takes) the lease when it is time, and sweeps when this node holds it and
 * there is something to look at. */
static void node_tick(remind_node *n)
{
    conn *c = store_try_acquire(n->st);
    if (!c) return; /* the database is unavailable: the next tick tries again */
    long long now = clock_micros();
    if (now >= n->next_renew) {
        bool held = false;
        if (st_lease_take(c, LEASE, n->holder, n->lease_seconds, &held) != ST_OK) held = false;
        n->next_renew = now + n->renew_us;
        pthread_mutex_lock(&n->mu);
        if (held != n->held)
            log_info(held ? "reminders: this node sweeps (lease '%s' held by %s for %d s)"
                          : "reminders: lease '%s' lost by %s (another node sweeps)",
                     LEASE, n->holder, n->lease_seconds);
        n->held = held;
        if (!held) n->day = 0, n->swept = -1;
        pthread_cond_broadcast(&n->swept_cv);
        pthread_mutex_unlock(&n->mu);
    }
    char today[11];
    clock_today(today);
    long day = day_number(today);
    long long version = store_data_version(c);
    /* the thread alone writes day and swept: it may read them without the lock */
    bool full = n->held && day != n->day, changes = n->held && version != n->swept;
    if (version >= 0 && (full || changes)) {
        settings_sync(c, version); /* the reminders' horizon, as an admin set it */
        arena a = {0};
        ctx x = app_cli_ctx(c, &a);
        int made = 0;
        rstatus rs = full ? remind_sweep(&x, today, &made) : remind_sweep_changes(&x, today, &made);
        if (rs == RS_OK) {
            if (made) log_info("reminders: %d new notices", made);
            st_lease_progress(c, LEASE, n->holder, version);
            pthread_mutex_lock(&n->mu);
            if (full) n->day = day;
            n->swept = version;
            pthread_cond_broadcast(&n->swept_cv);
            pthread_mutex_unlock(&n->mu);
        } else {
            log_error("reminders: the sweep failed: %s", store_errmsg(c));
        }
        arena_free(&a);
    }
    store_release(n->st, c);
}

static void *node_main(void *p)
{
    remind_node *n = p;
    pthread_mutex_lock(&n->mu);
    while (!n->stop) {
        n->poked = false;
        pthread_mutex_unlock(&n->mu);
        node_tick(n);
        pthread_mutex_lock(&n->mu);
        if (n->stop || n->poked) continue;
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        t.tv_sec += TICK_MS / 1000;
        t.tv_nsec += (long)(TICK_MS % 1000) * 1000000;
        if (t.tv_nsec >= 1000000000) t.tv_sec++, t.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&n->wake, &n->mu, &t);
    }
    pthread_mutex_unlock(&n->mu);
    return NULL;
}

remind_node *remind_node_start(store *st)
{
    remind_node *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->st = st;
    const char *ls = getenv("NGOAIVU_LEASE_SECONDS");
    long secs = ls && *ls ? strtol(ls, NULL, 10) : LEASE_SECONDS;
    n->lease_seconds = secs >= 1 && secs <= 3600 ? (int)secs : LEASE_SECONDS;
    n->renew_us = (n->lease_seconds >= 3 ? n->lease_seconds / 3 : 1) * 1000000LL;
    char host[64] = "?";
    gethostname(host, sizeof host - 1);
    unsigned char rnd[4];
    randombytes_buf(rnd, sizeof rnd);
    snprintf(n->holder, sizeof n->holder, "%s:%ld:%02x%02x%02x%02x", host, (long)getpid(), rnd[0],
             rnd[1], rnd[2], rnd[3]);
    n->swept = -1;
    pthread_mutex_init(&n->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&n->wake, &ca);
    pthread_cond_init(&n->swept_cv, &ca);
    pthread_condattr_destroy(&ca);
    node_tick(n); /* the lease and the day's sweep before the server answers anyone */
    n->started = pthread_create(&n->thread, NULL, node_main, n) == 0;
    if (!n->started) log_error("reminders: cannot start the sweeper thread");
    return n;
}

void remind_node_stop(remind_node *n)
{
    if (!n) return;
    pthread_mutex_lock(&n->mu);
    n->stop = true;
    pthread_cond_broadcast(&n->wake);
    pthread_cond_broadcast(&n->swept_cv);
    pthread_mutex_unlock(&n->mu);
    if (n->started) pthread_join(n->thread, NULL);
    if (n->held) { /* another node need not wait for the lease to expire */
        conn *c = store_try_acquire(n->st);
        if (c) {
            st_lease_release(c, LEASE, n->holder);
            store_release(n->st, c);
        }
    }
    pthread_cond_destroy(&n->wake);
    pthread_cond_destroy(&n->swept_cv);
    pthread_mutex_destroy(&n->mu);
    free(n);
}

bool remind_node_holds(remind_node *n)
{
    if (!n) return false;
    pthread_mutex_lock(&n->mu);
    bool held = n->held;
    pthread_mutex_unlock(&n->mu);
    return held;
}

void remind_wait(remind_node *n, conn *c, long long version)
{
    if (version < 0) return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += WAIT_MS / 1000;
    end.tv_nsec += (long)(WAIT_MS % 1000) * 1000000;
    if (end.tv_nsec >= 1000000000) end.tv_sec++, end.tv_nsec -= 1000000000;
    if (n) { /* this node sweeps: ask it to look now, and wait for it */
        pthread_mutex_lock(&n->mu);
        bool mine = n->held;
        while (n->held && !n->stop && n->swept < version) {
            n->poked = true;
            pthread_cond_signal(&n->wake);
            if (pthread_cond_timedwait(&n->swept_cv, &n->mu, &end) != 0) break;
        }
        pthread_mutex_unlock(&n->mu);
        if (mine) return;
    }
    /* another node sweeps, if any does: its progress is in the lease's row */
    arena a = {0};
    for (long long deadline = clock_micros() + WAIT_MS * 1000LL;;) {
        const char *holder;
        long long left, progress;
        if (st_lease_get(c, &a, LEASE, &holder, &left, &progress) != ST_OK || left <= 0 ||
            progress >= version || clock_micros() >= deadline)
            break;
        usleep(WAIT_POLL_MS * 1000);
    }
    arena_free(&a);
}

/* ---- a user's notices */

rstatus remind_count(ctx *x, long long *total, long long *unread)
{
    *total = *unread = 0;
    if (x->user_id <= 0) return RS_OK;
    return st_notice_count(x->c, x->user_id, total, unread) ? RS_ERROR : RS_OK;
}

rstatus remind_list(ctx *x, long long limit, long long offset, notice_row **rows, int *n)
{
    *n = 0;
    *rows = NULL;
    if (x->user_id <= 0) return RS_OK;
    return st_notice_list(x->c, x->a, x->user_id, limit, offset, rows, n) ? RS_ERROR : RS_OK;
}

rstatus remind_read(ctx *x, long long id, long long *changed)
{
    *changed = 0;
    if (x->user_id <= 0) return RS_FORBIDDEN;
    char now[32];
    clock_iso_now(now);
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_notice_read(x->c, x->user_id, id, now, changed);
    if (rc) {
        store_rollback(x->c);
        return rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
    }
    return store_commit(x->c) == ST_OK ? RS_OK : RS_ERROR;
}

int remind_kind_msg(const char *kind)
{
    if (!kind) return M_NOTICES;
    if (!strcmp(kind, "assigned")) return M_NOTICE_ASSIGNED;
    if (!strcmp(kind, "due_soon")) return M_NOTICE_DUE_SOON;
    if (!strcmp(kind, "overdue")) return M_NOTICE_OVERDUE;
    if (!strcmp(kind, "report_late")) return M_NOTICE_REPORT_LATE;
    if (!strcmp(kind, "to_approve")) return M_NOTICE_TO_APPROVE;
    if (!strcmp(kind, "milestone_late")) return M_NOTICE_MILESTONE_LATE;
    if (!strcmp(kind, "aid_deadline")) return M_NOTICE_AID_DEADLINE;
    if (!strcmp(kind, "lead_stalled")) return M_NOTICE_LEAD_STALLED;
    if (!strcmp(kind, "ngo_expiring")) return M_NOTICE_NGO_EXPIRING;
    if (!strcmp(kind, "ngo_plan_late")) return M_NOTICE_NGO_PLAN_LATE;
    return M_NOTICES;
}

int remind_tag_msg(const char *kind)
{
    if (kind &&
        (!strcmp(kind, "due_soon") || !strcmp(kind, "overdue") || !strcmp(kind, "milestone_late") ||
         !strcmp(kind, "ngo_expiring") || !strcmp(kind, "ngo_plan_late")))
        return M_NOTICE_DEADLINE;
    if (kind && !strcmp(kind, "report_late")) return M_NOTICE_ENDED;
    return -1;
}

const char *remind_title(ctx *x, const notice_row *n, const entity **e)
{
    *e = entity_by_name(n->entity);
    record r;
    if (!*e || rec_get(x, *e, n->rid, &r) != RS_OK) return NULL;
    return rec_title(x, &r, NULL); /* an NGO's certificate: the NGO's name */
}

/* ---- e-mail */

/* Printable ASCII only: no control characters (header injection), nothing SMTP would
 * need SMTPUTF8 for. */
static bool plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) return false;
    return true;
}

int remind_user_email(conn *c, const char *username, const char *email, char *err, size_t errlen)
{
    arena a = {0};
    user_row u;
    int rc = st_user_get(c, &a, username, &u);
    arena_free(&a);
    if (rc) {
        snprintf(err, errlen, rc == ST_NOTFOUND ? "no user '%s'" : "cannot read user '%s'",
                 username);
        return -1;
    }
    if (email && !*email) email = NULL;
    if (email && (strlen(email) > 254 || !plain_ascii(email) || !valid_email(email))) {
        snprintf(err, errlen, "'%s' is not an e-mail address this program can send to", email);
        return -1;
    }
    if (st_user_email_set(c, u.id, email) != ST_OK) {
        snprintf(err, errlen, "cannot set the address: %s", store_errmsg(c));
        return -1;
    }
    return 0;
}

bool remind_mail_config(remind_mail *m)
{
    const char *url = getenv("NGOAIVU_SMTP_URL"), *from = getenv("NGOAIVU_SMTP_FROM");
    const char *base = getenv("NGOAIVU_BASE_URL");
    if (!url || !*url) return false;
    m->url = url;
    m->from = from && *from ? from : "ngoaivu@localhost";
    m->user = getenv("NGOAIVU_SMTP_USER");
    m->password = getenv("NGOAIVU_SMTP_PASSWORD");
    m->base_url = base && *base ? base : "http://localhost:8080";
    return true;
}

/* RFC 2047: encoded words of UTF-8 in base64, each at most 75 characters and holding
 * whole characters, folded onto continuation lines; plain ASCII stays as it is unless
 * force (a display name, whose specials would need quoting). */
static const char *encode_words(arena *a, const char *text, bool force)
{
    if (!force && plain_ascii(text) && !strstr(text, "=?") && strlen(text) < 900) return text;
    buf b = {0};
    size_t n = strlen(text), i = 0;
    while (i < n) {
        size_t k = n - i > 45 ? 45 : n - i; /* 45 bytes: 60 base64 characters */
        while (k > 1 && i + k < n && ((unsigned char)text[i + k] & 0xC0) == 0x80)
            k--;
        char enc[sodium_base64_ENCODED_LEN(45, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)text + i, k,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(&b, "%s=?UTF-8?B?%s?=", b.len ? "\r\n " : "", enc);
        i += k;
    }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *remind_header_text(arena *a, const char *text)
{
    return encode_words(a, text, false);
}

/* "Tue, 24 Nov 2026 19:05:06 +0700": Vietnam's time, English names whatever the locale. */
static void mail_date(char out[40])
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0700", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static const char *dmy(arena *a, const char *iso)
{
    if (!iso || strlen(iso) != 10) return iso ? iso : "";
    return arena_printf(a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

const char *remind_message(ctx *x, const remind_mail *m, const mail_user *u, const notice_row *rows,
                           int n, long long total)
{
    arena *a = x->a;
    const char *lang = u->lang && !strcmp(u->lang, "en") ? "en" : "vi";
    size_t bl = strlen(m->base_url);
    while (bl && m->base_url[bl - 1] == '/')
        bl--;
    const char *base = arena_strndup(a, m->base_url, bl);
    /* the text */
    buf t = {0};
    buf_printf(&t, "%s %s,\r\n\r\n%s\r\n\r\n", msg(M_DIGEST_GREETING, lang),
               u->display_name && *u->display_name ? u->display_name : u->username,
               msg(M_DIGEST_INTRO, lang));
    for (int i = 0; i < n; i++) {
        const entity *e;
        const char *title = remind_title(x, &rows[i], &e);
        buf_printf(&t, "- %s: %s", msg(remind_kind_msg(rows[i].kind), lang),
                   title ? title : msg(M_NOTICE_GONE, lang));
        int tm = remind_tag_msg(rows[i].kind);
        if (tm >= 0) buf_printf(&t, " (%s %s)", msg(tm, lang), dmy(a, rows[i].tag));
        buf_puts(&t, "\r\n");
        if (e && title) buf_printf(&t, "  %s/%s/%lld\r\n", base, e->table, rows[i].rid);
    }
    if (total > n) {
        buf_puts(&t, "\r\n");
        buf_printf(&t, msg(M_DIGEST_MORE, lang), total - n);
        buf_puts(&t, "\r\n");
    }
    buf_printf(&t, "\r\n%s %s/notifications\r\n\r\n-- \r\n%s\r\n", msg(M_DIGEST_ALL, lang), base,
               msg(M_DIGEST_AUTO, lang));
    /* the headers */
    buf h = {0};
    char date[40];
    mail_date(date);
    unsigned char rnd[12];
    char hex[2 * sizeof rnd + 1];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    const char *at = strrchr(m->from, '@');
    const char *domain = at && at[1] ? at + 1 : "localhost";
    province p = {0};
    province_get(x, &p);
    const char *dept = province_dept(&p, lang);
    buf_printf(&h, "Date: %s\r\n", date);
    if (dept && *dept)
        buf_printf(&h, "From: %s <%s>\r\n", encode_words(a, dept, true), m->from);
    else
        buf_printf(&h, "From: <%s>\r\n", m->from);
    buf_printf(&h, "To: <%s>\r\n", u->email);
    const char *subject = arena_printf(a, msg(M_DIGEST_SUBJECT, lang), total);
    buf_printf(&h, "Subject: %s\r\n", encode_words(a, subject, false));
    buf_printf(&h, "Message-ID: <%s.%lld@%s>\r\n", hex, clock_unix(), domain);
    buf_puts(&h, "MIME-Version: 1.0\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n"
                 "Auto-Submitted: auto-generated\r\n\r\n");
    /* the body in base64 (no 8BITMIME needed), lines of 76 */
    size_t elen = sodium_base64_ENCODED_LEN(t.len, sodium_base64_VARIANT_ORIGINAL);
    char *enc = arena_alloc(a, elen);
    sodium_bin2base64(enc, elen, (const unsigned char *)(t.data ? t.data : ""), t.len,
                      sodium_base64_VARIANT_ORIGINAL);
    for (size_t i = 0, n64 = strlen(enc); i < n64; i += 76) {
        buf_put(&h, enc + i, n64 - i < 76 ? n64 - i : 76);
        buf_puts(&h, "\r\n");
    }
    const char *out = arena_strdup(a, buf_cstr(&h));
    buf_free(&t);
    buf_free(&h);
    return out;
}

typedef struct {
    const char *p;
    size_t left;
} upload;

static size_t read_message(char *dst, size_t size, size_t nmemb, void *userdata)
{
    upload *u = userdata;
    size_t n = size * nmemb < u->left ? size * nmemb : u->left;
    memcpy(dst, u->p, n);
    u->p += n;
    u->left -= n;
    return n;
}

/* libcurl is loaded when mail is sent, not linked: the server never sends mail, and
 * libcurl with its TLS, Kerberos and LDAP libraries would cost every server process
 * several MB of memory for nothing. */
typedef struct {
    void *lib;
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl_lib;

static bool curl_load(curl_lib *c, buf *errors)
{
    *c = (curl_lib){0};
    c->lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!c->lib) {
        buf_printf(errors, "cannot load libcurl (libcurl4): %s\n", dlerror());
        return false;
    }
    /* POSIX lets a data pointer from dlsym be converted to a function pointer */
#define CURL_SYM(field, name) *(void **)&c->field = dlsym(c->lib, name)
    CURL_SYM(global_init, "curl_global_init");
    CURL_SYM(global_cleanup, "curl_global_cleanup");
    CURL_SYM(easy_init, "curl_easy_init");
    CURL_SYM(easy_cleanup, "curl_easy_cleanup");
    CURL_SYM(easy_reset, "curl_easy_reset");
    CURL_SYM(easy_setopt, "curl_easy_setopt");
    CURL_SYM(easy_perform, "curl_easy_perform");
    CURL_SYM(easy_strerror, "curl_easy_strerror");
    CURL_SYM(slist_append, "curl_slist_append");
    CURL_SYM(slist_free_all, "curl_slist_free_all");
#undef CURL_SYM
    if (!c->global_init || !c->global_cleanup || !c->easy_init || !c->easy_cleanup ||
        !c->easy_reset || !c->easy_setopt || !c->easy_perform || !c->easy_strerror ||
        !c->slist_append || !c->slist_free_all) {
        buf_printf(errors, "libcurl lacks a function this program needs\n");
        dlclose(c->lib);
        return false;
    }
    return true;
}

/* One message to one address; the handle keeps its connection for the next one. */
static CURLcode send_message(const curl_lib *cl, CURL *h, const remind_mail *m, arena *a,
                             const char *to, const char *text, char err[CURL_ERROR_SIZE])
{
    cl->easy_reset(h);
    upload up = {text, strlen(text)};
    struct curl_slist *rcpt = cl->slist_append(NULL, arena_printf(a, "<%s>", to));
    if (!rcpt) return CURLE_OUT_OF_MEMORY;
    cl->easy_setopt(h, CURLOPT_URL, m->url);
    cl->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    cl->easy_setopt(h, CURLOPT_MAIL_FROM, arena_printf(a, "<%s>", m->from));
    cl->easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    cl->easy_setopt(h, CURLOPT_READFUNCTION, read_message);
    cl->easy_setopt(h, CURLOPT_READDATA, &up);
    cl->easy_setopt(h, CURLOPT_UPLOAD, 1L);
    cl->easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY); /* STARTTLS when offered */
    if (m->user && *m->user) cl->easy_setopt(h, CURLOPT_USERNAME, m->user);
    if (m->password && *m->password) cl->easy_setopt(h, CURLOPT_PASSWORD, m->password);
    cl->easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    cl->easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    cl->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    cl->easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    err[0] = 0;
    CURLcode cc = cl->easy_perform(h);
    cl->slist_free_all(rcpt);
    return cc;
}
int remind_digest(ctx *x, const char *today, const remind_mail *m, int *sent, buf *errors)
{
    *sent = 0;
    const char *at = strchr(m->from, '@');
    if (!plain_ascii(m->from) || !at || at == m->from || !at[1] || strchr(at + 1, '@') ||
        strpbrk(m->from, " <>\",;")) {
        buf_printf(errors, "NGOAIVU_SMTP_FROM '%s' is not an e-mail address\n", m->from);
        return -1;
    }
    mail_user *users;
    int nu;
    if (st_user_emails(x->c, x->a, &users, &nu) != ST_OK) {
        buf_printf(errors, "cannot read the users: %s\n", store_errmsg(x->c));
        return -1;
    }
    const char *since = shift(x->a, today, -(REMIND_DIGEST_DAYS - 1));
    curl_lib cl;
    if (!curl_load(&cl, errors)) return -1;
    if (cl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        buf_printf(errors, "cannot initialise libcurl\n");
        dlclose(cl.lib);
        return -1;
    }
    CURL *h = cl.easy_init();
    int failed = 0;
    for (int i = 0; h && i < nu; i++) {
        const mail_user *u = &users[i];
        notice_row *rows;
        int n;
        long long total, max_id;
        if (!plain_ascii(u->email)) continue; /* set by hand in the database: not ours */
        if (st_notice_unmailed(x->c, x->a, u->id, since, REMIND_DIGEST_MAX, &rows, &n, &total,
                               &max_id) != ST_OK) {
            buf_printf(errors, "%s: cannot read the notices: %s\n", u->username,
                       store_errmsg(x->c));
            failed++;
            continue;
        }
        if (!total) continue;
        const char *text = remind_message(x, m, u, rows, n, total);
        char err[CURL_ERROR_SIZE];
        CURLcode cc = send_message(&cl, h, m, x->a, u->email, text, err);
        if (cc != CURLE_OK) {
            buf_printf(errors, "%s <%s>: not sent: %s\n", u->username, u->email,
                       *err ? err : cl.easy_strerror(cc));
            failed++;
            continue;
        }
        char now[32];
        clock_iso_now(now);
        int rc = store_begin(x->c);
        if (!rc) {
            rc = st_notice_mailed(x->c, u->id, since, max_id, now);
            if (!rc)
                rc = store_commit(x->c);
            else
                store_rollback(x->c);
        }
        if (rc) {
            buf_printf(errors, "%s <%s>: sent, but not marked as sent (it will go again): %s\n",
                       u->username, u->email, store_errmsg(x->c));
            failed++;
            continue;
        }
        (*sent)++;
    }
    if (!h) {
        buf_printf(errors, "cannot initialise libcurl\n");
        failed++;
    }
    if (h) cl.easy_cleanup(h);
    cl.global_cleanup();
    dlclose(cl.lib);
    return failed ? -1 : 0;
}
