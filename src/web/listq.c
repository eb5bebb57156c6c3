/* Turning request parameters into a list query, for the pages and the API alike:
 *   q=words  sort=field|-field  limit=N (1..500)  offset=N  after=ID  FIELD=value
 * Only fields marked F_FILTER filter and F_SORT sort; anything else is refused with the
 * parameter named, never ignored. */
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/commitment.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "routes.h"

static bool parse_count(const char *s, long long lo, long long hi, long long *out)
{
    if (!s) return true;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool list_query_from_request(req *r, list_query *q, verrs *ve)
{
    const entity *e = r->ent;
    *q = (list_query){.sort = -1, .desc = false, .limit = 50, .offset = 0};
    if (!parse_count(q_get(r, "limit"), 1, 500, &q->limit)) verrs_add(ve, "limit", M_BAD_PARAM, 0);
    if (!parse_count(q_get(r, "offset"), 0, 1LL << 40, &q->offset))
        verrs_add(ve, "offset", M_BAD_PARAM, 0);
    if (!parse_count(q_get(r, "after"), 0, 1LL << 50, &q->after))
        verrs_add(ve, "after", M_BAD_PARAM, 0);
    const char *sort = q_get(r, "sort");
    if (sort && *sort) {
        bool desc = sort[0] == '-';
        const char *name = desc ? sort + 1 : sort;
        int fi = entity_field_index(e, name);
        if (!strcmp(name, "id") || !strcmp(name, "created_at")) {
            q->desc = desc;
        } else if (fi < 0 || !(e->fields[fi].flags & F_SORT)) {
            verrs_add(ve, "sort", M_BAD_PARAM, 0);
        } else {
            q->sort = fi;
            q->desc = desc;
        }
    }
    const char *words = q_get(r, "q");
    if (words && *words) {
        if (!utf8_valid(words, strlen(words)))
            verrs_add(ve, "q", M_BAD_UTF8, 0);
        else
            q->words = text_fold(&r->a, words);
    }
    const char *dv = e->derived ? q_get(r, e->derived->name) : NULL;
    if (dv && *dv) { /* a computed value: the type turns it into filters */
        char today[11];
        clock_today(today);
        if (!field_opt(&(field){.opts = e->derived->opts}, dv) ||
            !e->derived->filter(e, dv, arena_strdup(&r->a, today), q))
            verrs_add(ve, e->derived->name, M_BAD_ENUM, 0);
    }
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const ftype *t = ftype_of(f);
        /* a range (of days): FIELD_from and FIELD_to, both ends included */
        for (int k = 0; (t->props & FTP_RANGE) && (f->flags & F_FILTER) && k < 2; k++) {
            const char *pname = arena_printf(&r->a, "%s_%s", f->name, k ? "to" : "from");
            const char *v = q_get(r, pname);
            if (!v || !*v || q->nf >= LIST_FILTERS_MAX) continue;
            char op = k ? '<' : '>';
            const char *d = t->filter(&r->a, f, pname, v, &op, ve);
            if (d) q->f[q->nf++] = (list_filter){i, d, op};
        }
        const char *v = q_get(r, f->name);
        if (!v || !*v) continue;
        if (!(f->flags & F_FILTER)) {
            verrs_add(ve, f->name, M_BAD_PARAM, 0);
            continue;
        }
        if (q->nf >= LIST_FILTERS_MAX) break;
        if (e == &commitment_entity && !strcmp(f->name, "status") && !strcmp(v, "overdue")) {
            char today[11];
            clock_today(today);
            if (!commitment_overdue_filter(e, today, q)) verrs_add(ve, f->name, M_BAD_PARAM, 0);
            continue;
        }
        char op = '=';
        /* an invalid value (NULL) takes its place too: the request fails with its error */
        q->f[q->nf++] = (list_filter){i, t->filter(&r->a, f, f->name, v, &op, ve), op};
    }
    return ve->n == 0;
}

const char *list_query_params(arena *a, const entity *e, const list_query *q)
{
    buf b = {0};
    bool ok = true;
    for (int i = 0; i < q->nf && ok; i++) {
        const list_filter *f = &q->f[i];
        const char *name = e->fields[f->field].name, *suffix = "";
        if (f->op == '>' || f->op == '<')
            suffix = f->op == '>' ? "_from" : "_to";
        else if (f->op && f->op != '=' && f->op != 'i')
            ok = false;
        buf_printf(&b, "%s%s%s=", b.len ? "&" : "", name, suffix);
        /* a list of values keeps its commas; each value is encoded */
        const char *v = f->value ? f->value : "";
        for (const char *comma; f->op == 'i' && (comma = strchr(v, ',')); v = comma + 1) {
            char *one = arena_strndup(a, v, (size_t)(comma - v));
            html_urlenc(&b, one);
            buf_putc(&b, ',');
        }
        html_urlenc(&b, v);
    }
    const char *out = ok ? arena_strdup(a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return out;
}
