/* The administration and account actions through the JSON API: the same domain functions
 * as the pages (domain/users.c, domain/settings.c), the same permissions (the route table:
 * PERM_ADMIN but for the account). Never a token or a hash in an answer; a password an
 * admin makes is in the answer to that request only. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/msg.h"
#include "../domain/calendar.h"
#include "../domain/refdata.h"
#include "../domain/settings.h"
#include "../domain/users.h"
#include "routes.h"

static void reply_rs(req *r, rstatus rs, const verrs *ve)
{
    if (rs == RS_INVALID)
        reply_error(r, 422, M_INVALID, ve);
    else
        reply_rstatus(r, rs, 0);
}

static json_t *user_to_json(req *r, const user_row *u)
{
    json_t *j = json_pack("{s:I,s:s,s:s?,s:s,s:b,s:b}", "id", (json_int_t)u->id, "username",
                          u->username, "display_name", u->display_name, "role", u->role, "active",
                          !u->disabled, "must_change", u->must_change);
    json_object_set_new(j, "agency_id",
                        u->agency_id > 0 ? json_integer(u->agency_id) : json_null());
    json_object_set_new(j, "agency",
                        u->agency_id > 0 ? json_string(users_agency_name(&r->x, u->agency_id))
                                         : json_null());
    return j;
}

/* A non-negative whole number from a query parameter (absent: def); false when bad. */
static bool q_number(req *r, const char *name, long long def, long long *out)
{
    const char *v = q_get(r, name);
    if (!v) {
        *out = def;
        return true;
    }
    char *end = NULL;
    long long n = strtoll(v, &end, 10);
    if (!*v || *end || n < 0) {
        verrs ve = {0};
        verrs_add(&ve, name, M_BAD_PARAM, 0);
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return false;
    }
    *out = n;
    return true;
}

/* The user input of a JSON body: strings, agency_id a number (or null), agency a name. false
 * (answered 422) when a value has the wrong type. */
static bool input_from_json(req *r, json_t *j, user_input *in)
{
    verrs ve = {0};
    static const char *strs[] = {"username", "display_name", "role", "agency"};
    const char **dst[] = {&in->username, &in->display_name, &in->role, &in->agency_name};
    for (int i = 0; i < 4; i++) {
        json_t *v = json_object_get(j, strs[i]);
        if (v && !json_is_string(v) && !json_is_null(v)) verrs_add(&ve, strs[i], M_BAD_PARAM, 0);
        if (json_is_string(v)) *dst[i] = arena_strdup(&r->a, json_string_value(v));
        if (json_is_null(v)) *dst[i] = NULL;
    }
    json_t *a = json_object_get(j, "agency_id");
    if (a && !json_is_integer(a) && !json_is_null(a)) verrs_add(&ve, "agency_id", M_BAD_PARAM, 0);
    if (json_is_integer(a)) in->agency_id = json_integer_value(a);
    json_t *act = json_object_get(j, "active");
    if (act && !json_is_boolean(act)) verrs_add(&ve, "active", M_BAD_BOOL, 0);
    if (ve.n) reply_error(r, 422, M_INVALID, &ve);
    return ve.n == 0;
}

void api_users(req *r)
{
    user_row *u;
    int n = 0;
    rstatus rs = users_list(&r->x, &u, &n);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, user_to_json(r, &u[i]));
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_user_create(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    user_input in = {0};
    bool ok = input_from_json(r, j, &in);
    json_decref(j);
    if (!ok) return;
    verrs ve = {0};
    long long id = 0;
    char pw[USER_TEMP_PW];
    rstatus rs = users_create(&r->x, &in, &id, pw, &ve);
    user_row u;
    if (rs == RS_OK) rs = users_get(&r->x, id, &u);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    json_t *out = user_to_json(r, &u);
    json_object_set_new(out, "password", json_string(pw)); /* shown this once */
    memset(pw, 0, sizeof pw);
    add_header(r, "Cache-Control", "no-store");
    add_header(r, "Location", arena_printf(&r->a, "/api/v1/users/%lld", id));
    reply_json(r, 201, out);
}

void api_user_get(req *r)
{
    user_row u;
    rstatus rs = users_get(&r->x, r->id, &u);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    reply_json(r, 200, user_to_json(r, &u));
}

/* Keys present change; the others stay as they are. */
void api_user_update(req *r)
{
    user_row u;
    rstatus rs = users_get(&r->x, r->id, &u);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *j = body_object(r);
    if (!j) return;
    user_input in = {.display_name = u.display_name, .role = u.role, .agency_id = u.agency_id};
    bool ok = input_from_json(r, j, &in);
    bool edits = json_object_get(j, "display_name") || json_object_get(j, "role") ||
                 json_object_get(j, "agency_id") || json_object_get(j, "agency");
    if (json_object_get(j, "agency") && !json_object_get(j, "agency_id")) in.agency_id = 0;
    json_t *act = json_object_get(j, "active");
    int active = act ? json_is_true(act) : -1;
    json_decref(j);
    if (!ok) return;
    verrs ve = {0};
    rs = edits ? users_update(&r->x, u.id, &in, &ve) : RS_OK;
    if (rs == RS_OK && active >= 0 && (bool)active == u.disabled)
        rs = users_set_active(&r->x, u.id, active, &ve);
    if (rs == RS_OK) rs = users_get(&r->x, u.id, &u);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    reply_json(r, 200, user_to_json(r, &u));
}

void api_user_reset(req *r)
{
    char pw[USER_TEMP_PW];
    rstatus rs = users_reset_password(&r->x, r->id, pw);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    add_header(r, "Cache-Control", "no-store");
    reply_json(r, 200, json_pack("{s:s,s:b}", "password", pw, "must_change", 1));
    memset(pw, 0, sizeof pw);
}

static json_t *iso_time(long long t)
{
    char iso[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(iso);
}

void api_user_sessions(req *r)
{
    session_row *s;
    int n = 0;
    rstatus rs = users_sessions(&r->x, r->id, r->token, &s, &n);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items,
                              json_pack("{s:I,s:s,s:o,s:o,s:b}", "id", (json_int_t)s[i].id, "kind",
                                        s[i].kind, "created", iso_time(s[i].created), "expires",
                                        iso_time(s[i].expires), "current", s[i].current));
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_user_sessions_end(req *r)
{
    long long sid = 0, ended = 0;
    if (!q_number(r, "session", 0, &sid)) return;
    rstatus rs = users_revoke(&r->x, r->id, sid, &ended);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    reply_json(r, 200, json_pack("{s:I}", "ended", (json_int_t)ended));
}

void api_account(req *r)
{
    json_t *j = user_to_json(r, &r->user);
    const char *made = NULL;
    json_object_set_new(j, "calendar_made_at",
                        calendar_token_when(&r->x, &made) == RS_OK && made ? json_string(made)
                                                                           : json_null());
    reply_json(r, 200, j);
}

void api_account_password(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    json_t *o = json_object_get(j, "old_password"), *n = json_object_get(j, "new_password");
    verrs ve = {0};
    if (o && !json_is_string(o)) verrs_add(&ve, "old_password", M_BAD_PARAM, 0);
    if (n && !json_is_string(n)) verrs_add(&ve, "new_password", M_BAD_PARAM, 0);
    rstatus rs = ve.n ? RS_INVALID
                      : account_change_password(&r->x, r->token, json_string_value(o),
                                                json_string_value(n), &ve);
    json_decref(j);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    reply_json(r, 200, json_pack("{s:b}", "changed", 1));
}

/* The caller's personal access tokens (never their secrets). */
void api_account_tokens(req *r)
{
    session_row *s;
    int n = 0;
    rstatus rs = account_tokens(&r->x, r->token, &s, &n);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items,
                              json_pack("{s:I,s:s,s:o,s:o,s:o,s:b}", "id", (json_int_t)s[i].id,
                                        "name", s[i].name, "created", iso_time(s[i].created),
                                        "expires", iso_time(s[i].expires), "last_used",
                                        s[i].seen ? iso_time(s[i].seen) : json_null(), "current",
                                        s[i].current));
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* A new token {name, days}, its secret in this answer only; from a signed-in session. */
void api_account_token_create(req *r)
{
    if (account_by_token(&r->x, r->token)) {
        reply_error(r, 403, M_TOKEN_FROM_SESSION, NULL);
        return;
    }
    json_t *j = body_object(r);
    if (!j) return;
    json_t *name = json_object_get(j, "name"), *days = json_object_get(j, "days");
    verrs ve = {0};
    if (name && !json_is_string(name)) verrs_add(&ve, "name", M_BAD_PARAM, 0);
    if (days && !json_is_integer(days)) verrs_add(&ve, "days", M_BAD_PARAM, 0);
    const char *d = days && json_is_integer(days)
                        ? arena_printf(&r->a, "%lld", (long long)json_integer_value(days))
                        : NULL;
    const char *token = NULL;
    rstatus rs =
        ve.n ? RS_INVALID : account_token_new(&r->x, json_string_value(name), d, &token, &ve);
    json_decref(j);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    session_row *s;
    int k = 0; /* the new one: newest first */
    if (account_tokens(&r->x, NULL, &s, &k) || !k) {
        reply_rs(r, RS_ERROR, NULL);
        return;
    }
    reply_json(r, 201,
               json_pack("{s:I,s:s,s:o,s:o,s:s}", "id", (json_int_t)s[0].id, "name", s[0].name,
                         "created", iso_time(s[0].created), "expires", iso_time(s[0].expires),
                         "token", token));
}

void api_account_token_revoke(req *r)
{
    rstatus rs = account_token_revoke(&r->x, r->id);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    r->status = 204;
    buf_reset(&r->out);
}

static json_t *settings_json(void)
{
    json_t *j = json_object();
    for (int i = 0; i < SET_COUNT; i++) {
        const setting_def *d = &settings_defs[i];
        json_t *o = json_pack("{s:I,s:s,s:I,s:I,s:I,s:s}", "value",
                              (json_int_t)settings_value((setting_id)i), "source",
                              settings_source((setting_id)i), "default", (json_int_t)d->def, "min",
                              (json_int_t)d->min, "max", (json_int_t)d->max, "env", d->env);
        if (d->roles) { /* the set's roles by name, as PUT takes them too */
            json_t *names = json_array();
            for (role k = ROLE_VIEWER; k <= ROLE_ADMIN; k++)
                if (settings_value((setting_id)i) & settings_role_bit(k))
                    json_array_append_new(names, json_string(role_name(k)));
            json_object_set_new(o, "roles", names);
        }
        json_object_set_new(j, d->name, o);
    }
    return j;
}

void api_settings(req *r)
{
    reply_json(r, 200, settings_json());
}

/* {"report_days": 7, "remind_days": null}: a number sets, null removes the stored value;
 * absent keys stay. */
void api_settings_put(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    const char *values[SET_COUNT] = {0};
    verrs ve = {0};
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v)
    {
        int i = 0;
        while (i < SET_COUNT && strcmp(settings_defs[i].name, k))
            i++;
        if (i == SET_COUNT) {
            verrs_add(&ve, arena_strdup(&r->a, k), M_UNKNOWN_FIELD, 0);
        } else if (json_is_null(v)) {
            values[i] = "";
        } else if (json_is_integer(v)) {
            values[i] = arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
        } else if (settings_defs[i].roles && json_is_array(v)) {
            /* ["admin", "leader"]: the roles by name ([] for none) */
            buf b = {0};
            size_t ix;
            json_t *e;
            bool bad = false;
            json_array_foreach(v, ix, e)
            {
                const char *name = json_string_value(e);
                if (!name || role_parse(name) == ROLE_NONE) bad = true;
                if (b.len) buf_putc(&b, ',');
                if (name) buf_puts(&b, name);
            }
            if (bad) verrs_add(&ve, settings_defs[i].name, M_SETTING_ROLES, 0);
            values[i] = arena_strdup(&r->a, b.len ? b.data : "none");
            buf_free(&b);
        } else {
            const setting_def *d = &settings_defs[i];
            verrs_add(&ve, d->name, M_SETTING_RANGE, d->max);
        }
    }
    json_decref(j);
    rstatus rs = ve.n ? RS_INVALID : settings_set(&r->x, values, &ve);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    reply_json(r, 200, settings_json());
}

void api_names(req *r)
{
    long long offset, limit;
    if (!q_number(r, "offset", 0, &offset) || !q_number(r, "limit", 100, &limit)) return;
    name_row *rows;
    int n = 0;
    long long total = 0;
    rstatus rs =
        names_find(&r->x, q_get(r, "q"), q_get(r, "country"), offset, limit, &rows, &n, &total);
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items,
                              json_pack("{s:s,s:s?,s:s?,s:s,s:b}", "code", rows[i].code, "name_en",
                                        rows[i].name_en, "name_vi", rows[i].name_vi, "kind",
                                        rows[i].subdivision ? "subdivision" : "country",
                                        "corrected", rows[i].corrected));
    reply_json(r, 200, json_pack("{s:I,s:o}", "total", (json_int_t)total, "items", items));
}

void api_names_put(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    const char *code = arena_strdup(&r->a, json_string_value(json_object_get(j, "code")));
    const char *name = arena_strdup(&r->a, json_string_value(json_object_get(j, "name")));
    json_decref(j);
    verrs ve = {0};
    rstatus rs = names_correct(&r->x, code, name, &ve);
    if (rs) {
        reply_rs(r, rs, &ve);
        return;
    }
    char *c = arena_strdup(&r->a, code);
    for (char *p = c; *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    const ref_country *rc = refdata_country(c);
    const ref_subdivision *rsub = rc ? NULL : refdata_subdivision(c);
    reply_json(r, 200,
               json_pack("{s:s,s:s?,s:b}", "code", c, "name_vi",
                         rc     ? rc->name_vi
                         : rsub ? rsub->name_vi
                                : NULL,
                         "corrected", 1));
}

void api_audit_log(req *r)
{
    long long offset, limit;
    if (!q_number(r, "offset", 0, &offset) || !q_number(r, "limit", 50, &limit)) return;
    audit_query q = {.username = q_get(r, "user"),
                     .entity = q_get(r, "entity"),
                     .from = q_get(r, "from"),
                     .to = q_get(r, "to"),
                     .limit = limit,
                     .offset = offset};
    audit_row *rows;
    int n = 0;
    long long total = 0;
    verrs ve = {0};
    rstatus rs = audit_search(&r->x, &q, &rows, &n, &total, &ve);
    if (rs == RS_INVALID) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    if (rs) {
        reply_rs(r, rs, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *old = rows[i].old_json ? json_loads(rows[i].old_json, 0, NULL) : NULL;
        json_t *new = rows[i].new_json ? json_loads(rows[i].new_json, 0, NULL) : NULL;
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:o,s:o}", "id", (json_int_t)rows[i].id,
                             "at", rows[i].at, "user", rows[i].username, "entity", rows[i].entity,
                             "record", (json_int_t)rows[i].rid, "action", rows[i].action, "old",
                             old ? old : json_null(), "new", new ? new : json_null()));
    }
    reply_json(r, 200,
               json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "offset",
                         (json_int_t)q.offset, "limit", (json_int_t)q.limit, "items", items));
}
