/* The field type of calendar days (see ftypes.h): stored ISO 8601 "YYYY-MM-DD", typed that
 * way or as people in Vietnam write it (dd/mm/yyyy), shown dd/mm/yyyy, an Excel date in a
 * spreadsheet. Lists filter on a range of days. */
#include <stdio.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "ftypes.h"

/* A calendar day from "YYYY-MM-DD" (what date inputs send) or "dd/mm/yyyy" (what people
 * in Vietnam write); the ISO form, or NULL when it is no real day. */
const char *parse_date(arena *a, const char *s)
{
    int y, m, d, n = 0;
    /* digits and the separators only: sscanf would also skip spaces and take signs */
    if (strspn(s, "0123456789-/") != strlen(s)) return NULL;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == 0) {
    } else if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && s[n] == 0) {
    } else {
        return NULL;
    }
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
        d > days[m - 1] + (m == 2 && leap ? 1 : 0))
        return NULL;
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static void validate_date(ctx *x, record *r, int fi, verrs *ve)
{
    const char *d = parse_date(x->a, r->v[fi]);
    char today[11];
    if (!d)
        verrs_add(ve, r->e->fields[fi].name, M_BAD_DATE, 0);
    else
        r->v[fi] = d;
    if (d && (r->e->fields[fi].flags & F_PAST) && strcmp(d, clock_today(today)) > 0)
        verrs_add(ve, r->e->fields[fi].name, M_FUTURE_DATE, 0);
}

/* dd/mm/yyyy */
static const char *display_date(ctx *x, const field *f, const char *v)
{
    (void)f;
    if (strlen(v) == 10) return arena_printf(x->a, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
    return v;
}

static ftype_cell cell_date(ctx *x, const field *f, const char *v)
{
    (void)x, (void)f;
    return (ftype_cell){CELL_DATE, v};
}

static json_t *schema_date(const field *f)
{
    (void)f;
    json_t *s = json_object();
    json_object_set_new(s, "type", json_pack("[ss]", "string", "null"));
    json_object_set_new(s, "format", json_string("date"));
    return s;
}

/* A day in either form (one end of a range, or the day itself). */
static const char *filter_date(arena *a, const field *f, const char *param, const char *v, char *op,
                               verrs *ve)
{
    (void)f, (void)op;
    const char *d = parse_date(a, v);
    if (!d) verrs_add(ve, param, M_BAD_DATE, 0);
    return d;
}

const ftype ft_date = {
    .name = "date",
    .props = FTP_RANGE,
    .maxlen = 200,
    .validate = validate_date,
    .from_json = ftype_json_string_only,
    .to_json = ftype_json_string,
    .display = display_date,
    .export_text = ftype_as_stored,
    .import_cell = ftype_import_as_is,
    .cell = cell_date,
    .schema = schema_date,
    .filter = filter_date,
    .search = ftype_search_value,
};
