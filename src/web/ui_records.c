/* The pages of every record type — list, detail with history, form, delete — built from
 * its description. A record type with nothing special needs no code here. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/commitment.h"
#include "../domain/entities.h"
#include "../domain/export.h"
#include "../domain/records.h"
#include "cache.h"
#include "ftypes_web.h"
#include "routes.h"
#include "attachments.h"
#include "panels.h"
#include "workflow.h"

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

/* ---- list */

/* The order of a list when the user chose none: what people look for first. Upcoming or
 * most urgent first where a type has a deadline, the latest trips first where it has a
 * start date, else the newest records. (A per-type choice written here rather than in
 * the descriptions: only the pages use it; the API keeps creation order, which its
 * `after` cursor needs.) */
static void default_sort(const entity *e, list_query *q)
{
    int fi = entity_field_index(e, "deadline");
    if (fi >= 0 && (e->fields[fi].flags & F_SORT)) {
        q->sort = fi, q->desc = false;
        return;
    }
    fi = entity_field_index(e, "start_date");
    if (fi >= 0 && (e->fields[fi].flags & F_SORT)) {
        q->sort = fi, q->desc = true;
        return;
    }
    q->sort = -1, q->desc = true;
}

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
        /* "overdue", a choice of the commitments' status (listq.c: its filters) */
        bool overdue = e == &commitment_entity && !strcmp(f->name, "status");
        const enum_opt od = {"overdue", msg(M_STATE_OVERDUE, "vi"), msg(M_STATE_OVERDUE, "en")};
        ftype_web_of(f)->filter(r, f, q_get(r, f->name), overdue ? &od : NULL);
    }
    if (e->derived) { /* a computed value: one of its options */
        const derived_field *d = e->derived;
        const field df = {
            .name = d->name, .type = FT_ENUM, .vi = d->vi, .en = d->en, .opts = d->opts};
        ftype_web_of(&df)->filter(r, &df, q_get(r, d->name), NULL);
    }
    const char *sort = q_get(r, "sort");
    html_printf(o, "<label>%s<select name=\"sort\"><option value=\"\">%s</option>", T(r, M_SORT_BY),
                T(r, M_DEFAULT_ORDER));
    html_printf(o,
                sort && !strcmp(sort, "-id") ? "<option value=\"-id\" selected>%s</option>"
                                             : "<option value=\"-id\">%s</option>",
                T(r, M_NEWEST));
    html_printf(o,
                sort && !strcmp(sort, "id") ? "<option value=\"id\" selected>%s</option>"
                                            : "<option value=\"id\">%s</option>",
                T(r, M_OLDEST));
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_SORT)) continue;
        for (int d = 0; d < 2; d++) {
            const char *key = arena_printf(&r->a, "%s%s", d ? "-" : "", f->name);
            html_printf(o,
                        sort && !strcmp(sort, key) ? "<option value=\"%s\" selected>%s %s</option>"
                                                   : "<option value=\"%s\">%s %s</option>",
                        key, field_label(r, f), d ? "↓" : "↑");
        }
    }
    html_printf(o,
                "</select></label><button type=\"submit\">%s</button> <a class=\"button\" "
                "href=\"/%s\">%s</a></form>\n",
                T(r, M_FILTER), e->table, T(r, M_CLEAR));
    (void)q;
}

/* A column head: a link that sorts by the column (ascending first, then the other way),
 * the present order shown by an arrow and aria-sort. */
static void list_head(req *r, const list_query *q, int i)
{
    const entity *e = r->ent;
    const field *f = &e->fields[i];
    buf *o = &r->out;
    if (!(f->flags & F_SORT)) {
        html_printf(o, "<th scope=\"col\">%s</th>", field_label(r, f));
        return;
    }
    bool on = q->sort == i, desc = on && q->desc;
    const char *next = arena_printf(&r->a, "%s%s", on && !desc ? "-" : "", f->name);
    if (on)
        html_printf(o, desc ? "<th scope=\"col\" aria-sort=\"descending\">"
                            : "<th scope=\"col\" aria-sort=\"ascending\">");
    else
        html_printf(o, "<th scope=\"col\">");
    html_printf(o, "<a class=\"sort\" href=\"/%s%s\">%s", e->table,
                query_with2(r, "sort", next, "offset", ""), field_label(r, f));
    if (on)
        html_printf(o, " <span aria-hidden=\"true\">%s</span><span class=\"vh\"> (%s)</span>",
                    desc ? "↓" : "↑", T(r, desc ? M_SORT_DESC : M_SORT_ASC));
    html_printf(o, "</a></th>");
}

/* Page numbers: 1 … around the present page … N; the present one aria-current. */
static void list_pager(req *r, const list_query *q, int n, long long total)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    long long pages = (total + q->limit - 1) / q->limit, cur = q->offset / q->limit + 1;
    if (pages <= 1 && q->offset == 0) return;
    html_printf(o, "<nav class=\"pager\" aria-label=\"%s\">", T(r, M_PAGES));
    if (q->offset > 0) {
        long long prev = q->offset > q->limit ? q->offset - q->limit : 0;
        html_printf(
            o, "<a rel=\"prev\" href=\"/%s%s\">%s</a>", e->table,
            query_with2(r, "offset", prev ? arena_printf(&r->a, "%lld", prev) : "", "after", ""),
            T(r, M_PREV));
    }
    long long last_shown = 0;
    for (long long p = 1; p <= pages; p++) {
        if (p != 1 && p != pages && (p < cur - 2 || p > cur + 2)) continue;
        if (last_shown && p > last_shown + 1) html_printf(o, "<span class=\"gap\">…</span>");
        last_shown = p;
        const char *off = p > 1 ? arena_printf(&r->a, "%lld", (p - 1) * q->limit) : "";
        const char *name = arena_printf(&r->a, msg(M_PAGE_N, r->lang), p);
        if (p == cur)
            html_printf(o, "<a aria-current=\"page\" aria-label=\"%s\" href=\"/%s%s\">%D</a>", name,
                        e->table, query_with2(r, "offset", off, "after", ""), p);
        else
            html_printf(o, "<a aria-label=\"%s\" href=\"/%s%s\">%D</a>", name, e->table,
                        query_with2(r, "offset", off, "after", ""), p);
    }
    if (q->offset + n < total)
        html_printf(
            o, "<a rel=\"next\" href=\"/%s%s\">%s</a>", e->table,
            query_with2(r, "offset", arena_printf(&r->a, "%lld", q->offset + n), "after", ""),
            T(r, M_NEXT));
    html_printf(o, "</nav>\n");
}

static const char *field_lang(req *r, const record *rec, const field *f);

void ui_list(req *r)
{
    const entity *e = r->ent;
    /* a user of a partner agency opens the lists of a type with an agency rule filtered to
     * their agency, the filter in the address and in the form (choosing "all" clears it) */
    int af = e->agency_field ? entity_field_index(e, e->agency_field) : -1;
    if (r->x.role == ROLE_AGENCY && af >= 0 && !strcmp(e->fields[af].ref, "agencies") &&
        r->x.agency_id > 0 && !q_get(r, e->agency_field)) {
        const char *rest =
            query_with(r, e->agency_field, arena_printf(&r->a, "%lld", r->x.agency_id));
        redirect(r, arena_printf(&r->a, "/%s%s", e->table, rest));
        return;
    }
    list_query q;
    verrs ve = {0};
    if (!list_query_from_request(r, &q, &ve)) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    const char *sort = q_get(r, "sort");
    if ((!sort || !*sort) && !q.after) default_sort(e, &q);
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
    /* The list under the frame is the same for every reader of a role, language and day
     * (computed values follow the date) until the data changes: kept in the response cache,
     * while the frame (who is signed in, their notices, the CSRF token) is made each time. */
    buf *o = &r->out;
    char today[11];
    const char *key = arena_printf(&r->a, "list-html|%d|%s|%s|%s", (int)r->x.role, r->lang,
                                   clock_today(today), request_uri(r));
    long long version = req_version(r);
    page_begin(r, ent_plural(r, e));
    if (version >= 0 && cache_get(r->w->cache, key, version, o)) {
        page_end(r);
        return;
    }
    size_t start = o->len;
    record *rows;
    int n;
    long long total = 0;
    if (st_rec_list(r->c, &r->a, e, &q, &rows, &n) || st_rec_count(r->c, e, &q, &total)) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", ent_plural(r, e));
    if (rec_may_write(&r->x, e, AG_CREATE))
        html_printf(o, "<a class=\"button primary\" href=\"/%s/new\">%s</a>", e->table,
                    T(r, M_NEW));
    html_printf(o,
                " <a class=\"button\" href=\"/%s%s\">%s</a> <a class=\"button\" "
                "href=\"/%s%s\">%s</a>",
                e->table, query_with2(r, "format", "csv", "offset", ""), T(r, M_EXPORT_CSV),
                e->table, query_with2(r, "format", "xlsx", "offset", ""), T(r, M_EXPORT_XLSX));
    if (role_can(r->x.role, PERM_WRITE))
        html_printf(o, " <a class=\"button\" href=\"/%s/import\">%s</a>", e->table,
                    T(r, M_IMPORT_CSV));
    html_printf(o, "</div></div>\n");
    if (q_get(r, "deleted"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_DELETED));
    list_filters(r, &q);
    if (n == 0 && total == 0) { /* nothing to show: say why, offer the way out */
        if (q.nf || q.words)
            html_printf(o, "<p class=\"empty-state\">%s <a href=\"/%s\">%s</a></p>\n",
                        T(r, M_NO_MATCH), e->table, T(r, M_CLEAR));
        else
            html_printf(o, "<p class=\"empty-state\">%s</p>\n", T(r, M_NO_RECORDS));
        if (version >= 0) cache_put(r->w->cache, key, version, o->data + start, o->len - start);
        page_end(r);
        return;
    }
    html_printf(o, "<p class=\"count\">");
    buf_printf(o, msg(M_SHOWING, r->lang), (long long)n);
    buf_putc(o, ' ');
    buf_printf(o, msg(M_OF_TOTAL, r->lang), total);
    html_printf(o, "</p>\n<div class=\"table-wrap\"><table class=\"list\"><thead><tr>");
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & F_LIST) list_head(r, &q, i);
    if (e->derived)
        html_printf(o, "<th scope=\"col\">%s</th>", is_en(r) ? e->derived->en : e->derived->vi);
    html_printf(o, "</tr></thead><tbody>\n");
    int ti = entity_title_index(e);
    /* an English page links the record from its English name when that is a column too
     * (partners: "Name in Vietnamese" stays Vietnamese, marked so) */
    int ei = is_en(r) ? rec_title_en_index(e) : -1;
    if (ei >= 0 && !(e->fields[ei].flags & F_LIST)) ei = -1;
    for (int k = 0; k < n; k++) {
        html_printf(o, "<tr>");
        int link = ei >= 0 && rows[k].v[ei] && *rows[k].v[ei] ? ei : ti;
        for (int i = 0; i < e->nfields; i++) {
            const field *f = &e->fields[i];
            if (!(f->flags & F_LIST)) continue;
            html_printf(o, "<td data-label=\"%s\">", field_label(r, f));
            if (i == link && link == ei) {
                int w = rec_warning(&rows[k]);
                html_printf(o, "<a href=\"/%s/%D\">%s</a>", e->table, rows[k].id, rows[k].v[ei]);
                if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
            } else if (i == ti && link != ti) { /* the Vietnamese name beside its twin */
                html_printf(o, "<span lang=\"vi\">%s</span>", rows[k].v[ti]);
            } else if (i == ti) {
                int w = rec_warning(&rows[k]);
                bool vi_only = false;
                const char *title = rec_title(&r->x, &rows[k], &vi_only);
                html_printf(o,
                            vi_only ? "<a href=\"/%s/%D\" lang=\"vi\">%s</a>"
                                    : "<a href=\"/%s/%D\">%s</a>",
                            e->table, rows[k].id, title);
                if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
            } else {
                const char *lang = rows[k].v[i] ? field_lang(r, &rows[k], f) : NULL;
                ftype_web_of(f)->cell(r, &rows[k], i, lang);
            }
            html_printf(o, "</td>");
        }
        if (e->derived)
            html_printf(o, "<td data-label=\"%s\"><span class=\"state state-%s\">%s</span></td>",
                        is_en(r) ? e->derived->en : e->derived->vi, rec_derived(&rows[k]),
                        rec_derived_label(&rows[k], r->lang));
        html_printf(o, "</tr>\n");
    }
    html_printf(o, "</tbody></table></div>\n");
    list_pager(r, &q, n, total);
    if (version >= 0) cache_put(r->w->cache, key, version, o->data + start, o->len - start);
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
    else if (json_is_real(v)) /* 15 digits: as many as a number is given with (ft_number.c) */
        one.v[fi] = arena_printf(&r->a, "%.15g", json_real_value(v));
    else if (json_is_array(v)) { /* a set of codes, or ids of several records (FT_REFS) */
        buf b = {0};
        size_t i;
        json_t *el;
        json_array_foreach(v, i, el)
        {
            if (b.len) buf_putc(&b, ',');
            if (json_is_integer(el))
                buf_printf(&b, "%lld", (long long)json_integer_value(el));
            else if (json_is_string(el))
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
            html_printf(&r->out, "<li><b>%s</b>: <del>%s</del> → <ins>%s</ins></li>",
                        field_label(r, f), audit_value(r, i, a), audit_value(r, i, b));
        else
            html_printf(&r->out, "<li><b>%s</b>: %s</li>", field_label(r, f),
                        audit_value(r, i, new ? b : a));
    }
    /* an attached file added or removed (domain/attach.c writes {"attachment": {name, ...}}) */
    json_t *fa = old ? json_object_get(old, "attachment") : NULL;
    json_t *fb = new ? json_object_get(new, "attachment") : NULL;
    if (fb && !fa)
        html_printf(&r->out, "<li><b>%s</b>: <ins>%s</ins></li>", T(r, M_ATTACH_ADDED),
                    json_string_value(json_object_get(fb, "name")));
    else if (fa && !fb)
        html_printf(&r->out, "<li><b>%s</b>: <del>%s</del></li>", T(r, M_ATTACH_REMOVED),
                    json_string_value(json_object_get(fa, "name")));
    html_printf(&r->out, "</ul>");
    json_decref(old);
    json_decref(new);
}

/* The language of a name in the partner's own script (name_native), from the record's
 * country: the descriptions store that name without its language. NULL when unknown. */
static const char *native_lang(const record *rec)
{
    static const char *map[][2] = {
        {"LA", "lo"}, {"KH", "km"}, {"TH", "th"}, {"KR", "ko"}, {"KP", "ko"}, {"CN", "zh"},
        {"TW", "zh"}, {"JP", "ja"}, {"MM", "my"}, {"RU", "ru"}, {"FR", "fr"}, {"DE", "de"},
        {"US", "en"}, {"GB", "en"}, {"AU", "en"}, {"IN", "hi"}, {"ID", "id"}, {"MY", "ms"},
    };
    const char *c = record_get(rec, "country");
    for (size_t i = 0; c && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(c, map[i][0])) return map[i][1];
    return NULL;
}

/* The language a field's text is in, when it is not the page's: "vi" for a field stored
 * in Vietnamese (name_vi, title_vi) on an English page, "en" for name_en/title_en on a
 * Vietnamese one, the native language for name_native. NULL: the page's language. */
static const char *field_lang(req *r, const record *rec, const field *f)
{
    size_t n = strlen(f->name);
    if (!strcmp(f->name, "name_native")) return native_lang(rec);
    if (n > 3 && !strcmp(f->name + n - 3, "_vi")) return is_en(r) ? "vi" : NULL;
    if (n > 3 && !strcmp(f->name + n - 3, "_en")) return is_en(r) ? NULL : "en";
    return NULL;
}

/* Whether an entry of the history made a version of what input may set (a creation, or an
 * update that changed such a field; not a workflow step, not a file attached). */
static bool content_version(const entity *e, const audit_row *h)
{
    if (!h->new_json || (strcmp(h->action, "create") && strcmp(h->action, "update"))) return false;
    if (!strcmp(h->action, "create")) return true;
    json_t *a = h->old_json ? json_loads(h->old_json, 0, NULL) : NULL;
    json_t *b = json_loads(h->new_json, 0, NULL);
    bool changed = false;
    for (int i = 0; a && b && !changed && i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->flags & (F_READONLY | F_PRIVATE)) continue;
        changed = !json_equal(json_object_get(a, f->name), json_object_get(b, f->name));
    }
    json_decref(a);
    json_decref(b);
    return changed;
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
    bool vi_only = false;
    const char *title = rec_title(&r->x, &rec, &vi_only);
    page_begin(r, title);
    html_printf(o, "<p class=\"crumbs\"><a href=\"/%s\">%s</a> ›</p>", e->table, ent_plural(r, e));
    if (q_get(r, "saved"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_SAVED));
    html_printf(o,
                vi_only ? "<div class=\"head\"><h1 lang=\"vi\">%s</h1><div class=\"actions\">"
                        : "<div class=\"head\"><h1>%s</h1><div class=\"actions\">",
                title);
    bool frozen = rec_frozen(&rec); /* an issued document: neither changed nor deleted */
    if (!frozen && rec_may_write(&r->x, e, AG_UPDATE) && rec_may_act(&r->x, &rec))
        html_printf(o, "<a class=\"button primary\" href=\"/%s/%D/edit\">%s</a> ", e->table, rec.id,
                    T(r, M_EDIT));
    if (!frozen && role_can(r->x.role, PERM_WRITE))
        html_printf(o, "<a class=\"button danger\" href=\"/%s/%D/delete\">%s</a>", e->table, rec.id,
                    T(r, M_DELETE));
    html_printf(o, "</div></div>\n");
    if (frozen) html_printf(o, "<p class=\"notice\" role=\"note\">%s</p>\n", T(r, M_FROZEN));
    int warn = e->transitions ? -1 : rec_warning(&rec); /* a workflow's panel says its own */
    if (warn >= 0) html_printf(o, "<p class=\"warning\" role=\"note\">%s</p>\n", T(r, warn));
    html_printf(o, "<dl class=\"record\">");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const char *v = rec_display(&r->x, &rec, i);
        const char *lang = rec.v[i] ? field_lang(r, &rec, f) : NULL;
        if (lang)
            html_printf(o, "<dt>%s</dt><dd lang=\"%s\">", field_label(r, f), lang);
        else
            html_printf(o, "<dt>%s</dt><dd>", field_label(r, f));
        const char *sv = rec.v[i] ? rec.v[i] : ftype_of(f)->empty;
        if (sv)
            ftype_web_of(f)->detail(r, f, sv, v);
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
    revisions_panel(r, &rec);
    children_panels(r, &rec);
    /* records of other types that refer to this one */
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *oe = ngv_entities[k];
        for (int i = 0; i < oe->nfields; i++) {
            if (!(ftype_of(&oe->fields[i])->props & FTP_REFERS) ||
                strcmp(oe->fields[i].ref, e->table) || children_lists(e, oe, oe->fields[i].name))
                continue;
            long long cnt = 0;
            st_rec_count_refs(r->c, oe, i, rec.id, &cnt);
            html_printf(o, "<p class=\"related\"><a href=\"/%s?%s=%D\">%s: %D</a>", oe->table,
                        oe->fields[i].name, rec.id, ent_plural(r, oe), cnt);
            /* a new one already linked here: "the commitments this delegation produced" */
            if (rec_may_write(&r->x, oe, AG_CREATE))
                html_printf(o, " · <a href=\"/%s/new?%s=%D&amp;source=%s\">+ %s</a>", oe->table,
                            oe->fields[i].name, rec.id, e->name, T(r, M_NEW));
            html_printf(o, "</p>");
        }
    }
    audit_row *hist;
    int nh = 0;
    st_audit_list(r->c, &r->a, e->name, rec.id, 100, &hist, &nh);
    /* a type whose versions are restorable (an article's revisions): each earlier version
     * can be written again */
    bool restore =
        e->restorable && !frozen && rec_may_write(&r->x, e, AG_UPDATE) && rec_may_act(&r->x, &rec);
    html_printf(o,
                "<section class=\"history\"><h2>%s</h2><table class=\"list\">"
                "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
                T(r, restore ? M_VERSIONS : M_HISTORY), T(r, M_WHEN), T(r, M_WHO), T(r, M_ACTION),
                T(r, M_CHANGES));
    if (restore) html_printf(o, "<th><span class=\"sr\">%s</span></th>", T(r, M_RESTORE));
    html_printf(o, "</tr></thead><tbody>");
    bool current = true; /* the newest version with content is the record as it is */
    for (int i = 0; i < nh; i++) {
        html_printf(o,
                    "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
                    T(r, M_WHEN), clock_local(hist[i].at, t1), T(r, M_WHO), hist[i].username,
                    T(r, M_ACTION), action_label(r, hist[i].action), T(r, M_CHANGES));
        history_changes(r, &hist[i]);
        html_printf(o, "</td>");
        bool version = content_version(e, &hist[i]);
        if (restore && version && !current)
            html_printf(o,
                        "<td><form method=\"post\" action=\"/%s/%D/restore\"><input "
                        "type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
                        "name=\"audit\" value=\"%D\"><input type=\"hidden\" name=\"version\" "
                        "value=\"%D\"><button type=\"submit\">%s</button></form></td>",
                        e->table, rec.id, r->csrf, hist[i].id, rec.version, T(r, M_RESTORE));
        else if (restore)
            html_printf(o, "<td>%s</td>", version ? T(r, M_REVISION_CURRENT) : "");
        current = current && !version;
        html_printf(o, "</tr>");
    }
    html_printf(o, "</tbody></table></section>\n");
    page_end(r);
}

/* ---- form */

/* One field of a form: its control and label, and its error when it has one. */
static void form_field(req *r, const record *rec, int i, const verrs *ve)
{
    const field *f = &rec->e->fields[i];
    const char *err = err_text(r, ve, f->name);
    buf *o = &r->out;
    html_printf(o, err ? "<div class=\"field invalid\">" : "<div class=\"field\">");
    ftype_web_of(f)->control(r, rec, i, err != NULL);
    if (f->hint_vi) html_printf(o, "<p class=\"hint\">%s</p>", is_en(r) ? f->hint_en : f->hint_vi);
    if (err) html_printf(o, "<p class=\"ferr\" id=\"err-%s\">%s</p>", f->name, err);
    html_printf(o, "</div>\n");
}

static void form_page(req *r, const record *rec, const verrs *ve, int general)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    const char *name = rec->id ? rec_title(&r->x, rec, NULL) : NULL;
    const char *title = rec->id ? arena_printf(&r->a, "%s: %s", T(r, M_EDIT), name ? name : "")
                                : arena_printf(&r->a, "%s: %s", T(r, M_NEW), ent_single(r, e));
    page_begin(r, title);
    html_printf(o, "<p class=\"crumbs\"><a href=\"/%s\">%s</a> ›</p><h1>%s</h1>", e->table,
                ent_plural(r, e), title);
    if (general || ve->n)
        html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>",
                    T(r, general ? general : M_INVALID));
    for (int i = 0; i < ve->n; i++) { /* errors about no field, an unknown one, or one the
                                       * form does not show (a quota's year and province, kept
                                       * unique together in a read-only key) */
        int fi = ve->e[i].field ? entity_field_index(e, ve->e[i].field) : -1;
        const char *m = arena_printf(&r->a, T(r, ve->e[i].msg), ve->e[i].arg);
        if (fi < 0)
            html_printf(o, "<p class=\"error\">%s</p>", m);
        else if (e->fields[fi].flags & F_READONLY)
            html_printf(o, "<p class=\"error\">%s: %s</p>", field_label(r, &e->fields[fi]), m);
    }
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
    for (int i = 0; i < e->nfields; i++) {
        if (e->fields[i].flags & F_READONLY) continue;
        if (rec->id && !rec_agency_may_edit(&r->x, e, i)) { /* shown, not for this user */
            const char *v = rec->v[i] ? rec_display(&r->x, rec, i) : "—";
            html_printf(o, "<div class=\"field fixed\"><span class=\"label\">%s</span> %s</div>\n",
                        field_label(r, &e->fields[i]), v);
            continue;
        }
        form_field(r, rec, i, ve);
    }
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> "
                "<a class=\"button\" href=\"/%s%s\">%s</a></div></form>",
                T(r, M_SAVE), e->table, rec->id ? arena_printf(&r->a, "/%lld", rec->id) : "",
                T(r, M_CANCEL));
    page_end(r);
}

/* The record's fields from the submitted form, each as its type reads it (a set gathers
 * every checked box, an unchecked box means "no"). A field of one value sent twice with
 * two values is an error in ve (one of them would be dropped without a word); false then. */
static bool form_to_record(req *r, record *rec, verrs *ve)
{
    bool ok = true;
    for (int i = 0; i < rec->e->nfields; i++) {
        const field *f = &rec->e->fields[i];
        rec->v[i] = ftype_web_of(f)->from_form(r, f);
        if (!ftype_web_single(f)) continue;
        const char *first = NULL;
        for (kv *k = r->form; k; k = k->next) {
            if (strcmp(k->key, f->name)) continue;
            if (!first)
                first = k->val;
            else if (strcmp(first, k->val)) {
                verrs_add(ve, f->name, M_FORM_TWICE, 0);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

void ui_new(req *r)
{
    record rec = rec_new(&r->a, r->ent);
    verrs ve = {0};
    /* fields may be preset by link: /contacts/new?partner_id=3 */
    for (int i = 0; i < r->ent->nfields; i++)
        rec.v[i] = q_get(r, r->ent->fields[i].name);
    /* and what the records they refer to hold (a commitment from its delegation takes its
     * country and partner) */
    rec_prefill(&r->x, &rec);
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
    rstatus rs = form_to_record(r, &rec, &ve) ? rec_create(&r->x, &rec, &ve) : RS_INVALID;
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
    /* the route admits an agency user where the type lets agencies update: only on its own
     * agency's records (the save refuses the others; the form is not offered either) */
    if (!rec_may_act(&r->x, &rec)) {
        page_error(r, 403, M_FORBIDDEN);
        return;
    }
    if (rec_frozen(&rec)) {
        page_error(r, 409, M_FROZEN);
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
    if (!form_to_record(r, &rec, &ve)) {
        after_write(r, RS_INVALID, &rec, &ve);
        return;
    }
    /* the fields this user may not change are not in its form: they stay as stored */
    record old;
    bool some_fixed = false;
    for (int i = 0; i < r->ent->nfields; i++)
        some_fixed = some_fixed || !rec_agency_may_edit(&r->x, r->ent, i);
    if (some_fixed && rec_get(&r->x, r->ent, r->id, &old) == RS_OK)
        for (int i = 0; i < r->ent->nfields; i++)
            if (!rec_agency_may_edit(&r->x, r->ent, i)) rec.v[i] = old.v[i];
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
    if (rec_frozen(&rec)) {
        page_error(r, 409, M_FROZEN);
        return;
    }
    const char *title = rec_title(&r->x, &rec, NULL);
    page_begin(r, arena_printf(&r->a, "%s: %s", T(r, M_DELETE), title));
    html_printf(&r->out,
                "<h1>%s: %s</h1><p class=\"warning\">%s</p><form method=\"post\" "
                "action=\"/%s/%D/delete\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<button type=\"submit\" class=\"danger\">%s</button> <a class=\"button\" "
                "href=\"/%s/%D\">%s</a>"
                "</form>",
                T(r, M_DELETE), title, T(r, M_CONFIRM_DELETE), r->ent->table, rec.id, r->csrf,
                T(r, M_DELETE), r->ent->table, rec.id, T(r, M_CANCEL));
    page_end(r);
}

/* The records that refer to r->id, which keep it from being deleted: per referring field,
 * up to 10 links and how many more. They are the rows the list of that type shows when
 * filtered on the field (as the detail page's "related" links do). */
static void in_use_list(req *r)
{
    buf *o = &r->out;
    html_printf(o, "<p>%s</p><ul class=\"in-use\">", T(r, M_IN_USE_BY));
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *oe = ngv_entities[k];
        for (int i = 0; i < oe->nfields; i++) {
            const field *f = &oe->fields[i];
            if (!(ftype_of(f)->props & FTP_REFERS) || strcmp(f->ref, r->ent->table)) continue;
            long long cnt = 0;
            if (st_rec_count_refs(r->c, oe, i, r->id, &cnt) || !cnt) continue;
            list_query q = {.sort = -1, .limit = 10, .nf = 1};
            q.f[0] = (list_filter){i, arena_printf(&r->a, "%lld", r->id), '='};
            record *rows;
            int n = 0;
            if (st_rec_list(r->c, &r->a, oe, &q, &rows, &n)) continue;
            html_printf(o, "<li>%s (%s):<ul>", ent_plural(r, oe), is_en(r) ? f->en : f->vi);
            int di = -1; /* a date tells apart records of the same title (yearly visits) */
            for (int j = 0; j < oe->nfields && di < 0; j++)
                if (oe->fields[j].type == FT_DATE && (oe->fields[j].flags & F_LIST)) di = j;
            for (int j = 0; j < n; j++) {
                bool vi_only = false;
                const char *title = rec_title(&r->x, &rows[j], &vi_only);
                html_printf(o,
                            vi_only ? "<li><a href=\"/%s/%D\" lang=\"vi\">%s</a>"
                                    : "<li><a href=\"/%s/%D\">%s</a>",
                            oe->table, rows[j].id, title);
                if (di >= 0 && rows[j].v[di])
                    html_printf(o, " <small>%s</small>", rec_display(&r->x, &rows[j], di));
                html_printf(o, "</li>");
            }
            if (cnt > n) {
                html_printf(o, "<li><a href=\"/%s?%s=%D\">", oe->table, f->name, r->id);
                buf_printf(o, msg(M_AND_MORE, r->lang), cnt - n);
                html_printf(o, "</a></li>");
            }
            html_printf(o, "</ul></li>");
        }
    }
    html_printf(o, "</ul>");
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
        record rec;
        const char *title =
            rec_get(&r->x, r->ent, r->id, &rec) == RS_OK ? rec_title(&r->x, &rec, NULL) : NULL;
        const char *head = arena_printf(&r->a, "%s: %s", T(r, M_DELETE), title ? title : "");
        page_begin(r, head);
        html_printf(&r->out, "<h1>%s</h1><p class=\"error\" role=\"alert\">", head);
        buf_printf(&r->out, msg(M_IN_USE, r->lang), in_use);
        html_printf(&r->out, "</p>");
        in_use_list(r);
        html_printf(&r->out, "<p><a href=\"/%s/%D\">%s</a></p>", r->ent->table, r->id,
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

/* POST /:e/:id/restore (audit, version): an earlier version of the record written again, its
 * fields that input may set taken from that entry of its history (entity.restorable); the
 * restore is itself a new version. */
void ui_restore(req *r)
{
    const entity *e = r->ent;
    if (!e->restorable) {
        page_error(r, 404, M_NOT_FOUND);
        return;
    }
    record rec;
    rstatus rs = rec_get(&r->x, e, r->id, &rec);
    if (rs != RS_OK) {
        page_rstatus(r, rs);
        return;
    }
    long long aid = f_get(r, "audit") ? strtoll(f_get(r, "audit"), NULL, 10) : 0;
    audit_row *hist;
    int nh = 0;
    st_audit_list(r->c, &r->a, e->name, rec.id, 1000, &hist, &nh);
    const audit_row *h = NULL;
    for (int i = 0; i < nh; i++)
        if (hist[i].id == aid) h = &hist[i];
    json_t *old = h && h->new_json ? json_loads(h->new_json, 0, NULL) : NULL;
    if (!old) {
        page_error(r, 404, M_NOT_FOUND);
        return;
    }
    /* the fields input may set, as that version had them (an empty one empty) */
    json_t *pick = json_object();
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->flags & (F_READONLY | F_PRIVATE)) continue;
        json_t *v = json_object_get(old, f->name);
        json_object_set(pick, f->name, v ? v : json_null());
    }
    json_decref(old);
    verrs ve = {0};
    rec_from_json(&r->a, &rec, pick, &ve);
    json_decref(pick);
    const char *ver = f_get(r, "version");
    rec.version = ver ? strtoll(ver, NULL, 10) : -1;
    rs = ve.n ? RS_INVALID : rec_update(&r->x, &rec, &ve);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", e->table, rec.id));
        return;
    }
    if (rs == RS_INVALID || rs == RS_CONFLICT) {
        r->status = rs == RS_CONFLICT ? 409 : 422;
        form_page(r, &rec, &ve, rs == RS_CONFLICT ? M_CONFLICT : 0);
        return;
    }
    page_rstatus(r, rs);
}
