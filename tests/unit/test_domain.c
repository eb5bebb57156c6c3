/* domain/: validation from the descriptions, the write pattern (record + search + audit in
 * one transaction), permissions, the province profile, accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "domain/app.h"
#include "domain/attach.h"
#include "domain/auth.h"
#include "domain/commitment.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "domain/refdata.h"
#include "domain/settings.h"
#include "base/clock.h"
#include "t.h"

static char dir[64];
static store *st;

static ctx as(conn *c, arena *a, role r)
{
    ctx x = {.c = c, .a = a, .lang = "vi", .user_id = 0, .username = "tester", .role = r};
    return x;
}

static bool has_error(const verrs *ve, const char *fname, int m)
{
    for (int i = 0; i < ve->n; i++)
        if ((fname ? ve->e[i].field && !strcmp(ve->e[i].field, fname) : !ve->e[i].field) &&
            ve->e[i].msg == m)
            return true;
    return false;
}

static record partner(arena *a, const char *kind, const char *name, const char *country,
                      const char *sub)
{
    record r = rec_new(a, &partner_entity);
    verrs ve = {0};
    rec_set(&r, "kind", kind, &ve);
    rec_set(&r, "name_vi", name, &ve);
    rec_set(&r, "country", country, &ve);
    rec_set(&r, "subdivision", sub, &ve);
    return r;
}

static long long partner_count(conn *c)
{
    list_query q = {.sort = -1};
    long long n = -1;
    st_rec_count(c, &partner_entity, &q, &n);
    return n;
}

static void validation_rules_from_the_description(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER);
    long long before = partner_count(c);
    struct {
        const char *kind, *name, *country, *sub, *field;
        int msg;
    } cases[] = {
        {"ngo", NULL, "LA", NULL, "name_vi", M_REQUIRED},
        {"ngo", "   ", "LA", NULL, "name_vi", M_REQUIRED},
        {"ngo", "X", "XX", NULL, "country", M_BAD_COUNTRY},
        {"locality", "X", "LA", "KH-16", "subdivision", M_SUBDIV_COUNTRY},
        {"locality", "X", "LA", "LA-ZZ", "subdivision", M_BAD_SUBDIV},
        {"locality", "X", "LA", NULL, "subdivision", M_LOCALITY_NEEDS_SUBDIV},
        {"spaceship", "X", "LA", NULL, "kind", M_BAD_ENUM},
        {"ngo", "bad \xff utf8", "LA", NULL, "name_vi", M_BAD_UTF8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        record r = partner(&a, cases[i].kind, cases[i].name, cases[i].country, cases[i].sub);
        verrs ve = {0};
        CHECK(rec_create(&x, &r, &ve) == RS_INVALID);
        if (!has_error(&ve, cases[i].field, cases[i].msg))
            fprintf(stderr, "    case %zu: expected %s on %s\n", i, msg(cases[i].msg, "en"),
                    cases[i].field);
        CHECK(has_error(&ve, cases[i].field, cases[i].msg));
    }
    /* over-long: 201 characters of two bytes each */
    char *longname = arena_alloc(&a, 201 * 2 + 1);
    for (int i = 0; i < 201; i++)
        memcpy(longname + 2 * i, "\xc3\xa0", 2);
    record r = partner(&a, "ngo", longname, "LA", NULL);
    verrs ve = {0};
    CHECK(rec_create(&x, &r, &ve) == RS_INVALID && has_error(&ve, "name_vi", M_TOO_LONG));
    /* 200 characters is fine: the limit counts characters, not bytes */
    longname[200 * 2] = 0;
    r = partner(&a, "ngo", longname, "LA", NULL);
    ve = (verrs){0};
    CHECK(rec_create(&x, &r, &ve) == RS_OK);
    CHECK(partner_count(c) == before + 1);
    arena_free(&a);
    store_release(st, c);
}

static void values_are_normalised(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER);
    /* decomposed "Lào", lower-case codes, padding: stored NFC, trimmed, upper-case */
    record r = partner(&a, "locality", "  Tỉnh La\xcc\x80o thử  ", "la", "la-at");
    verrs ve = {0};
    CHECK(rec_create(&x, &r, &ve) == RS_OK);
    record back;
    CHECK(rec_get(&x, &partner_entity, r.id, &back) == RS_OK);
    CHECK_STR(record_get(&back, "name_vi"), "Tỉnh L\xc3\xa0o thử");
    CHECK_STR(record_get(&back, "country"), "LA");
    CHECK_STR(record_get(&back, "subdivision"), "LA-AT");
    /* a set keeps known codes in the catalogue's order, and refuses unknown ones */
    record k = rec_new(&a, &contact_entity);
    rec_set(&k, "full_name", "Nguyễn Thị Hoa", &ve);
    rec_set(&k, "languages", "lo, vi,lo", &ve);
    CHECK(rec_create(&x, &k, &ve) == RS_OK);
    CHECK_STR(record_get(&k, "languages"), "vi,lo");
    CHECK_STR(record_get(&k, "overseas_vietnamese"), "0");
    record k2 = rec_new(&a, &contact_entity);
    rec_set(&k2, "full_name", "X", &ve);
    rec_set(&k2, "languages", "vi,klingon", &ve);
    rec_set(&k2, "email", "not-an-address", &ve);
    CHECK(rec_create(&x, &k2, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "languages", M_BAD_ENUM) && has_error(&ve, "email", M_BAD_EMAIL));
    arena_free(&a);
    store_release(st, c);
}

static void write_records_audit_and_search_together(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER);
    record r = partner(&a, "locality", "Tỉnh Attapeu kiểm định", "LA", "LA-AT");
    verrs ve = {0};
    CHECK(rec_create(&x, &r, &ve) == RS_OK);
    audit_row *h;
    int n;
    CHECK(st_audit_list(c, &a, "partner", r.id, 10, &h, &n) == ST_OK && n == 1);
    CHECK(n == 1 && !strcmp(h[0].action, "create") && !strcmp(h[0].username, "tester"));
    CHECK(n == 1 && h[0].old_json == NULL && strstr(h[0].new_json, "Tỉnh Attapeu kiểm định"));
    /* found by the ISO spelling of its subdivision and by the Vietnamese one */
    search_hit *hits;
    int nh;
    CHECK(st_search(c, &a, "attapu kiem dinh", 10, &hits, &nh) == ST_OK && nh == 1);
    CHECK(st_search(c, &a, "tinh attapeu kiem dinh", 10, &hits, &nh) == ST_OK && nh == 1);
    /* update: old and new values */
    rec_set(&r, "name_en", "Attapeu test", &ve);
    CHECK(rec_update(&x, &r, &ve) == RS_OK && r.version == 2);
    CHECK(st_audit_list(c, &a, "partner", r.id, 10, &h, &n) == ST_OK && n == 2);
    CHECK(n == 2 && !strcmp(h[0].action, "update") && strstr(h[0].old_json, "\"name_en\":null") &&
          strstr(h[0].new_json, "\"name_en\":\"Attapeu test\""));
    /* a stale version is refused and changes nothing */
    r.version = 1;
    rec_set(&r, "name_en", "lost update", &ve);
    CHECK(rec_update(&x, &r, &ve) == RS_CONFLICT);
    record back;
    CHECK(rec_get(&x, &partner_entity, r.id, &back) == RS_OK);
    CHECK_STR(record_get(&back, "name_en"), "Attapeu test");
    /* a contact refers to it: delete refused; then allowed once the contact is gone */
    record k = rec_new(&a, &contact_entity);
    rec_set(&k, "full_name", "Người liên hệ", &ve);
    rec_set(&k, "partner_id", arena_printf(&a, "%lld", r.id), &ve);
    CHECK(rec_create(&x, &k, &ve) == RS_OK);
    long long in_use = 0;
    CHECK(rec_delete(&x, &partner_entity, r.id, &in_use) == RS_IN_USE && in_use == 1);
    CHECK(rec_delete(&x, &contact_entity, k.id, &in_use) == RS_OK);
    CHECK(rec_delete(&x, &partner_entity, r.id, &in_use) == RS_OK);
    CHECK(st_audit_list(c, &a, "partner", r.id, 10, &h, &n) == ST_OK && n == 3);
    CHECK(n == 3 && !strcmp(h[0].action, "delete") && h[0].new_json == NULL);
    CHECK(st_search(c, &a, "attapu kiem dinh", 10, &hits, &nh) == ST_OK && nh == 0);
    /* a reference to nothing is refused */
    record k2 = rec_new(&a, &contact_entity);
    rec_set(&k2, "full_name", "X", &ve);
    rec_set(&k2, "partner_id", "999999", &ve);
    CHECK(rec_create(&x, &k2, &ve) == RS_INVALID && has_error(&ve, "partner_id", M_BAD_REF));
    arena_free(&a);
    store_release(st, c);
}

static void permissions_by_role(void)
{
    CHECK(role_can(ROLE_VIEWER, PERM_READ) && !role_can(ROLE_VIEWER, PERM_WRITE));
    CHECK(!role_can(ROLE_AGENCY, PERM_WRITE) && role_can(ROLE_AGENCY, PERM_READ));
    CHECK(role_can(ROLE_OFFICER, PERM_WRITE) && !role_can(ROLE_OFFICER, PERM_ADMIN));
    CHECK(role_can(ROLE_ADMIN, PERM_ADMIN));
    CHECK(!role_can(ROLE_NONE, PERM_READ) && role_can(ROLE_NONE, PERM_PUBLIC));
    CHECK(!role_can(ROLE_ADMIN, PERM_NONE));
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_VIEWER);
    long long before = partner_count(c);
    record r = partner(&a, "ngo", "Viewer cannot", "LA", NULL);
    verrs ve = {0};
    CHECK(rec_create(&x, &r, &ve) == RS_FORBIDDEN);
    CHECK(partner_count(c) == before);
    long long in_use;
    CHECK(rec_delete(&x, &partner_entity, 1, &in_use) == RS_FORBIDDEN);
    arena_free(&a);
    store_release(st, c);
}

static void json_round_trip(void)
{
    arena a = {0};
    record r = rec_new(&a, &contact_entity);
    json_error_t jerr;
    json_t *j = json_loads("{\"full_name\":\"A\",\"languages\":[\"vi\",\"lo\"],"
                           "\"overseas_vietnamese\":true,\"partner_id\":3,\"version\":4}",
                           0, &jerr);
    verrs ve = {0};
    rec_from_json(&a, &r, j, &ve);
    json_decref(j);
    CHECK(ve.n == 0);
    CHECK_STR(record_get(&r, "languages"), "vi,lo");
    CHECK_STR(record_get(&r, "overseas_vietnamese"), "1");
    CHECK_STR(record_get(&r, "partner_id"), "3");
    CHECK(r.version == 4);
    j = json_loads("{\"nope\":1,\"full_name\":[1]}", 0, &jerr);
    rec_from_json(&a, &r, j, &ve);
    json_decref(j);
    CHECK(has_error(&ve, "nope", M_UNKNOWN_FIELD) && has_error(&ve, "full_name", M_BAD_PARAM));
    json_t *out = rec_to_json(&r);
    CHECK(json_is_true(json_object_get(out, "overseas_vietnamese")));
    CHECK(json_integer_value(json_object_get(out, "partner_id")) == 3);
    CHECK(json_is_null(json_object_get(out, "notes")));
    json_decref(out);
    arena_free(&a);
}

static void province_profile(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER);
    province p = {"Kon Tum", "Kon Tum", "VN-28", "Sở Ngoại vụ",      NULL,
                  NULL,      NULL,      "SNgV",  "UBND TỈNH KON TUM"};
    verrs ve = {0};
    CHECK(province_set(&x, &p, &ve) == RS_FORBIDDEN);
    x.role = ROLE_ADMIN;
    province bad = {"", "Kon Tum", "LA-AT-X", "Sở", NULL, NULL, "XI IATI", "S/NgV", NULL};
    CHECK(province_set(&x, &bad, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "name_vi", M_REQUIRED) && has_error(&ve, "code", M_TOO_LONG));
    CHECK(has_error(&ve, "iati_org", M_IATI_ORG_BAD) && has_error(&ve, "abbrev", M_ABBREV_BAD));
    ve = (verrs){0};
    CHECK(province_set(&x, &p, &ve) == RS_OK);
    province got;
    province_get(&x, &got);
    CHECK_STR(got.code, "VN-28");
    CHECK_STR(got.abbrev, "SNgV");
    CHECK_STR(got.parent_vi, "UBND TỈNH KON TUM");
    CHECK(province_abbrev_ok("SNgV") && province_abbrev_ok("SởNV") &&
          !province_abbrev_ok("S NgV") && !province_abbrev_ok("BC-SNgV"));
    CHECK_STR(province_dept(&got, "en"), "Sở Ngoại vụ"); /* no English name: Vietnamese */
    /* the area: none set, coordinates are only checked for range */
    double box[4];
    CHECK(!province_area(box));
    record g = rec_new(&a, &gate_entity);
    rec_set(&g, "lat", "21.03", &ve); /* Hà Nội */
    rec_set(&g, "lon", "105.85", &ve);
    verrs ce = {0};
    coordinates_check(&g, "lat", "lon", &ce);
    CHECK(ce.n == 0);
    const char *bads[] = {"13.9,107.4,15.4", "15.4,107.4,13.9,109.2", "13.9,107.4,15.4,129.2",
                          "13.9,107.4,15.4,109.2,1", "bắc,tây,nam,đông"};
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        province pb = p;
        pb.area = bads[i];
        ve = (verrs){0};
        CHECK(province_set(&x, &pb, &ve) == RS_INVALID &&
              has_error(&ve, "area", M_PROVINCE_AREA_BAD));
    }
    p.area = " 13.9; 107.4; 15.4; 109.25 ";
    ve = (verrs){0};
    CHECK(province_set(&x, &p, &ve) == RS_OK);
    province_get(&x, &got);
    CHECK_STR(got.area, "13.9,107.4,15.4,109.25"); /* one way of writing it */
    CHECK(province_area(box) && box[0] == 13.9 && box[3] == 109.25);
    coordinates_check(&g, "lat", "lon", &ce); /* now Hà Nội is far outside */
    CHECK(has_error(&ce, "lat", M_COORD_AREA) && has_error(&ce, "lon", M_COORD_AREA));
    const char *near[][3] = {{"14.7", "107.0", "ok"},  /* 0.4 degree west: across the border */
                             {"14.7", "106.8", "lon"}, /* 0.6 west: a slip */
                             {"15.85", "108", "ok"},
                             {"15.95", "108", "lat"}};
    for (size_t i = 0; i < sizeof near / sizeof near[0]; i++) {
        rec_set(&g, "lat", near[i][0], &ve);
        rec_set(&g, "lon", near[i][1], &ve);
        ce = (verrs){0};
        coordinates_check(&g, "lat", "lon", &ce);
        CHECK(!strcmp(near[i][2], "ok") ? ce.n == 0 : has_error(&ce, near[i][2], M_COORD_AREA));
    }
    p.area = NULL; /* the other tests' coordinates are not this province's */
    CHECK(province_set(&x, &p, &ve) == RS_OK && !province_area(box));
    arena_free(&a);
    store_release(st, c);
}

static void accounts_and_login_limits(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    char err[256];
    CHECK(auth_user_add(c, "officer1", "officer", "correct horse", NULL, err, sizeof err) == 0);
    CHECK(auth_user_add(c, "officer1", "officer", "correct horse", NULL, err, sizeof err) != 0);
    CHECK(auth_user_add(c, "x2", "emperor", "correct horse", NULL, err, sizeof err) != 0);
    CHECK(auth_user_add(c, "x3", "viewer", "short", NULL, err, sizeof err) != 0);
    CHECK(auth_user_add(c, "Bad Name", "viewer", "long enough", NULL, err, sizeof err) != 0);
    user_row u;
    long long wait;
    CHECK(auth_login(c, &a, "officer1", "correct horse", "1.2.3.4", NULL, &u, &wait) == AUTH_OK);
    CHECK(strncmp(u.pwhash, "$argon2id$", 10) == 0);
    for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
        CHECK(auth_login(c, &a, "officer1", "wrong", "1.2.3.4", NULL, &u, &wait) == AUTH_BAD);
    /* now even the right password is refused from that client for a few seconds */
    CHECK(auth_login(c, &a, "officer1", "correct horse", "1.2.3.4", NULL, &u, &wait) ==
          AUTH_LIMITED);
    CHECK(wait >= 1 && wait <= 2);
    /* a stranger's failures do not lock the user out: the right password from another
     * client gets in at once */
    const char *token, *csrf, *kind, *csrf2;
    CHECK(auth_login(c, &a, "officer1", "correct horse", "5.6.7.8", NULL, &u, &wait) == AUTH_OK);
    /* many clients guessing one account: past LOGIN_ACCOUNT_FAILURES every client waits,
     * but for a browser the user completed a login from, and other accounts do not */
    CHECK(auth_user_add(c, "officer9", "officer", "correct horse", NULL, err, sizeof err) == 0);
    CHECK(auth_user_add(c, "officer8", "officer", "correct horse", NULL, err, sizeof err) == 0);
    CHECK(auth_login(c, &a, "officer9", "correct horse", "10.0.0.1", NULL, &u, &wait) == AUTH_OK);
    const char *desk = auth_device_remember(c, &a, u.id, NULL);
    CHECK(desk && strlen(desk) == 64 && auth_device_known(c, &a, desk, "officer9"));
    CHECK(!auth_device_known(c, &a, desk, "officer8"));
    CHECK(auth_device_remember(c, &a, u.id, desk) == desk); /* the same browser again */
    long long now = clock_unix();
    for (int i = 0; i < LOGIN_ACCOUNT_FAILURES - 1; i++)
        CHECK(st_login_failure_add(c, "acct:officer9", now) == ST_OK);
    CHECK(auth_login(c, &a, "officer9", "correct horse", "10.0.0.2", NULL, &u, &wait) == AUTH_OK);
    CHECK(auth_login(c, &a, "officer9", "guess", "10.0.0.3", NULL, &u, &wait) == AUTH_BAD);
    CHECK(auth_login(c, &a, "officer9", "correct horse", "10.0.0.4", NULL, &u, &wait) ==
          AUTH_LIMITED);
    CHECK(wait >= 1 && wait <= 2);
    CHECK(auth_login(c, &a, "officer9", "correct horse", "10.0.0.4", desk, &u, &wait) == AUTH_OK);
    CHECK(auth_login(c, &a, "officer9", "correct horse", "10.0.0.4",
                     "0000000000000000000000000000000000000000000000000000000000000000", &u,
                     &wait) == AUTH_LIMITED);
    CHECK(auth_login(c, &a, "officer8", "correct horse", "10.0.0.4", NULL, &u, &wait) == AUTH_OK);
    /* a device cookie another user left in a shared browser is replaced, not taken over */
    const char *other = auth_device_remember(c, &a, u.id, desk);
    CHECK(other && strcmp(other, desk) != 0 && auth_device_known(c, &a, other, "officer8"));
    CHECK(auth_device_known(c, &a, desk, "officer9"));
    CHECK(auth_login(c, &a, "officer1", "correct horse", "5.6.7.8", NULL, &u, &wait) == AUTH_OK);
    /* an empty token is no token */
    CHECK(!auth_equal("", "") && !auth_equal("", "x") && !auth_equal(NULL, NULL));
    CHECK(auth_session_new(c, &a, u.id, "api", &token, &csrf) == ST_OK);
    user_row s;
    CHECK(auth_session_get(c, &a, token, &s, &csrf2, &kind) == ST_OK && s.id == u.id);
    CHECK_STR(kind, "api");
    CHECK(auth_equal(csrf, csrf2) && !auth_equal(csrf, "x") && !auth_equal(NULL, csrf));
    /* a new password ends the sessions */
    CHECK(auth_user_passwd(c, "officer1", "another secret", err, sizeof err) == 0);
    CHECK(auth_session_get(c, &a, token, &s, &csrf2, &kind) == ST_NOTFOUND);
    CHECK(auth_session_get(c, &a, "short", &s, &csrf2, &kind) == ST_NOTFOUND);
    arena_free(&a);
    store_release(st, c);
}

static void count_override(void *found, const char *code, const char *name)
{
    if (!strcmp(code, "KH") && !strcmp(name, "Vương quốc Campuchia")) ++*(int *)found;
}

static void reviewed_names_corrected_by_an_admin(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_OFFICER);
    char err[256];
    CHECK(names_set(&x, "KH", "Vương quốc Campuchia", err, sizeof err) != 0);
    x.role = ROLE_ADMIN;
    CHECK(names_set(&x, "XX", "Nowhere", err, sizeof err) != 0 && strstr(err, "unknown code"));
    CHECK(names_set(&x, "KH", "", err, sizeof err) != 0);
    CHECK(names_set(&x, "kh", "Vương quốc Campuchia", err, sizeof err) == 0);
    CHECK_STR(refdata_country("KH")->name_vi, "Vương quốc Campuchia");
    int found = 0;
    CHECK(st_name_overrides(c, count_override, &found) == ST_OK && found == 1);
    audit_row *h;
    int n;
    CHECK(st_audit_list(c, &a, "name", 0, 5, &h, &n) == ST_OK && n == 1);
    CHECK(n == 1 && strstr(h[0].old_json, "Campuchia") && strstr(h[0].new_json, "Vương quốc"));
    CHECK(names_set(&x, "KH", "Campuchia", err, sizeof err) == 0);
    arena_free(&a);
    store_release(st, c);
}

static void dates_and_numbers_as_people_type_them(void)
{
    arena a = {0};
    CHECK_STR(parse_date(&a, "2019-03-31"), "2019-03-31");
    CHECK_STR(parse_date(&a, "31/03/2019"), "2019-03-31");
    CHECK_STR(parse_date(&a, "29/02/2024"), "2024-02-29");
    CHECK(parse_date(&a, "29/02/2023") == NULL);
    CHECK(parse_date(&a, "2019-13-01") == NULL);
    CHECK(parse_date(&a, "2019-03-31x") == NULL);
    CHECK(parse_date(&a, "yesterday") == NULL);
    /* only digits and the separators (sscanf alone skipped spaces and took signs: fuzz_fields) */
    CHECK(parse_date(&a, "1/\v2/2026") == NULL);
    CHECK(parse_date(&a, " 1/02/2026") == NULL);
    CHECK(parse_date(&a, "+1/+2/2026") == NULL);
    CHECK(parse_date(&a, "2026-+2-01") == NULL);
    CHECK_STR(parse_date(&a, "1/2/2026"), "2026-02-01");
    CHECK_STR(parse_number(&a, "68.2"), "68.2");
    CHECK_STR(parse_number(&a, "68,2"), "68.2");
    CHECK_STR(parse_number(&a, "1 234 567"), "1234567");
    CHECK_STR(parse_number(&a, "1,234,567.50"), "1234567.50");
    CHECK_STR(parse_number(&a, "-9.5"), "-9.5");
    CHECK(parse_number(&a, "12abc") == NULL);
    CHECK(parse_number(&a, "1.2.3") == NULL);
    /* amounts as they are shown in Vietnam */
    CHECK_STR(parse_number(&a, "120.000.000"), "120000000");
    CHECK_STR(parse_number(&a, "120 000 000"), "120000000");
    CHECK_STR(parse_number(&a, "120\xc2\xa0"
                               "000\xc2\xa0"
                               "000"),
              "120000000");
    CHECK_STR(parse_number(&a, "1.234.567,50"), "1234567.50");
    CHECK_STR(parse_number(&a, "25.000"), "25000");
    CHECK_STR(parse_number(&a, "1,500"), "1500");
    CHECK_STR(parse_number(&a, "0.125"), "0.125");
    CHECK_STR(parse_number(&a, "1.5"), "1.5");
    CHECK_STR(parse_number(&a, "-2.500.000"), "-2500000");
    /* a stored number (and what JSON gives, "%.15g") is read as itself: more than three
     * digits before a single separator are no group of thousands (fuzz_fields) */
    CHECK_STR(parse_number(&a, "1234.567"), "1234.567");
    CHECK_STR(parse_number(&a, "1,234.567"), "1234.567");
    CHECK_STR(parse_number(&a, "-25000.125"), "-25000.125");
    CHECK_STR(parse_number(&a, "1234,567"), "1234.567");
    CHECK_STR(parse_number(&a, "123.456"), "123456");
    CHECK(parse_number(&a, "12.34.567") == NULL);
    CHECK(parse_number(&a, "1.234,5.6") == NULL);
    CHECK(parse_number(&a, "1,2,3.4") == NULL);
    CHECK(parse_number(&a, "12.") == NULL);
    CHECK(parse_number(&a, "") == NULL);
    CHECK(parse_number(&a, ".") == NULL);
    arena_free(&a);
}

static record delegation(arena *a, const char *title, const char *from, const char *to)
{
    record r = rec_new(a, &delegation_entity);
    verrs ve = {0};
    rec_set(&r, "title", title, &ve);
    rec_set(&r, "direction", "outbound", &ve);
    rec_set(&r, "level", "provincial", &ve);
    rec_set(&r, "channel", "state", &ve);
    rec_set(&r, "country", "LA", &ve);
    rec_set(&r, "start_date", from, &ve);
    rec_set(&r, "end_date", to, &ve);
    return r;
}

static void delegation_workflow_and_late_reports(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER), lead = as(c, &a, ROLE_LEADER), view = as(c, &a, ROLE_VIEWER);
    verrs ve = {0};
    record bad = delegation(&a, "Đoàn ngày ngược", "2026-03-10", "2026-03-01");
    CHECK(rec_create(&off, &bad, &ve) == RS_INVALID && has_error(&ve, "end_date", M_DATE_ORDER));
    /* the status is the workflow's: input cannot set it */
    record d = delegation(&a, "Đoàn công tác Attapeu", "10/03/2026", "2026-03-14");
    rec_set(&d, "status", "reported", &ve);
    ve = (verrs){0};
    CHECK(rec_create(&off, &d, &ve) == RS_OK);
    CHECK_STR(record_get(&d, "status"), "proposed");
    CHECK_STR(record_get(&d, "start_date"), "2026-03-10");
    json_error_t jerr;
    json_t *j = json_loads("{\"status\":\"approved\"}", 0, &jerr);
    record upd = rec_new(&a, &delegation_entity);
    rec_from_json(&a, &upd, j, &ve);
    json_decref(j);
    CHECK(has_error(&ve, "status", M_READONLY));
    /* steps: who may take which */
    record out;
    ve = (verrs){0};
    CHECK(rec_transition(&off, &delegation_entity, d.id, "approved", NULL, &out, &ve) ==
          RS_FORBIDDEN);
    CHECK(rec_transition(&view, &delegation_entity, d.id, "cancelled", NULL, &out, &ve) ==
          RS_FORBIDDEN);
    CHECK(rec_transition(&lead, &delegation_entity, d.id, "completed", NULL, &out, &ve) ==
          RS_CONFLICT);
    CHECK(rec_transition(&lead, &delegation_entity, d.id, "approved", "Đồng ý", &out, &ve) ==
          RS_OK);
    CHECK_STR(record_get(&out, "status"), "approved");
    const transition *steps[8];
    CHECK(rec_steps(&off, &out, steps, 8) == 1 && !strcmp(steps[0]->to, "under_way"));
    CHECK(rec_transition(&off, &delegation_entity, d.id, "under_way", NULL, &out, &ve) == RS_OK);
    CHECK(rec_transition(&off, &delegation_entity, d.id, "completed", NULL, &out, &ve) == RS_OK);
    /* late: more than 15 days after the end without a report (province's date) */
    setenv("NGOAIVU_TODAY", "2026-03-29", 1);
    CHECK(rec_warning(&out) == -1); /* 15 days: still in time */
    setenv("NGOAIVU_TODAY", "2026-03-30", 1);
    CHECK(rec_warning(&out) == M_REPORT_LATE);
    /* closing needs the report; its date is today */
    ve = (verrs){0};
    CHECK(rec_transition(&off, &delegation_entity, d.id, "reported", NULL, &out, &ve) ==
          RS_INVALID);
    CHECK(has_error(&ve, "report", M_REPORT_NEEDED));
    record edit;
    CHECK(rec_get(&off, &delegation_entity, d.id, &edit) == RS_OK);
    rec_set(&edit, "report", "Đã ký biên bản hợp tác năm 2026.", &ve);
    ve = (verrs){0};
    CHECK(rec_update(&off, &edit, &ve) == RS_OK);
    CHECK_STR(record_get(&edit, "status"), "completed"); /* edits keep the state */
    CHECK(rec_transition(&off, &delegation_entity, d.id, "reported", NULL, &out, &ve) == RS_OK);
    CHECK_STR(record_get(&out, "report_date"), "2026-03-30");
    CHECK(rec_warning(&out) == -1);
    unsetenv("NGOAIVU_TODAY");
    transition_row *t;
    int n = 0;
    CHECK(st_transition_list(c, &a, "delegation", d.id, 10, &t, &n) == ST_OK && n == 4);
    CHECK(n == 4 && !strcmp(t[0].to, "approved") && !strcmp(t[0].note, "Đồng ý"));
    audit_row *h;
    CHECK(st_audit_list(c, &a, "delegation", d.id, 10, &h, &n) == ST_OK && n == 6);
    arena_free(&a);
    store_release(st, c);
}

/* Approval covers what was approved; a cancellation gives its reason; a trip cannot be
 * under way before its first day; a commitment started from a delegation takes its
 * country and first partner. */
static void workflow_integrity(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER), lead = as(c, &a, ROLE_LEADER);
    verrs ve = {0};
    record d = delegation(&a, "Đoàn phê duyệt lại", "2026-05-10", "2026-05-12");
    rec_set(&d, "budget", "120.000.000", &ve);
    CHECK(rec_create(&off, &d, &ve) == RS_OK);
    CHECK_STR(record_get(&d, "budget"), "120000000");
    record out;
    setenv("NGOAIVU_TODAY", "2026-05-01", 1);
    CHECK(rec_transition(&lead, &delegation_entity, d.id, "approved", NULL, &out, &ve) == RS_OK);
    /* not begun: the step is refused with its reason, and the panel would not offer it */
    const transition *t = rec_step_find(&delegation_entity, "approved", "under_way");
    CHECK(t && rec_step_blocked(&out, t) == M_STEP_NOT_STARTED);
    ve = (verrs){0};
    CHECK(rec_transition(&off, &delegation_entity, d.id, "under_way", NULL, &out, &ve) ==
          RS_INVALID);
    CHECK(has_error(&ve, NULL, M_STEP_NOT_STARTED));
    /* a new title keeps the approval, a new budget does not */
    record e;
    CHECK(rec_get(&off, &delegation_entity, d.id, &e) == RS_OK);
    rec_set(&e, "title", "Đoàn phê duyệt lại (tên mới)", &ve);
    ve = (verrs){0};
    CHECK(rec_update(&off, &e, &ve) == RS_OK);
    CHECK_STR(record_get(&e, "status"), "approved");
    CHECK(rec_get(&off, &delegation_entity, d.id, &e) == RS_OK);
    rec_set(&e, "budget", "150 000 000", &ve);
    ve = (verrs){0};
    CHECK(rec_update(&off, &e, &ve) == RS_OK);
    CHECK_STR(record_get(&e, "status"), "proposed");
    transition_row *tr;
    int n = 0;
    CHECK(st_transition_list(c, &a, "delegation", d.id, 10, &tr, &n) == ST_OK && n == 2);
    CHECK(n == 2 && !strcmp(tr[1].from, "approved") && !strcmp(tr[1].to, "proposed") &&
          tr[1].note && strstr(tr[1].note, "Dự toán")); /* oldest first */
    /* cancelling needs a reason; a leader reopens */
    ve = (verrs){0};
    CHECK(rec_transition(&off, &delegation_entity, d.id, "cancelled", NULL, &out, &ve) ==
          RS_INVALID);
    CHECK(has_error(&ve, "note", M_REASON_NEEDED));
    ve = (verrs){0};
    CHECK(rec_transition(&off, &delegation_entity, d.id, "cancelled", "Bạn lùi lịch", &out, &ve) ==
          RS_OK);
    CHECK(rec_transition(&off, &delegation_entity, d.id, "proposed", NULL, &out, &ve) ==
          RS_FORBIDDEN);
    CHECK(rec_transition(&lead, &delegation_entity, d.id, "proposed", NULL, &out, &ve) == RS_OK);
    unsetenv("NGOAIVU_TODAY");
    /* a commitment from this delegation */
    record p = rec_new(&a, &partner_entity);
    rec_set(&p, "name_vi", "Tổ chức thử điền sẵn", &ve);
    rec_set(&p, "kind", "ngo", &ve);
    rec_set(&p, "country", "LA", &ve);
    ve = (verrs){0};
    CHECK(rec_create(&off, &p, &ve) == RS_OK);
    CHECK(rec_get(&off, &delegation_entity, d.id, &e) == RS_OK);
    rec_set(&e, "partner_ids", arena_printf(&a, "%lld", p.id), &ve);
    ve = (verrs){0};
    CHECK(rec_update(&off, &e, &ve) == RS_OK);
    record k = rec_new(&a, &commitment_entity);
    rec_set(&k, "delegation_id", arena_printf(&a, "%lld", d.id), &ve);
    rec_prefill(&off, &k);
    CHECK_STR(record_get(&k, "country"), record_get(&e, "country"));
    CHECK(record_get(&k, "partner_id") && strtoll(record_get(&k, "partner_id"), NULL, 10) == p.id);
    CHECK(!record_get(&k, "title")); /* free text is not copied */
    arena_free(&a);
    store_release(st, c);
}

static long long make_agency(ctx *x, const char *name)
{
    record a = rec_new(x->a, &agency_entity);
    verrs ve = {0};
    rec_set(&a, "name_vi", name, &ve);
    rec_set(&a, "kind", "health", &ve);
    return rec_create(x, &a, &ve) == RS_OK ? a.id : 0;
}

static void commitments_agency_rule_progress_and_overdue(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER), lead = as(c, &a, ROLE_LEADER);
    long long health = make_agency(&off, "Sở Y tế (thử)"),
              edu = make_agency(&off, "Sở Giáo dục (thử)");
    CHECK(health > 0 && edu > 0);
    ctx ag = as(c, &a, ROLE_AGENCY), other = as(c, &a, ROLE_AGENCY);
    ag.agency_id = health;
    other.agency_id = edu;
    verrs ve = {0};
    record k = rec_new(&a, &commitment_entity);
    rec_set(&k, "title", "Khám bệnh cho nhân dân hai huyện biên giới", &ve);
    rec_set(&k, "source", "meeting", &ve);
    rec_set(&k, "agency_id", arena_printf(&a, "%lld", health), &ve);
    rec_set(&k, "deadline", "2026-06-30", &ve);
    CHECK(rec_create(&off, &k, &ve) == RS_INVALID && has_error(&ve, "meeting", M_REQUIRED));
    rec_set(&k, "meeting", "Hội đàm tháng 3/2026", &ve);
    ve = (verrs){0};
    CHECK(rec_create(&ag, &k, &ve) == RS_FORBIDDEN); /* agencies do not create */
    CHECK(rec_create(&off, &k, &ve) == RS_OK);
    CHECK_STR(record_get(&k, "status"), "open");
    /* overdue: past the deadline (Vietnam's date), not done; the deadline day itself is not */
    setenv("NGOAIVU_TODAY", "2026-06-30", 1);
    CHECK(rec_warning(&k) == -1);
    setenv("NGOAIVU_TODAY", "2026-07-01", 1);
    CHECK(rec_warning(&k) == M_OVERDUE);
    /* the agency it is assigned to reports progress and moves it; another agency cannot */
    record out;
    ve = (verrs){0};
    CHECK(commitment_progress(&other, k.id, "", "Đã khám 200 người", "40", &ve, &out) ==
          RS_FORBIDDEN);
    CHECK(commitment_progress(&ag, k.id, "2026-07-02", "x", "40", &ve, &out) == RS_INVALID);
    CHECK(has_error(&ve, "date", M_FUTURE_DATE));
    ve = (verrs){0};
    CHECK(commitment_progress(&ag, k.id, "", "x", "140", &ve, &out) == RS_INVALID);
    CHECK(has_error(&ve, "percent", M_BAD_PERCENT));
    ve = (verrs){0};
    CHECK(commitment_progress(&ag, k.id, "01/07/2026", "Đã khám 200 người", "40", &ve, &out) ==
          RS_OK);
    CHECK_STR(record_get(&out, "percent"), "40");
    progress_row *p;
    int n = 0;
    CHECK(st_progress_list(c, &a, k.id, 10, &p, &n) == ST_OK && n == 1);
    CHECK(n == 1 && !strcmp(p[0].date, "2026-07-01") && p[0].percent == 40);
    const transition *steps[8];
    CHECK(rec_steps(&other, &out, steps, 8) == 0);
    CHECK(rec_steps(&ag, &out, steps, 8) == 2); /* in progress, done; dropping is a leader's */
    CHECK(rec_transition(&other, &commitment_entity, k.id, "in_progress", NULL, &out, &ve) ==
          RS_FORBIDDEN);
    CHECK(rec_transition(&ag, &commitment_entity, k.id, "dropped", NULL, &out, &ve) ==
          RS_FORBIDDEN);
    CHECK(rec_transition(&ag, &commitment_entity, k.id, "done", NULL, &out, &ve) == RS_OK);
    CHECK_STR(record_get(&out, "percent"), "100");
    CHECK(rec_warning(&out) == -1); /* done is never overdue */
    /* the agency cannot edit the commitment itself (deadline, agency) */
    rec_set(&out, "deadline", "2027-01-01", &ve);
    ve = (verrs){0};
    CHECK(rec_update(&ag, &out, &ve) == RS_FORBIDDEN);
    CHECK(rec_transition(&lead, &commitment_entity, k.id, "in_progress", "Chưa đạt", &out, &ve) ==
          RS_OK);
    unsetenv("NGOAIVU_TODAY");
    /* a user is tied to an existing agency only */
    char err[256];
    CHECK(auth_user_add(c, "ytetest", "agency", "mat khau dai", NULL, err, sizeof err) == 0);
    CHECK(auth_user_set_agency(c, "ytetest", 999999, err, sizeof err) != 0);
    CHECK(auth_user_set_agency(c, "ytetest", health, err, sizeof err) == 0);
    user_row u;
    CHECK(st_user_get(c, &a, "ytetest", &u) == ST_OK && u.agency_id == health);
    arena_free(&a);
    store_release(st, c);
}

static record agreement(arena *a, const char *title, const char *partners, const char *sig,
                        const char *to, const char *term)
{
    record r = rec_new(a, &agreement_entity);
    verrs ve = {0};
    rec_set(&r, "title_vi", title, &ve);
    rec_set(&r, "kind", "mou", &ve);
    rec_set(&r, "partner_ids", partners, &ve);
    rec_set(&r, "signed_date", sig, &ve);
    rec_set(&r, "valid_to", to, &ve);
    rec_set(&r, "terminated_date", term, &ve);
    return r;
}

static void agreements_status_from_dates_and_partner_lists(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER);
    record p1 = partner(&a, "ngo", "Đối tác thoả thuận 1", "LA", NULL);
    record p2 = partner(&a, "ngo", "Đối tác thoả thuận 2", "KH", NULL);
    verrs ve = {0};
    CHECK(rec_create(&off, &p1, &ve) == RS_OK && rec_create(&off, &p2, &ve) == RS_OK);
    const char *both = arena_printf(&a, "%lld, %lld,%lld", p2.id, p1.id, p2.id);
    /* several partners, in the given order, without repeats; unknown ones refused */
    record bad = agreement(&a, "Thoả thuận sai", "999999", NULL, NULL, NULL);
    CHECK(rec_create(&off, &bad, &ve) == RS_INVALID && has_error(&ve, "partner_ids", M_BAD_REF));
    ve = (verrs){0};
    record none = agreement(&a, "Thoả thuận trống", NULL, NULL, NULL, NULL);
    CHECK(rec_create(&off, &none, &ve) == RS_INVALID && has_error(&ve, "partner_ids", M_REQUIRED));
    ve = (verrs){0};
    record early = agreement(&a, "Chấm dứt khi chưa ký", both, NULL, NULL, "2026-01-01");
    CHECK(rec_create(&off, &early, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "terminated_date", M_NOT_SIGNED));
    struct {
        const char *title, *sig, *to, *term, *expect;
    } cases[] = {
        {"Dự thảo", NULL, NULL, NULL, "draft"},
        {"Không thời hạn", "2020-01-01", NULL, NULL, "in_force"},
        {"Còn lâu", "2024-01-01", "2026-10-01", NULL, "in_force"},     /* 92 days left */
        {"Sắp hết", "2024-01-01", "2026-09-29", NULL, "expiring"},     /* 90 days left */
        {"Hết hôm nay", "2024-01-01", "2026-07-01", NULL, "expiring"}, /* last day */
        {"Đã hết", "2024-01-01", "2026-06-30", NULL, "expired"},       /* ended yesterday */
        {"Chấm dứt", "2024-01-01", "2030-01-01", "2026-05-01", "terminated"},
    };
    setenv("NGOAIVU_TODAY", "2026-07-01", 1);
    long long ids[7];
    for (int i = 0; i < 7; i++) {
        record r = agreement(&a, cases[i].title, both, cases[i].sig, cases[i].to, cases[i].term);
        ve = (verrs){0};
        CHECK(rec_create(&off, &r, &ve) == RS_OK);
        ids[i] = r.id;
        if (i == 0)
            CHECK_STR(record_get(&r, "partner_ids"), arena_printf(&a, "%lld,%lld", p2.id, p1.id));
        const char *got = rec_derived(&r);
        if (!got || strcmp(got, cases[i].expect))
            fprintf(stderr, "    %s: %s, expected %s\n", cases[i].title, got ? got : "(none)",
                    cases[i].expect);
        CHECK(got && !strcmp(got, cases[i].expect));
    }
    /* the list filter agrees with the computed value for every status */
    const char *codes[] = {"draft", "in_force", "expiring", "expired", "terminated"};
    for (int k = 0; k < 5; k++) {
        list_query q = {.sort = -1, .limit = 100};
        CHECK(agreement_entity.derived->filter(&agreement_entity, codes[k], "2026-07-01", &q));
        int pf = entity_field_index(&agreement_entity, "partner_ids");
        q.f[q.nf++] = (list_filter){pf, arena_printf(&a, "%lld", p1.id), '='};
        record *rows;
        int n = 0;
        CHECK(st_rec_list(c, &a, &agreement_entity, &q, &rows, &n) == ST_OK);
        int expect = 0;
        for (int i = 0; i < 7; i++)
            expect += !strcmp(cases[i].expect, codes[k]);
        if (n != expect)
            fprintf(stderr, "    filter %s: %d rows, expected %d\n", codes[k], n, expect);
        CHECK(n == expect);
        for (int i = 0; i < n; i++)
            CHECK_STR(rec_derived(&rows[i]), codes[k]);
    }
    unsetenv("NGOAIVU_TODAY");
    /* a partner named in an agreement cannot be deleted */
    long long in_use = 0;
    CHECK(rec_delete(&off, &partner_entity, p1.id, &in_use) == RS_IN_USE && in_use == 7);
    (void)ids;
    arena_free(&a);
    store_release(st, c);
}

static void attachments_checked_by_content(void)
{
    arena a = {0};
    CHECK_STR(attach_sniff("%PDF-1.7 ...", 12), "application/pdf");
    CHECK_STR(attach_sniff("\x89PNG\r\n\x1a\n....", 12), "image/png");
    CHECK_STR(attach_sniff("\xff\xd8\xff\xe0", 4), "image/jpeg");
    CHECK(attach_sniff("<html><script>", 14) == NULL);
    CHECK(attach_sniff("MZ\x90\x00", 4) == NULL);
    CHECK_STR(attach_clean_name(&a, "../../etc/passwd"), "passwd");
    CHECK_STR(attach_clean_name(&a, "C:\\Users\\x\\Bản ký.pdf"), "Bản ký.pdf");
    CHECK_STR(attach_clean_name(&a, "a\r\nb\"c.pdf"), "abc.pdf");
    CHECK(attach_clean_name(&a, "../..") == NULL);
    CHECK(attach_clean_name(&a, "\xff.pdf") == NULL);
    conn *c = store_acquire(st);
    ctx off = as(c, &a, ROLE_OFFICER), view = as(c, &a, ROLE_VIEWER);
    record p = partner(&a, "ngo", "Đối tác tệp", "LA", NULL);
    verrs ve = {0};
    CHECK(rec_create(&off, &p, &ve) == RS_OK);
    record ag =
        agreement(&a, "Thoả thuận có tệp", arena_printf(&a, "%lld", p.id), NULL, NULL, NULL);
    CHECK(rec_create(&off, &ag, &ve) == RS_OK);
    attach_row out;
    const char pdf[] = "%PDF-1.4\n% scanned\n";
    CHECK(attach_add(&view, &agreement_entity, ag.id, "x.pdf", pdf, sizeof pdf - 1, &ve, &out) ==
          RS_FORBIDDEN);
    CHECK(attach_add(&off, &agreement_entity, ag.id, "x.exe", "MZ..", 4, &ve, &out) == RS_INVALID);
    CHECK(has_error(&ve, "file", M_FILE_TYPE));
    ve = (verrs){0};
    CHECK(attach_add(&off, &partner_entity, p.id, "x.pdf", pdf, sizeof pdf - 1, &ve, &out) ==
          RS_NOTFOUND); /* partners take no files */
    CHECK(attach_add(&off, &agreement_entity, ag.id, "../Bản ký.pdf", pdf, sizeof pdf - 1, &ve,
                     &out) == RS_OK);
    CHECK_STR(out.name, "Bản ký.pdf");
    CHECK(strlen(out.sha256) == 64);
    attach_row meta;
    buf data = {0};
    CHECK(attach_get(&view, out.sha256, &meta, &data) == RS_OK);
    CHECK(data.len == sizeof pdf - 1 && !memcmp(data.data, pdf, data.len));
    buf_free(&data);
    ctx nobody = as(c, &a, ROLE_NONE);
    CHECK(attach_get(&nobody, out.sha256, &meta, &data) != RS_OK);
    buf_free(&data);
    CHECK(attach_get(&view, "0000000000000000000000000000000000000000000000000000000000000000",
                     &meta, &data) == RS_NOTFOUND);
    buf_free(&data);
    store_release(st, c);
    arena_free(&a);
}

/* Titles of referenced records are remembered for the request, in its own arena, so that
 * code that lends the context a shorter-lived arena (exports page by page) leaves no
 * dangling title behind. ASan turns a mistake here into a failure. */
static void reference_titles_remembered_safely(void)
{
    conn *c = store_acquire(st);
    arena req = {0};
    ctx x = as(c, &req, ROLE_OFFICER);
    x.memo_arena = &req;
    record p = partner(&req, "ngo", "Đối tác nhớ tên", "LA", NULL);
    verrs ve = {0};
    CHECK(rec_create(&x, &p, &ve) == RS_OK);
    record k = rec_new(&req, &contact_entity);
    rec_set(&k, "full_name", "Người nhớ tên", &ve);
    rec_set(&k, "partner_id", arena_printf(&req, "%lld", p.id), &ve);
    CHECK(rec_create(&x, &k, &ve) == RS_OK);
    int fi = entity_field_index(&contact_entity, "partner_id");
    arena page = {0};
    x.a = &page; /* as export_xlsx does for each page of rows */
    const char *t1 = rec_display(&x, &k, fi);
    CHECK_STR(t1, "Đối tác nhớ tên");
    x.a = &req;
    arena_free(&page);
    CHECK_STR(rec_display(&x, &k, fi), "Đối tác nhớ tên"); /* from the memo, still valid */
    CHECK(x.titles != NULL);
    arena_free(&req);
    store_release(st, c);
}

/* The start-up check of the descriptions: the real ones pass; each kind of mistake in a
 * copy of one is refused, naming what is wrong. */
static void descriptions_are_checked_at_start(void)
{
    char err[256] = "";
    CHECK(entities_check(err, sizeof err) == 0);
    CHECK_STR(err, "");
    field f[64];
    const entity *d = &delegation_entity;
    CHECK(d->nfields <= 64);
    entity e;
#define BROKEN(change, words)                                                                      \
    do {                                                                                           \
        e = *d;                                                                                    \
        memcpy(f, d->fields, sizeof(field) * (size_t)d->nfields);                                  \
        e.fields = f;                                                                              \
        change;                                                                                    \
        err[0] = 0;                                                                                \
        CHECK(entity_check(&e, ngv_entities, err, sizeof err) == -1);                              \
        CHECK(strstr(err, words) != NULL);                                                         \
    } while (0)
    int ti = entity_title_index(d);
    BROKEN(f[ti].flags &= ~F_TITLE, "0 title fields");
    BROKEN(e.status_field = "state", "status field state");
    BROKEN(e.agency_field = "agency", "agency field agency");
    int pi = entity_field_index(d, "partner_ids");
    CHECK(pi >= 0);
    if (pi >= 0) BROKEN(f[pi].ref = "partnerz", "refers to partnerz");
    transition t[] = {{.from = "proposed", .to = "flying"}, {0}};
    BROKEN(e.transitions = t, "proposed -> flying");
    BROKEN(e.code = 0, "search code 0");
    BROKEN(f[1].name = f[0].name, "twice");
#undef BROKEN
}

/* Whether id is among the records q lists. */
static bool listed(conn *c, arena *a, const entity *e, list_query *q, long long id)
{
    q->limit = 500;
    record *rows;
    int n = 0;
    CHECK(st_rec_list(c, a, e, q, &rows, &n) == ST_OK);
    for (int i = 0; i < n; i++)
        if (rows[i].id == id) return true;
    return false;
}

/* "Overdue", "pending" and "report late" are each a rule on a record and a list filter (the
 * dashboard, the lists, the reminders use the filters): on every day around the edges,
 * a record is listed by the filter exactly when the rule holds for it. */
static void rules_and_their_filters_agree(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER), lead = as(c, &a, ROLE_LEADER);
    const entity *ce = &commitment_entity, *de = &delegation_entity;
    long long agency = make_agency(&off, "Sở Công Thương (quy tắc)");
    verrs ve = {0};
    long long cids[4];
    const char *cstates[4] = {"open", "in_progress", "done", "dropped"};
    for (int i = 0; i < 4; i++) {
        record k = rec_new(&a, ce);
        rec_set(&k, "title", arena_printf(&a, "Cam kết quy tắc %d", i), &ve);
        rec_set(&k, "source", "meeting", &ve);
        rec_set(&k, "meeting", "Hội đàm", &ve);
        rec_set(&k, "agency_id", arena_printf(&a, "%lld", agency), &ve);
        rec_set(&k, "deadline", "2026-09-10", &ve);
        CHECK(rec_create(&off, &k, &ve) == RS_OK);
        cids[i] = k.id;
        record out;
        if (i == 1 || i == 2)
            CHECK(rec_transition(&off, ce, k.id, cstates[i], NULL, &out, &ve) == RS_OK);
        if (i == 3)
            CHECK(rec_transition(&lead, ce, k.id, "dropped", "Không còn cần", &out, &ve) == RS_OK);
    }
    /* delegations ended on 2026-09-01: one completed, one still under way, one reported */
    setenv("NGOAIVU_TODAY", "2026-08-30", 1);
    long long dids[3];
    for (int i = 0; i < 3; i++) {
        record d =
            delegation(&a, arena_printf(&a, "Đoàn quy tắc %d", i), "2026-08-28", "2026-09-01");
        CHECK(rec_create(&off, &d, &ve) == RS_OK);
        dids[i] = d.id;
        record out;
        CHECK(rec_transition(&lead, de, d.id, "approved", NULL, &out, &ve) == RS_OK);
        CHECK(rec_transition(&off, de, d.id, "under_way", NULL, &out, &ve) == RS_OK);
        if (i >= 1) CHECK(rec_transition(&off, de, d.id, "completed", NULL, &out, &ve) == RS_OK);
        if (i == 2) {
            record e;
            CHECK(rec_get(&off, de, d.id, &e) == RS_OK);
            rec_set(&e, "report", "Kết quả tốt.", &ve);
            CHECK(rec_update(&off, &e, &ve) == RS_OK);
            CHECK(rec_transition(&off, de, d.id, "reported", NULL, &out, &ve) == RS_OK);
        }
    }
    unsetenv("NGOAIVU_TODAY");
    /* gate plans: one with a milestone due 2026-09-10 not done, one with it done, one with
     * none; behind is the derived value the list filters on (next_due, kept by the store) */
    const entity *ge = &gate_entity, *pe = &gate_plan_entity, *me = &gate_milestone_entity;
    record g = rec_new(&a, ge);
    rec_set(&g, "name_vi", "Cửa khẩu quy tắc", &ve);
    rec_set(&g, "class", "secondary", &ve);
    rec_set(&g, "state", "open", &ve);
    rec_set(&g, "counterpart_country", "LA", &ve);
    CHECK(rec_create(&off, &g, &ve) == RS_OK);
    long long pids[3], mids[2];
    for (int i = 0; i < 3; i++) {
        record p = rec_new(&a, pe);
        rec_set(&p, "title", arena_printf(&a, "Kế hoạch quy tắc %d", i), &ve);
        rec_set(&p, "gate_id", arena_printf(&a, "%lld", g.id), &ve);
        rec_set(&p, "kind", "open", &ve);
        rec_set(&p, "to_class", "main", &ve);
        CHECK(rec_create(&off, &p, &ve) == RS_OK);
        pids[i] = p.id;
        if (i == 2) continue;
        record m = rec_new(&a, me);
        rec_set(&m, "title", "Mốc quy tắc", &ve);
        rec_set(&m, "plan_id", arena_printf(&a, "%lld", p.id), &ve);
        rec_set(&m, "target_date", "2026-09-10", &ve);
        if (i == 1) rec_set(&m, "done_date", "2026-01-05", &ve);
        CHECK(rec_create(&off, &m, &ve) == RS_OK && ve.n == 0);
        mids[i] = m.id;
    }
    const char *days[] = {"2026-09-09", "2026-09-10", "2026-09-11",
                          "2026-09-16", "2026-09-17", "2026-09-30"};
    int overdue_seen = 0, late_seen = 0, behind_seen = 0;
    for (size_t d = 0; d < sizeof days / sizeof *days; d++) {
        for (int i = 0; i < 4; i++) {
            record r;
            CHECK(rec_get(&off, ce, cids[i], &r) == RS_OK);
            list_query q = {.sort = -1}, p = {.sort = -1};
            CHECK(commitment_overdue_filter(ce, days[d], &q) && commitment_pending_filter(ce, &p));
            bool rule = commitment_overdue(&r, days[d]);
            CHECK(rule == listed(c, &a, ce, &q, r.id));
            CHECK(commitment_pending(&r) == listed(c, &a, ce, &p, r.id));
            overdue_seen += rule;
        }
        for (int i = 0; i < 3; i++) {
            record r;
            CHECK(rec_get(&off, de, dids[i], &r) == RS_OK);
            list_query q = {.sort = -1};
            CHECK(delegation_late_filter(de, days[d], &q));
            bool rule = rec_warning_on(&r, days[d]) == M_REPORT_LATE;
            CHECK(rule == listed(c, &a, de, &q, r.id));
            late_seen += rule;
        }
        for (int i = 0; i < 3; i++) {
            record r;
            CHECK(rec_get(&off, pe, pids[i], &r) == RS_OK);
            bool rule = !strcmp(pe->derived->value(&r, days[d]), "behind");
            CHECK(rule == (rec_warning_on(&r, days[d]) >= 0));
            for (int k = 0; k < 2; k++) {
                list_query q = {.sort = -1};
                CHECK(pe->derived->filter(pe, k ? "on_track" : "behind", days[d], &q));
                CHECK((k ? !rule : rule) == listed(c, &a, pe, &q, r.id));
            }
            behind_seen += rule;
        }
        for (int i = 0; i < 2; i++) { /* the milestones' own rule: what reminders sweep */
            record m;
            CHECK(rec_get(&off, me, mids[i], &m) == RS_OK);
            list_query q = {.sort = -1};
            CHECK(gate_milestone_late_filter(me, days[d], &q));
            CHECK(gate_milestone_late(&m, days[d]) == listed(c, &a, me, &q, m.id));
            CHECK(gate_milestone_late(&m, days[d]) == (rec_warning_on(&m, days[d]) >= 0));
        }
    }
    /* both sides of each edge were seen: overdue from 09-11 (two pending of four, four
     * days), late from 09-17 (two of three, two days) */
    CHECK(overdue_seen == 2 * 4);
    CHECK(late_seen == 2 * 2);
    CHECK(behind_seen == 4); /* the one not done, from 09-11: four days */
    arena_free(&a);
    store_release(st, c);
}

static long long make_marker(ctx *x, arena *a, long long section, const char *number,
                             const char *planted)
{
    verrs ve = {0};
    record m = rec_new(a, &marker_entity);
    rec_set(&m, "number", number, &ve);
    rec_set(&m, "section_id", arena_printf(a, "%lld", section), &ve);
    rec_set(&m, "kind", "main", &ve);
    rec_set(&m, "planted_on", planted, &ve);
    CHECK(rec_create(x, &m, &ve) == RS_OK && ve.n == 0);
    return m.id;
}

static void inspect(ctx *x, arena *a, long long marker, const char *date, const char *cond)
{
    verrs ve = {0};
    record r = rec_new(a, &marker_inspection_entity);
    rec_set(&r, "title", "Kiểm tra định kỳ", &ve);
    rec_set(&r, "marker_id", arena_printf(a, "%lld", marker), &ve);
    rec_set(&r, "date", date, &ve);
    rec_set(&r, "condition", cond, &ve);
    CHECK(rec_create(x, &r, &ve) == RS_OK && ve.n == 0);
}

/* A section's demarcation progress is kept from its markers (planted, and planned less
 * planted), through every write of either; a marker keeps its latest inspection's condition
 * and date, and its flag (the computed value) agrees with the list filter of the same name
 * on every day around the end of the inspection period (365 days by default). */
static void markers_progress_and_flags(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER);
    verrs ve = {0};
    const entity *se = &border_section_entity, *me = &marker_entity;
    record s = rec_new(&a, se);
    rec_set(&s, "name_vi", "Đoạn biên giới quy tắc", &ve);
    rec_set(&s, "country", "LA", &ve);
    rec_set(&s, "markers_planned", "5", &ve);
    CHECK(rec_create(&off, &s, &ve) == RS_OK && ve.n == 0);
    CHECK_STR(record_get(&s, "planted"), "0"); /* summed at once, not empty */
    CHECK_STR(record_get(&s, "remaining"), "5");
    long long m[5];
    m[0] = make_marker(&off, &a, s.id, "801", "2010-05-01");
    m[1] = make_marker(&off, &a, s.id, "802", "2010-05-02");
    m[2] = make_marker(&off, &a, s.id, "803", NULL); /* a position not planted yet */
    m[3] = make_marker(&off, &a, s.id, "804", "2010-05-04");
    m[4] = make_marker(&off, &a, s.id, "805", "2010-05-05");
    inspect(&off, &a, m[0], "2026-01-10", "good");
    inspect(&off, &a, m[3], "2026-01-10", "good");
    inspect(&off, &a, m[3], "2026-02-01", "damaged"); /* the latest counts */
    inspect(&off, &a, m[4], "2026-04-01", "good");
    inspect(&off, &a, m[4], "2026-03-01", "lost"); /* entered later, but earlier */
    record r;
    CHECK(rec_get(&off, se, s.id, &r) == RS_OK);
    CHECK_STR(record_get(&r, "planted"), "4");
    CHECK_STR(record_get(&r, "remaining"), "1");
    rec_set(&r, "markers_planned", "7", &ve); /* the plan grows: remaining follows */
    CHECK(rec_update(&off, &r, &ve) == RS_OK && ve.n == 0);
    CHECK_STR(record_get(&r, "remaining"), "3");
    record k;
    CHECK(rec_get(&off, me, m[3], &k) == RS_OK);
    CHECK_STR(record_get(&k, "condition"), "damaged");
    CHECK_STR(record_get(&k, "last_inspected"), "2026-02-01");
    CHECK(rec_get(&off, me, m[4], &k) == RS_OK);
    CHECK_STR(record_get(&k, "condition"), "good");
    CHECK_STR(record_get(&k, "last_inspected"), "2026-04-01");
    CHECK(rec_warning_on(&k, "2026-12-01") < 0);
    CHECK(rec_warning_on(&k, "2027-04-02") == M_MARKER_OVERDUE);
    CHECK(rec_get(&off, me, m[1], &k) == RS_OK);
    CHECK(!record_get(&k, "condition") && !record_get(&k, "last_inspected"));
    rec_set(&k, "planted_on", NULL, &ve); /* a marker taken off the planted: one fewer */
    CHECK(rec_update(&off, &k, &ve) == RS_OK && ve.n == 0);
    CHECK(rec_get(&off, se, s.id, &r) == RS_OK);
    CHECK_STR(record_get(&r, "planted"), "3");
    CHECK_STR(record_get(&r, "remaining"), "4");
    rec_set(&k, "planted_on", "2010-05-02", &ve);
    CHECK(rec_update(&off, &k, &ve) == RS_OK && ve.n == 0);
    CHECK(settings_value(SET_INSPECT_DAYS) == 365);
    static const char *const codes[] = {"attention", "overdue", "ok", "not_planted"};
    /* on each day, what each marker is */
    static const struct {
        const char *day, *want[5];
    } days[] = {
        {"2026-12-01", {"ok", "overdue", "not_planted", "attention", "ok"}},
        {"2027-01-10", {"ok", "overdue", "not_planted", "attention", "ok"}},
        {"2027-01-11", {"overdue", "overdue", "not_planted", "attention", "ok"}},
        {"2027-04-01", {"overdue", "overdue", "not_planted", "attention", "ok"}},
        {"2027-04-02", {"overdue", "overdue", "not_planted", "attention", "overdue"}},
    };
    for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
        for (int i = 0; i < 5; i++) {
            CHECK(rec_get(&off, me, m[i], &k) == RS_OK);
            const char *got = me->derived->value(&k, days[d].day);
            CHECK_STR(got, days[d].want[i]);
            for (int j = 0; j < 4; j++) {
                list_query q = {.sort = -1};
                CHECK(me->derived->filter(me, codes[j], days[d].day, &q));
                CHECK(!strcmp(got, codes[j]) == listed(c, &a, me, &q, m[i]));
            }
        }
    arena_free(&a);
    store_release(st, c);
}

/* The five incident categories the department names are there in a new database, once. */
static void incident_categories_seeded(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    list_query q = {.sort = -1, .limit = 50};
    record *rows;
    int n = 0;
    CHECK(st_rec_list(c, &a, &incident_category_entity, &q, &rows, &n) == ST_OK);
    CHECK(n == 5);
    CHECK_STR(record_get(&rows[0], "name_vi"), "Ma túy");
    CHECK_STR(record_get(&rows[4], "name_en"), "Encroachment on land");
    const char *done = NULL;
    CHECK(st_setting_get(c, &a, "seed.incident_categories", &done) == ST_OK && done);
    arena_free(&a);
    store_release(st, c);
}

void suite_domain(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-domain-XXXXXX");
    if (!mkdtemp(dir) || auth_init() != 0) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/d.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    RUN(descriptions_are_checked_at_start);
    RUN(validation_rules_from_the_description);
    RUN(values_are_normalised);
    RUN(write_records_audit_and_search_together);
    RUN(permissions_by_role);
    RUN(json_round_trip);
    RUN(province_profile);
    RUN(accounts_and_login_limits);
    RUN(dates_and_numbers_as_people_type_them);
    RUN(delegation_workflow_and_late_reports);
    RUN(workflow_integrity);
    RUN(commitments_agency_rule_progress_and_overdue);
    RUN(agreements_status_from_dates_and_partner_lists);
    RUN(attachments_checked_by_content);
    RUN(reference_titles_remembered_safely);
    RUN(reviewed_names_corrected_by_an_admin);
    RUN(rules_and_their_filters_agree);
    RUN(markers_progress_and_flags);
    RUN(incident_categories_seeded);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
