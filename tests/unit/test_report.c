/* Periodic reports: periods read and named around their edges (leap years, the last day of a
 * quarter, a half, a month), upper case as a document's header writes it, and the cells as
 * every format shows them. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "domain/doc.h"
#include "domain/report.h"
#include "t.h"

static void test_periods(void)
{
    report_period p;
    CHECK(report_period_parse("2019-Q1", &p));
    CHECK_STR(p.code, "2019-Q1");
    CHECK_STR(p.from, "2019-01-01");
    CHECK_STR(p.to, "2019-03-31");
    CHECK(report_period_parse("2024-q1", &p) && !strcmp(p.code, "2024-Q1"));
    CHECK(report_period_parse("2024-02", &p));
    CHECK_STR(p.to, "2024-02-29"); /* a leap year */
    CHECK(report_period_parse("2100-02", &p));
    CHECK_STR(p.to, "2100-02-28"); /* not one */
    CHECK(report_period_parse("2000-02", &p));
    CHECK_STR(p.to, "2000-02-29"); /* one */
    CHECK(report_period_parse("2019-H2", &p));
    CHECK_STR(p.from, "2019-07-01");
    CHECK_STR(p.to, "2019-12-31");
    CHECK(report_period_parse("2019-Q4", &p) && !strcmp(p.to, "2019-12-31"));
    CHECK(report_period_parse("2019-Q2", &p) && !strcmp(p.to, "2019-06-30"));
    CHECK(report_period_parse("2019", &p) && p.kind == 'y' && !strcmp(p.from, "2019-01-01") &&
          !strcmp(p.to, "2019-12-31"));
    CHECK(report_period_parse("2019-11", &p) && !strcmp(p.to, "2019-11-30"));
    const char *bad[] = {"2019-Q5",  "2019-Q0", "2019-H3", "2019-13", "2019-00",
                         "1999",     "2101",    "19",      "2019-",   "2019-1",
                         "2019-Q1x", "",        "abcd",    "2019 Q1", "2019-012"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bool got = report_period_parse(bad[i], &p);
        if (got) fprintf(stderr, "    period \"%s\" read as %s\n", bad[i], p.code);
        CHECK(!got);
    }
    CHECK(!report_period_parse(NULL, &p));
    arena a = {0};
    report_period_parse("2019-Q3", &p);
    CHECK_STR(report_period_label(&a, &p, "vi"), "quý III năm 2019");
    CHECK_STR(report_period_label(&a, &p, "en"), "Q3 2019");
    report_period_parse("2019-H1", &p);
    CHECK_STR(report_period_label(&a, &p, "vi"), "6 tháng đầu năm 2019");
    report_period_parse("2019-03", &p);
    CHECK_STR(report_period_label(&a, &p, "vi"), "tháng 3 năm 2019");
    CHECK_STR(report_period_label(&a, &p, "en"), "March 2019");
    report_period_parse("2019", &p);
    CHECK_STR(report_period_label(&a, &p, "vi"), "năm 2019");
    arena_free(&a);
}

static void test_upper(void)
{
    arena a = {0};
    CHECK_STR(text_upper(&a, "Sở Ngoại vụ"), "SỞ NGOẠI VỤ");
    CHECK_STR(text_upper(&a, "Ủy ban nhân dân tỉnh Quảng Ngãi"), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
    CHECK_STR(text_upper(&a, "đắk lắk"), "ĐẮK LẮK");
    /* decomposed input comes out composed */
    CHECK_STR(text_upper(&a, "Quy\xcc\x89"), "QUỶ");
    CHECK(text_upper(&a, "\xff") == NULL);
    arena_free(&a);
}

static void test_cells(void)
{
    char out[64];
    json_t *v = json_real(1234567.5);
    CHECK_STR(doc_cell_text(v, DOC_MONEY, out, sizeof out), "1.234.568");
    CHECK_STR(doc_cell_text(v, DOC_NUM, out, sizeof out), "1.234.567,50");
    json_decref(v);
    v = json_integer(-1234);
    CHECK_STR(doc_cell_text(v, DOC_INT, out, sizeof out), "-1.234");
    json_decref(v);
    v = json_real(0.946);
    CHECK_STR(doc_cell_text(v, DOC_PCT, out, sizeof out), "94,6 %");
    json_decref(v);
    v = json_real(-0.0001);
    CHECK_STR(doc_cell_text(v, DOC_MONEY, out, sizeof out), "0"); /* never "-0" */
    json_decref(v);
    v = json_string("2019-03-01");
    CHECK_STR(doc_cell_text(v, DOC_DATE, out, sizeof out), "01/03/2019");
    CHECK_STR(doc_cell_text(v, DOC_INT, out, sizeof out), ""); /* text where a number belongs */
    json_decref(v);
    CHECK_STR(doc_cell_text(json_null(), DOC_TEXT, out, sizeof out), "");
    v = json_integer(999);
    CHECK_STR(doc_cell_text(v, DOC_INT, out, sizeof out), "999");
    json_decref(v);
    v = json_integer(1000);
    CHECK_STR(doc_cell_text(v, DOC_INT, out, sizeof out), "1.000");
    json_decref(v);
    v = json_real(1e20); /* beyond a long: every digit, grouped */
    CHECK_STR(doc_cell_text(v, DOC_MONEY, out, sizeof out), "100.000.000.000.000.000.000");
    json_decref(v);
    v = json_string("2019-02-29"); /* no such day: shown as given */
    CHECK_STR(doc_cell_text(v, DOC_DATE, out, sizeof out), "2019-02-29");
    json_decref(v);
    CHECK(doc_col_type("money") == DOC_MONEY && doc_col_type("x") < 0 && doc_col_type(NULL) < 0);
    CHECK(doc_date("2024-02-29", NULL, NULL, NULL) && !doc_date("2023-02-29", NULL, NULL, NULL));
}

void suite_report(void)
{
    RUN(test_periods);
    RUN(test_upper);
    RUN(test_cells);
}
