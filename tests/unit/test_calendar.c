/* domain/calendar: day arithmetic, the events of a range (delegations across month ends,
 * cancelled ones only for the feed, open deadlines only), the iCalendar text read back by
 * libical's own parser, and the secret calendar tokens. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/calendar.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "t.h"

static char dir[64];
static store *st;
/* the records made once for every test */
static long long d_span, d_cancelled, d_april, c_open, c_overdue, c_done;

static ctx as(conn *c, arena *a, role r)
{
    return (ctx){.c = c, .a = a, .lang = "vi", .user_id = 0, .username = "tester", .role = r};
}

static long long make(ctx *x, const entity *e, const char *const *kv)
{
    record r = rec_new(x->a, e);
    verrs ve = {0};
    for (int i = 0; kv[i]; i += 2)
        rec_set(&r, kv[i], kv[i + 1], &ve);
    rstatus rs = rec_create(x, &r, &ve);
    if (rs != RS_OK) {
        fprintf(stderr, "    cannot create %s: %d (%d errors: %s %s)\n", e->name, rs, ve.n,
                ve.n ? ve.e[0].field : "", ve.n ? msg(ve.e[0].msg, "en") : "");
        return 0;
    }
    return r.id;
}

static long long delegation(ctx *x, const char *title, const char *from, const char *to)
{
    const char *kv[] = {"title",      title,     "direction", "outbound", "level",
                        "department", "channel", "state",     "country",  "LA",
                        "start_date", from,      "end_date",  to,         NULL};
    return make(x, &delegation_entity, kv);
}

static long long commitment(ctx *x, long long agency, const char *title, const char *deadline)
{
    char ag[24];
    snprintf(ag, sizeof ag, "%lld", agency);
    const char *kv[] = {"title",     title, "source",   "meeting", "meeting", "Hội đàm",
                        "agency_id", ag,    "deadline", deadline,  NULL};
    return make(x, &commitment_entity, kv);
}

static void step(ctx *x, const entity *e, long long id, const char *to)
{
    record r;
    verrs ve = {0};
    CHECK(rec_transition(x, e, id, to, "lý do thử", &r, &ve) == RS_OK);
}

static void setup_records(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN);
    d_span = delegation(&x, "Đoàn qua cuối tháng", "2026-02-27", "2026-03-02");
    d_cancelled = delegation(&x, "Đoàn đã huỷ", "2026-03-10", "2026-03-11");
    step(&x, &delegation_entity, d_cancelled, "cancelled");
    d_april = delegation(&x, "Đoàn tháng tư", "2026-04-01", "2026-04-03");
    const char *akv[] = {"name_vi", "Sở Y tế (lịch)", "kind", "health", NULL};
    long long ag = make(&x, &agency_entity, akv);
    c_open = commitment(&x, ag, "Cam kết còn hạn", "2026-03-20");
    c_overdue = commitment(&x, ag, "Cam kết quá hạn", "2026-03-05");
    c_done = commitment(&x, ag, "Cam kết đã xong", "2026-03-06");
    step(&x, &commitment_entity, c_done, "done");
    arena_free(&a);
    store_release(st, c);
}

static const cal_event *find(const cal_event *ev, int n, cal_type t, long long id)
{
    for (int i = 0; i < n; i++)
        if (ev[i].type == t && ev[i].id == id) return &ev[i];
    return NULL;
}

static void days_months_and_weekdays(void)
{
    CHECK(calendar_day_valid("2026-03-31"));
    CHECK(calendar_day_valid("2028-02-29"));
    CHECK(!calendar_day_valid("2026-02-29"));
    CHECK(!calendar_day_valid("2026-13-01"));
    CHECK(!calendar_day_valid("2026-3-1"));
    CHECK(!calendar_day_valid(NULL));
    char d[11];
    calendar_day_add("2026-02-28", 1, d);
    CHECK_STR(d, "2026-03-01");
    calendar_day_add("2028-02-28", 1, d);
    CHECK_STR(d, "2028-02-29");
    calendar_day_add("2026-12-31", 1, d);
    CHECK_STR(d, "2027-01-01");
    calendar_day_add("2026-03-01", -365, d);
    CHECK_STR(d, "2025-03-01");
    CHECK(calendar_days_between("2026-01-01", "2027-01-01") == 365);
    CHECK(calendar_weekday("2026-03-02") == 0); /* a Monday */
    CHECK(calendar_weekday("2026-03-01") == 6); /* a Sunday */
    CHECK(calendar_weekday("1970-01-01") == 3);
    int y, m;
    CHECK(calendar_month_parse("2026-03", &y, &m) && y == 2026 && m == 3);
    CHECK(!calendar_month_parse("2026-13", &y, &m));
    CHECK(!calendar_month_parse("2026-3", &y, &m));
    CHECK(!calendar_month_parse("26-03", &y, &m));
    CHECK(!calendar_month_parse("2026-03x", &y, &m));
    CHECK(calendar_month_days(2026, 2) == 28 && calendar_month_days(2024, 2) == 29 &&
          calendar_month_days(1900, 2) == 28 && calendar_month_days(2000, 2) == 29);
}

static void events_of_a_range(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_VIEWER);
    cal_event *ev;
    int n;
    /* March, as the month page asks: no cancelled delegation, no done commitment */
    CHECK(calendar_events(&x, "2026-03-01", "2026-03-31", 0, &ev, &n) == RS_OK);
    CHECK(n == 3);
    const cal_event *span = find(ev, n, CAL_DELEGATION, d_span);
    CHECK(span && !strcmp(span->start, "2026-02-27") && !strcmp(span->end, "2026-03-02"));
    CHECK(span && calendar_on(span, "2026-03-01") && calendar_on(span, "2026-03-02") &&
          !calendar_on(span, "2026-03-03"));
    CHECK(!find(ev, n, CAL_DELEGATION, d_cancelled));
    CHECK(!find(ev, n, CAL_DELEGATION, d_april));
    CHECK(!find(ev, n, CAL_COMMITMENT, c_done));
    const cal_event *open = find(ev, n, CAL_COMMITMENT, c_open);
    const cal_event *late = find(ev, n, CAL_COMMITMENT, c_overdue);
    CHECK(open && !open->overdue && !strcmp(open->start, "2026-03-20") &&
          !strcmp(open->end, "2026-03-20"));
    CHECK(late && late->overdue); /* today is 2026-03-15 here */
    /* sorted by start day */
    for (int i = 1; i < n; i++)
        CHECK(strcmp(ev[i - 1].start, ev[i].start) <= 0);
    /* February holds the delegation that crosses the month's end */
    CHECK(calendar_events(&x, "2026-02-01", "2026-02-28", 0, &ev, &n) == RS_OK);
    CHECK(find(ev, n, CAL_DELEGATION, d_span) != NULL);
    /* the feed's kind: the cancelled one too, marked */
    CHECK(calendar_events(&x, "2026-03-01", "2026-03-31", CAL_WITH_CANCELLED, &ev, &n) == RS_OK);
    CHECK(n == 4);
    const cal_event *cancelled = find(ev, n, CAL_DELEGATION, d_cancelled);
    CHECK(cancelled && cancelled->cancelled && !strcmp(cancelled->status, "cancelled"));
    CHECK(!find(ev, n, CAL_COMMITMENT, c_done));
    /* refused: no right to read, a range backwards or not of days */
    ctx none = as(c, &a, ROLE_NONE);
    CHECK(calendar_events(&none, "2026-03-01", "2026-03-31", 0, &ev, &n) == RS_FORBIDDEN);
    CHECK(calendar_events(&x, "2026-03-31", "2026-03-01", 0, &ev, &n) == RS_INVALID);
    CHECK(calendar_events(&x, "2026-02-30", "2026-03-01", 0, &ev, &n) == RS_INVALID);
    arena_free(&a);
    store_release(st, c);
}

static int count_events(icalcomponent *cal)
{
    int k = 0;
    for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); v;
         v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        k++;
    return k;
}

static icalcomponent *by_uid(icalcomponent *cal, const char *uid)
{
    for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); v;
         v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        if (icalcomponent_get_uid(v) && !strcmp(icalcomponent_get_uid(v), uid)) return v;
    return NULL;
}

static void ical_text_read_back_by_libical(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_VIEWER);
    cal_event *ev;
    int n;
    CHECK(calendar_events(&x, "2026-03-01", "2026-03-31", CAL_WITH_CANCELLED, &ev, &n) == RS_OK);
    /* one more, made here: a three-day delegation whose title has a comma, a semicolon, a
     * quote and a line break (escaping is libical's job) */
    const char *tricky = "Đoàn Viêng Chăn, Luang Prabang; \"hợp tác\"\ndòng hai, \\ hết";
    record rec = rec_new(&a, &delegation_entity);
    rec.id = 99001;
    rec.version = 3;
    rec.updated_at = "2026-03-14T08:09:10Z";
    rec.v[entity_field_index(&delegation_entity, "title")] = tricky;
    rec.v[entity_field_index(&delegation_entity, "direction")] = "inbound";
    rec.v[entity_field_index(&delegation_entity, "status")] = "approved";
    cal_event *all = arena_alloc(&a, sizeof *all * (size_t)(n + 1));
    memcpy(all, ev, sizeof *all * (size_t)n);
    all[n] = (cal_event){.type = CAL_DELEGATION,
                         .rec = &rec,
                         .id = rec.id,
                         .title = tricky,
                         .start = "2026-05-04",
                         .end = "2026-05-06",
                         .status = "approved"};
    cal_feed f = {.name = "Sở Ngoại vụ, tỉnh Thử; lịch",
                  .base_url = "https://ngoaivu.example",
                  .now = 1773446400};
    buf out = {0};
    CHECK(calendar_ical(&x, all, n + 1, &f, &out) == 0);
    const char *text = buf_cstr(&out);
    CHECK(strstr(text, "BEGIN:VCALENDAR\r\n") == text);
    CHECK(strstr(text, "\r\nVERSION:2.0\r\n") != NULL);
    CHECK(strstr(text, "\r\nPRODID:") != NULL);
    /* no line longer than 75 octets (RFC 5545 3.1) */
    for (const char *l = text, *e; *l; l = e + 2) {
        e = strstr(l, "\r\n");
        if (!e) break;
        CHECK(e - l <= 75);
    }
    icalcomponent *cal = icalparser_parse_string(text);
    CHECK(cal != NULL);
    if (cal) {
        CHECK(count_events(cal) == n + 1);
        icalproperty *name = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
        bool found = false;
        for (; name; name = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
            if (!strcmp(icalproperty_get_x_name(name), "X-WR-CALNAME")) {
                found = true;
                CHECK_STR(icalproperty_get_x(name), f.name);
            }
        CHECK(found);
        icalproperty *rfc7986 = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
        CHECK(rfc7986 && !strcmp(icalproperty_get_name(rfc7986), f.name));
        /* UIDs: one per event, all different */
        char uids[64][48];
        int k = 0;
        for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
             v && k < 64; v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            const char *u = icalcomponent_get_uid(v);
            CHECK(u != NULL);
            for (int i = 0; u && i < k; i++)
                CHECK(strcmp(uids[i], u) != 0);
            snprintf(uids[k++], sizeof uids[0], "%s", u ? u : "");
            CHECK(icalcomponent_get_first_property(v, ICAL_DTSTAMP_PROPERTY) != NULL);
        }
        CHECK(k == n + 1);
        /* the three-day one: all day, DTEND the day after the last */
        icalcomponent *v = by_uid(cal, "delegation-99001@ngoaivu");
        CHECK(v != NULL);
        if (v) {
            struct icaltimetype s = icalcomponent_get_dtstart(v), e = icalcomponent_get_dtend(v);
            CHECK(s.is_date && s.year == 2026 && s.month == 5 && s.day == 4);
            CHECK(e.is_date && e.year == 2026 && e.month == 5 && e.day == 7);
            CHECK_STR(icalcomponent_get_summary(v), tricky);
            CHECK(icalcomponent_get_status(v) == ICAL_STATUS_CONFIRMED);
            icalproperty *url = icalcomponent_get_first_property(v, ICAL_URL_PROPERTY);
            CHECK(url &&
                  !strcmp(icalproperty_get_url(url), "https://ngoaivu.example/delegations/99001"));
            icalproperty *lm = icalcomponent_get_first_property(v, ICAL_LASTMODIFIED_PROPERTY);
            CHECK(lm && !strcmp(icaltime_as_ical_string(icalproperty_get_lastmodified(lm)),
                                "20260314T080910Z"));
            CHECK(strstr(icalcomponent_get_description(v), "Đoàn vào") != NULL);
        }
        /* the cancelled delegation is in the feed, as cancelled */
        char uid[48];
        snprintf(uid, sizeof uid, "delegation-%lld@ngoaivu", d_cancelled);
        v = by_uid(cal, uid);
        CHECK(v && icalcomponent_get_status(v) == ICAL_STATUS_CANCELLED);
        /* a deadline: one day, "Hạn: ..." */
        snprintf(uid, sizeof uid, "commitment-%lld@ngoaivu", c_overdue);
        v = by_uid(cal, uid);
        CHECK(v != NULL);
        if (v) {
            CHECK_STR(icalcomponent_get_summary(v), "Hạn: Cam kết quá hạn");
            struct icaltimetype s = icalcomponent_get_dtstart(v), e = icalcomponent_get_dtend(v);
            CHECK(s.is_date && s.day == 5 && e.is_date && e.day == 6);
            CHECK(strstr(icalcomponent_get_description(v), "Quá hạn") != NULL);
        }
        snprintf(uid, sizeof uid, "commitment-%lld@ngoaivu", c_done);
        CHECK(by_uid(cal, uid) == NULL);
        icalcomponent_free(cal);
    }
    /* in English */
    x.lang = "en";
    buf en = {0};
    CHECK(calendar_ical(&x, ev, n, &f, &en) == 0);
    icalcomponent *cal_en = icalparser_parse_string(buf_cstr(&en));
    char uid[48];
    snprintf(uid, sizeof uid, "commitment-%lld@ngoaivu", c_open);
    icalcomponent *v = cal_en ? by_uid(cal_en, uid) : NULL;
    CHECK(v && !strcmp(icalcomponent_get_summary(v), "Due: Cam kết còn hạn"));
    if (cal_en) icalcomponent_free(cal_en);
    buf_free(&en);
    buf_free(&out);
    arena_free(&a);
    store_release(st, c);
}

/* Every content line of the feed at most 75 octets, ended by CRLF, with no other CR or LF,
 * however long a title is: libical 3.0 folded a line whose length fell on a fold's across its
 * line break (CR, CRLF and a space, LF; a title of 77 characters did it) */
/* An outbound delegation, planned, for the feeds of the tests below. */
static record planned_delegation(arena *a, long long id)
{
    record rec = rec_new(a, &delegation_entity);
    rec.id = id, rec.version = 1, rec.updated_at = "2026-03-14T08:09:10Z";
    rec.v[entity_field_index(&delegation_entity, "direction")] = "outbound";
    rec.v[entity_field_index(&delegation_entity, "status")] = "planned";
    return rec;
}

static void ical_lines_folded_whatever_a_title_s_length(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_VIEWER);
    record rec = planned_delegation(&a, 99002);
    int bad = 0;
    for (int len = 1; len <= 240 && bad < 3; len++) {
        for (int viet = 0; viet < 2; viet++) {
            buf t = {0};
            while (t.len < (size_t)len)
                buf_puts(&t, viet && t.len % 3 == 0 ? "ệ" : "h");
            const char *title = arena_strdup(&a, buf_cstr(&t));
            buf_free(&t);
            cal_event ev = {.type = CAL_DELEGATION,
                            .rec = &rec,
                            .id = rec.id,
                            .title = title,
                            .start = "2026-05-04",
                            .end = "2026-05-04",
                            .status = "planned"};
            cal_feed f = {.name = title, .base_url = "https://ngoaivu.example", .now = 1773446400};
            buf out = {0};
            CHECK(calendar_ical(&x, &ev, 1, &f, &out) == 0);
            const char *s = buf_cstr(&out);
            size_t col = 0;
            bool ok = out.len > 2 && !strcmp(s + out.len - 2, "\r\n");
            for (size_t i = 0; ok && i < out.len; i++) {
                if (s[i] == '\r' || s[i] == '\n') {
                    ok = s[i] == '\r' && s[i + 1] == '\n' && col > 0;
                    i++, col = 0;
                } else {
                    ok = ++col <= 75;
                }
            }
            icalcomponent *cal = icalparser_parse_string(s);
            icalcomponent *v =
                cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT) : NULL;
            if (!ok || !v || strcmp(icalcomponent_get_summary(v), title)) {
                fprintf(stderr, "title of %d (%s): %s\n", len, viet ? "Vietnamese" : "ASCII", s);
                bad++;
            }
            if (cal) icalcomponent_free(cal);
            buf_free(&out);
        }
    }
    CHECK(bad == 0);
    arena_free(&a);
    store_release(st, c);
}

/* A record's URL is the feed's base and the record's path: whatever the base holds (a line
 * break, a space, non-ASCII), the URL stays one value on its own line, percent-encoded
 * (fuzz_ical: a base with a line break began a line of its own in the feed). */
static void ical_url_is_one_value_whatever_its_base(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_VIEWER);
    record rec = planned_delegation(&a, 99003);
    cal_event ev = {.type = CAL_DELEGATION,
                    .rec = &rec,
                    .id = rec.id,
                    .title = "Đoàn ra",
                    .start = "2026-05-04",
                    .end = "2026-05-04",
                    .status = "planned"};
    cal_feed f = {.name = "Lịch",
                  .base_url = "https://h\r\nEND:VCALENDAR\nX-A:1 ệ\"<>\\^`{|}",
                  .now = 1773446400};
    buf out = {0};
    CHECK(calendar_ical(&x, &ev, 1, &f, &out) == 0);
    const char *s = buf_cstr(&out);
    buf lines = {0}; /* unfolded */
    for (const char *p = s; *p; p++)
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
            p += 2;
        else
            buf_putc(&lines, *p);
    const char *l = buf_cstr(&lines);
    CHECK(strstr(l, "\r\nURL:https://h%0D%0AEND:VCALENDAR%0AX-A:1%20%E1%BB%87%22%3C%3E%5C%5E%60%7B"
                    "%7C%7D/delegations/99003\r\n") != NULL);
    const char *end = strstr(l, "\r\nEND:VCALENDAR"); /* the only one, at the end */
    CHECK(end && !strcmp(end, "\r\nEND:VCALENDAR\r\n"));
    CHECK(!strstr(l, "\r\nX-A:"));
    buf_free(&lines);
    icalcomponent *cal = icalparser_parse_string(s);
    icalcomponent *v = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT) : NULL;
    icalproperty *u = v ? icalcomponent_get_first_property(v, ICAL_URL_PROPERTY) : NULL;
    CHECK(u && !strcmp(icalproperty_get_url(u), "https://h%0D%0AEND:VCALENDAR%0AX-A:1%20%E1%BB%87"
                                                "%22%3C%3E%5C%5E%60%7B%7C%7D/delegations/99003"));
    if (cal) icalcomponent_free(cal);
    buf_free(&out);
    /* an address as the server makes it is left as it is */
    f.base_url = "https://[::1]:8080";
    CHECK(calendar_ical(&x, &ev, 1, &f, &out) == 0);
    CHECK(strstr(buf_cstr(&out), "\r\nURL:https://[::1]:8080/delegations/99003\r\n") != NULL);
    buf_free(&out);
    arena_free(&a);
    store_release(st, c);
}

static void tokens_open_the_feed_of_their_user(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    char err[256];
    CHECK(auth_user_add(c, "lich", "viewer", "lich-mat-khau-1", NULL, err, sizeof err) == 0);
    user_row u;
    CHECK(st_user_get(c, &a, "lich", &u) == ST_OK);
    ctx x = as(c, &a, ROLE_VIEWER);
    x.user_id = u.id;
    const char *t1, *t3, *made;
    CHECK(calendar_token_when(&x, &made) == RS_NOTFOUND && !made); /* none until asked for */
    CHECK(calendar_token_new(&x, &t1) == RS_OK);
    CHECK(t1 && strlen(t1) == 64 && strspn(t1, "0123456789abcdef") == 64);
    CHECK(calendar_token_when(&x, &made) == RS_OK && made);
    user_row owner;
    CHECK(calendar_token_owner(c, &a, t1, &owner) == RS_OK && owner.id == u.id);
    /* only the hash is stored: the database does not hold the address */
    CHECK(st_calendar_token_user(c, &a, t1, &owner) == ST_NOTFOUND);
    CHECK(calendar_token_new(&x, &t3) == RS_OK);
    CHECK(t3 && strcmp(t3, t1) != 0);
    CHECK(calendar_token_owner(c, &a, t1, &owner) == RS_NOTFOUND); /* the old one is dead */
    CHECK(calendar_token_owner(c, &a, t3, &owner) == RS_OK && owner.id == u.id);
    CHECK(calendar_token_owner(c, &a, "abc", &owner) == RS_NOTFOUND);
    CHECK(calendar_token_owner(c, &a, NULL, &owner) == RS_NOTFOUND);
    char upper[65];
    snprintf(upper, sizeof upper, "%s", t3);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'f') *p = (char)(*p - 32);
    if (strcmp(upper, t3)) CHECK(calendar_token_owner(c, &a, upper, &owner) == RS_NOTFOUND);
    /* someone acting as nobody gets none */
    ctx anon = as(c, &a, ROLE_NONE);
    CHECK(calendar_token_new(&anon, &t1) == RS_FORBIDDEN);
    /* a new password ends the address with the sessions */
    CHECK(auth_user_passwd(c, "lich", "lich-mat-khau-2", err, sizeof err) == 0);
    CHECK(calendar_token_owner(c, &a, t3, &owner) == RS_NOTFOUND);
    arena_free(&a);
    store_release(st, c);
}

void suite_calendar(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-calendar-XXXXXX");
    if (!mkdtemp(dir) || auth_init() != 0) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/c.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    const char *saved = getenv("NGOAIVU_TODAY");
    char *keep = saved ? strdup(saved) : NULL;
    setenv("NGOAIVU_TODAY", "2026-03-15", 1);
    setup_records();
    RUN(days_months_and_weekdays);
    RUN(events_of_a_range);
    RUN(ical_text_read_back_by_libical);
    RUN(ical_lines_folded_whatever_a_title_s_length);
    RUN(ical_url_is_one_value_whatever_its_base);
    RUN(tokens_open_the_feed_of_their_user);
    if (keep)
        setenv("NGOAIVU_TODAY", keep, 1);
    else
        unsetenv("NGOAIVU_TODAY");
    free(keep);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
