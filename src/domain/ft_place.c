/* Field types of places (see ftypes.h): a country (ISO 3166-1 alpha-2 code) and a
 * subdivision of the record's country (ISO 3166-2 code). Stored as codes, shown by their
 * names in the page's language; the search index holds the names in both languages. */
#include <string.h>

#include "../base/msg.h"
#include "../base/text.h"
#include "ftypes.h"
#include "refdata.h"

/* A copy of v in upper case, as codes are stored. */
static char *upper_code(arena *a, const char *v)
{
    char *c = arena_strdup(a, v);
    for (char *s = c; *s; s++)
        if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 32);
    return c;
}

/* "Lào (LA)" or "Tỉnh Attapeu (LA-AT)", as the exports write them: the code. */
static const char *code_in_parens(arena *a, const char *v)
{
    size_t n = strlen(v);
    const char *open = strrchr(v, '(');
    if (n < 4 || v[n - 1] != ')' || !open || open == v) return NULL;
    return upper_code(a, arena_strndup(a, open + 1, (size_t)(v + n - 1 - open - 1)));
}

/* The name and the code, when the code has a name; the value as it is otherwise. */
static ftype_cell cell_place(ctx *x, const field *f, const char *v)
{
    return (ftype_cell){CELL_TEXT, v ? ftype_name_and_code(x, f, v) : v};
}

/* ---- country */

static void validate_country(ctx *x, record *r, int fi, verrs *ve)
{
    char *c = upper_code(x->a, r->v[fi]);
    r->v[fi] = c;
    if (!refdata_country(c)) verrs_add(ve, r->e->fields[fi].name, M_BAD_COUNTRY, 0);
}

static const char *display_country(ctx *x, const field *f, const char *v)
{
    (void)f;
    const ref_country *c = refdata_country(v);
    return c ? refdata_country_name(c, x->lang) : v;
}

/* Folded names of every country, made when an import's first country cell needs them. */
typedef struct {
    size_t n;
    struct {
        const char *code, *vi, *en;
    } * k;
} country_names;

static const country_names *folded_countries(cell_reader *cr)
{
    country_names *cn = cr->memo[FT_COUNTRY];
    if (cn) return cn;
    cn = arena_alloc(cr->a, sizeof *cn);
    cn->n = refdata_country_count();
    cn->k = arena_alloc(cr->a, sizeof *cn->k * (cn->n ? cn->n : 1));
    for (size_t i = 0; i < cn->n; i++) {
        const ref_country *rc = refdata_country_at(i);
        cn->k[i].code = rc->code;
        cn->k[i].en = text_fold(cr->a, rc->name_en);
        cn->k[i].vi = rc->name_vi ? text_fold(cr->a, rc->name_vi) : "";
    }
    cr->memo[FT_COUNTRY] = cn;
    return cn;
}

/* A country: its code, "Name (CODE)", or its name in either language. */
static const char *import_country(cell_reader *cr, const field *f, const char *v)
{
    (void)f;
    arena *a = cr->x->a;
    if (strlen(v) == 2) return v;
    const char *c = code_in_parens(a, v);
    if (c && refdata_country(c)) return c;
    const country_names *cn = folded_countries(cr);
    const char *k = text_fold(a, v);
    for (size_t i = 0; k && *k && i < cn->n; i++)
        if (!strcmp(k, cn->k[i].en) || !strcmp(k, cn->k[i].vi)) return cn->k[i].code;
    return v;
}

static json_t *schema_country(const field *f)
{
    json_t *s = ftype_schema_string(f);
    json_object_set_new(s, "description", json_string("ISO 3166-1 alpha-2 code"));
    return s;
}

static const char *filter_country(arena *a, const field *f, const char *param, const char *v,
                                  char *op, verrs *ve)
{
    (void)a, (void)f, (void)op;
    if (refdata_country(v)) return v;
    verrs_add(ve, param, M_BAD_COUNTRY, 0);
    return NULL;
}

/* The code, and the country's names in both languages. */
static void search_country(buf *b, const char *v)
{
    ftype_search_value(b, v);
    const ref_country *c = refdata_country(v);
    if (c) buf_printf(b, "%s %s ", c->name_en, c->name_vi ? c->name_vi : "");
}

const ftype ft_country = {
    .name = "country",
    .props = 0,
    .maxlen = 200,
    .validate = validate_country,
    .from_json = ftype_json_string_only,
    .to_json = ftype_json_string,
    .display = display_country,
    .export_text = ftype_name_and_code,
    .import_cell = import_country,
    .cell = cell_place,
    .schema = schema_country,
    .filter = filter_country,
    .search = search_country,
};

/* ---- subdivision */

/* A known code, of the country the record names in the field f->country. */
static void validate_subdiv(ctx *x, record *r, int fi, verrs *ve)
{
    const field *f = &r->e->fields[fi];
    char *c = upper_code(x->a, r->v[fi]);
    r->v[fi] = c;
    const ref_subdivision *s = refdata_subdivision(c);
    const char *country = f->country ? record_get(r, f->country) : NULL;
    if (!s)
        verrs_add(ve, f->name, M_BAD_SUBDIV, 0);
    else if (!country)
        verrs_add(ve, f->name, M_SUBDIV_NEEDS_COUNTRY, 0);
    else if (strcasecmp(s->country, country) != 0)
        verrs_add(ve, f->name, M_SUBDIV_COUNTRY, 0);
}

static const char *display_subdiv(ctx *x, const field *f, const char *v)
{
    (void)f;
    const ref_subdivision *s = refdata_subdivision(v);
    return s ? refdata_subdivision_name(s, x->lang) : v;
}

/* Its code, or "Name (CODE)". */
static const char *import_subdiv(cell_reader *cr, const field *f, const char *v)
{
    (void)f;
    const char *c = code_in_parens(cr->x->a, v);
    return c && refdata_subdivision(c) ? c : v;
}

static json_t *schema_subdiv(const field *f)
{
    json_t *s = ftype_schema_string(f);
    json_object_set_new(s, "description",
                        json_sprintf("ISO 3166-2 code of a subdivision of '%s'", f->country));
    return s;
}

static const char *filter_subdiv(arena *a, const field *f, const char *param, const char *v,
                                 char *op, verrs *ve)
{
    (void)a, (void)f, (void)op;
    if (refdata_subdivision(v)) return v;
    verrs_add(ve, param, M_BAD_SUBDIV, 0);
    return NULL;
}

static void search_subdiv(buf *b, const char *v)
{
    ftype_search_value(b, v);
    const ref_subdivision *s = refdata_subdivision(v);
    if (s) buf_printf(b, "%s %s ", s->name_en, s->name_vi ? s->name_vi : "");
}

const ftype ft_subdiv = {
    .name = "subdivision",
    .props = 0,
    .maxlen = 200,
    .validate = validate_subdiv,
    .from_json = ftype_json_string_only,
    .to_json = ftype_json_string,
    .display = display_subdiv,
    .export_text = ftype_name_and_code,
    .import_cell = import_subdiv,
    .cell = cell_place,
    .schema = schema_subdiv,
    .filter = filter_subdiv,
    .search = search_subdiv,
};
