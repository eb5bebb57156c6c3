/* Administration pages (admin only, by the route table): users (list, create, role and
 * agency, deactivate and reactivate, password reset shown once, sessions and their end),
 * the reviewed Vietnamese names of countries and subdivisions, the settings, and the audit
 * log of the whole system. The actions are domain/users.c and domain/settings.c, shared
 * with the API (api_admin.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/entities.h"
#include "../domain/refdata.h"
#include "../domain/settings.h"
#include "../domain/auth.h"
#include "../domain/users.h"
#include "routes.h"

enum { AUDIT_PAGE = 50, NAMES_PAGE = 100 };

static const char *field_error(req *r, const verrs *ve, const char *f)
{
    for (int i = 0; ve && i < ve->n; i++)
        if (ve->e[i].field && !strcmp(ve->e[i].field, f))
            return arena_printf(&r->a, msg(ve->e[i].msg, r->lang), ve->e[i].arg);
    return NULL;
}

static void admin_nav(req *r)
{
    static const struct {
        const char *href;
        int label;
    } items[] = {{"/users", M_ADMIN_USERS},
                 {"/admin/names", M_ADMIN_NAMES},
                 {"/admin/settings", M_ADMIN_SETTINGS},
                 {"/admin/audit", M_ADMIN_AUDIT},
                 {"/province", M_NAV_PROVINCE}};
    html_printf(&r->out, "<nav class=\"actions\" aria-label=\"%s\">", T(r, M_ADMIN_MENU));
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        bool here = !strncmp(r->path, items[i].href, strlen(items[i].href));
        html_printf(&r->out,
                    here ? "<a href=\"%s\" aria-current=\"page\">%s</a> "
                         : "<a href=\"%s\">%s</a> ",
                    items[i].href, T(r, items[i].label));
    }
    html_printf(&r->out, "</nav>");
}

static void admin_begin(req *r, const char *title)
{
    page_begin(r, title);
    admin_nav(r);
    html_printf(&r->out, "<h1>%s</h1>", title);
}

static void fail_page(req *r, rstatus rs)
{
    page_error(r,
               rs == RS_NOTFOUND    ? 404
               : rs == RS_FORBIDDEN ? 403
               : rs == RS_CONFLICT  ? 409
                                    : 500,
               rs == RS_NOTFOUND    ? M_NOT_FOUND
               : rs == RS_FORBIDDEN ? M_FORBIDDEN
               : rs == RS_CONFLICT  ? M_CONFLICT
                                    : M_INTERNAL);
}

/* An input with its label, help and error; type "text" or "number" (inputmode numeric). */
static void text_field(req *r, const verrs *ve, const char *name, int label, const char *value,
                       int help, bool numeric)
{
    const char *err = field_error(r, ve, name);
    html_printf(
        &r->out,
        "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input type=\"text\" name=\"%s\" "
        "id=\"f-%s\" value=\"%s\"",
        err ? " invalid" : "", name, T(r, label), name, name, value);
    if (numeric) html_printf(&r->out, " inputmode=\"numeric\" pattern=\"[0-9]*\"");
    if (err) html_printf(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
    html_printf(&r->out, ">");
    if (help) html_printf(&r->out, "<small>%s</small>", T(r, help));
    if (err) html_printf(&r->out, "<p class=\"ferr\" id=\"e-%s\">%s</p>", name, err);
    html_printf(&r->out, "</div>");
}

const char *when_unix(req *r, long long t)
{
    char iso[32], out[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(&r->a, clock_local(iso, out));
}

/* ---- users */

static const char *user_state(req *r, const user_row *u)
{
    const char *s = T(r, u->disabled ? M_USER_DISABLED : M_USER_ACTIVE);
    return u->must_change ? arena_printf(&r->a, "%s · %s", s, T(r, M_USER_MUST_CHANGE)) : s;
}

void ui_users(req *r)
{
    user_row *u;
    int n = 0;
    rstatus rs = users_list(&r->x, &u, &n);
    if (rs) {
        fail_page(r, rs);
        return;
    }
    buf *o = &r->out;
    admin_begin(r, T(r, M_ADMIN_USERS));
    html_printf(o, "<p><a class=\"button primary\" href=\"/users/new\">%s</a></p>",
                T(r, M_USER_NEW));
    if (!n) html_printf(o, "<p>%s</p>", T(r, M_USER_NONE));
    html_printf(o,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>",
                T(r, M_USERNAME), T(r, M_USER_DISPLAY), T(r, M_USER_ROLE), T(r, M_USER_AGENCY),
                T(r, M_USER_STATE));
    for (int i = 0; i < n; i++)
        html_printf(
            o,
            "<tr><td data-label=\"%s\"><a href=\"/users/%D\">%s</a></td>"
            "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
            "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
            T(r, M_USERNAME), u[i].id, u[i].username, T(r, M_USER_DISPLAY), u[i].display_name,
            T(r, M_USER_ROLE), role_label(role_parse(u[i].role), r->lang), T(r, M_USER_AGENCY),
            users_agency_name(&r->x, u[i].agency_id), T(r, M_USER_STATE), user_state(r, &u[i]));
    html_printf(o, "</tbody></table>");
    page_end(r);
}

/* Role and agency choices of the user form. */
static void role_fields(req *r, const verrs *ve, const char *role_now, long long agency_now)
{
    buf *o = &r->out;
    const char *err = field_error(r, ve, "role");
    html_printf(o,
                "<div class=\"field%s\"><label for=\"f-role\">%s</label>"
                "<select name=\"role\" id=\"f-role\">",
                err ? " invalid" : "", T(r, M_USER_ROLE));
    for (int k = ROLE_ADMIN; k >= ROLE_VIEWER; k--)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", role_name((role)k),
                    role_now && !strcmp(role_now, role_name((role)k)) ? " selected" : "",
                    role_label((role)k, r->lang));
    html_printf(o, "</select>");
    if (err) html_printf(o, "<p class=\"ferr\">%s</p>", err);
    html_printf(o, "</div>");
    agency_choice *ag;
    int na = 0;
    users_agencies(&r->x, &ag, &na);
    err = field_error(r, ve, "agency_id");
    html_printf(o,
                "<div class=\"field%s\"><label for=\"f-agency_id\">%s</label>"
                "<select name=\"agency_id\" id=\"f-agency_id\"><option value=\"\">%s</option>",
                err ? " invalid" : "", T(r, M_USER_AGENCY), T(r, M_USER_NO_AGENCY));
    for (int i = 0; i < na; i++)
        html_printf(o, "<option value=\"%D\"%s>%s</option>", ag[i].id,
                    ag[i].id == agency_now ? " selected" : "", ag[i].name);
    html_printf(o, "</select>");
    if (err) html_printf(o, "<p class=\"ferr\">%s</p>", err);
    html_printf(o, "</div>");
}

static long long form_id(req *r, const char *name)
{
    const char *v = f_get(r, name);
    char *end = NULL;
    long long id = v && *v ? strtoll(v, &end, 10) : 0;
    return end && !*end && id > 0 ? id : 0;
}

static void new_user_page(req *r, const user_input *in, const verrs *ve)
{
    buf *o = &r->out;
    admin_begin(r, T(r, M_USER_NEW));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/users\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                r->csrf);
    text_field(r, ve, "username", M_USERNAME, in->username, M_USER_NAME_RULES, false);
    text_field(r, ve, "display_name", M_USER_DISPLAY, in->display_name, 0, false);
    role_fields(r, ve, in->role ? in->role : "officer", in->agency_id);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> "
                "<a href=\"/users\">%s</a></div></form>",
                T(r, M_SAVE), T(r, M_CANCEL));
    page_end(r);
}

void ui_user_new(req *r)
{
    user_input in = {0};
    new_user_page(r, &in, NULL);
}

/* The password an admin just made, on the answer to that POST only (never stored, never
 * shown again, not kept by caches). */
static void shown_once(req *r, const char *pw)
{
    add_header(r, "Cache-Control", "no-store");
    html_printf(&r->out,
                "<div class=\"warning\" role=\"status\"><p>%s</p><p><label for=\"temp-pw\">%s"
                "</label> <input id=\"temp-pw\" readonly value=\"%s\" size=\"20\"></p></div>",
                T(r, M_USER_TEMP_PW), T(r, M_PASSWORD), pw);
}

void ui_user_create(req *r)
{
    user_input in = {.username = f_get(r, "username"),
                     .display_name = f_get(r, "display_name"),
                     .role = f_get(r, "role"),
                     .agency_id = form_id(r, "agency_id")};
    verrs ve = {0};
    long long id = 0;
    char pw[USER_TEMP_PW];
    rstatus rs = users_create(&r->x, &in, &id, pw, &ve);
    if (rs == RS_INVALID) {
        r->status = 422;
        new_user_page(r, &in, &ve);
        return;
    }
    if (rs) {
        fail_page(r, rs);
        return;
    }
    r->status = 201;
    admin_begin(r, T(r, M_USER_CREATED));
    html_printf(&r->out, "<p><a href=\"/users/%D\">%s</a></p>", id, in.username);
    shown_once(r, pw);
    page_end(r);
    memset(pw, 0, sizeof pw);
}

/* One user's page: details, the edit form, state, password reset, sessions. notice: a
 * message shown on top (M_SAVED, ...), with arg; pw: a password just made, shown once. */
static void user_page(req *r, const user_row *u, const user_input *in, const verrs *ve, int notice,
                      long long arg, const char *pw)
{
    buf *o = &r->out;
    admin_begin(r, arena_printf(&r->a, "%s: %s", T(r, M_ADMIN_USERS), u->username));
    if (notice)
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>",
                    arena_printf(&r->a, T(r, notice), arg));
    if (pw) shown_once(r, pw);
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o,
                "<dl class=\"record\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                "<dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                T(r, M_USERNAME), u->username, T(r, M_USER_ROLE),
                role_label(role_parse(u->role), r->lang), T(r, M_USER_AGENCY),
                users_agency_name(&r->x, u->agency_id), T(r, M_USER_STATE), user_state(r, u));

    html_printf(o, "<h2>%s</h2>", T(r, M_EDIT));
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/users/%D\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                u->id, r->csrf);
    text_field(r, ve, "display_name", M_USER_DISPLAY, in->display_name, 0, false);
    role_fields(r, ve, in->role, in->agency_id);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button>"
                "</div></form>",
                T(r, M_SAVE));

    const char *aerr = field_error(r, ve, "active");
    if (aerr) html_printf(o, "<p class=\"ferr\">%s</p>", aerr);
    if (u->id != r->x.user_id) /* nobody locks themselves out */
        html_printf(
            o,
            "<h2>%s</h2><form class=\"actions\" method=\"post\" action=\"/users/%D/active\"><input "
            "type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
            "name=\"active\" value=\"%s\"><button type=\"submit\" class=\"%s\">%s</button> "
            "<small>%s</small></form>",
            T(r, M_USER_STATE), u->id, r->csrf, u->disabled ? "1" : "0",
            u->disabled ? "primary" : "danger",
            T(r, u->disabled ? M_USER_REACTIVATE : M_USER_DEACTIVATE),
            u->disabled ? "" : T(r, M_USER_DEACTIVATE_HELP));

    html_printf(o, "<h2>%s</h2>", T(r, M_USER_RESET));
    html_printf(o,
                "<form class=\"actions\" method=\"post\" action=\"/users/%D/password\"><input "
                "type=\"hidden\" "
                "name=\"csrf\" value=\"%s\"><button type=\"submit\">%s</button> <small>%s</small>"
                "</form>",
                u->id, r->csrf, T(r, M_USER_RESET), T(r, M_USER_RESET_HELP));

    html_printf(o, "<h2 id=\"totp\">%s</h2>", T(r, M_USER_TOTP));
    if (u->totp_secret)
        html_printf(o,
                    "<form class=\"actions\" method=\"post\" action=\"/users/%D/totp\"><input "
                    "type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\" "
                    "class=\"danger\">%s</button> <small>%s</small></form>",
                    u->id, r->csrf, T(r, M_USER_TOTP_RESET), T(r, M_USER_TOTP_RESET_HELP));
    else
        html_printf(o, "<p>%s%s</p>", T(r, M_TOTP_OFF_SHORT),
                    auth_totp_required(role_parse(u->role)) ? T(r, M_TOTP_AT_NEXT_LOGIN) : "");

    session_row *s;
    int n = 0;
    users_sessions(&r->x, u->id, r->token, &s, &n);
    html_printf(o, "<h2 id=\"sessions\">%s</h2>", T(r, M_SESSIONS));
    if (!n) {
        html_printf(o, "<p>%s</p>", T(r, M_SESSION_NONE));
    } else {
        html_printf(o,
                    "<table class=\"list\"><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th>"
                    "<th></th></tr></thead><tbody>",
                    T(r, M_SESSION_KIND), T(r, M_SESSION_CREATED), T(r, M_SESSION_EXPIRES));
        for (int i = 0; i < n; i++) {
            html_printf(o,
                        "<tr><td data-label=\"#\">%D</td><td data-label=\"%s\">%s %s</td>"
                        "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                        "<td class=\"actions\"><form method=\"post\" action=\"/users/%D/sessions\">"
                        "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
                        "name=\"session\" value=\"%D\"><button type=\"submit\" class=\"link\">%s"
                        "</button></form></td></tr>",
                        s[i].id, T(r, M_SESSION_KIND),
                        T(r, strcmp(s[i].kind, "api") ? M_SESSION_WEB : M_SESSION_API),
                        s[i].current ? T(r, M_SESSION_THIS) : "", T(r, M_SESSION_CREATED),
                        when_unix(r, s[i].created), T(r, M_SESSION_EXPIRES),
                        when_unix(r, s[i].expires), u->id, r->csrf, s[i].id,
                        T(r, M_SESSION_REVOKE));
        }
        html_printf(
            o,
            "</tbody></table><form class=\"actions\" method=\"post\" action=\"/users/%D/sessions\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
            "name=\"session\" value=\"all\"><p><button type=\"submit\">%s</button></p>"
            "</form>",
            u->id, r->csrf, T(r, M_SESSION_REVOKE_ALL));
    }
    html_printf(o, "<p><a href=\"/admin/audit?entity=user\">%s</a></p>", T(r, M_ADMIN_AUDIT));
    page_end(r);
}

static bool load_user(req *r, user_row *u)
{
    rstatus rs = users_get(&r->x, r->id, u);
    if (rs) fail_page(r, rs);
    return rs == RS_OK;
}

static user_input input_of(const user_row *u)
{
    return (user_input){
        .display_name = u->display_name, .role = u->role, .agency_id = u->agency_id};
}

void ui_user_show(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    user_input in = input_of(&u);
    int notice = q_get(r, "saved") ? M_SAVED : 0;
    long long ended = 0;
    if (q_get(r, "ended")) notice = M_SESSIONS_ENDED, ended = atoll(q_get(r, "ended"));
    if (q_get(r, "totp")) notice = M_USER_TOTP_DONE;
    user_page(r, &u, &in, NULL, notice, ended, NULL);
}

void ui_user_update(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    user_input in = {.display_name = f_get(r, "display_name"),
                     .role = f_get(r, "role"),
                     .agency_id = form_id(r, "agency_id")};
    verrs ve = {0};
    rstatus rs = users_update(&r->x, u.id, &in, &ve);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/users/%lld?saved=1", u.id));
    } else if (rs == RS_INVALID) {
        r->status = 422;
        user_page(r, &u, &in, &ve, 0, 0, NULL);
    } else {
        fail_page(r, rs);
    }
}

void ui_user_active(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    const char *a = f_get(r, "active");
    verrs ve = {0};
    rstatus rs = users_set_active(&r->x, u.id, a && !strcmp(a, "1"), &ve);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/users/%lld?saved=1", u.id));
    } else if (rs == RS_INVALID) {
        r->status = 422;
        user_input in = input_of(&u);
        user_page(r, &u, &in, &ve, 0, 0, NULL);
    } else {
        fail_page(r, rs);
    }
}

void ui_user_reset(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    char pw[USER_TEMP_PW];
    rstatus rs = users_reset_password(&r->x, u.id, pw);
    if (rs) {
        fail_page(r, rs);
        return;
    }
    load_user(r, &u);
    user_input in = input_of(&u);
    user_page(r, &u, &in, NULL, 0, 0, pw);
    memset(pw, 0, sizeof pw);
}

void ui_user_revoke(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    const char *s = f_get(r, "session");
    long long sid = s && !strcmp(s, "all") ? 0 : form_id(r, "session"), ended = 0;
    if (!s || (strcmp(s, "all") && sid <= 0)) {
        page_error(r, 400, M_BAD_PARAM);
        return;
    }
    rstatus rs = users_revoke(&r->x, u.id, sid, &ended);
    if (rs) {
        fail_page(r, rs);
        return;
    }
    /* an admin who ends their own session is logged out: the next page asks for a login */
    redirect(r, arena_printf(&r->a, "/users/%lld?ended=%lld#sessions", u.id, ended));
}

void ui_user_totp_reset(req *r)
{
    user_row u;
    if (!load_user(r, &u)) return;
    rstatus rs = users_totp_reset(&r->x, u.id);
    if (rs) {
        fail_page(r, rs);
        return;
    }
    redirect(r, arena_printf(&r->a, "/users/%lld?totp=reset", u.id));
}

void ui_admin_home(req *r)
{
    redirect(r, "/users");
}

/* ---- reviewed names */

static void names_page(req *r, const char *code, const char *name, const verrs *ve, bool saved)
{
    buf *o = &r->out;
    const char *q = q_get(r, "q"), *country = q_get(r, "country"), *off = q_get(r, "offset");
    long long offset = off ? atoll(off) : 0;
    name_row *rows;
    int n = 0;
    long long total = 0;
    rstatus rs = names_find(&r->x, q, country, offset, NAMES_PAGE, &rows, &n, &total);
    if (rs) {
        fail_page(r, rs);
        return;
    }
    admin_begin(r, T(r, M_ADMIN_NAMES));
    if (saved) html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_NAMES_SAVED));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    if (code && !name) {
        const ref_country *c = refdata_country(code);
        const ref_subdivision *s = c ? NULL : refdata_subdivision(code);
        name = c ? c->name_vi : s ? s->name_vi : NULL;
    }
    html_printf(o,
                "<h2 id=\"fix\">%s</h2><form class=\"record\" method=\"post\" "
                "action=\"/admin/names\" novalidate><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\">",
                T(r, M_NAMES_CORRECT), r->csrf);
    text_field(r, ve, "code", M_NAMES_CODE, code, 0, false);
    text_field(r, ve, "name", M_NAMES_VI, name, 0, false);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button>"
                "</div></form>",
                T(r, M_SAVE));
    html_printf(o,
                "<h2>%s</h2><form class=\"filters\" method=\"get\" action=\"/admin/names\">"
                "<label>%s<input type=\"search\" name=\"q\" value=\"%s\"></label>"
                "<label>%s<input type=\"text\" name=\"country\" value=\"%s\" size=\"4\" "
                "maxlength=\"2\"></label>"
                "<button type=\"submit\">%s</button></form>",
                T(r, M_FILTER), T(r, M_NAMES_HINT), q, T(r, M_NAMES_COUNTRY), country,
                T(r, M_FILTER));
    html_printf(o, "<p class=\"count\">%s</p>", arena_printf(&r->a, T(r, M_NAMES_N), total));
    html_printf(o,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th></th>"
                "</tr></thead><tbody>",
                T(r, M_NAMES_CODE), T(r, M_NAMES_EN), T(r, M_NAMES_VI));
    for (int i = 0; i < n; i++) {
        html_printf(o,
                    "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%s",
                    T(r, M_NAMES_CODE), rows[i].code, T(r, M_NAMES_EN), rows[i].name_en,
                    T(r, M_NAMES_VI), rows[i].name_vi);
        if (rows[i].corrected)
            html_printf(o, " <span class=\"badge\">%s</span>", T(r, M_NAMES_REVIEWED));
        html_printf(o,
                    "</td><td class=\"actions\"><a href=\"/admin/names?code=%u#fix\">%s</a>"
                    "</td></tr>",
                    rows[i].code, T(r, M_EDIT));
    }
    html_printf(o, "</tbody></table><nav class=\"pager\" aria-label=\"%s\">", T(r, M_PAGES));
    if (offset > 0)
        html_printf(o, "<a href=\"/admin/names?q=%u&amp;country=%u&amp;offset=%D\">%s</a>", q,
                    country, offset > NAMES_PAGE ? offset - NAMES_PAGE : 0, T(r, M_PREV));
    if (offset + n < total)
        html_printf(o, "<a href=\"/admin/names?q=%u&amp;country=%u&amp;offset=%D\">%s</a>", q,
                    country, offset + NAMES_PAGE, T(r, M_NEXT));
    html_printf(o, "</nav>");
    page_end(r);
}

void ui_names(req *r)
{
    names_page(r, q_get(r, "code"), NULL, NULL, q_get(r, "saved") != NULL);
}

void ui_names_save(req *r)
{
    const char *code = f_get(r, "code"), *name = f_get(r, "name");
    verrs ve = {0};
    rstatus rs = names_correct(&r->x, code, name, &ve);
    if (rs == RS_OK) {
        buf b = {0};
        html_urlenc(&b, code);
        redirect(r, arena_printf(&r->a, "/admin/names?saved=1&q=%s", buf_cstr(&b)));
        buf_free(&b);
    } else if (rs == RS_INVALID) {
        r->status = 422;
        names_page(r, code, name, &ve, false);
    } else {
        fail_page(r, rs);
    }
}

/* ---- settings */

/* A set of roles: a box for each (value: the set's number, or NULL for the one in force);
 * named NAME.ROLE; a hidden field NAME_shown tells a form with nothing ticked from a form
 * without the setting. */
static void roles_field(req *r, const verrs *ve, const setting_def *d, const char *value)
{
    buf *o = &r->out;
    long set = settings_value((setting_id)(d - settings_defs));
    if (value && *value >= '0' && *value <= '9') {
        set = atol(value);
    } else if (value) { /* a form sent back: the names ticked */
        set = 0;
        for (role k = ROLE_VIEWER; k <= ROLE_ADMIN; k++) {
            const char *p = strstr(value, role_name(k));
            size_t n = strlen(role_name(k));
            if (p && (p == value || p[-1] == ',') && (p[n] == ',' || !p[n]))
                set |= settings_role_bit(k);
        }
    }
    const char *err = field_error(r, ve, d->name);
    html_printf(o,
                "<fieldset class=\"field%s\"><legend>%s</legend><input type=\"hidden\" "
                "name=\"%s_shown\" value=\"1\">",
                err ? " invalid" : "", T(r, d->label), d->name);
    for (role k = ROLE_VIEWER; k <= ROLE_ADMIN; k++)
        html_printf(o,
                    "<label class=\"check\"><input type=\"checkbox\" name=\"%s.%s\" value=\"1\"%s> "
                    "%s</label>",
                    d->name, role_name(k), set & settings_role_bit(k) ? " checked" : "",
                    role_label(k, r->lang));
    html_printf(o, "<small>%s</small>", T(r, d->help));
    if (err) html_printf(o, "<p class=\"ferr\">%s</p>", err);
    html_printf(o, "</fieldset>");
}

/* The roles ticked for setting d in the form, as the setting takes them ("admin,leader";
 * "" for none); NULL when the form does not hold the setting. */
static const char *roles_of_form(req *r, const setting_def *d)
{
    bool seen = f_get(r, arena_printf(&r->a, "%s_shown", d->name)) != NULL;
    buf b = {0};
    for (role k = ROLE_VIEWER; k <= ROLE_ADMIN; k++) {
        if (!f_get(r, arena_printf(&r->a, "%s.%s", d->name, role_name(k)))) continue;
        if (b.len) buf_putc(&b, ',');
        buf_puts(&b, role_name(k));
    }
    const char *s = seen ? arena_strdup(&r->a, b.len ? b.data : "") : NULL;
    buf_free(&b);
    return s;
}

static void settings_page(req *r, const char *const values[SET_COUNT], const verrs *ve, bool saved)
{
    buf *o = &r->out;
    admin_begin(r, T(r, M_ADMIN_SETTINGS));
    if (saved) html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_SAVED));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/admin/settings\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                r->csrf);
    for (int i = 0; i < SET_COUNT; i++) {
        const setting_def *d = &settings_defs[i];
        if (d->roles) {
            roles_field(r, ve, d, values[i]);
            continue;
        }
        text_field(r, ve, d->name, d->label, values[i], d->help, true);
        const char *src = settings_source((setting_id)i);
        html_printf(o, "<p><small>%s %s · %s</small></p>",
                    arena_printf(&r->a, T(r, M_SET_SOURCE), (long long)settings_value(i)),
                    T(r, !strcmp(src, "database")      ? M_SET_FROM_DB
                         : !strcmp(src, "environment") ? M_SET_FROM_ENV
                                                       : M_SET_FROM_DEFAULT),
                    T(r, M_SET_BLANK_HELP));
    }
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button>"
                "</div></form>",
                T(r, M_SAVE));
    page_end(r);
}

void ui_settings(req *r)
{
    const char *values[SET_COUNT];
    for (int i = 0; i < SET_COUNT; i++)
        values[i] = strcmp(settings_source((setting_id)i), "database")
                        ? ""
                        : arena_printf(&r->a, "%ld", settings_value((setting_id)i));
    settings_page(r, values, NULL, q_get(r, "saved") != NULL);
}

void ui_settings_save(req *r)
{
    const char *values[SET_COUNT];
    for (int i = 0; i < SET_COUNT; i++)
        values[i] = settings_defs[i].roles ? roles_of_form(r, &settings_defs[i])
                                           : f_get(r, settings_defs[i].name);
    verrs ve = {0};
    rstatus rs = settings_set(&r->x, values, &ve);
    if (rs == RS_OK) {
        redirect(r, "/admin/settings?saved=1");
    } else if (rs == RS_INVALID) {
        r->status = 422;
        settings_page(r, values, &ve, false);
    } else {
        fail_page(r, rs);
    }
}

/* ---- the audit log */

static const char *entity_label(req *r, const char *name)
{
    const entity *e = entity_by_name(name);
    if (e) return is_en(r) ? e->en : e->vi;
    if (!strcmp(name, "user")) return T(r, M_ENT_USER);
    if (!strcmp(name, "setting")) return T(r, M_ENT_SETTING);
    if (!strcmp(name, "name")) return T(r, M_ENT_NAME);
    if (!strcmp(name, "province")) return T(r, M_NAV_PROVINCE);
    return name;
}

/* "key: old → new" for each value that differs (never more than the audit holds). */
static void changes(req *r, const audit_row *a)
{
    buf *o = &r->out;
    json_t *old = a->old_json ? json_loads(a->old_json, 0, NULL) : NULL;
    json_t *new = a->new_json ? json_loads(a->new_json, 0, NULL) : NULL;
    json_t *keys = json_object();
    if (json_is_object(old)) json_object_update(keys, old);
    if (json_is_object(new)) json_object_update(keys, new);
    html_printf(o, "<ul class=\"changes\">");
    const char *k;
    json_t *unused;
    int shown = 0;
    json_object_foreach(keys, k, unused)
    {
        json_t *ov = json_object_get(old, k), *nv = json_object_get(new, k);
        if (ov && nv && json_equal(ov, nv)) continue;
        char *os =
            ov ? json_dumps(ov, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
        char *ns =
            nv ? json_dumps(nv, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
        html_printf(o, "<li>%s: ", k);
        if (os) html_printf(o, "<del>%s</del> ", os);
        if (os && ns) html_printf(o, "→ ");
        if (ns) html_printf(o, "<ins>%s</ins>", ns);
        html_printf(o, "</li>");
        free(os);
        free(ns);
        if (++shown == 12) break;
    }
    html_printf(o, "</ul>");
    json_decref(keys);
    json_decref(old);
    json_decref(new);
}

void ui_audit_log(req *r)
{
    buf *o = &r->out;
    const char *off = q_get(r, "offset");
    audit_query q = {.username = q_get(r, "user"),
                     .entity = q_get(r, "entity"),
                     .from = q_get(r, "from"),
                     .to = q_get(r, "to"),
                     .limit = AUDIT_PAGE,
                     .offset = off ? atoll(off) : 0};
    audit_row *rows = NULL;
    int n = 0;
    long long total = 0;
    verrs ve = {0};
    rstatus rs = audit_search(&r->x, &q, &rows, &n, &total, &ve);
    if (rs && rs != RS_INVALID) {
        fail_page(r, rs);
        return;
    }
    if (rs == RS_INVALID) r->status = 400;
    admin_begin(r, T(r, M_ADMIN_AUDIT));
    user_row *users;
    int nu = 0;
    users_list(&r->x, &users, &nu);
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/admin/audit\"><label>%s"
                "<select name=\"user\"><option value=\"\">%s</option>",
                T(r, M_AUDIT_USER), T(r, M_ALL));
    bool system_listed = false;
    for (int i = 0; i < nu; i++)
        html_printf(o, "<option%s>%s</option>",
                    q.username && !strcmp(q.username, users[i].username) ? " selected" : "",
                    users[i].username);
    for (int i = 0; i < nu; i++)
        system_listed |= !strcmp(users[i].username, "system");
    if (!system_listed)
        html_printf(o, "<option%s>system</option>",
                    q.username && !strcmp(q.username, "system") ? " selected" : "");
    html_printf(o,
                "</select></label><label>%s<select name=\"entity\"><option value=\"\">%s</option>",
                T(r, M_AUDIT_ENTITY), T(r, M_ALL));
    for (int i = 0; ngv_entities[i]; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", ngv_entities[i]->name,
                    q.entity && !strcmp(q.entity, ngv_entities[i]->name) ? " selected" : "",
                    entity_label(r, ngv_entities[i]->name));
    for (int i = 0; audit_extra_entities[i]; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", audit_extra_entities[i],
                    q.entity && !strcmp(q.entity, audit_extra_entities[i]) ? " selected" : "",
                    entity_label(r, audit_extra_entities[i]));
    html_printf(o, "</select></label>");
    const char *ferr = field_error(r, &ve, "from"), *terr = field_error(r, &ve, "to");
    html_printf(o, "<label>%s<input type=\"date\" name=\"from\" value=\"%s\"></label>",
                T(r, M_AUDIT_FROM), q.from);
    if (ferr) html_printf(o, "<span class=\"ferr\">%s</span>", ferr);
    html_printf(o, "<label>%s<input type=\"date\" name=\"to\" value=\"%s\"></label>",
                T(r, M_AUDIT_TO), q.to);
    if (terr) html_printf(o, "<span class=\"ferr\">%s</span>", terr);
    html_printf(o, "<button type=\"submit\">%s</button></form>", T(r, M_FILTER));
    if (rs == RS_INVALID) {
        html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
        page_end(r);
        return;
    }
    html_printf(o, "<p class=\"count\">%s</p>", arena_printf(&r->a, T(r, M_AUDIT_N), total));
    if (!n) html_printf(o, "<p>%s</p>", T(r, M_AUDIT_NONE));
    html_printf(o,
                "<table class=\"list audit\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr></thead><tbody>",
                T(r, M_AUDIT_AT), T(r, M_AUDIT_USER), T(r, M_AUDIT_RECORD), T(r, M_ACTION),
                T(r, M_AUDIT_CHANGES));
    for (int i = 0; i < n; i++) {
        const audit_row *a = &rows[i];
        const entity *e = entity_by_name(a->entity);
        html_printf(o,
                    "<tr><td data-label=\"%s\"><time datetime=\"%s\">%s</time></td>"
                    "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s ",
                    T(r, M_AUDIT_AT), a->at,
                    arena_printf(&r->a, "%.10s %.5s", a->at, strlen(a->at) > 11 ? a->at + 11 : ""),
                    T(r, M_AUDIT_USER), a->username, T(r, M_AUDIT_RECORD),
                    entity_label(r, a->entity));
        if (e && a->rid > 0)
            html_printf(o, "<a href=\"/%s/%D\">#%D</a>", e->table, a->rid, a->rid);
        else if (!strcmp(a->entity, "user") && a->rid > 0)
            html_printf(o, "<a href=\"/users/%D\">#%D</a>", a->rid, a->rid);
        html_printf(o, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", T(r, M_ACTION),
                    T(r, !strcmp(a->action, "create")   ? M_ACT_CREATE
                         : !strcmp(a->action, "delete") ? M_ACT_DELETE
                                                        : M_ACT_UPDATE),
                    T(r, M_AUDIT_CHANGES));
        changes(r, a);
        html_printf(o, "</td></tr>");
    }
    html_printf(o, "</tbody></table><nav class=\"pager\" aria-label=\"%s\">", T(r, M_PAGES));
    if (q.offset > 0)
        html_printf(o,
                    "<a href=\"/admin/audit?user=%u&amp;entity=%u&amp;from=%u&amp;to=%u&amp;"
                    "offset=%D\">%s</a>",
                    q.username, q.entity, q.from, q.to,
                    q.offset > AUDIT_PAGE ? q.offset - AUDIT_PAGE : 0, T(r, M_PREV));
    if (q.offset + n < total)
        html_printf(o,
                    "<a href=\"/admin/audit?user=%u&amp;entity=%u&amp;from=%u&amp;to=%u&amp;"
                    "offset=%D\">%s</a>",
                    q.username, q.entity, q.from, q.to, q.offset + AUDIT_PAGE, T(r, M_NEXT));
    html_printf(o, "</nav>");
    page_end(r);
}
