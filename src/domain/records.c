#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"

record rec_new(arena *a, const entity *e)
{
    record r = {.e = e};
    r.v = arena_alloc(a, sizeof(char *) * (size_t)e->nfields);
    return r;
}

void rec_set(record *r, const char *name, const char *value, verrs *ve)
{
    int i = entity_field_index(r->e, name);
    if (i < 0) {
        verrs_add(ve, name, M_UNKNOWN_FIELD, 0);
        return;
    }
    r->v[i] = value;
}

void rec_from_json(arena *a, record *r, json_t *obj, verrs *ve)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        if (strcmp(key, "version") == 0) {
            /* the version an update expects: a positive whole number, nothing read as one
             * ("1", 1.5 or [] would otherwise mean "whatever is stored") */
            if (json_is_integer(val) && json_integer_value(val) > 0)
                r->version = json_integer_value(val);
            else if (!json_is_null(val))
                verrs_add(ve, "version", M_BAD_VERSION, 0);
            continue;
        }
        if (!strcmp(key, "id") || !strcmp(key, "created_at") || !strcmp(key, "updated_at"))
            continue;
        int i = entity_field_index(r->e, key);
        const char *k = arena_strdup(a, key);
        if (i < 0) {
            verrs_add(ve, k, M_UNKNOWN_FIELD, 0);
            continue;
        }
        const field *f = &r->e->fields[i];
        if (f->flags & F_READONLY) {
            verrs_add(ve, k, M_READONLY, 0);
            continue;
        }
        if (json_is_null(val)) {
            r->v[i] = NULL;
        } else if (json_is_string(val)) {
            r->v[i] = arena_strndup(a, json_string_value(val), json_string_length(val));
            if (strlen(r->v[i]) != json_string_length(val)) verrs_add(ve, k, M_NUL_CHAR, 0);
        } else {
            ftype_of(f)->from_json(a, f, val, k, &r->v[i], ve);
        }
    }
}

/* Field i of r, a unique one, against the other records of its type. */
static void unique_check(ctx *x, const record *r, int i, verrs *ve)
{
    long long other = 0;
    if (st_rec_find_dup(x->c, r->e, i, r->v[i], r->id, &other) == ST_OK && other)
        verrs_add(ve, r->e->fields[i].name, M_DUPLICATE, other);
}

void rec_validate(ctx *x, record *r, verrs *ve)
{
    const entity *e = r->e;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const char *v = r->v[i];
        if (v) {
            if (!utf8_valid(v, strlen(v))) {
                verrs_add(ve, f->name, M_BAD_UTF8, 0);
                r->v[i] = NULL;
                continue;
            }
            unsigned bad = text_controls(x->a, v, &v);
            if (bad) {
                verrs_add(ve, f->name, M_CONTROL_CHAR, bad);
                r->v[i] = NULL;
                continue;
            }
            char *t = text_trim(arena_strdup(x->a, v));
            /* too long whatever NFC makes of it (it joins at most 4 characters into one,
             * as in U+1F8F): refused before normalizing, which takes about 0.15 s a MB */
            if ((long long)utf8_chars(t) > 4LL * field_maxlen(f) + 4) {
                verrs_add(ve, f->name, M_TOO_LONG, field_maxlen(f));
                r->v[i] = NULL;
                continue;
            }
            v = *t ? text_nfc(x->a, t) : NULL;
            r->v[i] = v;
        }
        if (!v) {
            if (f->flags & F_REQUIRED) verrs_add(ve, f->name, M_REQUIRED, 0);
            r->v[i] = ftype_of(f)->empty;
            continue;
        }
        int maxlen = field_maxlen(f);
        if ((int)utf8_chars(v) > maxlen) {
            verrs_add(ve, f->name, M_TOO_LONG, maxlen);
            continue;
        }
        ftype_of(f)->validate(x, r, i, ve);
    }
    if (e->check) e->check(e, r, ve);
    for (int i = 0; i < e->nfields; i++)
        if ((e->fields[i].flags & F_UNIQUE) && r->v[i]) unique_check(x, r, i, ve);
}

/* The type's computed values (entity.compute), and the unique ones among them that it filled
 * or changed checked as rec_validate checks those given: a computed name another record has
 * (a category's address made from its name) is the field's error before the write, not the
 * database's refusal of it (which is logged as an SQL error). */
static void compute_values(ctx *x, record *r, verrs *ve)
{
    const entity *e = r->e;
    if (!e->compute) return;
    const char **before = arena_alloc(x->a, sizeof *before * (size_t)e->nfields);
    memcpy(before, r->v, sizeof *before * (size_t)e->nfields);
    e->compute(e, r, x->a);
    for (int i = 0; i < e->nfields; i++)
        if ((e->fields[i].flags & F_UNIQUE) && r->v[i] && r->v[i] != before[i])
            unique_check(x, r, i, ve);
}

json_t *rec_to_json(const record *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "version", json_integer(r->version));
    json_object_set_new(o, "created_at", r->created_at ? json_string(r->created_at) : json_null());
    json_object_set_new(o, "updated_at", r->updated_at ? json_string(r->updated_at) : json_null());
    for (int i = 0; i < r->e->nfields; i++) {
        const field *f = &r->e->fields[i];
        const char *v = r->v[i];
        const ftype *t = ftype_of(f);
        if (!v) v = t->empty;
        json_t *j = v ? t->to_json(v) : json_null();
        json_object_set_new(o, f->name, j);
    }
    return o;
}

/* What the audit log keeps of a record: all but its private fields (F_PRIVATE). */
static json_t *audit_json(const record *r)
{
    json_t *o = rec_to_json(r);
    for (int i = 0; i < r->e->nfields; i++)
        if (r->e->fields[i].flags & F_PRIVATE) json_object_del(o, r->e->fields[i].name);
    return o;
}

static char *json_text(json_t *j)
{
    return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
}

/* The title of a referenced record, remembered for the rest of the request: a page of 50
 * rows names the same few agencies and partners again and again. */
struct title_memo {
    const entity *e;
    long long id;
    const char *title;
    bool vi_only; /* the Vietnamese title on an English page: no English one stored */
    struct title_memo *next;
};

/* The field holding the English twin of a type's title (name_vi -> name_en, title_vi ->
 * title_en), or -1 when the type stores its title in one language only. */
int rec_title_en_index(const entity *e)
{
    int ti = entity_title_index(e);
    if (ti < 0) return -1;
    const char *n = e->fields[ti].name;
    size_t len = strlen(n);
    if (len < 3 || strcmp(n + len - 3, "_vi")) return -1;
    char en[64];
    if (len >= sizeof en) return -1;
    memcpy(en, n, len - 3);
    memcpy(en + len - 3, "_en", 4);
    return entity_field_index(e, en);
}

const char *rec_title(ctx *x, const record *r, bool *vi_only)
{
    bool en = x->lang && !strcmp(x->lang, "en");
    int ei = en ? rec_title_en_index(r->e) : -1;
    if (ei >= 0 && r->v[ei] && *r->v[ei]) {
        if (vi_only) *vi_only = false;
        return r->v[ei];
    }
    int ti = entity_title_index(r->e);
    const field *f = &r->e->fields[ti];
    const char *v = r->v[ti];
    if (v && f->type == FT_REF) /* a project's partner: the partner's name, not its number */
        return rec_ref_title(x, entity_by_table(f->ref), strtoll(v, NULL, 10), vi_only);
    if (vi_only) *vi_only = false;
    if (v && (f->type == FT_ENUM)) { /* a sector: its label, in the page's language */
        const enum_opt *o = field_opt(f, v);
        if (o) return en ? o->en : o->vi;
    }
    if (vi_only) *vi_only = en; /* an English page showing the Vietnamese title */
    return v;
}

const char *rec_ref_title(ctx *x, const entity *t, long long id, bool *vi_only)
{
    int n = 0;
    bool dummy;
    if (!vi_only) vi_only = &dummy;
    for (struct title_memo *m = x->memo_arena ? x->titles : NULL; m; m = m->next, n++)
        if (m->e == t && m->id == id) {
            *vi_only = m->vi_only;
            return m->title;
        }
    record ref;
    if (st_rec_get(x->c, x->a, t, id, &ref) != ST_OK) return NULL;
    const char *title = rec_title(x, &ref, vi_only);
    if (x->memo_arena && n < 256) { /* bounded: a page names at most a few hundred */
        struct title_memo *m = arena_alloc(x->memo_arena, sizeof *m);
        *m = (struct title_memo){t, id, arena_strdup(x->memo_arena, title), *vi_only, x->titles};
        x->titles = m;
    }
    return title;
}

const char *rec_display(ctx *x, const record *r, int fi)
{
    return ftype_display(x, &r->e->fields[fi], r->v[fi]);
}

char *rec_search_body(arena *a, const record *r)
{
    buf b = {0};
    for (int i = 0; i < r->e->nfields; i++) {
        const field *f = &r->e->fields[i];
        const char *v = r->v[i];
        if (!(f->flags & F_SEARCH) || !v) continue;
        ftype_of(f)->search(&b, v); /* codes are found by their names, too */
    }
    char *out = text_fold(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static int index_record(ctx *x, const record *r)
{
    return st_search_put(x->c, r->e, r->id, r->v[entity_title_index(r->e)],
                         rec_search_body(x->a, r));
}

/* A record the index does not hold yet (just created, or the index being rebuilt). */
static int index_new_record(ctx *x, const record *r)
{
    return st_search_add(x->c, r->e, r->id, r->v[entity_title_index(r->e)],
                         rec_search_body(x->a, r));
}

rstatus rec_get(ctx *x, const entity *e, long long id, record *out)
{
    if (!role_can(x->role, PERM_READ)) return RS_FORBIDDEN;
    int rc = st_rec_get(x->c, x->a, e, id, out);
    return rc == ST_OK ? RS_OK : rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
}

/* A unique name that another record took meanwhile (the database refused this one, see
 * st_unique_field): the same field error as the check before the write. */
static bool unique_refused(ctx *x, const record *r, int rc, verrs *ve)
{
    int fi = rc == ST_CONSTRAINT ? st_unique_field(x->c, r->e) : -1;
    if (fi < 0) return false;
    long long other = 0;
    st_rec_find_dup(x->c, r->e, fi, r->v[fi], r->id, &other);
    verrs_add(ve, r->e->fields[fi].name, M_DUPLICATE, other);
    return true;
}

static bool same_value(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

static void agency_write_check(ctx *x, const record *old, const record *r, verrs *ve);

static rstatus store_status(int rc)
{
    return rc == ST_NOTFOUND ? RS_NOTFOUND : rc == ST_CONFLICT ? RS_CONFLICT : RS_ERROR;
}

static rstatus from_store(ctx *x, int rc)
{
    store_rollback(x->c);
    return store_status(rc);
}

/* The write pattern every action follows: validate, begin, write the record, the search
 * entry and the audit entry, commit; any failure rolls everything back. */
/* The summaries other types keep of records of e's type (record.h, field_summary), for
 * the records old (before the write; NULL for a create) and now (after; NULL for a delete)
 * refer to: in the write's unit, so that a list filtered on a summary agrees with it. */
static int refresh_summaries(ctx *x, const entity *e, const record *old, const record *now)
{
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *p = ngv_entities[k];
        for (int i = 0; i < p->nfields; i++) {
            const field_summary *m = p->fields[i].summary;
            if (!m || strcmp(m->of, e->table)) continue;
            int ri = entity_field_index(e, m->ref);
            const char *a = old ? old->v[ri] : NULL, *b = now ? now->v[ri] : NULL;
            int rc;
            if (a && (rc = st_summary_refresh(x->c, p, i, strtoll(a, NULL, 10)))) return rc;
            if (b && !(a && !strcmp(a, b)) &&
                (rc = st_summary_refresh(x->c, p, i, strtoll(b, NULL, 10))))
                return rc;
        }
    }
    return ST_OK;
}

/* The summaries r keeps itself, of other records (its count summaries start at 0, and one
 * less than its own field changes with it). */
static bool keeps_summaries(const entity *e)
{
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].summary) return true;
    return false;
}

static int refresh_own_summaries(ctx *x, const record *r)
{
    int rc = ST_OK;
    for (int i = 0; i < r->e->nfields && !rc; i++)
        if (r->e->fields[i].summary) rc = st_summary_refresh(x->c, r->e, i, r->id);
    return rc;
}

/* The revisions of the figures old and now are of (entity.revision_key), renumbered in
 * the write's unit: both when the write moved a record from one figure to another. */
static int refresh_revisions(ctx *x, const record *old, const record *now)
{
    const entity *e = (now ? now : old)->e;
    if (!e->revision_key) return ST_OK;
    bool moved = false;
    for (const char *const *k = e->revision_key; old && now && *k; k++) {
        int fi = entity_field_index(e, *k);
        moved = moved || !same_value(old->v[fi], now->v[fi]);
    }
    int rc = now ? st_revisions_refresh(x->c, now) : ST_OK;
    if (!rc && old && (moved || !now)) rc = st_revisions_refresh(x->c, old);
    return rc;
}

static rstatus create_in_tx(ctx *x, record *r, verrs *ve, bool keep_readonly);

static rstatus create(ctx *x, record *r, verrs *ve, bool keep_readonly)
{
    if (!rec_may_write(x, r->e, AG_CREATE)) return RS_FORBIDDEN;
    if (ve->n) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    rstatus rs = create_in_tx(x, r, ve, keep_readonly);
    if (rs != RS_OK) {
        store_rollback(x->c);
        return rs;
    }
    return store_commit(x->c) == ST_OK ? RS_OK : RS_ERROR;
}

rstatus rec_create(ctx *x, record *r, verrs *ve)
{
    return create(x, r, ve, false);
}

rstatus rec_create_by_code(ctx *x, record *r, verrs *ve)
{
    return create(x, r, ve, true);
}

rstatus rec_create_in_tx(ctx *x, record *r, verrs *ve)
{
    return create_in_tx(x, r, ve, false);
}

static rstatus create_in_tx(ctx *x, record *r, verrs *ve, bool keep_readonly)
{
    if (!rec_may_write(x, r->e, AG_CREATE)) return RS_FORBIDDEN;
    r->id = 0;
    for (int i = 0; i < r->e->nfields; i++) /* workflow fields start where the type says */
        if ((r->e->fields[i].flags & F_READONLY) && (!keep_readonly || !r->v[i]))
            r->v[i] = r->e->fields[i].initial;
    rec_validate(x, r, ve);
    if (!ve->n) agency_write_check(x, NULL, r, ve);
    if (!ve->n && r->e->admit && r->e->admit(x, NULL, r, ve) != 0) return RS_ERROR;
    if (ve->n) return RS_INVALID;
    compute_values(x, r, ve);
    if (ve->n) return RS_INVALID;
    char now[32];
    clock_iso_now(now);
    int rc = st_rec_insert(x->c, r, now, &r->id);
    if (rc)
        return unique_refused(x, r, rc, ve) ? RS_INVALID
               : rc == ST_CONFLICT          ? RS_CONFLICT
                                            : RS_ERROR;
    r->version = 1;
    r->created_at = r->updated_at = arena_strdup(x->a, now);
    json_t *j = audit_json(r);
    char *nj = json_text(j);
    json_decref(j);
    rc = index_new_record(x, r);
    if (!rc) rc = refresh_summaries(x, r->e, NULL, r);
    if (!rc) rc = refresh_revisions(x, NULL, r);
    if (!rc && keeps_summaries(r->e)) rc = refresh_own_summaries(x, r);
    if (!rc && (r->e->revision_key || keeps_summaries(r->e))) /* numbered, summed */
        rc = st_rec_get(x->c, x->a, r->e, r->id, r);
    if (!rc)
        rc =
            st_audit_add(x->c, x->user_id, x->username, r->e->name, r->id, "create", NULL, nj, now);
    free(nj);
    return rc ? RS_ERROR : RS_OK;
}

/* The labels (Vietnamese: the log's language) of the fields of substance that an update of
 * a record in its type's approved state changes, or NULL when it changes none (or the type
 * has no such rule). */
static const char *substance_changed(ctx *x, const record *old, const record *r)
{
    const reapproval *ra = r->e->reapprove;
    if (!ra || !r->e->status_field) return NULL;
    const char *state = record_get(old, r->e->status_field);
    if (!state || strcmp(state, ra->state)) return NULL;
    buf b = {0};
    for (const char *const *f = ra->fields; *f; f++) {
        int i = entity_field_index(r->e, *f);
        if (i < 0 || same_value(old->v[i], r->v[i])) continue;
        buf_printf(&b, "%s%s", b.len ? ", " : "", r->e->fields[i].vi);
    }
    const char *s = b.len ? arena_strdup(x->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return s;
}

rstatus rec_update(ctx *x, record *r, verrs *ve)
{
    if (!rec_may_write(x, r->e, AG_UPDATE)) return RS_FORBIDDEN;
    if (ve->n) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    rstatus rs = rec_update_in_tx(x, r, ve);
    if (rs != RS_OK) {
        store_rollback(x->c);
        return rs;
    }
    return store_commit(x->c) == ST_OK ? RS_OK : RS_ERROR;
}

rstatus rec_update_in_tx(ctx *x, record *r, verrs *ve)
{
    if (!rec_may_write(x, r->e, AG_UPDATE)) return RS_FORBIDDEN;
    if (ve->n) return RS_INVALID;
    int rc;
    record old;
    if ((rc = st_rec_get(x->c, x->a, r->e, r->id, &old))) return store_status(rc);
    if (!rec_may_act(x, &old)) return RS_FORBIDDEN;
    if (rec_frozen(&old)) {
        verrs_add(ve, NULL, M_FROZEN, 0);
        return RS_INVALID;
    }
    if (r->version == 0) r->version = old.version;
    if (r->version != old.version) return store_status(ST_CONFLICT);
    for (int i = 0; i < r->e->nfields; i++) /* only the workflow changes these */
        if (r->e->fields[i].flags & F_READONLY) r->v[i] = old.v[i];
    rec_validate(x, r, ve);
    if (!ve->n) agency_write_check(x, &old, r, ve);
    if (!ve->n && r->e->admit && r->e->admit(x, &old, r, ve) != 0) return RS_ERROR;
    if (ve->n) return RS_INVALID;
    compute_values(x, r, ve);
    if (ve->n) return RS_INVALID;
    char now[32];
    clock_iso_now(now);
    const char *changed = substance_changed(x, &old, r);
    const reapproval *ra = r->e->reapprove;
    int si = r->e->status_field ? entity_field_index(r->e, r->e->status_field) : -1;
    if (changed) r->v[si] = ra->back_to;
    if ((rc = st_rec_update(x->c, r, now))) {
        if (!unique_refused(x, r, rc, ve)) return store_status(rc);
        return RS_INVALID;
    }
    if (changed && (rc = st_transition_add(x->c, r->e->name, r->id, ra->state, ra->back_to,
                                           arena_printf(x->a, msg(M_REAPPROVE_NOTE, "vi"), changed),
                                           x->user_id, x->username, now)))
        return store_status(rc);
    r->version = old.version + 1;
    r->created_at = old.created_at;
    r->updated_at = arena_strdup(x->a, now);
    json_t *oj = audit_json(&old), *nj = audit_json(r);
    char *os = json_text(oj), *ns = json_text(nj);
    json_decref(oj);
    json_decref(nj);
    rc = index_record(x, r);
    if (!rc) rc = refresh_summaries(x, r->e, &old, r);
    if (!rc) rc = refresh_revisions(x, &old, r);
    if (!rc && keeps_summaries(r->e)) rc = refresh_own_summaries(x, r);
    if (!rc && (r->e->revision_key || keeps_summaries(r->e)))
        rc = st_rec_get(x->c, x->a, r->e, r->id, r);
    if (!rc)
        rc = st_audit_add(x->c, x->user_id, x->username, r->e->name, r->id, "update", os, ns, now);
    free(os);
    free(ns);
    return rc ? store_status(rc) : RS_OK;
}

rstatus rec_delete(ctx *x, const entity *e, long long id, long long *in_use)
{
    *in_use = 0;
    if (!role_can(x->role, PERM_WRITE)) return RS_FORBIDDEN;
    int rc = store_begin(x->c);
    if (rc) return RS_ERROR;
    record old;
    if ((rc = st_rec_get(x->c, x->a, e, id, &old))) return from_store(x, rc);
    if (rec_frozen(&old)) {
        store_rollback(x->c);
        return RS_FORBIDDEN;
    }
    /* refuse while other records point here: deleting would lose their link silently */
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *o = ngv_entities[k];
        for (int i = 0; i < o->nfields; i++) {
            if (!(ftype_of(&o->fields[i])->props & FTP_REFERS) ||
                strcmp(o->fields[i].ref, e->table))
                continue;
            long long n = 0;
            if ((rc = st_rec_count_refs(x->c, o, i, id, &n))) return from_store(x, rc);
            *in_use += n;
        }
    }
    if (*in_use) {
        store_rollback(x->c);
        return RS_IN_USE;
    }
    char now[32];
    clock_iso_now(now);
    json_t *oj = audit_json(&old);
    char *os = json_text(oj);
    json_decref(oj);
    rc = st_rec_delete(x->c, e, id);
    if (!rc) rc = st_search_del(x->c, e, id);
    if (!rc) rc = refresh_summaries(x, e, &old, NULL);
    if (!rc) rc = refresh_revisions(x, &old, NULL);
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, e->name, id, "delete", os, NULL, now);
    free(os);
    if (rc) return from_store(x, rc);
    return store_commit(x->c) == ST_OK ? RS_OK : RS_ERROR;
}

long long rec_reindex(ctx *x)
{
    if (store_begin(x->c)) return -1;
    long long n = 0;
    if (st_search_clear(x->c)) goto fail;
    for (int k = 0; ngv_entities[k]; k++) {
        if (st_count_rebuild(x->c, ngv_entities[k])) goto fail;
        list_query q = {.sort = -1, .limit = 500};
        for (;;) {
            arena a = {0};
            arena *saved = x->a;
            x->a = &a;
            record *rows;
            int got;
            int rc = st_rec_list(x->c, &a, ngv_entities[k], &q, &rows, &got);
            for (int i = 0; !rc && i < got; i++) /* the index was cleared above */
                rc = index_new_record(x, &rows[i]);
            if (got) q.after = rows[got - 1].id;
            x->a = saved;
            arena_free(&a);
            if (rc) goto fail;
            n += got;
            if (got < q.limit) break;
        }
    }
    if (store_commit(x->c)) return -1;
    if (st_analyze(x->c)) return -1;
    return n;
fail:
    store_rollback(x->c);
    return -1;
}

/* ---- a record started from another */

void rec_prefill(ctx *x, record *r)
{
    for (int fi = 0; fi < r->e->nfields; fi++) {
        const field *f = &r->e->fields[fi];
        if (f->type != FT_REF || !r->v[fi] || !*r->v[fi]) continue;
        const entity *src = entity_by_table(f->ref);
        record from;
        if (!src || rec_get(x, src, strtoll(r->v[fi], NULL, 10), &from) != RS_OK) continue;
        for (int i = 0; i < r->e->nfields; i++) {
            const field *t = &r->e->fields[i];
            if ((r->v[i] && *r->v[i]) || (t->flags & F_READONLY) || i == fi) continue;
            for (int k = 0; k < src->nfields; k++) {
                const field *sf = &src->fields[k];
                const char *v = from.v[k];
                if (!v || !*v) continue;
                /* the same field, or one of several of the same kind ("partner_ids" gives
                 * its first to "partner_id") */
                size_t tn = strlen(t->name);
                bool same = !strcmp(sf->name, t->name) && sf->type == t->type;
                bool first = t->type == FT_REF && sf->type == FT_REFS && sf->ref && t->ref &&
                             !strcmp(sf->ref, t->ref) && !strncmp(sf->name, t->name, tn) &&
                             !strcmp(sf->name + tn, "s");
                if (same && !(ftype_of(t)->props & FTP_FREE))
                    r->v[i] = v;
                else if (first)
                    r->v[i] = arena_strndup(x->a, v, strcspn(v, ","));
            }
        }
    }
}

/* ---- workflow */

long long rec_agency(const ctx *x, const record *r)
{
    const entity *e = r->e;
    int fi = e->agency_field ? entity_field_index(e, e->agency_field) : -1;
    if (fi < 0 || !r->v[fi]) return 0;
    long long id = strtoll(r->v[fi], NULL, 10);
    if (!strcmp(e->fields[fi].ref, agency_entity.table)) return id;
    /* through the record it refers to, whose own rule names an agency (entity_check) */
    const entity *t = entity_by_table(e->fields[fi].ref);
    record via;
    if (!t || !x->c || st_rec_get(x->c, x->a, t, id, &via) != ST_OK) return 0;
    int ti = entity_field_index(t, t->agency_field);
    return via.v[ti] ? strtoll(via.v[ti], NULL, 10) : 0;
}

bool rec_may_act(const ctx *x, const record *r)
{
    if (role_can(x->role, PERM_WRITE)) return true;
    if (x->role != ROLE_AGENCY || !r->e->agency_field || x->agency_id <= 0) return false;
    return rec_agency(x, r) == x->agency_id;
}

bool rec_may_write(const ctx *x, const entity *e, unsigned what)
{
    return role_can(x->role, PERM_WRITE) ||
           (x->role == ROLE_AGENCY && x->agency_id > 0 && (e->agency_writes & what)) ||
           (x->role == ROLE_NONE && e->public_create && what == AG_CREATE);
}

bool rec_agency_may_edit(const ctx *x, const entity *e, int fi)
{
    if (x->role != ROLE_AGENCY || !e->agency_edit) return true;
    for (const char *const *n = e->agency_edit; *n; n++)
        if (!strcmp(*n, e->fields[fi].name)) return true;
    return false;
}

/* An agency user's write of r (old: the record before an update, NULL for a create):
 * the fields it may not change are named in ve, and a record that would not be its
 * agency's is refused on the agency field. Nothing for the department's writers. */
static void agency_write_check(ctx *x, const record *old, const record *r, verrs *ve)
{
    if (x->role != ROLE_AGENCY) return;
    const entity *e = r->e;
    for (int i = 0; old && i < e->nfields; i++)
        if (!rec_agency_may_edit(x, e, i) && !same_value(old->v[i], r->v[i]))
            verrs_add(ve, e->fields[i].name, M_AGENCY_READONLY, 0);
    if (!ve->n && !rec_may_act(x, r)) verrs_add(ve, e->agency_field, M_NOT_YOUR_AGENCY, 0);
}

static bool step_allowed(const transition *t, role ro)
{
    return (t->roles >> ro) & 1u;
}

int rec_steps(ctx *x, const record *r, const transition **out, int max)
{
    const entity *e = r->e;
    if (!e->transitions) return 0;
    const char *now = record_get(r, e->status_field);
    int n = 0;
    if (x->role == ROLE_AGENCY && !rec_may_act(x, r)) return 0;
    for (const transition *t = e->transitions; t->to && n < max; t++)
        if (now && !strcmp(t->from, now) && step_allowed(t, x->role)) out[n++] = t;
    return n;
}

int rec_warning(const record *r)
{
    char today[11];
    return rec_warning_on(r, clock_today(today));
}

int rec_warning_on(const record *r, const char *today)
{
    const derived_field *d = r->e->derived;
    if (!r->e->warning && d && d->warn) /* the computed value people must not miss */
        return !strcmp(d->value(r, today), d->warn) ? d->warn_msg : -1;
    return r->e->warning ? r->e->warning(r, today) : -1;
}

rstatus rec_transition(ctx *x, const entity *e, long long id, const char *to, const char *note,
                       record *r, verrs *ve)
{
    return rec_step(x, e, id, to, note, NULL, r, ve);
}

const transition *rec_step_find(const entity *e, const char *from, const char *to)
{
    for (const transition *t = e->transitions; t && t->to; t++)
        if (from && to && !strcmp(t->from, from) && !strcmp(t->to, to)) return t;
    return NULL;
}

int rec_step_blocked(const record *r, const transition *t)
{
    char today[11];
    return r->e->step_blocked ? r->e->step_blocked(r->e, r, t->to, clock_today(today)) : -1;
}

rstatus rec_step(ctx *x, const entity *e, long long id, const char *to, const char *note,
                 const char *value, record *r, verrs *ve)
{
    if (!e->transitions) return RS_NOTFOUND;
    if (!role_can(x->role, PERM_READ)) return RS_FORBIDDEN;
    if (note && !utf8_valid(note, strlen(note))) {
        verrs_add(ve, "note", M_BAD_UTF8, 0);
        return RS_INVALID;
    }
    unsigned bad = note ? text_controls(x->a, note, &note) : 0;
    if (bad) {
        verrs_add(ve, "note", M_CONTROL_CHAR, bad);
        return RS_INVALID;
    }
    if (note && utf8_chars(note) > 2000) {
        verrs_add(ve, "note", M_TOO_LONG, 2000);
        return RS_INVALID;
    }
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_rec_get(x->c, x->a, e, id, r);
    if (rc) return from_store(x, rc);
    int si = entity_field_index(e, e->status_field);
    const char *from = r->v[si];
    const transition *step = NULL;
    bool any_role = false;
    for (const transition *t = e->transitions; t->to; t++) {
        if (!from || strcmp(t->from, from) || !to || strcmp(t->to, to)) continue;
        any_role = true;
        if (step_allowed(t, x->role)) step = t;
    }
    if (!step || (x->role == ROLE_AGENCY && !rec_may_act(x, r))) {
        store_rollback(x->c);
        return any_role ? RS_FORBIDDEN : RS_CONFLICT;
    }
    char today[11], now[32];
    clock_today(today);
    clock_iso_now(now);
    int blocked = e->step_blocked ? e->step_blocked(e, r, step->to, today) : -1;
    if (blocked >= 0) verrs_add(ve, NULL, blocked, 0);
    if ((step->flags & T_REASON) && (!note || text_is_blank(note)))
        verrs_add(ve, "note", M_REASON_NEEDED, 0);
    if (step->field && value) {
        /* the step takes its field (the results report): checked like any edit of it */
        int fi = entity_field_index(e, step->field);
        r->v[fi] = text_is_blank(value) ? NULL : text_nfc(x->a, value);
        verrs fe = {0};
        rec_validate(x, r, &fe);
        for (int i = 0; i < fe.n; i++)
            if (fe.e[i].field && !strcmp(fe.e[i].field, step->field))
                verrs_add(ve, fe.e[i].field, fe.e[i].msg, fe.e[i].arg);
    }
    if (ve->n) {
        store_rollback(x->c);
        return RS_INVALID;
    }
    json_t *oj = audit_json(r);
    record before = *r;
    before.v = arena_alloc(x->a, sizeof *before.v * (size_t)e->nfields);
    memcpy(before.v, r->v, sizeof *before.v * (size_t)e->nfields);
    r->v[si] = step->to;
    /* the record outlives this function: what the step writes into it must too */
    if (e->on_transition) e->on_transition(e, r, step->to, arena_strdup(x->a, today), ve);
    /* the rules that read other records, as for any other write of the record */
    if (!ve->n && e->admit && e->admit(x, &before, r, ve) != 0) {
        json_decref(oj);
        store_rollback(x->c);
        return RS_ERROR;
    }
    if (ve->n) {
        json_decref(oj);
        store_rollback(x->c);
        return RS_INVALID;
    }
    rc = st_rec_update(x->c, r, now);
    r->version++;
    r->updated_at = arena_strdup(x->a, now);
    json_t *nj = audit_json(r);
    char *os = json_text(oj), *ns = json_text(nj);
    json_decref(oj);
    json_decref(nj);
    const char *clean_note = note && *note ? text_nfc(x->a, note) : NULL;
    if (!rc)
        rc = st_transition_add(x->c, e->name, id, from, step->to, clean_note, x->user_id,
                               x->username, now);
    if (!rc) rc = index_record(x, r);
    if (!rc) rc = refresh_summaries(x, e, NULL, r); /* a step moves no reference */
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, e->name, id, "update", os, ns, now);
    free(os);
    free(ns);
    if (rc) return from_store(x, rc);
    return store_commit(x->c) == ST_OK ? RS_OK : RS_ERROR;
}

bool rec_frozen(const record *r)
{
    const entity *e = r->e;
    if (!e->frozen || !e->status_field) return false;
    const char *s = record_get(r, e->status_field);
    return s && !strcmp(s, e->frozen);
}

const char *rec_derived(const record *r)
{
    char today[11];
    if (!r->e->derived) return NULL;
    /* the value functions return static codes, never a pointer into today */
    return r->e->derived->value(r, clock_today(today));
}

const char *rec_derived_label(const record *r, const char *lang)
{
    const char *code = rec_derived(r);
    if (!code) return NULL;
    const enum_opt *o = field_opt(&(field){.opts = r->e->derived->opts}, code);
    return o ? (lang && !strcmp(lang, "en") ? o->en : o->vi) : code;
}

json_t *rec_to_api_json(const record *r)
{
    json_t *j = rec_to_json(r);
    const char *d = rec_derived(r);
    if (d) json_object_set_new(j, r->e->derived->name, json_string(d));
    return j;
}
