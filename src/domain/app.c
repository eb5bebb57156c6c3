#include "app.h"
#include "doc.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/clock.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"
#include "records.h"
#include "refdata.h"
#include "settings.h"

extern const char *const ngv_names_vi_tsv;

static void apply_override(void *unused, const char *code, const char *name)
{
    (void)unused;
    if (refdata_set_name_vi(code, name) != 0)
        log_error("name override for unknown code %s ignored", code);
}

/* The records a type starts with (entity.seed), written once per database: the key
 * "seed.TABLE" says they were, so that a category the users deleted stays deleted. Two
 * servers starting together on one database: the second's unit fails on the first's
 * names (unique) or its key, and is dropped. */
static int seed_records(conn *c, char *err, size_t errlen)
{
    for (int i = 0; ngv_entities[i]; i++) {
        const entity *e = ngv_entities[i];
        if (!e->seed) continue;
        arena a = {0};
        ctx x = app_cli_ctx(c, &a);
        const char *key = arena_printf(&a, "seed.%s", e->table), *done = NULL;
        int got = st_setting_get(c, &a, key, &done);
        if (got != ST_OK && got != ST_NOTFOUND) {
            snprintf(err, errlen, "cannot read %s: %s", key, store_errmsg(c));
            arena_free(&a);
            return -1;
        }
        int rc = done ? ST_OK : store_begin(c);
        int n = 0;
        for (const seed_row *row = e->seed; !done && !rc && row->v[0]; row++, n++) {
            record r = rec_new(&a, e);
            verrs ve = {0};
            for (int k = 0; e->seed_fields[k]; k++)
                rec_set(&r, e->seed_fields[k], row->v[k], &ve);
            if (rec_create_in_tx(&x, &r, &ve) != RS_OK) rc = -1;
        }
        if (!done && !rc) rc = st_setting_set(c, key, "1");
        if (!done && !rc) rc = store_commit(c);
        if (!done && rc) {
            store_rollback(c);
            log_info("database: the first %s were written by another server", e->table);
        } else if (!done) {
            log_info("database: wrote the first %d %s", n, e->table);
        }
        arena_free(&a);
    }
    return 0;
}

bool app_only_first_records(conn *c)
{
    long long n = 0, seeds = 0, audit = 0;
    if (st_table_rows(c, "users", &n) || n) return false; /* a database in use has users */
    for (int i = 0; ngv_entities[i]; i++) {
        const entity *e = ngv_entities[i];
        long long want = 0;
        for (const seed_row *row = e->seed; row && row->v[0]; row++)
            want++;
        if (st_table_rows(c, e->table, &n) || n != want) return false;
        seeds += want;
    }
    /* their creation, and nothing else done */
    return !st_table_rows(c, "audit", &audit) && audit == seeds;
}

int app_open(const char *db, bool create, int pool, store **st, char *err, size_t errlen)
{
    if (ftypes_check(err, errlen) != 0 || entities_check(err, errlen) != 0) return -1;
    const char *iso = getenv("NGOAIVU_ISO_DIR"), *loc = getenv("NGOAIVU_LOCALE_DIR");
    if (refdata_load(iso ? iso : "/usr/share/iso-codes/json", loc ? loc : "/usr/share/locale",
                     ngv_names_vi_tsv, err, errlen) != 0)
        return -1;
    if (store_open(db, create, pool, st, err, errlen) != 0) {
        refdata_free();
        return -1;
    }
    conn *c = store_acquire(*st);
    /* sort keys and folded keys of rows written before they existed (a migration) */
    for (int i = 0; ngv_entities[i]; i++) {
        int filled = 0, clashes = 0;
        if (store_begin(c) || st_rec_backfill(c, ngv_entities[i], &filled, &clashes) ||
            store_commit(c)) {
            store_rollback(c);
            snprintf(err, errlen, "cannot fill the sort keys of %s: %s", ngv_entities[i]->table,
                     store_errmsg(c));
            store_release(*st, c);
            store_close(*st);
            refdata_free();
            return -1;
        }
        if (filled)
            log_info("database: filled %d sort and name keys of %s (%d names the same as "
                     "another's)",
                     filled, ngv_entities[i]->table, clashes);
    }
    if (seed_records(c, err, errlen) != 0) {
        store_release(*st, c);
        store_close(*st);
        refdata_free();
        return -1;
    }
    st_name_overrides(c, apply_override, NULL);
    refdata_first_countries_from_partners(c); /* the partner countries first in every list */
    settings_load(c); /* an admin's settings (settings.h), the province's area */
    store_release(*st, c);
    return 0;
}

void app_close(store *st)
{
    store_close(st);
    refdata_free();
    doc_pdf_release();
}

ctx app_cli_ctx(conn *c, arena *a)
{
    return (ctx){
        .c = c, .a = a, .lang = "vi", .user_id = 0, .username = "system", .role = ROLE_ADMIN};
}

static const char *setting(ctx *x, const char *key)
{
    const char *v = NULL;
    st_setting_get(x->c, x->a, key, &v);
    return v;
}

/* The area in ten-thousandths of a degree, and whether one is set: read by any thread. */
static _Atomic long area_e4[4];
static _Atomic int area_known;

/* "S,W,N,E" (commas, semicolons or spaces between) into a box, checked: false if it is not
 * four numbers of a box in range no wider than 10 degrees. */
static bool area_parse(const char *s, double b[4])
{
    if (!s) return false;
    const char *p = s;
    for (int i = 0; i < 4; i++) {
        while (*p == ' ' || (i && (*p == ',' || *p == ';')))
            p++;
        char *end;
        b[i] = strtod(p, &end);
        if (end == p) return false;
        p = end;
    }
    while (*p == ' ')
        p++;
    return !*p && b[0] >= -90 && b[2] <= 90 && b[1] >= -180 && b[3] <= 180 && b[0] < b[2] &&
           b[1] < b[3] && b[2] - b[0] <= 10 && b[3] - b[1] <= 10;
}

static void area_store(const char *s)
{
    double b[4];
    bool ok = area_parse(s, b);
    for (int i = 0; ok && i < 4; i++)
        atomic_store(&area_e4[i], lround(b[i] * 1e4));
    atomic_store(&area_known, ok);
}

bool province_area(double box[4])
{
    if (!atomic_load(&area_known)) return false;
    for (int i = 0; i < 4; i++)
        box[i] = (double)atomic_load(&area_e4[i]) / 1e4;
    return true;
}

/* The IATI identifier, swapped whole: a reader holds the copy it read until the process
 * ends (one small string per change, which an admin makes once or twice). */
static _Atomic(char *) iati_org;

static void iati_org_store(const char *v)
{
    char *old = atomic_load(&iati_org);
    if ((!v || !*v) ? !old : (old && !strcmp(old, v))) return;
    atomic_store(&iati_org, v && *v ? strdup(v) : NULL);
}

const char *province_iati_org(void)
{
    return atomic_load(&iati_org);
}

bool iati_org_ok(const char *s)
{
    if (!s || !*s || !strchr(s, '-') || *s == '-') return false;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '/' || *p == '&' || *p == '|' || *p == '?' || (unsigned char)*p < 33)
            return false;
    return true;
}

bool province_abbrev_ok(const char *s)
{
    if (!s || !*s) return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80 &&
            !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            return false; /* letters with diacritics (Đ) are bytes >= 0x80 */
    return true;
}

void province_area_load(conn *c)
{
    arena a = {0};
    const char *v = NULL;
    int rc = st_setting_get(c, &a, "province.area", &v);
    if (rc == ST_OK || rc == ST_NOTFOUND) area_store(v);
    v = NULL;
    rc = st_setting_get(c, &a, "province.iati_org", &v);
    if (rc == ST_OK || rc == ST_NOTFOUND) iati_org_store(v);
    arena_free(&a);
}

void province_get(ctx *x, province *p)
{
    p->name_vi = setting(x, "province.name_vi");
    p->name_en = setting(x, "province.name_en");
    p->code = setting(x, "province.code");
    p->dept_vi = setting(x, "province.dept_vi");
    p->dept_en = setting(x, "province.dept_en");
    p->area = setting(x, "province.area");
    p->iati_org = setting(x, "province.iati_org");
    p->abbrev = setting(x, "province.abbrev");
    p->parent_vi = setting(x, "province.parent_vi");
}

const char *province_dept(const province *p, const char *lang)
{
    if (lang && !strcmp(lang, "en") && p->dept_en && *p->dept_en) return p->dept_en;
    return p->dept_vi;
}

static const char *clean(ctx *x, const char *fname, const char *v, int maxlen, bool required,
                         verrs *ve)
{
    if (v && !utf8_valid(v, strlen(v))) {
        verrs_add(ve, fname, M_BAD_UTF8, 0);
        return NULL;
    }
    unsigned bad = v ? text_controls(x->a, v, &v) : 0;
    if (bad) {
        verrs_add(ve, fname, M_CONTROL_CHAR, bad);
        return NULL;
    }
    char *t = v ? text_trim(arena_strdup(x->a, v)) : NULL;
    if (!t || !*t) {
        if (required) verrs_add(ve, fname, M_REQUIRED, 0);
        return NULL;
    }
    const char *n = text_nfc(x->a, t);
    if ((int)utf8_chars(n) > maxlen) verrs_add(ve, fname, M_TOO_LONG, maxlen);
    return n;
}

int province_set(ctx *x, province *p, verrs *ve)
{
    if (!role_can(x->role, PERM_ADMIN)) return RS_FORBIDDEN;
    p->name_vi = clean(x, "name_vi", p->name_vi, 200, true, ve);
    p->name_en = clean(x, "name_en", p->name_en, 200, true, ve);
    p->code = clean(x, "code", p->code, 6, true, ve);
    p->dept_vi = clean(x, "dept_vi", p->dept_vi, 200, true, ve);
    p->dept_en = clean(x, "dept_en", p->dept_en, 200, false, ve);
    if (p->code) {
        char *c = arena_strdup(x->a, p->code);
        for (char *q = c; *q; q++)
            if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
        p->code = c;
        if (!refdata_subdivision(c)) verrs_add(ve, "code", M_BAD_SUBDIV, 0);
    }
    p->area = clean(x, "area", p->area, 100, false, ve);
    double box[4];
    if (p->area && !area_parse(p->area, box)) verrs_add(ve, "area", M_PROVINCE_AREA_BAD, 0);
    p->iati_org = clean(x, "iati_org", p->iati_org, 100, false, ve);
    if (p->iati_org && !iati_org_ok(p->iati_org)) verrs_add(ve, "iati_org", M_IATI_ORG_BAD, 0);
    p->abbrev = clean(x, "abbrev", p->abbrev, 20, false, ve);
    if (p->abbrev && !province_abbrev_ok(p->abbrev)) verrs_add(ve, "abbrev", M_ABBREV_BAD, 0);
    p->parent_vi = clean(x, "parent_vi", p->parent_vi, 200, false, ve);
    if (p->area && !ve->n) { /* kept in one way of writing: "13.9,107.4,15.4,109.2" */
        buf b = {0};
        for (int i = 0; i < 4; i++) {
            char n[32];
            snprintf(n, sizeof n, "%.4f", box[i]);
            char *e = n + strlen(n) - 1;
            while (*e == '0')
                *e-- = 0;
            if (*e == '.') *e = 0;
            buf_printf(&b, "%s%s", i ? "," : "", n);
        }
        p->area = arena_strdup(x->a, buf_cstr(&b));
        buf_free(&b);
    }
    if (ve->n) return RS_INVALID;
    province old;
    province_get(x, &old);
    if (store_begin(x->c)) return RS_ERROR;
    enum { NKEYS = 9 };
    const char *keys[NKEYS] = {"province.name_vi",  "province.name_en", "province.code",
                               "province.dept_vi",  "province.dept_en", "province.area",
                               "province.iati_org", "province.abbrev",  "province.parent_vi"};
    const char *vals[NKEYS] = {p->name_vi,
                               p->name_en,
                               p->code,
                               p->dept_vi,
                               p->dept_en ? p->dept_en : "",
                               p->area ? p->area : "",
                               p->iati_org ? p->iati_org : "",
                               p->abbrev ? p->abbrev : "",
                               p->parent_vi ? p->parent_vi : ""};
    int rc = 0;
    for (int i = 0; i < NKEYS && !rc; i++)
        rc = st_setting_set(x->c, keys[i], vals[i]);
    char now[32];
    clock_iso_now(now);
    const char *ov[NKEYS] = {old.name_vi, old.name_en,  old.code,   old.dept_vi,  old.dept_en,
                             old.area,    old.iati_org, old.abbrev, old.parent_vi};
    json_t *oj = json_object(), *nj = json_object();
    for (int i = 0; i < NKEYS; i++) {
        json_object_set_new(oj, keys[i] + 9, ov[i] ? json_string(ov[i]) : json_null());
        json_object_set_new(nj, keys[i] + 9, json_string(vals[i]));
    }
    char *os = json_dumps(oj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    char *ns = json_dumps(nj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    json_decref(oj);
    json_decref(nj);
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, "province", 1, "update", os, ns, now);
    free(os);
    free(ns);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    area_store(p->area); /* this process at once; the others at their next request */
    iati_org_store(p->iati_org);
    return RS_OK;
}

int names_set(ctx *x, const char *code, const char *name, char *err, size_t errlen)
{
    if (!role_can(x->role, PERM_ADMIN)) {
        snprintf(err, errlen, "only an admin may change reference names");
        return -1;
    }
    char *c = arena_strdup(x->a, code ? code : "");
    for (char *q = c; *q; q++)
        if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
    const char *old = NULL;
    if (refdata_country(c))
        old = refdata_country(c)->name_vi;
    else if (refdata_subdivision(c))
        old = refdata_subdivision(c)->name_vi;
    else {
        snprintf(err, errlen, "unknown code '%s' (ISO 3166-1 alpha-2 or ISO 3166-2)", code);
        return -1;
    }
    verrs ve = {0};
    const char *n = clean(x, "name", name, 200, true, &ve);
    if (ve.n) {
        snprintf(err, errlen, "the name must be 1-200 characters of valid UTF-8");
        return -1;
    }
    char now[32];
    clock_iso_now(now);
    json_t *oj = json_pack("{s:s,s:s?}", "code", c, "name_vi", old);
    json_t *nj = json_pack("{s:s,s:s}", "code", c, "name_vi", n);
    char *os = json_dumps(oj, JSON_COMPACT | JSON_REAL_PRECISION(15)),
         *ns = json_dumps(nj, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(oj);
    json_decref(nj);
    int rc = store_begin(x->c);
    if (!rc) {
        rc = st_name_override_set(x->c, c, n);
        if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, "name", 0, "update", os, ns, now);
        if (!rc)
            rc = store_commit(x->c);
        else
            store_rollback(x->c);
    }
    free(os);
    free(ns);
    if (rc) {
        snprintf(err, errlen, "cannot store the name: %s", store_errmsg(x->c));
        return -1;
    }
    refdata_set_name_vi(c, n); /* for the rest of this process */
    return 0;
}
