/* The table of field types (see ftypes.h), its start-up check, and the parts that several
 * entries share. */
#include "ftypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/msg.h"

static const ftype *const types[FT_COUNT] = {
    [FT_TEXT] = &ft_text,     [FT_LONGTEXT] = &ft_longtext, [FT_ENUM] = &ft_enum,
    [FT_SET] = &ft_set,       [FT_COUNTRY] = &ft_country,   [FT_SUBDIV] = &ft_subdiv,
    [FT_REF] = &ft_ref,       [FT_BOOL] = &ft_bool,         [FT_EMAIL] = &ft_email,
    [FT_URL] = &ft_url,       [FT_PHONE] = &ft_phone,       [FT_DATE] = &ft_date,
    [FT_NUMBER] = &ft_number, [FT_REFS] = &ft_refs,
};

const ftype *ftype_of(const field *f)
{
    return types[f->type];
}

int field_maxlen(const field *f)
{
    return f->maxlen ? f->maxlen : ftype_of(f)->maxlen;
}

const char *ftype_display(ctx *x, const field *f, const char *v)
{
    const ftype *t = ftype_of(f);
    if (!v) v = t->empty;
    return v ? t->display(x, f, v) : "";
}

int ftype_check(const ftype *t, char *err, size_t errlen)
{
    if (!t || !t->name) {
        snprintf(err, errlen, "a field type has no entry or no name");
        return -1;
    }
    const struct {
        const char *what;
        bool ok;
    } parts[] = {
        {"a maximum length", t->maxlen > 0},
        {"validate", t->validate},
        {"from_json", t->from_json},
        {"to_json", t->to_json},
        {"display", t->display},
        {"export_text", t->export_text},
        {"import_cell", t->import_cell},
        {"cell", t->cell},
        {"schema", t->schema},
        {"filter", t->filter},
        {"search", t->search},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (!parts[i].ok) {
            snprintf(err, errlen, "field type %s has no %s", t->name, parts[i].what);
            return -1;
        }
    return 0;
}

int ftypes_check(char *err, size_t errlen)
{
    for (int i = 0; i < FT_COUNT; i++) {
        if (!types[i]) {
            snprintf(err, errlen, "field type %d has no entry in the type table", i);
            return -1;
        }
        if (ftype_check(types[i], err, errlen) != 0) return -1;
    }
    return 0;
}

/* ---- shared parts */

void ftype_json_string_only(arena *a, const field *f, json_t *val, const char *key,
                            const char **out, verrs *ve)
{
    (void)a, (void)f, (void)val, (void)out;
    verrs_add(ve, key, M_BAD_PARAM, 0);
}

json_t *ftype_json_string(const char *v)
{
    return json_string(v);
}

const char *ftype_as_stored(ctx *x, const field *f, const char *v)
{
    (void)x, (void)f;
    return v;
}

const char *ftype_as_shown(ctx *x, const field *f, const char *v)
{
    return ftype_of(f)->display(x, f, v);
}

const char *ftype_name_and_code(ctx *x, const field *f, const char *v)
{
    const char *name = ftype_of(f)->display(x, f, v);
    return name && strcmp(name, v) ? arena_printf(x->a, "%s (%s)", name, v) : v;
}

const char *ftype_import_as_is(cell_reader *cr, const field *f, const char *v)
{
    (void)cr, (void)f;
    return v;
}

ftype_cell ftype_cell_shown(ctx *x, const field *f, const char *v)
{
    return (ftype_cell){CELL_TEXT, ftype_display(x, f, v)};
}

void ftype_list_from_json(arena *a, json_t *val, bool ids, int bad, const char *key,
                          const char **out, verrs *ve)
{
    buf b = {0};
    size_t j;
    json_t *el;
    json_array_foreach(val, j, el)
    {
        if (ids && json_is_integer(el)) {
            buf_printf(&b, "%s%lld", b.len ? "," : "", (long long)json_integer_value(el));
            continue;
        }
        if (!json_is_string(el)) {
            verrs_add(ve, key, bad, 0);
            break;
        }
        if (b.len) buf_putc(&b, ',');
        buf_puts(&b, json_string_value(el));
    }
    *out = b.len ? arena_strdup(a, buf_cstr(&b)) : NULL;
    buf_free(&b);
}

json_t *ftype_list_to_json(const char *v, bool ids)
{
    json_t *j = json_array();
    for (const char *p = v; *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        json_array_append_new(j, ids ? json_integer(strtoll(p, NULL, 10)) : json_stringn(p, n));
        p += n + (e ? 1 : 0);
    }
    return j;
}

json_t *ftype_schema_string(const field *f)
{
    json_t *s = json_object();
    json_object_set_new(s, "type", json_pack("[ss]", "string", "null"));
    json_object_set_new(s, "maxLength", json_integer(field_maxlen(f)));
    return s;
}

json_t *ftype_option_codes(const field *f)
{
    json_t *codes = json_array();
    for (const enum_opt *o = f->opts; o->code; o++)
        json_array_append_new(codes, json_string(o->code));
    return codes;
}

const char *ftype_filter_as_is(arena *a, const field *f, const char *param, const char *v, char *op,
                               verrs *ve)
{
    (void)a, (void)f, (void)param, (void)op, (void)ve;
    return v;
}

void ftype_search_value(buf *b, const char *v)
{
    buf_puts(b, v);
    buf_putc(b, ' ');
}
