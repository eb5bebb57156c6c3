/* Each user's own account: who they are, their password change (the old password, the
 * rules; every other session of theirs ends, this one stays) and their calendar address
 * (made on the calendar page, shown there once). A user whose password an admin set is
 * held at the password change until they have chosen their own (account_gate). */
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/auth.h"
#include "../domain/calendar.h"
#include "../domain/users.h"
#include "routes.h"

bool account_gate(req *r)
{
    if (!r->authed || !r->user.must_change || !r->rt || r->rt->need == PERM_PUBLIC) return false;
    handler fn = r->rt->fn;
    if (fn == ui_account_password_form || fn == ui_account_password || fn == ui_logout ||
        fn == api_account_password || fn == api_account || fn == api_logout)
        return false;
    if (r->rt->flags & RT_API) {
        verrs ve = {0}; /* a code clients can act on: fields.password.code "pw_must_change" */
        verrs_add(&ve, "password", M_PW_MUST_CHANGE, 0);
        reply_error(r, 403, M_PW_MUST_CHANGE, &ve);
    } else {
        redirect(r, "/account/password");
    }
    return true;
}

/* The message of the first error on field f, in the user's language; NULL when none. */
static const char *field_error(req *r, const verrs *ve, const char *f)
{
    for (int i = 0; ve && i < ve->n; i++)
        if (ve->e[i].field && !strcmp(ve->e[i].field, f))
            return arena_printf(&r->a, msg(ve->e[i].msg, r->lang), ve->e[i].arg);
    return NULL;
}

/* An input of the account's forms: type "password", "text" or "number"; value may be NULL. */
static void input_field(req *r, const verrs *ve, const char *name, int label, const char *type,
                        const char *autocomplete, int help, const char *value)
{
    const char *err = field_error(r, ve, name);
    html_printf(&r->out,
                "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input type=\"%s\" "
                "name=\"%s\" id=\"f-%s\" autocomplete=\"%s\" required",
                err ? " invalid" : "", name, T(r, label), type, name, name, autocomplete);
    if (value) html_printf(&r->out, " value=\"%s\"", value);
    if (err) html_printf(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
    html_printf(&r->out, ">");
    if (help) html_printf(&r->out, "<small>%s</small>", T(r, help));
    if (err) html_printf(&r->out, "<p class=\"ferr\" id=\"e-%s\">%s</p>", name, err);
    html_printf(&r->out, "</div>");
}

static void password_form(req *r, const verrs *ve)
{
    buf *o = &r->out;
    if (r->user.must_change)
        html_printf(o, "<p class=\"warning\" role=\"alert\">%s</p>", T(r, M_PW_MUST_CHANGE));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/account/password\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<input type=\"text\" name=\"username\" autocomplete=\"username\" value=\"%s\" "
                "hidden>",
                r->csrf, r->user.username);
    input_field(r, ve, "old_password", M_PW_OLD, "password", "current-password", 0, NULL);
    input_field(r, ve, "new_password", M_PW_NEW, "password", "new-password", M_PW_RULES, NULL);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button>"
                "</div></form>",
                T(r, M_PW_CHANGE));
}

/* ---- the second factor */

void totp_secret_block(req *r, const char *secret, const char *username)
{
    buf *o = &r->out;
    add_header(r, "Cache-Control", "no-store");
    const char *uri = auth_totp_uri(&r->a, secret, username, "ngoaivu");
    html_printf(o, "<figure class=\"totp\">");
    html_qr_svg(o, uri, T(r, M_TOTP_TITLE));
    /* the key in groups of four, as apps show keys */
    buf g = {0};
    for (size_t i = 0; secret[i]; i++) {
        if (i && i % 4 == 0) buf_putc(&g, ' ');
        buf_putc(&g, secret[i]);
    }
    html_printf(o, "<figcaption>%s: <code class=\"secret\">%s</code></figcaption></figure>",
                T(r, M_TOTP_KEY), g.data);
    buf_free(&g);
}

void recovery_page(req *r, const char *const *codes, int n, const char *next)
{
    add_header(r, "Cache-Control", "no-store");
    page_begin(r, T(r, M_RECOVERY_TITLE));
    buf *o = &r->out;
    html_printf(o, "<h1>%s</h1><p class=\"notice\" role=\"status\">%s</p><p>%s</p>",
                T(r, M_RECOVERY_TITLE), T(r, M_TOTP_TURNED_ON), T(r, M_RECOVERY_HELP));
    html_printf(o, "<ol class=\"codes\">");
    for (int i = 0; i < n; i++)
        html_printf(o, "<li><code>%s</code></li>", codes[i]);
    html_printf(o, "</ol><p class=\"buttons\"><a class=\"button primary\" href=\"%s\">%s</a></p>",
                next, T(r, M_CONTINUE));
    page_end(r);
}

/* The account page's section: on (codes left, new codes, off unless the role requires it)
 * or off (turn on). ve: the errors of a form sent from here, which names it in "form". */
static void second_factor_section(req *r, const verrs *ve, const char *form)
{
    buf *o = &r->out;
    bool on = false;
    long long left = 0;
    account_second_factor(&r->x, &on, &left);
    html_printf(o, "<h2 id=\"totp\">%s</h2>", T(r, M_TOTP_TITLE));
    if (!on) {
        html_printf(o, "<p>%s</p><p><a class=\"button primary\" href=\"/account/totp\">%s</a></p>",
                    T(r, M_TOTP_OFF), T(r, M_TOTP_ENABLE));
        return;
    }
    html_printf(o, "<p>%s</p>", arena_printf(&r->a, T(r, M_TOTP_ON), left));
    bool required = auth_totp_required(r->x.role);
    struct {
        const char *action, *name;
        int button;
        bool show;
    } forms[] = {{"/account/totp/codes", "codes", M_TOTP_RENEW, true},
                 {"/account/totp/off", "off", M_TOTP_DISABLE, !required}};
    for (int i = 0; i < 2; i++) {
        if (!forms[i].show) continue;
        bool mine = form && !strcmp(form, forms[i].name);
        html_printf(o,
                    "<form class=\"record\" method=\"post\" action=\"%s\" novalidate>"
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                    forms[i].action, r->csrf);
        input_field(r, mine ? ve : NULL, "code", M_TOTP_CODE, "text", "one-time-code",
                    M_TOTP_NEED_CODE, NULL);
        html_printf(o, "<div class=\"buttons\"><button type=\"submit\"%s>%s</button></div></form>",
                    i == 1 ? " class=\"danger\"" : "", T(r, forms[i].button));
    }
    if (required) html_printf(o, "<p><small>%s</small></p>", T(r, M_TOTP_REQUIRED_NOTE));
}

/* ---- personal access tokens */

static void tokens_section(req *r, const verrs *ve, const char *made)
{
    buf *o = &r->out;
    html_printf(o, "<h2 id=\"tokens\">%s</h2><p>%s</p>", T(r, M_TOKENS_TITLE), T(r, M_TOKENS_HELP));
    if (made) {
        add_header(r, "Cache-Control", "no-store");
        html_printf(o,
                    "<div class=\"warning\" role=\"status\"><p>%s</p><p><input id=\"new-token\" "
                    "readonly value=\"%s\" size=\"66\" aria-label=\"%s\"></p></div>",
                    T(r, M_TOKEN_MADE), made, T(r, M_TOKENS_TITLE));
    }
    session_row *t;
    int n = 0;
    account_tokens(&r->x, NULL, &t, &n);
    if (!n) {
        html_printf(o, "<p>%s</p>", T(r, M_TOKEN_NONE));
    } else {
        html_printf(o,
                    "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                    "<th></th></tr></thead><tbody>",
                    T(r, M_NAME), T(r, M_SESSION_CREATED), T(r, M_TOKEN_USED),
                    T(r, M_SESSION_EXPIRES));
        for (int i = 0; i < n; i++)
            html_printf(o,
                        "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                        "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                        "<td class=\"actions\"><form method=\"post\" "
                        "action=\"/account/tokens/%D/revoke\"><input type=\"hidden\" "
                        "name=\"csrf\" value=\"%s\"><button type=\"submit\" class=\"link\">%s"
                        "</button></form></td></tr>",
                        T(r, M_NAME), t[i].name, T(r, M_SESSION_CREATED),
                        when_unix(r, t[i].created), T(r, M_TOKEN_USED),
                        t[i].seen > t[i].created ? when_unix(r, t[i].seen) : "—",
                        T(r, M_SESSION_EXPIRES), when_unix(r, t[i].expires), t[i].id, r->csrf,
                        T(r, M_TOKEN_REVOKE));
        html_printf(o, "</tbody></table>");
    }
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/account/tokens\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                r->csrf);
    input_field(r, ve, "name", M_TOKEN_NAME, "text", "off", 0, f_get(r, "name"));
    const char *days = f_get(r, "days");
    input_field(r, ve, "days", M_TOKEN_DAYS_LABEL, "number", "off", 0, days ? days : "90");
    html_printf(o, "<div class=\"buttons\"><button type=\"submit\">%s</button></div></form>",
                T(r, M_TOKEN_MAKE));
}

void ui_account(req *r)
{
    buf *o = &r->out;
    page_begin(r, T(r, M_NAV_ACCOUNT));
    html_printf(o, "<h1>%s</h1>", T(r, M_NAV_ACCOUNT));
    static const struct {
        const char *q;
        int m;
    } notices[] = {{"changed", M_PW_CHANGED},
                   {"totp_on", M_TOTP_TURNED_ON},
                   {"totp_off", M_TOTP_TURNED_OFF},
                   {"revoked", M_TOKEN_REVOKED}};
    for (size_t i = 0; i < sizeof notices / sizeof *notices; i++)
        if (q_get(r, notices[i].q))
            html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, notices[i].m));
    bool on = false;
    long long left = 0;
    if (q_get(r, "recovered") && account_second_factor(&r->x, &on, &left) == RS_OK && on)
        html_printf(o, "<p class=\"warning\" role=\"status\">%s</p>",
                    arena_printf(&r->a, T(r, M_RECOVERY_USED), left));
    html_printf(o, "<dl class=\"record\"><dt>%s</dt><dd>%s</dd>", T(r, M_USERNAME),
                r->user.username);
    if (r->user.display_name)
        html_printf(o, "<dt>%s</dt><dd>%s</dd>", T(r, M_USER_DISPLAY), r->user.display_name);
    html_printf(o, "<dt>%s</dt><dd>%s</dd>", T(r, M_USER_ROLE), role_label(r->x.role, r->lang));
    if (r->user.agency_id > 0)
        html_printf(o, "<dt>%s</dt><dd>%s</dd>", T(r, M_USER_AGENCY),
                    users_agency_name(&r->x, r->user.agency_id));
    html_printf(o, "</dl>");

    html_printf(o, "<h2>%s</h2>", T(r, M_ACCOUNT_CALENDAR));
    const char *made = NULL;
    if (calendar_token_when(&r->x, &made) == RS_OK && made) {
        char when[32];
        html_printf(o, "<p>%s <time datetime=\"%s\">%s</time>.</p>", T(r, M_ACCOUNT_CAL_MADE), made,
                    clock_local(made, when));
    } else {
        html_printf(o, "<p>%s</p>", T(r, M_ACCOUNT_CAL_NONE));
    }
    html_printf(o, "<p><a href=\"/calendar\">%s</a></p>", T(r, M_ACCOUNT_CAL_LINK));

    html_printf(o, "<h2 id=\"password\">%s</h2>", T(r, M_PW_CHANGE));
    password_form(r, NULL);
    second_factor_section(r, NULL, NULL);
    tokens_section(r, NULL, NULL);
    page_end(r);
}

static void password_page(req *r, const verrs *ve)
{
    page_begin(r, T(r, M_PW_CHANGE));
    html_printf(&r->out, "<h1>%s</h1>", T(r, M_PW_CHANGE));
    password_form(r, ve);
    page_end(r);
}

void ui_account_password_form(req *r)
{
    password_page(r, NULL);
}

void ui_account_password(req *r)
{
    verrs ve = {0};
    rstatus rs = account_change_password(&r->x, r->token, f_get(r, "old_password"),
                                         f_get(r, "new_password"), &ve);
    if (rs == RS_OK) {
        redirect(r, "/account?changed=1");
        return;
    }
    if (rs != RS_INVALID) {
        page_error(r, rs == RS_FORBIDDEN ? 403 : 500,
                   rs == RS_FORBIDDEN ? M_FORBIDDEN : M_INTERNAL);
        return;
    }
    r->status = 422;
    password_page(r, &ve);
}

/* The account page again after a form of it was refused (422), with its errors. */
static void account_again(req *r, const verrs *ve, const char *form)
{
    r->status = 422;
    page_begin(r, T(r, M_NAV_ACCOUNT));
    html_printf(&r->out, "<h1>%s</h1><p class=\"error\" role=\"alert\">%s</p>", T(r, M_NAV_ACCOUNT),
                T(r, M_INVALID));
    if (!strcmp(form, "token"))
        tokens_section(r, ve, NULL);
    else
        second_factor_section(r, ve, form);
    page_end(r);
}

static void account_fail(req *r, rstatus rs)
{
    if (rs == RS_CONFLICT) {
        redirect(r, "/account#totp"); /* already so (a form sent twice) */
        return;
    }
    page_rstatus(r, rs);
}

/* GET /account/totp: a new secret to scan; POST sends it back with its first code. */
static void totp_enable_page(req *r, const char *secret, const verrs *ve)
{
    page_begin(r, T(r, M_TOTP_ENABLE));
    buf *o = &r->out;
    html_printf(o, "<h1>%s</h1>", T(r, M_TOTP_ENABLE));
    if (ve && ve->n) html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INVALID));
    html_printf(o, "<p>%s</p>", T(r, M_TOTP_SCAN));
    totp_secret_block(r, secret, r->user.username);
    html_printf(o,
                "<form class=\"record\" method=\"post\" action=\"/account/totp\" novalidate>"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
                "name=\"secret\" value=\"%s\">",
                r->csrf, secret);
    input_field(r, ve, "code", M_TOTP_CODE, "text", "one-time-code", 0, NULL);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> "
                "<a class=\"button\" href=\"/account\">%s</a></div></form>",
                T(r, M_TOTP_CONFIRM), T(r, M_CANCEL));
    page_end(r);
}

void ui_account_totp_form(req *r)
{
    bool on = false;
    long long left = 0;
    rstatus rs = account_second_factor(&r->x, &on, &left);
    if (rs || on) {
        if (rs)
            account_fail(r, rs);
        else
            redirect(r, "/account#totp");
        return;
    }
    const char *secret = auth_totp_new_secret(&r->a);
    if (!secret) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    totp_enable_page(r, secret, NULL);
}

void ui_account_totp(req *r)
{
    const char *codes[AUTH_RECOVERY_CODES];
    verrs ve = {0};
    const char *secret = f_get(r, "secret");
    rstatus rs = account_totp_enable(&r->x, secret, f_get(r, "code"), codes, &ve);
    if (rs == RS_OK) {
        recovery_page(r, codes, AUTH_RECOVERY_CODES, "/account?totp_on=1");
    } else if (rs == RS_INVALID) {
        r->status = 422;
        /* a secret that is not one this page made: start again with a new one */
        const char *s = secret && strlen(secret) == 32 ? secret : auth_totp_new_secret(&r->a);
        totp_enable_page(r, s, &ve);
    } else {
        account_fail(r, rs);
    }
}

void ui_account_totp_off(req *r)
{
    verrs ve = {0};
    rstatus rs = account_totp_disable(&r->x, f_get(r, "code"), &ve);
    if (rs == RS_OK)
        redirect(r, "/account?totp_off=1");
    else if (rs == RS_INVALID)
        account_again(r, &ve, "off");
    else
        account_fail(r, rs);
}

void ui_account_totp_codes(req *r)
{
    const char *codes[AUTH_RECOVERY_CODES];
    verrs ve = {0};
    rstatus rs = account_recovery_renew(&r->x, f_get(r, "code"), codes, &ve);
    if (rs == RS_OK)
        recovery_page(r, codes, AUTH_RECOVERY_CODES, "/account#totp");
    else if (rs == RS_INVALID)
        account_again(r, &ve, "codes");
    else
        account_fail(r, rs);
}

void ui_account_token_new(req *r)
{
    const char *token = NULL;
    verrs ve = {0};
    rstatus rs = account_token_new(&r->x, f_get(r, "name"), f_get(r, "days"), &token, &ve);
    if (rs == RS_INVALID) {
        account_again(r, &ve, "token");
        return;
    }
    if (rs) {
        account_fail(r, rs);
        return;
    }
    page_begin(r, T(r, M_TOKENS_TITLE));
    html_printf(&r->out, "<h1>%s</h1>", T(r, M_NAV_ACCOUNT));
    kv *none = NULL; /* the form below starts empty */
    r->form = none;
    tokens_section(r, NULL, token);
    html_printf(&r->out, "<p><a href=\"/account\">%s</a></p>", T(r, M_NAV_ACCOUNT));
    page_end(r);
}

void ui_account_token_revoke(req *r)
{
    rstatus rs = account_token_revoke(&r->x, r->id);
    if (rs == RS_OK)
        redirect(r, "/account?revoked=1#tokens");
    else
        account_fail(r, rs);
}
