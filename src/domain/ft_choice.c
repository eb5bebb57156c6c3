/* Field types of choices (see ftypes.h): one code out of the field's options, several of
 * them (a set, stored comma-separated in the options' order), and yes/no (stored "1" or
 * "0"). People read the options' labels; CSV cells may name them by label. */
#include <string.h>

#include "../base/msg.h"
#include "../base/text.h"
#include "ftypes.h"

/* ---- one code */

static void validate_enum(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x;
    const field *f = &r->e->fields[fi];
    if (!field_opt(f, r->v[fi])) verrs_add(ve, f->name, M_BAD_ENUM, 0);
}

static const char *display_enum(ctx *x, const field *f, const char *v)
{
    const enum_opt *o = field_opt(f, v);
    return o ? (x->lang && !strcmp(x->lang, "en") ? o->en : o->vi) : v;
}

/* Whether an option's label in either language folds to k. */
static bool label_folds_to(arena *a, const char *k, const enum_opt *o)
{
    return (o->vi && !strcmp(k, text_fold(a, o->vi))) || (o->en && !strcmp(k, text_fold(a, o->en)));
}

/* What an enumeration cell names: a code, or a label in either language. */
static const char *opt_code(arena *a, const field *f, const char *v)
{
    if (field_opt(f, v)) return v;
    const char *k = text_fold(a, v);
    for (const enum_opt *o = f->opts; k && o->code; o++)
        if (!strcasecmp(v, o->code) || label_folds_to(a, k, o)) return o->code;
    return v;
}

static const char *import_enum(cell_reader *cr, const field *f, const char *v)
{
    return opt_code(cr->x->a, f, v);
}

static json_t *schema_enum(const field *f)
{
    json_t *s = ftype_schema_string(f);
    json_object_set_new(s, "enum", ftype_option_codes(f));
    return s;
}

/* One code, or several separated by commas (records holding any of them). */
static const char *filter_enum(arena *a, const field *f, const char *param, const char *v, char *op,
                               verrs *ve)
{
    bool ok = true;
    if (strchr(v, ',')) {
        char *copy = arena_strdup(a, v), *save = NULL;
        for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
            ok = field_opt(f, w) && ok;
        *op = 'i';
    } else {
        ok = field_opt(f, v);
    }
    if (!ok) verrs_add(ve, param, M_BAD_ENUM, 0);
    return ok ? v : NULL;
}

const ftype ft_enum = {
    .name = "enumeration",
    .props = FTP_OPTIONS,
    .maxlen = 200,
    .validate = validate_enum,
    .from_json = ftype_json_string_only,
    .to_json = ftype_json_string,
    .display = display_enum,
    .export_text = ftype_as_shown,
    .import_cell = import_enum,
    .cell = ftype_cell_shown,
    .schema = schema_enum,
    .filter = filter_enum,
    .search = ftype_search_value,
};

/* ---- several codes */

/* Each code must be known; stored in the options' order, without repeats. */
static const char *canonical_set(arena *a, const field *f, const char *v, bool *ok)
{
    *ok = true;
    buf out = {0};
    for (const enum_opt *o = f->opts; o->code; o++) {
        size_t n = strlen(o->code);
        for (const char *p = v; *p;) {
            while (*p == ',' || *p == ' ')
                p++;
            const char *w = p;
            while (*p && *p != ',' && *p != ' ')
                p++;
            if ((size_t)(p - w) == n && strncmp(w, o->code, n) == 0) {
                if (out.len) buf_putc(&out, ',');
                buf_puts(&out, o->code);
                break;
            }
        }
    }
    /* any word not matched is an unknown code */
    for (const char *p = v; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        if (p == w) continue;
        bool known = false;
        for (const enum_opt *o = f->opts; o->code && !known; o++)
            known = strlen(o->code) == (size_t)(p - w) && strncmp(w, o->code, (size_t)(p - w)) == 0;
        if (!known) *ok = false;
    }
    const char *r = out.len ? arena_strdup(a, buf_cstr(&out)) : NULL;
    buf_free(&out);
    return r;
}

static void validate_set(ctx *x, record *r, int fi, verrs *ve)
{
    const field *f = &r->e->fields[fi];
    bool ok;
    r->v[fi] = canonical_set(x->a, f, r->v[fi], &ok);
    if (!ok) verrs_add(ve, f->name, M_BAD_ENUM, 0);
}

static void set_from_json(arena *a, const field *f, json_t *val, const char *key, const char **out,
                          verrs *ve)
{
    (void)f;
    if (json_is_array(val))
        ftype_list_from_json(a, val, false, M_BAD_ENUM, key, out, ve);
    else
        verrs_add(ve, key, M_BAD_PARAM, 0);
}

static json_t *set_to_json(const char *v)
{
    return ftype_list_to_json(v, false);
}

/* The labels of the codes held, in the options' order, separated by ", ". */
static const char *display_set(ctx *x, const field *f, const char *v)
{
    bool en = x->lang && !strcmp(x->lang, "en");
    buf b = {0};
    for (const enum_opt *o = f->opts; o->code; o++) {
        size_t n = strlen(o->code);
        for (const char *p = v; (p = strstr(p, o->code)); p += n)
            if ((p == v || p[-1] == ',') && (p[n] == ',' || !p[n])) {
                if (b.len) buf_puts(&b, ", ");
                buf_puts(&b, en ? o->en : o->vi);
                break;
            }
    }
    const char *s = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Codes or labels separated by commas or semicolons ("Tiếng Anh, Tiếng Lào"). A label that
 * itself holds a comma is found by trying the longest run of pieces first. */
static const char *import_set(cell_reader *cr, const field *f, const char *v)
{
    arena *a = cr->x->a;
    char *s = arena_strdup(a, v);
    char *parts[64];
    int n = 0;
    for (char *p = s; n < 64;) {
        parts[n++] = p;
        p += strcspn(p, ",;");
        if (!*p) break;
        *p++ = 0;
    }
    buf out = {0};
    for (int i = 0; i < n;) {
        int used = 1;
        const char *code = NULL;
        for (int k = n - i; k >= 1 && !code; k--) {
            buf b = {0};
            for (int j = 0; j < k; j++) {
                if (j) buf_putc(&b, ',');
                buf_puts(&b, parts[i + j]);
            }
            char *piece = text_trim(arena_strdup(a, buf_cstr(&b)));
            buf_free(&b);
            if (!*piece && k == 1) {
                code = "";
                break;
            }
            const char *c = opt_code(a, f, piece);
            if (field_opt(f, c)) code = c, used = k;
            if (!code && k == 1) code = piece; /* unknown: validation names it */
        }
        if (*code) {
            if (out.len) buf_putc(&out, ',');
            buf_puts(&out, code);
        }
        i += used;
    }
    const char *r = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return r;
}

static json_t *schema_set(const field *f)
{
    json_t *s = json_object(), *items = json_pack("{s:s}", "type", "string");
    json_object_set_new(items, "enum", ftype_option_codes(f));
    json_object_set_new(s, "type", json_pack("[ss]", "array", "null"));
    json_object_set_new(s, "items", items);
    return s;
}

/* One code: records whose set holds it. */
static const char *filter_set(arena *a, const field *f, const char *param, const char *v, char *op,
                              verrs *ve)
{
    (void)a, (void)op;
    if (field_opt(f, v)) return v;
    verrs_add(ve, param, M_BAD_ENUM, 0);
    return NULL;
}

const ftype ft_set = {
    .name = "set",
    .props = FTP_OPTIONS | FTP_LIST,
    .maxlen = 200,
    .validate = validate_set,
    .from_json = set_from_json,
    .to_json = set_to_json,
    .display = display_set,
    .export_text = ftype_as_shown,
    .import_cell = import_set,
    .cell = ftype_cell_shown,
    .schema = schema_set,
    .filter = filter_set,
    .search = ftype_search_value,
};

/* ---- yes or no */

static void validate_bool(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x;
    const char *v = r->v[fi];
    if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "yes"))
        r->v[fi] = "1";
    else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "no"))
        r->v[fi] = "0";
    else
        verrs_add(ve, r->e->fields[fi].name, M_BAD_BOOL, 0);
}

/* true, false, or a number (1, 0; others fail the validation). */
static void bool_from_json(arena *a, const field *f, json_t *val, const char *key, const char **out,
                           verrs *ve)
{
    (void)f;
    if (json_is_boolean(val))
        *out = json_is_true(val) ? "1" : "0";
    else if (json_is_integer(val))
        *out = arena_printf(a, "%lld", (long long)json_integer_value(val));
    else
        verrs_add(ve, key, M_BAD_PARAM, 0);
}

static json_t *bool_to_json(const char *v)
{
    return json_boolean(strcmp(v, "1") == 0);
}

static const char *display_bool(ctx *x, const field *f, const char *v)
{
    (void)f;
    return msg(!strcmp(v, "1") ? M_YES : M_NO, x->lang);
}

/* Yes or no as people write it, in either language ("Có", "x", "khong"). */
static const char *import_bool(cell_reader *cr, const field *f, const char *v)
{
    (void)f;
    static const char *yes[] = {"1", "true", "yes", "co", "x", "on", NULL};
    static const char *no[] = {"0", "false", "no", "khong", "off", NULL};
    const char *k = text_fold(cr->x->a, v);
    for (int i = 0; k && yes[i]; i++)
        if (!strcmp(k, yes[i])) return "1";
    for (int i = 0; k && no[i]; i++)
        if (!strcmp(k, no[i])) return "0";
    return v;
}

static json_t *schema_bool(const field *f)
{
    (void)f;
    return json_pack("{s:s}", "type", "boolean");
}

static const char *filter_bool(arena *a, const field *f, const char *param, const char *v, char *op,
                               verrs *ve)
{
    (void)a, (void)f, (void)op;
    if (!strcmp(v, "true") || !strcmp(v, "1")) return "1";
    if (!strcmp(v, "false") || !strcmp(v, "0")) return "0";
    verrs_add(ve, param, M_BAD_BOOL, 0);
    return NULL;
}

const ftype ft_bool = {
    .name = "yes/no",
    .props = 0,
    .maxlen = 200,
    .empty = "0",
    .validate = validate_bool,
    .from_json = bool_from_json,
    .to_json = bool_to_json,
    .display = display_bool,
    .export_text = ftype_as_shown,
    .import_cell = import_bool,
    .cell = ftype_cell_shown,
    .schema = schema_bool,
    .filter = filter_bool,
    .search = ftype_search_value,
};
