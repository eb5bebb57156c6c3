/* domain/import.c: CSV import, all rows or none, with the line-by-line report; and the
 * CSV export imported again into a fresh database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "domain/app.h"
#include "domain/bulletin.h"
#include "domain/entities.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/records.h"
#include "t.h"

static char dir[64];
static store *st;

static ctx as(conn *c, arena *a, role r, const char *lang)
{
    return (ctx){.c = c, .a = a, .lang = lang, .user_id = 0, .username = "tester", .role = r};
}

static long long count(conn *c, const entity *e)
{
    list_query q = {.sort = -1};
    long long n = -1;
    st_rec_count(c, e, &q, &n);
    return n;
}

static int import_text(ctx *x, const entity *e, const char *csv, import_result *res)
{
    return import_csv(x, e, csv, strlen(csv), res);
}

/* The report holds this line, field and catalogue message (with its argument). */
static bool reported(ctx *x, const import_result *res, long long line, const char *fname, int m,
                     long long arg)
{
    const char *text = arena_printf(x->a, msg(m, x->lang), arg);
    for (int i = 0; i < res->nerrors; i++) {
        const import_error *e = &res->errors[i];
        bool same_field = fname ? e->field && !strcmp(e->field, fname) : !e->field;
        if (e->line == line && same_field && !strcmp(e->message, text)) return true;
    }
    fprintf(stderr, "    expected line %lld, %s: %s; the report has %d:\n", line,
            fname ? fname : "(no field)", text, res->nerrors);
    for (int i = 0; i < res->nerrors && i < 10; i++)
        fprintf(stderr, "      line %lld, %s: %s\n", res->errors[i].line,
                res->errors[i].field ? res->errors[i].field : "(no field)", res->errors[i].message);
    return false;
}

/* The partner whose name_vi is name (a fresh list query each time). */
static bool find_partner(ctx *x, const char *name, record *out)
{
    list_query q = {.sort = -1, .limit = 1000};
    record *rows;
    int n = 0;
    if (st_rec_list(x->c, x->a, &partner_entity, &q, &rows, &n)) return false;
    int fi = entity_field_index(&partner_entity, "name_vi");
    for (int i = 0; i < n; i++)
        if (rows[i].v[fi] && !strcmp(rows[i].v[fi], name)) {
            *out = rows[i];
            return true;
        }
    return false;
}

/* Fails (nothing stored, RS_INVALID) and leaves the count of partners as it was. */
static void fails_whole(ctx *x, const char *csv, import_result *res)
{
    long long before = count(x->c, &partner_entity);
    CHECK(import_text(x, &partner_entity, csv, res) == RS_INVALID);
    CHECK(res->imported == 0);
    CHECK(res->nerrors > 0);
    CHECK(count(x->c, &partner_entity) == before);
}

static void a_good_file_imports_every_row(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    long long before = count(c, &partner_entity);
    import_result res;
    const char *csv = "name_vi,kind,country,subdivision,email\n"
                      "Tỉnh Nhập Một,locality,LA,LA-AT,\n"
                      "Nhập Hai,ngo,KH,,info@example.org\n"
                      "Nhập Ba,company,th,,\n";
    CHECK(import_text(&x, &partner_entity, csv, &res) == RS_OK);
    CHECK(res.imported == 3 && res.nerrors == 0 && res.more == 0);
    CHECK(count(c, &partner_entity) == before + 3);
    record r;
    CHECK(find_partner(&x, "Tỉnh Nhập Một", &r));
    CHECK_STR(record_get(&r, "subdivision"), "LA-AT");
    CHECK(find_partner(&x, "Nhập Ba", &r));
    CHECK_STR(record_get(&r, "country"), "TH"); /* normalised like a form */
    /* one audit entry per record, by the importing user */
    audit_row *h;
    int nh = 0;
    CHECK(st_audit_list(c, &a, "partner", r.id, 10, &h, &nh) == ST_OK && nh == 1);
    CHECK(nh == 1 && !strcmp(h[0].action, "create") && !strcmp(h[0].username, "tester"));
    arena_free(&a);
    store_release(st, c);
}

static void one_bad_row_imports_nothing_and_names_its_line(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    fails_whole(&x,
                "name_vi,kind,country\r\n"
                "Tốt Một,ngo,LA\r\n"
                "Tốt Hai,ngo,LA\r\n"
                "Xấu Ba,ngo,XX\r\n"
                "Tốt Bốn,ngo,LA\r\n"
                "Xấu Năm,spaceship,\r\n",
                &res);
    CHECK(res.rows == 5);
    CHECK(reported(&x, &res, 4, "country", M_BAD_COUNTRY, 0));
    CHECK(reported(&x, &res, 6, "kind", M_BAD_ENUM, 0));
    CHECK(reported(&x, &res, 6, "country", M_REQUIRED, 0));
    CHECK(res.nerrors == 3);
    CHECK(res.errors[0].fi == entity_field_index(&partner_entity, "country"));
    record r;
    CHECK(!find_partner(&x, "Tốt Một", &r)); /* the good rows were rolled back too */
    /* the same report in English */
    ctx en = as(c, &a, ROLE_OFFICER, "en");
    CHECK(import_text(&en, &partner_entity, "name_vi,kind,country\nX,ngo,XX\n", &res) ==
          RS_INVALID);
    CHECK(res.nerrors == 1 && !strcmp(res.errors[0].message, "Unknown country code (ISO 3166-1)."));
    arena_free(&a);
    store_release(st, c);
}

static void byte_order_mark_and_line_ends(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    long long before = count(c, &partner_entity);
    CHECK(import_text(&x, &partner_entity,
                      "\xEF\xBB\xBFname_vi,kind,country\r\nCó BOM,ngo,LA\r\n\r\nDòng LF,ngo,LA\n"
                      "Không xuống dòng cuối,ngo,LA",
                      &res) == RS_OK);
    CHECK(res.imported == 3);
    CHECK(count(c, &partner_entity) == before + 3);
    record r;
    CHECK(find_partner(&x, "Có BOM", &r));
    CHECK(find_partner(&x, "Không xuống dòng cuối", &r));
    /* a BOM and a bad row: the line numbers count the header as line 1 */
    fails_whole(&x, "\xEF\xBB\xBFname_vi,kind,country\nBOM Hai,ngo,LA\nBOM Ba,ngo,ZZ\n", &res);
    CHECK(reported(&x, &res, 3, "country", M_BAD_COUNTRY, 0));
    arena_free(&a);
    store_release(st, c);
}

static void quoted_fields_with_commas_quotes_and_line_breaks(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    const char *head = "name_vi,kind,country,notes,address\n"
                       "\"Ngoặc, phẩy\",ngo,LA,\"Ông ấy nói \"\"chào\"\"\r\nrồi đi\",\"Số 1,\n"
                       "phố Hai\"\n"                                        /* lines 2-4 */
                       "Nhiều dòng,ngo,LA,\"một\n\nhai\n\",\n"              /* lines 5-8 */
                       "\"Tên\nhai dòng\",ngo,LA,,\n";                      /* lines 9-10 */
    const char *bad = arena_printf(&a, "%sSai sau ngoặc,ngo,XX,,\n", head); /* line 11 */
    fails_whole(&x, bad, &res);
    CHECK(res.nerrors == 1);
    CHECK(reported(&x, &res, 11, "country", M_BAD_COUNTRY, 0));
    /* a bad row that itself spans lines is reported where it starts */
    const char *bad2 =
        arena_printf(&a, "%s\"Sai\nnhiều dòng\",ngo,LA,\"a\nb\",\"c\nd\"\nX2,bad,LA,,\n",
                     head); /* lines 11-14, 15 */
    fails_whole(&x, bad2, &res);
    CHECK(reported(&x, &res, 15, "kind", M_BAD_ENUM, 0));
    CHECK(res.nerrors == 1);
    CHECK(import_text(&x, &partner_entity, head, &res) == RS_OK && res.imported == 3);
    record r;
    CHECK(find_partner(&x, "Ngoặc, phẩy", &r));
    CHECK_STR(record_get(&r, "notes"), "Ông ấy nói \"chào\"\r\nrồi đi");
    CHECK_STR(record_get(&r, "address"), "Số 1,\nphố Hai");
    CHECK(find_partner(&x, "Nhiều dòng", &r));
    CHECK_STR(record_get(&r, "notes"), "một\n\nhai"); /* trimmed like a form */
    CHECK(find_partner(&x, "Tên hai dòng", &r));      /* one-line text: the break is a space */
    arena_free(&a);
    store_release(st, c);
}

static void labels_as_headers_and_values_as_people_write_them(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    /* Vietnamese label, English label, upper case, without accents, padded */
    CHECK(import_text(&x, &partner_entity,
                      "Tên tiếng Việt,LOẠI ĐỐI TÁC,Country, tinh/bang ,Name in English,ID,"
                      "Ngày tạo,updated_at,version\n"
                      "Nhãn Một,Tổ chức quốc tế,Lào (LA),Tỉnh Attapeu (LA-AT),Label one,,"
                      "01/01/2026 10:00,x,\n"
                      "Nhãn Hai,foreign ngo,Campuchia,,,,,,\n",
                      &res) == RS_OK);
    CHECK(res.imported == 2);
    record r;
    CHECK(find_partner(&x, "Nhãn Một", &r));
    CHECK_STR(record_get(&r, "kind"), "intl_org");
    CHECK_STR(record_get(&r, "country"), "LA");
    CHECK_STR(record_get(&r, "subdivision"), "LA-AT");
    CHECK_STR(record_get(&r, "name_en"), "Label one");
    /* an id names the record a row updates; none here: a new one; not a number: said */
    CHECK(import_text(&x, &partner_entity, "name_vi,kind,country,id\nNhãn Ba,ngo,LA,987654\n",
                      &res) == RS_OK);
    CHECK(find_partner(&x, "Nhãn Ba", &r) && r.id != 987654);
    CHECK(import_text(&x, &partner_entity, "name_vi,kind,country,id\nNhãn Bốn,ngo,LA,x1\n", &res) ==
          RS_INVALID);
    CHECK(res.nerrors == 1 && res.errors[0].line == 2 && !strcmp(res.errors[0].field, "id"));
    CHECK(find_partner(&x, "Nhãn Hai", &r));
    CHECK_STR(record_get(&r, "kind"), "ngo");
    CHECK_STR(record_get(&r, "country"), "KH");
    /* contacts: a set by labels and codes, yes/no in words */
    long long before = count(c, &contact_entity);
    CHECK(import_text(&x, &contact_entity,
                      "full_name,languages,overseas_vietnamese,country\n"
                      "Liên Một,\"Tiếng Anh, lo\",Có,LA\n"
                      "Liên Hai,en;km,không,\n"
                      "Liên Ba,,,\n",
                      &res) == RS_OK);
    CHECK(res.imported == 3 && count(c, &contact_entity) == before + 3);
    list_query q = {.sort = -1, .desc = true, .limit = 3};
    record *rows;
    int n = 0;
    CHECK(st_rec_list(c, &a, &contact_entity, &q, &rows, &n) == ST_OK && n == 3);
    if (n == 3) {
        CHECK_STR(record_get(&rows[2], "languages"), "en,lo");
        CHECK_STR(record_get(&rows[2], "overseas_vietnamese"), "1");
        CHECK_STR(record_get(&rows[1], "languages"), "en,km");
        CHECK_STR(record_get(&rows[1], "overseas_vietnamese"), "0");
        CHECK_STR(record_get(&rows[0], "overseas_vietnamese"), "0");
    }
    arena_free(&a);
    store_release(st, c);
}

static void header_problems_stop_the_whole_file(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    fails_whole(&x, "name_vi,kind,country,fax\nCột lạ,ngo,LA,123\n", &res);
    CHECK(reported(&x, &res, 1, "fax", M_IMPORT_UNKNOWN_COLUMN, 0));
    CHECK(res.nerrors == 1 && res.errors[0].fi == -1);
    fails_whole(&x, "name_vi,country\nThiếu loại,LA\n", &res);
    CHECK(reported(&x, &res, 1, "kind", M_IMPORT_MISSING_COLUMN, 0));
    fails_whole(&x, "name_vi,kind,country,Tên tiếng Việt\nHai lần,ngo,LA,x\n", &res);
    CHECK(reported(&x, &res, 1, "Tên tiếng Việt", M_IMPORT_DUP_COLUMN, 0));
    /* a nameless column is fine while it is empty, not when it holds data */
    CHECK(import_text(&x, &partner_entity, "name_vi,kind,country,\nCột trống,ngo,LA,\n", &res) ==
          RS_OK);
    fails_whole(&x, "name_vi,kind,country,\nCột không tên,ngo,LA,dữ liệu\n", &res);
    CHECK(reported(&x, &res, 1, NULL, M_IMPORT_UNNAMED_COLUMN, 4));
    arena_free(&a);
    store_release(st, c);
}

static void ragged_rows(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    fails_whole(&x,
                "name_vi,kind,country\n"
                "Đủ ô,ngo,LA\n"
                "Thiếu ô,ngo\n"
                "Thừa ô,ngo,LA,x\n"
                "Đủ ô hai,ngo,XX\n",
                &res);
    CHECK(reported(&x, &res, 3, NULL, M_IMPORT_CELLS, 2));
    CHECK(reported(&x, &res, 4, NULL, M_IMPORT_CELLS, 4));
    CHECK(reported(&x, &res, 5, "country", M_BAD_COUNTRY, 0)); /* the others are still checked */
    CHECK(res.nerrors == 3);
    arena_free(&a);
    store_release(st, c);
}

static void invalid_utf8_and_files_that_are_not_csv(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    fails_whole(&x, "name_vi,kind,country\nT\xe1t,ngo,LA\nĐúng,ngo,LA\n\"a\n\xff\",ngo,LA\n", &res);
    CHECK(reported(&x, &res, 2, NULL, M_IMPORT_BAD_UTF8, 0));
    CHECK(reported(&x, &res, 5, NULL, M_IMPORT_BAD_UTF8, 0));
    CHECK(res.nerrors == 2);
    /* an embedded NUL */
    const char nul[] = "name_vi,kind,country\nA\0B,ngo,LA\n";
    long long before = count(c, &partner_entity);
    CHECK(import_csv(&x, &partner_entity, nul, sizeof nul - 1, &res) == RS_INVALID);
    CHECK(reported(&x, &res, 2, NULL, M_IMPORT_BAD_UTF8, 0));
    CHECK(count(c, &partner_entity) == before);
    /* a workbook instead of its CSV */
    const char zip[] = "PK\x03\x04\x14\x00\x00\x00";
    CHECK(import_csv(&x, &partner_entity, zip, sizeof zip - 1, &res) == RS_INVALID);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_NOT_CSV, 0));
    /* CSV syntax */
    fails_whole(&x, "name_vi,kind,country\nA\"b,ngo,LA\n", &res);
    CHECK(reported(&x, &res, 2, NULL, M_IMPORT_BAD_CSV, 0));
    fails_whole(&x, "name_vi,kind,country\nA,ngo,LA\n\n\"không đóng,ngo,LA\nB,ngo,LA\n", &res);
    CHECK(reported(&x, &res, 4, NULL, M_IMPORT_UNCLOSED, 0));
    arena_free(&a);
    store_release(st, c);
}

static void empty_header_only_too_big_too_many(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    fails_whole(&x, "", &res);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_EMPTY, 0));
    fails_whole(&x, "\xEF\xBB\xBF\r\n\r\n", &res);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_EMPTY, 0));
    fails_whole(&x, "name_vi,kind,country\r\n", &res);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_NO_ROWS, 0));
    fails_whole(&x, "name_vi,kind,country\n,,\n,,\n", &res); /* only empty rows */
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_NO_ROWS, 0));
    /* over 10 MB */
    size_t big = IMPORT_MAX_BYTES + 1;
    char *data = malloc(big);
    memset(data, 'a', big);
    CHECK(import_csv(&x, &partner_entity, data, big, &res) == RS_INVALID);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_TOO_BIG, 0));
    free(data);
    /* over 50,000 rows: refused before anything is written */
    buf b = {0};
    buf_puts(&b, "name_vi,kind,country\n");
    for (int i = 0; i <= IMPORT_MAX_ROWS; i++)
        buf_printf(&b, "Nhiều %d,ngo,LA\n", i);
    long long before = count(c, &partner_entity);
    CHECK(import_csv(&x, &partner_entity, b.data, b.len, &res) == RS_INVALID);
    CHECK(reported(&x, &res, 0, NULL, M_IMPORT_TOO_MANY, IMPORT_MAX_ROWS));
    CHECK(count(c, &partner_entity) == before);
    buf_free(&b);
    arena_free(&a);
    store_release(st, c);
}

static void duplicates_within_the_file_and_with_stored_records(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    import_result res;
    CHECK(import_text(&x, &partner_entity, "name_vi,kind,country\nĐã có sẵn,ngo,LA\n", &res) ==
          RS_OK);
    record stored;
    CHECK(find_partner(&x, "Đã có sẵn", &stored));
    fails_whole(&x,
                "name_vi,kind,country\n"
                "Trùng trong tệp,ngo,LA\n"
                "Khác,ngo,LA\n"
                "  Trùng trong tệp ,ngo,KH\n"
                "Đã có sẵn,ngo,LA\n",
                &res);
    CHECK(reported(&x, &res, 4, "name_vi", M_IMPORT_DUP_IN_FILE, 2));
    CHECK(reported(&x, &res, 5, "name_vi", M_IMPORT_DUP_EXISTING, stored.id));
    CHECK(res.nerrors == 2);
    record r;
    CHECK(!find_partner(&x, "Trùng trong tệp", &r));
    arena_free(&a);
    store_release(st, c);
}

/* A category's address made from its name (no slug given; letters of other scripts left out)
 * that another category has, or an earlier line of the file: the field's error, found before the
 * write, and no SQL error in the log (the database's refusal of the row, which the error log would
 * show the operator as a fault, is for a name taken between the check and the write). */
static void computed_addresses_taken_are_field_errors(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN, "vi");
    const entity *e = &bulletin_category_entity;
    int si = entity_field_index(e, "slug");
    long long news = 0;
    CHECK(st_rec_find_dup(c, e, si, "tin-tuc", 0, &news) == ST_OK && news > 0);
    long long before = count(c, e);
    FILE *log = tmpfile();
    CHECK(log != NULL);
    if (!log) {
        arena_free(&a);
        store_release(st, c);
        return;
    }
    fflush(stderr);
    int saved = dup(2);
    dup2(fileno(log), 2);
    import_result res;
    rstatus rs = import_text(&x, e,
                             "name_vi,name_en\n"
                             "Tin tức ລາວ,Lao news\n"
                             "Góc nhìn,Views\n"
                             "Góc nhìn ລາວ,Lao views\n",
                             &res);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char logged[4096] = "";
    rewind(log);
    size_t n = fread(logged, 1, sizeof logged - 1, log);
    logged[n] = 0;
    fclose(log);
    CHECK(rs == RS_INVALID);
    CHECK(reported(&x, &res, 2, "slug", M_IMPORT_DUP_EXISTING, news));
    CHECK(reported(&x, &res, 4, "slug", M_IMPORT_DUP_IN_FILE, 3));
    CHECK(res.nerrors == 2);
    CHECK(count(c, e) == before);
    if (strstr(logged, "sql error")) fprintf(stderr, "    logged: %s", logged);
    CHECK(!strstr(logged, "sql error"));
    arena_free(&a);
    store_release(st, c);
}

static void the_report_keeps_1000_problems_and_counts_the_rest(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    buf b = {0};
    buf_puts(&b, "name_vi,kind,country\n");
    for (int i = 0; i < IMPORT_MAX_ERRORS + 5; i++)
        buf_printf(&b, "Lỗi %d,ngo,XX\n", i);
    import_result res;
    long long before = count(c, &partner_entity);
    CHECK(import_csv(&x, &partner_entity, b.data, b.len, &res) == RS_INVALID);
    CHECK(res.nerrors == IMPORT_MAX_ERRORS);
    CHECK(res.more == 5);
    CHECK(res.errors[IMPORT_MAX_ERRORS - 1].line == IMPORT_MAX_ERRORS + 1);
    CHECK(count(c, &partner_entity) == before);
    buf_free(&b);
    arena_free(&a);
    store_release(st, c);
}

static void writers_only(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    import_result res;
    long long before = count(c, &partner_entity);
    ctx viewer = as(c, &a, ROLE_VIEWER, "vi");
    CHECK(import_text(&viewer, &partner_entity, "name_vi,kind,country\nXem,ngo,LA\n", &res) ==
          RS_FORBIDDEN);
    ctx nobody = as(c, &a, ROLE_NONE, "vi");
    CHECK(import_text(&nobody, &partner_entity, "name_vi,kind,country\nAi,ngo,LA\n", &res) ==
          RS_FORBIDDEN);
    CHECK(count(c, &partner_entity) == before);
    arena_free(&a);
    store_release(st, c);
}

/* Partners and contacts with every kind of value, exported as CSV and imported into a fresh
 * database: the same values come back. */
static void export_then_import_into_a_fresh_database(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER, "vi");
    struct {
        const char *k, *v;
    } partners[][8] = {
        {{"kind", "locality"},
         {"name_vi", "Khứ hồi Attapeu"},
         {"name_native", "ແຂວງອັດຕະປື"},
         {"country", "LA"},
         {"subdivision", "LA-AT"},
         {"notes", "Dấu phẩy, \"ngoặc kép\"\nvà xuống dòng"}},
        {{"kind", "embassy"},
         {"name_vi", "Khứ hồi, Đại sứ quán"},
         {"name_en", "Round trip embassy"},
         {"country", "KR"},
         {"address", "1 Phố A,\r\nHà Nội"},
         {"website", "https://example.org/a?b=c,d"},
         {"email", "a@example.org"},
         {"phone", "+84 (24) 123-456"}},
        {{"kind", "other"}, {"name_vi", "Khứ hồi =1+2"}, {"country", "VN"}},
    };
    buf csv = {0};
    for (size_t i = 0; i < sizeof partners / sizeof partners[0]; i++) {
        record r = rec_new(&a, &partner_entity);
        verrs ve = {0};
        for (int k = 0; k < 8 && partners[i][k].k; k++)
            rec_set(&r, partners[i][k].k, partners[i][k].v, &ve);
        CHECK(rec_create(&x, &r, &ve) == RS_OK);
    }
    record ct = rec_new(&a, &contact_entity);
    verrs ve = {0};
    rec_set(&ct, "full_name", "Khứ hồi Liên", &ve);
    rec_set(&ct, "languages", "lo,en", &ve);
    rec_set(&ct, "overseas_vietnamese", "1", &ve);
    rec_set(&ct, "country", "FR", &ve);
    CHECK(rec_create(&x, &ct, &ve) == RS_OK);
    list_query q = {.sort = -1};
    CHECK(export_csv(&x, &partner_entity, &q, &csv) == ST_OK);
    buf ccsv = {0};
    CHECK(export_csv(&x, &contact_entity, &q, &ccsv) == ST_OK);

    char db[128], err[512];
    snprintf(db, sizeof db, "%s/fresh.db", dir);
    store *st2;
    if (store_open(db, true, 1, &st2, err, sizeof err) != 0) {
        fprintf(stderr, "    cannot open %s: %s\n", db, err);
        CHECK(0);
        return;
    }
    conn *c2 = store_acquire(st2);
    ctx y = as(c2, &a, ROLE_OFFICER, "vi");
    import_result res;
    long long n = count(c, &partner_entity);
    CHECK(import_csv(&y, &partner_entity, csv.data, csv.len, &res) == RS_OK);
    for (int i = 0; i < res.nerrors && i < 5; i++)
        fprintf(stderr, "    line %lld %s: %s\n", res.errors[i].line,
                res.errors[i].field ? res.errors[i].field : "", res.errors[i].message);
    CHECK(res.imported == n && count(c2, &partner_entity) == n);
    CHECK(import_csv(&y, &contact_entity, ccsv.data, ccsv.len, &res) == RS_OK);
    CHECK(count(c2, &contact_entity) == count(c, &contact_entity));
    /* every record, field by field, in creation order on both sides */
    const entity *types[] = {&partner_entity, &contact_entity};
    for (int t = 0; t < 2; t++) {
        list_query all = {.sort = -1, .limit = 100000};
        record *r1, *r2;
        int n1 = 0, n2 = 0;
        CHECK(st_rec_list(c, &a, types[t], &all, &r1, &n1) == ST_OK);
        CHECK(st_rec_list(c2, &a, types[t], &all, &r2, &n2) == ST_OK);
        CHECK(n1 == n2 && n1 > 0);
        for (int i = 0; i < n1 && i < n2; i++)
            for (int f = 0; f < types[t]->nfields; f++) {
                const char *v1 = r1[i].v[f], *v2 = r2[i].v[f];
                if (types[t]->fields[f].type == FT_REF) continue; /* ids differ between files */
                if (!(v1 == v2 || (v1 && v2 && !strcmp(v1, v2)))) {
                    fprintf(stderr, "    %s %d %s: \"%s\" came back as \"%s\"\n", types[t]->table,
                            i, types[t]->fields[f].name, v1 ? v1 : "(null)", v2 ? v2 : "(null)");
                    CHECK(0);
                }
            }
    }
    store_release(st2, c2);
    store_close(st2);
    buf_free(&csv);
    buf_free(&ccsv);
    arena_free(&a);
    store_release(st, c);
}

void suite_import(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-import-XXXXXX");
    if (!mkdtemp(dir)) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/i.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    RUN(a_good_file_imports_every_row);
    RUN(one_bad_row_imports_nothing_and_names_its_line);
    RUN(byte_order_mark_and_line_ends);
    RUN(quoted_fields_with_commas_quotes_and_line_breaks);
    RUN(labels_as_headers_and_values_as_people_write_them);
    RUN(header_problems_stop_the_whole_file);
    RUN(ragged_rows);
    RUN(invalid_utf8_and_files_that_are_not_csv);
    RUN(empty_header_only_too_big_too_many);
    RUN(duplicates_within_the_file_and_with_stored_records);
    RUN(computed_addresses_taken_are_field_errors);
    RUN(the_report_keeps_1000_problems_and_counts_the_rest);
    RUN(writers_only);
    RUN(export_then_import_into_a_fresh_database);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
