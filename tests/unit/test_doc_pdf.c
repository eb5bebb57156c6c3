/* doc_pdf: the sample report renders to a PDF of several pages, the same bytes every time
 * and from several threads at once; bad documents give -1 and a message, never a crash,
 * and leave the output buffer as it was. */
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "domain/doc.h"
#include "t.h"
#include "t_doc.h"

static void test_doc_pdf_sample(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    CHECK(d);
    if (!d) return;
    buf a = {0}, b = {0};
    char err[256] = "";
    CHECK(doc_pdf(d, &a, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(a.len > 1000 && !memcmp(a.data, "%PDF-", 5));
    CHECK(t_pdf_pages(&a) > 1);
    CHECK(a.len > 6 && memmem(a.data + a.len - 6, 6, "%%EOF", 5));
    CHECK(doc_pdf(d, &b, err, sizeof err) == 0);
    CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
    /* appended: what was in the buffer stays */
    buf c = {0};
    buf_puts(&c, "head");
    CHECK(doc_pdf(d, &c, err, sizeof err) == 0);
    CHECK(c.len == 4 + a.len && !memcmp(c.data, "head", 4) && !memcmp(c.data + 4, a.data, a.len));
    buf_free(&a);
    buf_free(&b);
    buf_free(&c);
    json_decref(d);
}

static void test_doc_pdf_small(void)
{
    /* a draft, one recipient, no parent body, no authority, no cc, no body */
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    json_object_set_new(d, "draft", json_true());
    json_object_set_new(d, "parent", json_string(""));
    json_object_set_new(d, "number", json_string("Số:      /BC-SNgV"));
    json_object_set_new(d, "to", json_pack("[s]", "Bộ Ngoại giao"));
    json_object_set_new(d, "cc", json_array());
    json_object_set_new(d, "blocks", json_array());
    json_object_set_new(json_object_get(d, "sign"), "authority", json_string(""));
    buf a = {0};
    char err[256] = "";
    CHECK(doc_pdf(d, &a, err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(a.len > 1000 && !memcmp(a.data, "%PDF-", 5));
    CHECK(t_pdf_pages(&a) == 1);
    buf_free(&a);
    json_decref(d);
}

static void test_doc_pdf_threads(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    CHECK(t_same_in_threads(doc_pdf, d, 4, 2) == 8);
    json_decref(d);
}

/* doc_pdf(d) fails with a message containing want and leaves the buffer alone. */
static void check_fails(json_t *d, const char *want)
{
    buf b = {0};
    buf_puts(&b, "x");
    char err[256] = "";
    int rc = doc_pdf(d, &b, err, sizeof err);
    CHECK(rc == -1);
    CHECK(b.len == 1);
    if (!strstr(err, want)) {
        fprintf(stderr, "    message \"%s\", expected it to contain \"%s\"\n", err, want);
        t_failed_checks++;
    }
    buf_free(&b);
}

static json_t *block(json_t *d, size_t i)
{
    return json_array_get(json_object_get(d, "blocks"), i);
}

static void test_doc_pdf_bad(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    check_fails(NULL, "not a JSON object");
    json_t *arr = json_array();
    check_fails(arr, "not a JSON object");
    json_decref(arr);

    json_t *c = json_deep_copy(d);
    json_object_set_new(c, "blocks", json_string("x"));
    check_fails(c, "doc: \"blocks\" is not an array");
    json_object_del(c, "blocks");
    check_fails(c, "\"blocks\" is missing");
    json_decref(c);

    c = json_deep_copy(d);
    json_array_append_new(json_object_get(c, "blocks"), json_pack("{s:s}", "k", "x"));
    check_fails(c, "unknown kind \"x\"");
    json_decref(c);

    c = json_deep_copy(d); /* block 4 is the first table */
    json_array_append_new(json_array_get(json_object_get(block(c, 3), "rows"), 1), json_integer(1));
    check_fails(c, "block 4 (table): row 2 has 5 cells, expected 4");
    json_decref(c);

    c = json_deep_copy(d);
    json_array_set_new(json_array_get(json_object_get(block(c, 3), "rows"), 0), 1,
                       json_string("12"));
    check_fails(c, "row 1, column 2 is not a number");
    json_decref(c);

    c = json_deep_copy(d);
    json_array_set_new(json_array_get(json_object_get(block(c, 3), "rows"), 0), 3,
                       json_string("2019-02-30"));
    check_fails(c, "row 1, column 4 is not a date");
    json_decref(c);

    c = json_deep_copy(d);
    json_object_set_new(json_array_get(json_object_get(block(c, 3), "cols"), 1), "type",
                        json_string("float"));
    check_fails(c, "unknown type \"float\"");
    json_decref(c);

    c = json_deep_copy(d);
    json_object_set_new(c, "date", json_string("05/04/2019"));
    check_fails(c, "\"date\" is not a date");
    json_object_set_new(c, "date", json_integer(2019));
    check_fails(c, "\"date\" is not a string");
    json_decref(c);

    c = json_deep_copy(d);
    json_array_append_new(json_object_get(c, "cc"), json_null());
    check_fails(c, "\"cc\" item 5 is not a string");
    json_decref(c);

    c = json_deep_copy(d);
    json_object_del(json_object_get(c, "sign"), "name");
    check_fails(c, "\"name\" is missing");
    json_decref(c);
    json_decref(d);
}

/* Every key of the document, of its blocks and of its first table's columns, removed or
 * given a wrong type: -1 and a message (they are all required, or typed when optional). */
static void mutate(json_t *root, json_t *obj)
{
    json_t *keys = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strcmp(key, "chart")) json_array_append_new(keys, json_string(key)); /* not drawn */
    }
    for (size_t i = 0; i < json_array_size(keys); i++) {
        key = json_string_value(json_array_get(keys, i));
        json_t *keep = json_incref(json_object_get(obj, key));
        json_object_del(obj, key);
        bool optional = !strcmp(key, "total") || !strcmp(key, "empty");
        if (!optional) check_fails(root, key);
        json_object_set_new(obj, key, json_is_integer(keep) ? json_string("1") : json_integer(1));
        check_fails(root, key);
        json_object_set_new(obj, key, keep);
    }
    json_decref(keys);
}

static void test_doc_pdf_mutations(void)
{
    json_t *d = t_load_json(DOC_SAMPLE);
    if (!d) {
        CHECK(d);
        return;
    }
    mutate(d, d);
    mutate(d, json_object_get(d, "sign"));
    json_t *blocks = json_object_get(d, "blocks");
    for (size_t i = 0; i < json_array_size(blocks); i++)
        mutate(d, json_array_get(blocks, i));
    mutate(d, json_array_get(json_object_get(block(d, 3), "cols"), 0));
    /* still whole: it renders */
    buf b = {0};
    char err[256];
    CHECK(doc_pdf(d, &b, err, sizeof err) == 0);
    buf_free(&b);
    json_decref(d);
}

void suite_doc_pdf(void)
{
    RUN(test_doc_pdf_sample);
    RUN(test_doc_pdf_small);
    RUN(test_doc_pdf_threads);
    RUN(test_doc_pdf_bad);
    RUN(test_doc_pdf_mutations);
}
