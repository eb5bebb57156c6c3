/* libFuzzer target: the writers of files, fed with texts as records and settings hold them
 * (any valid UTF-8 a user typed): the report's PDF, DOCX and XLSX (doc_pdf, doc_docx,
 * doc_xlsx: domain/doc.h) and the bulletin issue's PDF (issue_pdf, with Markdown). An input
 * is one byte that chooses the writer ((byte & 0x7f) % 4: issue, pdf, docx, xlsx; the seeds'
 * names give it, w1 to w4) and the language (byte & 0x80: English), then up to 8 texts, one a
 * line ("\n"; a part "\\n" stands for a line break inside a text), as stored (harness_texts);
 * inputs that are not valid UTF-8 or hold a control character rec_validate refuses are left
 * out (no stored text does). The promises checked (abort()
 * when broken):
 *   - every writer accepts every text (returns 0: texts are plain text, never markup);
 *   - PDF: begins "%PDF-", ends "%%EOF"; DOCX and XLSX: a ZIP (a local header first, the end
 *     of the central directory last).
 * The iCalendar feed, a hundred times faster than these, has its own target (fuzz_ical). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/doc.h"
#include "domain/issue_pdf.h"
#include "harness.h"

static void broken(const char *writer, const char *promise, const buf *out)
{
    fprintf(stderr, "fuzz_writers: %s: %s (%zu bytes)\n%.*s\n", writer, promise, out->len,
            (int)(out->len < 2000 ? out->len : 2000), out->data ? out->data : "");
    abort();
}

static void check_zip(const char *w, const buf *out)
{
    if (out->len < 30 || memcmp(out->data, "PK\x03\x04", 4))
        broken(w, "no ZIP local header first", out);
    size_t from = out->len > 65557 ? out->len - 65557 : 0;
    bool eocd = false;
    for (size_t i = out->len - 22 + 1; i-- > from && !eocd;)
        eocd = !memcmp(out->data + i, "PK\x05\x06", 4);
    if (!eocd) broken(w, "no end of central directory", out);
}

static void check_pdf(const char *w, const buf *out)
{
    if (out->len < 16 || memcmp(out->data, "%PDF-", 5)) broken(w, "not beginning %PDF-", out);
    size_t tail = out->len > 32 ? out->len - 32 : 0;
    if (!memmem(out->data + tail, out->len - tail, "%%EOF", 5)) broken(w, "not ending %%EOF", out);
}

static json_t *text(const char *s)
{
    return json_string(s);
}

static json_t *document(const char *const *p, const char *lang)
{
    json_t *cols = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]", "label", p[5], "type", "text",
                             "label", p[6], "type", "money", "label", "Ngày", "type", "date");
    json_t *row = json_pack("[o,f,s]", text(p[2]), 1234567.5, "2026-12-02");
    json_t *doc =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:b,s:[o],s:[{s:s,s:o},{s:s,s:o},"
                  "{s:s,s:s,s:o,s:o,s:[o,[n,i,n]],s:[s,i,n]}],s:{s:o,s:s,s:o},s:[o]}",
                  "lang", lang, "date", "2026-12-02", "parent", "ỦY BAN NHÂN DÂN TỈNH", "issuer",
                  "SỞ NGOẠI VỤ", "motto1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto2",
                  "Độc lập - Tự do - Hạnh phúc", "number", "Số: 07/BC-SNgV", "place_date",
                  "Quảng Ngãi, ngày 02 tháng 12 năm 2026", "type", "BÁO CÁO", "summary", text(p[0]),
                  "draft", 1, "to", text(p[1]), "blocks", "k", "h1", "text", text(p[3]), "k", "p",
                  "text", text(p[4]), "k", "table", "sheet", "Bảng 1", "title", text(p[7]), "cols",
                  cols, "rows", row, 7, "total", "Tổng", 1, "sign", "authority", text(p[1]),
                  "title", "GIÁM ĐỐC", "name", text(p[2]), "cc", text(p[3]));
    if (!doc) abort();
    return doc;
}

static json_t *issue(const char *const *p, const char *lang)
{
    json_t *j = json_pack("{s:s,s:o,s:o,s:s,s:o,s:o,s:[{s:o,s:o,s:s,s:o,s:o,s:o}]}", "lang", lang,
                          "title", text(p[0]), "publisher", text(p[1]), "date", "2026-12-02",
                          "intro", text(p[2]), "url", text(p[3]), "articles", "title", text(p[4]),
                          "category", text(p[5]), "date", "02/12/2026", "author", text(p[6]),
                          "summary", text(p[1]), "markdown", text(p[7]));
    if (!j) abort();
    return j;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1 || !utf8_valid((const char *)data + 1, size - 1)) return 0;
    int which = (data[0] & 0x7f) % 4;
    const char *lang = data[0] & 0x80 ? "en" : "vi";
    arena a = {0};
    const char *p[8];
    if (!harness_texts(&a, (const char *)data + 1, size - 1, p, 8)) {
        arena_free(&a);
        return 0;
    }
    buf out = {0};
    char err[300] = "";
    if (which == 0) {
        json_t *j = issue(p, lang);
        if (issue_pdf(j, NULL, NULL, &out, err, sizeof err) != 0) broken("issue", err, &out);
        check_pdf("issue", &out);
        json_decref(j);
    } else {
        json_t *d = document(p, lang);
        int rc = which == 1   ? doc_pdf(d, &out, err, sizeof err)
                 : which == 2 ? doc_docx(d, &out, err, sizeof err)
                              : doc_xlsx(d, &out, err, sizeof err);
        const char *w = which == 1 ? "pdf" : which == 2 ? "docx" : "xlsx";
        if (rc != 0) broken(w, err, &out);
        if (which == 1)
            check_pdf(w, &out);
        else
            check_zip(w, &out);
        json_decref(d);
    }
    buf_free(&out);
    arena_free(&a);
    return 0;
}
