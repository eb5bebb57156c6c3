/* The calendar: the delegations under way and the commitment deadlines of a range of days,
 * gathered once (through the store's list queries) for the month page, the iCalendar feed
 * and the JSON API; the feed itself (RFC 5545, written by libical); each user's secret
 * calendar token; and the day arithmetic they need.
 *
 * The token opens a read-only feed at /ical/TOKEN.ics for calendar programs, which cannot
 * log in. It is 32 random bytes (libsodium), kept as it is rather than hashed like session
 * tokens: the calendar page shows the address again on every visit, and the token grants
 * nothing but reading what the same database holds (no session, no writes, nothing else).
 * It stops working when the user makes a new one, is disabled, or loses the right to read. */
#ifndef NGV_CALENDAR_H
#define NGV_CALENDAR_H
#include "records.h"

enum {
    CAL_MAX_DAYS = 366,     /* the longest range the API takes (to - from) */
    CAL_FEED_DAYS = 365,    /* the feed covers today - this .. today + this */
    CAL_MAX_EVENTS = 20000, /* of one type in one range; past it the rest is left out */
};

/* A delegation takes its days; a commitment's deadline and a gate milestone's target date
 * are due days (the same day as start and end). */
/* A project's next deadline of the aid procedure (the appraisal of a complete file, the
 * approval's notice) and a foreign NGO's certificate expiring are due days too. */
typedef enum { CAL_DELEGATION, CAL_COMMITMENT, CAL_MILESTONE, CAL_PROJECT, CAL_NGO } cal_type;

typedef struct {
    cal_type type;
    const record *rec;
    long long id;
    const char *title;
    const char *start, *end; /* days "YYYY-MM-DD", both included (a deadline: the same day) */
    const char *status;      /* the workflow state's code */
    bool cancelled;          /* a cancelled delegation (only with CAL_WITH_CANCELLED) */
    bool overdue; /* past its due day, still to do (a commitment neither done nor dropped, a
                   * milestone not done) */
} cal_event;

enum {
    /* cancelled delegations too (the feed: calendar programs then mark them cancelled) */
    CAL_WITH_CANCELLED = 1 << 0,
};

/* The events touching the days from..to (both included, "YYYY-MM-DD"): delegations whose
 * start..end overlaps them (not cancelled unless asked), the deadlines in them of
 * commitments still open or in progress, the target dates of gate milestones not done, the
 * procedure's due days of projects (project.h) and the expiry days of NGO certificates not
 * renewed. Sorted
 * by start day, delegations first, then by title. RS_FORBIDDEN when the user may not read records,
 * RS_INVALID for a bad range, RS_ERROR on database trouble. */
rstatus calendar_events(ctx *x, const char *from, const char *to, unsigned flags, cal_event **ev,
                        int *n);
/* The record type of an event's type: its name and table name the event's record. */
const entity *calendar_entity(cal_type t);
/* Whether the event is on day ("YYYY-MM-DD"). */
bool calendar_on(const cal_event *e, const char *day);

/* The iCalendar text of the events: a VCALENDAR (PRODID, VERSION 2.0, X-WR-CALNAME) with
 * one all-day VEVENT per event, texts in x->lang. Appended to out; 0, or -1. */
typedef struct {
    const char *name;     /* X-WR-CALNAME: the department's name */
    const char *base_url; /* "https://host": the records' URLs are base_url "/delegations/7" */
    long long now;        /* DTSTAMP, Unix time */
} cal_feed;
int calendar_ical(ctx *x, const cal_event *ev, int n, const cal_feed *f, buf *out);

/* The acting user's calendar address is a secret token (64 hex digits) of which only the
 * hash is kept: it is seen once, when made. calendar_token_when: when theirs was made
 * (RS_NOTFOUND: they have none); calendar_token_new: a new one, and the old one (if any)
 * stops working. A new password ends it too (st_user_set_password). */
rstatus calendar_token_when(ctx *x, const char **created_at);
rstatus calendar_token_new(ctx *x, const char **token);
/* The user a token belongs to: RS_NOTFOUND for an unknown or malformed token, a disabled
 * user, or one whose role may not read records. */
rstatus calendar_token_owner(conn *c, arena *a, const char *token, user_row *u);

/* Days. A valid day is "YYYY-MM-DD" (years 1000..9999) that exists in the calendar. */
bool calendar_day_valid(const char *day);
/* day + n days into out; day must be valid. */
void calendar_day_add(const char *day, long n, char out[11]);
/* Whole days from a to b (both valid). */
long calendar_days_between(const char *a, const char *b);
/* 0 for Monday .. 6 for Sunday. */
int calendar_weekday(const char *day);
/* "YYYY-MM" (years 1000..9999, months 01..12) into *year, *month. */
bool calendar_month_parse(const char *s, int *year, int *month);
int calendar_month_days(int year, int month);
#endif
