/* Each user's own account: who they are, their password change (the old password, the
 * rules; every other session of theirs ends, this one stays) and their calendar address
 * (made on the calendar page, shown there once). A user whose password an admin set is
 * held at the password change until they have chosen their own (account_gate). */
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
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

static void password_field(req *r, const verrs *ve, const char *name, int label,
                           const char *autocomplete, int help)
{
    const char *err = field_error(r, ve, name);
    html_printf(&r->out,
                "<div class=\"field%s\"><label for=\"f-%s\">%s</label><input type=\"password\" "
                "name=\"%s\" id=\"f-%s\" autocomplete=\"%s\" required",
                err ? " invalid" : "", name, T(r, label), name, name, autocomplete);
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
    password_field(r, ve, "old_password", M_PW_OLD, "current-password", 0);
    password_field(r, ve, "new_password", M_PW_NEW, "new-password", M_PW_RULES);
    html_printf(o,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button>"
                "</div></form>",
                T(r, M_PW_CHANGE));
}

void ui_account(req *r)
{
    buf *o = &r->out;
    page_begin(r, T(r, M_NAV_ACCOUNT));
    html_printf(o, "<h1>%s</h1>", T(r, M_NAV_ACCOUNT));
    if (q_get(r, "changed"))
        html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", T(r, M_PW_CHANGED));
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
