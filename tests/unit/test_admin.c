/* Administration (domain/users.c, domain/settings.c) from outside: users and their
 * passwords, sessions ended and kept, the audit (never a password), settings' precedence and
 * range, names corrected in the running process. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/msg.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/entities.h"
#include "domain/refdata.h"
#include "domain/remind.h"
#include "domain/settings.h"
#include "domain/users.h"
#include "t.h"

static store *st;
static char dir[64];

static ctx as(conn *c, arena *a, role r, long long uid, const char *name)
{
    return (ctx){.c = c, .a = a, .lang = "vi", .user_id = uid, .username = name, .role = r};
}

static bool has_error(const verrs *ve, const char *fname, int m)
{
    for (int i = 0; i < ve->n; i++)
        if (ve->e[i].msg == m && ((!fname && !ve->e[i].field) ||
                                  (fname && ve->e[i].field && !strcmp(fname, ve->e[i].field))))
            return true;
    return false;
}

static void users_created_reset_and_changed(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx adm = as(c, &a, ROLE_ADMIN, 0, "quantri"), off = as(c, &a, ROLE_OFFICER, 0, "cv");
    verrs ve = {0};
    long long id = 0;
    char pw[USER_TEMP_PW];
    user_input in = {.username = "nguoi.moi", .role = "officer"};
    CHECK(users_create(&off, &in, &id, pw, &ve) == RS_FORBIDDEN);
    in = (user_input){.username = "Sai Ten", .role = "agency"};
    CHECK(users_create(&adm, &in, &id, pw, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "username", M_USER_NAME_RULES));
    CHECK(has_error(&ve, "agency_id", M_USER_AGENCY_NEEDED));
    ve = (verrs){0};
    in = (user_input){.username = "nguoi.moi", .role = "officer", .display_name = " Lê  Mới "};
    CHECK(users_create(&adm, &in, &id, pw, &ve) == RS_OK);
    CHECK(strlen(pw) == USER_TEMP_PW - 1);
    user_row u;
    CHECK(users_get(&adm, id, &u) == RS_OK && u.must_change && !u.disabled);
    CHECK_STR(u.display_name, "Lê  Mới");
    long long wait;
    CHECK(auth_login(c, &a, "nguoi.moi", pw, "t", NULL, &u, &wait) == AUTH_OK);

    /* the user changes it: the rules, then every other session ends and this one stays */
    const char *t1, *t2, *csrf;
    CHECK(auth_session_new(c, &a, id, "web", &t1, &csrf) == ST_OK);
    CHECK(auth_session_new(c, &a, id, "api", &t2, &csrf) == ST_OK);
    ctx me = as(c, &a, ROLE_OFFICER, id, "nguoi.moi");
    ve = (verrs){0};
    CHECK(account_change_password(&me, t1, "sai", "nguoi.moi", &ve) == RS_INVALID);
    CHECK(has_error(&ve, "old_password", M_PW_OLD_WRONG));
    CHECK(has_error(&ve, "new_password", M_PW_IS_NAME));
    ve = (verrs){0};
    CHECK(account_change_password(&me, t1, pw, "bảy7chữ", &ve) == RS_INVALID);
    CHECK(has_error(&ve, "new_password", M_PW_SHORT));
    /* a common password, however it is written, and the user name with digits after it */
    const char *common[] = {"Mật Khẩu 2026!", "P@ssw0rd1", "ANHYEUEM", "12345678", "qwertyuiop"};
    for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
        ve = (verrs){0};
        CHECK(account_change_password(&me, t1, pw, common[i], &ve) == RS_INVALID);
        CHECK(has_error(&ve, "new_password", M_PW_COMMON));
    }
    ve = (verrs){0};
    CHECK(account_change_password(&me, t1, pw, "Nguoi.Moi-2026", &ve) == RS_INVALID);
    CHECK(has_error(&ve, "new_password", M_PW_IS_NAME));
    long long arg;
    CHECK(auth_password_problem("nguoi.moi", "mật khẩu riêng của tôi", &arg) == 0);
    CHECK(auth_password_problem(NULL, "matkhaucuatoi-2026", &arg) == 0); /* a word more */
    char err[200];
    CHECK(auth_user_add(c, "nguoi.khac", "viewer", "password2026", NULL, err, sizeof err) != 0);
    CHECK(strstr(err, "too common") != NULL);
    CHECK(auth_user_passwd(c, "nguoi.moi", "Nguoimoi123", err, sizeof err) != 0);
    CHECK(strstr(err, "user name") != NULL);
    ve = (verrs){0};
    ve = (verrs){0};
    CHECK(account_change_password(&me, t1, pw, "mật khẩu của Lê Mới", &ve) == RS_OK);
    const char *k;
    CHECK(auth_session_get(c, &a, t1, &u, &csrf, &k) == ST_OK && !u.must_change);
    CHECK(auth_session_get(c, &a, t2, &u, &csrf, &k) == ST_NOTFOUND);

    /* a browser session unused for longer than the idle limit (120 minutes) ends, an API
     * token lives its 12 hours; one used within the limit stays, its use written down */
    const char *tw, *ta;
    CHECK(auth_session_new(c, &a, id, "web", &tw, &csrf) == ST_OK);
    CHECK(auth_session_new(c, &a, id, "api", &ta, &csrf) == ST_OK);
    long long now = clock_unix(), seen = 0;
    CHECK(st_session_seen(c, auth_token_hash(&a, tw), now - 121 * 60) == ST_OK);
    CHECK(st_session_seen(c, auth_token_hash(&a, ta), now - 121 * 60) == ST_OK);
    CHECK(auth_session_get(c, &a, tw, &u, &csrf, &k) == ST_NOTFOUND);
    CHECK(st_session_get(c, &a, auth_token_hash(&a, tw), now, &u, &csrf, &k, &seen) ==
          ST_NOTFOUND); /* ended, not only refused */
    CHECK(auth_session_get(c, &a, ta, &u, &csrf, &k) == ST_OK);
    CHECK(auth_session_new(c, &a, id, "web", &tw, &csrf) == ST_OK);
    CHECK(st_session_seen(c, auth_token_hash(&a, tw), now - 119 * 60) == ST_OK);
    CHECK(auth_session_get(c, &a, tw, &u, &csrf, &k) == ST_OK);
    CHECK(st_session_get(c, &a, auth_token_hash(&a, tw), now, &u, &csrf, &k, &seen) == ST_OK);
    CHECK(seen >= now);
    CHECK(auth_session_end(c, tw) == ST_OK && auth_session_end(c, ta) == ST_OK);

    /* sessions: listed by number, one ended, then all */
    CHECK(auth_session_new(c, &a, id, "api", &t2, &csrf) == ST_OK);
    session_row *s;
    int n = 0;
    CHECK(users_sessions(&adm, id, t1, &s, &n) == RS_OK && n == 2);
    long long mine = 0, other = 0, ended = 0;
    for (int i = 0; i < n; i++)
        *(s[i].current ? &mine : &other) = s[i].id;
    CHECK(mine > 0 && other > 0);
    CHECK(users_revoke(&adm, id, other, &ended) == RS_OK && ended == 1);
    CHECK(users_revoke(&adm, id, other, &ended) == RS_NOTFOUND);
    CHECK(auth_session_get(c, &a, t1, &u, &csrf, &k) == ST_OK);

    /* a reset ends every session and forces a change; deactivation ends the login */
    char pw2[USER_TEMP_PW];
    CHECK(users_reset_password(&adm, id, pw2) == RS_OK && strcmp(pw, pw2));
    CHECK(auth_session_get(c, &a, t1, &u, &csrf, &k) == ST_NOTFOUND);
    CHECK(auth_login(c, &a, "nguoi.moi", pw2, "t", NULL, &u, &wait) == AUTH_OK && u.must_change);
    CHECK(users_set_active(&adm, id, false, &ve) == RS_OK);
    CHECK(auth_login(c, &a, "nguoi.moi", pw2, "t2", NULL, &u, &wait) == AUTH_BAD);
    CHECK(users_set_active(&adm, id, true, &ve) == RS_OK);

    /* an admin cannot lock themselves out */
    ctx self = as(c, &a, ROLE_ADMIN, id, "nguoi.moi");
    in = (user_input){.role = "viewer"};
    ve = (verrs){0};
    CHECK(users_set_active(&self, id, false, &ve) == RS_INVALID &&
          has_error(&ve, "active", M_USER_SELF));
    ve = (verrs){0};
    CHECK(users_update(&self, id, &in, &ve) == RS_INVALID && has_error(&ve, "role", M_USER_SELF));

    /* the audit holds who did what, never a password or a hash */
    audit_query q = {.entity = "user", .limit = 100};
    audit_row *rows;
    long long total = 0;
    ve = (verrs){0};
    CHECK(audit_search(&adm, &q, &rows, &n, &total, &ve) == RS_OK && total >= 6);
    for (int i = 0; i < n; i++) {
        CHECK(!rows[i].new_json || !strstr(rows[i].new_json, pw2));
        CHECK(!rows[i].new_json || !strstr(rows[i].new_json, "argon2"));
    }
    q = (audit_query){.from = "20261301", .limit = 10};
    ve = (verrs){0};
    CHECK(audit_search(&adm, &q, &rows, &n, &total, &ve) == RS_INVALID &&
          has_error(&ve, "from", M_BAD_DATE));
    CHECK(audit_search(&off, &q, &rows, &n, &total, &ve) == RS_FORBIDDEN);
    arena_free(&a);
    store_release(st, c);
}

static void settings_precedence_and_range(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx adm = as(c, &a, ROLE_ADMIN, 0, "quantri"), off = as(c, &a, ROLE_OFFICER, 0, "cv");
    unsetenv("NGOAIVU_REPORT_DAYS");
    CHECK(settings_value(SET_REPORT_DAYS) == DELEGATION_REPORT_DAYS);
    CHECK_STR(settings_source(SET_REPORT_DAYS), "default");
    setenv("NGOAIVU_REPORT_DAYS", "20", 1);
    CHECK(delegation_report_days() == 20);
    CHECK_STR(settings_source(SET_REPORT_DAYS), "environment");
    setenv("NGOAIVU_REPORT_DAYS", "9999", 1); /* out of range: the default */
    CHECK(delegation_report_days() == DELEGATION_REPORT_DAYS);
    verrs ve = {0};
    const char *bad[SET_COUNT] = {"0", "abc"};
    CHECK(settings_set(&adm, bad, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "report_days", M_SETTING_RANGE) &&
          has_error(&ve, "remind_days", M_SETTING_RANGE));
    const char *ok[SET_COUNT] = {"7", NULL};
    CHECK(settings_set(&off, ok, &ve) == RS_FORBIDDEN);
    ve = (verrs){0};
    CHECK(settings_set(&adm, ok, &ve) == RS_OK);
    CHECK(delegation_report_days() == 7);
    CHECK(settings_value(SET_REMIND_DAYS) == REMIND_DUE_DAYS);
    /* read back by another process's start-up */
    settings_load(c);
    CHECK(delegation_report_days() == 7 && !strcmp(settings_source(SET_REPORT_DAYS), "database"));
    const char *clear[SET_COUNT] = {"", NULL};
    CHECK(settings_set(&adm, clear, &ve) == RS_OK);
    CHECK(delegation_report_days() == DELEGATION_REPORT_DAYS);
    unsetenv("NGOAIVU_REPORT_DAYS");
    arena_free(&a);
    store_release(st, c);
}

static void names_corrected_while_running(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx adm = as(c, &a, ROLE_ADMIN, 0, "quantri");
    verrs ve = {0};
    CHECK(names_correct(&adm, "zz", "Không có", &ve) == RS_INVALID &&
          has_error(&ve, "code", M_BAD_COUNTRY));
    ve = (verrs){0};
    CHECK(names_correct(&adm, "is", "Ai-xơ-len", &ve) == RS_OK);
    CHECK_STR(refdata_country("IS")->name_vi, "Ai-xơ-len");
    name_row *rows;
    int n = 0;
    long long total = 0;
    CHECK(names_find(&adm, "ai-xo", NULL, 0, 10, &rows, &n, &total) == RS_OK && n >= 1);
    bool found = false;
    for (int i = 0; i < n; i++)
        found |= !strcmp(rows[i].code, "IS") && rows[i].corrected;
    CHECK(found);
    CHECK(names_find(&adm, NULL, "la", 0, 500, &rows, &n, &total) == RS_OK && total > 10);
    CHECK_STR(rows[0].code, "LA");
    for (int i = 1; i < n; i++)
        CHECK(rows[i].subdivision && !strncmp(rows[i].code, "LA-", 3));
    arena_free(&a);
    store_release(st, c);
}

/* What another process stored (a second server, `ngoaivu names set`: written here straight
 * to the database, as they would, without touching this process's copies) is in force
 * once settings_sync sees the data version it was written at, and not before. */
static void names_and_settings_of_another_process(void)
{
    conn *c = store_acquire(st);
    long long v0 = store_data_version(c);
    settings_sync(c, v0);
    const char *before = refdata_country("NZ")->name_vi;
    CHECK(before && strcmp(before, "Tân Tây Lan (thử)") != 0);
    long report = settings_value(SET_REPORT_DAYS);
    CHECK(store_begin(c) == ST_OK);
    CHECK(st_name_override_set(c, "NZ", "Tân Tây Lan (thử)") == ST_OK);
    CHECK(st_name_override_set(c, "LA-AT", "Át-tạ-pư (thử)") == ST_OK);
    CHECK(st_setting_set(c, "admin.report_days", report == 21 ? "22" : "21") == ST_OK);
    CHECK(store_commit(c) == ST_OK);
    long long v1 = store_data_version(c);
    CHECK(v1 > v0);
    settings_sync(c, v0); /* a request that read the version before the write */
    CHECK_STR(refdata_country("NZ")->name_vi, before);
    CHECK(settings_value(SET_REPORT_DAYS) == report);
    settings_sync(c, v1); /* the next request */
    CHECK_STR(refdata_country("NZ")->name_vi, "Tân Tây Lan (thử)");
    CHECK_STR(refdata_subdivision("LA-AT")->name_vi, "Át-tạ-pư (thử)");
    CHECK(settings_value(SET_REPORT_DAYS) == (report == 21 ? 22 : 21));
    /* the same names again change nothing (no string is replaced) */
    const char *same = refdata_country("NZ")->name_vi;
    CHECK(store_begin(c) == ST_OK && st_setting_set(c, "admin.report_days", "") == ST_OK &&
          store_commit(c) == ST_OK);
    settings_sync(c, store_data_version(c));
    CHECK(refdata_country("NZ")->name_vi == same);
    CHECK(settings_value(SET_REPORT_DAYS) == DELEGATION_REPORT_DAYS);
    store_release(st, c);
}

/* RFC 6238's SHA-1 test vector (its secret "12345678901234567890", the last 6 of its
 * 8-digit codes), one step of drift either way, and nothing beyond. */
static void totp_codes_of_rfc_6238(void)
{
    const char *secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    CHECK(auth_totp_check(secret, "287082", 59) == 1);
    CHECK(auth_totp_check(secret, "287 082", 59) == 1);
    CHECK(auth_totp_check(secret, "081804", 1111111109) == 37037036);
    CHECK(auth_totp_check(secret, "050471", 1111111111) == 37037037);
    CHECK(auth_totp_check(secret, "005924", 1234567890) == 41152263);
    CHECK(auth_totp_check(secret, "287082", 59 + 30) == 1); /* a step late */
    CHECK(auth_totp_check(secret, "287082", 59 + 60) == -1);
    CHECK(auth_totp_check(secret, "287083", 59) == -1);
    CHECK(auth_totp_check(secret, "28708", 59) == -1);
    CHECK(auth_totp_check(secret, "2870821", 59) == -1);
    CHECK(auth_totp_check(secret, "", 59) == -1);
    CHECK(auth_totp_check(NULL, "287082", 59) == -1);
    CHECK(auth_totp_check("not base32!", "287082", 59) == -1);
    arena a = {0};
    const char *s1 = auth_totp_new_secret(&a), *s2 = auth_totp_new_secret(&a);
    CHECK(s1 && strlen(s1) == 32 && strspn(s1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == 32);
    CHECK(strcmp(s1, s2) != 0);
    const char *uri = auth_totp_uri(&a, s1, "nguyen.van.a", "Sở Ngoại vụ");
    CHECK(!strncmp(uri, "otpauth://totp/S%E1%BB%9F%20Ngo", 31));
    CHECK(strstr(uri, ":nguyen.van.a?secret=") && strstr(uri, s1));
    arena_free(&a);
}

/* A code is taken once; a recovery code once; a disabled second factor takes none. */
static void second_factor_taken_once(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    char err[256];
    CHECK(auth_user_add(c, "hai.buoc", "officer", "mat-khau-hai-buoc-9", NULL, err, sizeof err) ==
          0);
    user_row u;
    CHECK(st_user_get(c, &a, "hai.buoc", &u) == ST_OK && !u.totp_secret);
    ctx me = as(c, &a, ROLE_OFFICER, u.id, "hai.buoc");
    const char *secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", *codes[AUTH_RECOVERY_CODES];
    verrs ve = {0};
    CHECK(account_totp_enable(&me, secret, "000000", codes, &ve) == RS_INVALID);
    CHECK(has_error(&ve, "code", M_TOTP_WRONG));
    bool on = true, rec = false;
    long long left = -1;
    CHECK(account_second_factor(&me, &on, &left) == RS_OK && !on);
    /* a step is taken once, and no earlier one after it (the codes of now are the e2e
     * tests', made there by their own RFC 6238) */
    CHECK(st_user_totp_set(c, u.id, secret, 0) == ST_OK);
    long long step = clock_unix() / 30;
    CHECK(st_user_totp_take(c, u.id, step) == ST_OK);
    CHECK(st_user_totp_take(c, u.id, step) == ST_NOTFOUND);
    CHECK(st_user_totp_take(c, u.id, step - 1) == ST_NOTFOUND);
    CHECK(st_user_totp_take(c, u.id, step + 1) == ST_OK);
    CHECK(auth_recovery_new(c, &a, u.id, codes) == ST_OK);
    CHECK(st_user_get(c, &a, "hai.buoc", &u) == ST_OK && u.totp_secret);
    CHECK(auth_second_factor(c, &a, &u, codes[2], &rec) == AUTH_OK && rec);
    CHECK(auth_second_factor(c, &a, &u, codes[2], &rec) == AUTH_BAD);
    char upper[16];
    snprintf(upper, sizeof upper, "%s", codes[5]);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    CHECK(auth_second_factor(c, &a, &u, upper, &rec) == AUTH_OK && rec);
    CHECK(account_second_factor(&me, &on, &left) == RS_OK && on && left == 8);
    /* off: neither the codes nor the secret open anything */
    CHECK(users_totp_reset(&me, u.id) == RS_FORBIDDEN);
    ctx adm = as(c, &a, ROLE_ADMIN, 0, "quantri");
    CHECK(users_totp_reset(&adm, u.id) == RS_OK);
    CHECK(st_user_get(c, &a, "hai.buoc", &u) == ST_OK && !u.totp_secret);
    CHECK(auth_second_factor(c, &a, &u, codes[7], &rec) == AUTH_BAD);
    long long n = -1;
    CHECK(st_recovery_count(c, u.id, &n) == ST_OK && n == 0);
    arena_free(&a);
    store_release(st, c);
}

/* The policy by role: names or bits, "none", refused names; the default is none. */
static void totp_policy_by_role(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx adm = as(c, &a, ROLE_ADMIN, 0, "quantri");
    CHECK(!auth_totp_required(ROLE_ADMIN) && !auth_totp_required(ROLE_VIEWER));
    const char *v[SET_COUNT] = {0};
    verrs ve = {0};
    v[SET_TOTP_ROLES] = "admin,leader";
    CHECK(settings_set(&adm, v, &ve) == RS_OK);
    CHECK(auth_totp_required(ROLE_ADMIN) && auth_totp_required(ROLE_LEADER));
    CHECK(!auth_totp_required(ROLE_OFFICER) && !auth_totp_required(ROLE_NONE));
    v[SET_TOTP_ROLES] = "admin,chief";
    CHECK(settings_set(&adm, v, &ve) == RS_INVALID &&
          has_error(&ve, "totp_roles", M_SETTING_ROLES));
    CHECK(auth_totp_required(ROLE_ADMIN)); /* unchanged */
    ve.n = 0;
    v[SET_TOTP_ROLES] = "4";
    CHECK(settings_set(&adm, v, &ve) == RS_OK && auth_totp_required(ROLE_OFFICER) &&
          !auth_totp_required(ROLE_ADMIN));
    v[SET_TOTP_ROLES] = "32";
    CHECK(settings_set(&adm, v, &ve) == RS_INVALID);
    ve.n = 0;
    v[SET_TOTP_ROLES] = ""; /* a form with nothing ticked: no role, stored */
    CHECK(settings_set(&adm, v, &ve) == RS_OK && settings_value(SET_TOTP_ROLES) == 0 &&
          !strcmp(settings_source(SET_TOTP_ROLES), "database"));
    arena_free(&a);
    store_release(st, c);
}

void suite_admin(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-admin-XXXXXX");
    if (!mkdtemp(dir) || auth_init() != 0) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/a.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    RUN(users_created_reset_and_changed);
    RUN(settings_precedence_and_range);
    RUN(names_corrected_while_running);
    RUN(names_and_settings_of_another_process);
    RUN(totp_codes_of_rfc_6238);
    RUN(second_factor_taken_once);
    RUN(totp_policy_by_role);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
