/* The field type tables (domain/ftypes.h, web/ftypes_web.h): every FT_* value has a
 * complete entry in both, and a value of every type goes round each trip the generic code
 * makes: form text -> stored value -> JSON -> stored again, and stored -> CSV cell ->
 * stored again, shown and put in a spreadsheet cell as people read it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "domain/app.h"
#include "domain/entities.h"
#include "domain/export.h"
#include "domain/records.h"
#include "t.h"
#include "web/ftypes_web.h"

static char dir[64];
static store *st;

/* Every entry is there and whole; one with a part missing is refused, naming the part. */
static void type_tables_are_complete(void)
{
    char err[256] = "";
    CHECK(ftypes_check(err, sizeof err) == 0);
    CHECK(ftypes_web_check(err, sizeof err) == 0);
    CHECK_STR(err, "");
    CHECK(field_store_check(err, sizeof err) == 0);
    for (int i = 0; i < FT_COUNT; i++) {
        const field f = {.type = (field_type)i};
        const ftype *t = ftype_of(&f);
        CHECK(t != NULL && t->name != NULL);
        if (!t) continue;
        /* the properties agree with the functions */
        json_t *j = t->to_json((t->props & FTP_LIST) ? "1,2" : "1");
        if (t->props & FTP_LIST) CHECK(json_is_array(j) && json_array_size(j) == 2);
        /* and the database's JSON of a list (the store's row) is the domain's */
        switch (field_store_of(&f)->json) {
        case FJ_BOOL:
            CHECK(json_is_boolean(j));
            break;
        case FJ_NUMBER:
            CHECK(json_is_number(j));
            break;
        case FJ_CODES:
            CHECK(json_is_array(j) && json_is_string(json_array_get(j, 0)));
            break;
        case FJ_IDS:
            CHECK(json_is_array(j) && json_is_integer(json_array_get(j, 0)));
            break;
        case FJ_STRING:
            CHECK(json_is_string(j));
            break;
        }
        json_decref(j);
    }
    ftype broken = ft_date;
    broken.filter = NULL;
    CHECK(ftype_check(&broken, err, sizeof err) == -1 && strstr(err, "date has no filter"));
    broken = ft_number;
    broken.name = NULL;
    CHECK(ftype_check(&broken, err, sizeof err) == -1);
    ftype_web wbroken = *ftype_web_of(&(field){.type = FT_SET});
    wbroken.control = NULL;
    CHECK(ftype_web_check(&wbroken, "set", err, sizeof err) == -1 &&
          strstr(err, "set has no form control"));
    /* a description naming a type past the table is refused at start */
    field fields[2] = {
        {.name = "name", .type = FT_TEXT, .flags = F_TITLE, .vi = "Tên", .en = "Name"},
        {.name = "odd", .type = (field_type)FT_COUNT, .vi = "Lạ", .en = "Odd"},
    };
    entity e = {.name = "oddity",
                .table = "oddities",
                .code = 15,
                .vi = "X",
                .en = "X",
                .plural_vi = "X",
                .plural_en = "X",
                .fields = fields,
                .nfields = 2};
    CHECK(entity_check(&e, ngv_entities, err, sizeof err) == -1 &&
          strstr(err, "not in the type table"));
}

static const enum_opt opts[] = {{"a", "Một", "One"}, {"b", "Hai", "Two"}, {NULL}};

/* One field of every type, in FT_* order. */
static const field every_type[] = {
    {.name = "text", .type = FT_TEXT, .flags = F_TITLE, .vi = "Văn bản", .en = "Text"},
    {.name = "longtext", .type = FT_LONGTEXT, .vi = "Ghi chú", .en = "Notes"},
    {.name = "choice", .type = FT_ENUM, .vi = "Lựa chọn", .en = "Choice", .opts = opts},
    {.name = "choices", .type = FT_SET, .vi = "Các lựa chọn", .en = "Choices", .opts = opts},
    {.name = "country", .type = FT_COUNTRY, .vi = "Quốc gia", .en = "Country"},
    {.name = "province", .type = FT_SUBDIV, .vi = "Tỉnh", .en = "Province", .country = "country"},
    {.name = "partner_id", .type = FT_REF, .vi = "Đối tác", .en = "Partner", .ref = "partners"},
    {.name = "flag", .type = FT_BOOL, .vi = "Cờ", .en = "Flag"},
    {.name = "email", .type = FT_EMAIL, .vi = "E-mail", .en = "E-mail"},
    {.name = "website", .type = FT_URL, .vi = "Trang web", .en = "Website"},
    {.name = "phone", .type = FT_PHONE, .vi = "Điện thoại", .en = "Phone"},
    {.name = "day", .type = FT_DATE, .vi = "Ngày", .en = "Day"},
    {.name = "amount", .type = FT_NUMBER, .vi = "Số tiền", .en = "Amount"},
    {.name = "partner_ids",
     .type = FT_REFS,
     .vi = "Các đối tác",
     .en = "Partners",
     .ref = "partners"},
};
enum { NTYPES = sizeof every_type / sizeof every_type[0] };

/* What one value of a type becomes on each trip (Vietnamese pages). */
typedef struct {
    const char *input;  /* as a form sends it */
    const char *stored; /* after the validation */
    const char *json;   /* in the API */
    const char *csv;    /* in a CSV export */
    const char *shown;  /* on a page */
    int cell;           /* the kind of spreadsheet cell */
} sample;

static long long new_partner(ctx *x, const char *name)
{
    record p = rec_new(x->a, &partner_entity);
    verrs ve = {0};
    rec_set(&p, "kind", "ngo", &ve);
    rec_set(&p, "name_vi", name, &ve);
    rec_set(&p, "country", "LA", &ve);
    CHECK(rec_create(x, &p, &ve) == RS_OK);
    return p.id;
}

static void a_value_of_every_type_goes_round_every_trip(void)
{
    CHECK((int)NTYPES == (int)FT_COUNT); /* a new type needs its field and its sample here */
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = {.c = c, .a = &a, .lang = "vi", .username = "tester", .role = ROLE_OFFICER};
    long long p1 = new_partner(&x, "Quỹ Một"), p2 = new_partner(&x, "Quỹ Hai");
    const char *id1 = arena_printf(&a, "%lld", p1), *id2 = arena_printf(&a, "%lld", p2);
    const sample s[FT_COUNT] = {
        [FT_TEXT] = {"  Hội\tthảo ", "Hội thảo", "\"Hội thảo\"", "Hội thảo", "Hội thảo"},
        [FT_LONGTEXT] = {"Dòng 1\nDòng 2", "Dòng 1\nDòng 2", "\"Dòng 1\\nDòng 2\"",
                         "Dòng 1\nDòng 2", "Dòng 1\nDòng 2"},
        [FT_ENUM] = {"b", "b", "\"b\"", "Hai", "Hai"},
        [FT_SET] = {"b, a,b", "a,b", "[\"a\",\"b\"]", "Một, Hai", "Một, Hai"},
        [FT_COUNTRY] = {"la", "LA", "\"LA\"", "Lào (LA)", "Lào"},
        [FT_SUBDIV] = {"la-at", "LA-AT", "\"LA-AT\"", "Attapeu (LA-AT)", "Attapeu"},
        [FT_REF] = {id2, id2, id2, "Quỹ Hai", "Quỹ Hai"},
        [FT_BOOL] = {"on", "1", "true", "Có", "Có"},
        [FT_EMAIL] = {"hoa@sngv.gov.vn", "hoa@sngv.gov.vn", "\"hoa@sngv.gov.vn\"",
                      "hoa@sngv.gov.vn", "hoa@sngv.gov.vn"},
        [FT_URL] = {"https://sngv.gov.vn", "https://sngv.gov.vn", "\"https://sngv.gov.vn\"",
                    "https://sngv.gov.vn", "https://sngv.gov.vn"},
        [FT_PHONE] = {"+84 (255) 382", "+84 (255) 382", "\"+84 (255) 382\"", "+84 (255) 382",
                      "+84 (255) 382"},
        [FT_DATE] = {"05/02/2024", "2024-02-05", "\"2024-02-05\"", "2024-02-05", "05/02/2024",
                     CELL_DATE},
        [FT_NUMBER] = {"1.234.567,5", "1234567.5", "1234567.5", "1234567.5", "1.234.567,5",
                       CELL_NUMBER},
        [FT_REFS] = {arena_printf(&a, "%s, %s,%s", id2, id1, id2),
                     arena_printf(&a, "%s,%s", id2, id1), arena_printf(&a, "[%s,%s]", id2, id1),
                     "Quỹ Hai; Quỹ Một", "Quỹ Hai; Quỹ Một"},
    };
    entity e = {.name = "sample",
                .table = "samples",
                .code = 15,
                .vi = "Mẫu",
                .en = "Sample",
                .fields = every_type,
                .nfields = NTYPES};
    record r = rec_new(&a, &e);
    for (int i = 0; i < NTYPES; i++) {
        CHECK(every_type[i].type == (field_type)i && s[i].input);
        r.v[i] = s[i].input;
    }
    verrs ve = {0};
    rec_validate(&x, &r, &ve);
    CHECK(ve.n == 0);
    json_t *j = rec_to_json(&r);
    json_object_del(j, "version"); /* 0: not a version an update could expect */
    record back = rec_new(&a, &e), from_csv = rec_new(&a, &e);
    rec_from_json(&a, &back, j, &ve);
    rec_validate(&x, &back, &ve);
    cell_reader cr = {.x = &x, .a = &a};
    for (int i = 0; i < NTYPES; i++) {
        const field *f = &every_type[i];
        const char *csv = export_text(&x, &r, i);
        from_csv.v[i] = ftype_of(f)->import_cell(&cr, f, csv);
    }
    rec_validate(&x, &from_csv, &ve);
    CHECK(ve.n == 0);
    for (int i = 0; i < NTYPES; i++) {
        const field *f = &every_type[i];
        char *js = json_dumps(json_object_get(j, f->name), JSON_ENCODE_ANY | JSON_COMPACT);
        if (!r.v[i] || strcmp(r.v[i], s[i].stored) || strcmp(js, s[i].json) || !back.v[i] ||
            strcmp(back.v[i], s[i].stored) || !from_csv.v[i] || strcmp(from_csv.v[i], s[i].stored))
            fprintf(stderr, "    type %s: stored %s, JSON %s, from JSON %s, from CSV %s\n",
                    ftype_of(f)->name, r.v[i], js, back.v[i], from_csv.v[i]);
        CHECK_STR(r.v[i], s[i].stored);
        CHECK_STR(js, s[i].json);
        CHECK_STR(back.v[i], s[i].stored);
        CHECK_STR(export_text(&x, &r, i), s[i].csv);
        CHECK_STR(from_csv.v[i], s[i].stored);
        CHECK_STR(rec_display(&x, &r, i), s[i].shown);
        ftype_cell cell = ftype_of(f)->cell(&x, f, r.v[i]);
        CHECK((int)cell.kind == s[i].cell);
        CHECK_STR(cell.text, cell.kind == CELL_TEXT ? s[i].csv : s[i].stored);
        free(js);
    }
    json_decref(j);
    arena_free(&a);
    store_release(st, c);
}

/* A number marked F_YEAR is a whole year from 2000 to 2100, whatever type uses it. */
static void a_year_is_a_whole_year_in_range(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = {.c = c, .a = &a, .lang = "vi", .username = "tester", .role = ROLE_OFFICER};
    static const field fy[] = {
        {.name = "year", .type = FT_NUMBER, .flags = F_YEAR | F_NONNEG, .vi = "Năm", .en = "Year"}};
    entity e = {
        .name = "y", .table = "ys", .code = 99, .vi = "N", .en = "Y", .fields = fy, .nfields = 1};
    static const struct {
        const char *v;
        bool ok;
    } cases[] = {{"2000", true},  {"2100", true},    {"2026", true},  {"1999", false},
                 {"2101", false}, {"2026.5", false}, {"20260", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        record r = rec_new(&a, &e);
        r.v[0] = cases[i].v;
        verrs ve = {0};
        rec_validate(&x, &r, &ve);
        bool refused = ve.n == 1 && ve.e[0].msg == M_YEAR_RANGE;
        if (refused == cases[i].ok)
            fprintf(stderr, "    year %s: refused %d\n", cases[i].v, refused);
        CHECK(refused != cases[i].ok);
    }
    arena_free(&a);
    store_release(st, c);
}

/* A number's JSON is the number's, not its writing: a computed amount of two places
 * ("228600.00", what a write answers, and what PostgreSQL's numeric reads back) is the
 * integer SQLite reads back (fuzz_api: a PUT answered 228600.0 where GET gave 228600). */
static void a_number_in_json_is_the_same_however_written(void)
{
    const field f = {.type = FT_NUMBER};
    const ftype *t = ftype_of(&f);
    const char *whole[] = {"228600", "228600.00", "228600.0", "0.00", "-5.000"};
    const long long want[] = {228600, 228600, 228600, 0, -5};
    for (int i = 0; i < 5; i++) {
        json_t *j = t->to_json(whole[i]);
        CHECK(json_is_integer(j) && json_integer_value(j) == want[i]);
        json_decref(j);
    }
    json_t *j = t->to_json("228600.50");
    CHECK(json_is_real(j) && json_real_value(j) == 228600.5);
    json_decref(j);
    j = t->to_json("0.05");
    CHECK(json_is_real(j) && json_real_value(j) == 0.05);
    json_decref(j);
}

void suite_ftypes(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-ftypes-XXXXXX");
    if (!mkdtemp(dir)) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/f.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    RUN(type_tables_are_complete);
    RUN(a_number_in_json_is_the_same_however_written);
    RUN(a_value_of_every_type_goes_round_every_trip);
    RUN(a_year_is_a_whole_year_in_range);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
