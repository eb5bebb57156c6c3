/* Settings and reviewed names: see settings.h. */
#include "settings.h"
#include "holiday.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "app.h"
#include "entities.h"
#include "refdata.h"
#include "remind.h"

const setting_def settings_defs[SET_COUNT] = {
    [SET_REPORT_DAYS] = {"report_days", "NGOAIVU_REPORT_DAYS", DELEGATION_REPORT_DAYS, 1, 365,
                         M_SET_REPORT_DAYS, M_SET_REPORT_DAYS_HELP},
    [SET_REMIND_DAYS] = {"remind_days", "NGOAIVU_REMIND_DAYS", REMIND_DUE_DAYS, 1, 90,
                         M_SET_REMIND_DAYS, M_SET_REMIND_DAYS_HELP},
    [SET_INSPECT_DAYS] = {"inspect_days", "NGOAIVU_INSPECT_DAYS", 365, 30, 1830, M_SET_INSPECT_DAYS,
                          M_SET_INSPECT_DAYS_HELP},
    [SET_IDLE_MINUTES] = {"session_idle_minutes", "NGOAIVU_SESSION_IDLE_MINUTES", 120, 5, 720,
                          M_SET_IDLE_MINUTES, M_SET_IDLE_MINUTES_HELP},
    [SET_TOTP_ROLES] = {"totp_roles", "NGOAIVU_TOTP_ROLES", 0, 0, SET_ROLES_ALL, M_SET_TOTP_ROLES,
                        M_SET_TOTP_ROLES_HELP, true},
};

long settings_role_bit(role r)
{
    return r > ROLE_NONE && r <= ROLE_ADMIN ? 1L << (r - 1) : 0;
}

/* The stored values (NONE: none stored), read by any thread. */
enum { NONE = -1 };
static _Atomic long stored[SET_COUNT] = {[0 ... SET_COUNT - 1] = NONE};

/* A whole number in the setting's range, else NONE. A set of roles may also be given as
 * their names ("admin,leader"; "" or "none": no role). */
static long parse_value(const setting_def *d, const char *s)
{
    if (!s) return NONE;
    while (*s == ' ')
        s++;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s) {
        if (!d->roles || !*s) return NONE;
        if (!strcmp(s, "none")) return 0;
        v = 0;
        char word[16];
        for (const char *p = s; *p;) {
            size_t n = strcspn(p, ", ");
            if (n && n < sizeof word) {
                memcpy(word, p, n);
                word[n] = 0;
                long bit = settings_role_bit(role_parse(word));
                if (!bit) return NONE;
                v |= bit;
            } else if (n) {
                return NONE;
            }
            p += n;
            p += strspn(p, ", ");
        }
        return v;
    }
    while (*end == ' ')
        end++;
    if (*end || v < d->min || v > d->max) return NONE;
    return v;
}

static long env_value(setting_id id)
{
    return parse_value(&settings_defs[id], getenv(settings_defs[id].env));
}

long settings_value(setting_id id)
{
    if (id < 0 || id >= SET_COUNT) return 0;
    long v = atomic_load(&stored[id]);
    if (v != NONE) return v;
    v = env_value(id);
    return v != NONE ? v : settings_defs[id].def;
}

const char *settings_source(setting_id id)
{
    if (atomic_load(&stored[id]) != NONE) return "database";
    return env_value(id) != NONE ? "environment" : "default";
}

static const char *key_of(arena *a, setting_id id)
{
    return arena_printf(a, "admin.%s", settings_defs[id].name);
}

void settings_load(conn *c)
{
    province_area_load(c);
    holidays_load(c); /* working days (holiday.h) */
    arena a = {0};
    for (int i = 0; i < SET_COUNT; i++) {
        const char *v = NULL;
        int rc = st_setting_get(c, &a, key_of(&a, (setting_id)i), &v);
        if (rc == ST_OK || rc == ST_NOTFOUND)
            atomic_store(&stored[i], parse_value(&settings_defs[i], v));
    }
    arena_free(&a);
}

/* The data version this process's copies were last brought up to (settings_sync). */
static _Atomic long long synced = -1;
static pthread_mutex_t sync_mu = PTHREAD_MUTEX_INITIALIZER;

static void sync_name(void *unused, const char *code, const char *name)
{
    (void)unused;
    if (refdata_override_apply(code, name) != 0)
        log_error("name override for unknown code %s ignored", code);
}

void settings_sync(conn *c, long long version)
{
    if (version < 0 || atomic_load(&synced) >= version) return;
    pthread_mutex_lock(&sync_mu); /* one thread reads; the others wait the few microseconds */
    if (atomic_load(&synced) < version) {
        settings_load(c);
        if (st_name_overrides(c, sync_name, NULL) == ST_OK) atomic_store(&synced, version);
    }
    pthread_mutex_unlock(&sync_mu);
}

rstatus settings_set(ctx *x, const char *const values[SET_COUNT], verrs *ve)
{
    if (!role_can(x->role, PERM_ADMIN)) return RS_FORBIDDEN;
    long nv[SET_COUNT];
    for (int i = 0; i < SET_COUNT; i++) {
        const setting_def *d = &settings_defs[i];
        nv[i] = atomic_load(&stored[i]);
        if (!values[i]) continue;
        if (text_is_blank(values[i]) && !d->roles) {
            nv[i] = NONE;
            continue;
        }
        nv[i] = parse_value(d, d->roles && text_is_blank(values[i]) ? "none" : values[i]);
        if (nv[i] == NONE)
            verrs_add(ve, d->name, d->roles ? M_SETTING_ROLES : M_SETTING_RANGE, d->max);
    }
    if (ve->n) return RS_INVALID;
    json_t *oj = json_object(), *nj = json_object();
    for (int i = 0; i < SET_COUNT; i++) {
        if (!values[i]) continue;
        json_object_set_new(oj, settings_defs[i].name, json_integer(settings_value(i)));
        json_object_set_new(
            nj, settings_defs[i].name,
            json_integer(nv[i] != NONE
                             ? nv[i]
                             : (env_value(i) != NONE ? env_value(i) : settings_defs[i].def)));
    }
    char *os = json_dumps(oj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    char *ns = json_dumps(nj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    json_decref(oj);
    json_decref(nj);
    char now[32];
    clock_iso_now(now);
    int rc = store_begin(x->c);
    for (int i = 0; i < SET_COUNT && !rc; i++)
        if (values[i])
            rc = st_setting_set(x->c, key_of(x->a, (setting_id)i),
                                nv[i] != NONE ? arena_printf(x->a, "%ld", nv[i]) : "");
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, "setting", 1, "update", os, ns, now);
    free(os);
    free(ns);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    for (int i = 0; i < SET_COUNT; i++)
        atomic_store(&stored[i], nv[i]);
    return RS_OK;
}

rstatus names_correct(ctx *x, const char *code, const char *name, verrs *ve)
{
    if (!role_can(x->role, PERM_ADMIN)) return RS_FORBIDDEN;
    char *c = arena_strdup(x->a, code ? code : "");
    text_trim(c);
    for (char *q = c; *q; q++)
        if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
    const char *old = NULL;
    if (!*c)
        verrs_add(ve, "code", M_REQUIRED, 0);
    else if (refdata_country(c))
        old = refdata_country(c)->name_vi;
    else if (refdata_subdivision(c))
        old = refdata_subdivision(c)->name_vi;
    else
        verrs_add(ve, "code", strchr(c, '-') ? M_BAD_SUBDIV : M_BAD_COUNTRY, 0);
    const char *n = NULL;
    unsigned bad = 0;
    if (name && !utf8_valid(name, strlen(name))) {
        verrs_add(ve, "name", M_BAD_UTF8, 0);
    } else if (name && (bad = text_controls(x->a, name, &name))) {
        verrs_add(ve, "name", M_CONTROL_CHAR, bad);
    } else {
        char *t = name ? text_trim(arena_strdup(x->a, name)) : NULL;
        if (!t || !*t)
            verrs_add(ve, "name", M_REQUIRED, 0);
        else if (utf8_chars((n = text_nfc(x->a, t))) > 200)
            verrs_add(ve, "name", M_TOO_LONG, 200);
    }
    if (ve->n) return RS_INVALID;
    old = arena_strdup(x->a, old); /* the table's string may be replaced below */
    json_t *oj = json_pack("{s:s,s:s?}", "code", c, "name_vi", old);
    json_t *nj = json_pack("{s:s,s:s}", "code", c, "name_vi", n);
    char *os = json_dumps(oj, JSON_COMPACT | JSON_REAL_PRECISION(15)),
         *ns = json_dumps(nj, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(oj);
    json_decref(nj);
    char now[32];
    clock_iso_now(now);
    int rc = store_begin(x->c);
    if (!rc) rc = st_name_override_set(x->c, c, n);
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, "name", 0, "update", os, ns, now);
    free(os);
    free(ns);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    refdata_override_apply(c, n); /* the running server shows it from now on */
    return RS_OK;
}

typedef struct {
    arena *a;
    const char **codes;
    int n, cap;
} corrected_set;

static void collect_code(void *p, const char *code, const char *name)
{
    (void)name;
    corrected_set *cs = p;
    if (cs->n == cs->cap) {
        int cap = cs->cap ? cs->cap * 2 : 32;
        const char **bigger = arena_alloc(cs->a, sizeof *bigger * (size_t)cap);
        if (cs->n) memcpy(bigger, cs->codes, sizeof *bigger * (size_t)cs->n);
        cs->codes = bigger, cs->cap = cap;
    }
    cs->codes[cs->n++] = arena_strdup(cs->a, code);
}

static bool is_corrected(const corrected_set *cs, const char *code)
{
    for (int i = 0; i < cs->n; i++)
        if (!strcmp(cs->codes[i], code)) return true;
    return false;
}

static bool holds(arena *a, const char *text, const char *folded_q)
{
    if (!folded_q || !*folded_q) return true;
    const char *t = text ? text_fold(a, text) : NULL;
    return t && strstr(t, folded_q);
}

/* Adds the row when it matches and falls in the page; counts it either way. */
static void consider(ctx *x, const char *fq, long long offset, long long limit, name_row *out,
                     int *n, long long *total, name_row row, const corrected_set *cs)
{
    if (!holds(x->a, row.code, fq) && !holds(x->a, row.name_en, fq) &&
        !holds(x->a, row.name_vi, fq))
        return;
    if (*total >= offset && *n < limit) {
        row.corrected = is_corrected(cs, row.code);
        out[(*n)++] = row;
    }
    (*total)++;
}

rstatus names_find(ctx *x, const char *q, const char *country, long long offset, long long limit,
                   name_row **rows, int *n, long long *total)
{
    if (!role_can(x->role, PERM_ADMIN)) return RS_FORBIDDEN;
    if (limit <= 0 || limit > 500) limit = 100;
    if (offset < 0) offset = 0;
    corrected_set cs = {.a = x->a};
    if (st_name_overrides(x->c, collect_code, &cs) != ST_OK) return RS_ERROR;
    char *cc = country && *country ? text_trim(arena_strdup(x->a, country)) : NULL;
    for (char *p = cc; p && *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    country = cc;
    const char *fq = q && *q ? text_fold(x->a, q) : NULL;
    if (fq && !*fq) fq = NULL;
    *rows = arena_alloc(x->a, sizeof(name_row) * (size_t)limit);
    *n = 0;
    *total = 0;
    size_t nc = refdata_country_count();
    for (size_t i = 0; i < nc; i++) {
        const ref_country *c = refdata_country_at(i);
        if (!c || (country && *country && strcmp(c->code, country))) continue;
        consider(x, fq, offset, limit, *rows, n, total,
                 (name_row){.code = c->code, .name_en = c->name_en, .name_vi = c->name_vi}, &cs);
        const ref_subdivision *subs;
        size_t ns = refdata_subdivisions_of(c->code, &subs);
        for (size_t k = 0; k < ns; k++)
            consider(x, fq, offset, limit, *rows, n, total,
                     (name_row){.code = subs[k].code,
                                .name_en = subs[k].name_en,
                                .name_vi = subs[k].name_vi,
                                .subdivision = true},
                     &cs);
    }
    return RS_OK;
}
