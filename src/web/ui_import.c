/* Moving lists in and out as files: the Excel export of a list page, the CSV import page
 * (a form, then its result: how many records, or every line to correct). The work itself
 * is in domain/import.c and domain/xlsx.c; the API's import is in api.c. */
#include <string.h>

#include "../base/html.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../domain/import.h"
#include "../domain/records.h"
#include "../domain/xlsx.h"
#include "routes.h"

static const char *ent_plural(req *r, const entity *e)
{
    return is_en(r) ? e->plural_en : e->plural_vi;
}

static const char *field_label(req *r, const field *f)
{
    return is_en(r) ? f->en : f->vi;
}

void ui_export_xlsx(req *r, const list_query *q)
{
    char err[256];
    buf out = {0};
    if (export_xlsx(&r->x, r->ent, q, &out, err, sizeof err) != ST_OK) {
        log_error("xlsx export of %s: %s", r->ent->table, err);
        buf_free(&out);
        page_error(r, 500, M_INTERNAL);
        return;
    }
    buf_free(&r->out);
    r->out = out;
    r->ctype = XLSX_CTYPE;
    add_header(r, "Content-Disposition",
               arena_printf(&r->a, "attachment; filename=\"%s.xlsx\"", r->ent->table));
}

/* ---- the import page */

static void import_form(req *r)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    html_printf(o,
                "<form class=\"import\" method=\"post\" action=\"/%s/import\" "
                "enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\"><div class=\"field\"><label for=\"f-file\">%s *</label>"
                "<input type=\"file\" name=\"file\" id=\"f-file\" accept=\".csv,text/csv\" "
                "required></div><div class=\"buttons\"><button type=\"submit\" "
                "class=\"primary\">%s</button> "
                "<a class=\"button\" href=\"/%s\">%s</a></div></form>\n",
                e->table, r->csrf, T(r, M_IMPORT_FILE), T(r, M_IMPORT_SUBMIT), e->table,
                T(r, M_CANCEL));
}

static void import_help(req *r)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    html_printf(o, "<section class=\"help\"><p>%s</p><p>%s</p>", T(r, M_IMPORT_HELP),
                T(r, M_IMPORT_RULES));
    /* the columns it takes, with the names the export uses */
    html_printf(o,
                "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead>"
                "<tbody>",
                T(r, M_IMPORT_COLUMN), T(r, M_FIELD));
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->flags & F_READONLY) continue;
        html_printf(o, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td></tr>", f->name,
                    field_label(r, f), (f->flags & F_REQUIRED) ? T(r, M_REQUIRED_MARK) : "");
    }
    html_printf(o, "</tbody></table><p><a href=\"/%s?format=csv\">%s</a></p></section>\n", e->table,
                T(r, M_IMPORT_TEMPLATE));
}

static void import_begin(req *r)
{
    const entity *e = r->ent;
    const char *title = arena_printf(&r->a, "%s: %s", T(r, M_IMPORT_CSV), ent_plural(r, e));
    page_begin(r, title);
    html_printf(&r->out, "<p class=\"crumbs\"><a href=\"/%s\">%s</a> ›</p><h1>%s</h1>\n", e->table,
                ent_plural(r, e), title);
}

void ui_import_form(req *r)
{
    import_begin(r);
    import_form(r);
    import_help(r);
    page_end(r);
}

/* The uploaded file: the form field "file", with its length (it may hold any byte). */
static const kv *uploaded(req *r)
{
    for (const kv *k = r->form; k; k = k->next)
        if (!strcmp(k->key, "file")) return k;
    return NULL;
}

static void import_report(req *r, const import_result *res)
{
    const entity *e = r->ent;
    buf *o = &r->out;
    html_printf(o, "<div class=\"import-report\" role=\"alert\"><p class=\"error\">%s</p><p>%s</p>",
                T(r, M_IMPORT_NOTHING), T(r, M_IMPORT_FIX));
    html_printf(o,
                "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                "<tbody>\n",
                T(r, M_LINE), T(r, M_FIELD), T(r, M_PROBLEM));
    for (int i = 0; i < res->nerrors; i++) {
        const import_error *er = &res->errors[i];
        const char *fname = er->fi >= 0 ? field_label(r, &e->fields[er->fi]) : er->field;
        html_printf(o, "<tr><td data-label=\"%s\">", T(r, M_LINE));
        if (er->line > 0)
            html_printf(o, "%D", er->line);
        else
            html_printf(o, "—");
        html_printf(o, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>\n",
                    T(r, M_FIELD), fname && *fname ? fname : "—", T(r, M_PROBLEM), er->message);
    }
    html_printf(o, "</tbody></table>");
    if (res->more) {
        html_printf(o, "<p>");
        buf_printf(o, msg(M_IMPORT_MORE, r->lang), res->more);
        html_printf(o, "</p>");
    }
    html_printf(o, "</div>\n");
}

void ui_import(req *r)
{
    const entity *e = r->ent;
    const kv *file = uploaded(r);
    import_result res;
    int rs = import_csv(&r->x, e, file ? file->val : NULL, file ? file->len : 0, &res);
    if (rs == RS_FORBIDDEN || rs == RS_ERROR) {
        page_error(r, rs == RS_FORBIDDEN ? 403 : 500,
                   rs == RS_FORBIDDEN ? M_FORBIDDEN : M_INTERNAL);
        return;
    }
    buf *o = &r->out;
    import_begin(r);
    if (rs == RS_OK) {
        html_printf(o, "<p class=\"notice\" role=\"status\">");
        buf_printf(o, msg(M_IMPORT_DONE, r->lang), res.imported);
        if (res.updated) {
            buf_putc(o, ' ');
            buf_printf(o, msg(M_IMPORT_UPDATED, r->lang), res.updated);
        }
        html_printf(o, "</p><p><a class=\"button primary\" href=\"/%s\">%s</a></p>\n", e->table,
                    ent_plural(r, e));
    } else {
        r->status = 422;
        import_report(r, &res);
        import_form(r);
    }
    page_end(r);
}
