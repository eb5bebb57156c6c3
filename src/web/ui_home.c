/* The first page, the search page, the province profile, and the small fixed answers. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/app.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "cache.h"
#include "routes.h"
#include "svgmap.h"

extern const char *const ngv_app_css, *const ngv_doc_css;

void ui_healthz(req *r)
{
    r->ctype = "application/json";
    long long v = store_data_version_read(r->c);
    if (v < 0) {
        r->status = 503;
        buf_puts(&r->out, "{\"status\":\"unavailable\"}\n");
        return;
    }
    /* version: how this node knows another's writes: "followed" from the database's
     * notices, or "read" at each request (SQLite always; PostgreSQL until it listens) */
    buf_printf(&r->out, "{\"status\":\"ok\",\"engine\":\"%s\",\"schema\":%d,\"version\":\"%s\"",
               store_engine(r->w->st), store_schema_latest(r->w->st),
               store_following(r->w->st) ? "followed" : "read");
    /* to a client on this machine (its monitoring, make soak): what the process holds, in
     * bytes: the heap in use (malloc's, not what it keeps free), and of it SQLite's own
     * (its page caches: -1 on PostgreSQL) and the answer caches'; a leak is heap that grows
     * while the other two do not */
    if (!strncmp(r->client, "127.", 4) || !strcmp(r->client, "::1")) {
        struct mallinfo2 mi = mallinfo2();
        buf_printf(&r->out, ",\"memory\":{\"heap\":%zu,\"engine\":%lld,\"caches\":%zu}",
                   mi.uordblks + mi.hblkhd, store_engine_heap(r->w->st),
                   cache_bytes(r->w->cache) + cache_bytes(r->w->media));
    }
    buf_puts(&r->out, "}\n");
}

void ui_static_css(req *r)
{
    r->ctype = "text/css; charset=utf-8";
    add_header(r, "Cache-Control", "public, max-age=3600");
    buf_puts(&r->out, ngv_app_css);
    buf_puts(&r->out, "\n/* the map's own rules (svgmap.h) */\n" SVGMAP_CSS "\n");
    buf_puts(&r->out, "\n/* documents the department issues (static/doc.css) */\n");
    buf_puts(&r->out, ngv_doc_css);
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
        /* on an English page the record's English name where one is stored (one lookup per
         * hit, English pages only); else the indexed title, marked Vietnamese there */
        const char *title = hits[i].title;
        bool vi_only = is_en(r);
        if (is_en(r)) {
            const char *t = rec_ref_title(&r->x, e, hits[i].id, &vi_only);
            if (t) title = t;
        }
        html_printf(o,
                    vi_only ? "<li><a href=\"/%s/%D\" lang=\"vi\">%s</a> <small>%s</small></li>"
                            : "<li><a href=\"/%s/%D\">%s</a> <small>%s</small></li>",
                    e->table, hits[i].id, title, is_en(r) ? e->en : e->vi);
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
    } f[] = {
        {"name_vi", p->name_vi, M_PROVINCE_NAME_VI}, {"name_en", p->name_en, M_PROVINCE_NAME_EN},
        {"code", p->code, M_PROVINCE_CODE},          {"dept_vi", p->dept_vi, M_DEPT_VI},
        {"dept_en", p->dept_en, M_DEPT_EN},          {"area", p->area, M_PROVINCE_AREA},
        {"iati_org", p->iati_org, M_IATI_ORG},       {"abbrev", p->abbrev, M_ABBREV},
        {"parent_vi", p->parent_vi, M_PARENT_BODY}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        const char *err = NULL;
        for (int k = 0; k < ve->n; k++)
            if (!strcmp(ve->e[k].field, f[i].name))
                err = arena_printf(&r->a, msg(ve->e[k].msg, r->lang), ve->e[k].arg);
        /* the lang of a name is the field's (name_en on a Vietnamese page...) */
        bool en_field = strstr(f[i].name, "_en") != NULL,
             vi_field = strstr(f[i].name, "_vi") != NULL;
        const char *lang = en_field && !is_en(r) ? "en" : vi_field && is_en(r) ? "vi" : NULL;
        html_printf(o,
                    err ? "<div class=\"field invalid\"><label for=\"f-%s\">%s</label>"
                        : "<div class=\"field\"><label for=\"f-%s\">%s</label>",
                    f[i].name, T(r, f[i].label));
        html_printf(o, "<input type=\"text\" name=\"%s\" id=\"f-%s\" value=\"%s\"", f[i].name,
                    f[i].name, f[i].value);
        if (lang) html_printf(o, " lang=\"%s\"", lang);
        if (err) html_printf(o, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", f[i].name);
        html_printf(o, ">");
        if (err) html_printf(o, "<p class=\"ferr\" id=\"err-%s\">%s</p>", f[i].name, err);
        if (!strcmp(f[i].name, "area"))
            html_printf(o, "<p class=\"hint\">%s</p>", T(r, M_PROVINCE_AREA_HINT));
        if (!strcmp(f[i].name, "iati_org"))
            html_printf(o, "<p class=\"hint\">%s</p>", T(r, M_IATI_ORG_HINT));
        if (!strcmp(f[i].name, "abbrev"))
            html_printf(o, "<p class=\"hint\">%s</p>", T(r, M_ABBREV_HINT));
        html_printf(o, "</div>");
    }
    html_printf(
        o,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form>",
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
    province p = {f_get(r, "name_vi"),  f_get(r, "name_en"), f_get(r, "code"),
                  f_get(r, "dept_vi"),  f_get(r, "dept_en"), f_get(r, "area"),
                  f_get(r, "iati_org"), f_get(r, "abbrev"),  f_get(r, "parent_vi")};
    verrs ve = {0};
    int rs = province_set(&r->x, &p, &ve);
    if (rs == RS_OK) {
        redirect(r, "/province?saved=1");
        return;
    }
    r->status = rs == RS_INVALID ? 422 : 500;
    province_page(r, &p, &ve, false);
}
