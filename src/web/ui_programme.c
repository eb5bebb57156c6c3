/* The integration programme's progress (GET /integration): each programme with its period
 * and objectives, then a row a target: its unit, baseline, the latest year measured against
 * that year's target, the share of the way made, the final target and the status, from the
 * rule said in words above the table (programme_status). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/programme.h"
#include "../domain/records.h"
#include "ftypes_web.h"
#include "routes.h"

enum { PROG_MAX = 50, TARGETS_MAX = 500, VALUES_MAX = 20000 };

static const char *percent(req *r, double share)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%.0f%%", share * 100);
    return arena_strdup(&r->a, raw);
}

static void programme_table(req *r, const record *p, const record *targets, int nt,
                            const record *values, int nv)
{
    buf *o = &r->out;
    const entity *te = &programme_target_entity, *ve = &programme_value_entity;
    html_printf(o,
                "<section class=\"programme\" data-programme=\"%D\"><h2><a "
                "href=\"/programmes/%D\">%s</a></h2>",
                p->id, p->id, rec_title(&r->x, p, NULL));
    html_printf(o, "<p>%s: %s–%s", T(r, M_PROG_PERIOD), record_get(p, "period_from"),
                record_get(p, "period_to"));
    if (record_get(p, "vision_year"))
        html_printf(o, ", %s %s", T(r, M_PROG_VISION), record_get(p, "vision_year"));
    if (record_get(p, "decision")) html_printf(o, " · %s", record_get(p, "decision"));
    html_printf(o, "</p>");
    if (record_get(p, "objectives"))
        html_printf(o, "<p class=\"objectives\">%s</p>", record_get(p, "objectives"));
    html_printf(
        o,
        "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "</tr></thead><tbody>",
        field_label(r, &te->fields[entity_field_index(te, "title")]),
        field_label(r, &te->fields[entity_field_index(te, "unit")]),
        field_label(r, &te->fields[entity_field_index(te, "baseline")]), T(r, M_PROG_LATEST),
        T(r, M_PROG_YEAR_TARGET), T(r, M_PROG_SHARE), T(r, M_PROG_FINAL),
        field_label(r, &te->fields[entity_field_index(te, "agency_id")]), T(r, M_PROG_STATUS));
    int ti = entity_field_index(ve, "target_id");
    /* each cell says its column on a phone, where a row is a card */
    const char *l_unit = field_label(r, &te->fields[entity_field_index(te, "unit")]),
               *l_base = field_label(r, &te->fields[entity_field_index(te, "baseline")]),
               *l_agency = field_label(r, &te->fields[entity_field_index(te, "agency_id")]);
    for (int i = 0; i < nt; i++) {
        const record *t = &targets[i];
        if (strtoll(record_get(t, "programme_id"), NULL, 10) != p->id) continue;
        /* its values: those naming it */
        record *mine = arena_alloc(&r->a, sizeof *mine * (size_t)(nv ? nv : 1));
        int nm = 0;
        for (int k = 0; k < nv; k++)
            if (strtoll(values[k].v[ti], NULL, 10) == t->id) mine[nm++] = values[k];
        programme_progress pg;
        const char *st = programme_status(t, mine, nm, &pg);
        const enum_opt *so = field_opt(&(field){.opts = programme_states}, st);
        const char *by = record_get(t, "baseline_year");
        html_printf(o,
                    "<tr data-target=\"%D\" data-status=\"%s\"><th scope=\"row\"><a "
                    "href=\"/programme_targets/%D\">%s</a></th><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s%s%s%s</td>",
                    t->id, st, t->id, rec_title(&r->x, t, NULL), l_unit, record_get(t, "unit"),
                    l_base, rec_display(&r->x, t, entity_field_index(te, "baseline")),
                    by ? " (" : "", by ? by : "", by ? ")" : "");
        if (pg.latest)
            html_printf(o,
                        "<td data-label=\"%s\">%s: %s</td><td data-label=\"%s\">%s</td>"
                        "<td data-label=\"%s\">%s</td>",
                        T(r, M_PROG_LATEST), record_get(pg.latest, "year"),
                        rec_display(&r->x, pg.latest, entity_field_index(ve, "actual")),
                        T(r, M_PROG_YEAR_TARGET),
                        rec_display(&r->x, pg.latest, entity_field_index(ve, "target")),
                        T(r, M_PROG_SHARE), percent(r, pg.share));
        else
            html_printf(o,
                        "<td data-label=\"%s\">—</td><td data-label=\"%s\">—</td>"
                        "<td data-label=\"%s\">—</td>",
                        T(r, M_PROG_LATEST), T(r, M_PROG_YEAR_TARGET), T(r, M_PROG_SHARE));
        if (pg.final)
            html_printf(o, "<td data-label=\"%s\">%s: %s</td>", T(r, M_PROG_FINAL),
                        record_get(pg.final, "year"),
                        rec_display(&r->x, pg.final, entity_field_index(ve, "target")));
        else
            html_printf(o, "<td data-label=\"%s\">—</td>", T(r, M_PROG_FINAL));
        html_printf(o,
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\"><span class=\"state "
                    "%s\">%s</span></td></tr>",
                    l_agency, rec_display(&r->x, t, entity_field_index(te, "agency_id")),
                    T(r, M_PROG_STATUS), st, is_en(r) ? so->en : so->vi);
    }
    html_printf(o, "</tbody></table></div></section>");
}

void ui_integration(req *r)
{
    char today[11];
    const char *key = arena_printf(&r->a, "integration|%s|%s", r->lang, clock_today(today));
    size_t start;
    if (page_cached(r, T(r, M_PROG_TITLE), key, &start)) return;
    buf *o = &r->out;
    html_printf(
        o,
        "<div class=\"head\"><h1>%s</h1><p class=\"actions\"><a href=\"/programmes\">%s</a> "
        "<a href=\"/programme_values\">%s</a></p></div>",
        T(r, M_PROG_TITLE), is_en(r) ? programme_entity.plural_en : programme_entity.plural_vi,
        is_en(r) ? programme_value_entity.plural_en : programme_value_entity.plural_vi);
    html_printf(o, "<p class=\"rule\" data-rule>%s</p>",
                arena_printf(&r->a, T(r, M_PROG_RULE), (long long)PROGRAMME_AT_RISK_SHARE));
    list_query pq = {.sort = -1, .limit = PROG_MAX}, tq = {.sort = -1, .limit = TARGETS_MAX},
               vq = {.sort = -1, .limit = VALUES_MAX};
    tq.sort = entity_field_index(&programme_target_entity, "title");
    record *ps = NULL, *ts = NULL, *vs = NULL;
    int np = 0, nt = 0, nv = 0;
    st_rec_list(r->c, &r->a, &programme_entity, &pq, &ps, &np);
    st_rec_list(r->c, &r->a, &programme_target_entity, &tq, &ts, &nt);
    st_rec_list(r->c, &r->a, &programme_value_entity, &vq, &vs, &nv);
    if (!np) html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_PROG_NONE));
    for (int i = 0; i < np; i++)
        programme_table(r, &ps[i], ts, nt, vs, nv);
    page_cache_end(r, key, start);
}
