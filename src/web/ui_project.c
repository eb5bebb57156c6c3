/* The pipeline of projects, aid and investment leads (GET /pipeline): one column a stage,
 * each with how many projects it holds and their committed amounts in USD, its largest
 * projects and a link to all of them; then committed against disbursed by year, drawn by
 * the server. Plain HTML: no JavaScript. The list's filters apply (?kind=oda&agency_id=3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/iati.h"
#include "../domain/project.h"
#include "../domain/records.h"
#include "chart.h"
#include "ftypes_web.h"
#include "routes.h"

enum { PIPELINE_CARDS = 6, PIPELINE_YEARS = 12, PIPELINE_IDS = 50 };

/* A whole amount grouped in the page's style ("1.234.567"; "1,234,567"). */
static const char *grouped(req *r, double v, int decimals)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    bool en = is_en(r);
    buf b = {0};
    const char *dot = strchr(raw, '.');
    size_t ni = dot ? (size_t)(dot - raw) : strlen(raw);
    for (size_t i = 0; i < ni; i++) {
        if (i && (ni - i) % 3 == 0 && raw[i - 1] != '-') buf_putc(&b, en ? ',' : '.');
        buf_putc(&b, raw[i]);
    }
    if (dot) {
        buf_putc(&b, en ? '.' : ',');
        buf_puts(&b, dot + 1);
    }
    const char *s = arena_strdup(&r->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void pipeline_filters(req *r, const entity *e)
{
    buf *o = &r->out;
    const field *k = &e->fields[entity_field_index(e, "kind")];
    const char *kind = q_get(r, "kind"), *words = q_get(r, "q");
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/pipeline\">"
                "<label>%s <select name=\"kind\"><option value=\"\">%s</option>",
                field_label(r, k), T(r, M_ALL));
    for (const enum_opt *p = k->opts; p->code; p++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", p->code,
                    kind && !strcmp(kind, p->code) ? " selected" : "", is_en(r) ? p->en : p->vi);
    html_printf(o,
                "</select></label> <label>%s <input type=\"search\" name=\"q\" value=\"%s\">"
                "</label> <button type=\"submit\">%s</button></form>",
                T(r, M_SEARCH), words ? words : "", T(r, M_FILTER));
}

/* The stages as columns: count, committed in USD, the largest projects. */
static void pipeline_columns(req *r, const entity *e, const list_query *base)
{
    buf *o = &r->out;
    int si = entity_field_index(e, "stage"), ci = entity_field_index(e, "committed_usd");
    group_count *g = NULL;
    int ng = 0;
    st_rec_group_sums(r->c, &r->a, e, si, (const int[2]){ci, -1}, true, base, 20, &g, &ng);
    char today[11];
    clock_today(today);
    html_printf(o, "<div class=\"pipeline\" data-pipeline>");
    for (const enum_opt *st = project_stages; st->code; st++) {
        long long n = 0;
        double sum = 0;
        for (int i = 0; i < ng; i++)
            if (g[i].value && !strcmp(g[i].value, st->code)) {
                n = g[i].n;
                sum = g[i].sum[0] ? strtod(g[i].sum[0], NULL) : 0;
            }
        list_query q = *base;
        q.sort = ci;
        q.desc = true;
        q.limit = PIPELINE_CARDS;
        q.offset = 0;
        q.no_lists = true;
        if (q.nf < LIST_FILTERS_MAX) q.f[q.nf++] = (list_filter){si, st->code, '='};
        const char *params = list_query_params(&r->a, e, &q);
        html_printf(o,
                    "<section class=\"stage\" data-stage=\"%s\" data-count=\"%D\" "
                    "data-committed=\"%s\"><h2><a href=\"/projects?%s\">%s</a></h2>"
                    "<p class=\"stage-figures\"><strong>%D</strong> %s · %s USD</p>",
                    st->code, n, grouped(r, sum, 0), params ? params : "",
                    is_en(r) ? st->en : st->vi, n, T(r, M_PIPELINE_PROJECTS), grouped(r, sum, 0));
        record *rows = NULL;
        int nr = 0;
        if (n > 0 && st_rec_list(r->c, &r->a, e, &q, &rows, &nr) == ST_OK && nr > 0) {
            html_printf(o, "<ul>");
            for (int i = 0; i < nr; i++) {
                int w = rec_warning_on(&rows[i], today);
                const char *cu = record_get(&rows[i], "committed_usd");
                html_printf(o,
                            w >= 0 ? "<li class=\"warn\"><a href=\"/projects/%D\">%s</a>"
                                   : "<li><a href=\"/projects/%D\">%s</a>",
                            rows[i].id, rec_title(&r->x, &rows[i], NULL));
                if (cu)
                    html_printf(o, " <span class=\"amt\">%s USD</span>",
                                grouped(r, strtod(cu, NULL), 0));
                if (w >= 0) html_printf(o, " <span class=\"badge warn\">%s</span>", T(r, w));
                html_printf(o, "</li>");
            }
            html_printf(o, "</ul>");
            if (n > nr)
                html_printf(o, "<p class=\"more\"><a href=\"/projects?%s\">%s</a></p>",
                            params ? params : "", arena_printf(&r->a, T(r, M_PIPELINE_ALL), n));
        } else if (n == 0)
            html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_PIPELINE_EMPTY));
        html_printf(o, "</section>");
    }
    html_printf(o, "</div>");
}

/* Committed against disbursed by year, in USD, of the projects the filters select. */
static void pipeline_chart(req *r, const list_query *base)
{
    const entity *e = &project_amount_entity, *pe = &project_entity;
    /* the amounts of projects with real commitments (approved, under way or over: a lead's
     * figures are hopes), of those the filters select: each filter on the projects is one on
     * the amounts' project; search words select by the projects found */
    list_query q = {.sort = -1};
    int pi = entity_field_index(e, "project_id");
    q.f[q.nf++] = (list_filter){pi, "stage=approved,running,closed", 'r'};
    for (int i = 0; i < base->nf && q.nf < LIST_FILTERS_MAX; i++) {
        const list_filter *f = &base->f[i];
        if (f->op == '=' || f->op == 'i')
            q.f[q.nf++] = (list_filter){
                pi, arena_printf(&r->a, "%s=%s", pe->fields[f->field].name, f->value), 'r'};
    }
    group_count *g = NULL;
    int ng = 0;
    int yi = entity_field_index(e, "year");
    int sums[2] = {entity_field_index(e, "committed_usd"), entity_field_index(e, "disbursed_usd")};
    if (!base->words) {
        if (st_rec_group_sums(r->c, &r->a, e, yi, sums, true, &q, 200, &g, &ng) != ST_OK) return;
    } else if (q.nf < LIST_FILTERS_MAX) {
        /* search words select projects, not amounts: the projects found (at most 2,000),
         * PIPELINE_IDS a query (PostgreSQL takes 64 parameters a statement), summed by year */
        list_query pq = *base;
        pq.limit = 2000;
        pq.no_lists = true;
        pq.sort = -1;
        record *rows = NULL;
        int n = 0;
        if (st_rec_list(r->c, &r->a, pe, &pq, &rows, &n) != ST_OK) return;
        g = arena_alloc(&r->a, sizeof *g * 200);
        for (int from = 0; from < n; from += PIPELINE_IDS) {
            buf ids = {0};
            for (int i = from; i < n && i < from + PIPELINE_IDS; i++)
                buf_printf(&ids, "%s%lld", i > from ? "," : "", rows[i].id);
            list_query cq = q;
            cq.f[cq.nf++] = (list_filter){pi, arena_strdup(&r->a, buf_cstr(&ids)), 'i'};
            buf_free(&ids);
            group_count *part = NULL;
            int np = 0;
            if (st_rec_group_sums(r->c, &r->a, e, yi, sums, true, &cq, 200, &part, &np) != ST_OK)
                return;
            for (int k = 0; k < np; k++) { /* into the years so far, kept in order */
                int at = 0;
                while (at < ng && strtol(g[at].value, NULL, 10) < strtol(part[k].value, NULL, 10))
                    at++;
                if (at == ng || strcmp(g[at].value, part[k].value)) {
                    if (ng == 200) continue;
                    memmove(g + at + 1, g + at, sizeof *g * (size_t)(ng - at));
                    g[at] = (group_count){.value = part[k].value};
                    ng++;
                }
                g[at].n += part[k].n;
                for (int m = 0; m < 2; m++) {
                    double v = (g[at].sum[m] ? strtod(g[at].sum[m], NULL) : 0) +
                               (part[k].sum[m] ? strtod(part[k].sum[m], NULL) : 0);
                    g[at].sum[m] = arena_printf(&r->a, "%.2f", v);
                }
            }
        }
    }
    if (!ng) return;
    int from = ng > PIPELINE_YEARS ? ng - PIPELINE_YEARS : 0;
    double top = 0;
    for (int i = from; i < ng; i++)
        for (int k = 0; k < 2; k++)
            if (g[i].sum[k] && strtod(g[i].sum[k], NULL) > top) top = strtod(g[i].sum[k], NULL);
    bool mil = top >= 1e7;
    double div = mil ? 1e6 : 1e3;
    chart_bar *bars = arena_alloc(&r->a, sizeof *bars * (size_t)(ng - from));
    for (int i = from; i < ng; i++) {
        double c = g[i].sum[0] ? strtod(g[i].sum[0], NULL) : 0,
               d = g[i].sum[1] ? strtod(g[i].sum[1], NULL) : 0;
        chart_bar *b = &bars[i - from];
        *b = (chart_bar){.label = g[i].value, .value = c / div, .value2 = d / div};
        b->text = grouped(r, c / div, mil ? 1 : 0);
        b->text2 = grouped(r, d / div, mil ? 1 : 0);
        b->note = arena_printf(&r->a, "%s %s: %s USD", T(r, M_PIPELINE_COMMITTED), g[i].value,
                               grouped(r, c, 0));
        b->note2 = arena_printf(&r->a, "%s %s: %s USD", T(r, M_PIPELINE_DISBURSED), g[i].value,
                                grouped(r, d, 0));
    }
    chart ch = {.title = T(r, M_PIPELINE_CHART),
                .unit = T(r, mil ? M_MILLION_USD : M_THOUSAND_USD),
                .id = "aid-years",
                .bars = bars,
                .n = ng - from,
                .series = {T(r, M_PIPELINE_COMMITTED), T(r, M_PIPELINE_DISBURSED)}};
    chart_bars_svg(&r->out, &ch, r->lang);
    /* the same figures as a table: readable on a phone, where the bars' values are hidden */
    html_printf(&r->out,
                "<details class=\"figures\"><summary>%s</summary><div class=\"table-wrap\">"
                "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s "
                "(USD)</th><th scope=\"col\">%s (USD)</th></tr></thead><tbody>",
                T(r, M_PIPELINE_FIGURES), T(r, M_SCHOLAR_YEAR), T(r, M_PIPELINE_COMMITTED),
                T(r, M_PIPELINE_DISBURSED));
    for (int i = ng - 1; i >= from; i--)
        html_printf(&r->out,
                    "<tr><th scope=\"row\">%s</th><td data-label=\"%s (USD)\">%s</td>"
                    "<td data-label=\"%s (USD)\">%s</td></tr>",
                    g[i].value, T(r, M_PIPELINE_COMMITTED),
                    grouped(r, g[i].sum[0] ? strtod(g[i].sum[0], NULL) : 0, 0),
                    T(r, M_PIPELINE_DISBURSED),
                    grouped(r, g[i].sum[1] ? strtod(g[i].sum[1], NULL) : 0, 0));
    html_printf(&r->out, "</tbody></table></div></details>");
}

void ui_pipeline(req *r)
{
    const entity *e = &project_entity;
    r->ent = e;
    list_query base;
    verrs ve = {0};
    if (!list_query_from_request(r, &base, &ve) || ve.n) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    char today[11];
    const char *key =
        arena_printf(&r->a, "pipeline|%s|%s|%s", r->lang, clock_today(today), request_uri(r));
    size_t start;
    if (page_cached(r, T(r, M_PIPELINE_TITLE), key, &start)) return;
    buf *o = &r->out;
    html_printf(o,
                "<div class=\"head\"><h1>%s</h1><p class=\"actions\"><a href=\"/projects\">%s</a> "
                "<a href=\"/api/v1/projects.iati.xml\">%s</a></p></div>",
                T(r, M_PIPELINE_TITLE), is_en(r) ? e->plural_en : e->plural_vi,
                T(r, M_IATI_EXPORT));
    pipeline_filters(r, e);
    pipeline_columns(r, e, &base);
    pipeline_chart(r, &base);
    page_cache_end(r, key, start);
}

/* The selected projects as an IATI 2.03 activities document, validated before it is given
 * (GET /api/v1/projects.iati.xml, with the list's filters): written into a temporary file
 * (memory stays one page of projects), then sent from it. An invalid document is an error
 * naming the activity and the rule (422), never a download. */
void api_iati(req *r)
{
    r->ent = &project_entity;
    list_query q;
    verrs ve = {0};
    if (!list_query_from_request(r, &q, &ve) || ve.n) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    FILE *f = tmpfile();
    if (!f) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    long long n = 0;
    iati_problem pb;
    int rc = iati_export(&r->x, &q, f, &n, &pb);
    if (rc == -2) { /* the database failed: nothing wrong with the data */
        fclose(f);
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    if (rc) {
        fclose(f);
        json_t *e = json_object();
        json_object_set_new(e, "code", json_string("unprocessable_entity"));
        json_object_set_new(e, "message", json_string(T(r, M_IATI_REFUSED)));
        json_object_set_new(e, "activity", json_string(pb.activity));
        json_object_set_new(e, "rule", json_string(pb.rule));
        json_t *j = json_object();
        json_object_set_new(j, "error", e);
        reply_json(r, 422, j);
        return;
    }
    long long size = ftell(f);
    int fd = dup(fileno(f));
    fclose(f);
    if (fd < 0 || size < 0 || lseek(fd, 0, SEEK_SET) != 0) {
        if (fd >= 0) close(fd);
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    r->ctype = "application/xml; charset=utf-8";
    add_header(r, "Content-Disposition", "attachment; filename=\"projects.iati.xml\"");
    add_header(r, "X-IATI-Activities", arena_printf(&r->a, "%lld", n));
    r->body_fd = fd;
    r->body_fd_set = true;
    r->body_size = size;
}
