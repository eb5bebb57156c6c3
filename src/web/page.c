/* The frame of every page: head, top bar (department, menu, search, language, user),
 * main, footer. Every value goes through html_printf. */
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/app.h"
#include "../domain/entities.h"
#include "cache.h"
#include "notifications.h"
#include "routes.h"

/* The parameters a list understands: the common ones, then the record type's filters. */
typedef struct {
    const char *key[2], *value[2];
} overrides;

/* One parameter of the present request, or its replacement ("" or NULL drops it). */
static void put_param(req *r, buf *b, const char *name, const overrides *ov)
{
    const char *v = q_get(r, name);
    for (int i = 0; i < 2; i++)
        if (ov->key[i] && !strcmp(name, ov->key[i])) v = ov->value[i];
    if (!v || !*v) return;
    buf_puts(b, b->len ? "&" : "?"); /* raw: the caller escapes the whole query once */
    html_printf(b, "%u=%u", name, v);
}

const char *query_with(req *r, const char *key, const char *value)
{
    return query_with2(r, key, value, NULL, NULL);
}

/* Every parameter that shapes the list (words, order, page, every filter and the derived
 * one), so that sorting, paging and exporting keep the filters in effect. */
const char *query_with2(req *r, const char *k1, const char *v1, const char *k2, const char *v2)
{
    static const char *common[] = {"q", "sort", "offset", "after", "limit", "format", NULL};
    const overrides ov = {{k1, k2}, {v1, v2}};
    buf b = {0};
    for (int i = 0; common[i]; i++)
        put_param(r, &b, common[i], &ov);
    if (r->ent && r->ent->derived) put_param(r, &b, r->ent->derived->name, &ov);
    for (int i = 0; r->ent && i < r->ent->nfields; i++) {
        const field *f = &r->ent->fields[i];
        if (!(f->flags & F_FILTER)) continue;
        put_param(r, &b, f->name, &ov);
        if (ftype_of(f)->props & FTP_RANGE) {
            put_param(r, &b, arena_printf(&r->a, "%s_from", f->name), &ov);
            put_param(r, &b, arena_printf(&r->a, "%s_to", f->name), &ov);
        }
    }
    const char *s = arena_strdup(&r->a, b.len ? buf_cstr(&b) : "");
    buf_free(&b);
    return s;
}

/* The province's profile for the frame of every page: five settings, kept in the response
 * cache until the data changes (read per page, they were most of a cached page's cost). */
static void frame_province(req *r, province *p)
{
    long long v = req_version(r);
    buf b = {0};
    const char **f[] = {&p->name_vi, &p->name_en, &p->code, &p->dept_vi, &p->dept_en};
    if (v >= 0 && cache_get(r->w->cache, "frame|province", v, &b)) {
        /* five values, each ended by a 0x1f unit separator; an empty one is NULL */
        const char *s = buf_cstr(&b);
        for (int i = 0; i < 5; i++) {
            const char *e = strchr(s, 0x1f);
            if (!e) break;
            *f[i] = e > s ? arena_strndup(&r->a, s, (size_t)(e - s)) : NULL;
            s = e + 1;
        }
        buf_free(&b);
        return;
    }
    province_get(&r->x, p);
    for (int i = 0; i < 5; i++) {
        if (*f[i]) buf_puts(&b, *f[i]);
        buf_putc(&b, 0x1f);
    }
    if (v >= 0) cache_put(r->w->cache, "frame|province", v, b.data, b.len);
    buf_free(&b);
}

/* The menu's groups: a type with entity.menu set is listed in its group, at the place of
 * the group's first type, after the group's own pages. */
static const struct {
    const char *code;
    int label;
    const char *href[3];
    int page[3];
} menu_groups[] = {
    {"border", M_NAV_BORDER, {"/map", "/trade"}, {M_MAP_TITLE, M_TRADE_TITLE}},
    {"aid",
     M_NAV_AID,
     {"/pipeline", "/scholarships", "/integration"},
     {M_PIPELINE_TITLE, M_SCHOLAR_TITLE, M_PROG_TITLE}},
    {"reports", M_NAV_REPORTS, {"/moderation", "/bulletin/vi"}, {M_MODERATION, M_BULLETIN_PUBLIC}},
};

static void menu_items(req *r)
{
    buf *o = &r->out;
    for (int i = 0; ngv_entities[i]; i++) {
        const entity *e = ngv_entities[i];
        if (!e->menu) {
            html_printf(o, "<a href=\"/%s\">%s</a>", e->table,
                        is_en(r) ? e->plural_en : e->plural_vi);
            continue;
        }
        bool first = true;
        for (int j = 0; j < i; j++)
            first = first && !(ngv_entities[j]->menu && !strcmp(ngv_entities[j]->menu, e->menu));
        if (!first) continue;
        for (size_t g = 0; g < sizeof menu_groups / sizeof menu_groups[0]; g++) {
            if (strcmp(menu_groups[g].code, e->menu)) continue;
            html_printf(o, "<details class=\"menu-group\"><summary>%s</summary><div>",
                        T(r, menu_groups[g].label));
            for (int k = 0; k < 3 && menu_groups[g].href[k]; k++)
                html_printf(o, "<a href=\"%s\">%s</a>", menu_groups[g].href[k],
                            T(r, menu_groups[g].page[k]));
            for (int j = i; ngv_entities[j]; j++)
                if (ngv_entities[j]->menu && !strcmp(ngv_entities[j]->menu, e->menu))
                    html_printf(o, "<a href=\"/%s\">%s</a>", ngv_entities[j]->table,
                                is_en(r) ? ngv_entities[j]->plural_en : ngv_entities[j]->plural_vi);
            html_printf(o, "</div></details>");
        }
    }
}

void page_begin(req *r, const char *title)
{
    buf *o = &r->out;
    r->ctype = "text/html; charset=utf-8";
    province p = {0};
    if (r->c) frame_province(r, &p);
    const char *dept = province_dept(&p, r->lang);
    html_printf(o,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · %s</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
                "<link rel=\"icon\" href=\"data:,\">"
                "</head><body>\n<a class=\"skip\" href=\"#main\">%s</a>\n"
                "<header class=\"top\"><a class=\"brand\" href=\"/\">"
                "<strong>%s</strong><small>%s</small></a>\n",
                r->lang, title, dept ? dept : T(r, M_APP_NAME), T(r, M_SKIP_MAIN),
                dept ? dept : T(r, M_PROFILE_UNSET), T(r, M_APP_NAME));
    if (r->authed) {
        html_printf(o, "<nav aria-label=\"%s\"><a href=\"/\">%s</a>", T(r, M_NAV_MENU),
                    T(r, M_NAV_HOME));
        menu_items(r);
        html_printf(o, "<a href=\"/calendar\">%s</a>", T(r, M_NAV_CALENDAR));
        if (role_can(r->x.role, PERM_ADMIN))
            html_printf(o, "<a href=\"/province\">%s</a>", T(r, M_NAV_PROVINCE));
        if (role_can(r->x.role, PERM_ADMIN)) /* users, names, settings, audit (ui_admin.c) */
            html_printf(o, "<a href=\"/users\">%s</a>", T(r, M_NAV_USERS));
        html_printf(
            o,
            "</nav>\n<form class=\"search\" action=\"/search\" method=\"get\" "
            "role=\"search\"><input type=\"search\" name=\"q\" value=\"%s\" "
            "placeholder=\"%s\" aria-label=\"%s\"><button type=\"submit\">%s</button></form>\n",
            strcmp(r->path, "/search") == 0 ? q_get(r, "q") : "", T(r, M_SEARCH_HINT),
            T(r, M_SEARCH), T(r, M_SEARCH));
    }
    /* the link names the other language in that language: marked so (lang, hreflang) */
    html_printf(o,
                is_en(r) ? "<div class=\"user\"><a class=\"lang\" lang=\"vi\" hreflang=\"vi\" "
                           "href=\"/lang?to=vi&amp;next=%u\">%s</a>"
                         : "<div class=\"user\"><a class=\"lang\" lang=\"en\" hreflang=\"en\" "
                           "href=\"/lang?to=en&amp;next=%u\">%s</a>",
                request_uri(r), T(r, M_OTHER_LANG));
    if (r->authed) {
        html_printf(o, " ");
        notifications_bell(r); /* "Thông báo (N)": the unread notices */
        html_printf(o, " <a href=\"/account\">%s</a>", T(r, M_NAV_ACCOUNT)); /* ui_account.c */
    }
    if (r->authed)
        html_printf(o,
                    " <span>%s <b>%s</b> (%s)</span> <form method=\"post\" action=\"/logout\">"
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\" "
                    "class=\"link\">%s"
                    "</button></form>",
                    T(r, M_LOGGED_IN_AS),
                    r->user.display_name ? r->user.display_name : r->user.username,
                    role_label(r->x.role, r->lang), r->csrf, T(r, M_LOGOUT));
    html_printf(o, "</div></header>\n<main id=\"main\">\n");
}

void page_end(req *r)
{
    html_printf(&r->out, "</main>\n<footer>%s · ngoaivu</footer>\n</body></html>\n",
                T(r, M_APP_NAME));
}

void page_rstatus(req *r, rstatus rs)
{
    page_error(r,
               rs == RS_FORBIDDEN  ? 403
               : rs == RS_NOTFOUND ? 404
                                   : 500,
               rs == RS_FORBIDDEN  ? M_FORBIDDEN
               : rs == RS_NOTFOUND ? M_NOT_FOUND
                                   : M_INTERNAL);
}

bool page_cached(req *r, const char *title, const char *key, size_t *start)
{
    page_begin(r, title);
    *start = r->out.len;
    if (!cache_get(r->w->cache, key, req_version(r), &r->out)) return false;
    page_end(r);
    return true;
}

void page_cache_end(req *r, const char *key, size_t start)
{
    size_t n = r->out.len - start;
    if (r->status == 200 && n <= PAGE_CACHE_MAX)
        cache_put(r->w->cache, key, req_version(r), r->out.data + start, n);
    page_end(r);
}

void page_error(req *r, int status, int message)
{
    r->status = status;
    buf_reset(&r->out);
    page_begin(r, T(r, message));
    html_printf(&r->out, "<h1>%d</h1><p class=\"error\">%s</p><p><a href=\"/\">%s</a></p>", status,
                T(r, message), T(r, M_NAV_HOME));
    page_end(r);
}
