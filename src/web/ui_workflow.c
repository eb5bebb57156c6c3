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

/* The steps this user may take. A step that is one click (approve, start) is a button of
 * the panel's form, with an optional note; a step marked T_CONFIRM, or one that takes a
 * field, links to its own page; a step that cannot succeed yet is shown with the reason,
 * not as a button. */
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
    if (e->reapprove && now && !strcmp(now, e->reapprove->state))
        html_printf(o, "<p class=\"notice\">%s</p>", T(r, M_REAPPROVE_WARN));
    const transition *steps[8];
    int n = rec_steps(&r->x, rec, steps, 8), nclick = 0;
    for (int i = 0; i < n; i++)
        if (!(steps[i]->flags & T_CONFIRM) && !steps[i]->field &&
            rec_step_blocked(rec, steps[i]) < 0)
            nclick++;
    if (nclick) {
        html_printf(o,
                    "<form method=\"post\" action=\"/%s/%D/transition\" class=\"steps\">"
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><label>%s"
                    "<input type=\"text\" name=\"note\" maxlength=\"2000\"></label>"
                    "<div class=\"buttons\">",
                    e->table, rec->id, r->csrf, T(r, M_STEP_NOTE));
        for (int i = 0; i < n; i++)
            if (!(steps[i]->flags & T_CONFIRM) && !steps[i]->field &&
                rec_step_blocked(rec, steps[i]) < 0)
                html_printf(o, "<button type=\"submit\" name=\"to\" value=\"%s\">→ %s</button> ",
                            steps[i]->to, state_label(r, e, steps[i]->to));
        html_printf(o, "</div></form>");
    }
    if (n > nclick) {
        html_printf(o, "<ul class=\"steps-more\">");
        for (int i = 0; i < n; i++) {
            const transition *t = steps[i];
            int blocked = rec_step_blocked(rec, t);
            if (blocked >= 0)
                html_printf(o, "<li class=\"step-blocked\">→ %s: %s</li>", state_label(r, e, t->to),
                            T(r, blocked));
            else if ((t->flags & T_CONFIRM) || t->field)
                html_printf(o,
                            "<li><a class=\"button%s\" href=\"/%s/%D/step?to=%u\">→ %s…</a></li>",
                            (t->flags & T_REASON) ? " danger" : "", e->table, rec->id, t->to,
                            state_label(r, e, t->to));
        }
        html_printf(o, "</ul>");
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

/* The page of one step (GET /:e/:id/step?to=STATE): what it does, the reason it needs,
 * the field it takes (prefilled), and a button that confirms. ve: the errors of a refused
 * attempt, shown next to their fields. */
static void step_page(req *r, const record *rec, const transition *t, const char *note,
                      const char *value, const verrs *ve)
{
    const entity *e = rec->e;
    buf *o = &r->out;
    const char *title = rec_display(&r->x, rec, entity_title_index(e));
    const char *q = arena_printf(&r->a, T(r, M_STEP_CONFIRM_Q), title ? title : "",
                                 state_label(r, e, t->from), state_label(r, e, t->to));
    page_begin(r, q);
    html_printf(o, "<h1>%s</h1>", q);
    for (int i = 0; ve && i < ve->n; i++)
        if (!ve->e[i].field)
            html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, ve->e[i].msg));
    if (!strcmp(t->to, "cancelled") || !strcmp(t->to, "dropped") || !strcmp(t->to, "reported") ||
        !strcmp(t->to, "completed"))
        html_printf(o, "<p class=\"warning\">%s</p>", T(r, M_STEP_IRREVERSIBLE));
    html_printf(o,
                "<form method=\"post\" action=\"/%s/%D/transition\" class=\"record step\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<input type=\"hidden\" name=\"to\" value=\"%s\">",
                e->table, rec->id, r->csrf, t->to);
    if (t->field) {
        int fi = entity_field_index(e, t->field);
        const field *f = &e->fields[fi];
        int err = -1;
        for (int i = 0; ve && i < ve->n; i++)
            if (ve->e[i].field && !strcmp(ve->e[i].field, f->name)) err = ve->e[i].msg;
        html_printf(o, "<p class=\"field\"><label for=\"f-%s\">%s</label>", f->name,
                    is_en(r) ? f->en : f->vi);
        if (err >= 0)
            html_printf(o,
                        "<span class=\"error\" id=\"e-%s\">%s</span><textarea id=\"f-%s\" "
                        "name=\"%s\" rows=\"8\" required aria-invalid=\"true\" "
                        "aria-describedby=\"e-%s\">%s</textarea></p>",
                        f->name, T(r, err), f->name, f->name, f->name, value ? value : rec->v[fi]);
        else
            html_printf(o,
                        "<textarea id=\"f-%s\" name=\"%s\" rows=\"8\" required>%s</textarea></p>",
                        f->name, f->name, value ? value : rec->v[fi]);
    }
    bool note_err = false;
    for (int i = 0; ve && i < ve->n; i++)
        if (ve->e[i].field && !strcmp(ve->e[i].field, "note")) note_err = true;
    const char *nl = (t->flags & T_REASON) ? T(r, M_STEP_REASON) : T(r, M_STEP_NOTE);
    if (note_err)
        html_printf(o,
                    "<p class=\"field\"><label for=\"f-note\">%s</label><span class=\"error\" "
                    "id=\"e-note\">%s</span><textarea id=\"f-note\" name=\"note\" rows=\"3\" "
                    "maxlength=\"2000\" required aria-invalid=\"true\" "
                    "aria-describedby=\"e-note\">%s</textarea></p>",
                    nl, T(r, M_REASON_NEEDED), note);
    else if (t->flags & T_REASON)
        html_printf(o,
                    "<p class=\"field\"><label for=\"f-note\">%s</label><textarea id=\"f-note\" "
                    "name=\"note\" rows=\"3\" maxlength=\"2000\" required>%s</textarea></p>",
                    nl, note);
    else
        html_printf(o,
                    "<p class=\"field\"><label for=\"f-note\">%s</label><input id=\"f-note\" "
                    "name=\"note\" maxlength=\"2000\" value=\"%s\"></p>",
                    nl, note);
    html_printf(
        o,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary%s\">%s: → %s</button> "
        "<a class=\"button\" href=\"/%s/%D\">%s</a></div></form>",
        (t->flags & T_REASON) ? " danger" : "", T(r, M_STEP_CONFIRM), state_label(r, e, t->to),
        e->table, rec->id, T(r, M_BACK));
    page_end(r);
}

/* The step this user may take from the record's state to `to`, or NULL with the answer
 * written (404, 409: not from this state, 403: not this user's). */
static const transition *step_for(req *r, const record *rec, const char *to)
{
    const transition *steps[8];
    int n = rec_steps(&r->x, rec, steps, 8);
    for (int i = 0; i < n; i++)
        if (to && !strcmp(steps[i]->to, to)) return steps[i];
    const transition *t = rec_step_find(rec->e, record_get(rec, rec->e->status_field), to);
    page_error(r, t ? 403 : 409, t ? M_FORBIDDEN : M_BAD_STEP);
    return NULL;
}

void ui_step_form(req *r)
{
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK || !r->ent->transitions) {
        page_error(r, rs == RS_OK || rs == RS_NOTFOUND ? 404 : 500,
                   rs == RS_OK || rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    const transition *t = step_for(r, &rec, q_get(r, "to"));
    if (!t) return;
    int blocked = rec_step_blocked(&rec, t);
    verrs ve = {0};
    if (blocked >= 0) {
        verrs_add(&ve, NULL, blocked, 0);
        r->status = 409;
    }
    step_page(r, &rec, t, NULL, NULL, &ve);
}

void ui_transition(req *r)
{
    record rec;
    verrs ve = {0};
    const char *to = f_get(r, "to"), *note = f_get(r, "note");
    /* the step's own field, when the form sent it (the step page does) */
    const transition *any = NULL;
    for (const transition *t = r->ent->transitions; t && t->to; t++)
        if (to && !strcmp(t->to, to) && t->field) any = t;
    const char *value = any ? f_get(r, any->field) : NULL;
    rstatus rs = rec_step(&r->x, r->ent, r->id, to, note, value, &rec, &ve);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", r->ent->table, r->id));
        return;
    }
    if (rs == RS_INVALID) {
        /* back to the step's page, with what was typed and the errors next to the fields */
        record cur;
        const transition *t = NULL;
        if (rec_get(&r->x, r->ent, r->id, &cur) == RS_OK)
            t = rec_step_find(r->ent, record_get(&cur, r->ent->status_field), to);
        if (t) {
            r->status = 422;
            step_page(r, &cur, t, note, value, &ve);
            return;
        }
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
    /* the step's own field ({"to": "reported", "report": "..."}) */
    const char *value = NULL;
    verrs ve = {0};
    for (const transition *t = r->ent->transitions; t && t->to; t++) {
        if (strcmp(t->to, to) || !t->field) continue;
        json_t *jv = json_object_get(j, t->field);
        if (jv && json_is_string(jv))
            value = arena_strdup(&r->a, json_string_value(jv));
        else if (jv && !json_is_null(jv))
            verrs_add(&ve, t->field, M_BAD_PARAM, 0);
    }
    json_decref(j);
    if (ve.n) {
        reply_error(r, 422, M_INVALID, &ve);
        return;
    }
    record rec;
    rstatus rs = rec_step(&r->x, r->ent, r->id, to, note, value, &rec, &ve);
    if (rs == RS_OK)
        reply_json(r, 200, rec_to_json(&rec));
    else if (rs == RS_INVALID)
        reply_error(r, 422, M_INVALID, &ve);
    else if (rs == RS_CONFLICT)
        reply_error(r, 409, M_BAD_STEP, NULL);
    else
        reply_rstatus(r, rs, 0);
}
