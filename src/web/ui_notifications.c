/* Each user's notices: the top bar's link with the unread count, the page that lists them
 * (newest first, unread ones marked, each linking to its record) and marks them read, and
 * the same through the API. The notices are made by the sweep (domain/remind.c) of the node
 * that holds its lease, never here: the pages that list them wait for it to have looked at
 * the data they read (remind_wait), the top bar counts what is there. */
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/remind.h"
#include "cache.h"
#include "notifications.h"
#include "routes.h"

enum { PAGE_SIZE = 50, API_LIMIT_MAX = 200 };

/* A whole number 0..max from a parameter; false when it is not one. */
static bool number(const char *s, long long max, long long *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 0 || v > max) return false;
    *out = v;
    return true;
}

void notifications_bell(req *r)
{
    if (!r->c || !r->authed) return;
    /* the count is kept per user until the data changes (a sweep that makes notices moves
     * the version) */
    long long total = 0, unread = 0, v = store_data_version(r->c);
    const char *key = arena_printf(&r->a, "bell|%lld", r->x.user_id);
    buf b = {0};
    if (v >= 0 && cache_get(r->w->cache, key, v, &b)) {
        unread = strtoll(buf_cstr(&b), NULL, 10);
    } else if (remind_count(&r->x, &total, &unread) == RS_OK && v >= 0) {
        char n[24];
        int len = snprintf(n, sizeof n, "%lld", unread);
        cache_put(r->w->cache, key, v, n, (size_t)len);
    }
    buf_free(&b);
    html_printf(&r->out, "<a class=\"notices%s\" href=\"/notifications\">%s</a>",
                unread ? " unread" : "", arena_printf(&r->a, T(r, M_NOTICES_N), unread));
}

static const char *dmy(req *r, const char *iso)
{
    if (!iso || strlen(iso) != 10) return iso ? iso : "";
    return arena_printf(&r->a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static void mark_form(req *r, long long id, int label)
{
    html_printf(&r->out,
                "<form method=\"post\" action=\"/notifications/read\"><input type=\"hidden\" "
                "name=\"csrf\" value=\"%s\">",
                r->csrf);
    if (id > 0) html_printf(&r->out, "<input type=\"hidden\" name=\"id\" value=\"%D\">", id);
    html_printf(&r->out, "<button type=\"submit\" class=\"%s\">%s</button></form>",
                id > 0 ? "link" : "", T(r, label));
}

/* Whether text begins with the word(s) of prefix, ignoring case and diacritics. */
static bool starts_with_folded(arena *a, const char *text, const char *prefix)
{
    const char *t = text_fold(a, text), *p = text_fold(a, prefix);
    size_t n = p ? strlen(p) : 0;
    return t && n && !strncmp(t, p, n) && (t[n] == 0 || t[n] == ' ');
}

void ui_notifications(req *r)
{
    long long offset = 0;
    const char *os = q_get(r, "offset");
    if (os && !number(os, 1000000000, &offset)) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    remind_wait(r->w->sweeper, r->c, req_version(r));
    long long total, unread;
    notice_row *rows;
    int n;
    if (remind_count(&r->x, &total, &unread) != RS_OK ||
        remind_list(&r->x, PAGE_SIZE, offset, &rows, &n) != RS_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    buf *o = &r->out;
    page_begin(r, T(r, M_NOTICES));
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", T(r, M_NOTICES));
    if (unread) mark_form(r, 0, M_NOTICE_MARK_ALL);
    html_printf(o, "</div></div>\n<p class=\"count\">%s</p>\n",
                arena_printf(&r->a, T(r, M_NOTICE_UNREAD_N), unread));
    html_printf(o, "<ul class=\"results notices\">\n");
    if (!n) html_printf(o, "<li class=\"empty\">%s</li>", T(r, M_NOTICE_NONE));
    for (int i = 0; i < n; i++) {
        const notice_row *nt = &rows[i];
        bool is_unread = !nt->read_at && !nt->resolved_at;
        const entity *e;
        const char *title = remind_title(&r->x, nt, &e);
        char when[32];
        clock_local(nt->created_at, when);
        html_printf(o, is_unread ? "<li class=\"unread\">" : "<li>");
        if (is_unread)
            html_printf(o, "<span class=\"badge late\">%s</span> ", T(r, M_NOTICE_UNREAD));
        if (nt->resolved_at)
            html_printf(o, "<span class=\"badge\">%s</span> ", T(r, M_NOTICE_RESOLVED));
        /* the record's kind, unless its title says it already ("Đoàn công tác ...") */
        const char *kind_label = e ? (is_en(r) ? e->en : e->vi) : nt->entity;
        html_printf(o, "%s · <b>%s</b> · ", when, T(r, remind_kind_msg(nt->kind)));
        if (!title || !starts_with_folded(&r->a, title, kind_label))
            html_printf(o, "%s ", kind_label);
        if (title)
            html_printf(o, "<a href=\"/%s/%D\">%s</a>", e->table, nt->rid, title);
        else
            html_printf(o, "#%D %s", nt->rid, T(r, M_NOTICE_GONE));
        int tm = remind_tag_msg(nt->kind);
        if (tm >= 0) html_printf(o, " (%s %s)", T(r, tm), dmy(r, nt->tag));
        if (is_unread) {
            html_printf(o, " ");
            mark_form(r, nt->id, M_NOTICE_MARK_READ);
        }
        html_printf(o, "</li>\n");
    }
    html_printf(o, "</ul>\n<nav class=\"pager\" aria-label=\"%s\">", T(r, M_PAGES));
    if (offset > 0)
        html_printf(o, "<a rel=\"prev\" href=\"/notifications?offset=%D\">%s</a>",
                    offset > PAGE_SIZE ? offset - PAGE_SIZE : 0, T(r, M_PREV));
    if (offset + n < total)
        html_printf(o, "<a rel=\"next\" href=\"/notifications?offset=%D\">%s</a>", offset + n,
                    T(r, M_NEXT));
    html_printf(o, "</nav>\n");
    page_end(r);
}

void ui_notifications_read(req *r)
{
    const char *ids = f_get(r, "id");
    long long id = 0, changed;
    if (ids && *ids && (!number(ids, 1LL << 53, &id) || id == 0)) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    rstatus rs = remind_read(&r->x, id, &changed);
    if (rs != RS_OK) {
        page_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    redirect(r, "/notifications");
}

static json_t *notice_json(req *r, const notice_row *nt)
{
    const entity *e;
    const char *title = remind_title(&r->x, nt, &e);
    json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)nt->id, "kind",
                          nt->kind, "label", T(r, remind_kind_msg(nt->kind)), "entity", nt->entity,
                          "record_id", (json_int_t)nt->rid, "tag", nt->tag, "day", nt->day,
                          "created_at", nt->created_at, "read", nt->read_at != NULL);
    json_object_set_new(j, "read_at", nt->read_at ? json_string(nt->read_at) : json_null());
    json_object_set_new(j, "resolved_at",
                        nt->resolved_at ? json_string(nt->resolved_at) : json_null());
    json_object_set_new(j, "title", title ? json_string(title) : json_null());
    json_object_set_new(j, "url",
                        e && title
                            ? json_string(arena_printf(&r->a, "/api/v1/%s/%lld", e->table, nt->rid))
                            : json_null());
    json_object_set_new(j, "page",
                        e && title ? json_string(arena_printf(&r->a, "/%s/%lld", e->table, nt->rid))
                                   : json_null());
    return j;
}

void api_notifications(req *r)
{
    long long limit = PAGE_SIZE, offset = 0;
    const char *ls = q_get(r, "limit"), *os = q_get(r, "offset");
    verrs ve = {0};
    if (ls && (!number(ls, API_LIMIT_MAX, &limit) || limit == 0))
        verrs_add(&ve, "limit", M_BAD_PARAM, 0);
    if (os && !number(os, 1000000000, &offset)) verrs_add(&ve, "offset", M_BAD_PARAM, 0);
    if (ve.n) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    remind_wait(r->w->sweeper, r->c, req_version(r));
    long long total, unread;
    notice_row *rows;
    int n;
    if (remind_count(&r->x, &total, &unread) != RS_OK ||
        remind_list(&r->x, limit, offset, &rows, &n) != RS_OK) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, notice_json(r, &rows[i]));
    reply_json(r, 200,
               json_pack("{s:o,s:I,s:I,s:I,s:I}", "items", items, "unread", (json_int_t)unread,
                         "total", (json_int_t)total, "limit", (json_int_t)limit, "offset",
                         (json_int_t)offset));
}

void api_notifications_read(req *r)
{
    long long id = 0;
    if (r->body.len) {
        json_t *j = body_object(r);
        if (!j) return;
        json_t *jid = json_object_get(j, "id");
        bool bad =
            jid && !json_is_null(jid) && (!json_is_integer(jid) || json_integer_value(jid) <= 0);
        if (jid && json_is_integer(jid)) id = json_integer_value(jid);
        json_decref(j);
        if (bad) {
            verrs ve = {0};
            verrs_add(&ve, "id", M_BAD_PARAM, 0);
            reply_error(r, 400, M_BAD_PARAM, &ve);
            return;
        }
    }
    long long changed = 0, total, unread;
    rstatus rs = remind_read(&r->x, id, &changed);
    if (rs != RS_OK) {
        reply_rstatus(r, rs, 0);
        return;
    }
    if (remind_count(&r->x, &total, &unread) != RS_OK) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    reply_json(r, 200,
               json_pack("{s:I,s:I}", "marked", (json_int_t)changed, "unread", (json_int_t)unread));
}
