/* Login, logout and the language switch. */
#include <sodium.h>
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/auth.h"
#include "routes.h"

/* Only a path provably on this site is followed after login or a language switch (no open
 * redirect): one leading "/", then printable ASCII only (the links this server makes are
 * percent-encoded), no backslash anywhere and no second slash at the start. Browsers drop
 * tabs and line breaks from a Location before they read it, so "/<TAB>/evil.example"
 * would become "//evil.example", another site: any control character refuses the path. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/') return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '\\') return "/";
    return next;
}

static void login_page(req *r, int error)
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
    if (error) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, error));
    html_printf(o,
                "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"%s\"><input type=\"hidden\" name=\"next\" value=\"%s\">"
                "<label>%s<input name=\"username\" autocomplete=\"username\" required "
                "autofocus value=\"%s\"></label><label>%s<input type=\"password\" "
                "name=\"password\" autocomplete=\"current-password\" required></label>"
                "<button class=\"primary\">%s</button></form></section>",
                tok, safe_next(f_get(r, "next") ? f_get(r, "next") : q_get(r, "next")),
                T(r, M_USERNAME), f_get(r, "username"), T(r, M_PASSWORD), T(r, M_LOGIN));
    page_end(r);
}

void ui_login_form(req *r)
{
    if (r->authed) {
        redirect(r, safe_next(q_get(r, "next")));
        return;
    }
    login_page(r, 0);
}

void ui_login(req *r)
{
    if (!auth_equal(f_get(r, "csrf"), cookie_get(r, "lcsrf"))) {
        r->status = 403;
        login_page(r, M_CSRF);
        return;
    }
    user_row u;
    long long wait;
    auth_status s = auth_login(r->c, &r->a, f_get(r, "username"), f_get(r, "password"),
                               r->client, &u, &wait);
    if (s != AUTH_OK) {
        if (s == AUTH_LIMITED) add_header(r, "Retry-After", arena_printf(&r->a, "%lld", wait));
        r->status = s == AUTH_LIMITED ? 429 : s == AUTH_BAD ? 401 : 500;
        login_page(r, s == AUTH_LIMITED ? M_RATE_LIMITED
                      : s == AUTH_BAD   ? M_BAD_LOGIN
                                        : M_INTERNAL);
        return;
    }
    const char *token, *csrf;
    if (auth_session_new(r->c, &r->a, u.id, "web", &token, &csrf) != ST_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    set_cookie(r, "sid", token, SESSION_SECONDS, true);
    set_cookie(r, "lcsrf", "", 0, true);
    redirect(r, safe_next(f_get(r, "next")));
}

void ui_logout(req *r)
{
    if (r->token) auth_session_end(r->c, r->token);
    set_cookie(r, "sid", "", 0, true);
    redirect(r, "/login");
}

void ui_lang(req *r)
{
    const char *to = q_get(r, "to");
    set_cookie(r, "lang", to && !strcmp(to, "en") ? "en" : "vi", 365LL * 86400, false);
    redirect(r, safe_next(q_get(r, "next")));
}
