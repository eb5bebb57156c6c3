/* Field types of references (see ftypes.h): the id of one record of the type f->ref, and
 * the ids of several ("3,17,42", in the given order, without repeats). Every id must
 * exist; people read the records' titles, and CSV cells may name records by title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"
#include "records.h"

/* ---- one record */

static void validate_ref(ctx *x, record *r, int fi, verrs *ve)
{
    const field *f = &r->e->fields[fi];
    char *end;
    long long id = strtoll(r->v[fi], &end, 10);
    const entity *t = entity_by_table(f->ref);
    if (*end || id <= 0 || !t || st_rec_exists(x->c, t, id) != ST_OK)
        verrs_add(ve, f->name, M_BAD_REF, 0);
    else
        r->v[fi] = arena_printf(x->a, "%lld", id);
}

static void ref_from_json(arena *a, const field *f, json_t *val, const char *key, const char **out,
                          verrs *ve)
{
    (void)f;
    if (json_is_integer(val))
        *out = arena_printf(a, "%lld", (long long)json_integer_value(val));
    else
        verrs_add(ve, key, M_BAD_PARAM, 0);
}

static json_t *ref_to_json(const char *v)
{
    return json_integer(strtoll(v, NULL, 10));
}

/* The referenced record's title, or the id when there is none. */
static const char *display_ref(ctx *x, const field *f, const char *v)
{
    const entity *t = entity_by_table(f->ref);
    const char *title = t ? rec_ref_title(x, t, strtoll(v, NULL, 10), NULL) : NULL;
    return title ? title : v;
}

/* A referenced record: its id, or its title as the exports write it (in either language of
 * a type whose title has a "_vi" and an "_en" field). */
static const char *import_ref(cell_reader *cr, const field *f, const char *v)
{
    arena *a = cr->x->a;
    if (strspn(v, "0123456789") == strlen(v)) return v;
    const entity *t = entity_by_table(f->ref);
    if (!t) return v;
    int ti = entity_title_index(t);
    long long id = 0;
    if (st_rec_find_dup(cr->x->c, t, ti, v, 0, &id) == ST_OK && id)
        return arena_printf(a, "%lld", id);
    const char *tn = t->fields[ti].name;
    size_t n = strlen(tn);
    if (n > 3 && !strcmp(tn + n - 3, "_vi")) {
        int ei = entity_field_index(t, arena_printf(a, "%.*s_en", (int)(n - 3), tn));
        if (ei >= 0 && st_rec_find_dup(cr->x->c, t, ei, v, 0, &id) == ST_OK && id)
            return arena_printf(a, "%lld", id);
    }
    return v;
}

static json_t *schema_ref(const field *f)
{
    json_t *s = json_object();
    json_object_set_new(s, "type", json_pack("[ss]", "integer", "null"));
    json_object_set_new(s, "description", json_sprintf("id of a record in /api/v1/%s", f->ref));
    return s;
}

/* One id: records referring to that record (among others, for several). */
static const char *filter_ref(arena *a, const field *f, const char *param, const char *v, char *op,
                              verrs *ve)
{
    (void)a, (void)f, (void)op;
    char *end;
    long long id = strtoll(v, &end, 10);
    if (!*end && id >= 1 && id <= 1LL << 50) return v;
    verrs_add(ve, param, M_BAD_REF, 0);
    return NULL;
}

const ftype ft_ref = {
    .name = "reference",
    .props = FTP_REFERS,
    .maxlen = 200,
    .validate = validate_ref,
    .from_json = ref_from_json,
    .to_json = ref_to_json,
    .display = display_ref,
    .export_text = ftype_as_shown,
    .import_cell = import_ref,
    .cell = ftype_cell_shown,
    .schema = schema_ref,
    .filter = filter_ref,
    .search = ftype_search_value,
};

/* ---- several records */

/* Each id must exist; kept in the given order, without repeats. None left of a required
 * field is M_REQUIRED. */
static void validate_refs(ctx *x, record *r, int fi, verrs *ve)
{
    const field *f = &r->e->fields[fi];
    const entity *t = entity_by_table(f->ref);
    buf b = {0};
    bool ok = t != NULL;
    char *copy = arena_strdup(x->a, r->v[fi]), *save = NULL;
    for (char *w = strtok_r(copy, ", ;", &save); w && ok; w = strtok_r(NULL, ", ;", &save)) {
        char *end;
        long long id = strtoll(w, &end, 10);
        if (*end || id <= 0 || st_rec_exists(x->c, t, id) != ST_OK) {
            ok = false;
            break;
        }
        char tok[24];
        snprintf(tok, sizeof tok, "%lld", id);
        bool dup = false;
        for (const char *q = b.data; q && (q = strstr(q, tok)); q += strlen(tok))
            if ((q == b.data || q[-1] == ',') && (q[strlen(tok)] == ',' || !q[strlen(tok)]))
                dup = true;
        if (!dup) buf_printf(&b, "%s%s", b.len ? "," : "", tok);
    }
    if (!ok)
        verrs_add(ve, f->name, M_BAD_REF, 0);
    else
        r->v[fi] = b.len ? arena_strdup(x->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    if (ok && !r->v[fi] && (f->flags & F_REQUIRED)) verrs_add(ve, f->name, M_REQUIRED, 0);
}

static void refs_from_json(arena *a, const field *f, json_t *val, const char *key, const char **out,
                           verrs *ve)
{
    (void)f;
    if (json_is_array(val))
        ftype_list_from_json(a, val, true, M_BAD_REF, key, out, ve);
    else
        verrs_add(ve, key, M_BAD_PARAM, 0);
}

static json_t *refs_to_json(const char *v)
{
    return ftype_list_to_json(v, true);
}

/* The titles, in order, separated by "; ". */
static const char *display_refs(ctx *x, const field *f, const char *v)
{
    const entity *t = entity_by_table(f->ref);
    buf b = {0};
    char *copy = arena_strdup(x->a, v), *save = NULL;
    for (char *w = strtok_r(copy, ",", &save); w && t; w = strtok_r(NULL, ",", &save)) {
        const char *title = rec_ref_title(x, t, strtoll(w, NULL, 10), NULL);
        if (b.len) buf_puts(&b, "; ");
        buf_puts(&b, title ? title : w);
    }
    const char *s = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Ids separated by commas ("3,17"), or titles separated by semicolons. */
static const char *import_refs(cell_reader *cr, const field *f, const char *v)
{
    arena *a = cr->x->a;
    if (strspn(v, "0123456789, ") == strlen(v)) return v;
    char *s = arena_strdup(a, v), *save = NULL;
    buf out = {0};
    for (char *p = strtok_r(s, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        char *one = text_trim(p);
        if (!*one) continue;
        if (out.len) buf_putc(&out, ',');
        buf_puts(&out, import_ref(cr, f, one));
    }
    const char *r = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return r;
}

static json_t *schema_refs(const field *f)
{
    json_t *s = json_object();
    json_object_set_new(s, "type", json_pack("[ss]", "array", "null"));
    json_object_set_new(s, "items", json_pack("{s:s}", "type", "integer"));
    json_object_set_new(s, "description", json_sprintf("ids of records in /api/v1/%s", f->ref));
    return s;
}

const ftype ft_refs = {
    .name = "references",
    .props = FTP_REFERS | FTP_LIST,
    .maxlen = 200,
    .validate = validate_refs,
    .from_json = refs_from_json,
    .to_json = refs_to_json,
    .display = display_refs,
    .export_text = ftype_as_shown,
    .import_cell = import_refs,
    .cell = ftype_cell_shown,
    .schema = schema_refs,
    .filter = filter_ref,
    .search = ftype_search_value,
};
