/* base/zip and domain/doc_docx. The archives are read back here, in C: the end of central
 * directory record, each central record against its local header, the CRC-32 (zlib's
 * crc32) and the data inflated again with zlib. The DOCX of the sample document: the same
 * bytes each time, every part of the package there, the texts escaped, the Vietnamese
 * numbers and dates, the draft mark, the recipients; bad documents refused with a message;
 * several threads at once. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/zip.h"
#include "domain/doc.h"
#include "t.h"
#include "t_doc.h"

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One entry of an archive, as read back. */
typedef struct {
    char name[256];
    unsigned method, flags, time, date;
    buf data; /* inflated */
} entry;

/* Reads the archive z (n bytes) into e (at most max entries), checking every record on the
 * way: signatures, the local header against the central one, sizes, CRC-32, inflation.
 * Returns the number of entries, or -1 (with the reason on stderr). */
static int zip_read(const unsigned char *z, size_t n, entry *e, int max)
{
    if (n < 22) return fprintf(stderr, "    too short\n"), -1;
    const unsigned char *end = z + n - 22; /* no archive comment: the record is last */
    if (rd32(end) != 0x06054b50) return fprintf(stderr, "    no end record\n"), -1;
    unsigned count = rd16(end + 10);
    uint32_t cd_size = rd32(end + 12), cd_off = rd32(end + 16);
    if (rd16(end + 8) != count || rd16(end + 20) != 0 || (size_t)cd_off + cd_size != n - 22)
        return fprintf(stderr, "    bad end record\n"), -1;
    if ((int)count > max) return fprintf(stderr, "    too many entries\n"), -1;
    const unsigned char *c = z + cd_off;
    for (unsigned i = 0; i < count; i++) {
        if (c + 46 > end || rd32(c) != 0x02014b50) return fprintf(stderr, "    bad cd\n"), -1;
        entry *x = &e[i];
        memset(x, 0, sizeof *x);
        x->flags = rd16(c + 8);
        x->method = rd16(c + 10);
        x->time = rd16(c + 12);
        x->date = rd16(c + 14);
        uint32_t crc = rd32(c + 16), csize = rd32(c + 20), usize = rd32(c + 24);
        unsigned nlen = rd16(c + 28), xlen = rd16(c + 30), clen = rd16(c + 32);
        uint32_t off = rd32(c + 42);
        if (nlen >= sizeof x->name) return -1;
        memcpy(x->name, c + 46, nlen);
        const unsigned char *l = z + off;
        if (l + 30 > c || rd32(l) != 0x04034b50 || rd16(l + 6) != x->flags ||
            rd16(l + 8) != x->method || rd16(l + 10) != x->time || rd16(l + 12) != x->date ||
            rd32(l + 14) != crc || rd32(l + 18) != csize || rd32(l + 22) != usize ||
            rd16(l + 26) != nlen || memcmp(l + 30, x->name, nlen) != 0)
            return fprintf(stderr, "    local header of %s differs\n", x->name), -1;
        const unsigned char *data = l + 30 + nlen + rd16(l + 28);
        if (data + csize > z + cd_off) return -1;
        buf_grow(&x->data, usize);
        if (x->method == 0) {
            if (csize != usize) return -1;
            buf_put(&x->data, data, usize);
        } else if (x->method == 8) {
            z_stream s;
            memset(&s, 0, sizeof s);
            if (inflateInit2(&s, -15) != Z_OK) return -1;
            s.next_in = (Bytef *)data;
            s.avail_in = csize;
            s.next_out = (Bytef *)x->data.data;
            s.avail_out = usize + 1;
            int rc = inflate(&s, Z_FINISH);
            x->data.len = usize + 1 - s.avail_out;
            inflateEnd(&s);
            if (rc != Z_STREAM_END || x->data.len != usize || s.total_in != csize)
                return fprintf(stderr, "    %s does not inflate\n", x->name), -1;
            x->data.data[x->data.len] = 0;
        } else {
            return -1;
        }
        if (crc32(crc32(0, Z_NULL, 0), (const Bytef *)buf_cstr(&x->data), usize) != crc)
            return fprintf(stderr, "    bad crc for %s\n", x->name), -1;
        c += 46 + nlen + xlen + clen;
    }
    if (c != end) return fprintf(stderr, "    cd size\n"), -1;
    return (int)count;
}

static void entries_free(entry *e, int n)
{
    for (int i = 0; i < n; i++)
        buf_free(&e[i].data);
}

static const entry *find(const entry *e, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(e[i].name, name)) return &e[i];
    return NULL;
}

static void test_zip_roundtrip(void)
{
    buf out = {0};
    buf_puts(&out, "PREFIX"); /* the archive is appended: its offsets count from its start */
    static char big[200000], noise[1000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = "Sở Ngoại vụ "[i % 13];
    uint32_t r = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        r = r * 1103515245u + 12345u;
        noise[i] = (char)(r >> 24);
    }
    zipw *z = zipw_new(&out, 2019, 4, 5);
    CHECK(zipw_add(z, "a.txt", "hello, hello, hello", 19) == 0);
    CHECK(zipw_add(z, "dir/big.bin", big, sizeof big) == 0);
    CHECK(zipw_add(z, "empty", NULL, 0) == 0);
    CHECK(zipw_add(z, "tài liệu/ghi chú.txt", "Đà Nẵng", strlen("Đà Nẵng")) == 0);
    CHECK(zipw_add(z, "noise", noise, sizeof noise) == 0);
    CHECK(zipw_finish(z) == 0);
    CHECK(!memcmp(out.data, "PREFIX", 6));

    entry e[8];
    int n = zip_read((const unsigned char *)out.data + 6, out.len - 6, e, 8);
    CHECK(n == 5);
    if (n == 5) {
        CHECK_STR(e[0].name, "a.txt");
        CHECK_STR(buf_cstr(&e[0].data), "hello, hello, hello");
        CHECK_STR(e[1].name, "dir/big.bin");
        CHECK(e[1].method == 8 && e[1].data.len == sizeof big &&
              !memcmp(e[1].data.data, big, sizeof big));
        CHECK_STR(e[2].name, "empty");
        CHECK(e[2].method == 0 && e[2].data.len == 0);
        CHECK_STR(e[3].name, "tài liệu/ghi chú.txt");
        CHECK_STR(buf_cstr(&e[3].data), "Đà Nẵng");
        CHECK(e[4].method == 0 && e[4].data.len == sizeof noise); /* stored: no gain */
        CHECK(e[4].data.len == sizeof noise && !memcmp(e[4].data.data, noise, sizeof noise));
        for (int i = 0; i < n; i++) {
            CHECK(e[i].flags == 0x0800); /* UTF-8 names */
            CHECK(e[i].date == ((2019 - 1980) << 9 | 4 << 5 | 5) && e[i].time == 0);
        }
        CHECK(out.len - 6 < sizeof big / 10); /* it did compress */
    }
    entries_free(e, n > 0 ? n : 0);

    /* the same entries, the same bytes */
    buf again = {0};
    buf_puts(&again, "PREFIX");
    z = zipw_new(&again, 2019, 4, 5);
    zipw_add(z, "a.txt", "hello, hello, hello", 19);
    zipw_add(z, "dir/big.bin", big, sizeof big);
    zipw_add(z, "empty", NULL, 0);
    zipw_add(z, "tài liệu/ghi chú.txt", "Đà Nẵng", strlen("Đà Nẵng"));
    zipw_add(z, "noise", noise, sizeof noise);
    CHECK(zipw_finish(z) == 0);
    CHECK(again.len == out.len && !memcmp(again.data, out.data, out.len));
    buf_free(&again);
    buf_free(&out);
}

static void test_zip_failures(void)
{
    buf out = {0};
    buf_puts(&out, "keep");
    zipw *z = zipw_new(&out, 1970, 13, 40); /* clamped to 1980-01-01 */
    CHECK(zipw_add(z, "ok", "x", 1) == 0);
    CHECK(zipw_finish(z) == 0);
    entry e[2];
    int n = zip_read((const unsigned char *)out.data + 4, out.len - 4, e, 2);
    CHECK(n == 1 && e[0].date == (0 << 9 | 1 << 5 | 1));
    entries_free(e, n > 0 ? n : 0);

    buf_reset(&out);
    buf_puts(&out, "keep");
    z = zipw_new(&out, 2019, 4, 5);
    CHECK(zipw_add(z, "a", "x", 1) == 0);
    CHECK(zipw_add(z, "", "x", 1) == -1);
    CHECK(zipw_add(z, "/abs", "x", 1) == -1); /* spoilt already */
    CHECK(zipw_finish(z) == -1);
    CHECK(out.len == 4 && !strcmp(buf_cstr(&out), "keep"));

    z = zipw_new(&out, 2019, 4, 5);
    CHECK(zipw_add(z, "b", "yyyy", 4) == 0);
    zipw_abort(z);
    CHECK(out.len == 4 && !strcmp(buf_cstr(&out), "keep"));
    zipw_abort(NULL);
    buf_free(&out);
}

/* The parts of the DOCX of d, read back; n entries, or -1. */
static int docx_parts(const json_t *d, entry *e, int max, buf *file)
{
    char err[200];
    if (doc_docx(d, file, err, sizeof err) != 0) {
        fprintf(stderr, "    doc_docx: %s\n", err);
        return -1;
    }
    return zip_read((const unsigned char *)file->data, file->len, e, max);
}

static const char *part(const entry *e, int n, const char *name)
{
    const entry *x = find(e, n, name);
    return x ? buf_cstr((buf *)&x->data) : "";
}

static void test_docx_sample(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    CHECK(d != NULL);
    if (!d) return;
    buf a = {0}, b = {0};
    char err[200] = "";
    CHECK(doc_docx(d, &a, err, sizeof err) == 0);
    CHECK(doc_docx(d, &b, err, sizeof err) == 0);
    CHECK(a.len > 1000 && a.len == b.len && !memcmp(a.data, b.data, a.len));
    CHECK(!memcmp(a.data, "PK\3\4", 4));

    entry e[16];
    int n = zip_read((const unsigned char *)a.data, a.len, e, 16);
    CHECK(n == 10);
    static const char *const names[] = {"[Content_Types].xml", "_rels/.rels",
                                        "word/document.xml",   "word/styles.xml",
                                        "word/settings.xml",   "word/_rels/document.xml.rels",
                                        "word/header1.xml",    "word/header2.xml",
                                        "docProps/core.xml",   "docProps/app.xml"};
    for (int i = 0; i < 10; i++) {
        const entry *x = find(e, n, names[i]);
        CHECK(x != NULL);
        if (x) CHECK(!strncmp(x->data.data, "<?xml", 5));
        if (x) CHECK(x->date == ((2019 - 1980) << 9 | 4 << 5 | 5));
    }
    CHECK(n > 0 && !strcmp(e[0].name, "[Content_Types].xml"));

    const char *doc = part(e, n, "word/document.xml");
    CHECK(strstr(doc, ">Số: 07/BC-SNgV<") != NULL);
    CHECK(strstr(doc, ">ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI<") != NULL);
    CHECK(strstr(doc, ">Độc lập - Tự do - Hạnh phúc<") != NULL);
    CHECK(strstr(doc, ">Quảng Ngãi, ngày 05 tháng 04 năm 2019<") != NULL);
    CHECK(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") != NULL);
    CHECK(strstr(doc, "w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\"") != NULL);
    CHECK(strstr(doc, "<w:titlePg/>") != NULL);
    CHECK(strstr(doc, ">Kính gửi:<") != NULL);
    CHECK(strstr(doc, ">- Ủy ban nhân dân tỉnh Quảng Ngãi;<") != NULL);
    CHECK(strstr(doc, ">- Bộ Ngoại giao;<") != NULL);
    CHECK(strstr(doc, "<w:pStyle w:val=\"Heading1\"/>") != NULL);
    CHECK(strstr(doc, "thiếu kinh phí.</w:t><w:br/><w:t") != NULL); /* "\n" */
    CHECK(strstr(doc, "<w:tblHeader/>") != NULL);
    /* numbers and dates, Vietnamese style */
    CHECK(strstr(doc, ">01/03/2019<") != NULL);
    CHECK(strstr(doc, ">3.650.000<") != NULL);
    CHECK(strstr(doc, ">64.550.000<") != NULL);
    CHECK(strstr(doc, ">120.000<") != NULL);
    CHECK(strstr(doc, ">94,6 %<") != NULL);
    CHECK(strstr(doc, ">40,0 %<") != NULL);
    CHECK(strstr(doc, ">12.500,50<") != NULL);
    CHECK(strstr(doc, ">310,00<") != NULL);
    CHECK(strstr(doc, ">Tổng số<") != NULL);
    /* the empty table: its text in italics */
    CHECK(strstr(doc, "<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Không có sự kiện nào "
                      "trong kỳ.<") != NULL);
    CHECK(strstr(doc, "giới ວຽງຈັນ (Lào), ខេត្តរតនគិរី (Campuchia), 東京") != NULL);
    CHECK(strstr(doc, ">Nơi nhận:<") != NULL);
    CHECK(strstr(doc, ">- Lưu: VT, NV.<") != NULL);
    CHECK(strstr(doc, ">KT. GIÁM ĐỐC<") != NULL);
    CHECK(strstr(doc, ">Nguyễn Văn An<") != NULL);
    CHECK(strstr(doc, "DỰ THẢO") == NULL);
    CHECK(strstr(part(e, n, "word/header2.xml"), "DỰ THẢO") == NULL);
    CHECK(strstr(part(e, n, "word/header1.xml"), " PAGE ") != NULL);

    const char *st = part(e, n, "word/styles.xml");
    CHECK(strstr(st, "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
                     "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>") != NULL);
    CHECK(strstr(st, "<w:sz w:val=\"28\"/>") != NULL);
    const char *core = part(e, n, "docProps/core.xml");
    CHECK(strstr(core, "<dc:title>BÁO CÁO Công tác đối ngoại quý I năm 2019</dc:title>") != NULL);
    CHECK(strstr(core, "<dc:creator>ngoaivu</dc:creator>") != NULL);
    CHECK(strstr(core, ">2019-04-05T00:00:00Z</dcterms:created>") != NULL);
    CHECK(strstr(part(e, n, "[Content_Types].xml"), "/word/header2.xml") != NULL);
    CHECK(strstr(part(e, n, "word/_rels/document.xml.rels"), "Target=\"header1.xml\"") != NULL);

    entries_free(e, n > 0 ? n : 0);
    buf_free(&a);
    buf_free(&b);
    json_decref(d);
}

static void test_docx_escape_and_variants(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(0);
        return;
    }
    json_t *c = json_deep_copy(d);
    json_object_set_new(c, "summary", json_string("Hợp tác & phát triển <2019> \"A\""));
    json_object_set_new(c, "draft", json_true());
    json_object_set_new(c, "to", json_pack("[s]", "Bộ Ngoại giao"));
    json_object_set_new(json_object_get(c, "sign"), "authority", json_string(""));
    json_array_append_new(json_object_get(c, "blocks"),
                          json_pack("{s:s, s:s}", "k", "p", "text", "tab\there\x01\x1f end"));
    buf f = {0};
    entry e[16];
    int n = docx_parts(c, e, 16, &f);
    CHECK(n == 10);
    const char *doc = part(e, n, "word/document.xml");
    CHECK(strstr(doc, ">Hợp tác &amp; phát triển &lt;2019&gt; &quot;A&quot;<") != NULL);
    CHECK(strstr(part(e, n, "docProps/core.xml"),
                 "<dc:title>BÁO CÁO Hợp tác &amp; phát triển &lt;2019&gt; &quot;A&quot;<") != NULL);
    CHECK(strstr(doc, ">tab</w:t><w:tab/><w:t xml:space=\"preserve\">here end<") != NULL);
    CHECK(!strchr(doc, '\x01') && !strchr(doc, '\x1f'));
    CHECK(strstr(doc, ">Kính gửi: Bộ Ngoại giao.<") != NULL);
    CHECK(strstr(doc, ">Kính gửi:<") == NULL);
    CHECK(strstr(doc, "KT. GIÁM ĐỐC") == NULL);
    CHECK(strstr(doc, ">PHÓ GIÁM ĐỐC<") != NULL);
    CHECK(strstr(part(e, n, "word/header2.xml"), ">DỰ THẢO<") != NULL);
    entries_free(e, n > 0 ? n : 0);
    buf_free(&f);

    /* no recipients, no parent */
    json_object_set_new(c, "to", json_array());
    json_object_set_new(c, "parent", json_string(""));
    n = docx_parts(c, e, 16, &f);
    CHECK(n == 10);
    doc = part(e, n, "word/document.xml");
    CHECK(strstr(doc, "Kính gửi") == NULL);
    CHECK(strstr(doc, "ỦY BAN") == NULL);
    entries_free(e, n > 0 ? n : 0);
    buf_free(&f);
    json_decref(c);
    json_decref(d);
}

static void test_docx_numbers(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(0);
        return;
    }
    json_t *t =
        json_pack("{s:s, s:s, s:s, s:[{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s}],"
                  " s:[[i,f,f,f,s],[i,f,f,f,n],[f,f,i,f,s]]}",
                  "k", "table", "sheet", "S", "title", "T", "cols", "label", "a", "type", "int",
                  "label", "b", "type", "num", "label", "c", "type", "money", "label", "d", "type",
                  "pct", "label", "e", "type", "date", "rows", 1234, 1234.5, 1234567.5, 0.25,
                  "2020-02-29", -1234567, -0.001, -0.4, 1.0, 12.7, 0.0, 0, 0.00049, "1999-12-31");
    json_t *c = json_deep_copy(d);
    json_object_set_new(c, "blocks", json_pack("[o]", t));
    buf f = {0};
    entry e[16];
    int n = docx_parts(c, e, 16, &f);
    CHECK(n == 10);
    const char *doc = part(e, n, "word/document.xml");
    static const char *const want[] = {
        ">1.234<", ">1.234,50<", ">1.234.568<", ">25,0 %<", ">29/02/2020<", ">-1.234.567<",
        ">0,00<",  ">0<",        ">100,0 %<",   ">13<",     ">0,0 %<",      ">31/12/1999<"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(doc, want[i])) {
            fprintf(stderr, "    missing %s\n", want[i]);
            CHECK(0);
        }
    CHECK(strstr(doc, ">-0") == NULL);
    entries_free(e, n > 0 ? n : 0);
    buf_free(&f);
    json_decref(c);
    json_decref(d);
}

/* A copy of the sample spoilt by one change; doc_docx must refuse it, saying why. */
static void refused(const json_t *d, const char *path, json_t *value, const char *says)
{
    json_t *c = json_deep_copy(d);
    /* path: "key", "sign.key", "blocks.N.key", "blocks.N.rows.M" or "blocks.N" */
    char p[64];
    snprintf(p, sizeof p, "%s", path);
    json_t *at = c;
    char *key = p, *dot;
    while ((dot = strchr(key, '.'))) {
        *dot = 0;
        at = json_is_array(at) ? json_array_get(at, (size_t)atoi(key)) : json_object_get(at, key);
        key = dot + 1;
    }
    if (json_is_array(at))
        json_array_set_new(at, (size_t)atoi(key), value);
    else if (value)
        json_object_set_new(at, key, value);
    else
        json_object_del(at, key);
    buf out = {0};
    buf_puts(&out, "before");
    char err[200] = "";
    int rc = doc_docx(c, &out, err, sizeof err);
    CHECK(rc == -1);
    CHECK(out.len == 6); /* out untouched */
    if (!strstr(err, says)) {
        fprintf(stderr, "    %s: \"%s\" does not say \"%s\"\n", path, err, says);
        CHECK(0);
    }
    buf_free(&out);
    json_decref(c);
}

static void test_docx_bad(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(0);
        return;
    }
    refused(d, "issuer", NULL, "\"issuer\" is missing");
    refused(d, "number", json_integer(7), "\"number\" is missing or not a string");
    refused(d, "date", json_string("05/04/2019"), "\"date\" is not a date");
    refused(d, "date", json_string("2019-02-29"), "\"date\" is not a date");
    refused(d, "draft", json_string("no"), "\"draft\"");
    refused(d, "to", json_string("Bộ"), "\"to\"");
    refused(d, "cc", json_pack("[s,i]", "a", 1), "\"cc\"[1] is not a string");
    refused(d, "blocks", json_object(), "\"blocks\"");
    refused(d, "sign", NULL, "\"sign\"");
    refused(d, "sign.name", json_null(), "sign: \"name\"");
    refused(d, "blocks.0", json_pack("{s:s,s:s}", "k", "h3", "text", "x"), "unknown kind \"h3\"");
    refused(d, "blocks.0", json_string("p"), "blocks[0]: not an object");
    refused(d, "blocks.1.text", NULL, "blocks[1] (h2): \"text\"");
    refused(d, "blocks.3.rows.1", json_pack("[s,i,i]", "Campuchia", 5, 1),
            "blocks[3] (table): rows[1] is not an array of 4 cells");
    refused(d, "blocks.3.rows.0", json_pack("[s,s,i,s]", "Lào", "12", 3, "2019-03-01"),
            "rows[0], column 1: not a number");
    refused(d, "blocks.3.rows.0", json_pack("[s,i,i,s]", "Lào", 12, 3, "2019-13-01"),
            "column 3: not a date");
    refused(d, "blocks.3.total", json_pack("[s,i]", "Tổng", 1), "\"total\"");
    refused(d, "blocks.3.cols", json_array(), "\"cols\"");
    refused(d, "blocks.3.cols.1", json_pack("{s:s,s:s}", "label", "x", "type", "float"),
            "cols[1] \"type\" is not one of");
    refused(d, "blocks.3.title", NULL, "\"title\"");

    char err[100] = "x";
    buf out = {0};
    CHECK(doc_docx(NULL, &out, err, sizeof err) == -1 && *err && out.len == 0);
    json_t *arr = json_array();
    CHECK(doc_docx(arr, &out, err, sizeof err) == -1 && strstr(err, "not a JSON object"));
    CHECK(doc_docx(arr, &out, NULL, 0) == -1); /* no room for a message: still refused */
    json_decref(arr);
    json_decref(d);
}

static void test_docx_threads(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    CHECK(d && t_same_in_threads(doc_docx, d, 4, 1) == 4);
    json_decref(d);
}

void suite_doc_docx(void)
{
    RUN(test_zip_roundtrip);
    RUN(test_zip_failures);
    RUN(test_docx_sample);
    RUN(test_docx_escape_and_variants);
    RUN(test_docx_numbers);
    RUN(test_docx_bad);
    RUN(test_docx_threads);
}
