/* The first page, the search page, the province profile, and the small fixed answers. */
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/app.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "routes.h"

extern const char *const ngv_app_css;

void ui_healthz(req *r)
{
    r->ctype = "application/json";
    long long v = store_data_version(r->c);
    if (v < 0) {
        r->status = 503;
        buf_puts(&r->out, "{\"status\":\"unavailable\"}\n");
        return;
    }
    buf_printf(&r->out, "{\"status\":\"ok\",\"engine\":\"%s\",\"schema\":%d}\n", store_engine(),
               store_schema_latest());
}

void ui_static_css(req *r)
{
    r->ctype = "text/css; charset=utf-8";
    add_header(r, "Cache-Control", "public, max-age=3600");
    buf_puts(&r->out, ngv_app_css);
}

/* A figure per value of a field, each linking to the list it counts. */
static void group_section(req *r, const entity *e, const char *fname, int title)
{
    int fi = entity_field_index(e, fname);
    group_count *g;
    int n = 0;
    if (fi < 0 || st_rec_group(r->c, &r->a, e, fi, 10, &g, &n) != ST_OK || !n) return;
    html_printf(&r->out, "<section><h2>%s</h2><ul class=\"bars\">", T(r, title));
    for (int i = 0; i < n; i++) {
        record one = rec_new(&r->a, e);
        one.v[fi] = g[i].value;
        html_printf(&r->out, "<li><a href=\"/%s?%s=%u\">%s</a> <b>%D</b></li>", e->table, fname,
                    g[i].value, rec_display(&r->x, &one, fi), g[i].n);
    }
    html_printf(&r->out, "</ul></section>\n");
}

void ui_home(req *r)
{
    buf *o = &r->out;
    page_begin(r, T(r, M_NAV_HOME));
    html_printf(o, "<h1>%s</h1><div class=\"cards\">", T(r, M_NAV_HOME));
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *e = ngv_entities[k];
        list_query q = {.sort = -1};
        long long n = 0;
        st_rec_count(r->c, e, &q, &n);
        html_printf(o, "<a class=\"card\" href=\"/%s\"><span class=\"num\">%D</span>%s</a>",
                    e->table, n, is_en(r) ? e->plural_en : e->plural_vi);
    }
    html_printf(o, "</div>\n<div class=\"columns\">");
    group_section(r, &partner_entity, "kind", M_BY_KIND);
    group_section(r, &partner_entity, "country", M_BY_COUNTRY);
    html_printf(o, "</div>\n");
    audit_row *h;
    int n = 0;
    if (st_audit_recent(r->c, &r->a, 10, &h, &n) == ST_OK && n) {
        html_printf(o, "<section><h2>%s</h2><ul class=\"results\">", T(r, M_RECENT_CHANGES));
        for (int i = 0; i < n; i++) {
            const entity *e = entity_by_name(h[i].entity);
            char when[32];
            clock_local(h[i].at, when);
            const char *act = !strcmp(h[i].action, "create")   ? T(r, M_ACT_CREATE)
                              : !strcmp(h[i].action, "update") ? T(r, M_ACT_UPDATE)
                                                               : T(r, M_ACT_DELETE);
            /* the record's title as the entry saw it */
            const char *title = NULL;
            const char *js = h[i].new_json ? h[i].new_json : h[i].old_json;
            json_t *j = js ? json_loads(js, 0, NULL) : NULL;
            if (e && j)
                title = arena_strdup(&r->a, json_string_value(json_object_get(
                                                j, e->fields[entity_title_index(e)].name)));
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
    page_end(r);
}

void ui_search(req *r)
{
    const char *q = q_get(r, "q");
    buf *o = &r->out;
    page_begin(r, T(r, M_SEARCH_RESULTS));
    if (q && !utf8_valid(q, strlen(q))) {
        r->status = 400;
        html_printf(o, "<h1>%s</h1><p class=\"error\">%s</p>", T(r, M_SEARCH_RESULTS),
                    T(r, M_BAD_UTF8));
        page_end(r);
        return;
    }
    html_printf(o, "<h1>%s: “%s”</h1>", T(r, M_SEARCH_RESULTS), q);
    search_hit *hits;
    int n = 0;
    if (q && st_search(r->c, &r->a, text_fold(&r->a, q), 50, &hits, &n) != ST_OK) n = 0;
    html_printf(o, "<p class=\"count\">");
    buf_printf(o, msg(M_SHOWING, r->lang), (long long)n);
    html_printf(o, "</p>");
    if (!n) html_printf(o, "<p>%s</p>", T(r, M_NO_RESULTS));
    html_printf(o, "<ul class=\"results\">");
    for (int i = 0; i < n; i++) {
        const entity *e = entity_by_code(hits[i].code);
        if (!e) continue;
        html_printf(o, "<li><a href=\"/%s/%D\">%s</a> <small>%s</small></li>", e->table, hits[i].id,
                    hits[i].title, is_en(r) ? e->en : e->vi);
    }
    html_printf(o, "</ul>");
    page_end(r);
}

static void province_page(req *r, const province *p, const verrs *ve, bool saved)
{
    buf *o = &r->out;
    page_begin(r, T(r, M_NAV_PROVINCE));
    html_printf(o, "<h1>%s</h1>", T(r, M_NAV_PROVINCE));
    if (saved) html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_SAVED));
    if (ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/province\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                r->csrf);
    struct {
        const char *name, *value;
        int label;
    } f[] = {{"name_vi", p->name_vi, M_PROVINCE_NAME_VI},
             {"name_en", p->name_en, M_PROVINCE_NAME_EN},
             {"code", p->code, M_PROVINCE_CODE},
             {"dept_vi", p->dept_vi, M_DEPT_VI},
             {"dept_en", p->dept_en, M_DEPT_EN}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        const char *err = NULL;
        for (int k = 0; k < ve->n; k++)
            if (!strcmp(ve->e[k].field, f[i].name))
                err = arena_printf(&r->a, msg(ve->e[k].msg, r->lang), ve->e[k].arg);
        html_printf(o,
                    "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input name=\"%s\" "
                    "id=\"f-%s\" value=\"%s\">",
                    err ? " invalid" : "", f[i].name, T(r, f[i].label), f[i].name, f[i].name,
                    f[i].value);
        if (err) html_printf(o, "<p class=\"ferr\">%s</p>", err);
        html_printf(o, "</div>");
    }
    html_printf(o, "<div class=\"buttons\"><button class=\"primary\">%s</button></div></form>",
                T(r, M_SAVE));
    page_end(r);
}

void ui_province_form(req *r)
{
    province p;
    province_get(&r->x, &p);
    verrs ve = {0};
    province_page(r, &p, &ve, q_get(r, "saved") != NULL);
}

void ui_province_save(req *r)
{
    province p = {f_get(r, "name_vi"), f_get(r, "name_en"), f_get(r, "code"), f_get(r, "dept_vi"),
                  f_get(r, "dept_en")};
    verrs ve = {0};
    int rs = province_set(&r->x, &p, &ve);
    if (rs == RS_OK) {
        redirect(r, "/province?saved=1");
        return;
    }
    r->status = rs == RS_INVALID ? 422 : 500;
    province_page(r, &p, &ve, false);
}
