/* Records of other types shown on a record's page, as its description says: its children
 * (entity.children: a plan's milestones and progress log, an incident's actions), and the
 * other revisions of the figure it reports (entity.revision_key), compared side by side.
 * A row carries the badge its own list gives it (a late milestone). */
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "ftypes_web.h"
#include "panels.h"

/* A table of rows of type me: the title (linked) then the fields cols; the row of the
 * record `mark` (its id; 0: none) is marked as the one on screen. */
static void rows_table(req *r, const entity *me, record *rows, int n, const char *const *cols,
                       long long mark)
{
    buf *o = &r->out;
    int ti = entity_title_index(me);
    html_printf(
        o, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>",
        field_label(r, &me->fields[ti]));
    for (const char *const *c = cols; *c; c++)
        html_printf(o, "<th scope=\"col\">%s</th>",
                    field_label(r, &me->fields[entity_field_index(me, *c)]));
    html_printf(o, "</tr></thead><tbody>");
    for (int k = 0; k < n; k++) {
        int w = rec_warning(&rows[k]);
        const char *title = rows[k].v[ti] ? rec_title(&r->x, &rows[k], NULL) : "—";
        html_printf(o, rows[k].id == mark ? "<tr class=\"current\">" : "<tr>");
        html_printf(o, "<td data-label=\"%s\"><a href=\"/%s/%D\">%s</a>",
                    field_label(r, &me->fields[ti]), me->table, rows[k].id, title);
        if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
        html_printf(o, "</td>");
        for (const char *const *c = cols; *c; c++) {
            int fi = entity_field_index(me, *c);
            html_printf(o, "<td data-label=\"%s\">", field_label(r, &me->fields[fi]));
            if (rows[k].v[fi]) /* as its page shows it: a reference is a link */
                ftype_web_of(&me->fields[fi])
                    ->detail(r, &me->fields[fi], rows[k].v[fi], rec_display(&r->x, &rows[k], fi));
            else
                html_printf(o, "—");
            html_printf(o, "</td>");
        }
        html_printf(o, "</tr>");
    }
    html_printf(o, "</tbody></table></div>");
}

bool children_lists(const entity *e, const entity *oe, const char *ref)
{
    for (const child_list *c = e->children; c && c->of; c++)
        if (!strcmp(c->of, oe->table) && !strcmp(c->ref, ref)) return true;
    return false;
}

void children_panels(req *r, const record *rec)
{
    buf *o = &r->out;
    for (const child_list *c = rec->e->children; c && c->of; c++) {
        const entity *me = entity_by_table(c->of);
        list_query q = {.sort = entity_field_index(me, c->sort), .desc = c->desc, .limit = 200};
        q.f[q.nf++] = (list_filter){entity_field_index(me, c->ref),
                                    arena_printf(&r->a, "%lld", rec->id), '='};
        record *rows;
        int n = 0;
        if (st_rec_list(r->c, &r->a, me, &q, &rows, &n) != ST_OK) continue;
        html_printf(o, "<section class=\"children %s\"><div class=\"head\"><h2>%s</h2>", me->table,
                    is_en(r) ? me->plural_en : me->plural_vi);
        if (rec_may_write(&r->x, me, AG_CREATE))
            html_printf(o,
                        "<div class=\"actions\"><a class=\"button\" "
                        "href=\"/%s/new?%s=%D&amp;source=%s\">+ %s</a></div>",
                        me->table, c->ref, rec->id, rec->e->name, T(r, M_NEW));
        html_printf(o, "</div>");
        if (n)
            rows_table(r, me, rows, n, c->cols, 0);
        else
            html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_NO_RESULTS));
        html_printf(o, "</section>\n");
    }
}

void revisions_panel(req *r, const record *rec)
{
    const entity *e = rec->e;
    if (!e->revision_key) return;
    list_query q = {.sort = entity_field_index(e, e->revision_order), .desc = true, .limit = 100};
    for (const char *const *k = e->revision_key; *k && q.nf < LIST_FILTERS_MAX; k++) {
        int fi = entity_field_index(e, *k);
        q.f[q.nf++] = (list_filter){fi, rec->v[fi], '='};
    }
    record *rows;
    int n = 0;
    if (st_rec_list(r->c, &r->a, e, &q, &rows, &n) != ST_OK || n < 2) return;
    /* every listed field that is not the key: what a later report may have changed */
    const char *cols[64];
    int nc = 0;
    cols[nc++] = "revision";
    for (int i = 0; i < e->nfields && nc < 62; i++) {
        const field *f = &e->fields[i];
        bool key = false;
        for (const char *const *k = e->revision_key; *k; k++)
            key = key || !strcmp(*k, f->name);
        if (!key && !(f->flags & F_TITLE) && (f->flags & F_LIST) && strcmp(f->name, "revision"))
            cols[nc++] = f->name;
    }
    cols[nc] = NULL;
    html_printf(&r->out, "<section class=\"revisions\"><h2>%s</h2>", T(r, M_REVISIONS));
    rows_table(r, e, rows, n, cols, rec->id);
    html_printf(&r->out, "</section>\n");
}
