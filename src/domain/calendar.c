/* The calendar of delegations and deadlines (see calendar.h): the events of a range read
 * through the store's list queries, the iCalendar feed written by libical (which does the
 * escaping and line folding of RFC 5545), the users' calendar tokens, and day arithmetic
 * on proleptic Gregorian day numbers. */
#include "calendar.h"

#include "auth.h"

#include <libical/ical.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "commitment.h"
#include "project.h"
#include "entities.h"

/* ---- days */

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int calendar_month_days(int year, int month)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return n[month - 1] + (month == 2 && leap);
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool calendar_month_parse(const char *s, int *year, int *month)
{
    int y, m;
    if (!s || strlen(s) != 7 || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m))
        return false;
    if (y < 1000 || m < 1 || m > 12) return false;
    *year = y, *month = m;
    return true;
}

static bool day_parse(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[7] != '-') return false;
    char ym[8];
    memcpy(ym, s, 7);
    ym[7] = 0;
    return calendar_month_parse(ym, y, m) && digits(s + 8, 2, d) && *d >= 1 &&
           *d <= calendar_month_days(*y, *m);
}

bool calendar_day_valid(const char *day)
{
    int y, m, d;
    return day_parse(day, &y, &m, &d);
}

static long day_number(const char *day)
{
    int y = 1970, m = 1, d = 1;
    day_parse(day, &y, &m, &d);
    return days_from_civil(y, m, d);
}

void calendar_day_add(const char *day, long n, char out[11])
{
    int y, m, d;
    civil_from_days(day_number(day) + n, &y, &m, &d);
    char s[48];
    snprintf(s, sizeof s, "%04d-%02d-%02d", y % 10000, m, d);
    memcpy(out, s, 10);
    out[10] = 0;
}

long calendar_days_between(const char *a, const char *b)
{
    return day_number(b) - day_number(a);
}

int calendar_weekday(const char *day)
{
    /* 1970-01-01 was a Thursday (3 counting from Monday) */
    return (int)(((day_number(day) % 7) + 7 + 3) % 7);
}

/* ---- the events of a range */

typedef struct {
    cal_event *ev;
    int n, cap;
    char today[11];
} events;

static void push(arena *a, events *es, cal_event e)
{
    if (es->n == es->cap) {
        int cap = es->cap ? es->cap * 2 : 64;
        cal_event *bigger = arena_alloc(a, sizeof *bigger * (size_t)cap);
        if (es->n) memcpy(bigger, es->ev, sizeof *bigger * (size_t)es->n);
        es->ev = bigger, es->cap = cap;
    }
    es->ev[es->n++] = e;
}

/* Every row of e matching q, page by page on the id cursor (no limit of one page). */
static rstatus each_row(ctx *x, const entity *e, list_query *q, events *es,
                        void (*add)(ctx *x, const record *r, events *es))
{
    enum { PAGE = 500 };
    q->sort = -1, q->limit = PAGE, q->after = 0;
    for (int total = 0; total < CAL_MAX_EVENTS;) {
        record *rows;
        int n = 0;
        if (st_rec_list(x->c, x->a, e, q, &rows, &n) != ST_OK) return RS_ERROR;
        for (int i = 0; i < n && total < CAL_MAX_EVENTS; i++, total++)
            add(x, &rows[i], es);
        if (n < PAGE) break;
        q->after = rows[n - 1].id;
    }
    return RS_OK;
}

static list_filter flt(const entity *e, const char *name, const char *value, char op)
{
    return (list_filter){.field = entity_field_index(e, name), .value = value, .op = op};
}

/* The codes of e's status field but the ones named, comma-separated (an 'i' filter): new
 * states are shown unless they are named here. */
static const char *states_but(arena *a, const entity *e, const char *const *but)
{
    const field *f = &e->fields[entity_field_index(e, e->status_field)];
    buf b = {0};
    for (const enum_opt *o = f->opts; o->code; o++) {
        bool skip = false;
        for (int i = 0; but[i]; i++)
            skip |= !strcmp(o->code, but[i]);
        if (!skip) buf_printf(&b, "%s%s", b.len ? "," : "", o->code);
    }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void add_delegation(ctx *x, const record *r, events *es)
{
    const char *status = record_get(r, "status");
    push(x->a, es,
         (cal_event){.type = CAL_DELEGATION,
                     .rec = r,
                     .id = r->id,
                     .title = record_get(r, "title"),
                     .start = record_get(r, "start_date"),
                     .end = record_get(r, "end_date"),
                     .status = status,
                     .cancelled = status && !strcmp(status, "cancelled")});
}

/* A due day: the record's day field, its title, status and whether it is late. */
static void push_due(ctx *x, events *es, cal_type type, const record *r, const char *day_field,
                     bool overdue)
{
    const char *day = record_get(r, day_field);
    push(x->a, es,
         (cal_event){.type = type,
                     .rec = r,
                     .id = r->id,
                     .title = record_get(r, "title"),
                     .start = day,
                     .end = day,
                     .status = r->e->status_field ? record_get(r, r->e->status_field) : NULL,
                     .overdue = overdue});
}

static void add_commitment(ctx *x, const record *r, events *es)
{
    push_due(x, es, CAL_COMMITMENT, r, "deadline", commitment_overdue(r, es->today));
}

static void add_milestone(ctx *x, const record *r, events *es)
{
    push_due(x, es, CAL_MILESTONE, r, "target_date", gate_milestone_late(r, es->today));
}

/* A project's due day: 20 days after the complete file (to be appraised), 5 after the
 * approval (to be notified), as its deadline rule counts them. */
static void add_project(ctx *x, const record *r, events *es)
{
    bool filed = !strcmp(record_get(r, "stage"), "file_submitted");
    const char *from = record_get(r, filed ? "file_complete" : "approved_on");
    char due[11];
    if (!calendar_day_valid(from)) return;
    calendar_day_add(from, filed ? PROJECT_APPRAISAL_DAYS : PROJECT_NOTIFY_DAYS, due);
    const char *day = arena_strdup(x->a, due);
    push(x->a, es,
         (cal_event){.type = CAL_PROJECT,
                     .rec = r,
                     .id = r->id,
                     .title = arena_printf(x->a, "%s (%s)", record_get(r, "title_vi"),
                                           msg(filed ? M_CAL_APPRAISAL : M_CAL_NOTIFY, x->lang)),
                     .start = day,
                     .end = day,
                     .status = record_get(r, "stage"),
                     .overdue = strcmp(day, es->today) < 0});
}

static void add_ngo(ctx *x, const record *r, events *es)
{
    const char *day = record_get(r, "expires_on");
    push(x->a, es,
         (cal_event){.type = CAL_NGO,
                     .rec = r,
                     .id = r->id,
                     .title = arena_printf(x->a, "%s (%s %s)", rec_title(x, r, NULL),
                                           msg(M_CAL_NGO_EXPIRY, x->lang), record_get(r, "number")),
                     .start = day,
                     .end = day,
                     .overdue = strcmp(day, es->today) < 0});
}

static int by_day(const void *pa, const void *pb)
{
    const cal_event *a = pa, *b = pb;
    int c = strcmp(a->start, b->start);
    if (c) return c;
    if (a->type != b->type) return a->type == CAL_DELEGATION ? -1 : 1;
    c = strcmp(a->title ? a->title : "", b->title ? b->title : "");
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

rstatus calendar_events(ctx *x, const char *from, const char *to, unsigned flags, cal_event **ev,
                        int *n)
{
    *ev = NULL, *n = 0;
    if (!role_can(x->role, PERM_READ)) return RS_FORBIDDEN;
    if (!calendar_day_valid(from) || !calendar_day_valid(to) || strcmp(from, to) > 0)
        return RS_INVALID;
    events es = {0};
    clock_today(es.today);
    const entity *de = &delegation_entity, *ce = &commitment_entity;
    /* under way on some day of the range: starts by its end, ends from its start on */
    list_query q = {.nf = 2, .f = {flt(de, "start_date", to, '<'), flt(de, "end_date", from, '>')}};
    if (!(flags & CAL_WITH_CANCELLED))
        q.f[q.nf++] = flt(de, de->status_field,
                          states_but(x->a, de, (const char *const[]){"cancelled", NULL}), 'i');
    rstatus rs = each_row(x, de, &q, &es, add_delegation);
    if (rs) return rs;
    /* deadlines in the range of commitments still to be met (commitment_pending) */
    q = (list_query){.nf = 2, .f = {flt(ce, "deadline", from, '>'), flt(ce, "deadline", to, '<')}};
    commitment_pending_filter(ce, &q);
    if ((rs = each_row(x, ce, &q, &es, add_commitment))) return rs;
    /* target dates in the range of gate milestones not done */
    const entity *me = &gate_milestone_entity;
    q = (list_query){.nf = 3,
                     .f = {flt(me, "target_date", from, '>'), flt(me, "target_date", to, '<'),
                           flt(me, "done_date", NULL, 'n')}};
    if ((rs = each_row(x, me, &q, &es, add_milestone))) return rs;
    /* the procedure's due days of projects filed or approved, in the range: the file or the
     * approval that many days before it */
    const entity *pe = &project_entity;
    char f20[11], t20[11], f5[11], t5[11];
    calendar_day_add(from, -PROJECT_APPRAISAL_DAYS, f20);
    calendar_day_add(to, -PROJECT_APPRAISAL_DAYS, t20);
    calendar_day_add(from, -PROJECT_NOTIFY_DAYS, f5);
    calendar_day_add(to, -PROJECT_NOTIFY_DAYS, t5);
    q = (list_query){.nf = 3,
                     .f = {flt(pe, "stage", "file_submitted", '='),
                           flt(pe, "file_complete", f20, '>'), flt(pe, "file_complete", t20, '<')}};
    if ((rs = each_row(x, pe, &q, &es, add_project))) return rs;
    q = (list_query){.nf = 4,
                     .f = {flt(pe, "stage", "approved", '='), flt(pe, "notified_on", NULL, 'n'),
                           flt(pe, "approved_on", f5, '>'), flt(pe, "approved_on", t5, '<')}};
    if ((rs = each_row(x, pe, &q, &es, add_project))) return rs;
    /* NGO certificates expiring in the range, their renewal not filed */
    const entity *ne = &ngo_certificate_entity;
    q = (list_query){.nf = 3,
                     .f = {flt(ne, "expires_on", from, '>'), flt(ne, "expires_on", to, '<'),
                           flt(ne, "renewal_filed_on", NULL, 'n')}};
    if ((rs = each_row(x, ne, &q, &es, add_ngo))) return rs;
    /* a record without its dates (never valid, but read defensively) is left out */
    int k = 0;
    for (int i = 0; i < es.n; i++)
        if (calendar_day_valid(es.ev[i].start) && calendar_day_valid(es.ev[i].end))
            es.ev[k++] = es.ev[i];
    if (k) qsort(es.ev, (size_t)k, sizeof *es.ev, by_day);
    *ev = es.ev, *n = k;
    return RS_OK;
}

const entity *calendar_entity(cal_type t)
{
    return t == CAL_DELEGATION   ? &delegation_entity
           : t == CAL_COMMITMENT ? &commitment_entity
           : t == CAL_PROJECT    ? &project_entity
           : t == CAL_NGO        ? &ngo_certificate_entity
                                 : &gate_milestone_entity;
}

bool calendar_on(const cal_event *e, const char *day)
{
    return strcmp(e->start, day) <= 0 && strcmp(day, e->end) <= 0;
}

/* ---- iCalendar */

static icaltimezone *utc;
static pthread_once_t utc_once = PTHREAD_ONCE_INIT;

static void utc_init(void)
{
    utc = icaltimezone_get_utc_timezone();
}

static struct icaltimetype ical_date(const char *day, long plus)
{
    char d[11];
    calendar_day_add(day, plus, d);
    struct icaltimetype t = icaltime_null_date();
    t.year = atoi(d), t.month = atoi(d + 5), t.day = atoi(d + 8);
    return t;
}

/* A UTC time from a Unix time, or from a stored "2026-11-24T05:06:07Z". */
static struct icaltimetype ical_utc(long long unix_time, const char *iso)
{
    int y, mo, d, h, mi, s;
    if (iso && sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) == 6) {
        struct icaltimetype t = icaltime_null_time();
        t.year = y, t.month = mo, t.day = d, t.hour = h, t.minute = mi, t.second = s;
        t.zone = utc;
        return t;
    }
    return icaltime_from_timet_with_zone((time_t)unix_time, 0, utc);
}

/* A small memo of the titles of referenced records (partners, agencies): the same few are
 * named by many events. */
typedef struct {
    const field *f;
    const char *id, *title;
} ref_memo;
enum { MEMO_MAX = 64 };
typedef struct {
    ref_memo m[MEMO_MAX];
    int n;
} memo;

static const char *shown(ctx *x, memo *mm, const record *r, const char *name)
{
    int fi = entity_field_index(r->e, name);
    if (fi < 0 || !r->v[fi]) return NULL;
    const field *f = &r->e->fields[fi];
    if (!(ftype_of(f)->props & FTP_REFERS)) return rec_display(x, r, fi);
    for (int i = 0; i < mm->n; i++)
        if (mm->m[i].f == f && !strcmp(mm->m[i].id, r->v[fi])) return mm->m[i].title;
    const char *t = rec_display(x, r, fi);
    if (mm->n < MEMO_MAX) mm->m[mm->n++] = (ref_memo){f, r->v[fi], t};
    return t;
}

/* "Label: value" lines of the named fields that have a value. */
static const char *describe(ctx *x, memo *mm, const record *r, const char *const *names,
                            bool overdue)
{
    bool en = x->lang && !strcmp(x->lang, "en");
    buf b = {0};
    for (int i = 0; names[i]; i++) {
        const char *v = shown(x, mm, r, names[i]);
        if (!v || !*v) continue;
        const field *f = &r->e->fields[entity_field_index(r->e, names[i])];
        buf_printf(&b, "%s%s: %s", b.len ? "\n" : "", en ? f->en : f->vi, v);
    }
    if (overdue) buf_printf(&b, "%s%s", b.len ? "\n" : "", msg(M_OVERDUE, x->lang));
    const char *s = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* One content line of the feed, l (n octets, no line break), folded (RFC 5545 3.1): parts of
 * at most 75 octets, none cut inside a UTF-8 character, each after the first begun by a
 * space, each ended by CRLF. */
static void ical_fold(const char *l, size_t n, buf *out)
{
    size_t room = 75;
    while (n > room) {
        size_t k = room;
        while (k > 1 && ((unsigned char)l[k] & 0xC0) == 0x80)
            k--;
        buf_put(out, l, k);
        buf_puts(out, "\r\n ");
        l += k, n -= k;
        room = 74;
    }
    buf_put(out, l, n);
    buf_puts(out, "\r\n");
}

/* libical's text s of the feed into out, unfolded and folded again. libical 3.0 (Debian 12
 * has 3.0.16) folds a line whose length falls on a fold's across its own line break: CR,
 * then CRLF and a space, then LF, a bare LF that calendar programs read as a broken line
 * (a SUMMARY of 77 ASCII characters did it; fuzz_ical; libical's pull request 1338, in 4.0.3).
 * Unfolded: every CRLF followed by a space or a tab removed; a CR not followed by LF dropped
 * (no content line holds one: libical escapes those of a text); a line ends at LF or CRLF. */
static void ical_refold(const char *s, buf *out)
{
    buf line = {0};
    for (const char *p = s; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
            p += 2;
        } else if (p[0] == '\r' && p[1] != '\n') {
            /* dropped */
        } else if (p[0] == '\n' || p[0] == '\r') {
            if (p[0] == '\r') p++;
            if (line.len) ical_fold(line.data, line.len, out);
            line.len = 0;
        } else {
            buf_putc(&line, *p);
        }
    }
    if (line.len) ical_fold(line.data, line.len, out);
    buf_free(&line);
}

/* A URL's text as a URI value may hold it: a control character, a space, a non-ASCII octet
 * and the characters RFC 3986 leaves out ("<>\\^`{|}) percent-encoded, the rest as it is.
 * libical writes a URI value as it is given, so a line break in it would end the line and
 * begin another. */
static bool uri_escaped(unsigned char c)
{
    return c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c);
}

static const char *uri_value(arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += uri_escaped(*p) ? 3 : 1;
    char *o = arena_alloc(a, n + 1), *q = o;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (uri_escaped(*p)) {
            *q++ = '%';
            *q++ = hex[*p >> 4];
            *q++ = hex[*p & 15];
        } else {
            *q++ = (char)*p;
        }
    *q = 0;
    return o;
}

int calendar_ical(ctx *x, const cal_event *ev, int n, const cal_feed *f, buf *out)
{
    pthread_once(&utc_once, utc_init);
    static const char *const del_fields[] = {"direction", "partner_ids", "country", "status", NULL};
    static const char *const com_fields[] = {"agency_id", "status", "percent", NULL};
    static const char *const mil_fields[] = {"plan_id", "agency_id", NULL};
    static const char *const pro_fields[] = {"kind", "agency_id", "officer", NULL};
    static const char *const ngo_fields[] = {"kind", "issued_on", NULL};
    bool en = x->lang && !strcmp(x->lang, "en");
    memo mm = {0};
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//ngoaivu//Calendar 1.0//VI"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    /* the calendar's name: RFC 7986 NAME (TEXT, escaped by libical), and X-WR-CALNAME that
     * most programs read (libical writes X- values as they are, but for line breaks; typed
     * TEXT, its own parser would split the value at a comma) */
    icalcomponent_add_property(cal, icalproperty_new_name(f->name));
    icalproperty *calname = icalproperty_new_x(f->name);
    icalproperty_set_x_name(calname, "X-WR-CALNAME");
    icalcomponent_add_property(cal, calname);
    /* how often subscribers should look again (RFC 7986, and the older X- form) */
    struct icaldurationtype hour = icaldurationtype_null_duration();
    hour.hours = 1;
    icalcomponent_add_property(cal, icalproperty_new_refreshinterval(hour));
    icalproperty *ttl = icalproperty_new_x("PT1H");
    icalproperty_set_x_name(ttl, "X-PUBLISHED-TTL");
    icalcomponent_add_property(cal, ttl);
    struct icaltimetype stamp = ical_utc(f->now, NULL);
    for (int i = 0; i < n; i++) {
        const cal_event *e = &ev[i];
        bool del = e->type == CAL_DELEGATION;
        const entity *ent = calendar_entity(e->type);
        const char *table = ent->table;
        icalcomponent *v = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        char *uid = arena_printf(x->a, "%s-%lld@ngoaivu", ent->name, e->id);
        icalcomponent_add_property(v, icalproperty_new_uid(uid));
        icalcomponent_add_property(v, icalproperty_new_dtstamp(stamp));
        /* all-day: DTEND is the day after the last (exclusive) */
        icalcomponent_add_property(v, icalproperty_new_dtstart(ical_date(e->start, 0)));
        icalcomponent_add_property(v, icalproperty_new_dtend(ical_date(e->end, 1)));
        const char *summary =
            del ? e->title
                : arena_printf(x->a, "%s: %s", msg(M_CAL_DUE, x->lang), e->title ? e->title : "");
        icalcomponent_add_property(v, icalproperty_new_summary(summary ? summary : ""));
        const char *d = describe(x, &mm, e->rec,
                                 del                         ? del_fields
                                 : e->type == CAL_COMMITMENT ? com_fields
                                 : e->type == CAL_PROJECT    ? pro_fields
                                 : e->type == CAL_NGO        ? ngo_fields
                                                             : mil_fields,
                                 e->overdue);
        if (*d) icalcomponent_add_property(v, icalproperty_new_description(d));
        icalcomponent_add_property(
            v, icalproperty_new_url(
                   uri_value(x->a, arena_printf(x->a, "%s/%s/%lld", f->base_url, table, e->id))));
        icalcomponent_add_property(
            v, icalproperty_new_categories(del ? (en ? delegation_entity.en : delegation_entity.vi)
                                               : msg(M_CAL_LEGEND_DUE, x->lang)));
        if (e->rec && e->rec->updated_at)
            icalcomponent_add_property(
                v, icalproperty_new_lastmodified(ical_utc(0, e->rec->updated_at)));
        if (e->rec && e->rec->version > 0)
            icalcomponent_add_property(v, icalproperty_new_sequence((int)(e->rec->version - 1)));
        if (del) {
            bool proposed = e->status && !strcmp(e->status, "proposed");
            icalcomponent_add_property(v,
                                       icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
                                                               : proposed   ? ICAL_STATUS_TENTATIVE
                                                                          : ICAL_STATUS_CONFIRMED));
        } else {
            /* a deadline takes no time: it does not make anyone busy */
            icalcomponent_add_property(v, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        }
        icalcomponent_add_component(cal, v);
    }
    char *s = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (!s) return -1;
    ical_refold(s, out);
    icalmemory_free_buffer(s);
    return 0;
}

/* ---- tokens */

static bool is_token(const char *t)
{
    return t && strlen(t) == 64 && strspn(t, "0123456789abcdef") == 64;
}

rstatus calendar_token_when(ctx *x, const char **created_at)
{
    *created_at = NULL;
    if (x->user_id <= 0 || !role_can(x->role, PERM_READ)) return RS_FORBIDDEN;
    int rc = st_calendar_token_when(x->c, x->a, x->user_id, created_at);
    return rc == ST_OK ? RS_OK : rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
}

rstatus calendar_token_new(ctx *x, const char **token)
{
    *token = NULL;
    if (x->user_id <= 0 || !role_can(x->role, PERM_READ)) return RS_FORBIDDEN;
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char *hex = arena_alloc(x->a, 65);
    sodium_bin2hex(hex, 65, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    char now[32];
    clock_iso_now(now);
    if (st_calendar_token_put(x->c, x->user_id, auth_token_hash(x->a, hex), now) != ST_OK)
        return RS_ERROR;
    *token = hex;
    return RS_OK;
}

rstatus calendar_token_owner(conn *c, arena *a, const char *token, user_row *u)
{
    if (!is_token(token)) return RS_NOTFOUND;
    int rc = st_calendar_token_user(c, a, auth_token_hash(a, token), u);
    if (rc == ST_NOTFOUND) return RS_NOTFOUND;
    if (rc != ST_OK) return RS_ERROR;
    if (u->disabled || !role_can(role_parse(u->role), PERM_READ)) return RS_NOTFOUND;
    return RS_OK;
}
