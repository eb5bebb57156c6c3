/* The calendar: a month page (a Monday-first grid; on a phone, the list of the days that
 * have events; on paper, the grid), the user's secret iCalendar address and its renewal,
 * the feed behind that address, and GET /api/v1/calendar. The events and the iCalendar
 * text come from domain/calendar.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/app.h"
#include "../domain/calendar.h"
#include "../domain/entities.h"
#include "calendar.h"
#include "routes.h"

/* "http://host:port" of this request, for addresses given to other programs: the Host
 * header when it looks like a host name (else localhost); https behind TLS (secure
 * cookies on, or a proxy saying so). */
static const char *base_url(req *r)
{
    const char *host = header_get(r, "Host");
    size_t n = host ? strlen(host) : 0;
    if (!n || n > 255 ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != n)
        host = "localhost";
    bool tls = req_tls(r);
    return arena_printf(&r->a, "%s://%s", tls ? "https" : "http", host);
}

static const char *month_code(req *r, int y, int m)
{
    return arena_printf(&r->a, "%04d-%02d", y, m);
}

/* "Tháng 3 năm 2026", "March 2026" */
static const char *month_name(req *r, int y, int m)
{
    return arena_printf(&r->a, "%s %s", T(r, M_CAL_MONTH_1 + m - 1),
                        arena_printf(&r->a, T(r, M_CAL_YEAR), (long long)y));
}

static const char *dmy(req *r, const char *day)
{
    return arena_printf(&r->a, "%.2s/%.2s/%.4s", day + 8, day + 5, day);
}

static void event_item(req *r, const cal_event *e, const char *day)
{
    buf *o = &r->out;
    if (e->type == CAL_DELEGATION) {
        bool many = strcmp(e->start, e->end) != 0;
        html_printf(o, "<li class=\"ev ev-del st-%s%s\"><a href=\"/delegations/%D\"", e->status,
                    many && strcmp(day, e->start) ? " cont" : "", e->id);
        if (many)
            html_printf(o, " title=\"%s – %s\">%s</a> <small class=\"range\">%s – %s</small>",
                        dmy(r, e->start), dmy(r, e->end), e->title, dmy(r, e->start),
                        dmy(r, e->end));
        else
            html_printf(o, ">%s</a>", e->title);
        html_printf(o, "</li>");
    } else {
        html_printf(o, "<li class=\"ev ev-due%s\"><a href=\"/%s/%D\">%s: %s</a>",
                    e->overdue ? " overdue" : "", calendar_entity(e->type)->table, e->id,
                    T(r, M_CAL_DUE), e->title);
        if (e->overdue) html_printf(o, " <span class=\"badge late\">%s</span>", T(r, M_OVERDUE));
        html_printf(o, "</li>");
    }
}

/* The personal feed's address is seen once, right after it is made (only its hash is
 * kept): fresh is that address's token, else NULL and the box says whether one exists. */
static void subscribe_box(req *r, const char *month, const char *fresh)
{
    buf *o = &r->out;
    const char *made = NULL;
    rstatus rs = calendar_token_when(&r->x, &made);
    if (rs != RS_OK && rs != RS_NOTFOUND) return;
    html_printf(o, "<section class=\"subscribe\"><h2>%s</h2><p>%s</p>", T(r, M_CAL_SUBSCRIBE),
                T(r, M_CAL_SUBSCRIBE_HELP));
    if (fresh) {
        const char *url = arena_printf(&r->a, "%s/ical/%s.ics", base_url(r), fresh);
        const char *webcal = arena_printf(&r->a, "webcal%s", strchr(url, ':'));
        html_printf(o,
                    "<p class=\"notice\" role=\"status\">%s</p><p class=\"cal-url\">"
                    "<label for=\"cal-url\">%s</label><input id=\"cal-url\" readonly "
                    "value=\"%s\"> <a href=\"%s\">%s</a></p>",
                    T(r, M_CAL_SHOWN_ONCE), T(r, M_CAL_ADDRESS), url, webcal, T(r, M_CAL_OPEN_APP));
    } else if (made) {
        char when[17];
        snprintf(when, sizeof when, "%.10s %.5s", made, strlen(made) > 11 ? made + 11 : "");
        html_printf(o, "<p>%s <time datetime=\"%s\">%s</time>. %s</p>", T(r, M_CAL_HAVE_ONE), made,
                    when, T(r, M_CAL_NOT_SHOWN));
    }
    html_printf(o,
                "<form method=\"post\" action=\"/calendar/token\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                "<input type=\"hidden\" name=\"month\" value=\"%s\">"
                "<button type=\"submit\">%s</button> <small>%s</small></form></section>\n",
                r->csrf, month, made ? T(r, M_CAL_RENEW) : T(r, M_CAL_MAKE),
                made ? T(r, M_CAL_RENEW_HELP) : "");
}

/* The month page; fresh: a calendar address just made, shown this once. */
static void calendar_page(req *r, const char *qm, const char *fresh)
{
    buf *o = &r->out;
    char today[11];
    clock_today(today);
    int y, m;
    if (qm && *qm) {
        if (!calendar_month_parse(qm, &y, &m)) {
            r->status = 400;
            page_begin(r, T(r, M_CAL_TITLE));
            html_printf(o,
                        "<h1>%s</h1><p class=\"error\" role=\"alert\">%s</p>"
                        "<p><a href=\"/calendar\">%s</a></p>",
                        T(r, M_CAL_TITLE), T(r, M_CAL_BAD_MONTH), T(r, M_CAL_TODAY));
            page_end(r);
            return;
        }
    } else {
        y = atoi(today), m = atoi(today + 5);
    }
    int ndays = calendar_month_days(y, m);
    const char *month = month_code(r, y, m);
    char first[11], last[11], day[11];
    snprintf(first, sizeof first, "%s-01", month);
    snprintf(last, sizeof last, "%s-%02d", month, ndays);
    cal_event *ev;
    int n = 0;
    rstatus rs = calendar_events(&r->x, first, last, 0, &ev, &n);
    if (rs != RS_OK) {
        page_error(r, rs == RS_FORBIDDEN ? 403 : 500,
                   rs == RS_FORBIDDEN ? M_FORBIDDEN : M_INTERNAL);
        return;
    }

    const char *title = arena_printf(&r->a, "%s · %s", T(r, M_NAV_CALENDAR), month_name(r, y, m));
    page_begin(r, title);
    html_printf(o,
                "<div class=\"head cal-head\"><h1>%s: %s</h1><nav class=\"cal-nav\" "
                "aria-label=\"%s\">",
                T(r, M_CAL_TITLE), month_name(r, y, m), T(r, M_NAV_CALENDAR));
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    if (py >= 1000)
        html_printf(o, "<a rel=\"prev\" href=\"/calendar?month=%s\">‹ %s</a>",
                    month_code(r, py, pm), T(r, M_CAL_PREV));
    html_printf(o, "<a class=\"cal-today\" href=\"/calendar\">%s</a>", T(r, M_CAL_TODAY));
    if (ny <= 9999)
        html_printf(o, "<a rel=\"next\" href=\"/calendar?month=%s\">%s ›</a>",
                    month_code(r, ny, nm), T(r, M_CAL_NEXT));
    html_printf(o, "</nav></div>\n");
    html_printf(o,
                "<p class=\"legend cal-legend\"><span class=\"ev ev-del\">%s</span> "
                "<span class=\"ev ev-due\">%s</span> <span class=\"badge late\">%s</span></p>\n",
                is_en(r) ? delegation_entity.plural_en : delegation_entity.plural_vi,
                T(r, M_CAL_LEGEND_DUE), T(r, M_OVERDUE));
    if (!n) html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_CAL_NO_EVENTS));

    /* the weeks that hold the month, Monday first */
    html_printf(o, "<table class=\"cal\"><caption>%s</caption><thead><tr>", month_name(r, y, m));
    for (int i = 0; i < 7; i++)
        html_printf(o, "<th scope=\"col\" class=\"%s\">%s</th>", i >= 5 ? "we" : "wd",
                    T(r, M_CAL_MON + i));
    html_printf(o, "</tr></thead><tbody>\n");
    char grid_start[11];
    calendar_day_add(first, -calendar_weekday(first), grid_start);
    long cells = calendar_days_between(grid_start, last) + 1;
    cells = (cells + 6) / 7 * 7;
    for (long c = 0; c < cells; c++) {
        calendar_day_add(grid_start, c, day);
        int wd = (int)(c % 7);
        if (wd == 0) html_printf(o, "<tr>");
        bool in = strncmp(day, month, 7) == 0, is_today = !strcmp(day, today);
        int k = 0;
        for (int i = 0; in && i < n; i++)
            k += calendar_on(&ev[i], day);
        html_printf(o, "<td class=\"day%s%s%s%s\"", in ? "" : " out", is_today ? " today" : "",
                    k ? "" : " none", wd >= 5 ? " we" : "");
        if (is_today) html_printf(o, " aria-current=\"date\"");
        html_printf(o, "><div class=\"dh\"><span class=\"dn\">%d</span>", atoi(day + 8));
        html_printf(o, "<span class=\"dl\">%s, %s</span></div>", T(r, M_CAL_MON + wd), dmy(r, day));
        if (k) {
            html_printf(o, "<ul>");
            for (int i = 0; i < n; i++)
                if (calendar_on(&ev[i], day)) event_item(r, &ev[i], day);
            html_printf(o, "</ul>");
        }
        html_printf(o, "</td>");
        if (wd == 6) html_printf(o, "</tr>\n");
    }
    html_printf(o, "</tbody></table>\n");
    subscribe_box(r, month, fresh);
    page_end(r);
}

void ui_calendar(req *r)
{
    calendar_page(r, q_get(r, "month"), NULL);
}

/* A new address: the page shows it this once (a reload asks the browser to send the form
 * again, which makes yet another; the old one stops working each time). */
void ui_calendar_token(req *r)
{
    const char *token;
    if (calendar_token_new(&r->x, &token) != RS_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    int y, m;
    const char *month = f_get(r, "month");
    calendar_page(r, month && calendar_month_parse(month, &y, &m) ? month : NULL, token);
}

void ical_feed(req *r)
{
    /* the token is a credential: keep it out of the access log */
    const char *token = r->hash;
    r->path = "/ical/(token).ics";
    user_row u;
    rstatus rs = calendar_token_owner(r->c, &r->a, token, &u);
    if (rs != RS_OK) {
        page_error(r, rs == RS_NOTFOUND ? 404 : 500, rs == RS_NOTFOUND ? M_NOT_FOUND : M_INTERNAL);
        return;
    }
    /* what the owner may see, in the owner's language unless the address asks (?lang=) */
    const char *lang = q_get(r, "lang");
    lang = lang                              ? (strcmp(lang, "en") ? "vi" : "en")
           : u.lang && !strcmp(u.lang, "en") ? "en"
                                             : "vi";
    ctx x = {.c = r->c,
             .a = &r->a,
             .lang = lang,
             .user_id = u.id,
             .username = u.username,
             .role = role_parse(u.role),
             .agency_id = u.agency_id};
    char today[11], from[11], to[11];
    clock_today(today);
    calendar_day_add(today, -CAL_FEED_DAYS, from);
    calendar_day_add(today, CAL_FEED_DAYS, to);
    cal_event *ev;
    int n = 0;
    if (calendar_events(&x, from, to, CAL_WITH_CANCELLED, &ev, &n) != RS_OK) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    province p = {0};
    province_get(&x, &p);
    const char *dept = province_dept(&p, lang);
    cal_feed f = {.name = dept && *dept ? dept : msg(M_APP_NAME, lang),
                  .base_url = base_url(r),
                  .now = clock_unix()};
    buf_reset(&r->out);
    if (calendar_ical(&x, ev, n, &f, &r->out) != 0) {
        page_error(r, 500, M_INTERNAL);
        return;
    }
    r->ctype = "text/calendar; charset=utf-8";
    add_header(r, "Content-Disposition", "inline; filename=\"ngoaivu.ics\"");
}

void api_calendar(req *r)
{
    verrs ve = {0};
    const char *q[2] = {q_get(r, "from"), q_get(r, "to")}, *d[2] = {NULL, NULL};
    static const char *const names[2] = {"from", "to"};
    for (int i = 0; i < 2; i++) {
        d[i] = q[i] && *q[i] ? parse_date(&r->a, q[i]) : NULL;
        if (!d[i] || !calendar_day_valid(d[i]))
            verrs_add(&ve, names[i], q[i] && *q[i] ? M_BAD_DATE : M_REQUIRED, 0);
    }
    if (!ve.n && (strcmp(d[0], d[1]) > 0 || calendar_days_between(d[0], d[1]) > CAL_MAX_DAYS))
        verrs_add(&ve, "to", M_CAL_RANGE, CAL_MAX_DAYS);
    if (ve.n) {
        reply_error(r, 400, M_BAD_REQUEST, &ve);
        return;
    }
    cal_event *ev;
    int n = 0;
    rstatus rs = calendar_events(&r->x, d[0], d[1], CAL_WITH_CANCELLED, &ev, &n);
    if (rs != RS_OK) {
        reply_rstatus(r, rs, 0);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const cal_event *e = &ev[i];
        json_array_append_new(items,
                              json_pack("{s:s,s:I,s:s?,s:s,s:s,s:s?,s:b,s:s}", "type",
                                        calendar_entity(e->type)->name, "id", (json_int_t)e->id,
                                        "title", e->title, "start", e->start, "end", e->end,
                                        "status", e->status, "overdue", e->overdue, "url",
                                        arena_printf(&r->a, "/api/v1/%s/%lld",
                                                     calendar_entity(e->type)->table, e->id)));
    }
    reply_json(r, 200, json_pack("{s:s,s:s,s:o}", "from", d[0], "to", d[1], "items", items));
}
