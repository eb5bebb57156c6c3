/* Login, logout and the language switch. */
#include <sodium.h>
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/auth.h"
#include "../domain/users.h"
#include "routes.h"

/* Only a path provably on this site is followed after login or a language switch (no open
 * redirect): one leading "/", then printable ASCII only (the links this server makes are
 * percent-encoded), no backslash anywhere and no second slash at the start. Browsers drop
 * tabs and line breaks from a Location before they read it, so "/<TAB>/evil.example"
 * would become "//evil.example", another site: any control character refuses the path. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || strlen(next) > LOCATION_MAX) return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '\\') return "/";
    return next;
}

/* The form being resumed through the login (see below): its address and fields, hidden. */
static void carry_resume(req *r)
{
    const char *resume = f_get(r, "resume");
    if (!resume || !strcmp(safe_next(resume), "/")) return;
    html_printf(&r->out, "<input type=\"hidden\" name=\"resume\" value=\"%s\">", resume);
    for (kv *k = r->form; k; k = k->next)
        if (!strncmp(k->key, "resume.", 7))
            html_printf(&r->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", k->key,
                        k->val);
}

/* The login form. notice: a message above it (logged out, session expired), or 0. A form
 * whose session had expired comes along as hidden "resume." fields and its address in
 * "resume": what the user typed is kept through the login (see ui_login). */
static void login_page(req *r, int error, int notice)
{
    /* Login has no session yet: its CSRF token is a cookie the form must repeat. */
    unsigned char rnd[16];
    char tok[33];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(tok, sizeof tok, rnd, sizeof rnd);
    set_cookie(r, "lcsrf", tok, 3600, true);
    page_begin(r, T(r, M_LOGIN));
    buf *o = &r->out;
    html_printf(o, "<section class=\"login\"><h1>%s</h1>", T(r, M_LOGIN));
    if (notice) html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, notice));
    if (error) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, error));
    html_printf(o,
                "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\"><input type=\"hidden\" name=\"next\" value=\"%s\">",
                tok, safe_next(f_get(r, "next") ? f_get(r, "next") : q_get(r, "next")));
    carry_resume(r);
    html_printf(o,
                "<p><label for=\"username\">%s</label><input id=\"username\" type=\"text\" "
                "name=\"username\" "
                "autocomplete=\"username\" required autofocus value=\"%s\"></p><p><label "
                "for=\"password\">%s</label><input id=\"password\" type=\"password\" "
                "name=\"password\" autocomplete=\"current-password\" required></p>"
                "<button type=\"submit\" class=\"primary\">%s</button></form></section>",
                T(r, M_USERNAME), f_get(r, "username"), T(r, M_PASSWORD), T(r, M_LOGIN));
    page_end(r);
}

void ui_login_form(req *r)
{
    if (r->authed) {
        redirect(r, safe_next(q_get(r, "next")));
        return;
    }
    login_page(r, 0, q_get(r, "bye") ? M_LOGGED_OUT : q_get(r, "expired") ? M_SESSION_EXPIRED : 0);
}

void ui_login_resume(req *r)
{
    /* the session of a form being sent has expired: its fields become the login form's
     * "resume." fields (files cannot come along), and the page says so */
    kv *keep = NULL;
    for (kv *k = r->form; k; k = k->next) {
        if (k->filename || !strcmp(k->key, "csrf")) continue;
        kv *c = arena_alloc(&r->a, sizeof *c);
        *c = *k;
        c->key = arena_printf(&r->a, "resume.%s", k->key);
        c->next = keep;
        keep = c;
    }
    kv *res = arena_alloc(&r->a, sizeof *res);
    *res = (kv){.key = "resume", .val = arena_strdup(&r->a, r->path), .next = keep};
    r->form = res;
    r->status = 401;
    buf_reset(&r->out);
    r->headers = NULL;
    login_page(r, 0, M_SESSION_EXPIRED_KEPT);
}

/* After a login that resumes a form: the form again, as typed, with the new session's
 * token, one click from being sent (nothing is sent without the user seeing it). */
static void resume_page(req *r, const char *action, const char *csrf)
{
    page_begin(r, T(r, M_RESUME_TITLE));
    buf *o = &r->out;
    html_printf(o,
                "<section class=\"login\"><h1>%s</h1><p>%s</p><form method=\"post\" "
                "action=\"%s\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                T(r, M_RESUME_TITLE), T(r, M_RESUME_HELP), action, csrf);
    /* the fields in the order they were typed (the list holds them newest first) */
    int n = 0;
    for (kv *k = r->form; k; k = k->next)
        n += !strncmp(k->key, "resume.", 7);
    kv **v = arena_alloc(&r->a, sizeof(kv *) * (size_t)(n ? n : 1));
    int i = n;
    for (kv *k = r->form; k; k = k->next)
        if (!strncmp(k->key, "resume.", 7)) v[--i] = k;
    for (i = 0; i < n; i++)
        html_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", v[i]->key + 7,
                    v[i]->val);
    html_printf(o,
                "<button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" "
                "href=\"/\">%s</a></form></section>",
                T(r, M_RESUME_SEND), T(r, M_CANCEL));
    page_end(r);
}

/* The session of a login that has passed every step: its cookie, then the form being
 * resumed, the recovery codes just made (codes, with their count), or the page asked for. */
static void login_done(req *r, const user_row *u, const char *const *codes, int ncodes)
{
    const char *token, *csrf;
    if (auth_session_new(r->c, &r->a, u->id, "web", &token, &csrf) != ST_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    set_cookie(r, "sid", token, SESSION_SECONDS, true);
    set_cookie(r, "lcsrf", "", 0, true);
    /* this browser is now one the user logs in from (auth_login: an attack on the account
     * from elsewhere does not hold it back) */
    const char *dev = auth_device_remember(r->c, &r->a, u->id, cookie_get(r, "dev"));
    if (dev) set_cookie(r, "dev", dev, 180LL * 86400, true);
    const char *resume = f_get(r, "resume");
    bool resuming = resume && strcmp(safe_next(resume), "/") != 0;
    if (resuming || codes) {
        /* the page's frame is the new session's */
        r->authed = true;
        r->user = *u;
        r->csrf = csrf;
        r->x.role = role_parse(u->role);
        r->x.user_id = u->id;
    }
    if (codes) {
        recovery_page(r, codes, ncodes, resuming ? "/" : safe_next(f_get(r, "next")));
        return;
    }
    if (resuming) {
        resume_page(r, safe_next(resume), csrf);
        return;
    }
    redirect(r, safe_next(f_get(r, "next")));
}

/* The second step of a login: the code (ticket: the first step's), or, with secret, the
 * enrolment its role requires: the QR code and key of the new secret, and its first code. */
static void code_page(req *r, const char *ticket, const user_row *u, const char *secret, int error)
{
    page_begin(r, T(r, M_TOTP_TITLE));
    buf *o = &r->out;
    html_printf(o, "<section class=\"login\"><h1>%s</h1>", T(r, M_TOTP_TITLE));
    if (error) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, error));
    if (secret) {
        html_printf(o, "<p class=\"warning\">%s</p><p>%s</p>", T(r, M_TOTP_ENROL_REQUIRED),
                    T(r, M_TOTP_SCAN));
        totp_secret_block(r, secret, u->username);
    } else {
        html_printf(o, "<p>%s</p>", T(r, M_TOTP_LOGIN_HELP));
    }
    html_printf(o,
                "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\"><input type=\"hidden\" name=\"ticket\" value=\"%s\">"
                "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                f_get(r, "csrf"), ticket, safe_next(f_get(r, "next")));
    carry_resume(r);
    html_printf(o,
                "<p><label for=\"code\">%s</label><input id=\"code\" name=\"code\" "
                "autocomplete=\"one-time-code\" inputmode=\"%s\" required autofocus "
                "maxlength=\"16\"%s><small>%s</small></p>"
                "<button type=\"submit\" class=\"primary\">%s</button></form></section>",
                T(r, M_TOTP_CODE), secret ? "numeric" : "text",
                error ? " aria-invalid=\"true\"" : "", secret ? "" : T(r, M_TOTP_CODE_HELP),
                T(r, secret ? M_TOTP_CONFIRM : M_TOTP_VERIFY));
    page_end(r);
}

/* POST /login with a ticket: the second step. */
static void login_code(req *r)
{
    const char *ticket = f_get(r, "ticket"), *secret = NULL, *code = f_get(r, "code");
    long long uid = 0;
    user_row u;
    int rc = auth_ticket_take(r->c, &r->a, ticket, &uid, &secret);
    if (rc == ST_OK) rc = st_user_get_id(r->c, &r->a, uid, &u);
    if (rc == ST_OK && u.disabled) rc = ST_NOTFOUND;
    if (rc != ST_OK) {
        r->status = rc == ST_NOTFOUND ? 401 : 500;
        login_page(r, rc == ST_NOTFOUND ? M_TOTP_TICKET_GONE : M_INTERNAL, 0);
        return;
    }
    if (secret) {
        /* the enrolment: the first code proves the app holds the secret */
        ctx x = r->x;
        x.user_id = u.id;
        x.username = u.username;
        x.role = role_parse(u.role);
        const char *codes[AUTH_RECOVERY_CODES];
        verrs ve = {0};
        rstatus rs = account_totp_enable(&x, secret, code, codes, &ve);
        if (rs == RS_OK) {
            auth_ticket_end(r->c, &r->a, ticket);
            login_done(r, &u, codes, AUTH_RECOVERY_CODES);
            return;
        }
        r->status = rs == RS_INVALID ? 401 : 500;
        code_page(r, ticket, &u, secret,
                  rs != RS_INVALID ? M_INTERNAL
                  : ve.n           ? ve.e[0].msg
                                   : M_TOTP_WRONG);
        return;
    }
    bool recovery = false;
    auth_status s = auth_login_code(r->c, &r->a, &u, code, r->client, &recovery);
    if (s != AUTH_OK) {
        r->status = s == AUTH_LIMITED ? 429 : s == AUTH_BAD ? 401 : 500;
        code_page(r, ticket, &u, NULL,
                  s == AUTH_LIMITED ? M_TOTP_TOO_MANY
                  : s == AUTH_BAD   ? M_TOTP_WRONG
                                    : M_INTERNAL);
        return;
    }
    auth_ticket_end(r->c, &r->a, ticket);
    if (recovery && !f_get(r, "resume")) {
        /* after a recovery code, the account page says how many are left */
        kv *n = arena_alloc(&r->a, sizeof *n);
        *n = (kv){.key = "next", .val = "/account?recovered=1", .next = r->form};
        r->form = n;
    }
    login_done(r, &u, NULL, 0);
}

/* POST /login: the password. */
static void login_password(req *r)
{
    user_row u;
    long long wait;
    auth_status s = auth_login(r->c, &r->a, f_get(r, "username"), f_get(r, "password"), r->client,
                               cookie_get(r, "dev"), &u, &wait);
    if (s != AUTH_OK) {
        if (s == AUTH_LIMITED) add_header(r, "Retry-After", arena_printf(&r->a, "%lld", wait));
        r->status = s == AUTH_LIMITED ? 429 : s == AUTH_BAD ? 401 : 500;
        login_page(r,
                   s == AUTH_LIMITED ? M_RATE_LIMITED
                   : s == AUTH_BAD   ? M_BAD_LOGIN
                                     : M_INTERNAL,
                   0);
        return;
    }
    if (u.totp_secret || auth_totp_required(role_parse(u.role))) {
        /* the second factor, or its enrolment where the role requires one: a ticket for
         * the next step (five minutes, five tries), no session yet */
        const char *secret = u.totp_secret ? NULL : auth_totp_new_secret(&r->a);
        const char *ticket;
        if (!u.totp_secret && !secret) {
            page_error(r, 500, M_INTERNAL);
            return;
        }
        if (auth_ticket_new(r->c, &r->a, u.id, secret, &ticket) != ST_OK) {
            page_error(r, 500, M_INTERNAL);
            return;
        }
        code_page(r, ticket, &u, secret, 0);
        return;
    }
    login_done(r, &u, NULL, 0);
}

void ui_login(req *r)
{
    if (!auth_equal(f_get(r, "csrf"), cookie_get(r, "lcsrf"))) {
        r->status = 403;
        login_page(r, M_CSRF, 0);
        return;
    }
    if (f_get(r, "ticket")) {
        login_code(r);
        return;
    }
    login_password(r);
}

void ui_logout(req *r)
{
    if (r->token) auth_session_end(r->c, r->token);
    set_cookie(r, "sid", "", 0, true);
    redirect(r, "/login?bye=1");
}

void ui_lang(req *r)
{
    const char *to = q_get(r, "to");
    set_cookie(r, "lang", to && !strcmp(to, "en") ? "en" : "vi", 365LL * 86400, true);
    redirect(r, safe_next(q_get(r, "next")));
}
