/* The pages of every record type — list, detail with history, form, delete — built from
 * its description. A record type with nothing special needs no code here. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/entities.h"
#include "../domain/export.h"
#include "../domain/records.h"
#include "../domain/refdata.h"
#include "routes.h"
#include "attachments.h"
#include "panels.h"
#include "workflow.h"

static const char *label(req *r, const field *f)
{
    return is_en(r) ? f->en : f->vi;
}

static const char *ent_plural(req *r, const entity *e)
{
    return is_en(r) ? e->plural_en : e->plural_vi;
}

static const char *ent_single(req *r, const entity *e)
{
    return is_en(r) ? e->en : e->vi;
}

static const char *err_text(req *r, const verrs *ve, const char *fname)
{
    for (int i = 0; i < ve->n; i++)
        if (ve->e[i].field && !strcmp(ve->e[i].field, fname))
            return arena_printf(&r->a, msg(ve->e[i].msg, r->lang), ve->e[i].arg);
    return NULL;
}

/* Countries in the order of their names in each language (folded, so Đ sorts with D).
 * Built once: reference data does not change while the server runs. */
typedef struct {
    const ref_country *c;
    char *key;
} country_item;

static const ref_country **countries_sorted[2]; /* [0] Vietnamese, [1] English */
static pthread_once_t countries_once = PTHREAD_ONCE_INIT;

static int cmp_country(const void *a, const void *b)
{
    return strcmp(((const country_item *)a)->key, ((const country_item *)b)->key);
}

static void sort_countries(void)
{
    size_t n = refdata_country_count();
    for (int l = 0; l < 2; l++) {
        arena a = {0};
        country_item *items = arena_alloc(&a, sizeof *items * (n ? n : 1));
        for (size_t i = 0; i < n; i++) {
            items[i].c = refdata_country_at(i);
            items[i].key = text_fold(&a, refdata_country_name(items[i].c, l ? "en" : "vi"));
        }
        qsort(items, n, sizeof *items, cmp_country);
        countries_sorted[l] = xmalloc(sizeof(ref_country *) * (n ? n : 1));
        for (size_t i = 0; i < n; i++)
            countries_sorted[l][i] = items[i].c;
        arena_free(&a);
    }
}

static void country_select(req *r, const field *f, const char *value, bool filter)
{
    pthread_once(&countries_once, sort_countries);
    const ref_country **sorted = countries_sorted[is_en(r) ? 1 : 0];
    size_t n = refdata_country_count();
    html_printf(&r->out, "<select name=\"%s\" id=\"f-%s\"><option value=\"\">%s</option>", f->name,
                f->name, T(r, filter ? M_ALL : M_CHOOSE));
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s (%s)</option>", sorted[i]->code,
                    value && !strcmp(value, sorted[i]->code) ? " selected" : "",
                    refdata_country_name(sorted[i], r->lang), sorted[i]->code);
    html_printf(&r->out, "</select>");
}

static void enum_select(req *r, const field *f, const char *value, bool filter)
{
    html_printf(&r->out, "<select name=\"%s\" id=\"f-%s\"><option value=\"\">%s</option>", f->name,
                f->name, T(r, filter ? M_ALL : M_CHOOSE));
    for (const enum_opt *o = f->opts; o->code; o++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", o->code,
                    value && !strcmp(value, o->code) ? " selected" : "", is_en(r) ? o->en : o->vi);
    html_printf(&r->out, "</select>");
}

/* ---- list */

static void list_filters(req *r, const list_query *q)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/%s\"><label>%s<input "
                "type=\"search\" name=\"q\" value=\"%s\"></label>",
                e->table, T(r, M_SEARCH_IN_LIST), q_get(r, "q"));
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FILTER)) continue;
        const char *v = q_get(r, f->name);
        if (f->type == FT_ENUM || f->type == FT_SET) {
            html_printf(o, "<label>%s", label(r, f));
            enum_select(r, f, v, true);
            html_printf(o, "</label>");
        } else if (f->type == FT_COUNTRY) {
            html_printf(o, "<label>%s", label(r, f));
            country_select(r, f, v, true);
            html_printf(o, "</label>");
        } else if (f->type == FT_BOOL) {
            html_printf(o,
                        "<label>%s<select name=\"%s\"><option value=\"\">%s</option>"
                        "<option value=\"1\"%s>%s</option><option value=\"0\"%s>%s</option>"
                        "</select></label>",
                        label(r, f), f->name, T(r, M_ALL), v && !strcmp(v, "1") ? " selected" : "",
                        T(r, M_YES), v && !strcmp(v, "0") ? " selected" : "", T(r, M_NO));
        } else if (f->type == FT_DATE) { /* a range of days */
            html_printf(o,
                        "<label>%s %s<input type=\"date\" name=\"%s_from\" value=\"%s\"></label>"
                        "<label>%s<input type=\"date\" name=\"%s_to\" value=\"%s\"></label>",
                        label(r, f), T(r, M_DATE_FROM), f->name,
                        q_get(r, arena_printf(&r->a, "%s_from", f->name)), T(r, M_DATE_TO), f->name,
                        q_get(r, arena_printf(&r->a, "%s_to", f->name)));
        } else if (v) { /* a filter set by a link (a partner's contacts): kept, shown */
            html_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", f->name, v);
        }
    }
    if (e->derived) {
        html_printf(o, "<label>%s", is_en(r) ? e->derived->en : e->derived->vi);
        enum_select(r, &(field){.name = e->derived->name, .opts = e->derived->opts},
                    q_get(r, e->derived->name), true);
        html_printf(o, "</label>");
    }
    const char *sort = q_get(r, "sort");
    html_printf(o, "<label>%s<select name=\"sort\"><option value=\"\">%s</option>", T(r, M_SORT_BY),
                T(r, M_OLDEST));
    html_printf(o, "<option value=\"-id\"%s>%s</option>",
                sort && !strcmp(sort, "-id") ? " selected" : "", T(r, M_NEWEST));
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_SORT)) continue;
        for (int d = 0; d < 2; d++) {
            const char *key = arena_printf(&r->a, "%s%s", d ? "-" : "", f->name);
            html_printf(o, "<option value=\"%s\"%s>%s %s</option>", key,
                        sort && !strcmp(sort, key) ? " selected" : "", label(r, f), d ? "↓" : "↑");
        }
    }
    html_printf(o,
                "</select></label><button>%s</button> <a class=\"button\" href=\"/%s\">%s</a>"
                "</form>\n",
                T(r, M_FILTER), e->table, T(r, M_CLEAR));
    (void)q;
}

void ui_list(req *r)
{
    const entity *e = r->ent;
    list_query q;
    verrs ve = {0};
    if (!list_query_from_request(r, &q, &ve)) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    const char *format = q_get(r, "format");
    if (format && !strcmp(format, "csv")) {
        r->ctype = "text/csv; charset=utf-8";
        add_header(r, "Content-Disposition",
                   arena_printf(&r->a, "attachment; filename=\"%s.csv\"", e->table));
        if (export_csv(&r->x, e, &q, &r->out) != ST_OK) page_error(r, 500, M_INTERNAL);
        return;
    }
    if (format && !strcmp(format, "xlsx")) {
        ui_export_xlsx(r, &q);
        return;
    }
    record *rows;
    int n;
    long long total = 0;
    if (st_rec_list(r->c, &r->a, e, &q, &rows, &n) || st_rec_count(r->c, e, &q, &total)) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    buf *o = &r->out;
    page_begin(r, ent_plural(r, e));
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", ent_plural(r, e));
    if (role_can(r->x.role, PERM_WRITE))
        html_printf(o, "<a class=\"button primary\" href=\"/%s/new\">%s</a>", e->table,
                    T(r, M_NEW));
    html_printf(o,
                " <a class=\"button\" href=\"/%s%s\">%s</a> <a class=\"button\" "
                "href=\"/%s%s\">%s</a>",
                e->table, query_with(r, "format", "csv"), T(r, M_EXPORT_CSV), e->table,
                query_with(r, "format", "xlsx"), T(r, M_EXPORT_XLSX));
    if (role_can(r->x.role, PERM_WRITE))
        html_printf(o, " <a class=\"button\" href=\"/%s/import\">%s</a>", e->table,
                    T(r, M_IMPORT_CSV));
    html_printf(o, "</div></div>\n");
    if (q_get(r, "deleted"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_DELETED));
    list_filters(r, &q);
    html_printf(o, "<p class=\"count\">");
    buf_printf(o, msg(M_SHOWING, r->lang), (long long)n);
    buf_putc(o, ' ');
    buf_printf(o, msg(M_OF_TOTAL, r->lang), total);
    html_printf(o, "</p>\n<table class=\"list\"><thead><tr>");
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & F_LIST) html_printf(o, "<th>%s</th>", label(r, &e->fields[i]));
    if (e->derived) html_printf(o, "<th>%s</th>", is_en(r) ? e->derived->en : e->derived->vi);
    html_printf(o, "</tr></thead><tbody>\n");
    int ti = entity_title_index(e);
    for (int k = 0; k < n; k++) {
        html_printf(o, "<tr>");
        for (int i = 0; i < e->nfields; i++) {
            if (!(e->fields[i].flags & F_LIST)) continue;
            const char *v = rec_display(&r->x, &rows[k], i);
            if (i == ti) {
                int w = rec_warning(&rows[k]);
                html_printf(o, "<td data-label=\"%s\"><a href=\"/%s/%D\">%s</a>",
                            label(r, &e->fields[i]), e->table, rows[k].id, v);
                if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
                html_printf(o, "</td>");
            } else
                html_printf(o, "<td data-label=\"%s\">%s</td>", label(r, &e->fields[i]), v);
        }
        if (e->derived)
            html_printf(o, "<td data-label=\"%s\"><span class=\"state state-%s\">%s</span></td>",
                        is_en(r) ? e->derived->en : e->derived->vi, rec_derived(&rows[k]),
                        rec_derived_label(&rows[k], r->lang));
        html_printf(o, "</tr>\n");
    }
    html_printf(o, "</tbody></table>\n<nav class=\"pager\">");
    if (q.offset > 0) {
        long long prev = q.offset > q.limit ? q.offset - q.limit : 0;
        html_printf(o, "<a rel=\"prev\" href=\"/%s%s\">%s</a>", e->table,
                    query_with(r, "offset", arena_printf(&r->a, "%lld", prev)), T(r, M_PREV));
    }
    if (q.offset + n < total)
        html_printf(o, "<a rel=\"next\" href=\"/%s%s\">%s</a>", e->table,
                    query_with(r, "offset", arena_printf(&r->a, "%lld", q.offset + n)),
                    T(r, M_NEXT));
    html_printf(o, "</nav>\n");
    page_end(r);
}

/* ---- detail and history */

static const char *action_label(req *r, const char *action)
{
    if (!strcmp(action, "create")) return T(r, M_ACT_CREATE);
    if (!strcmp(action, "update")) return T(r, M_ACT_UPDATE);
    return T(r, M_ACT_DELETE);
}

/* A value from an audit entry, shown as the detail page shows it (labels, names). */
static const char *audit_value(req *r, int fi, json_t *v)
{
    if (!v || json_is_null(v)) return "—";
    record one = rec_new(&r->a, r->ent);
    if (json_is_string(v))
        one.v[fi] = arena_strdup(&r->a, json_string_value(v));
    else if (json_is_boolean(v))
        one.v[fi] = json_is_true(v) ? "1" : "0";
    else if (json_is_integer(v))
        one.v[fi] = arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
    else if (json_is_array(v)) { /* a set of codes */
        buf b = {0};
        size_t i;
        json_t *el;
        json_array_foreach(v, i, el)
        {
            if (b.len) buf_putc(&b, ',');
            buf_puts(&b, json_string_value(el));
        }
        one.v[fi] = arena_strdup(&r->a, buf_cstr(&b));
        buf_free(&b);
    }
    const char *d = rec_display(&r->x, &one, fi);
    return d && *d ? d : "—";
}

/* The fields an audit entry changed, "label: old → new", one per line. */
static void history_changes(req *r, const audit_row *h)
{
    json_t *old = h->old_json ? json_loads(h->old_json, 0, NULL) : NULL;
    json_t *new = h->new_json ? json_loads(h->new_json, 0, NULL) : NULL;
    const entity *e = r->ent;
    html_printf(&r->out, "<ul class=\"changes\">");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        json_t *a = old ? json_object_get(old, f->name) : NULL;
        json_t *b = new ? json_object_get(new, f->name) : NULL;
        if (old && new &&json_equal(a, b)) continue;
        if (!old && (!b || json_is_null(b))) continue;
        if (!new && (!a || json_is_null(a))) continue;
        if (old && new)
            html_printf(&r->out, "<li><b>%s</b>: <del>%s</del> → <ins>%s</ins></li>", label(r, f),
                        audit_value(r, i, a), audit_value(r, i, b));
        else
            html_printf(&r->out, "<li><b>%s</b>: %s</li>", label(r, f),
                        audit_value(r, i, new ? b : a));
    }
    html_printf(&r->out, "</ul>");
    json_decref(old);
    json_decref(new);
}

/* Links to each record of an FT_REFS value. */
static void refs_links(req *r, const field *f, const char *ids)
{
    const entity *t = entity_by_table(f->ref);
    char *copy = arena_strdup(&r->a, ids), *save = NULL;
    int k = 0;
    for (char *w = strtok_r(copy, ",", &save); w && t; w = strtok_r(NULL, ",", &save)) {
        record ref;
        const char *title = st_rec_get(r->c, &r->a, t, strtoll(w, NULL, 10), &ref) == ST_OK
                                ? ref.v[entity_title_index(t)]
                                : w;
        html_printf(&r->out, "%s<a href=\"/%s/%s\">%s</a>", k++ ? "; " : "", f->ref, w, title);
    }
}

void ui_show(req *r)
{
    const entity *e = r->ent;
    record rec;
    rstatus rs = rec_get(&r->x, e, r->id, &rec);
    if (rs != RS_OK) {
        page_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    buf *o = &r->out;
    const char *title = rec.v[entity_title_index(e)];
    page_begin(r, title);
    html_printf(o, "<p class=\"crumbs\"><a href=\"/%s\">%s</a> ›</p>", e->table, ent_plural(r, e));
    if (q_get(r, "saved"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_SAVED));
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", title);
    if (role_can(r->x.role, PERM_WRITE))
        html_printf(o,
                    "<a class=\"button primary\" href=\"/%s/%D/edit\">%s</a> "
                    "<a class=\"button danger\" href=\"/%s/%D/delete\">%s</a>",
                    e->table, rec.id, T(r, M_EDIT), e->table, rec.id, T(r, M_DELETE));
    html_printf(o, "</div></div>\n<dl class=\"record\">");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const char *v = rec_display(&r->x, &rec, i);
        html_printf(o, "<dt>%s</dt><dd>", label(r, f));
        if (f->type == FT_REF && rec.v[i])
            html_printf(o, "<a href=\"/%s/%s\">%s</a>", f->ref, rec.v[i], v);
        else if (f->type == FT_REFS && rec.v[i])
            refs_links(r, f, rec.v[i]);
        else if (f->type == FT_URL && rec.v[i])
            html_printf(o, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>", rec.v[i], v);
        else if (f->type == FT_EMAIL && rec.v[i])
            html_printf(o, "<a href=\"mailto:%s\">%s</a>", rec.v[i], v);
        else if ((f->type == FT_COUNTRY || f->type == FT_SUBDIV) && rec.v[i])
            html_printf(o, "%s <small>(%s)</small>", v, rec.v[i]);
        else if (v && *v)
            html_printf(o, "%s", v);
        else
            html_printf(o, "<span class=\"empty\">—</span>");
        html_printf(o, "</dd>");
    }
    if (e->derived)
        html_printf(o, "<dt>%s</dt><dd><span class=\"state state-%s\">%s</span></dd>",
                    is_en(r) ? e->derived->en : e->derived->vi, rec_derived(&rec),
                    rec_derived_label(&rec, r->lang));
    char t1[32], t2[32];
    html_printf(o, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>\n", T(r, M_CREATED_AT),
                clock_local(rec.created_at, t1), T(r, M_UPDATED_AT),
                clock_local(rec.updated_at, t2));
    workflow_panel(r, &rec);
    attach_panel(r, &rec);
    for (const area_panel *ap = ngv_panels; ap->e; ap++)
        if (ap->e == e) ap->panel(r, &rec);
    /* records of other types that refer to this one */
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *oe = ngv_entities[k];
        for (int i = 0; i < oe->nfields; i++) {
            if ((oe->fields[i].type != FT_REF && oe->fields[i].type != FT_REFS) ||
                strcmp(oe->fields[i].ref, e->table))
                continue;
            long long cnt = 0;
            st_rec_count_refs(r->c, oe, i, rec.id, &cnt);
            html_printf(o, "<p class=\"related\"><a href=\"/%s?%s=%D\">%s: %D</a>", oe->table,
                        oe->fields[i].name, rec.id, ent_plural(r, oe), cnt);
            /* a new one already linked here: "the commitments this delegation produced" */
            if (role_can(r->x.role, PERM_WRITE))
                html_printf(o, " · <a href=\"/%s/new?%s=%D&amp;source=%s\">+ %s</a>", oe->table,
                            oe->fields[i].name, rec.id, e->name, T(r, M_NEW));
            html_printf(o, "</p>");
        }
    }
    audit_row *hist;
    int nh = 0;
    st_audit_list(r->c, &r->a, e->name, rec.id, 100, &hist, &nh);
    html_printf(o,
                "<section class=\"history\"><h2>%s</h2><table class=\"list\"><thead><tr>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(r, M_HISTORY), T(r, M_WHEN), T(r, M_WHO), T(r, M_ACTION), T(r, M_CHANGES));
    for (int i = 0; i < nh; i++) {
        html_printf(o,
                    "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
                    T(r, M_WHEN), clock_local(hist[i].at, t1), T(r, M_WHO), hist[i].username,
                    T(r, M_ACTION), action_label(r, hist[i].action), T(r, M_CHANGES));
        history_changes(r, &hist[i]);
        html_printf(o, "</td></tr>");
    }
    html_printf(o, "</tbody></table></section>\n");
    page_end(r);
}

/* ---- form */

static void form_field(req *r, const record *rec, int i, const verrs *ve)
{
    const field *f = &rec->e->fields[i];
    const char *v = rec->v[i];
    const char *err = err_text(r, ve, f->name);
    buf *o = &r->out;
    bool req_ = f->flags & F_REQUIRED;
    int maxlen = f->maxlen ? f->maxlen : (f->type == FT_LONGTEXT ? 5000 : 200);
    html_printf(o, "<div class=\"field%s\">", err ? " invalid" : "");
    if (f->type == FT_BOOL) {
        html_printf(o,
                    "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> "
                    "%s</label>",
                    f->name, v && !strcmp(v, "1") ? " checked" : "", label(r, f));
    } else {
        html_printf(o, "<label for=\"f-%s\">%s%s</label>", f->name, label(r, f), req_ ? " *" : "");
        switch (f->type) {
        case FT_LONGTEXT:
            html_printf(o,
                        "<textarea name=\"%s\" id=\"f-%s\" rows=\"4\" maxlength=\"%d\" "
                        "aria-invalid=\"%s\">%s"
                        "</textarea>",
                        f->name, f->name, maxlen, err ? "true" : "false", v);
            break;
        case FT_ENUM:
            enum_select(r, f, v, false);
            break;
        case FT_COUNTRY:
            country_select(r, f, v, false);
            break;
        case FT_SET:
            html_printf(o, "<span class=\"set\">");
            for (const enum_opt *opt = f->opts; opt->code; opt++) {
                bool on = false;
                size_t n = strlen(opt->code);
                for (const char *p = v; p && (p = strstr(p, opt->code)); p += n)
                    if ((p == v || p[-1] == ',') && (p[n] == ',' || !p[n])) on = true;
                html_printf(o,
                            "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" "
                            "value=\"%s\"%s> %s</label>",
                            f->name, opt->code, on ? " checked" : "", is_en(r) ? opt->en : opt->vi);
            }
            html_printf(o, "</span>");
            break;
        case FT_SUBDIV: {
            const char *country = f->country ? record_get(rec, f->country) : NULL;
            const ref_subdivision *subs = NULL;
            size_t ns = country ? refdata_subdivisions_of(country, &subs) : 0;
            html_printf(o,
                        "<input name=\"%s\" id=\"f-%s\" value=\"%s\" maxlength=\"6\" "
                        "list=\"dl-%s\" placeholder=\"LA-AT\" aria-invalid=\"%s\"><small>%s</small>"
                        "<datalist id=\"dl-%s\">",
                        f->name, f->name, v, f->name, err ? "true" : "false",
                        T(r, M_COUNTRY_SUBDIVS), f->name);
            for (size_t k = 0; k < ns; k++)
                html_printf(o, "<option value=\"%s\">%s</option>", subs[k].code,
                            refdata_subdivision_name(&subs[k], r->lang));
            html_printf(o, "</datalist>");
            break;
        }
        case FT_REF:
        case FT_REFS: {
            /* a list to choose from while it is short; ids typed in beyond that */
            bool many = f->type == FT_REFS;
            const entity *t = entity_by_table(f->ref);
            list_query q = {.sort = entity_title_index(t), .limit = 501};
            record *rows;
            int n = 0;
            st_rec_list(r->c, &r->a, t, &q, &rows, &n);
            if (n <= 500) {
                html_printf(o, "<select name=\"%s\" id=\"f-%s\"%s>", f->name, f->name,
                            many ? " multiple size=\"6\"" : "");
                if (!many) html_printf(o, "<option value=\"\">%s</option>", T(r, M_NONE));
                for (int k = 0; k < n; k++) {
                    const char *id = arena_printf(&r->a, "%lld", rows[k].id);
                    bool on = false;
                    size_t len = strlen(id);
                    for (const char *p = v; p && (p = strstr(p, id)); p += len)
                        if ((p == v || p[-1] == ',') && (p[len] == ',' || !p[len])) on = true;
                    html_printf(o, "<option value=\"%s\"%s>%s</option>", id, on ? " selected" : "",
                                rows[k].v[entity_title_index(t)]);
                }
                html_printf(o, "</select>");
            } else {
                html_printf(o, "<input name=\"%s\" id=\"f-%s\" value=\"%s\" %s>", f->name, f->name,
                            v, many ? "placeholder=\"3, 17, 42\"" : "inputmode=\"numeric\"");
            }
            break;
        }
        default: {
            const char *type = f->type == FT_EMAIL   ? "email"
                               : f->type == FT_URL   ? "url"
                               : f->type == FT_PHONE ? "tel"
                               : f->type == FT_DATE  ? "date"
                                                     : "text";
            html_printf(o,
                        "<input type=\"%s\" name=\"%s\" id=\"f-%s\" value=\"%s\" "
                        "maxlength=\"%d\"%s aria-invalid=\"%s\">",
                        type, f->name, f->name, v, maxlen, req_ ? " required" : "",
                        err ? "true" : "false");
        }
        }
    }
    if (err) html_printf(o, "<p class=\"ferr\" id=\"err-%s\">%s</p>", f->name, err);
    html_printf(o, "</div>\n");
}

static void form_page(req *r, const record *rec, const verrs *ve, int general)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    const char *title =
        rec->id ? arena_printf(&r->a, "%s: %s", T(r, M_EDIT), rec->v[entity_title_index(e)])
                : arena_printf(&r->a, "%s: %s", T(r, M_NEW), ent_single(r, e));
    page_begin(r, title);
    html_printf(o, "<p class=\"crumbs\"><a href=\"/%s\">%s</a> ›</p><h1>%s</h1>", e->table,
                ent_plural(r, e), title);
    if (general || ve->n)
        html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>",
                    T(r, general ? general : M_INVALID));
    for (int i = 0; i < ve->n; i++) /* errors about no field, or about an unknown one */
        if (!ve->e[i].field || entity_field_index(e, ve->e[i].field) < 0)
            html_printf(o, "<p class=\"error\">%s</p>", T(r, ve->e[i].msg));
    if (rec->id)
        html_printf(o, "<form class=\"record\" method=\"post\" action=\"/%s/%D\" novalidate>",
                    e->table, rec->id);
    else
        html_printf(o, "<form class=\"record\" method=\"post\" action=\"/%s\" novalidate>",
                    e->table);
    html_printf(o,
                "<p class=\"legend\">* %s</p><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\">",
                T(r, M_REQUIRED_MARK), r->csrf);
    if (rec->id)
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%D\">", rec->version);
    for (int i = 0; i < e->nfields; i++)
        if (!(e->fields[i].flags & F_READONLY)) form_field(r, rec, i, ve);
    html_printf(o,
                "<div class=\"buttons\"><button class=\"primary\">%s</button> "
                "<a class=\"button\" href=\"/%s%s\">%s</a></div></form>",
                T(r, M_SAVE), e->table, rec->id ? arena_printf(&r->a, "/%lld", rec->id) : "",
                T(r, M_CANCEL));
    page_end(r);
}

/* The record's fields from the submitted form: a set gathers every checked box, an
 * unchecked box sends nothing and means "no". */
static void form_to_record(req *r, record *rec)
{
    for (int i = 0; i < rec->e->nfields; i++) {
        const field *f = &rec->e->fields[i];
        if (f->type == FT_SET || f->type == FT_REFS) {
            buf b = {0};
            for (kv *k = r->form; k; k = k->next)
                if (!strcmp(k->key, f->name) && *k->val) {
                    if (b.len) buf_putc(&b, ',');
                    buf_puts(&b, k->val);
                }
            rec->v[i] = b.len ? arena_strdup(&r->a, buf_cstr(&b)) : NULL;
            buf_free(&b);
        } else if (f->type == FT_BOOL) {
            rec->v[i] = f_get(r, f->name) ? "1" : "0";
        } else {
            rec->v[i] = f_get(r, f->name);
        }
    }
}

void ui_new(req *r)
{
    record rec = rec_new(&r->a, r->ent);
    verrs ve = {0};
    /* fields may be preset by link: /contacts/new?partner_id=3 */
    for (int i = 0; i < r->ent->nfields; i++)
        rec.v[i] = q_get(r, r->ent->fields[i].name);
    form_page(r, &rec, &ve, 0);
}

static void after_write(req *r, rstatus rs, record *rec, verrs *ve)
{
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", r->ent->table, rec->id));
        return;
    }
    if (rs == RS_NOTFOUND) {
        page_error(r, 404, M_NOT_FOUND);
        return;
    }
    r->status = rs == RS_INVALID ? 422 : rs == RS_CONFLICT ? 409 : rs == RS_FORBIDDEN ? 403 : 500;
    form_page(r, rec, ve,
              rs == RS_CONFLICT    ? M_CONFLICT
              : rs == RS_FORBIDDEN ? M_FORBIDDEN
              : rs == RS_INVALID   ? 0
                                   : M_INTERNAL);
}

void ui_create(req *r)
{
    record rec = rec_new(&r->a, r->ent);
    verrs ve = {0};
    form_to_record(r, &rec);
    rstatus rs = rec_create(&r->x, &rec, &ve);
    after_write(r, rs, &rec, &ve);
}

void ui_edit(req *r)
{
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK) {
        page_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    verrs ve = {0};
    form_page(r, &rec, &ve, 0);
}

void ui_update(req *r)
{
    record rec = rec_new(&r->a, r->ent);
    verrs ve = {0};
    rec.id = r->id;
    const char *ver = f_get(r, "version");
    rec.version = ver ? strtoll(ver, NULL, 10) : 0;
    if (rec.version <= 0) rec.version = -1; /* a form always says which version it edits */
    form_to_record(r, &rec);
    rstatus rs = rec_update(&r->x, &rec, &ve);
    after_write(r, rs, &rec, &ve);
}

void ui_delete_confirm(req *r)
{
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK) {
        page_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    const char *title = rec.v[entity_title_index(r->ent)];
    page_begin(r, arena_printf(&r->a, "%s: %s", T(r, M_DELETE), title));
    html_printf(&r->out,
                "<h1>%s: %s</h1><p class=\"warning\">%s</p><form method=\"post\" "
                "action=\"/%s/%D/delete\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<button class=\"danger\">%s</button> <a class=\"button\" href=\"/%s/%D\">%s</a>"
                "</form>",
                T(r, M_DELETE), title, T(r, M_CONFIRM_DELETE), r->ent->table, rec.id, r->csrf,
                T(r, M_DELETE), r->ent->table, rec.id, T(r, M_CANCEL));
    page_end(r);
}

void ui_delete(req *r)
{
    long long in_use = 0;
    rstatus rs = rec_delete(&r->x, r->ent, r->id, &in_use);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s?deleted=1", r->ent->table));
        return;
    }
    if (rs == RS_IN_USE) {
        r->status = 409;
        page_begin(r, T(r, M_DELETE));
        html_printf(&r->out, "<p class=\"error\" role=\"alert\">");
        buf_printf(&r->out, msg(M_IN_USE, r->lang), in_use);
        html_printf(&r->out, "</p><p><a href=\"/%s/%D\">%s</a></p>", r->ent->table, r->id,
                    T(r, M_CANCEL));
        page_end(r);
        return;
    }
    page_error(r,
               rs == RS_NOTFOUND    ? 404
               : rs == RS_FORBIDDEN ? 403
                                    : 500,
               rs == RS_NOTFOUND    ? M_NOT_FOUND
               : rs == RS_FORBIDDEN ? M_FORBIDDEN
                                    : M_INTERNAL);
}
