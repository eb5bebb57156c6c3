/* The calendar's faces (ui_calendar.c): the month page, the secret address's renewal, the
 * iCalendar feed for calendar programs, and the JSON range. The events come from
 * domain/calendar.h. */
#ifndef NGV_WEB_CALENDAR_H
#define NGV_WEB_CALENDAR_H
#include "http.h"

void ui_calendar(req *r);       /* GET /calendar?month=YYYY-MM (default: this month) */
void ui_calendar_token(req *r); /* POST /calendar/token: a new secret address, the old one dies */
void ical_feed(req *r);         /* GET /ical/TOKEN.ics: public; the token is the credential */
void api_calendar(req *r);      /* GET /api/v1/calendar?from=YYYY-MM-DD&to=YYYY-MM-DD */
#endif
