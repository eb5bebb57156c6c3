/* doc_xlsx: the sample report as a workbook (its parts found through the zip's central
 * directory, the XML parts inflated with zlib and searched), the same bytes every time and
 * from several threads at once, sheet names Excel would refuse made into ones it takes, and
 * bad documents refused with a message (and never a crash, whatever a value is replaced by). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <zlib.h>

#include "domain/doc.h"
#include "t.h"
#include "t_doc.h"

static unsigned rd16(const unsigned char *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static uint32_t rd32(const unsigned char *p)
{
    return rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

/* The central directory entry of name in a zip, or NULL. */
static const unsigned char *zip_entry(const buf *z, const char *name)
{
    const unsigned char *d = (const unsigned char *)z->data;
    if (z->len < 22) return NULL;
    size_t eocd = z->len - 22;
    while (eocd > 0 && memcmp(d + eocd, "PK\5\6", 4))
        eocd--;
    if (memcmp(d + eocd, "PK\5\6", 4)) return NULL;
    unsigned n = rd16(d + eocd + 10);
    size_t at = rd32(d + eocd + 16), namelen = strlen(name);
    for (unsigned i = 0; i < n && at + 46 <= z->len && !memcmp(d + at, "PK\1\2", 4); i++) {
        size_t nl = rd16(d + at + 28);
        if (nl == namelen && at + 46 + nl <= z->len && !memcmp(d + at + 46, name, nl))
            return d + at;
        at += 46 + nl + rd16(d + at + 30) + rd16(d + at + 32);
    }
    return NULL;
}

/* The inflated text of a part of the zip (malloc'd), or NULL. */
static char *zip_text(const buf *z, const char *name)
{
    const unsigned char *c = zip_entry(z, name), *d = (const unsigned char *)z->data;
    if (!c) return NULL;
    size_t method = rd16(c + 10), csize = rd32(c + 20), usize = rd32(c + 24);
    size_t local = rd32(c + 42);
    if (local + 30 > z->len || memcmp(d + local, "PK\3\4", 4)) return NULL;
    size_t data = local + 30 + rd16(d + local + 26) + rd16(d + local + 28);
    if (data + csize > z->len) return NULL;
    char *out = malloc(usize + 1);
    if (method == 0 && csize == usize) {
        memcpy(out, d + data, usize);
    } else {
        z_stream s = {0};
        s.next_in = (unsigned char *)d + data;
        s.avail_in = (uInt)csize;
        s.next_out = (unsigned char *)out;
        s.avail_out = (uInt)usize;
        int ok = inflateInit2(&s, -15) == Z_OK && inflate(&s, Z_FINISH) == Z_STREAM_END &&
                 s.total_out == usize;
        inflateEnd(&s);
        if (!ok) {
            free(out);
            return NULL;
        }
    }
    out[usize] = 0;
    return out;
}

/* True when the part name of the zip has the text. */
static bool part_has(const buf *z, const char *name, const char *text)
{
    char *s = zip_text(z, name);
    bool r = s && strstr(s, text);
    if (!r) fprintf(stderr, "    %s: no \"%s\"\n", name, text);
    free(s);
    return r;
}

static void test_sample(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    CHECK(d);
    buf out = {0};
    char err[256] = "";
    CHECK(doc_xlsx(d, &out, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(out.len > 1000 && !memcmp(out.data, "PK\3\4", 4));
    CHECK(zip_entry(&out, "xl/charts/chart1.xml"));
    CHECK(zip_entry(&out, "xl/charts/chart2.xml"));
    CHECK(!zip_entry(&out, "xl/charts/chart3.xml")); /* the empty table has none */
    for (int i = 1; i <= 4; i++) {                   /* the cover and the three tables */
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i);
        CHECK(zip_entry(&out, name));
    }
    CHECK(!zip_entry(&out, "xl/worksheets/sheet5.xml"));
    const char *wb = "xl/workbook.xml";
    CHECK(part_has(&out, wb, "<sheet name=\"Báo cáo\" sheetId=\"1\""));
    CHECK(part_has(&out, wb, "<sheet name=\"Đoàn\" sheetId=\"2\""));
    CHECK(part_has(&out, wb, "<sheet name=\"Thương mại\" sheetId=\"3\""));
    CHECK(part_has(&out, wb, "<sheet name=\"Sự kiện\" sheetId=\"4\""));
    CHECK(part_has(&out, wb, "'Đoàn'!$A$3:$D$8")); /* the autofilter: header and rows */
    CHECK(part_has(&out, "docProps/core.xml",
                   "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                   "2019-04-05T00:00:00Z"));
    CHECK(part_has(&out, "docProps/core.xml",
                   "<dc:title>BÁO CÁO Công tác đối ngoại quý I năm 2019</dc:title>"));
    CHECK(part_has(&out, "docProps/app.xml", "<Company>SỞ NGOẠI VỤ</Company>"));
    const char *s1 = "xl/worksheets/sheet2.xml";
    CHECK(part_has(&out, s1, "<pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\""));
    CHECK(part_has(&out, s1, "<autoFilter ref=\"A3:D8\"/>"));
    CHECK(part_has(&out, s1, "<c r=\"B4\" s="));   /* a number, not a string */
    CHECK(part_has(&out, s1, "<c r=\"D4\" s=\"")); /* 2019-03-01 as Excel's serial day */
    CHECK(part_has(&out, s1, "<v>43525</v>"));
    const char *st = "xl/styles.xml";
    CHECK(part_has(&out, st, "formatCode=\"#,##0\""));
    CHECK(part_has(&out, st, "formatCode=\"#,##0.00\""));
    CHECK(part_has(&out, st, "formatCode=\"0.0%\""));
    CHECK(part_has(&out, st, "formatCode=\"dd/mm/yyyy\""));
    const char *c1 = "xl/charts/chart1.xml";
    CHECK(part_has(&out, c1, "<c:barDir val=\"col\"/>"));
    CHECK(part_has(&out, c1, "<c:f>'Đoàn'!$A$4:$A$8</c:f>")); /* the total row left out */
    CHECK(part_has(&out, c1, "<c:f>'Đoàn'!$C$4:$C$8</c:f>"));
    CHECK(part_has(&out, c1, "<c:v>Đoàn ra</c:v>"));
    CHECK(part_has(&out, "xl/charts/chart2.xml", "<c:pieChart>"));
    CHECK(part_has(&out, "xl/sharedStrings.xml", "Không có sự kiện nào trong kỳ."));
    CHECK(part_has(&out, "xl/sharedStrings.xml", "ວຽງຈັນ (Lào), ខេត្តរតនគិរី (Campuchia)"));
    char *ss = zip_text(&out, "xl/sharedStrings.xml");
    CHECK(ss && !strstr(ss, "DỰ THẢO")); /* the sample is not a draft */
    free(ss);
    buf_free(&out);
    json_decref(d);
}

static void test_same_bytes(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    buf a = {0}, b = {0};
    char err[256];
    buf_puts(&b, "before");
    CHECK(doc_xlsx(d, &a, err, sizeof err) == 0);
    CHECK(doc_xlsx(d, &b, err, sizeof err) == 0); /* appended */
    CHECK(b.len == a.len + 6 && !memcmp(b.data, "before", 6));
    CHECK(b.len == a.len + 6 && !memcmp(b.data + 6, a.data, a.len));
    buf_free(&a);
    buf_free(&b);
    json_decref(d);
}

static void test_threads(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    CHECK(t_same_in_threads(doc_xlsx, d, 4, 5) == 20);
    json_decref(d);
}

/* The sample with its tables replaced by copies of the first one, named as names says. */
static json_t *with_sheets(const char *const *names, size_t n)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    json_t *blocks = json_object_get(d, "blocks"), *table = NULL, *nb = json_array();
    for (size_t i = 0; i < json_array_size(blocks); i++) {
        json_t *b = json_array_get(blocks, i);
        if (strcmp(json_string_value(json_object_get(b, "k")), "table"))
            json_array_append(nb, b);
        else if (!table)
            table = b;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_deep_copy(table);
        json_object_set_new(t, "sheet", json_string(names[i]));
        json_array_append_new(nb, t);
    }
    json_object_set_new(d, "blocks", nb);
    return d;
}

static void test_sheet_names(void)
{
    static const char *const names[] = {
        "Đoàn",
        "ĐOÀN", /* the same, to Excel */
        "đoàn",
        "Kim ngạch xuất nhập khẩu qua các cửa khẩu biên giới",
        "Kim ngạch xuất nhập khẩu qua các cửa khẩu biên giới",
        "Bad:/\\?*[]name",
        "",
        "'Quoted'",
        "báo cáo", /* the cover's */
        "History",
        "Q1",   /* a cell to Excel without quotes */
        "2019", /* a number */
        "It's",
        "Tab\tand\x01 control",
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", /* 2 UTF-16 units each */
        "[]",
    };
    static const char *const want[] = {
        "Đoàn",
        "ĐOÀN (2)",
        "đoàn (3)",
        "Kim ngạch xuất nhập khẩu qua cá",
        "Kim ngạch xuất nhập khẩu qu (2)",
        "Bad name",
        "Bảng 7",
        "Quoted",
        "báo cáo (2)",
        "History (2)",
        "Bảng Q1",
        "Bảng 2019",
        "It's",
        "Tab and control",
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
        "Bảng 16",
    };
    size_t n = sizeof names / sizeof *names;
    json_t *d = with_sheets(names, n);
    buf out = {0};
    char err[256] = "";
    CHECK(doc_xlsx(d, &out, err, sizeof err) == 0);
    CHECK_STR(err, "");
    char *wb = zip_text(&out, "xl/workbook.xml");
    CHECK(wb);
    for (size_t i = 0; wb && i < n; i++) {
        char tag[160];
        snprintf(tag, sizeof tag, "<sheet name=\"%s\" sheetId=\"%zu\"", want[i], i + 2);
        if (!strstr(wb, tag)) fprintf(stderr, "    no %s\n", tag);
        CHECK(strstr(wb, tag));
    }
    free(wb);
    /* the charts' ranges quote the names, doubling an apostrophe */
    CHECK(part_has(&out, "xl/charts/chart13.xml", "<c:f>'It''s'!$A$4:$A$8</c:f>"));
    CHECK(part_has(&out, "xl/charts/chart11.xml", "<c:f>'Bảng Q1'!$B$4:$B$8</c:f>"));
    CHECK(part_has(&out, "xl/worksheets/sheet1.xml", "location=\"'It''s'!A1\""));
    buf_free(&out);
    json_decref(d);
}

static void test_draft_and_empty(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    json_object_set_new(d, "draft", json_true());
    json_object_set_new(d, "to", json_pack("[s]", "Bộ Ngoại giao"));
    json_t *blocks = json_object_get(d, "blocks");
    for (size_t i = 0; i < json_array_size(blocks); i++) { /* every table without rows */
        json_t *b = json_array_get(blocks, i);
        if (!strcmp(json_string_value(json_object_get(b, "k")), "table"))
            json_object_set_new(b, "rows", json_array());
    }
    buf out = {0};
    char err[256] = "";
    CHECK(doc_xlsx(d, &out, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(part_has(&out, "xl/sharedStrings.xml", "<t>DỰ THẢO</t>"));
    CHECK(part_has(&out, "xl/sharedStrings.xml", "<t>Kính gửi: Bộ Ngoại giao</t>"));
    CHECK(part_has(&out, "xl/worksheets/sheet1.xml", "<c r=\"A1\" s=")); /* first row */
    CHECK(!zip_entry(&out, "xl/charts/chart1.xml"));                     /* no rows, no chart */
    CHECK(zip_entry(&out, "xl/worksheets/sheet4.xml"));
    buf_free(&out);
    json_decref(d);
}

/* A copy of the sample changed at path (keys and array indexes, "/"-separated) to v, or
 * with that key removed when v is NULL. */
static json_t *changed(const char *path, json_t *v)
{
    json_t *d = t_load_json(DOC_SAMPLE), *o = d;
    char p[128];
    snprintf(p, sizeof p, "%s", path);
    char *save = NULL, *part = strtok_r(p, "/", &save);
    while (part) {
        char *next = strtok_r(NULL, "/", &save);
        bool num = part[0] >= '0' && part[0] <= '9';
        if (!next) {
            if (num)
                json_array_set_new(o, (size_t)atoi(part), v);
            else if (v)
                json_object_set_new(o, part, v);
            else
                json_object_del(o, part);
        } else {
            o = num ? json_array_get(o, (size_t)atoi(part)) : json_object_get(o, part);
        }
        part = next;
    }
    return d;
}

static void test_bad_input(void)
{
    struct {
        const char *path;
        json_t *v;
        const char *msg;
    } bad[] = {
        {"blocks", NULL, "\"blocks\""},
        {"issuer", json_integer(3), "\"issuer\": expected a string"},
        {"draft", json_string("yes"), "\"draft\""},
        {"date", json_string("05/04/2019"), "\"date\""},
        {"date", json_string("2019-02-29"), "\"date\""},
        {"to", json_string("Bộ Ngoại giao"), "\"to\""},
        {"cc/1", json_null(), "\"cc\" item 2"},
        {"sign/name", NULL, "\"sign\".\"name\""},
        {"blocks/0/k", json_string("h3"), "block 1: unknown kind \"h3\""},
        {"blocks/1", json_string("x"), "block 2: expected an object"},
        {"blocks/2/text", json_null(), "block 3 (p): \"text\""},
        {"blocks/3/sheet", json_integer(1), "\"sheet\""},
        {"blocks/3/cols", json_array(), "\"cols\""},
        {"blocks/3/cols/1/type", json_string("float"), "\"type\" must be one of"},
        {"blocks/3/rows/1", json_pack("[s,i,i]", "Lào", 1, 2), "row 2: 3 cells for 4 columns"},
        {"blocks/3/rows/0/0", json_integer(5), "row 1, column 1: expected a string"},
        {"blocks/3/rows/0/1", json_string("12"), "row 1, column 2: expected a number"},
        {"blocks/3/rows/0/3", json_string("2019-13-01"), "column 4: expected a date"},
        {"blocks/3/total", json_pack("[s]", "Tổng"), "total row: 1 cells for 4 columns"},
        {"blocks/3/chart/type", json_string("line"), "chart \"type\""},
        {"blocks/3/chart/cat", json_integer(4), "chart \"cat\""},
        {"blocks/3/chart/cat", json_string("0"), "chart \"cat\""},
        {"blocks/3/chart/vals", json_pack("[i]", 9), "not a column"},
        {"blocks/3/chart/vals", json_pack("[i]", 3), "column 3 is not a number column"},
        {"blocks/3/chart/vals", json_array(), "\"vals\""},
        {"blocks/6/empty", json_false(), "\"empty\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *d = changed(bad[i].path, bad[i].v);
        buf out = {0};
        char err[256] = "";
        int rc = doc_xlsx(d, &out, err, sizeof err);
        if (rc != -1 || !strstr(err, bad[i].msg))
            fprintf(stderr, "    %s: rc %d, \"%s\"\n", bad[i].path, rc, err);
        CHECK(rc == -1 && strstr(err, bad[i].msg));
        CHECK(out.len == 0);
        buf_free(&out);
        json_decref(d);
    }
    buf out = {0};
    char err[256] = "";
    CHECK(doc_xlsx(NULL, &out, err, sizeof err) == -1 && *err);
    json_t *a = json_array();
    CHECK(doc_xlsx(a, &out, err, sizeof err) == -1 && strstr(err, "object"));
    CHECK(doc_xlsx(a, &out, NULL, 0) == -1); /* no room for a message: still no crash */
    json_decref(a);
    CHECK(out.len == 0);
}

/* Every value of the sample replaced in turn by each of a few others: a workbook or a
 * message, never a crash (the sanitizers see the rest). */
static int tried, refused;

static void try_doc(const json_t *d)
{
    buf out = {0};
    char err[256] = "";
    int rc = doc_xlsx(d, &out, err, sizeof err);
    tried++;
    if (rc) refused++;
    CHECK((rc == 0 && out.len > 0 && !*err) || (rc == -1 && *err && out.len == 0));
    buf_free(&out);
}

static void replace_each(const json_t *root, json_t *node)
{
    json_t *others[] = {json_null(), json_integer(-1), json_string("=x\x01[]"), json_array(),
                        json_object()};
    size_t n = json_is_array(node) ? json_array_size(node) : 0;
    const char *key;
    json_t *v;
    for (size_t i = 0; i < n; i++) {
        json_t *old = json_incref(json_array_get(node, i));
        for (size_t k = 0; k < sizeof others / sizeof *others; k++) {
            json_array_set(node, i, others[k]);
            try_doc(root);
        }
        json_array_set(node, i, old);
        replace_each(root, old);
        json_decref(old);
    }
    if (json_is_object(node)) {
        void *tmp;
        json_object_foreach_safe(node, tmp, key, v)
        {
            json_t *old = json_incref(v);
            for (size_t k = 0; k < sizeof others / sizeof *others; k++) {
                json_object_set(node, key, others[k]);
                try_doc(root);
            }
            json_object_set(node, key, old);
            replace_each(root, old);
            json_decref(old);
        }
    }
    for (size_t k = 0; k < sizeof others / sizeof *others; k++)
        json_decref(others[k]);
}

static void test_any_json(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    tried = refused = 0;
    replace_each(d, d);
    CHECK(tried > 500 && refused > 0 && refused < tried);
    json_decref(d);
}

void suite_doc_xlsx(void)
{
    RUN(test_sample);
    RUN(test_same_bytes);
    RUN(test_threads);
    RUN(test_sheet_names);
    RUN(test_draft_and_empty);
    RUN(test_bad_input);
    RUN(test_any_json);
}
