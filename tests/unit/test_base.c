/* base/: escaping writer, search folding, text checks, buffers and arenas. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/html.h"
#include "base/msg.h"
#include "base/text.h"
#include "t.h"

static void html_escapes_text_and_attributes(void)
{
    buf b = {0};
    html_printf(&b, "<p title=\"%s\">%s</p>", "a\"b'c", "<script>alert(1)</script>&");
    CHECK_STR(buf_cstr(&b),
              "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt;&amp;</p>");
    buf_free(&b);
}

/* A byte of no valid UTF-8 sequence (a query string's %E9 echoed on a page: fuzz_request)
 * becomes U+FFFD, so that every page stays UTF-8; valid text is kept as it is. */
static void html_text_replaces_invalid_utf8(void)
{
    buf b = {0};
    html_printf(&b, "<p>%s|%s|%s</p>", "ng\xE9i", "\xC4\x91\xE1\xBB\x91i",
                "\xED\xA0\x80<\xF4\x90\x80\x80");
    CHECK_STR(buf_cstr(&b), "<p>ng\xEF\xBF\xBDi|\xC4\x91\xE1\xBB\x91i|"
                            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD&lt;"
                            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD</p>");
    CHECK(utf8_valid(b.data, b.len));
    buf_free(&b);
}

static void html_url_component_is_percent_encoded(void)
{
    buf b = {0};
    html_printf(&b, "<a href=\"/search?q=%u\">", "Đà Nẵng & \"x\"/?#");
    CHECK_STR(buf_cstr(&b),
              "<a href=\"/search?q=%C4%90%C3%A0%20N%E1%BA%B5ng%20%26%20%22x%22%2F%3F%23\">");
    buf_free(&b);
}

static void html_numbers_null_and_percent(void)
{
    buf b = {0};
    html_printf(&b, "%d|%D|%s|100%%", -7, 123456789012LL, (const char *)NULL);
    CHECK_STR(buf_cstr(&b), "-7|123456789012||100%");
    buf_free(&b);
}

static void fold_removes_diacritics_case_and_d_stroke(void)
{
    arena a = {0};
    CHECK_STR(text_fold(&a, "Đà Nẵng"), "da nang");
    CHECK_STR(text_fold(&a, "Sở NGOẠI VỤ"), "so ngoai vu");
    CHECK_STR(text_fold(&a, "  Attapeu,  (Lào)! "), "attapeu lao");
    CHECK_STR(text_fold(&a, "ĐĂK LĂK đắk lắk"), "dak lak dak lak");
    /* native scripts stay searchable: letters are kept */
    CHECK(strlen(text_fold(&a, "ແຂວງອັດຕະປື")) > 0);
    CHECK_STR(text_fold(&a, NULL), "");
    arena_free(&a);
}

/* Vietnamese alphabetical order (ICU, CLDR): Đ after D, Ê after E, tones secondary. */
static int key_cmp(arena *a, const char *x, const char *y)
{
    size_t nx, ny;
    const unsigned char *kx = text_sort_key(a, x, &nx), *ky = text_sort_key(a, y, &ny);
    int r = memcmp(kx, ky, nx < ny ? nx : ny);
    return r ? r : (nx > ny) - (nx < ny);
}

static void sort_keys_follow_vietnamese_order(void)
{
    arena a = {0};
    const char *order[] = {"An Giang", "Dương", "Đà Nẵng",  "Điện Biên", "Em",     "Ê-đê",
                           "Ha",       "Hà",    "Hà Giang", "Hạ Long",   "Hà Nội", "Zeta"};
    int n = (int)(sizeof order / sizeof *order);
    for (int i = 0; i + 1 < n; i++) {
        if (key_cmp(&a, order[i], order[i + 1]) >= 0)
            fprintf(stderr, "    %s should sort before %s\n", order[i], order[i + 1]);
        CHECK(key_cmp(&a, order[i], order[i + 1]) < 0);
    }
    CHECK(key_cmp(&a, "Đà Nẵng", "Đà Nẵng") == 0);
    size_t len;
    CHECK(text_sort_key(&a, NULL, &len) == NULL && len == 0);
    arena_free(&a);
}

static void utf8_validation(void)
{
    CHECK(utf8_valid("Việt Nam", strlen("Việt Nam")));
    /* an empty buffer's data is NULL: valid, without arithmetic on NULL (UBSan: fuzz_text) */
    buf empty = {0};
    CHECK(utf8_valid(empty.data, empty.len));
    CHECK(!utf8_valid("\xff\xfe", 2));
    CHECK(!utf8_valid("\xc3", 1));         /* truncated sequence */
    CHECK(!utf8_valid("\xc0\xaf", 2));     /* overlong '/' */
    CHECK(!utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
    CHECK(!utf8_valid("a\0b", 3));         /* embedded NUL */
    CHECK(utf8_chars("Đà Nẵng") == 7);
}

static void nfc_composes_and_rejects_invalid(void)
{
    arena a = {0};
    /* "a" + combining grave (decomposed) becomes the single composed "à" */
    CHECK_STR(text_nfc(&a, "a\xcc\x80"), "\xc3\xa0");
    CHECK(text_nfc(&a, "\xff") == NULL);
    arena_free(&a);
}

static void trim_and_blank(void)
{
    char s[] = "  \t hello world \r\n";
    CHECK_STR(text_trim(s), "hello world");
    CHECK(text_is_blank(" \t\n"));
    CHECK(!text_is_blank(" x "));
}

/* Controls no typed text holds are refused by code point; other systems' line breaks are
 * line breaks; tab, line feed, carriage return and every other character kept as they are. */
static void controls_refused_line_breaks_kept(void)
{
    arena a = {0};
    const char *out = NULL;
    const char *plain = "Sở Ngoại vụ\tQuảng Ngãi\r\n\u2028 ok";
    CHECK(text_controls(&a, plain, &out) == 0 && out == plain);
    CHECK(text_controls(&a, "a\vb\fc\xc2\x85" "d", &out) == 0);
    CHECK_STR(out, "a\nb\nc\nd");
    CHECK(text_controls(&a, "a\x07" "b", &out) == 0x07 && out == NULL);
    CHECK(text_controls(&a, "x\x1b[31m", &out) == 0x1b);
    CHECK(text_controls(&a, "x\x7f", &out) == 0x7f);
    CHECK(text_controls(&a, "x\xc2\x9b" "31m", &out) == 0x9b);
    CHECK(text_controls(&a, "x\uffff", &out) == 0xffff);
    CHECK(text_controls(&a, "x\ufffe", &out) == 0xfffe);
    CHECK(text_controls(&a, "a\vb\x01", &out) == 0x01); /* a break before does not hide it */
    CHECK(text_controls(&a, "", &out) == 0 && out && !*out);
    arena_free(&a);
}

static void buf_and_arena_grow(void)
{
    buf b = {0};
    for (int i = 0; i < 10000; i++)
        buf_printf(&b, "%d,", i);
    CHECK(b.len > 40000);
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    char *d = buf_detach(&b);
    CHECK(b.data == NULL && b.len == 0);
    free(d);
    arena a = {0};
    char *big = arena_alloc(&a, 1 << 20); /* larger than a chunk */
    big[(1 << 20) - 1] = 1;
    CHECK_STR(arena_printf(&a, "%s-%d", "x", 5), "x-5");
    CHECK(arena_strdup(&a, NULL) == NULL);
    arena_free(&a);
}

static void messages_in_both_languages(void)
{
    CHECK_STR(msg(M_REQUIRED, "vi"), "Bắt buộc nhập.");
    CHECK_STR(msg(M_REQUIRED, "en"), "This field is required.");
    CHECK_STR(msg(M_REQUIRED, "fr"), "Bắt buộc nhập."); /* unknown language: Vietnamese */
    char code[48];
    CHECK_STR(msg_code(M_SUBDIV_COUNTRY, code), "subdiv_country");
    for (int i = 0; i < M_COUNT; i++)
        CHECK(*msg(i, "vi") && *msg(i, "en"));
}

static void times_shown_in_vietnam(void)
{
    char out[32];
    CHECK_STR(clock_local("2026-11-24T19:30:00Z", out), "25/11/2026 02:30");
    CHECK_STR(clock_local("2026-01-01T00:00:00Z", out), "01/01/2026 07:00");
    CHECK_STR(clock_local("not a time", out), "not a time");
}

void suite_base(void)
{
    RUN(times_shown_in_vietnam);
    RUN(html_escapes_text_and_attributes);
    RUN(html_text_replaces_invalid_utf8);
    RUN(html_url_component_is_percent_encoded);
    RUN(html_numbers_null_and_percent);
    RUN(fold_removes_diacritics_case_and_d_stroke);
    RUN(sort_keys_follow_vietnamese_order);
    RUN(utf8_validation);
    RUN(nfc_composes_and_rejects_invalid);
    RUN(trim_and_blank);
    RUN(controls_refused_line_breaks_kept);
    RUN(buf_and_arena_grow);
    RUN(messages_in_both_languages);
}
