/* libFuzzer target: the writers of files, fed with texts as records and settings hold them
 * (any valid UTF-8 a user typed): the iCalendar feed (calendar_ical), the report's PDF,
 * DOCX and XLSX (doc_pdf, doc_docx, doc_xlsx: domain/doc.h) and the bulletin issue's PDF
 * (issue_pdf, with Markdown). An input is one byte that chooses the writer (byte % 5: ical,
 * pdf, docx, xlsx, issue) and the language (byte & 0x80: English), then up to 8 texts, one a
 * line ("\n"; a part "\\n" stands for a line break inside a text), trimmed as stored; inputs that
 * are not valid UTF-8 are left out (no stored text is). The promises checked (abort() when broken):
 *   - every writer accepts every text (returns 0: texts are plain text, never markup);
 *   - iCalendar: valid UTF-8, lines ended by CRLF and folded at 75 octets, parsed back by
 *     libical into a VCALENDAR with one VEVENT per event whose SUMMARY is the title;
 *   - PDF: begins "%PDF-", ends "%%EOF"; DOCX and XLSX: a ZIP (a local header first, the end
 *     of the central directory last).
 * The database of fuzz/harness.c gives the reference titles the feed's descriptions show. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/app.h"
#include "domain/calendar.h"
#include "domain/doc.h"
#include "domain/entities.h"
#include "domain/issue_pdf.h"
#include "domain/records.h"
#include "harness.h"
#include "store/store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    harness_init("fuzz_writers");
    return 0;
}

static void broken(const char *writer, const char *promise, const buf *out)
{
    fprintf(stderr, "fuzz_writers: %s: %s (%zu bytes)\n%.*s\n", writer, promise, out->len,
            (int)(out->len < 2000 ? out->len : 2000), out->data ? out->data : "");
    abort();
}

/* s without its control characters but for the tab and the line break, into out */
static const char *visible(const char *s, char *out, size_t cap)
{
    size_t m = 0;
    for (; *s && m < cap - 1; s++)
        if (((unsigned char)*s >= 0x20 && *s != 0x7f) || *s == '\n' || *s == '\t') out[m++] = *s;
    out[m] = 0;
    return out;
}

static void check_ical(const buf *out, int nev, const char *const *titles)
{
    if (!utf8_valid(out->data, out->len)) broken("ical", "not UTF-8", out);
    for (size_t i = 0, start = 0; i < out->len; i++) {
        if (out->data[i] == '\n' && (i == 0 || out->data[i - 1] != '\r'))
            broken("ical", "a bare LF", out);
        if (out->data[i] == '\n') {
            if (i - 1 - start > 75) broken("ical", "a line longer than 75 octets", out);
            start = i + 1;
        }
    }
    if (out->len < 2 || out->data[out->len - 1] != '\n') broken("ical", "not ended by CRLF", out);
    icalcomponent *c = icalparser_parse_string(buf_cstr((buf *)out));
    if (!c || icalcomponent_isa(c) != ICAL_VCALENDAR_COMPONENT) broken("ical", "no VCALENDAR", out);
    if (icalcomponent_count_components(c, ICAL_VEVENT_COMPONENT) != nev)
        broken("ical", "not one VEVENT per event", out);
    int k = 0;
    for (icalcomponent *v = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT); v;
         v = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT), k++) {
        const char *s = icalcomponent_get_summary(v);
        /* libical reads an empty SUMMARY as none, and drops some of the control characters
         * RFC 5545 does not allow in a text (CR, backspace) but not others: compared
         * without them */
        char got[4096], want[4096];
        if (strcmp(visible(s ? s : "", got, sizeof got), visible(titles[k], want, sizeof want))) {
            fprintf(stderr, "SUMMARY \"%s\", title \"%s\"\n", s ? s : "(none)", titles[k]);
            broken("ical", "a SUMMARY that is not the title", out);
        }
    }
    icalcomponent_free(c);
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
    int which = data[0] % 5;
    const char *lang = data[0] & 0x80 ? "en" : "vi";
    arena a = {0};
    const char *p[8];
    const char *s = arena_strndup(&a, (const char *)data + 1, size - 1);
    for (int i = 0; i < 8; i++) {
        const char *e = s ? strchr(s, '\n') : NULL;
        const char *part = s ? (e ? arena_strndup(&a, s, (size_t)(e - s)) : s) : "";
        /* "\n" written as two characters: a line break inside the text */
        buf b = {0};
        for (const char *q = part; *q; q++)
            if (q[0] == '\\' && q[1] == 'n')
                buf_putc(&b, '\n'), q++;
            else
                buf_putc(&b, *q);
        p[i] = text_trim(arena_strdup(&a, buf_cstr(&b))); /* as rec_validate stores texts */
        buf_free(&b);
        s = e ? e + 1 : NULL;
    }
    buf out = {0};
    char err[300] = "";
    if (which == 0) {
        store *st = harness_store();
        conn *c = store_acquire(st);
        ctx x = app_cli_ctx(c, &a);
        x.lang = lang;
        record r = rec_new(&a, &delegation_entity);
        r.id = 1, r.version = 3, r.updated_at = "2026-12-01T08:00:00Z";
        rec_set(&r, "direction", "outbound", NULL);
        rec_set(&r, "country", "LA", NULL);
        rec_set(&r, "partner_ids", "1", NULL);
        rec_set(&r, "status", "planned", NULL);
        cal_event ev[3] = {
            {CAL_DELEGATION, &r, 1, p[0], "2026-12-01", "2026-12-03", "planned", false, false},
            {CAL_DELEGATION, &r, 2, p[1], "2026-12-02", "2026-12-02", "proposed", true, false},
            {CAL_DELEGATION, &r, 3, p[2], "2026-12-31", "2027-01-02", p[3], false, true},
        };
        cal_feed f = {.name = p[4], .base_url = p[5], .now = 1796200000};
        if (calendar_ical(&x, ev, 3, &f, &out) != 0) broken("ical", "refused", &out);
        store_release(st, c);
        check_ical(&out, 3, (const char *const[]){p[0], p[1], p[2]});
    } else if (which == 4) {
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
