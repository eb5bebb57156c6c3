/* Administration of accounts: see users.h. */
#include "users.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "auth.h"
#include "entities.h"

const char *const audit_extra_entities[] = {"user", "setting", "name", "province", NULL};

bool audit_entity_known(const char *name)
{
    if (!name) return false;
    if (entity_by_name(name)) return true;
    for (int i = 0; audit_extra_entities[i]; i++)
        if (!strcmp(name, audit_extra_entities[i])) return true;
    return false;
}

static bool is_admin(ctx *x)
{
    return role_can(x->role, PERM_ADMIN);
}

/* A JSON text (malloc'd) of what the audit keeps of a user: never the password or its hash. */
static char *user_json(const user_row *u, json_t *extra)
{
    json_t *j = json_pack("{s:s,s:s?,s:s,s:b}", "username", u->username, "display_name",
                          u->display_name, "role", u->role, "active", !u->disabled);
    json_object_set_new(j, "agency_id",
                        u->agency_id > 0 ? json_integer(u->agency_id) : json_null());
    if (extra) json_object_update(j, extra);
    json_decref(extra);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    json_decref(j);
    return s;
}

/* Runs the audit entry of a change to user id inside the caller's transaction, commits, and
 * maps the outcome. old/new are malloc'd JSON texts, freed here. */
static rstatus audit_commit(ctx *x, long long id, const char *action, char *old, char *new, int rc)
{
    char now[32];
    clock_iso_now(now);
    if (!rc) rc = st_audit_add(x->c, x->user_id, x->username, "user", id, action, old, new, now);
    free(old);
    free(new);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return rc == ST_NOTFOUND ? RS_NOTFOUND : rc == ST_CONSTRAINT ? RS_CONFLICT : RS_ERROR;
    }
    return RS_OK;
}

static const char *clean_text(ctx *x, const char *fname, const char *v, int maxlen, verrs *ve)
{
    if (!v) return NULL;
    if (!utf8_valid(v, strlen(v))) {
        verrs_add(ve, fname, M_BAD_UTF8, 0);
        return NULL;
    }
    unsigned bad = text_controls(x->a, v, &v);
    if (bad) {
        verrs_add(ve, fname, M_CONTROL_CHAR, bad);
        return NULL;
    }
    char *t = text_trim(arena_strdup(x->a, v));
    if (!*t) return NULL;
    const char *n = text_nfc(x->a, t);
    if ((int)utf8_chars(n) > maxlen) verrs_add(ve, fname, M_TOO_LONG, maxlen);
    return n;
}

/* Role and agency of the input, checked: an agency user needs an existing agency (by id, or
 * by its Vietnamese name), other roles have none. */
static void check_role(ctx *x, user_input *in, verrs *ve)
{
    if (role_parse(in->role) == ROLE_NONE) {
        verrs_add(ve, "role", in->role && *in->role ? M_BAD_ENUM : M_REQUIRED, 0);
        return;
    }
    if (role_parse(in->role) != ROLE_AGENCY) {
        in->agency_id = 0;
        return;
    }
    if (in->agency_id <= 0 && in->agency_name && *in->agency_name) {
        long long found = 0;
        int fi = entity_field_index(&agency_entity, "name_vi");
        const char *name = clean_text(x, "agency_id", in->agency_name, 200, ve);
        if (name && st_rec_find_dup(x->c, &agency_entity, fi, name, 0, &found) == ST_OK)
            in->agency_id = found;
        if (!in->agency_id) {
            verrs_add(ve, "agency_id", M_BAD_REF, 0);
            return;
        }
    }
    if (in->agency_id <= 0)
        verrs_add(ve, "agency_id", M_USER_AGENCY_NEEDED, 0);
    else if (st_rec_exists(x->c, &agency_entity, in->agency_id) != ST_OK)
        verrs_add(ve, "agency_id", M_BAD_REF, 0);
}

/* A random password and its hash (malloc'd; NULL when hashing failed). */
static char *temp_password(char pw[USER_TEMP_PW])
{
    auth_random_password(pw, USER_TEMP_PW);
    return auth_hash_password(pw);
}

rstatus users_create(ctx *x, user_input *in, long long *id, char pw[USER_TEMP_PW], verrs *ve)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    const char *name = in->username ? text_trim(arena_strdup(x->a, in->username)) : NULL;
    if (!name || !*name)
        verrs_add(ve, "username", M_REQUIRED, 0);
    else if (!auth_valid_username(name))
        verrs_add(ve, "username", M_USER_NAME_RULES, 0);
    in->username = name;
    in->display_name = clean_text(x, "display_name", in->display_name, USER_NAME_MAX, ve);
    check_role(x, in, ve);
    user_row dup;
    if (!ve->n && st_user_get(x->c, x->a, name, &dup) == ST_OK)
        verrs_add(ve, "username", M_USER_EXISTS, 0);
    if (ve->n) return RS_INVALID;
    char *hash = temp_password(pw);
    if (!hash) return RS_ERROR;
    char now[32];
    clock_iso_now(now);
    user_row u = {.username = name,
                  .role = in->role,
                  .pwhash = hash,
                  .display_name = in->display_name,
                  .lang = "vi",
                  .agency_id = in->agency_id};
    if (store_begin(x->c)) {
        free(hash);
        return RS_ERROR;
    }
    int rc = st_user_insert(x->c, &u, now, id);
    /* the first login must set the user's own password */
    if (!rc) rc = st_user_set_password_keep(x->c, *id, hash, true, NULL);
    free(hash);
    u.pwhash = NULL;
    if (rc == ST_CONSTRAINT) {
        store_rollback(x->c);
        verrs_add(ve, "username", M_USER_EXISTS, 0);
        return RS_INVALID;
    }
    return audit_commit(x, rc ? 0 : *id, "create", NULL, rc ? NULL : user_json(&u, NULL), rc);
}

rstatus users_get(ctx *x, long long id, user_row *u)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    int rc = st_user_get_id(x->c, x->a, id, u);
    return rc == ST_OK ? RS_OK : rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
}

rstatus users_list(ctx *x, user_row **rows, int *n)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    return st_user_list(x->c, x->a, rows, n) == ST_OK ? RS_OK : RS_ERROR;
}

rstatus users_update(ctx *x, long long id, user_input *in, verrs *ve)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row old;
    rstatus rs = users_get(x, id, &old);
    if (rs) return rs;
    in->display_name = clean_text(x, "display_name", in->display_name, USER_NAME_MAX, ve);
    check_role(x, in, ve);
    if (!ve->n && id == x->user_id && strcmp(in->role, old.role))
        verrs_add(ve, "role", M_USER_SELF, 0);
    if (ve->n) return RS_INVALID;
    user_row nu = old;
    nu.role = role_name(role_parse(in->role));
    nu.agency_id = in->agency_id;
    nu.display_name = in->display_name;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_user_admin_set(x->c, id, nu.role, nu.agency_id, nu.display_name);
    return audit_commit(x, id, "update", user_json(&old, NULL), user_json(&nu, NULL), rc);
}

rstatus users_set_active(ctx *x, long long id, bool active, verrs *ve)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row old;
    rstatus rs = users_get(x, id, &old);
    if (rs) return rs;
    if (id == x->user_id && !active) {
        verrs_add(ve, "active", M_USER_SELF, 0);
        return RS_INVALID;
    }
    user_row nu = old;
    nu.disabled = !active;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_user_set_disabled(x->c, id, !active);
    return audit_commit(x, id, "update", user_json(&old, NULL), user_json(&nu, NULL), rc);
}

rstatus users_reset_password(ctx *x, long long id, char pw[USER_TEMP_PW])
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row u;
    rstatus rs = users_get(x, id, &u);
    if (rs) return rs;
    char *hash = temp_password(pw);
    if (!hash) return RS_ERROR;
    if (store_begin(x->c)) {
        free(hash);
        return RS_ERROR;
    }
    int rc = st_user_set_password_keep(x->c, id, hash, true, NULL);
    free(hash);
    return audit_commit(
        x, id, "update", NULL,
        user_json(&u, json_pack("{s:s,s:b}", "password", "reset", "sessions_ended", 1)), rc);
}

rstatus users_sessions(ctx *x, long long id, const char *current_token, session_row **rows, int *n)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row u;
    rstatus rs = users_get(x, id, &u);
    if (rs) return rs;
    const char *h = current_token ? auth_token_hash(x->a, current_token) : NULL;
    return st_session_list(x->c, x->a, id, clock_unix(), h, rows, n) ? RS_ERROR : RS_OK;
}

rstatus users_revoke(ctx *x, long long id, long long sid, long long *ended)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row u;
    rstatus rs = users_get(x, id, &u);
    if (rs) return rs;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_session_revoke(x->c, id, sid, ended);
    if (!rc && sid > 0 && *ended == 0) rc = ST_NOTFOUND;
    json_t *what = sid > 0 ? json_pack("{s:I}", "session_ended", (json_int_t)sid)
                           : json_pack("{s:I}", "sessions_ended", (json_int_t)*ended);
    return audit_commit(x, id, "update", NULL, user_json(&u, what), rc);
}

rstatus account_change_password(ctx *x, const char *current_token, const char *old,
                                const char *new_pw, verrs *ve)
{
    if (x->user_id <= 0) return RS_FORBIDDEN;
    user_row u;
    int rc = st_user_get_id(x->c, x->a, x->user_id, &u);
    if (rc) return rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
    const char *o = old ? old : "";
    /* a session left open must not become a way to guess the password: wrong old passwords
     * count like failed logins, and past LOGIN_MAX_FAILURES in the window none is checked */
    const char *key = arena_printf(x->a, "pwchange:%lld", u.id);
    long long now = clock_unix(), fails = 0, last = 0;
    if (st_login_failure_count(x->c, key, now - LOGIN_WINDOW_SECONDS, &fails, &last))
        return RS_ERROR;
    if (!*o) {
        verrs_add(ve, "old_password", M_REQUIRED, 0);
    } else if (fails >= LOGIN_MAX_FAILURES) {
        verrs_add(ve, "old_password", M_PW_TOO_MANY, 0);
    } else if (!auth_password_matches(u.pwhash, o)) {
        verrs_add(ve, "old_password", M_PW_OLD_WRONG, 0);
        st_login_failure_add(x->c, key, now);
    }
    const char *n = new_pw ? new_pw : "";
    long long arg;
    int problem = *n ? auth_password_problem(u.username, n, &arg) : M_REQUIRED;
    if (problem)
        verrs_add(ve, "new_password", problem, problem == M_REQUIRED ? 0 : arg);
    else if (!strcmp(n, o))
        verrs_add(ve, "new_password", M_PW_SAME, 0);
    if (ve->n) return RS_INVALID;
    char *hash = auth_hash_password(n);
    if (!hash) return RS_ERROR;
    const char *keep = current_token ? auth_token_hash(x->a, current_token) : NULL;
    if (store_begin(x->c)) {
        free(hash);
        return RS_ERROR;
    }
    rc = st_user_set_password_keep(x->c, u.id, hash, false, keep);
    if (!rc) rc = st_login_failure_clear(x->c, key);
    free(hash);
    return audit_commit(
        x, u.id, "update", NULL,
        user_json(&u, json_pack("{s:s,s:s}", "password", "changed", "other_sessions", "ended")),
        rc);
}

const char *users_agency_name(ctx *x, long long agency_id)
{
    if (agency_id <= 0) return "";
    record r;
    if (st_rec_get(x->c, x->a, &agency_entity, agency_id, &r) != ST_OK) return "";
    const char *n = record_get(&r, "name_vi");
    return n ? n : "";
}

int users_agencies(ctx *x, agency_choice **rows, int *n)
{
    list_query q = {.sort = entity_field_index(&agency_entity, "name_vi"), .limit = 1000};
    record *recs;
    int k = 0;
    *n = 0;
    if (st_rec_list(x->c, x->a, &agency_entity, &q, &recs, &k) != ST_OK) return -1;
    *rows = arena_alloc(x->a, sizeof(agency_choice) * (size_t)(k > 0 ? k : 1));
    for (int i = 0; i < k; i++)
        (*rows)[(*n)++] = (agency_choice){recs[i].id, record_get(&recs[i], "name_vi")};
    return 0;
}

static bool valid_day(const char *s)
{
    if (!s || !*s) return true;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

rstatus audit_search(ctx *x, audit_query *q, audit_row **rows, int *n, long long *total, verrs *ve)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    if (!valid_day(q->from)) verrs_add(ve, "from", M_BAD_DATE, 0);
    if (!valid_day(q->to)) verrs_add(ve, "to", M_BAD_DATE, 0);
    if (q->entity && *q->entity && !audit_entity_known(q->entity))
        verrs_add(ve, "entity", M_BAD_ENUM, 0);
    if (q->limit <= 0 || q->limit > 500) q->limit = 50;
    if (q->offset < 0) q->offset = 0;
    if (ve->n) return RS_INVALID;
    return st_audit_search(x->c, x->a, q, rows, n, total) ? RS_ERROR : RS_OK;
}

/* ---- the second factor and personal access tokens of one's own account */

/* The acting user's row with its second factor (x->user_id). */
static rstatus own_row(ctx *x, user_row *u)
{
    if (x->user_id <= 0) return RS_FORBIDDEN;
    int rc = st_user_get_id(x->c, x->a, x->user_id, u);
    return rc == ST_OK ? RS_OK : rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
}

/* A code the user typed for their own account: too many wrong ones in the window (as for
 * the old password) and none is checked. */
static bool own_code_ok(ctx *x, const user_row *u, const char *secret, const char *code, verrs *ve)
{
    const char *key = arena_printf(x->a, "totp:%lld", u->id);
    long long now = clock_unix(), fails = 0, last = 0;
    if (st_login_failure_count(x->c, key, now - LOGIN_WINDOW_SECONDS, &fails, &last)) {
        verrs_add(ve, "code", M_INTERNAL, 0);
        return false;
    }
    if (!code || !*code) {
        verrs_add(ve, "code", M_REQUIRED, 0);
        return false;
    }
    if (fails >= LOGIN_MAX_FAILURES) {
        verrs_add(ve, "code", M_TOTP_TOO_MANY, 0);
        return false;
    }
    bool ok;
    if (secret) {
        long long step = auth_totp_check(secret, code, now);
        ok = step >= 0 && (u->totp_secret == NULL || step > u->totp_step);
    } else {
        bool rec;
        ok = auth_second_factor(x->c, x->a, u, code, &rec) == AUTH_OK;
    }
    if (!ok) {
        st_login_failure_add(x->c, key, now);
        verrs_add(ve, "code", M_TOTP_WRONG, 0);
        return false;
    }
    st_login_failure_clear(x->c, key);
    return true;
}

rstatus account_totp_enable(ctx *x, const char *secret, const char *code,
                            const char *codes[AUTH_RECOVERY_CODES], verrs *ve)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    if (u.totp_secret) return RS_CONFLICT;
    /* the secret the page made and showed: 32 base32 characters */
    if (!secret || strlen(secret) != 32 ||
        strspn(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != 32) {
        verrs_add(ve, "code", M_TOTP_START_AGAIN, 0);
        return RS_INVALID;
    }
    if (!own_code_ok(x, &u, secret, code, ve)) return RS_INVALID;
    long long step = auth_totp_check(secret, code, clock_unix());
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_user_totp_set(x->c, u.id, secret, step);
    if (!rc) rc = auth_recovery_new(x->c, x->a, u.id, codes);
    return audit_commit(x, u.id, "update", NULL,
                        user_json(&u, json_pack("{s:s}", "second_factor", "on")), rc);
}

rstatus account_totp_disable(ctx *x, const char *code, verrs *ve)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    if (!u.totp_secret) return RS_CONFLICT;
    if (auth_totp_required(x->role)) return RS_FORBIDDEN;
    if (!own_code_ok(x, &u, NULL, code, ve)) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_user_totp_set(x->c, u.id, NULL, 0);
    return audit_commit(x, u.id, "update", NULL,
                        user_json(&u, json_pack("{s:s}", "second_factor", "off")), rc);
}

rstatus account_recovery_renew(ctx *x, const char *code, const char *codes[AUTH_RECOVERY_CODES],
                               verrs *ve)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    if (!u.totp_secret) return RS_CONFLICT;
    if (!own_code_ok(x, &u, NULL, code, ve)) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = auth_recovery_new(x->c, x->a, u.id, codes);
    return audit_commit(x, u.id, "update", NULL,
                        user_json(&u, json_pack("{s:s}", "recovery_codes", "renewed")), rc);
}

rstatus account_second_factor(ctx *x, bool *on, long long *codes_left)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    *on = u.totp_secret != NULL;
    *codes_left = 0;
    if (*on && st_recovery_count(x->c, u.id, codes_left)) return RS_ERROR;
    return RS_OK;
}

rstatus users_totp_reset(ctx *x, long long id)
{
    if (!is_admin(x)) return RS_FORBIDDEN;
    user_row u;
    rstatus rs = users_get(x, id, &u);
    if (rs) return rs;
    if (store_begin(x->c)) return RS_ERROR;
    long long ended = 0;
    int rc = st_user_totp_set(x->c, id, NULL, 0);
    /* whoever held the lost phone holds no session either */
    if (!rc) rc = st_session_revoke(x->c, id, 0, &ended);
    return audit_commit(x, id, "update", NULL,
                        user_json(&u, json_pack("{s:s,s:I}", "second_factor", "reset",
                                                "sessions_ended", (json_int_t)ended)),
                        rc);
}

rstatus account_token_new(ctx *x, const char *name, const char *days, const char **token, verrs *ve)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    int before = ve->n;
    const char *n = clean_text(x, "name", name, 80, ve);
    if (!n && ve->n == before) verrs_add(ve, "name", M_REQUIRED, 0);
    char *end = NULL;
    long d = days ? strtol(days, &end, 10) : 0;
    if (!days || !*days)
        verrs_add(ve, "days", M_REQUIRED, 0);
    else if (*end || d < 1 || d > AUTH_TOKEN_MAX_DAYS)
        verrs_add(ve, "days", M_TOKEN_DAYS, AUTH_TOKEN_MAX_DAYS);
    if (ve->n) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = auth_token_new(x->c, x->a, u.id, n, d, token);
    return audit_commit(
        x, u.id, "update", NULL,
        user_json(&u, json_pack("{s:s,s:I}", "token_made", n, "token_days", (json_int_t)d)), rc);
}

rstatus account_tokens(ctx *x, const char *current_token, session_row **rows, int *n)
{
    if (x->user_id <= 0) return RS_FORBIDDEN;
    session_row *all;
    int k = 0;
    const char *h = current_token ? auth_token_hash(x->a, current_token) : NULL;
    if (st_session_list(x->c, x->a, x->user_id, clock_unix(), h, &all, &k)) return RS_ERROR;
    *rows = all;
    *n = 0;
    for (int i = 0; i < k; i++)
        if (all[i].name) all[(*n)++] = all[i];
    return RS_OK;
}

bool account_by_token(ctx *x, const char *current_token)
{
    session_row *rows;
    int n = 0;
    if (x->user_id <= 0 || !current_token) return false;
    if (st_session_list(x->c, x->a, x->user_id, clock_unix(), auth_token_hash(x->a, current_token),
                        &rows, &n))
        return true; /* unknown: as if it were one (the caller refuses) */
    for (int i = 0; i < n; i++)
        if (rows[i].current) return rows[i].name != NULL;
    return false;
}

rstatus account_token_revoke(ctx *x, long long sid)
{
    user_row u;
    rstatus rs = own_row(x, &u);
    if (rs) return rs;
    session_row *rows;
    int n = 0;
    if ((rs = account_tokens(x, NULL, &rows, &n))) return rs;
    const char *name = NULL;
    for (int i = 0; i < n; i++)
        if (rows[i].id == sid) name = rows[i].name;
    if (!name) return RS_NOTFOUND;
    if (store_begin(x->c)) return RS_ERROR;
    long long ended = 0;
    int rc = st_session_revoke(x->c, u.id, sid, &ended);
    if (!rc && !ended) rc = ST_NOTFOUND;
    return audit_commit(x, u.id, "update", NULL,
                        user_json(&u, json_pack("{s:s}", "token_revoked", name)), rc);
}
