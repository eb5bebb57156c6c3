/* The HTML face of a document (doc.h): the fragment a page of the server shows, and the
 * standalone file a report is issued as (its style sheet, web/static/doc.css, inside, so
 * that it reads and prints the same wherever it is opened). Also the cell formatting every
 * format shares. Every text is escaped (base/html.h). */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/html.h"

extern const char *const ngv_doc_css;

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* text with its "\n" as line breaks */
static void lines_html(buf *o, const char *s)
{
    for (const char *p = s; *p;) {
        size_t k = strcspn(p, "\n");
        char *part = strndup(p, k);
        html_text(o, part);
        free(part);
        p += k;
        if (*p) {
            html_raw(o, "<br>");
            p++;
        }
    }
}

static void table_html(buf *o, const json_t *t)
{
    const json_t *cols = json_object_get(t, "cols"), *rows = json_object_get(t, "rows"),
                 *total = json_object_get(t, "total");
    if (!json_array_size(rows)) {
        html_printf(o, "<p class=\"doc-p\"><b>%s</b></p>", str(t, "title"));
        html_printf(o, "<p class=\"doc-p doc-empty\">%s</p>", str(t, "empty"));
        return;
    }
    html_printf(o,
                "<div class=\"doc-wrap\"><table class=\"doc-t\"><caption>%s</caption><thead><tr>",
                str(t, "title"));
    size_t nc = json_array_size(cols);
    for (size_t c = 0; c < nc; c++)
        html_printf(o, "<th scope=\"col\">%s</th>", str(json_array_get(cols, c), "label"));
    html_raw(o, "</tr></thead><tbody>");
    for (size_t i = 0; i <= json_array_size(rows); i++) {
        const json_t *row = i < json_array_size(rows) ? json_array_get(rows, i) : total;
        if (!row) break;
        html_raw(o, row == total ? "<tr class=\"total\">" : "<tr>");
        for (size_t c = 0; c < nc; c++) {
            int type = doc_col_type(str(json_array_get(cols, c), "type"));
            char cell[512];
            doc_cell_text(json_array_get(row, c), type, cell, sizeof cell);
            if (doc_type_numeric(type))
                html_printf(o, "<td class=\"n\">%s</td>", cell);
            else
                html_printf(o, "<td>%s</td>", cell);
        }
        html_raw(o, "</tr>");
    }
    html_raw(o, "</tbody></table></div>");
}

void doc_html_body(const json_t *doc, buf *o)
{
    html_raw(o, "<article class=\"doc\">");
    if (json_is_true(json_object_get(doc, "draft")))
        html_raw(o, "<p class=\"doc-draft\">DỰ THẢO</p>");
    html_printf(o,
                "<div class=\"doc-head\"><div><p>%s</p><p class=\"b\">%s</p>"
                "<span class=\"doc-rule\"></span><p class=\"num\">%s</p></div>"
                "<div><p class=\"b\">%s</p><p class=\"b m2\"><span class=\"doc-under\">%s</span>"
                "</p><p class=\"i\">%s</p></div></div>",
                str(doc, "parent"), str(doc, "issuer"), str(doc, "number"), str(doc, "motto1"),
                str(doc, "motto2"), str(doc, "place_date"));
    html_printf(o,
                "<p class=\"doc-type\">%s</p><p class=\"doc-sum\"><span class=\"doc-under\">%s"
                "</span></p>",
                str(doc, "type"), str(doc, "summary"));
    const json_t *to = json_object_get(doc, "to");
    if (json_array_size(to) == 1) {
        html_printf(o, "<p class=\"doc-to\">Kính gửi: %s.</p>",
                    json_string_value(json_array_get(to, 0)));
    } else if (json_array_size(to) > 1) {
        html_raw(o, "<div class=\"doc-to\"><span>Kính gửi:</span><ul>");
        for (size_t i = 0; i < json_array_size(to); i++)
            html_printf(o, "<li>- %s;</li>", json_string_value(json_array_get(to, i)));
        html_raw(o, "</ul></div>");
    }
    html_raw(o, "<div class=\"doc-body\">");
    const json_t *blocks = json_object_get(doc, "blocks");
    for (size_t i = 0; i < json_array_size(blocks); i++) {
        const json_t *b = json_array_get(blocks, i);
        const char *k = str(b, "k");
        if (!strcmp(k, "h1")) {
            html_printf(o, "<h2 class=\"doc-h1\">%s</h2>", str(b, "text"));
        } else if (!strcmp(k, "h2")) {
            html_printf(o, "<h3 class=\"doc-h2\">%s</h3>", str(b, "text"));
        } else if (!strcmp(k, "p")) {
            html_raw(o, "<p class=\"doc-p\">");
            lines_html(o, str(b, "text"));
            html_raw(o, "</p>");
        } else if (!strcmp(k, "table")) {
            table_html(o, b);
        }
    }
    html_raw(o, "</div>");
    const json_t *sign = json_object_get(doc, "sign"), *cc = json_object_get(doc, "cc");
    html_raw(o, "<div class=\"doc-sign\"><div class=\"doc-cc\"><p class=\"h\">Nơi nhận:</p>");
    for (size_t i = 0; i < json_array_size(cc); i++)
        html_printf(o, "<p>- %s</p>", json_string_value(json_array_get(cc, i)));
    html_raw(o, "</div><div class=\"doc-signer\">");
    if (*str(sign, "authority")) html_printf(o, "<p>%s</p>", str(sign, "authority"));
    html_printf(o, "<p>%s</p><p class=\"name\">%s</p></div></div></article>", str(sign, "title"),
                str(sign, "name"));
}

int doc_html(const json_t *doc, buf *out, char *err, size_t errlen)
{
    if (!json_is_object(doc) || !json_is_array(json_object_get(doc, "blocks"))) {
        snprintf(err, errlen, "doc: not a document (no \"blocks\")");
        return -1;
    }
    html_printf(out,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s %s</title><style>\n",
                *str(doc, "lang") ? str(doc, "lang") : "vi", str(doc, "type"), str(doc, "summary"));
    html_raw(out, ngv_doc_css);
    html_raw(out, "body { margin: 0; background: #eee; padding: 1rem 0; }\n@media print { body "
                  "{ background: #fff; padding: 0; } }\n</style></head><body>\n");
    doc_html_body(doc, out);
    html_raw(out, "\n</body></html>\n");
    return 0;
}
