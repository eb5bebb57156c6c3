/* What periodic reports add to the generic pages (domain/report.c has the rules): on a
 * report's page, its document and its files; the document on a page of its own, printable;
 * each file for download, from a page and from the API. An issued report's files are the
 * frozen ones, byte for byte; a draft's are drawn from the data of the moment. */
#include <stdio.h>
#include <string.h>

#include "../base/html.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../domain/report.h"
#include "panels.h"
#include "routes.h"

void report_panel(req *r, const record *rec)
{
    buf *o = &r->out;
    bool issued = rec_frozen(rec);
    html_printf(o, "<section class=\"report-files\"><h2>%s</h2><p>%s</p><p class=\"actions\">",
                T(r, M_REPORT_DOCUMENT), T(r, issued ? M_REPORT_FROZEN_NOTE : M_REPORT_DRAFT_NOTE));
    html_printf(o, "<a class=\"button primary\" href=\"/reports/%D/document\">%s</a>", rec->id,
                T(r, M_REPORT_VIEW));
    for (int f = 0; f < REPORT_FORMATS; f++)
        html_printf(o, " <a class=\"button\" href=\"/reports/%D/file?format=%s\" download>%s</a>",
                    rec->id, report_format_ext((report_format)f),
                    arena_printf(&r->a, "%s",
                                 f == REPORT_PDF    ? "PDF"
                                 : f == REPORT_DOCX ? "Word (DOCX)"
                                 : f == REPORT_XLSX ? "Excel (XLSX)"
                                                    : "HTML"));
    html_printf(o, "</p></section>\n");
}

static bool report_of(req *r, record *rec)
{
    rstatus rs = rec_get(&r->x, &report_entity, r->id, rec);
    if (rs == RS_OK) return true;
    if (r->rt->flags & RT_API)
        reply_error(r,
                    rs == RS_NOTFOUND    ? 404
                    : rs == RS_FORBIDDEN ? 403
                                         : 500,
                    rs == RS_NOTFOUND    ? M_NOT_FOUND
                    : rs == RS_FORBIDDEN ? M_FORBIDDEN
                                         : M_INTERNAL,
                    NULL);
    else
        page_rstatus(r, rs);
    return false;
}

void ui_report_document(req *r)
{
    record rec;
    if (!report_of(r, &rec)) return;
    json_t *doc;
    if (report_document(&r->x, &rec, &doc) != RS_OK) {
        page_rstatus(r, RS_ERROR);
        return;
    }
    const char *title = rec_title(&r->x, &rec, NULL);
    page_begin(r, title);
    buf *o = &r->out;
    html_printf(o,
                "<p class=\"crumbs\"><a href=\"/reports\">%s</a> › <a href=\"/reports/%D\">%s</a>"
                "</p>",
                is_en(r) ? report_entity.plural_en : report_entity.plural_vi, rec.id, title);
    report_panel(r, &rec);
    doc_html_body(doc, o);
    json_decref(doc);
    page_end(r);
}

/* GET /reports/:id/file?format=pdf and GET /api/v1/reports/:id/file?format=pdf */
void ui_report_file(req *r)
{
    bool api = r->rt->flags & RT_API;
    int f = report_format_parse(q_get(r, "format"));
    if (f < 0) {
        verrs ve = {0};
        verrs_add(&ve, "format", M_BAD_PARAM, 0);
        if (api)
            reply_error(r, 400, M_BAD_PARAM, &ve);
        else
            page_error(r, 400, M_BAD_PARAM);
        return;
    }
    record rec;
    if (!report_of(r, &rec)) return;
    char err[300] = "";
    if (report_file(&r->x, &rec, (report_format)f, &r->out, err, sizeof err) != RS_OK) {
        log_error("report %lld as %s: %s", rec.id, report_format_ext((report_format)f), err);
        buf_reset(&r->out);
        if (api)
            reply_error(r, 500, M_INTERNAL, NULL);
        else
            page_error(r, 500, M_INTERNAL);
        return;
    }
    r->ctype = report_format_ctype((report_format)f);
    const char *sym = record_get(&rec, "symbol");
    char name[80];
    /* "07-BC-SNgV.pdf" once issued, "bao-cao-2019-Q1-du-thao.pdf" before */
    if (sym) {
        snprintf(name, sizeof name, "%s", sym);
        for (char *c = name; *c; c++)
            if (*c == '/') *c = '-';
    } else {
        snprintf(name, sizeof name, "bao-cao-%s-du-thao", record_get(&rec, "period"));
    }
    add_header(r, "Content-Disposition",
               arena_printf(&r->a, "attachment; filename=\"%s.%s\"", name,
                            report_format_ext((report_format)f)));
    /* a draft changes with the data; an issued report's bytes never do */
    add_header(r, "Cache-Control", rec_frozen(&rec) ? "private, max-age=86400" : "no-store");
}
