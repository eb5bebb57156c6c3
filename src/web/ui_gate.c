/* What gate plans add to the generic pages: the plan's milestones on its page, by target
 * date, a late one marked as its list marks it. The rules are in domain/gate_plan.c. */
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "ftypes_web.h"
#include "panels.h"

void gate_plan_panel(req *r, const record *rec)
{
    const entity *me = &gate_milestone_entity;
    buf *o = &r->out;
    list_query q = {.sort = entity_field_index(me, "target_date"), .limit = 200, .nf = 1};
    const char *id = arena_printf(&r->a, "%lld", rec->id);
    q.f[0] = (list_filter){entity_field_index(me, "plan_id"), id, '='};
    record *rows;
    int n = 0;
    if (st_rec_list(r->c, &r->a, me, &q, &rows, &n) != ST_OK) return;
    html_printf(o, "<section class=\"milestones\"><h2>%s</h2>",
                is_en(r) ? me->plural_en : me->plural_vi);
    if (!n) {
        html_printf(o, "<p class=\"empty\">%s</p></section>\n", T(r, M_NO_RESULTS));
        return;
    }
    static const char *const cols[] = {"target_date", "agency_id", "done_date"};
    int ti = entity_title_index(me);
    html_printf(
        o, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>",
        field_label(r, &me->fields[ti]));
    for (int c = 0; c < 3; c++)
        html_printf(o, "<th scope=\"col\">%s</th>",
                    field_label(r, &me->fields[entity_field_index(me, cols[c])]));
    html_printf(o, "</tr></thead><tbody>");
    for (int k = 0; k < n; k++) {
        int w = rec_warning(&rows[k]);
        html_printf(o, "<tr><td data-label=\"%s\"><a href=\"/%s/%D\">%s</a>",
                    field_label(r, &me->fields[ti]), me->table, rows[k].id, rows[k].v[ti]);
        if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
        html_printf(o, "</td>");
        for (int c = 0; c < 3; c++) {
            int fi = entity_field_index(me, cols[c]);
            const char *v = rows[k].v[fi] ? rec_display(&r->x, &rows[k], fi) : "—";
            html_printf(o, "<td data-label=\"%s\">%s</td>", field_label(r, &me->fields[fi]), v);
        }
        html_printf(o, "</tr>");
    }
    html_printf(o, "</tbody></table></div></section>\n");
}
