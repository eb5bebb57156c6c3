/* Time stamps: stored in UTC as ISO 8601 ("2026-11-24T05:06:07Z"). */
#ifndef NGV_CLOCK_H
#define NGV_CLOCK_H
void clock_iso_now(char out[32]);
long long clock_unix(void);
long long clock_micros(void); /* monotonic, for durations */
/* A stored UTC time stamp as people in Vietnam read it: "24/11/2026 19:05" (UTC+7, the
 * country's only zone, without daylight saving). Unparseable input is returned as is. */
const char *clock_local(const char *iso_utc, char out[32]);
/* Today's date in Vietnam, "YYYY-MM-DD"; NGOAIVU_TODAY=YYYY-MM-DD overrides it (tests). */
const char *clock_today(char out[11]);
/* Whole days from date a to date b ("YYYY-MM-DD"); 0 when either is not a date. */
long clock_days_between(const char *a, const char *b);
/* The date days after day (before it when negative), into out; NULL when day is no date. */
/* Days from 1970-01-01 to the civil day y-m-d (proleptic Gregorian; any year). */
long long clock_civil_days(int y, int m, int d);
const char *clock_day_shift(const char *day, long days, char out[11]);
#endif
