/* The border-trade page: turnover by year and by month, per gate, as charts drawn by the
 * server, from the latest report of each period (trade_reports, latest = 1), in one
 * currency. A year is its yearly report when there is one, else the sum of its quarterly
 * reports, else the sum of its monthly ones (saying how many); a bar is flagged when a
 * report it comes from has parts that do not add up to its total. Spans that are not a
 * month, quarter or year are listed under the charts, not drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "chart.h"
#include "ftypes_web.h"
#include "routes.h"

enum { YEARS_MAX = 12, TRADE_ROWS_MAX = 50000 };

typedef struct {
    double v;
    bool flagged, any;
    int parts; /* reports summed (months, quarters); 0: one report of the whole period */
    char kind; /* 'y', 'q', 'm': what it was made of */
    long long id;
} agg;

/* A value in millions, with one decimal, in the page's style ("68,2"; "68.2"). */
static const char *millions(req *r, double v)
{
    char raw[48];
    snprintf(raw, sizeof raw, "%.1f", v / 1e6);
    bool en = is_en(r);
    buf b = {0};
    char *dot = strchr(raw, '.');
    size_t ni = (size_t)(dot - raw);
    for (size_t i = 0; i < ni; i++) {
        if (i && (ni - i) % 3 == 0 && raw[i - 1] != '-') buf_putc(&b, en ? ',' : '.');
        buf_putc(&b, raw[i]);
    }
    buf_putc(&b, en ? '.' : ',');
    buf_puts(&b, dot + 1);
    const char *s = arena_strdup(&r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static int year_of(const char *d)
{
    return d ? atoi(d) : 0;
}
static int month_of(const char *d)
{
    return d && strlen(d) >= 7 ? atoi(d + 5) : 0;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

void ui_trade(req *r)
{
    const entity *e = &trade_report_entity;
    const char *key = arena_printf(&r->a, "trade-html|%s|%d|%s", r->lang,
                                   rec_may_write(&r->x, e, AG_CREATE), request_uri(r));
    size_t start;
    if (page_cached(r, T(r, M_TRADE_TITLE), key, &start)) return;
    int gi = entity_field_index(e, "gate_id"), ki = entity_field_index(e, "period_kind"),
        si = entity_field_index(e, "period_start"), ti = entity_field_index(e, "total"),
        ci = entity_field_index(e, "currency"), di = entity_field_index(e, "difference"),
        li = entity_field_index(e, "period_label");
    list_query q = {.sort = si, .limit = TRADE_ROWS_MAX, .nf = 1};
    q.f[0] = (list_filter){entity_field_index(e, "latest"), "1", '='};
    const char *gate = q_get(r, "gate_id"), *cur = q_get(r, "currency"), *ys = q_get(r, "year");
    if (gate && *gate && strspn(gate, "0123456789") == strlen(gate))
        q.f[q.nf++] = (list_filter){gi, gate, '='};
    else
        gate = NULL;
    if (!cur || !*cur) cur = "USD";
    record *rows;
    int n = 0;
    if (st_rec_list(r->c, &r->a, e, &q, &rows, &n) != ST_OK) {
        r->status = 500;
        html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INTERNAL));
        page_end(r);
        return;
    }
    /* the currencies reported, and the gates and the years with figures in this one */
    const char *curs[32];
    int ncur = 0, year_lo = 0, year_hi = 0, month_year = 0;
    long long *gates = arena_alloc(&r->a, sizeof(long long) * (size_t)(n + 1));
    int ng = 0;
    for (int i = 0; i < n; i++) {
        bool seen = false;
        for (int k = 0; k < ncur; k++)
            seen = seen || !strcmp(curs[k], rows[i].v[ci]);
        if (!seen && ncur < 32) curs[ncur++] = rows[i].v[ci];
        if (strcmp(rows[i].v[ci], cur) || !strcmp(rows[i].v[ki], "span")) continue;
        long long g = strtoll(rows[i].v[gi], NULL, 10);
        bool have = false;
        for (int k = 0; k < ng; k++)
            have = have || gates[k] == g;
        if (!have) gates[ng++] = g;
        int y = year_of(rows[i].v[si]);
        if (!year_lo || y < year_lo) year_lo = y;
        if (y > year_hi) year_hi = y;
        if (!strcmp(rows[i].v[ki], "month") && y > month_year) month_year = y;
    }
    qsort(gates, (size_t)ng, sizeof gates[0], cmp_ll);
    if (year_hi - year_lo >= YEARS_MAX) year_lo = year_hi - YEARS_MAX + 1;
    if (ys && atoi(ys) >= 1900 && atoi(ys) <= 2200) month_year = atoi(ys);

    buf *o = &r->out;
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", T(r, M_TRADE_TITLE));
    if (rec_may_write(&r->x, e, AG_CREATE))
        html_printf(o, "<a class=\"button primary\" href=\"/trade_reports/new\">%s</a> ",
                    T(r, M_NEW));
    html_printf(o,
                "<a class=\"button\" href=\"/trade_reports?latest=1\">%s</a> "
                "<a class=\"button\" href=\"/trade_reports?latest=1&amp;format=csv\">%s</a> "
                "<a class=\"button\" href=\"/trade_reports?latest=1&amp;format=xlsx\">%s</a>"
                "</div></div>\n",
                T(r, M_TRADE_TABLE), T(r, M_EXPORT_CSV), T(r, M_EXPORT_XLSX));
    /* the choices: gate, currency, year of the monthly charts */
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/trade\"><label>%s<select "
                "name=\"gate_id\"><option value=\"\">%s</option>",
                field_label(r, &e->fields[gi]), T(r, M_ALL));
    list_query gq = {.sort = -1, .limit = 500};
    record *gl;
    int gn = 0;
    if (st_rec_list(r->c, &r->a, &gate_entity, &gq, &gl, &gn) != ST_OK) gn = 0;
    for (int k = 0; k < gn; k++)
        html_printf(o, "<option value=\"%D\"%s>%s</option>", gl[k].id,
                    gate && strtoll(gate, NULL, 10) == gl[k].id ? " selected" : "",
                    rec_title(&r->x, &gl[k], NULL));
    html_printf(o, "</select></label><label>%s<select name=\"currency\">",
                field_label(r, &e->fields[ci]));
    bool cur_listed = false;
    for (int k = 0; k < ncur; k++) {
        cur_listed = cur_listed || !strcmp(curs[k], cur);
        html_printf(o, "<option%s>%s</option>", strcmp(curs[k], cur) ? "" : " selected", curs[k]);
    }
    if (!cur_listed) html_printf(o, "<option selected>%s</option>", cur);
    html_printf(o,
                "</select></label><label>%s<input type=\"number\" name=\"year\" min=\"1900\" "
                "max=\"2200\" value=\"%d\"></label><button type=\"submit\">%s</button></form>\n",
                T(r, M_TRADE_MONTH_YEAR), month_year, T(r, M_FILTER));

    if (!ng) html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_NO_RESULTS));
    const char *unit = arena_printf(&r->a, "%s %s", T(r, M_MILLION), cur);
    int ny = year_hi ? year_hi - year_lo + 1 : 0;
    agg *years = arena_alloc(&r->a, sizeof(agg) * (size_t)(ny + 1));
    agg months[12];
    for (int g = 0; g < ng; g++) {
        memset(years, 0, sizeof(agg) * (size_t)(ny + 1));
        memset(months, 0, sizeof months);
        const char *gs = arena_printf(&r->a, "%lld", gates[g]);
        for (int i = 0; i < n; i++) {
            const record *x = &rows[i];
            if (strcmp(x->v[gi], gs) || strcmp(x->v[ci], cur)) continue;
            int y = year_of(x->v[si]) - year_lo;
            char kind = x->v[ki][0]; /* y(ear), q(uarter), m(onth), s(pan) */
            if (kind == 's' || y < 0 || y >= ny) continue;
            double v = strtod(x->v[ti], NULL);
            bool flagged = x->v[di] != NULL;
            agg *a = &years[y];
            /* a yearly report beats quarters, which beat months */
            int rank = kind == 'y'   ? 3
                       : kind == 'q' ? 2
                                     : 1,
                have = !a->any          ? 0
                       : a->kind == 'y' ? 3
                       : a->kind == 'q' ? 2
                                        : 1;
            if (rank > have) *a = (agg){.any = true, .kind = kind};
            if (rank >= have) {
                a->v += v, a->flagged = a->flagged || flagged, a->parts++, a->id = x->id;
            }
            if (kind == 'm' && year_of(x->v[si]) == month_year) {
                int m = month_of(x->v[si]) - 1;
                months[m] = (agg){.v = v, .flagged = flagged, .any = true, .id = x->id};
            }
        }
        const char *gname = rec_ref_title(&r->x, &gate_entity, gates[g], NULL);
        html_printf(o, "<section class=\"trade-gate\"><h2><a href=\"/gates/%D\">%s</a></h2>",
                    gates[g], gname ? gname : gs);
        chart_bar *yb = arena_alloc(&r->a, sizeof(chart_bar) * (size_t)(ny + 1));
        bool any_flag = false;
        for (int y = 0; y < ny; y++) {
            agg *a = &years[y];
            const char *yl = arena_printf(&r->a, "%d", year_lo + y);
            const char *txt = a->any ? millions(r, a->v) : "";
            const char *made =
                !a->any || a->kind == 'y' ? ""
                : a->kind == 'q'
                    ? arena_printf(&r->a, msg(M_TRADE_QUARTERS, r->lang), (long long)a->parts)
                    : arena_printf(&r->a, msg(M_TRADE_MONTHS, r->lang), (long long)a->parts);
            bool part =
                a->any && ((a->kind == 'm' && a->parts < 12) || (a->kind == 'q' && a->parts < 4));
            yb[y] = (chart_bar){
                .label = yl,
                .sub =
                    part ? arena_printf(
                               &r->a,
                               msg(a->kind == 'm' ? M_TRADE_N_MONTHS : M_TRADE_N_QUARTERS, r->lang),
                               (long long)a->parts)
                         : NULL,
                .value = a->v / 1e6,
                .text = txt,
                .note = a->any ? arena_printf(&r->a, "%s: %s %s%s%s%s", yl, txt, unit, made,
                                              a->flagged ? " · " : "",
                                              a->flagged ? T(r, M_TRADE_FLAGGED) : "")
                               : arena_printf(&r->a, "%s: %s", yl, T(r, M_TRADE_NONE)),
                .href = a->any && a->kind == 'y' ? arena_printf(&r->a, "/trade_reports/%lld", a->id)
                                                 : NULL,
                .flagged = a->flagged,
                .missing = !a->any,
            };
            any_flag = any_flag || a->flagged;
        }
        chart cy = {.title = arena_printf(&r->a, "%s — %s (%s)", gname ? gname : gs,
                                          T(r, M_TRADE_BY_YEAR), unit),
                    .unit = unit,
                    .flag_legend = any_flag ? T(r, M_TRADE_FLAGGED) : NULL,
                    .id = arena_printf(&r->a, "y%lld", gates[g]),
                    .bars = yb,
                    .n = ny};
        chart_bars_svg(o, &cy, r->lang);
        bool any_month = false;
        any_flag = false;
        chart_bar mb[12];
        for (int m = 0; m < 12; m++) {
            agg *a = &months[m];
            const char *ml = arena_printf(&r->a, is_en(r) ? "%d" : "T%d", m + 1);
            const char *txt = a->any ? millions(r, a->v) : "";
            mb[m] = (chart_bar){
                .label = ml,
                .value = a->v / 1e6,
                .text = txt,
                .note = a->any ? arena_printf(&r->a, "%02d/%d: %s %s%s%s", m + 1, month_year, txt,
                                              unit, a->flagged ? " · " : "",
                                              a->flagged ? T(r, M_TRADE_FLAGGED) : "")
                               : arena_printf(&r->a, "%02d/%d: %s", m + 1, month_year,
                                              T(r, M_TRADE_NONE)),
                .href = a->any ? arena_printf(&r->a, "/trade_reports/%lld", a->id) : NULL,
                .flagged = a->flagged,
                .missing = !a->any,
            };
            any_month = any_month || a->any;
            any_flag = any_flag || a->flagged;
        }
        if (any_month) {
            chart cm = {.title = arena_printf(&r->a, "%s — %s %d (%s)", gname ? gname : gs,
                                              T(r, M_TRADE_BY_MONTH), month_year, unit),
                        .unit = unit,
                        .flag_legend = any_flag ? T(r, M_TRADE_FLAGGED) : NULL,
                        .id = arena_printf(&r->a, "m%lld", gates[g]),
                        .bars = mb,
                        .n = 12};
            chart_bars_svg(o, &cm, r->lang);
        }
        html_printf(o, "</section>\n");
    }
    /* the spans no chart can place */
    bool head = false;
    for (int i = 0; i < n; i++) {
        const record *x = &rows[i];
        if (strcmp(x->v[ki], "span") || strcmp(x->v[ci], cur)) continue;
        if (!head) {
            html_printf(o,
                        "<section class=\"trade-spans\"><h2>%s</h2><div class=\"table-wrap\">"
                        "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th "
                        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                        "</tr></thead><tbody>",
                        T(r, M_TRADE_SPANS), field_label(r, &e->fields[li]),
                        field_label(r, &e->fields[gi]), field_label(r, &e->fields[ti]),
                        field_label(r, &e->fields[di]));
            head = true;
        }
        html_printf(o,
                    x->v[di] ? "<tr class=\"flagged\"><td data-label=\"%s\"><a "
                               "href=\"/trade_reports/%D\">%s</a>"
                             : "<tr><td data-label=\"%s\"><a href=\"/trade_reports/%D\">%s</a>",
                    field_label(r, &e->fields[li]), x->id, x->v[li]);
        if (x->v[di])
            html_printf(o, " <span class=\"badge late\">%s</span>", T(r, M_TRADE_FLAGGED));
        html_printf(o,
                    "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s</td></tr>",
                    field_label(r, &e->fields[gi]), rec_display(&r->x, x, gi),
                    field_label(r, &e->fields[ti]), rec_display(&r->x, x, ti),
                    field_label(r, &e->fields[di]), x->v[di] ? rec_display(&r->x, x, di) : "—");
    }
    if (head) html_printf(o, "</tbody></table></div></section>\n");
    html_printf(o, "<p class=\"hint\">%s</p>", T(r, M_TRADE_RULE));
    page_cache_end(r, key, start);
}
