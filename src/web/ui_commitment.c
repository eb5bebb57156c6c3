/* What commitments add to the generic pages: the progress reports (a form for the agency
 * in charge and the department's officers, the dated log) and the API call that adds one.
 * The rules are in domain/commitment.c. */
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/commitment.h"
#include "../domain/entities.h"
#include "../domain/bulletin.h"
#include "../domain/report.h"
#include "panels.h"
#include "routes.h"

static void progress_panel(req *r, const record *rec, const verrs *ve)
{
    buf *o = &r->out;
    html_printf(o, "<section class=\"progress\"><h2>%s</h2>", T(r, M_PROGRESS));
    if (rec_may_act(&r->x, rec)) {
        char today[11];
        clock_today(today);
        if (ve && ve->n)
            html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
        html_printf(
            o,
            "<form method=\"post\" action=\"/commitments/%D/progress\" class=\"steps\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
            "<label>%s<input type=\"date\" name=\"date\" value=\"%s\" max=\"%s\"></label>"
            "<label>%s<input type=\"text\" name=\"text\" maxlength=\"2000\" required></label>"
            "<label>%s<input type=\"number\" name=\"percent\" min=\"0\" max=\"100\" "
            "value=\"%s\" required></label><button type=\"submit\" "
            "class=\"primary\">%s</button></form>",
            rec->id, r->csrf, T(r, M_DATE), today, today, T(r, M_PROGRESS_TEXT), T(r, M_PERCENT),
            record_get(rec, "percent"), T(r, M_ADD_PROGRESS));
        for (int i = 0; ve && i < ve->n; i++)
            html_printf(o, "<p class=\"ferr\">%s</p>",
                        arena_printf(&r->a, msg(ve->e[i].msg, r->lang), ve->e[i].arg));
    }
    progress_row *p;
    int n = 0;
    st_progress_list(r->c, &r->a, rec->id, 200, &p, &n);
    if (n) {
        html_printf(o,
                    "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    T(r, M_DATE), T(r, M_PROGRESS_TEXT), T(r, M_PERCENT), T(r, M_WHO));
        for (int i = 0; i < n; i++) {
            record one = rec_new(&r->a, &commitment_entity);
            one.v[entity_field_index(&commitment_entity, "deadline")] = p[i].date;
            html_printf(
                o,
                "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                "<td data-label=\"%s\">%d%%</td><td data-label=\"%s\">%s</td></tr>",
                T(r, M_DATE),
                rec_display(&r->x, &one, entity_field_index(&commitment_entity, "deadline")),
                T(r, M_PROGRESS_TEXT), p[i].text, T(r, M_PERCENT), p[i].percent, T(r, M_WHO),
                p[i].username);
        }
        html_printf(o, "</tbody></table>");
    } else {
        html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_NO_PROGRESS));
    }
    html_printf(o, "</section>\n");
}

static void commitment_panel(req *r, const record *rec)
{
    progress_panel(r, rec, NULL);
}

const area_panel ngv_panels[] = {
    {&commitment_entity, commitment_panel},    {&report_entity, report_panel},
    {&article_entity, article_panel},          {&delegation_entity, article_source_panel},
    {&agreement_entity, article_source_panel}, {&trade_report_entity, article_source_panel},
    {&project_entity, article_source_panel},   {NULL, NULL},
};

void ui_progress(req *r)
{
    record rec;
    verrs ve = {0};
    rstatus rs = commitment_progress(&r->x, r->id, f_get(r, "date"), f_get(r, "text"),
                                     f_get(r, "percent"), &ve, &rec);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/commitments/%lld?saved=1", r->id));
        return;
    }
    if (rs == RS_INVALID) {
        r->status = 422;
        page_begin(r, rec.v[entity_title_index(&commitment_entity)]);
        html_printf(&r->out, "<h1>%s</h1>", rec.v[entity_title_index(&commitment_entity)]);
        progress_panel(r, &rec, &ve);
        html_printf(&r->out, "<p><a href=\"/commitments/%D\">%s</a></p>", r->id, T(r, M_BACK));
        page_end(r);
        return;
    }
    page_error(r,
               rs == RS_NOTFOUND    ? 404
               : rs == RS_FORBIDDEN ? 403
                                    : 500,
               rs == RS_NOTFOUND    ? M_NOT_FOUND
               : rs == RS_FORBIDDEN ? M_FORBIDDEN
                                    : M_INTERNAL);
}

void api_progress(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    /* each value of the type it is documented with: a date given as a number is no date
     * (not today), a percent given as text is a form's, checked like one */
    verrs ve = {0};
    json_t *jd = json_object_get(j, "date"), *jt = json_object_get(j, "text"),
           *jp = json_object_get(j, "percent");
    if (jd && !json_is_string(jd) && !json_is_null(jd)) verrs_add(&ve, "date", M_BAD_DATE, 0);
    if (jt && !json_is_string(jt) && !json_is_null(jt)) verrs_add(&ve, "text", M_BAD_PARAM, 0);
    if (jp && !json_is_integer(jp) && !json_is_string(jp) && !json_is_null(jp))
        verrs_add(&ve, "percent", M_BAD_PERCENT, 0);
    if (ve.n) {
        json_decref(j);
        reply_error(r, 422, M_INVALID, &ve);
        return;
    }
    const char *date = arena_strdup(&r->a, json_string_value(json_object_get(j, "date")));
    const char *text = arena_strdup(&r->a, json_string_value(json_object_get(j, "text")));
    const char *percent = json_is_integer(jp)
                              ? arena_printf(&r->a, "%lld", (long long)json_integer_value(jp))
                          : json_is_string(jp) ? arena_strdup(&r->a, json_string_value(jp))
                                               : "";
    json_decref(j);
    record rec;
    rstatus rs = commitment_progress(&r->x, r->id, date, text, percent, &ve, &rec);
    if (rs == RS_OK)
        reply_json(r, 201, rec_to_json(&rec));
    else if (rs == RS_INVALID)
        reply_error(r, 422, M_INVALID, &ve);
    else
        reply_rstatus(r, rs, 0);
}
