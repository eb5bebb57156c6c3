/* What the bulletin adds to the staff's pages (domain/bulletin.c has the rules): on an
 * article's page its public address or a preview and its images with the code that puts each
 * in the text; on the page of a delegation, an agreement, a trade report or a project, the
 * button that starts an article from it; the moderation queue of readers' comments (approve,
 * reject, mark as spam, several at once). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/attach.h"
#include "../domain/bulletin.h"
#include "../domain/entities.h"
#include "panels.h"
#include "public.h"
#include "routes.h"

void article_panel(req *r, const record *rec)
{
    buf *o = &r->out;
    char now[17];
    bulletin_now(now);
    const char *st = record_get(rec, "status"), *at = record_get(rec, "publish_at");
    bool live = st && !strcmp(st, "published") && at && strcmp(at, now) <= 0;
    html_printf(o, "<section class=\"article-tools\"><p class=\"actions\">");
    if (live)
        html_printf(o, "<a class=\"button primary\" href=\"/bulletin/vi/a/%s\">%s</a> ",
                    record_get(rec, "slug"), T(r, M_ARTICLE_PUBLIC_LINK));
    html_printf(o, "<a class=\"button\" href=\"/articles/%D/preview\">%s</a>", rec->id,
                T(r, M_ARTICLE_PREVIEW));
    const char *src = record_get(rec, "source_table"), *sid = record_get(rec, "source_id");
    if (src && sid && entity_by_table(src))
        html_printf(o, " <a href=\"/%s/%s\">%s</a>", src, sid, T(r, M_ARTICLE_SOURCE));
    html_printf(o, "</p><h2>%s</h2><p class=\"legend\">%s</p>", T(r, M_ARTICLE_IMAGES),
                T(r, M_ARTICLE_IMAGES_HINT));
    attach_row *rows;
    int n = 0;
    st_attach_list(r->c, &r->a, article_entity.name, rec->id, &rows, &n);
    html_printf(o, "<ul class=\"images\">");
    for (int i = 0; i < n; i++)
        if (rows[i].mime && !strncmp(rows[i].mime, "image/", 6))
            html_printf(o, "<li>%s: <code>![%s](/bulletin/images/%s/960)</code></li>", rows[i].name,
                        rows[i].name, rows[i].sha256);
    html_printf(o, "</ul></section>\n");
}

/* GET /articles/:id/preview: the article as readers will see it, whatever its state. */
void ui_article_preview(req *r)
{
    record a;
    rstatus rs = rec_get(&r->x, &article_entity, r->id, &a);
    if (rs != RS_OK) {
        page_rstatus(r, rs);
        return;
    }
    const char *l = q_get(r, "lang");
    r->plang = l && bulletin_lang(l) >= 0 ? l : "vi";
    add_header(r, "Cache-Control", "no-store");
    add_header(r, "X-Robots-Tag", "noindex");
    public_article_page(r, &a, true);
}

/* On the pages of the records an article can be started from. */
void article_source_panel(req *r, const record *rec)
{
    if (!rec_may_write(&r->x, &article_entity, AG_CREATE)) return;
    html_printf(&r->out,
                "<form class=\"article-from\" method=\"post\" action=\"/articles/from/%s/%D\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\">%s"
                "</button></form>\n",
                rec->e->table, rec->id, r->csrf, T(r, M_ARTICLE_FROM_RECORD));
}

/* POST /articles/from/:e/:id: a draft from the record, then its form. */
void ui_article_from(req *r)
{
    long long id = 0;
    rstatus rs = article_from_record(&r->x, r->ent, r->id, &id);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/articles/%lld/edit", id));
        return;
    }
    if (rs == RS_INVALID) {
        page_error(r, 404, M_NOT_FOUND);
        return;
    }
    page_rstatus(r, rs);
}

/* ---- moderation */

static const char *const queue_states[] = {"pending", "approved", "rejected", "spam", NULL};

void ui_moderation(req *r)
{
    const entity *e = &comment_entity;
    const char *st = q_get(r, "status");
    bool known = false;
    for (int i = 0; queue_states[i]; i++)
        known |= st && !strcmp(st, queue_states[i]);
    if (!known) st = "pending";
    list_query q = {.sort = -1, .desc = true, .limit = 200, .nf = 1};
    q.f[0] = (list_filter){entity_field_index(e, "status"), st, '='};
    record *rows;
    int n = 0;
    long long total = 0;
    if (st_rec_list(r->c, &r->a, e, &q, &rows, &n) != ST_OK ||
        st_rec_count(r->c, e, &q, &total) != ST_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    page_begin(r, T(r, M_MODERATION));
    buf *o = &r->out;
    html_printf(o,
                "<div class=\"head\"><h1>%s</h1><p class=\"actions\"><a href=\"/comments\">%s"
                "</a></p></div>",
                T(r, M_MODERATION), is_en(r) ? e->plural_en : e->plural_vi);
    const char *done = q_get(r, "done");
    if (done)
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>",
                    arena_printf(&r->a, T(r, M_MODERATION_DONE), strtoll(done, NULL, 10)));
    html_printf(o, "<nav class=\"filters\" aria-label=\"%s\">", T(r, M_FILTER));
    const field *sf = &e->fields[entity_field_index(e, "status")];
    for (const enum_opt *opt = sf->opts; opt->code; opt++)
        html_printf(
            o, !strcmp(opt->code, st) ? "<b>%s</b> " : "<a href=\"/moderation?status=%s\">%s</a> ",
            !strcmp(opt->code, st) ? (is_en(r) ? opt->en : opt->vi) : opt->code,
            is_en(r) ? opt->en : opt->vi);
    html_printf(o, "</nav><p class=\"count\">%D</p>", total);
    if (!n) {
        html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_MODERATION_NONE));
        page_end(r);
        return;
    }
    html_printf(o,
                "<form method=\"post\" action=\"/moderation\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\"><input type=\"hidden\" name=\"from\" value=\"%s\">"
                "<table class=\"list\"><thead><tr><th scope=\"col\"><span class=\"sr\">%s</span>"
                "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th></tr></thead><tbody>",
                r->csrf, st, T(r, M_MODERATION_PICK), T(r, M_CREATED_AT),
                is_en(r) ? e->fields[1].en : e->fields[1].vi,
                is_en(r) ? e->fields[3].en : e->fields[3].vi,
                is_en(r) ? article_entity.en : article_entity.vi);
    for (int i = 0; i < n; i++) {
        const record *c = &rows[i];
        char t[32];
        const char *aid = record_get(c, "article_id");
        const char *title =
            aid ? rec_ref_title(&r->x, &article_entity, strtoll(aid, NULL, 10), NULL) : NULL;
        html_printf(
            o,
            "<tr><td><input type=\"checkbox\" name=\"id\" value=\"%D\" aria-label=\"%s %D\">"
            "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><a href=\"/comments/"
            "%D\">%s</a><br><small>%s</small></td><td data-label=\"%s\">",
            c->id, T(r, M_MODERATION_PICK), c->id, T(r, M_CREATED_AT),
            clock_local(c->created_at, t), e->fields[1].vi, c->id, record_get(c, "name"),
            record_get(c, "email"), e->fields[3].vi);
        const char *hl = record_get(c, "has_links");
        if (hl && !strcmp(hl, "1"))
            html_printf(o, "<p class=\"warning\">%s</p>", T(r, M_MODERATION_HAS_LINKS));
        html_printf(o,
                    "<p class=\"comment-text\">%s</p></td><td data-label=\"%s\"><a "
                    "href=\"/articles/%s\">%s</a></td></tr>",
                    record_get(c, "body"), article_entity.vi, aid ? aid : "", title ? title : "");
    }
    html_printf(o,
                "</tbody></table><p class=\"buttons\"><button type=\"submit\" name=\"to\" "
                "value=\"approved\" class=\"primary\">%s</button> <button type=\"submit\" "
                "name=\"to\" value=\"rejected\">%s</button> <button type=\"submit\" name=\"to\" "
                "value=\"spam\" class=\"danger\">%s</button></p></form>",
                T(r, M_APPROVE), T(r, M_REJECT), T(r, M_MARK_SPAM));
    page_end(r);
}

/* POST /moderation (id=1&id=2...&to=approved): each chosen comment moved, as its workflow
 * allows; the count of those done said back. */
void ui_moderation_apply(req *r)
{
    const char *to = f_get(r, "to"), *from = f_get(r, "from");
    long long done = 0;
    for (kv *k = r->form; k && to; k = k->next) {
        if (strcmp(k->key, "id") || !k->val) continue;
        long long id = strtoll(k->val, NULL, 10);
        if (id <= 0) continue;
        record out;
        verrs ve = {0};
        if (rec_transition(&r->x, &comment_entity, id, to, NULL, &out, &ve) == RS_OK) done++;
    }
    bool known = false;
    for (int i = 0; queue_states[i]; i++)
        known |= from && !strcmp(from, queue_states[i]);
    redirect(
        r, arena_printf(&r->a, "/moderation?status=%s&done=%lld", known ? from : "pending", done));
}
