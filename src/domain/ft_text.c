/* Field types of text (see ftypes.h): one line, several lines, an e-mail address, a web
 * address, a phone number. Stored as typed (trimmed, NFC); the last three are checked. */
#include <string.h>

#include "../base/msg.h"
#include "ftypes.h"

/* One line: line breaks and tabs become spaces. */
static void validate_line(ctx *x, record *r, int fi, verrs *ve)
{
    (void)ve;
    const char *v = r->v[fi];
    if (!strpbrk(v, "\n\r\t")) return;
    r->v[fi] = arena_strdup(x->a, v); /* v may be the caller's (a JSON string of the body) */
    for (char *p = (char *)r->v[fi]; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
}

static void validate_lines(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x, (void)r, (void)fi, (void)ve;
}

bool valid_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@')) return false;
    const char *dot = strrchr(at, '.');
    if (!dot || dot == at + 1 || !dot[1]) return false;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',') return false;
    return true;
}

static bool valid_url(const char *s)
{
    if (strncmp(s, "http://", 7) && strncmp(s, "https://", 8)) return false;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '<' || *p == '>' || *p == '"') return false;
    return strlen(s) > 8;
}

static bool valid_phone(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!strchr(" +-().", *p))
            return false;
    }
    return digits >= 3;
}

static void validate_email(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x;
    if (!valid_email(r->v[fi])) verrs_add(ve, r->e->fields[fi].name, M_BAD_EMAIL, 0);
}

static void validate_url(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x;
    if (!valid_url(r->v[fi])) verrs_add(ve, r->e->fields[fi].name, M_BAD_URL, 0);
}

static void validate_phone(ctx *x, record *r, int fi, verrs *ve)
{
    (void)x;
    if (!valid_phone(r->v[fi])) verrs_add(ve, r->e->fields[fi].name, M_BAD_PHONE, 0);
}

/* A string with a format ("email", "uri"). */
static json_t *schema_format(const field *f, const char *format)
{
    json_t *s = ftype_schema_string(f);
    json_object_set_new(s, "format", json_string(format));
    return s;
}

static json_t *schema_email(const field *f)
{
    return schema_format(f, "email");
}

static json_t *schema_url(const field *f)
{
    return schema_format(f, "uri");
}

/* Everything but the validation and the schema is what every text type does. */
#define TEXT_TYPE(type_name, type_props, type_maxlen, check, json_schema)                          \
    {                                                                                              \
        .name = type_name, .props = type_props, .maxlen = type_maxlen, .validate = check,          \
        .from_json = ftype_json_string_only, .to_json = ftype_json_string,                         \
        .display = ftype_as_stored, .export_text = ftype_as_stored,                                \
        .import_cell = ftype_import_as_is, .cell = ftype_cell_shown, .schema = json_schema,        \
        .filter = ftype_filter_as_is, .search = ftype_search_value,                                \
    }

const ftype ft_text = TEXT_TYPE("text", FTP_FREE, 200, validate_line, ftype_schema_string);
const ftype ft_longtext =
    TEXT_TYPE("long text", FTP_FREE, 5000, validate_lines, ftype_schema_string);
const ftype ft_email = TEXT_TYPE("e-mail", 0, 200, validate_email, schema_email);
const ftype ft_url = TEXT_TYPE("web address", 0, 200, validate_url, schema_url);
const ftype ft_phone = TEXT_TYPE("phone", 0, 200, validate_phone, ftype_schema_string);
