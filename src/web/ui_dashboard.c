/* The first page after login, and GET /api/v1/dashboard: what the department must not
 * miss (overdue commitments by agency, late delegation reports), what is coming (the next
 * 30 days' delegations), and this year against last. Every figure is the count of a list
 * and links to that list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/commitment.h"
#include "../domain/calendar.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "cache.h"
#include "dashboard.h"
#include "ftypes_web.h"
#include "routes.h"

static const char *shift(arena *a, const char *day, int offset)
{
    struct tm tm = {0};
    strptime(day, "%Y-%m-%d", &tm);
    time_t t = timegm(&tm) + (time_t)offset * 86400;
    gmtime_r(&t, &tm);
    char out[11];
    strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return arena_strdup(a, out);
}

static list_filter flt(const entity *e, const char *name, const char *value, char op)
{
    return (list_filter){entity_field_index(e, name), value, op};
}

/* The figures, with the query string of the list behind each. */
typedef struct {
    int label;
    long long n;
    const char *table, *query;
} figure;

static long long count_q(req *r, const entity *e, const list_query *q)
{
    long long n = 0;
    st_rec_count(r->c, e, q, &n);
    return n;
}

static long long count(req *r, const entity *e, const list_filter *f, int nf)
{
    list_query q = {.sort = -1};
    for (int i = 0; i < nf; i++)
        q.f[q.nf++] = f[i];
    long long n = 0;
    st_rec_count(r->c, e, &q, &n);
    return n;
}

void dashboard_figures(req *r, dashboard *d)
{
    char today[11];
    clock_today(today);
    arena *a = &r->a;
    const entity *de = &delegation_entity, *ce = &commitment_entity;
    d->today = arena_strdup(a, today);
    /* overdue commitments (commitment_overdue's filter), and by agency */
    list_query oq = {.sort = -1};
    commitment_overdue_filter(ce, today, &oq);
    d->overdue = count_q(r, ce, &oq);
    d->overdue_query = list_query_params(a, ce, &oq);
    st_rec_group(r->c, a, ce, entity_field_index(ce, "agency_id"), &oq, 20, &d->by_agency,
                 &d->nby_agency);
    /* late reports: the trip over more than the allowed days ago, no report filed (the
     * delegation's rule, as its warning says) */
    list_query lq = {.sort = -1};
    delegation_late_filter(de, today, &lq);
    d->late = count_q(r, de, &lq);
    d->late_query = list_query_params(a, de, &lq);
    /* the next 30 days */
    const char *in30 = shift(a, today, 30);
    list_filter nx[] = {flt(de, "start_date", today, '>'), flt(de, "start_date", in30, '<'),
                        flt(de, "status", "proposed,approved,under_way", 'i')};
    d->upcoming = count(r, de, nx, 3);
    d->upcoming_query = arena_printf(
        a, "start_date_from=%s&start_date_to=%s&status=proposed,approved,under_way&sort=start_date",
        today, in30);
    list_query uq = {.sort = entity_field_index(de, "start_date"),
                     .limit = 10,
                     .nf = 3,
                     .f = {nx[0], nx[1], nx[2]}};
    st_rec_list(r->c, a, de, &uq, &d->next, &d->nnext);
    /* proposals waiting for a leader's approval, the soonest trip first */
    list_filter pf[] = {flt(de, "status", "proposed", '=')};
    d->pending = count(r, de, pf, 1);
    list_query pq = {
        .sort = entity_field_index(de, "start_date"), .limit = 10, .nf = 1, .f = {pf[0]}};
    st_rec_list(r->c, a, de, &pq, &d->proposals, &d->nproposals);
    /* agreements ending within 90 days: the agreement's own rule, as its list uses it */
    list_query eq = {.sort = -1};
    d->expiring = 0;
    if (agreement_entity.derived->filter(&agreement_entity, "expiring", d->today, &eq))
        st_rec_count(r->c, &agreement_entity, &eq, &d->expiring);
    /* gate plans behind schedule (the plan's own rule), the one late longest first */
    const entity *pe = &gate_plan_entity;
    list_query bq = {.sort = entity_field_index(pe, "next_due"), .limit = 10};
    d->behind = 0;
    d->nbehind = 0;
    if (pe->derived->filter(pe, "behind", d->today, &bq)) {
        st_rec_count(r->c, pe, &bq, &d->behind);
        st_rec_list(r->c, a, pe, &bq, &d->behind_plans, &d->nbehind);
    }
    /* this year against last, by direction */
    int year = atoi(today);
    for (int y = 0; y < 2; y++) {
        const char *from = arena_printf(a, "%04d-01-01", year - y);
        const char *to = arena_printf(a, "%04d-12-31", year - y);
        for (int dir = 0; dir < 2; dir++) {
            list_filter yf[] = {flt(de, "start_date", from, '>'), flt(de, "start_date", to, '<'),
                                flt(de, "direction", dir ? "inbound" : "outbound", '=')};
            d->year[y][dir] = count(r, de, yf, 3);
        }
    }
    d->year_no[0] = year;
    d->year_no[1] = year - 1;
    /* border incidents by category: counted per period, per category in one grouped query */
    const entity *ie = &incident_entity;
    list_query cq = {.sort = entity_field_index(&incident_category_entity, "name_vi"),
                     .limit = INC_CATS};
    d->ncats = 0;
    st_rec_list(r->c, a, &incident_category_entity, &cq, &d->cats, &d->ncats);
    int quarter = (atoi(today + 5) - 1) / 3;
    d->inc_from[0] = arena_printf(a, "%04d-%02d-01", year, quarter * 3 + 1);
    d->inc_to[0] = arena_printf(a, "%04d-%02d-%02d", year, quarter * 3 + 3,
                                quarter == 0 || quarter == 3 ? 31 : 30);
    d->inc_from[1] = arena_printf(a, "%04d-01-01", year);
    d->inc_to[1] = arena_printf(a, "%04d-12-31", year);
    d->inc_from[2] = arena_printf(a, "%04d-01-01", year - 1);
    d->inc_to[2] = arena_printf(a, "%04d-12-31", year - 1);
    d->inc_from[3] = d->inc_to[3] = NULL;
    for (int p = 0; p < INC_PERIODS; p++) {
        list_query q = {.sort = -1};
        if (p < 3) {
            q.f[q.nf++] = flt(ie, "date", d->inc_from[p], '>');
            q.f[q.nf++] = flt(ie, "date", d->inc_to[p], '<');
        } else {
            q.f[q.nf++] = flt(ie, "status", "reported,joint", 'i');
        }
        group_count *g = NULL;
        int ng = 0;
        d->inc_total[p] = count_q(r, ie, &q);
        st_rec_group(r->c, a, ie, entity_field_index(ie, "category_id"), &q, 200, &g, &ng);
        for (int c = 0; c < d->ncats; c++) {
            d->inc[c][p] = 0;
            for (int k = 0; k < ng; k++)
                if (strtoll(g[k].value, NULL, 10) == d->cats[c].id) d->inc[c][p] = g[k].n;
        }
    }
    /* markers to see to: the marker's own flags */
    const entity *me = &marker_entity;
    list_query mq = {.sort = -1}, oq2 = {.sort = -1};
    d->markers_attention = d->markers_overdue = 0;
    if (me->derived->filter(me, "attention", today, &mq))
        d->markers_attention = count_q(r, me, &mq);
    if (me->derived->filter(me, "overdue", today, &oq2)) d->markers_overdue = count_q(r, me, &oq2);
    /* projects past a deadline of the aid procedure, or leads gone quiet: the project's own
     * rules, a code of its derived value each */
    const entity *pj = &project_entity;
    d->aid_procedure = 0;
    for (int i = 0; i < AID_CODES; i++) {
        list_query aq = {.sort = -1};
        d->aid[i] = pj->derived->filter(pj, aid_codes[i], today, &aq) ? count_q(r, pj, &aq) : 0;
        if (i) d->aid_procedure += d->aid[i];
    }
    const entity *ne = &ngo_certificate_entity;
    list_query xq = {.sort = -1}, pq2 = {.sort = -1};
    d->ngo_expiring = ne->derived->filter(ne, "expiring", today, &xq) ? count_q(r, ne, &xq) : 0;
    d->ngo_plan_late = ne->derived->filter(ne, "plan_late", today, &pq2) ? count_q(r, ne, &pq2) : 0;
}

const char *const aid_codes[AID_CODES] = {"stalled", "appraisal", "notify",
                                          "unused",  "annual",    "closing"};

/* The projects past each deadline, each count a link to its list. */
static void aid_table(req *r, const dashboard *d)
{
    buf *o = &r->out;
    const derived_field *df = project_entity.derived;
    html_printf(o, "<section><h2>%s</h2><ul class=\"bars\" data-aid>", T(r, M_DASH_AID));
    for (int i = 0; i < AID_CODES; i++) {
        const enum_opt *op = field_opt(&(field){.opts = df->opts}, aid_codes[i]);
        html_printf(o,
                    "<li data-code=\"%s\"><a href=\"/projects?deadline=%s\">%s</a> <b>%D</b></li>",
                    aid_codes[i], aid_codes[i], is_en(r) ? op->en : op->vi, d->aid[i]);
    }
    html_printf(o, "</ul></section>\n");
}

/* Incidents by category and period, each count a link to the list it counts. */
static void incident_table(req *r, const dashboard *d)
{
    buf *o = &r->out;
    static const int heads[INC_PERIODS] = {M_DASH_QUARTER, M_DASH_THIS_YEAR, M_DASH_LAST_YEAR,
                                           M_DASH_INC_OPEN};
    html_printf(
        o,
        "<section><h2>%s</h2><div class=\"table-wrap\"><table class=\"list compare\">"
        "<thead><tr><th scope=\"col\">%s</th>",
        T(r, M_DASH_INCIDENTS),
        field_label(r,
                    &incident_entity.fields[entity_field_index(&incident_entity, "category_id")]));
    for (int p = 0; p < INC_PERIODS; p++)
        html_printf(o, "<th scope=\"col\">%s</th>", T(r, heads[p]));
    html_printf(o, "</tr></thead><tbody>");
    for (int c = 0; c <= d->ncats; c++) {
        bool total = c == d->ncats;
        if (total)
            html_printf(o, "<tr class=\"total\"><th scope=\"row\">%s</th>", T(r, M_DASH_TOTAL));
        else
            html_printf(o, "<tr><th scope=\"row\">%s</th>", rec_title(&r->x, &d->cats[c], NULL));
        for (int p = 0; p < INC_PERIODS; p++) {
            const char *cat = total ? "" : arena_printf(&r->a, "&category_id=%lld", d->cats[c].id);
            const char *when =
                p < 3 ? arena_printf(&r->a, "date_from=%s&date_to=%s", d->inc_from[p], d->inc_to[p])
                      : "status=reported,joint";
            html_printf(o, "<td><a href=\"/incidents?%s%s&amp;sort=-date\">%D</a></td>", when, cat,
                        total ? d->inc_total[p] : d->inc[c][p]);
        }
        html_printf(o, "</tr>");
    }
    html_printf(o, "</tbody></table></div></section>\n");
}

static void fig(req *r, long long n, int label, const char *table, const char *query, bool alarm)
{
    html_printf(&r->out, "<a class=\"card%s\" href=\"/%s?%s\"><span class=\"num\">%D</span>%s</a>",
                alarm && n ? " alarm" : "", table, query, n, T(r, label));
}

/* The newest changes over every record type, each naming its record. */
static void recent_changes(req *r)
{
    buf *o = &r->out;
    audit_row *h;
    int n = 0;
    /* the records' changes; the administration's (users, names, settings) are in its own
     * log (/admin/audit) */
    if (st_audit_recent(r->c, &r->a, 40, &h, &n) == ST_OK && n) {
        html_printf(o, "<section><h2>%s</h2><ul class=\"results\">", T(r, M_RECENT_CHANGES));
        for (int i = 0, shown = 0; i < n && shown < 10; i++) {
            const entity *e = entity_by_name(h[i].entity);
            if (!e) continue;
            shown++;
            char when[32];
            clock_local(h[i].at, when);
            const char *act = !strcmp(h[i].action, "create")   ? T(r, M_ACT_CREATE)
                              : !strcmp(h[i].action, "update") ? T(r, M_ACT_UPDATE)
                                                               : T(r, M_ACT_DELETE);
            /* the record's title as the entry saw it */
            const char *title = NULL;
            const char *js = h[i].new_json ? h[i].new_json : h[i].old_json;
            json_t *j = js ? json_loads(js, 0, NULL) : NULL;
            if (e && j) { /* a title that is a reference or a choice reads as its record's */
                int ti = entity_title_index(e);
                json_t *tv = json_object_get(j, e->fields[ti].name);
                record one = rec_new(&r->a, e);
                one.v[ti] = json_is_integer(tv)
                                ? arena_printf(&r->a, "%lld", (long long)json_integer_value(tv))
                                : arena_strdup(&r->a, json_string_value(tv));
                if (one.v[ti]) title = rec_title(&r->x, &one, NULL);
            }
            json_decref(j);
            const char *kind = e ? (is_en(r) ? e->en : e->vi) : h[i].entity;
            if (!title) title = arena_printf(&r->a, "#%lld", h[i].rid);
            if (e && strcmp(h[i].action, "delete"))
                html_printf(o, "<li>%s · %s %s <a href=\"/%s/%D\">%s</a> · %s</li>", when, act,
                            kind, e->table, h[i].rid, title, h[i].username);
            else
                html_printf(o, "<li>%s · %s %s <del>%s</del> · %s</li>", when, act, kind, title,
                            h[i].username);
        }
        html_printf(o, "</ul></section>\n");
    }
}

/* A list of delegations: "day · title", each a link. */
long long gate_plan_days_late(const record *plan, const char *today)
{
    const char *due = record_get(plan, "next_due");
    return due ? calendar_days_between(due, today) : 0;
}

static void plan_items(req *r, const dashboard *d)
{
    const entity *pe = &gate_plan_entity;
    int due = entity_field_index(pe, "next_due");
    if (!d->nbehind) html_printf(&r->out, "<li class=\"empty\">%s</li>", T(r, M_NO_RESULTS));
    for (int i = 0; i < d->nbehind; i++) {
        const record *p = &d->behind_plans[i];
        html_printf(&r->out, "<li><a href=\"/gate_plans/%D\">%s</a> · <b>%s</b> (%s)</li>", p->id,
                    rec_display(&r->x, p, entity_title_index(pe)),
                    arena_printf(&r->a, T(r, M_DAYS_LATE), gate_plan_days_late(p, d->today)),
                    rec_display(&r->x, p, due));
    }
}

static void delegation_items(req *r, const record *rows, int n)
{
    int sd = entity_field_index(&delegation_entity, "start_date");
    if (!n) html_printf(&r->out, "<li class=\"empty\">%s</li>", T(r, M_NO_RESULTS));
    for (int i = 0; i < n; i++)
        html_printf(&r->out, "<li>%s · <a href=\"/delegations/%D\">%s</a></li>",
                    rec_display(&r->x, &rows[i], sd), rows[i].id,
                    rec_display(&r->x, &rows[i], entity_title_index(&delegation_entity)));
}

/* Commitments as "deadline · title (status)" links, late ones marked. */
static void commitment_items(req *r, const record *rows, int n, const char *today)
{
    const entity *ce = &commitment_entity;
    int dl = entity_field_index(ce, "deadline"), st = entity_field_index(ce, "status");
    if (!n) html_printf(&r->out, "<li class=\"empty\">%s</li>", T(r, M_NO_RESULTS));
    for (int i = 0; i < n; i++) {
        bool late = commitment_overdue(&rows[i], today);
        html_printf(&r->out, "<li>%s · <a href=\"/commitments/%D\">%s</a> <small>%s</small>",
                    rec_display(&r->x, &rows[i], dl), rows[i].id,
                    rec_display(&r->x, &rows[i], entity_title_index(ce)),
                    rec_display(&r->x, &rows[i], st));
        if (late) html_printf(&r->out, " <span class=\"badge late\">%s</span>", T(r, M_OVERDUE));
        html_printf(&r->out, "</li>");
    }
}

/* The first page of a user of a partner agency: their agency's open commitments, the
 * overdue ones first, then what falls due within 30 days; each list leads to the
 * commitments list filtered to their agency. */
static void agency_home(req *r)
{
    buf *o = &r->out;
    char today[11];
    clock_today(today);
    const entity *ce = &commitment_entity;
    const char *ag = arena_printf(&r->a, "%lld", r->x.agency_id);
    record one = rec_new(&r->a, ce);
    int ai = entity_field_index(ce, "agency_id");
    one.v[ai] = ag;
    const char *name = r->x.agency_id > 0 ? rec_display(&r->x, &one, ai) : NULL;
    page_begin(r, T(r, M_NAV_HOME));
    html_printf(o, "<h1>%s</h1>", name ? name : T(r, M_NAV_HOME));
    if (r->x.agency_id <= 0) {
        html_printf(o, "<p class=\"warning\">%s</p>", T(r, M_AGENCY_NONE));
        page_end(r);
        return;
    }
    /* the agency's own: overdue, due within 30 days (overdue as of the 31st day, not
     * today), all pending: the commitments' rules (commitment.h) */
    list_filter mine = flt(ce, "agency_id", ag, '=');
    const char *day31 = shift(&r->a, today, 31);
    list_query lq = {.sort = entity_field_index(ce, "deadline"), .limit = 20, .nf = 1, .f = {mine}};
    list_query sq = {.sort = entity_field_index(ce, "deadline"), .limit = 20, .nf = 1, .f = {mine}};
    list_query aq = {.sort = -1, .nf = 1, .f = {mine}};
    commitment_overdue_filter(ce, today, &lq);
    commitment_overdue_filter(ce, day31, &sq);
    sq.f[sq.nf++] = flt(ce, "deadline", today, '>');
    commitment_pending_filter(ce, &aq);
    record *late, *soon;
    int nlate = 0, nsoon = 0;
    long long nall = 0, nover = 0;
    st_rec_list(r->c, &r->a, ce, &lq, &late, &nlate);
    st_rec_count(r->c, ce, &lq, &nover);
    st_rec_list(r->c, &r->a, ce, &sq, &soon, &nsoon);
    st_rec_count(r->c, ce, &aq, &nall);
    html_printf(o, "<div class=\"cards\">");
    fig(r, nover, M_DASH_OVERDUE, "commitments", list_query_params(&r->a, ce, &lq), true);
    fig(r, nall, M_DASH_AGENCY_OPEN, "commitments",
        arena_printf(&r->a, "%s&sort=deadline", list_query_params(&r->a, ce, &aq)), false);
    html_printf(o, "</div>\n<div class=\"columns\"><section><h2>%s</h2><ul class=\"results\">",
                T(r, M_DASH_OVERDUE));
    commitment_items(r, late, nlate, today);
    html_printf(o, "</ul></section><section><h2>%s</h2><ul class=\"results\">", T(r, M_DASH_DUE30));
    commitment_items(r, soon, nsoon, today);
    html_printf(o, "</ul></section></div>\n");
    page_end(r);
}

void ui_home(req *r)
{
    if (r->x.role == ROLE_AGENCY) {
        agency_home(r);
        return;
    }
    buf *o = &r->out;
    page_begin(r, T(r, M_NAV_HOME));
    /* the figures are the same for every reader of a role: kept per language, day, whether
     * the reader approves, and data version, while the frame around them (who is signed
     * in, the CSRF token) is made each time */
    char today[11];
    bool leader = r->x.role == ROLE_LEADER;
    const char *key =
        arena_printf(&r->a, "dashboard-html|%s|%s|%d", r->lang, clock_today(today), leader);
    long long version = req_version(r);
    if (cache_get(r->w->cache, key, version, o)) {
        page_end(r);
        return;
    }
    size_t start = o->len;
    dashboard d;
    dashboard_figures(r, &d);
    html_printf(o, "<h1>%s</h1><div class=\"cards\">", T(r, M_NAV_HOME));
    fig(r, d.overdue, M_DASH_OVERDUE, "commitments", d.overdue_query, true);
    fig(r, d.late, M_DASH_LATE, "delegations", d.late_query, true);
    fig(r, d.upcoming, M_DASH_UPCOMING, "delegations", d.upcoming_query, false);
    fig(r, d.expiring, M_DASH_EXPIRING, "agreements", "status=expiring", true);
    fig(r, d.behind, M_DASH_GATES_BEHIND, "gate_plans", "schedule=behind&amp;sort=next_due", true);
    fig(r, d.pending, M_DASH_PENDING, "delegations", "status=proposed&sort=start_date", leader);
    fig(r, d.inc_total[INC_PERIODS - 1], M_DASH_INC_OPEN_CARD, "incidents",
        "status=reported,joint&amp;sort=-date", false);
    fig(r, d.markers_attention, M_DASH_MARKERS_ATTENTION, "markers", "flag=attention", true);
    fig(r, d.markers_overdue, M_DASH_MARKERS_OVERDUE, "markers", "flag=overdue", true);
    fig(r, d.aid[0], M_DASH_STALLED, "projects", "deadline=stalled", true);
    fig(r, d.aid_procedure, M_DASH_AID_DEADLINES, "pipeline", "", true);
    fig(r, d.ngo_expiring, M_DASH_NGO_EXPIRING, "ngo_certificates", "state=expiring", true);
    html_printf(o, "</div>\n");
    if (leader) {
        /* what waits for this reader's decision */
        html_printf(o, "<section class=\"queue\"><h2>%s</h2><ul class=\"results\">",
                    T(r, M_DASH_PENDING));
        delegation_items(r, d.proposals, d.nproposals);
        html_printf(o, "</ul></section>\n");
    }
    html_printf(o, "<div class=\"columns\">");
    /* overdue commitments by agency */
    html_printf(o, "<section><h2>%s</h2>", T(r, M_DASH_OVERDUE_BY_AGENCY));
    if (!d.nby_agency) html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_NONE_OVERDUE));
    html_printf(o, "<ul class=\"bars\">");
    for (int i = 0; i < d.nby_agency; i++) {
        record one = rec_new(&r->a, &commitment_entity);
        int fi = entity_field_index(&commitment_entity, "agency_id");
        one.v[fi] = d.by_agency[i].value;
        html_printf(o, "<li><a href=\"/commitments?%s&amp;agency_id=%u\">%s</a> <b>%D</b></li>",
                    d.overdue_query, d.by_agency[i].value, rec_display(&r->x, &one, fi),
                    d.by_agency[i].n);
    }
    html_printf(o, "</ul></section>");
    /* the next 30 days */
    html_printf(o, "<section><h2>%s</h2><ul class=\"results\">", T(r, M_DASH_UPCOMING));
    delegation_items(r, d.next, d.nnext);
    html_printf(o, "</ul></section></div>\n");
    /* gate plans behind schedule, the one late longest first */
    html_printf(o, "<section><h2>%s</h2><ul class=\"results\">", T(r, M_DASH_GATES_BEHIND));
    plan_items(r, &d);
    html_printf(o, "</ul></section>\n");
    /* this year against last */
    html_printf(
        o,
        "<section><h2>%s</h2><table class=\"list compare\"><thead><tr><th scope=\"col\"></th>"
        "<th scope=\"col\">%d</th><th scope=\"col\">%d</th></tr></thead><tbody>",
        T(r, M_DASH_YEARS), d.year_no[0], d.year_no[1]);
    for (int dir = 0; dir < 2; dir++) {
        html_printf(o, "<tr><th scope=\"row\">%s</th>", T(r, dir ? M_INBOUND : M_OUTBOUND));
        for (int y = 0; y < 2; y++)
            html_printf(o,
                        "<td><a href=\"/delegations?direction=%s&amp;start_date_from=%d-01-01"
                        "&amp;start_date_to=%d-12-31\">%D</a></td>",
                        dir ? "inbound" : "outbound", d.year_no[y], d.year_no[y], d.year[y][dir]);
        html_printf(o, "</tr>");
    }
    html_printf(o, "</tbody></table></section>\n");
    incident_table(r, &d);
    aid_table(r, &d);
    recent_changes(r);
    cache_put(r->w->cache, key, version, o->data + start, o->len - start);
    page_end(r);
}

void api_dashboard(req *r)
{
    const char *key;
    long long version;
    r->ctype = "application/json";
    if (answer_from_cache(r, &key, &version)) return;
    dashboard d;
    dashboard_figures(r, &d);
    json_t *agencies = json_array();
    for (int i = 0; i < d.nby_agency; i++)
        json_array_append_new(agencies, json_pack("{s:I,s:I}", "agency_id",
                                                  (json_int_t)atoll(d.by_agency[i].value),
                                                  "overdue", (json_int_t)d.by_agency[i].n));
    json_t *next = json_array();
    for (int i = 0; i < d.nnext; i++)
        json_array_append_new(next, rec_to_json(&d.next[i]));
    json_t *years = json_object();
    for (int y = 0; y < 2; y++)
        json_object_set_new(years, arena_printf(&r->a, "%d", d.year_no[y]),
                            json_pack("{s:I,s:I}", "outbound", (json_int_t)d.year[y][0], "inbound",
                                      (json_int_t)d.year[y][1]));
    json_t *all =
        json_pack("{s:s,s:{s:I,s:s},s:o,s:{s:I,s:s},s:{s:I,s:s,s:o},s:{s:I,s:s},s:o}", "today",
                  d.today, "overdue_commitments", "count", (json_int_t)d.overdue, "list",
                  arena_printf(&r->a, "/api/v1/commitments?%s", d.overdue_query),
                  "overdue_by_agency", agencies, "late_reports", "count", (json_int_t)d.late,
                  "list", arena_printf(&r->a, "/api/v1/delegations?%s", d.late_query),
                  "upcoming_delegations", "count", (json_int_t)d.upcoming, "list",
                  arena_printf(&r->a, "/api/v1/delegations?%s", d.upcoming_query), "first", next,
                  "expiring_agreements", "count", (json_int_t)d.expiring, "list",
                  "/api/v1/agreements?status=expiring", "delegations_by_year", years);
    json_t *props = json_array();
    for (int i = 0; i < d.nproposals; i++)
        json_array_append_new(props, rec_to_json(&d.proposals[i]));
    json_t *plans = json_array();
    for (int i = 0; i < d.nbehind; i++) {
        json_t *p = rec_to_json(&d.behind_plans[i]);
        json_object_set_new(p, "days_late",
                            json_integer(gate_plan_days_late(&d.behind_plans[i], d.today)));
        json_array_append_new(plans, p);
    }
    json_object_set_new(all, "gate_plans_behind",
                        json_pack("{s:I,s:s,s:o}", "count", (json_int_t)d.behind, "list",
                                  "/api/v1/gate_plans?schedule=behind&sort=next_due", "first",
                                  plans));
    json_object_set_new(all, "awaiting_approval",
                        json_pack("{s:I,s:s,s:o}", "count", (json_int_t)d.pending, "list",
                                  "/api/v1/delegations?status=proposed&sort=start_date", "first",
                                  props));
    json_t *inc = json_array();
    static const char *const pnames[INC_PERIODS] = {"quarter", "this_year", "last_year", "open"};
    for (int c = 0; c <= d.ncats; c++) {
        json_t *row = c < d.ncats ? json_pack("{s:I,s:s}", "category_id", (json_int_t)d.cats[c].id,
                                              "name_vi", record_get(&d.cats[c], "name_vi"))
                                  : json_pack("{s:s}", "category", "total");
        for (int p = 0; p < INC_PERIODS; p++)
            json_object_set_new(row, pnames[p],
                                json_integer(c < d.ncats ? d.inc[c][p] : d.inc_total[p]));
        json_array_append_new(inc, row);
    }
    json_object_set_new(all, "incidents_by_category",
                        json_pack("{s:{s:s,s:s},s:{s:s,s:s},s:{s:s,s:s},s:o}", "quarter", "from",
                                  d.inc_from[0], "to", d.inc_to[0], "this_year", "from",
                                  d.inc_from[1], "to", d.inc_to[1], "last_year", "from",
                                  d.inc_from[2], "to", d.inc_to[2], "rows", inc));
    json_t *aid = json_object();
    for (int i = 0; i < AID_CODES; i++)
        json_object_set_new(aid, aid_codes[i], json_integer(d.aid[i]));
    json_object_set_new(all, "projects_by_deadline", aid);
    json_object_set_new(all, "ngo_certificates",
                        json_pack("{s:I,s:I,s:s}", "expiring", (json_int_t)d.ngo_expiring,
                                  "plan_late", (json_int_t)d.ngo_plan_late, "list",
                                  "/api/v1/ngo_certificates?state=expiring"));
    json_object_set_new(all, "markers_flagged",
                        json_pack("{s:I,s:I,s:s}", "attention", (json_int_t)d.markers_attention,
                                  "overdue", (json_int_t)d.markers_overdue, "list",
                                  "/api/v1/markers?flag=attention"));
    reply_json(r, 200, all);
    cache_put(r->w->cache, key, version, r->out.data, r->out.len);
}
