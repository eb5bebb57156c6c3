/* The scholarship ledger (GET /scholarships?year=2026): per partner province, the year's
 * quota, the awards made on it and what remains, with the totals; an award beyond a quota
 * shows as a negative remainder, and the students to follow up (past their expected end,
 * or awaiting a leader over quota) are counted, each figure a link to its list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "ftypes_web.h"
#include "routes.h"

void ui_scholarships(req *r)
{
    const entity *qe = &scholarship_quota_entity, *ae = &scholarship_award_entity;
    char today[11];
    clock_today(today);
    int yi = entity_field_index(qe, "year");
    /* the years that have quotas, the latest first; the one asked for, else this year */
    group_count *years = NULL;
    int ny = 0;
    list_query all = {.sort = -1};
    st_rec_group_sums(r->c, &r->a, qe, yi, (const int[2]){-1, -1}, true, &all, 50, &years, &ny);
    const char *ys = q_get(r, "year");
    long year = ys && *ys ? strtol(ys, NULL, 10) : strtol(today, NULL, 10);
    if (year < 2000 || year > 2100) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    const char *key = arena_printf(&r->a, "scholar|%s|%s|%ld|%d", r->lang, today, year,
                                   rec_may_write(&r->x, ae, AG_CREATE));
    size_t start;
    if (page_cached(r, T(r, M_SCHOLAR_TITLE), key, &start)) return;
    buf *o = &r->out;
    html_printf(o, "<div class=\"head\"><h1>%s</h1><p class=\"actions\">", T(r, M_SCHOLAR_TITLE));
    if (rec_may_write(&r->x, ae, AG_CREATE))
        html_printf(o, "<a class=\"button primary\" href=\"/scholarship_awards/new\">%s</a> ",
                    T(r, M_NEW));
    html_printf(o,
                "<a href=\"/scholarship_awards\">%s</a> <a href=\"/scholarship_quotas\">%s</a>"
                "</p></div>",
                is_en(r) ? ae->plural_en : ae->plural_vi, is_en(r) ? qe->plural_en : qe->plural_vi);
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/scholarships\"><label>%s "
                "<select name=\"year\">",
                T(r, M_SCHOLAR_YEAR));
    bool listed = false;
    for (int i = ny - 1; i >= 0; i--) {
        long y = strtol(years[i].value, NULL, 10);
        listed = listed || y == year;
        html_printf(o, "<option%s>%D</option>", y == year ? " selected" : "", (long long)y);
    }
    if (!listed) html_printf(o, "<option selected>%D</option>", (long long)year);
    html_printf(o, "</select></label> <button type=\"submit\">%s</button></form>", T(r, M_FILTER));
    /* the year's quotas */
    list_query q = {.sort = -1, .limit = 200};
    const char *yv = arena_printf(&r->a, "%ld", year);
    q.f[q.nf++] = (list_filter){yi, yv, '='};
    record *rows = NULL;
    int n = 0;
    st_rec_list(r->c, &r->a, qe, &q, &rows, &n);
    if (!n) {
        html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_SCHOLAR_NONE));
    } else {
        const field *pf = &qe->fields[entity_field_index(qe, "partner_id")];
        html_printf(o,
                    "<div class=\"table-wrap\"><table class=\"list compare\" data-ledger=\"%D\">"
                    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    (long long)year, field_label(r, pf),
                    field_label(r, &qe->fields[entity_field_index(qe, "quota")]),
                    field_label(r, &qe->fields[entity_field_index(qe, "awarded")]),
                    field_label(r, &qe->fields[entity_field_index(qe, "remaining")]));
        long long tq = 0, ta = 0, tr = 0;
        for (int i = 0; i < n; i++) {
            const char *qs = record_get(&rows[i], "quota"), *as = record_get(&rows[i], "awarded"),
                       *rs = record_get(&rows[i], "remaining");
            long long qv = qs ? atoll(qs) : 0, av = as ? atoll(as) : 0,
                      rv = rs ? atoll(rs) : qv - av;
            tq += qv, ta += av, tr += rv;
            html_printf(o,
                        "<tr data-quota=\"%D\" data-awarded=\"%D\" data-remaining=\"%D\"><th "
                        "scope=\"row\"><a href=\"/scholarship_quotas/%D\">%s</a></th><td>%D</td>"
                        "<td><a href=\"/scholarship_awards?quota_id=%D\">%D</a></td>"
                        "<td class=\"%s\">%D</td></tr>",
                        qv, av, rv, rows[i].id,
                        rec_display(&r->x, &rows[i], entity_field_index(qe, "partner_id")), qv,
                        rows[i].id, av, rv < 0 ? "over" : "", rv);
        }
        html_printf(
            o,
            "<tr class=\"total\" data-total-quota=\"%D\" data-total-awarded=\"%D\"><th "
            "scope=\"row\">%s</th><td>%D</td><td>%D</td><td class=\"%s\">%D</td></tr></tbody>"
            "</table></div>",
            tq, ta, T(r, M_DASH_TOTAL), tq, ta, tr < 0 ? "over" : "", tr);
    }
    /* those to follow up: the award's own rules */
    html_printf(o, "<div class=\"cards\">");
    static const struct {
        const char *code;
        int label;
    } follow[] = {{"overdue", M_SCHOLAR_OVERDUE}, {"awaiting", M_SCHOLAR_AWAITING}};
    for (size_t i = 0; i < sizeof follow / sizeof follow[0]; i++) {
        list_query fq = {.sort = -1};
        long long cnt = 0;
        if (ae->derived->filter(ae, follow[i].code, today, &fq)) st_rec_count(r->c, ae, &fq, &cnt);
        html_printf(o,
                    "<a class=\"card%s\" href=\"/scholarship_awards?progress=%s\" "
                    "data-follow=\"%s\"><span class=\"num\">%D</span>%s</a>",
                    cnt ? " alarm" : "", follow[i].code, follow[i].code, cnt,
                    T(r, follow[i].label));
    }
    html_printf(o, "</div>");
    page_cache_end(r, key, start);
}
