/* Workflow steps of any record type that has a workflow: the panel on its detail page,
 * the form that takes a step, and the API call. The rules are the domain's
 * (rec_transition); this file only carries them to the two faces. */
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/records.h"
#include "routes.h"
#include "workflow.h"

static const char *state_label(req *r, const entity *e, const char *code)
{
    int si = entity_field_index(e, e->status_field);
    const enum_opt *o = si >= 0 ? field_opt(&e->fields[si], code) : NULL;
    return o ? (is_en(r) ? o->en : o->vi) : code ? code : "—";
}

void workflow_panel(req *r, const record *rec)
{
    const entity *e = rec->e;
    if (!e->transitions) return;
    buf *o = &r->out;
    const char *now = record_get(rec, e->status_field);
    html_printf(o, "<section class=\"workflow\"><h2>%s: <span class=\"state state-%s\">%s</span>",
                T(r, M_STATUS), now, state_label(r, e, now));
    int w = rec_warning(rec);
    if (w >= 0) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, w));
    html_printf(o, "</h2>");
    const transition *steps[8];
    int n = rec_steps(&r->x, rec, steps, 8);
    if (n) {
        html_printf(o,
                    "<form method=\"post\" action=\"/%s/%D/transition\" class=\"steps\">"
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><label>%s"
                    "<input name=\"note\" maxlength=\"2000\"></label><div class=\"buttons\">",
                    e->table, rec->id, r->csrf, T(r, M_STEP_NOTE));
        for (int i = 0; i < n; i++)
            html_printf(o, "<button name=\"to\" value=\"%s\"%s>→ %s</button> ", steps[i]->to,
                        !strcmp(steps[i]->to, "cancelled") ? " class=\"danger\"" : "",
                        state_label(r, e, steps[i]->to));
        html_printf(o, "</div></form>");
    }
    transition_row *t;
    int nt = 0;
    st_transition_list(r->c, &r->a, e->name, rec->id, 100, &t, &nt);
    if (nt) {
        html_printf(o, "<ol class=\"steps-log\">");
        for (int i = 0; i < nt; i++) {
            char when[32];
            html_printf(o, "<li>%s · <b>%s</b> → <b>%s</b> · %s", clock_local(t[i].at, when),
                        state_label(r, e, t[i].from), state_label(r, e, t[i].to), t[i].username);
            if (t[i].note) html_printf(o, " · <q>%s</q>", t[i].note);
            html_printf(o, "</li>");
        }
        html_printf(o, "</ol>");
    }
    html_printf(o, "</section>\n");
}

void ui_transition(req *r)
{
    record rec;
    verrs ve = {0};
    rstatus rs = rec_transition(&r->x, r->ent, r->id, f_get(r, "to"), f_get(r, "note"), &rec, &ve);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", r->ent->table, r->id));
        return;
    }
    int status = rs == RS_NOTFOUND    ? 404
                 : rs == RS_FORBIDDEN ? 403
                 : rs == RS_CONFLICT  ? 409
                 : rs == RS_INVALID   ? 422
                                      : 500;
    int m = rs == RS_NOTFOUND    ? M_NOT_FOUND
            : rs == RS_FORBIDDEN ? M_FORBIDDEN
            : rs == RS_CONFLICT  ? M_BAD_STEP
            : rs == RS_INVALID   ? ve.e[0].msg
                                 : M_INTERNAL;
    r->status = status;
    page_begin(r, T(r, m));
    html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p><p><a href=\"/%s/%D\">%s</a></p>",
                T(r, m), r->ent->table, r->id, T(r, M_BACK));
    page_end(r);
}

void api_transition(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    const char *to = json_string_value(json_object_get(j, "to"));
    json_t *jn = json_object_get(j, "note");
    if (!to || (jn && !json_is_string(jn) && !json_is_null(jn))) {
        json_decref(j);
        reply_error(r, 400, M_BAD_JSON, NULL);
        return;
    }
    const char *note = jn && json_is_string(jn) ? arena_strdup(&r->a, json_string_value(jn)) : NULL;
    to = arena_strdup(&r->a, to);
    json_decref(j);
    record rec;
    verrs ve = {0};
    rstatus rs = rec_transition(&r->x, r->ent, r->id, to, note, &rec, &ve);
    if (rs == RS_OK)
        reply_json(r, 200, rec_to_json(&rec));
    else if (rs == RS_INVALID)
        reply_error(r, 422, M_INVALID, &ve);
    else if (rs == RS_CONFLICT)
        reply_error(r, 409, M_BAD_STEP, NULL);
    else
        reply_rstatus(r, rs, 0);
}
